/**
 * `GET /api/v1/hazards/export`: the ledger as an inspector files it, CSV (UTF-8 with a byte-order
 * mark so spreadsheet programs read the Chinese) or JSON, one column per field of
 * protection-policy.md §6.1 with bilingual headers, times in the operator's zone with the zone
 * named. The list filters of `/api/v1/hazards` apply. Every export appends an audit record
 * (action `export`): who took which part of the ledger, and when.
 */
import type { Response } from 'express';
import { RISK_LEVELS, formatTime } from '../../analysis/rules/words.js';
import { isOverdue } from '../../ledger/deadlines.js';
import type { Hazard } from '../../ledger/types.js';
import { HAZARD_STATUS_LABELS } from '../../ledger/words.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { LedgerApi } from '../ledger-port.js';
import type { Route } from '../route.js';
import { actorOf } from '../../auth/middleware.js';
import { hazardQueryOf, ledgerOf } from './ledger-http.js';

/** One export column: its header in both languages and how a hazard fills it. */
interface Column {
  readonly zh: string;
  readonly en: string;
  readonly value: (h: Hazard, ctx: { readonly ledger: LedgerApi; readonly zone: string; readonly now: number }) => string | number | boolean | null;
}

/** A time for people: in the operator's zone (the header names the zone). */
function local(ms: number | null, zone: string): string | null {
  if (ms === null) return null;
  return formatTime(ms, zone).en.replace(/ \(.*\)$/, '');
}

/** The columns, in the order of protection-policy.md §6.1. */
const COLUMNS: readonly Column[] = [
  { zh: '隐患编号', en: 'hazard_id', value: (h) => h.id },
  { zh: '填报单位', en: 'reporting_org', value: (h) => h.reportingOrg },
  { zh: '排查日期', en: 'found_at', value: (h, c) => local(h.foundAt, c.zone) },
  { zh: '排查方式', en: 'found_by_method', value: (h) => h.foundByMethod },
  { zh: '排查人', en: 'found_by', value: (h) => h.foundBy },
  { zh: '隐患部位（局站）', en: 'site_id', value: (h) => h.location.siteId ?? h.location.sites.join(' ') },
  { zh: '隐患部位（机房）', en: 'room_id', value: (h) => h.location.roomId ?? null },
  { zh: '隐患部位（网元）', en: 'ne_id', value: (h) => h.location.neId ?? null },
  { zh: '隐患部位（线路）', en: 'route_id', value: (h) => h.location.routeId ?? null },
  { zh: '保护类别', en: 'protection_class', value: (h) => h.protectionClass },
  { zh: '隐患类别', en: 'category', value: (h) => h.category },
  { zh: '隐患描述', en: 'description', value: (h) => `${h.description.zh} / ${h.description.en}` },
  { zh: '判定依据', en: 'basis', value: (h) => [h.rule, ...h.basis.map((b) => b.cite.zh)].filter((x) => x !== null).join('; ') },
  { zh: '风险等级', en: 'risk_level', value: (h) => `${RISK_LEVELS[h.colour].level.zh} / ${RISK_LEVELS[h.colour].level.en}` },
  { zh: '隐患级别', en: 'hazard_grade', value: (h) => h.grade },
  { zh: '建议隐患级别', en: 'suggested_grade', value: (h) => h.suggestedGrade },
  { zh: '可能后果', en: 'potential_consequence', value: (h) => h.potentialConsequence },
  { zh: '临时管控措施', en: 'interim_controls', value: (h) => h.interimControls },
  { zh: '整改措施', en: 'remediation_plan', value: (h) => h.remediationPlan },
  { zh: '治理方案', en: 'governance_plan', value: (h) => (h.governancePlan === null ? null : JSON.stringify(h.governancePlan)) },
  { zh: '整改责任单位', en: 'owner_org', value: (h) => h.ownerOrg },
  { zh: '责任人', en: 'owner_person', value: (h) => h.ownerPerson },
  { zh: '实施单位（代维）', en: 'contractor_org', value: (h) => h.contractorOrg },
  { zh: '实施人', en: 'contractor_person', value: (h) => h.contractorPerson },
  { zh: '整改资金', en: 'funding', value: (h) => h.funding },
  { zh: '整改时限', en: 'deadline', value: (h, c) => local(h.deadline, c.zone) },
  { zh: '整改状态', en: 'status', value: (h) => `${HAZARD_STATUS_LABELS[h.status].zh} / ${HAZARD_STATUS_LABELS[h.status].en}` },
  { zh: '逾期', en: 'overdue', value: (h, c) => isOverdue(h, c.now) },
  { zh: '完成日期', en: 'fixed_at', value: (h, c) => local(h.fixedAt, c.zone) },
  { zh: '验收人', en: 'verified_by', value: (h) => h.verification?.by ?? null },
  { zh: '验收日期', en: 'verified_at', value: (h, c) => local(h.verification?.at ?? null, c.zone) },
  { zh: '验收结论', en: 'verification_result', value: (h) => h.verification?.result ?? null },
  { zh: '销号日期', en: 'closed_at', value: (h, c) => local(h.closedAt, c.zone) },
  { zh: '是否上报', en: 'reported_to_regulator', value: (h) => (h.regulatorReport === null ? null : `${h.regulatorReport.date} ${h.regulatorReport.to} ${h.regulatorReport.reference}`) },
  { zh: '挂牌督办', en: 'supervised', value: (h) => h.supervised },
  { zh: '重新打开次数', en: 'reopen_count', value: (h) => h.reopenCount },
];

/** A CSV cell: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

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
function send(res: Response, format: 'csv' | 'json', hazards: readonly Hazard[], ctx: { ledger: LedgerApi; zone: string; now: number }): void {
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
  const header = COLUMNS.map((c) => csvCell(/^(found_at|deadline|fixed_at|verified_at|closed_at)$/.test(c.en) ? `${c.zh} ${c.en} (${ctx.zone})` : `${c.zh} ${c.en}`)).join(',');
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
      send(res, format, hazards, { ledger, zone: ledger.timeZone(), now });
    },
  };
}
