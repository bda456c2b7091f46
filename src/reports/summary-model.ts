/**
 * The half-year and annual safety summaries (上半年/全年安全生产工作总结, 工信厅通信函〔2023〕46号
 * 三、（三）) as data: a pure function of the ledger and the records over a period, as of its end
 * (or now, while it is under way). Hazards found and closed by risk level and by grade; the
 * cleared-to-zero rate (清零率) of the hazards found in the period and of the backlog with them;
 * overdue at the end and closed late; single points of failure per measure and per protection
 * class, month by month from the findings history; special-period preparations, cutovers (approval,
 * protection restored), drills (results, switchover times), incidents (grade, reported in time);
 * the policy version; the coverage; the clause. The JSON export is this model
 * (docs/schemas/summary-report.schema.json); docs/reports.md defines every figure.
 */
import { COLOURS, MEASURES, type Bilingual, type Colour, type FindingState, type Measure } from '../analysis/finding.js';
import { MEASURE_LABELS, citeClause, type ClauseCitation } from '../analysis/rules/words.js';
import { PROTECTION_CLASSES, type ProtectionClass } from '../config/schema.js';
import { isOverdue } from '../ledger/deadlines.js';
import type { Hazard, HazardEvent, HazardGrade, HazardStatus } from '../ledger/types.js';
import type { ChecklistRecord, CutoverRecord, DrillRecord, IncidentRecord } from '../records/types.js';
import { inScope, statusAt, type ReportScope, type RuleFacts } from './audit-model.js';
import { periodEnd, type SummaryPeriod } from './summary-period.js';

/** The clause that asks for the summaries. */
export const SUMMARY_CLAUSE = 'MIIT-2023-46/3.3';

/** A finding as sampled at a month's end: enough to count single points of failure. */
export interface SampledFinding {
  readonly rule: string;
  readonly state: FindingState;
  readonly class: ProtectionClass | null;
  readonly sites: readonly string[];
}

/** Whether protection came back after a cutover window (the findings history on its elements). */
export type CutoverRestoration =
  /** Every finding on its elements that began failing in the window had recovered by the end of the period. */
  | { readonly status: 'restored'; readonly failedInWindow: number }
  /** These findings began failing in the window and still failed at the end of the period. */
  | { readonly status: 'notRestored'; readonly failedInWindow: number; readonly stillFailing: readonly string[] }
  /** The window had not ended (with its grace) by the end of the period. */
  | { readonly status: 'pending' }
  /** A draft or cancelled cutover: no work was done. */
  | { readonly status: 'notApplicable' };

/** What the summary is built from. */
export interface SummaryInput {
  readonly createdAt: number;
  readonly period: SummaryPeriod;
  readonly scope: ReportScope;
  readonly timeZone: string;
  readonly provinces: ReadonlyMap<string, string>;
  readonly rules: ReadonlyMap<string, RuleFacts>;
  readonly hazards: readonly { readonly hazard: Hazard; readonly events: readonly HazardEvent[] }[];
  /** The findings present at each month's end (the last sample at the summary's end), oldest first. */
  readonly samples: readonly { readonly label: string; readonly at: number; readonly findings: readonly SampledFinding[] }[];
  /** Null when the records are not kept where the report was made. */
  readonly records: {
    readonly checklists: readonly ChecklistRecord[];
    readonly cutovers: readonly { readonly record: CutoverRecord; readonly restoration: CutoverRestoration }[];
    readonly drills: readonly DrillRecord[];
    readonly incidents: readonly IncidentRecord[];
  } | null;
  readonly policyHash: string | null;
  readonly coverage: { readonly at: string; readonly catalogue: number; readonly evaluated: number; readonly skipped: number } | null;
  readonly signingKey: { readonly keyId: string; readonly fingerprint: string } | null;
}

/** The hazard figures of one group (a risk level, a grade, or all). */
export interface HazardFigures {
  /** Found in the period (排查发现). */
  readonly found: number;
  /** Closed (销号) in the period, whenever found. */
  readonly closed: number;
  /** Found in the period and closed at its end. */
  readonly foundAndClosed: number;
  /** Not closed at the end of the period. */
  readonly openAtEnd: number;
  /** Not closed and past the deadline at the end of the period. */
  readonly overdueAtEnd: number;
  /** Closed in the period with the fix (完成日期, else 销号) after the deadline. */
  readonly closedLate: number;
}

