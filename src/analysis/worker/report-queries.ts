/**
 * Questions asked of a whole analysis report where it lives (the analysis worker): a filtered
 * page of findings with the findings envelope, and the coverage statement filtered by status,
 * reason and rule. Each answer is the JSON text of the response body, built beside the report,
 * so the daemon's thread neither holds tens of thousands of findings nor serialises them; it
 * only copies a string to the socket. Pure: the same functions serve the worker and the
 * in-process view (`inProcessReportView`) that tests use.
 */
import type { AnalysisReport } from '../analyze.js';
import { COLOURS, type Colour, type Finding, type FindingState } from '../finding.js';

/** A filtered page of findings (the filters of `GET /api/v1/findings`, already validated). */
export interface FindingsQuery {
  readonly states: readonly FindingState[];
  /** Null: any colour (protected findings included). */
  readonly colours: readonly Colour[] | null;
  readonly classes: readonly string[] | null;
  /** A finding matches when one of its sites is listed. */
  readonly sites: readonly string[] | null;
  readonly rules: readonly string[] | null;
  readonly limit: number;
  readonly offset: number;
  /** Only findings of these measures (the console's filter); absent: any. */
  readonly measures?: readonly string[] | null;
  /** Only findings whose subject is or contains this device (`cr1` matches `cr1+cr2`); absent: any. */
  readonly device?: string | null;
}

/** The filters of `GET /api/v1/coverage` (the totals always describe the whole run). */
export interface CoverageQuery {
  readonly status: 'evaluated' | 'skipped' | null;
  readonly reasons: readonly string[] | null;
  readonly rules: readonly string[] | null;
}

/** The report cannot be read now: its holder is busy past the time limit or restarting (`busy`), or holds no report yet (`not_ready`). */
export class AnalysisUnavailableError extends Error {
  constructor(readonly code: 'busy' | 'not_ready', readonly retryAfterSeconds: number, message: string) {
    super(message);
  }
}

/** An answer as the API sends it: the JSON text of the response body. */
export interface ReportPage {
  readonly json: string;
}

const isoOf = (ms: number): string => new Date(ms).toISOString();

/** The findings page and its envelope (summary, waivers, periods, readiness, coverage) as JSON text. */
export function findingsJson(report: AnalysisReport, analysedAt: number, stale: boolean, q: FindingsQuery): string {
  const states = new Set<string>(q.states);
  const colours = q.colours === null ? null : new Set<string>(q.colours);
  const classes = q.classes === null ? null : new Set(q.classes);
  const sites = q.sites === null ? null : new Set(q.sites);
  const rules = q.rules === null ? null : new Set(q.rules);
  const measures = q.measures === undefined || q.measures === null ? null : new Set(q.measures);
  const device = q.device ?? null;
  const keep = (f: Finding): boolean =>
    states.has(f.state) &&
    (colours === null || (f.colour !== null && colours.has(f.colour))) &&
    (classes === null || classes.has(f.class)) &&
    (sites === null || f.sites.some((x) => sites.has(x))) &&
    (rules === null || rules.has(f.rule)) &&
    (measures === null || measures.has(f.measure)) &&
    (device === null || f.subject.id === device || f.subject.id.split('+').includes(device));
  // count every match, keep only the page: a page of 100 out of 65,000 copies 100
  const items: Finding[] = [];
  let total = 0;
  for (const f of report.findings) {
    if (!keep(f)) continue;
    if (total >= q.offset && items.length < q.limit) items.push(f);
    total++;
  }
  return JSON.stringify({
    at: isoOf(report.at),
    analysedAt: isoOf(analysedAt),
    stale,
    total,
    offset: q.offset,
    limit: q.limit,
    items,
    summary: report.summary,
    waivers: report.waivers,
    periods: report.periods,
    readiness: report.readiness,
    coverage: report.coverage,
  });
}

/** The coverage statement with its rules filtered, as JSON text. */
export function coverageJson(report: AnalysisReport, q: CoverageQuery): string {
  const reasons = q.reasons === null ? null : new Set(q.reasons);
  const rules = q.rules === null ? null : new Set(q.rules);
  const c = report.coverage;
  return JSON.stringify({
    ...c,
    rules: c.rules.filter((r) => (q.status === null || r.status === q.status) && (reasons === null || (r.reason !== null && reasons.has(r.reason))) && (rules === null || rules.has(r.rule))),
  });
}

/** The small part of a report the daemon's thread keeps per pass (the API validates `rule=` against it). */
export interface ReportDigest {
  /** The report's time (ms). */
  readonly at: number;
  /** The rules of this run, as `rule=` accepts them. */
  readonly rules: readonly string[];
}

/** The digest of a report. */
export function digestOf(report: AnalysisReport): ReportDigest {
  return { at: report.at, rules: report.summary.rules.map((r) => r.rule) };
}

