/** `/api/v1/health-checks`: the HTTP health checks and their last result (host only, never the URL). */
import type { ApiDeps } from '../deps.js';
import { iso } from '../params.js';
import type { Route } from '../route.js';

/** The health-check list. */
export function healthCheckRoutes(deps: ApiDeps): Route[] {
  return [{
    method: 'GET',
    access: 'read',
    path: '/api/v1/health-checks',
    handler: (_req, res) => {
      const inv = deps.inventory();
      res.json({
        items: [...inv.health.values()].map((h) => {
          const r = deps.health(h.id);
          let host: string | null = null;
          try { host = new URL(h.url).host; } catch { host = null; }
          return {
            id: h.id,
            // only the host is shown: paths and queries can carry tokens
            host,
            standsFor: h.standsFor ?? null,
            status: r === null ? 'pending' : r.stale ? 'stale' : r.ok ? 'up' : 'down',
            at: iso(r?.at ?? null),
            httpStatus: r?.httpStatus ?? null,
            latencyMs: r?.latencyMs ?? null,
            reasons: r?.reasons ?? [],
          };
        }),
      });
    },
  }];
}
