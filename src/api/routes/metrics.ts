/** `/metrics`: the Prometheus exposition of redline's own registry. */
import type { ApiDeps } from '../deps.js';
import type { Route } from '../route.js';

/** The Prometheus scrape endpoint. */
export function metricsRoutes(deps: ApiDeps): Route[] {
  return [{
    method: 'GET',
    path: '/metrics',
    handler: async (_req, res) => {
      const text = await deps.registry.metrics();
      res.type(deps.registry.contentType).send(text);
    },
  }];
}
