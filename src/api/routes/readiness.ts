/** `/healthz` (the process is alive) and `/readyz` (every device polled once since start). */
import type { ApiDeps } from '../deps.js';
import type { Route } from '../route.js';

/** The liveness and readiness probes. */
export function readinessRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      access: 'public',
      handler: (_req, res) => {
        res.json({ status: 'ok' });
      },
    },
    {
      method: 'GET',
      path: '/readyz',
      access: 'public',
      handler: (_req, res) => {
        const r = deps.readiness();
        res.status(r.ready ? 200 : 503).json({ status: r.ready ? 'ready' : 'not_ready', ...(r.reason !== undefined ? { reason: r.reason } : {}), polled: r.polled, total: r.total });
      },
    },
  ];
}