/** The grade keys: the two grades, and hazards nobody has graded yet. */
export const SUMMARY_GRADES = ['一般隐患', '重大隐患', 'ungraded'] as const;
/** One of SUMMARY_GRADES. */
export type SummaryGrade = (typeof SUMMARY_GRADES)[number];

/** A hazard line of the summary: one found, closed, or still open in the period. */
export interface SummaryHazard {
  readonly id: string;
  readonly rule: string | null;
  readonly class: ProtectionClass;
  readonly description: Bilingual;
  readonly colour: Colour;
  readonly grade: HazardGrade | null;
  readonly foundAt: string;
  readonly deadline: string;
  readonly fixedAt: string | null;
  readonly closedAt: string | null;
  readonly foundInPeriod: boolean;
  readonly closedInPeriod: boolean;
  readonly statusAtEnd: HazardStatus;
  readonly overdueAtEnd: boolean;
  readonly closedLate: boolean;
}

/** The summary, as the JSON export carries it. */
export interface SummaryModel {
  readonly schema: 'redline/summary-report/1';
  readonly kind: 'summary';
  readonly createdAt: string;
  readonly timeZone: string;
  readonly period: { readonly id: string; readonly kind: SummaryPeriod['kind']; readonly year: number; readonly from: string; readonly to: string; readonly asOf: string; readonly complete: boolean };
  readonly scope: ReportScope;
  readonly clause: ClauseCitation;
  readonly policy: { readonly inForce: string | null };
  readonly coverage: SummaryInput['coverage'];
  readonly signingKey: SummaryInput['signingKey'];
  readonly hazards: {
    readonly total: HazardFigures;
    readonly byRiskLevel: Readonly<Record<Colour, HazardFigures>>;
    readonly byGrade: Readonly<Record<SummaryGrade, HazardFigures>>;
    /** 清零率: found in the period and closed by its end ÷ found in the period (null when none was found). */
    readonly clearanceRate: number | null;
    /** The backlog view: open at the start, of them closed by the end, and (backlog + found) closed by the end ÷ (backlog + found). */
    readonly backlog: { readonly openAtStart: number; readonly closedByEnd: number; readonly rateWithFound: number | null };
    readonly lines: readonly SummaryHazard[];
  };
  readonly spofs: {
    readonly months: readonly { readonly label: string; readonly at: string }[];
    readonly byMeasure: readonly { readonly measure: Measure; readonly label: Bilingual; readonly counts: readonly number[] }[];
    readonly byClass: readonly { readonly class: ProtectionClass; readonly counts: readonly number[] }[];
    /** Single points of failure whose rule judges no measure (or whose class is unknown), per month: counted in the totals only. */
    readonly total: readonly number[];
  };
  readonly records: {
    readonly kept: boolean;
    readonly checklists: readonly { readonly id: string; readonly title: string; readonly periodId: string; readonly dueAt: string; readonly status: ChecklistRecord['status']; readonly items: number; readonly checked: number; readonly problems: number; readonly readyByDue: boolean }[];
    readonly cutovers: readonly {
      readonly id: string; readonly ref: string; readonly title: string; readonly category: CutoverRecord['category']; readonly status: CutoverRecord['status'];
      readonly windowStart: string; readonly windowEnd: string; readonly emergency: boolean; readonly approvedBy: string | null; readonly approvedAt: string | null;
      /** Approved before its window began (or an emergency change approved at all). */
      readonly approvedInTime: boolean;
      readonly restoration: CutoverRestoration;
    }[];
    readonly drills: readonly { readonly id: string; readonly title: string; readonly scenario: string; readonly group: string | null; readonly start: string; readonly status: DrillRecord['status']; readonly result: DrillRecord['result']; readonly measuredSwitchMs: number | null; readonly participants: number; readonly observed: number }[];
    readonly incidents: readonly { readonly id: string; readonly title: string; readonly grade: IncidentRecord['grade']; readonly start: string; readonly end: string | null; readonly reportedAt: string | null; readonly reportDeadlineMinutes: number; readonly report: 'inTime' | 'late' | 'notReported'; readonly status: IncidentRecord['status']; readonly affectedServices: readonly string[] }[];
  };
  readonly totals: {
    readonly hazardsFound: number;
    readonly hazardsClosed: number;
    readonly overdueAtEnd: number;
    readonly spofsAtEnd: number;
    readonly checklists: number;
    readonly cutovers: number;
    readonly cutoversNotRestored: number;
    readonly drills: number;
    readonly drillsFailed: number;
    readonly incidents: number;
    readonly incidentsNotReportedInTime: number;
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const zero = (): { -readonly [K in keyof HazardFigures]: number } => ({ found: 0, closed: 0, foundAndClosed: 0, openAtEnd: 0, overdueAtEnd: 0, closedLate: 0 });

/** Whether a hazard was closed (销号) in [from, end]: a closing event then, or, without status events, its closing date. */
function closedWithin(h: Hazard, events: readonly HazardEvent[], from: number, end: number): boolean {
  const closings = events.filter((e) => e.to === 'closed');
  if (closings.length > 0) return closings.some((e) => e.at >= from && e.at <= end);
  return h.closedAt !== null && h.closedAt >= from && h.closedAt <= end;
}

/** An incident's report: within its deadline from the start, late, or not yet. */
export function incidentReport(i: Pick<IncidentRecord, 'start' | 'reportedAt' | 'reportDeadlineMinutes'>): 'inTime' | 'late' | 'notReported' {
  if (i.reportedAt === null) return 'notReported';
  return i.reportedAt - i.start <= i.reportDeadlineMinutes * 60_000 ? 'inTime' : 'late';
}

/** Builds the summary (pure). */
export function buildSummaryModel(input: SummaryInput): SummaryModel {
  const { period: p } = input;
  const from = p.from;
  const end = periodEnd(p, input.createdAt);

  const total = zero();
  const byRiskLevel = Object.fromEntries(COLOURS.map((c) => [c, zero()])) as Record<Colour, ReturnType<typeof zero>>;
  const byGrade = Object.fromEntries(SUMMARY_GRADES.map((g) => [g, zero()])) as Record<SummaryGrade, ReturnType<typeof zero>>;
  const lines: SummaryHazard[] = [];
  let openAtStart = 0;
  let backlogClosed = 0;
  for (const { hazard: h, events } of input.hazards) {
    const sites = h.location.sites.length > 0 ? h.location.sites : h.location.siteId === null ? [] : [h.location.siteId];
    if (!inScope(input.scope, h.protectionClass, sites, input.provinces)) continue;
    const atEnd = statusAt(h, events, end);
    if (atEnd === null) continue;
    const atStart = statusAt(h, events, from - 1);
    const found = h.foundAt >= from && h.foundAt <= end;
    const closed = closedWithin(h, events, from, end);
    const open = atEnd !== 'closed';
    const overdue = open && isOverdue({ status: atEnd, fixedAt: h.fixedAt !== null && h.fixedAt <= end ? h.fixedAt : null, deadline: h.deadline }, end);
    const late = closed && (h.fixedAt ?? h.closedAt ?? end) > h.deadline;
    const backlog = atStart !== null && atStart !== 'closed';
    if (backlog) {
      openAtStart++;
      if (!open) backlogClosed++;
    }
    if (!found && !closed && !open) continue;
    for (const f of [total, byRiskLevel[h.colour], byGrade[h.grade ?? 'ungraded']]) {
      if (found) f.found++;
      if (closed) f.closed++;
      if (found && !open) f.foundAndClosed++;
      if (open) f.openAtEnd++;
      if (overdue) f.overdueAtEnd++;
      if (late) f.closedLate++;
    }
    lines.push({
      id: h.id, rule: h.rule, class: h.protectionClass, description: h.description, colour: h.colour, grade: h.grade,
      foundAt: iso(h.foundAt), deadline: iso(h.deadline), fixedAt: h.fixedAt === null ? null : iso(h.fixedAt), closedAt: h.closedAt === null ? null : iso(h.closedAt),
      foundInPeriod: found, closedInPeriod: closed, statusAtEnd: atEnd, overdueAtEnd: overdue, closedLate: late,
    });
  }
  lines.sort((a, b) => a.foundAt.localeCompare(b.foundAt) || a.id.localeCompare(b.id));

  // single points of failure (unprotected findings) at each month's end, by measure and by class
  const measureOf = (rule: string): Measure | null => {
    const m = input.rules.get(rule)?.measure;
    return m === undefined || m === 'environment' || m === 'operations' ? null : m;
  };
  const spofsAt = input.samples.map((s) => s.findings.filter((f) => f.state === 'unprotected' && inScope(input.scope, f.class, f.sites, input.provinces)));
  const byMeasure = MEASURES.map((m) => ({ measure: m, label: MEASURE_LABELS[m], counts: spofsAt.map((fs) => fs.filter((f) => measureOf(f.rule) === m).length) }));
  const byClass = PROTECTION_CLASSES.map((c) => ({ class: c, counts: spofsAt.map((fs) => fs.filter((f) => f.class === c).length) }));

  const r = input.records;
  const inPeriod = (t: number): boolean => t >= from && t <= end;
  const checklists = (r?.checklists ?? []).filter((c) => inPeriod(c.dueAt)).sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id)).map((c) => ({
    id: c.id, title: c.title, periodId: c.periodId, dueAt: iso(c.dueAt), status: c.status, items: c.items.length,
    checked: c.items.filter((i) => i.checkedAt !== null).length, problems: c.items.filter((i) => i.result === 'problem').length,
    readyByDue: c.items.length > 0 && c.items.every((i) => i.checkedAt !== null && i.checkedAt <= c.dueAt),
  }));
  const cutovers = (r?.cutovers ?? []).filter(({ record: c }) => c.windowStart <= end && c.windowEnd >= from)
    .sort((a, b) => a.record.windowStart - b.record.windowStart || a.record.id.localeCompare(b.record.id))
    .map(({ record: c, restoration }) => ({
      id: c.id, ref: c.ref, title: c.title, category: c.category, status: c.status, windowStart: iso(c.windowStart), windowEnd: iso(c.windowEnd), emergency: c.emergency,
      approvedBy: c.approvedBy, approvedAt: c.approvedAt === null ? null : iso(c.approvedAt),
      approvedInTime: c.approvedAt !== null && c.approvedBy !== null && (c.emergency || c.approvedAt <= c.windowStart),
      restoration,
    }));
  const drills = (r?.drills ?? []).filter((d) => inPeriod(d.start)).sort((a, b) => a.start - b.start || a.id.localeCompare(b.id)).map((d) => ({
    id: d.id, title: d.title, scenario: d.scenario, group: d.group, start: iso(d.start), status: d.status, result: d.result, measuredSwitchMs: d.measuredSwitchMs,
    participants: d.participants.length, observed: d.observed.length,
  }));
  const incidents = (r?.incidents ?? []).filter((i) => inPeriod(i.start)).sort((a, b) => a.start - b.start || a.id.localeCompare(b.id)).map((i) => ({
    id: i.id, title: i.title, grade: i.grade, start: iso(i.start), end: i.end === null ? null : iso(i.end), reportedAt: i.reportedAt === null ? null : iso(i.reportedAt),
    reportDeadlineMinutes: i.reportDeadlineMinutes, report: incidentReport(i), status: i.status, affectedServices: [...i.affectedServices],
  }));

