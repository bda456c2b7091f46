/**
 * `GET /api/v1/hazards/export`: the ledger as an inspector files it, CSV (UTF-8 with a byte-order
 * mark so spreadsheet programs read the Chinese) or JSON, one column per field of
 * protection-policy.md §6.1 with bilingual headers, times in the operator's zone with the zone
 * named (the columns: src/reports/ledger-columns.ts, shared with the signed ledger report). The list filters of `/api/v1/hazards` apply. Every export appends an audit record
 * (action `export`): who took which part of the ledger, and when.
 */
import type { Response } from 'express';
import type { Hazard } from '../../ledger/types.js';
import { LEDGER_COLUMNS as COLUMNS, csvCell } from '../../reports/ledger-columns.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { LedgerApi } from '../ledger-port.js';
import type { Route } from '../route.js';
import { actorOf } from '../../auth/middleware.js';
import { hazardQueryOf, ledgerOf } from './ledger-http.js';

/** Every hazard the query matches, page by page. */
async function allMatching(ledger: LedgerApi, query: ReturnType<typeof hazardQueryOf>): Promise<Hazard[]> {
  const out: Hazard[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await ledger.store.hazards({ ...query, limit: 1000, offset });
    out.push(...page.items);
    if (page.items.length < 1000) return out;
  }
}

/** Sends the export in `format`. */
function send(res: Response, format: 'csv' | 'json', hazards: readonly Hazard[], ctx: { zone: string; now: number }): void {
  const stamp = new Date(ctx.now).toISOString().slice(0, 10);
  if (format === 'json') {
    res.setHeader('Content-Disposition', `attachment; filename="redline-hazards-${stamp}.json"`);
    res.json({
      exportedAt: new Date(ctx.now).toISOString(),
      timeZone: ctx.zone,
      columns: COLUMNS.map((c) => ({ key: c.en, zh: c.zh, en: c.en })),
      rows: hazards.map((h) => Object.fromEntries(COLUMNS.map((c) => [c.en, c.value(h, ctx)]))),
    });
    return;
  }
  const header = COLUMNS.map((c) => csvCell(c.time === true ? `${c.zh} ${c.en} (${ctx.zone})` : `${c.zh} ${c.en}`)).join(',');
  const lines = hazards.map((h) => COLUMNS.map((c) => csvCell(c.value(h, ctx))).join(','));
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="redline-hazards-${stamp}.csv"`);
  res.send(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`);
}

/** The export route (`?format=csv|json`, default csv; the list's filters apply). */
export function exportRoute(deps: ApiDeps): Route {
  return {
    method: 'GET',
    path: '/api/v1/hazards/export',
    access: 'audit',
    handler: async (req, res) => {
      const ledger = ledgerOf(deps);
      const format = req.query['format'] ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new ApiError(400, 'bad_request', 'format must be csv or json');
      const now = ledger.now();
      const query = hazardQueryOf(req, now);
      const hazards = await allMatching(ledger, query);
      const filters = Object.fromEntries(Object.entries(query).filter(([k]) => !['now', 'limit', 'offset'].includes(k)));
      // recorded before the answer leaves: an export nobody can see in the audit trail never happens
      await ledger.store.appendAudit({ at: now, actor: actorOf(res), action: 'export', target: 'hazards', before: null, after: { format, rows: hazards.length, filters } });
      send(res, format, hazards, { zone: ledger.timeZone(), now });
    },
  };
}
