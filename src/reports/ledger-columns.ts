/**
 * The ledger's columns as an administration files them (隐患排查治理台账, protection-policy.md
 * §6.1): Chinese heading, English key, and how a hazard fills it. Shared by
 * `GET /api/v1/hazards/export` and the signed ledger report (`redline report ledger`), so the two
 * never disagree. Also the CSV cell rule that keeps a spreadsheet from running a cell as a formula.
 */
import { RISK_LEVELS, formatTime } from '../analysis/rules/words.js';
import { isOverdue } from '../ledger/deadlines.js';
import type { Hazard } from '../ledger/types.js';
import { HAZARD_STATUS_LABELS } from '../ledger/words.js';

/** A cell value of the ledger. */
export type LedgerValue = string | number | boolean | null;

/** One ledger column: its heading in both languages and how a hazard fills it. */
export interface LedgerColumn {
  readonly zh: string;
  readonly en: string;
  /** A time shown in the operator's zone (the heading names the zone). */
  readonly time?: true;
  readonly value: (h: Hazard, ctx: { readonly zone: string; readonly now: number }) => LedgerValue;
}

/** A time for people: in the operator's zone (the heading names the zone). */
export function localTime(ms: number | null, zone: string): string | null {
  if (ms === null) return null;
  return formatTime(ms, zone).en.replace(/ \(.*\)$/, '');
}

/** The columns, in the order of protection-policy.md §6.1. */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { zh: '隐患编号', en: 'hazard_id', value: (h) => h.id },
  { zh: '填报单位', en: 'reporting_org', value: (h) => h.reportingOrg },
  { zh: '排查日期', en: 'found_at', time: true, value: (h, c) => localTime(h.foundAt, c.zone) },
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
  { zh: '整改时限', en: 'deadline', time: true, value: (h, c) => localTime(h.deadline, c.zone) },
  { zh: '整改状态', en: 'status', value: (h) => `${HAZARD_STATUS_LABELS[h.status].zh} / ${HAZARD_STATUS_LABELS[h.status].en}` },
  { zh: '逾期', en: 'overdue', value: (h, c) => isOverdue(h, c.now) },
  { zh: '完成日期', en: 'fixed_at', time: true, value: (h, c) => localTime(h.fixedAt, c.zone) },
  { zh: '验收人', en: 'verified_by', value: (h) => h.verification?.by ?? null },
  { zh: '验收日期', en: 'verified_at', time: true, value: (h, c) => localTime(h.verification?.at ?? null, c.zone) },
  { zh: '验收结论', en: 'verification_result', value: (h) => h.verification?.result ?? null },
  { zh: '销号日期', en: 'closed_at', time: true, value: (h, c) => localTime(h.closedAt, c.zone) },
  { zh: '是否上报', en: 'reported_to_regulator', value: (h) => (h.regulatorReport === null ? null : `${h.regulatorReport.date} ${h.regulatorReport.to} ${h.regulatorReport.reference}`) },
  { zh: '挂牌督办', en: 'supervised', value: (h) => h.supervised },
  { zh: '重新打开次数', en: 'reopen_count', value: (h) => h.reopenCount },
];

/**
 * What makes a spreadsheet read a cell as a formula or a command: a leading = + - @ (ASCII or
 * full-width, as CJK input methods type them), tab, carriage return or line feed.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell made inert for spreadsheets: one that would start a formula gets a leading apostrophe. */
export function inertCell(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** A CSV cell: quoted when needed; a text that would start a formula is defused (`inertCell`). */
export function csvCell(v: LedgerValue): string {
  if (v === null) return '';
  const s = typeof v === 'string' ? inertCell(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
