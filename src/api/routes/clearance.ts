/**
 * `GET /api/v1/clearance`: 动态清零, whether the ledger is being cleared to zero — open hazards by
 * risk level and status, overdue ones, time to close and the trend, as the ledger's clearance
 * rules compute them from every hazard at the time of the request.
 */
import { clearance, type ClearanceReport } from '../../ledger/clearance.js';
import type { Hazard } from '../../ledger/types.js';
import type { ApiDeps } from '../deps.js';
import type { LedgerApi } from '../ledger-port.js';
import { intParam, iso } from '../params.js';
import type { Route } from '../route.js';
import { ledgerOf, ledgerRoute } from './ledger-http.js';

/** The clearance report now, over every hazard of the ledger (the API's endpoint and the console's overview). */
export async function clearanceNow(ledger: LedgerApi, days: number): Promise<ClearanceReport> {
  const now = ledger.now();
  const all: Hazard[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await ledger.store.hazards({ now, limit: 1000, offset });
    all.push(...page.items);
    if (page.items.length < 1000) break;
  }
  return clearance(all, now, { days, timeZone: ledger.timeZone() });
}

/** The clearance endpoint. */
export function clearanceRoutes(deps: ApiDeps): Route[] {
  return [ledgerRoute({
    method: 'GET',
    path: '/api/v1/clearance',
    access: 'read',
    // ?days=<1–366>: the window and the trend, ending today in the operator's zone (default 30)
    handler: async (req, res) => {
      const report = await clearanceNow(ledgerOf(deps), intParam(req, 'days', 30, 1, 366));
      res.json({ ...report, at: iso(report.at), window: { ...report.window, from: iso(report.window.from), to: iso(report.window.to) } });
    },
  })];
}
