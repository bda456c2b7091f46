/**
 * `/api/v1/audit`: the audit trail for an inspector (inspector and admin only), in chain order,
 * paged by sequence number and filtered by actor, action, target (a prefix) or time; and the latest signed checkpoint,
 * which an inspector keeps so that a later truncation past it is caught by `verify-ledger`.
 */
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { intParam, iso } from '../params.js';
import type { Route } from '../route.js';
import { ledgerOf, ledgerRoute, timeParam } from './ledger-http.js';

/** A short text filter (`actor`, `action`), or undefined when absent. */
function textFilter(raw: unknown, name: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw === '' || raw.length > 200) throw new ApiError(400, 'bad_request', `${name} must be a non-empty text of at most 200 characters`);
  return raw;
}

/** The audit endpoints. */
export function auditRoutes(deps: ApiDeps): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/api/v1/audit',
      access: 'audit',
      // ?afterSeq=<seq>&limit=<n>&actor=<name>&action=<action>&target=<prefix>&from=<ISO>&until=<ISO>; `next` is the afterSeq of the next page
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const limit = intParam(req, 'limit', 200, 1, 1000);
        const afterSeq = intParam(req, 'afterSeq', 0, 0, Number.MAX_SAFE_INTEGER);
        const actor = textFilter(req.query['actor'], 'actor');
        const action = textFilter(req.query['action'], 'action');
        const target = textFilter(req.query['target'], 'target');
        const from = timeParam(req, 'from');
        const until = timeParam(req, 'until');
        const records = await ledger.store.audit({
          limit, afterSeq, ...(actor !== undefined ? { actor } : {}), ...(action !== undefined ? { action } : {}),
          ...(target !== undefined ? { target } : {}), ...(from !== null ? { from } : {}), ...(until !== null ? { until } : {}),
        });
        res.json({
          items: records.map((r) => ({ ...r, at: iso(r.at) })),
          next: records.length === limit ? records[records.length - 1]!.seq : null,
        });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/audit/checkpoint',
      access: 'audit',
      handler: async (_req, res) => {
        const cp = await ledgerOf(deps).latestCheckpoint();
        if (cp === null) throw new ApiError(404, 'not_found', 'no checkpoint signed yet: one is written after the first audit records and at shutdown');
        res.json(cp);
      },
    },
  ];
  return routes.map(ledgerRoute);
}
