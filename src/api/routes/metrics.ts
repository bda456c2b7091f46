/** `/metrics`: the Prometheus exposition of redline's own registry followed by the network families of the latest analysis pass. */
import type { RouteAccess } from '../../auth/types.js';
import { scrape } from '../../metrics/network-exposition.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../route.js';

/** The Prometheus scrape endpoint: public, or `read` when settings.auth.metricsRequireToken says so. */
export function metricsRoutes(deps: ApiDeps, access: RouteAccess = 'public'): Route[] {
  return [{
    method: 'GET',
    path: '/metrics',
    access,
    handler: async (_req, res) => {
      // the network families arrive rendered from the analysis worker: written as they are, never re-formatted here
      const { contentType, parts } = await scrape(deps.registry, deps.networkMetrics?.() ?? null);
      res.status(200).type(contentType);
      for (const p of parts) res.write(p);
      res.end();
    },
  }];
}