  return {
    schema: 'redline/summary-report/1',
    kind: 'summary',
    createdAt: iso(input.createdAt),
    timeZone: input.timeZone,
    period: { id: p.id, kind: p.kind, year: p.year, from: iso(p.from), to: iso(p.to), asOf: iso(end), complete: end === p.to - 1 },
    scope: input.scope,
    clause: citeClause(SUMMARY_CLAUSE),
    policy: { inForce: input.policyHash },
    coverage: input.coverage,
    signingKey: input.signingKey,
    hazards: {
      total, byRiskLevel, byGrade,
      clearanceRate: total.found === 0 ? null : total.foundAndClosed / total.found,
      backlog: { openAtStart, closedByEnd: backlogClosed, rateWithFound: openAtStart + total.found === 0 ? null : (backlogClosed + total.foundAndClosed) / (openAtStart + total.found) },
      lines,
    },
    spofs: { months: input.samples.map((s) => ({ label: s.label, at: iso(s.at) })), byMeasure, byClass, total: spofsAt.map((fs) => fs.length) },
    records: { kept: r !== null, checklists, cutovers, drills, incidents },
    totals: {
      hazardsFound: total.found,
      hazardsClosed: total.closed,
      overdueAtEnd: total.overdueAtEnd,
      spofsAtEnd: spofsAt.at(-1)?.length ?? 0,
      checklists: checklists.length,
      cutovers: cutovers.length,
      cutoversNotRestored: cutovers.filter((c) => c.restoration.status === 'notRestored').length,
      drills: drills.length,
      drillsFailed: drills.filter((d) => d.result === 'fail').length,
      incidents: incidents.length,
      incidentsNotReportedInTime: incidents.filter((i) => i.report !== 'inTime').length,
    },
  };
}