/** The latest report as the API reads it: its digest, and questions answered where the report lives. */
export interface ReportView extends ReportDigest {
  /** The time the pass analysed (ms). */
  readonly analysedAt: number;
  /** True when a later pass failed or its worker crashed: this report is the last good one. */
  readonly stale: boolean;
  /** A filtered page of findings with the envelope; rejects when the report's holder is busy or gone. */
  findings(query: FindingsQuery): Promise<ReportPage>;
  /** The filtered coverage statement; rejects like `findings`. */
  coverage(query: CoverageQuery): Promise<ReportPage>;
  /** The console's overview (`overviewJson`); rejects like `findings`. */
  overview(query: OverviewQuery): Promise<ReportPage>;
}

/** A report held on this thread, as a view (tests, and a daemon without the worker). */
export function inProcessReportView(report: AnalysisReport, analysedAt: number, stale = false): ReportView {
  return {
    ...digestOf(report),
    analysedAt,
    stale,
    findings: (q) => Promise.resolve({ json: findingsJson(report, analysedAt, stale, q) }),
    coverage: (q) => Promise.resolve({ json: coverageJson(report, q) }),
    overview: (q) => Promise.resolve({ json: overviewJson(report, analysedAt, stale, q) }),
  };
}

/** What the console's overview asks of a report (`overviewJson`). */
export interface OverviewQuery {
  /** How many single points of failure to list (the count covers them all). */
  readonly spofLimit: number;
}

/** The worst state of one (site, class, measure): every finding touching the site counts on it. */
export interface ProtectionCell {
  readonly site: string;
  readonly class: string;
  readonly measure: Finding['measure'];
  readonly worst: FindingState;
  readonly states: Readonly<Record<FindingState, number>>;
}

/** A coverage rule without its subject list (the overview needs why a rule was skipped, not on what it ran). */
export type CoverageRuleDigest = Omit<AnalysisReport['coverage']['rules'][number], 'subjects'> & { readonly subjects: { readonly count: number } };

/** The console's overview of a report: protection cells, single points of failure, periods and the coverage digest. */
export interface OverviewAnswer {
  readonly at: string;
  readonly analysedAt: string;
  readonly stale: boolean;
  readonly byState: AnalysisReport['summary']['byState'];
  readonly byColour: AnalysisReport['summary']['byColour'];
  readonly cells: readonly ProtectionCell[];
  /** Unprotected or down subjects whose failure is a single point of failure (severity `spof`), the reddest first. */
  readonly spof: { readonly total: number; readonly items: readonly Finding[] };
  readonly periods: AnalysisReport['periods'];
  /** Findings whose risk level a special period raised, by period id (the period's effect now). */
  readonly raisedByPeriod: Readonly<Record<string, number>>;
  /** Readiness sweeps due, with how many findings each holds. */
  readonly readiness: readonly (Omit<AnalysisReport['readiness'][number], 'findings'> & { readonly findings: number })[];
  readonly coverage: readonly CoverageRuleDigest[];
}

const WORST_FIRST: readonly FindingState[] = ['down', 'unprotected', 'degraded', 'unknown', 'protected'];

/** Whether a finding is a single point of failure now: unprotected or down, with the `spof` severity. */
export function isSpof(f: Pick<Finding, 'state' | 'severity'>): boolean {
  return (f.state === 'unprotected' || f.state === 'down') && f.severity === 'spof';
}

/**
 * The overview of a report as JSON text: one pass over the findings (65,000 of them cost a few
 * milliseconds), so neither the findings nor the coverage's subject lists cross to the daemon.
 */
export function overviewJson(report: AnalysisReport, analysedAt: number, stale: boolean, q: OverviewQuery): string {
  const cells = new Map<string, { site: string; class: string; measure: Finding['measure']; states: Record<FindingState, number> }>();
  const spof: Finding[] = [];
  const raised: Record<string, number> = {};
  for (const f of report.findings) {
    if (f.period !== undefined) raised[f.period.id] = (raised[f.period.id] ?? 0) + 1;
    for (const site of f.sites) {
      const key = `${site}\n${f.class}\n${f.measure}`;
      let c = cells.get(key);
      if (c === undefined) {
        c = { site, class: f.class, measure: f.measure, states: { protected: 0, degraded: 0, unprotected: 0, down: 0, unknown: 0 } };
        cells.set(key, c);
      }
      c.states[f.state]++;
    }
    if (isSpof(f)) spof.push(f);
  }
  // the reddest first (the report's order, worst state first, within a colour)
  const colourRank = (f: Finding): number => (f.colour === null ? -1 : COLOURS.indexOf(f.colour));
  const listed = spof.map((f, i) => ({ f, i })).sort((a, b) => colourRank(b.f) - colourRank(a.f) || a.i - b.i).slice(0, q.spofLimit).map((x) => x.f);
  const answer: OverviewAnswer = {
    at: isoOf(report.at),
    analysedAt: isoOf(analysedAt),
    stale,
    byState: report.summary.byState,
    byColour: report.summary.byColour,
    cells: [...cells.values()].map((c) => ({ ...c, worst: WORST_FIRST.find((s) => c.states[s] > 0) ?? 'protected' })),
    spof: { total: spof.length, items: listed },
    periods: report.periods,
    raisedByPeriod: raised,
    readiness: report.readiness.map((r) => ({ ...r, findings: r.findings.length })),
    coverage: report.coverage.rules.map((r) => ({ ...r, subjects: { count: r.subjects.count } })),
  };
  return JSON.stringify(answer);
}
