/**
 * `GET /api/v1/findings?at=<ISO time>`: what redline knew at that time, from the ledger's
 * findings history (each finding's state then, the policy version that judged it), paged with
 * limit and offset only. Without `at` the request goes to the findings route it wraps (the
 * latest analysis, as before).
 */
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { intParam, iso } from '../params.js';
import type { Route } from '../route.js';
import { ledgerOf, ledgerRoute, timeParam } from './ledger-http.js';

/** The findings routes with `?at=` answered from the ledger; `latest` answers the rest. */
export function ledgerFindingRoutes(deps: ApiDeps, latest: readonly Route[]): Route[] {
  return latest.map((route) => {
    if (route.method !== 'GET' || route.path !== '/api/v1/findings') return route;
    return ledgerRoute({
      ...route,
      handler: async (req, res) => {
        const at = timeParam(req, 'at');
        if (at === null) {
          await route.handler(req, res);
          return;
        }
        // the history pages by fingerprint: a filter applied after paging would give wrong totals, so none is taken
        const filters = ['state', 'colour', 'class', 'site', 'rule'].filter((k) => req.query[k] !== undefined);
        if (filters.length > 0) throw new ApiError(400, 'bad_request', `with ?at= only limit and offset apply (not ${filters.join(', ')})`);
        const ledger = ledgerOf(deps);
        const limit = intParam(req, 'limit', 1000, 1, 10_000);
        const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
        const page = await ledger.store.findingsAt(at, { limit, offset });
        res.json({
          at: iso(at),
          source: 'ledger',
          total: page.total,
          offset,
          limit,
          items: page.items.map((f) => ({ ...f, firstSeen: iso(f.firstSeen), lastSeen: iso(f.lastSeen), since: iso(f.since) })),
        });
      },
    });
  });
}
