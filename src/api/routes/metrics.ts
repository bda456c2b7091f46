/** `/metrics`: the Prometheus exposition of redline's own registry. */
import type { RouteAccess } from '../../auth/types.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../route.js';

/** The Prometheus scrape endpoint: public, or `read` when settings.auth.metricsRequireToken says so. */
export function metricsRoutes(deps: ApiDeps, access: RouteAccess = 'public'): Route[] {
  return [{
    method: 'GET',
    path: '/metrics',
    access,
    handler: async (_req, res) => {
      const text = await deps.registry.metrics();
      res.type(deps.registry.contentType).send(text);
    },
  }];
}
