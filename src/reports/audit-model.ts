/**
 * The redundancy audit and risk list (冗余保护核查及风险清单, issue #13 item 1) as data: a pure
 * function of what the ledger and the analysis knew for a scope at a time (or over a range).
 * Every protected element with its state for each of the six measures of 二、（三）, a measure
 * not judged shown as 未核查 with the reason; the single points of failure with their evidence;
 * the hazards open and closed; the accepted risks; the coverage statement; the policy version;
 * the clause on every line. The JSON export is this model (docs/schemas/audit-report.schema.json).
 */
import { MEASURES, type Bilingual, type Colour, type Evidence, type FindingState, type Measure, type Subject } from '../analysis/finding.js';
import type { Coverage } from '../analysis/coverage.js';
import { MEASURE_LABELS, bi, citeClause, type ClauseCitation } from '../analysis/rules/words.js';
import type { ProtectionClass } from '../config/schema.js';
import { isOverdue } from '../ledger/deadlines.js';
import type { Hazard, HazardEvent, HazardGrade, HazardStatus, LedgerWaiver } from '../ledger/types.js';

/** Which part of the network a report covers; absent fields do not filter. */
export interface ReportScope {
  readonly province?: string;
  readonly site?: string;
  readonly class?: ProtectionClass;
}

/** When: the state at one instant, or the worst state over a range. */
export type ReportWindow = { readonly at: number } | { readonly from: number; readonly to: number };

/** What a rule says of the measures: its measure, main clause and the classes it applies to. */
export interface RuleFacts {
  readonly measure: Measure | 'environment' | 'operations';
  readonly clause: string;
  readonly classes: readonly ProtectionClass[];
  readonly title: Bilingual;
}

/** One finding as the report reads it: its state then (from the findings history) and what describes it. */
export interface AuditFindingInput {
  readonly fingerprint: string;
  readonly rule: string;
  readonly subject: Subject;
  /** The state at `at` (or at the end of the range). */
  readonly state: FindingState;
  readonly colour: Colour | null;
  /** The worst state over the range (equals `state` for an instant). */
  readonly worst: FindingState;
  readonly since: number;
  readonly policyHash: string;
  /** Null when nothing tells (the subject left the inventory). */
  readonly class: ProtectionClass | null;
  readonly sites: readonly string[];
  readonly explanation: Bilingual | null;
  readonly evidence: readonly Evidence[];
}

/** An element of the inventory (device, site, service) that may have no finding at all. */
export interface ElementInput {
  readonly subject: Subject;
  readonly class: ProtectionClass;
  readonly sites: readonly string[];
}

/** Everything the audit is built from. */
export interface AuditInput {
  readonly createdAt: number;
  readonly window: ReportWindow;
  readonly scope: ReportScope;
  readonly timeZone: string;
  /** Site → province, for the province scope. */
  readonly provinces: ReadonlyMap<string, string>;
  readonly rules: ReadonlyMap<string, RuleFacts>;
  readonly findings: readonly AuditFindingInput[];
  readonly elements: readonly ElementInput[];
  /** The coverage statement of the analysis nearest the window (null when none is known). */
  readonly coverage: Coverage | null;
  readonly hazards: readonly { readonly hazard: Hazard; readonly events: readonly HazardEvent[] }[];
  readonly waivers: readonly LedgerWaiver[];
  /** The policy in force (sha256 of its text), when known beyond the findings' own. */
  readonly policyHash: string | null;
  readonly signingKey: { readonly keyId: string; readonly fingerprint: string } | null;
}

/** Why a measure of an element was not judged. */
export interface NotCheckedReason {
  /** A coverage skip code (`not_implemented`, `no_data` …), `other_subject` (the rule judges other kinds of subject) or `no_rule_for_class`. */
  readonly code: string;
  readonly rule: string | null;
  readonly text: Bilingual;
}

/** One measure of one element. */
export type MeasureCell =
  | { readonly status: 'checked'; readonly state: FindingState; readonly colour: Colour | null; readonly rules: readonly { readonly rule: string; readonly state: FindingState; readonly clause: string }[] }
  | { readonly status: 'notChecked'; readonly reasons: readonly NotCheckedReason[] };

/** One protected element and its six measures. */
export interface AuditElement {
  readonly subject: Subject;
  readonly class: ProtectionClass | null;
  readonly sites: readonly string[];
  readonly measures: Readonly<Record<Measure, MeasureCell>>;
  readonly clause: ClauseCitation;
}

/** A single point of failure (单点故障) with its evidence. */
export interface AuditSpof {
  readonly fingerprint: string;
  readonly rule: string;
  readonly subject: Subject;
  readonly class: ProtectionClass | null;
  readonly sites: readonly string[];
  readonly measure: Measure | null;
  readonly colour: Colour | null;
  readonly since: string;
  readonly explanation: Bilingual | null;
  readonly evidence: readonly Evidence[];
  readonly clause: ClauseCitation;
}

/** A hazard line. */
export interface AuditHazard {
  readonly id: string;
  readonly rule: string | null;
  readonly subject: Subject | null;
  readonly class: ProtectionClass;
  readonly sites: readonly string[];
  readonly description: Bilingual;
  readonly colour: Colour;
  readonly grade: HazardGrade | null;
  /** The status at the window's end (from the hazard's history), and now. */
  readonly statusThen: HazardStatus;
  readonly statusNow: HazardStatus;
  readonly overdueThen: boolean;
  readonly ownerOrg: string | null;
  readonly ownerPerson: string | null;
  readonly foundAt: string;
  readonly deadline: string;
  readonly fixedAt: string | null;
  readonly closedAt: string | null;
  readonly clauses: readonly ClauseCitation[];
}

/** An accepted risk (风险接受). */
export interface AuditWaiver {
  readonly id: string;
  readonly rule: string;
  readonly subject: Subject;
  readonly reason: string;
  readonly approvedBy: string;
  readonly createdAt: string;
  readonly until: string;
  readonly revokedAt: string | null;
  readonly clause: ClauseCitation;
}

/** The audit, as the JSON export carries it. */
export interface AuditModel {
  readonly schema: 'redline/audit-report/1';
  readonly kind: 'audit';
  readonly createdAt: string;
  readonly timeZone: string;
  readonly window: { readonly at: string } | { readonly from: string; readonly to: string };
  readonly scope: ReportScope;
  readonly clause: ClauseCitation;
  /** The policy versions (sha256 of the policy text) that judged the findings shown, and the one in force. */
  readonly policy: { readonly inForce: string | null; readonly judgedBy: readonly string[] };
  readonly signingKey: { readonly keyId: string; readonly fingerprint: string } | null;
  readonly measures: readonly { readonly id: Measure; readonly label: Bilingual }[];
  readonly elements: readonly AuditElement[];
  readonly spofs: readonly AuditSpof[];
  readonly hazards: readonly AuditHazard[];
  readonly waivers: readonly AuditWaiver[];
  readonly coverage: {
    readonly at: string | null;
    readonly catalogue: number;
    readonly evaluated: number;
    readonly skipped: number;
    readonly rules: readonly { readonly rule: string; readonly title: Bilingual; readonly status: 'evaluated' | 'skipped'; readonly reason: string | null; readonly reasonText: Bilingual | null; readonly subjects: number; readonly clause: ClauseCitation }[];
  };
  readonly totals: {
    readonly elements: number;
    readonly cells: Readonly<Record<'checked' | 'notChecked' | FindingState, number>>;
    readonly spofs: number;
    readonly hazardsOpen: number;
    readonly hazardsClosed: number;
    readonly waivers: number;
  };
}

/** The worst first: what a cell shows when several rules judge one measure of one element. */
const STATE_ORDER: readonly FindingState[] = ['down', 'unprotected', 'degraded', 'unknown', 'protected'];
const COLOUR_ORDER: readonly Colour[] = ['red', 'orange', 'yellow', 'blue'];

/** The worse of two states. */
export function worseState(a: FindingState, b: FindingState): FindingState {
  return STATE_ORDER.indexOf(a) <= STATE_ORDER.indexOf(b) ? a : b;
}

function worseColour(a: Colour | null, b: Colour | null): Colour | null {
  if (a === null) return b;
  if (b === null) return a;
  return COLOUR_ORDER.indexOf(a) <= COLOUR_ORDER.indexOf(b) ? a : b;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const keyOf = (s: Subject): string => `${s.kind}:${s.id}`;

/** The main clause of 二、（三）, cited where a line has no rule of its own. */
const MAIN_CLAUSE = 'MIIT-2023-46/2.3';

/** The reason words of a measure not judged. */
export const NOT_CHECKED_WORDS = {
  otherSubject: (rules: readonly string[]): Bilingual => bi(`规则 ${rules.join('、')} 评判的是其他对象（如成对设备、站点或业务），未以此对象为评判对象`, `rule(s) ${rules.join(', ')} judge other kinds of subject (pairs, sites, services), not this element`),
  noRule: bi('该保护类别无此措施的规则', 'no rule of this measure applies to the class'),
  noClass: bi('对象不在当前资源清单中，保护类别未知', 'the element is not in the current inventory: its class is unknown'),
  notEvaluatedThen: bi('该时刻的核查记录中无此规则的结论', 'the findings history holds no verdict of this rule then'),
} as const;

/** Whether something with `cls` and `sites` is in `scope`. */
export function inScope(scope: ReportScope, cls: ProtectionClass | null, sites: readonly string[], provinces: ReadonlyMap<string, string>): boolean {
  if (scope.class !== undefined && cls !== scope.class) return false;
  if (scope.site !== undefined && !sites.includes(scope.site)) return false;
  if (scope.province !== undefined && !sites.some((s) => provinces.get(s) === scope.province)) return false;
  return true;
}

/** A hazard's status at `at`, replayed from its history (its status now when the history says nothing later). */
export function statusAt(h: Hazard, events: readonly HazardEvent[], at: number): HazardStatus | null {
  if (h.foundAt > at) return null;
  let status: HazardStatus | null = null;
  let sawLater = false;
  for (const e of events) {
    if (e.to === undefined) continue;
    if (e.at <= at) status = e.to;
    else sawLater = true;
  }
  if (status !== null) return status;
  // no status event at or before `at`: opened (the first event) unless nothing changed since
  return sawLater ? 'open' : h.status;
}

/** Why measure `m` of an element of class `cls` has no verdict. */
function reasonsFor(m: Measure, cls: ProtectionClass | null, input: AuditInput, judged: ReadonlySet<string>): NotCheckedReason[] {
  if (cls === null) return [{ code: 'unknown_class', rule: null, text: NOT_CHECKED_WORDS.noClass }];
  const rules = [...input.rules].filter(([, r]) => r.measure === m && r.classes.includes(cls)).map(([id]) => id).sort();
  if (rules.length === 0) return [{ code: 'no_rule_for_class', rule: null, text: NOT_CHECKED_WORDS.noRule }];
  const cov = new Map((input.coverage?.rules ?? []).map((r) => [r.rule, r]));
  const out: NotCheckedReason[] = [];
  const elsewhere: string[] = [];
  for (const rule of rules) {
    const c = cov.get(rule);
    if (c !== undefined && c.status === 'skipped' && c.reason !== null && c.reasonText !== null) out.push({ code: c.reason, rule, text: c.reasonText });
    else if (judged.has(rule)) elsewhere.push(rule);
    else out.push({ code: 'not_evaluated_then', rule, text: NOT_CHECKED_WORDS.notEvaluatedThen });
  }
  if (elsewhere.length > 0) out.push({ code: 'other_subject', rule: elsewhere.join(','), text: NOT_CHECKED_WORDS.otherSubject(elsewhere) });
  return out;
}

/** Builds the audit model (pure). */
export function buildAuditModel(input: AuditInput): AuditModel {
  const end = 'at' in input.window ? input.window.at : input.window.to;
  const start = 'at' in input.window ? input.window.at : input.window.from;
  const scoped = input.findings.filter((f) => inScope(input.scope, f.class, f.sites, input.provinces));
  const judged = new Set(input.findings.map((f) => f.rule));
  const measureOf = (rule: string): Measure | null => {
    const m = input.rules.get(rule)?.measure;
    return m === undefined || m === 'environment' || m === 'operations' ? null : m;
  };
  const clauseOf = (rule: string): ClauseCitation => citeClause(input.rules.get(rule)?.clause ?? MAIN_CLAUSE);

  // every element: the subjects judged, then the inventory's own elements nothing judged directly
  const bySubject = new Map<string, { subject: Subject; class: ProtectionClass | null; sites: Set<string>; findings: AuditFindingInput[] }>();
  for (const f of scoped) {
    const k = keyOf(f.subject);
    const e = bySubject.get(k) ?? { subject: f.subject, class: f.class, sites: new Set<string>(), findings: [] };
    for (const s of f.sites) e.sites.add(s);
    e.findings.push(f);
    bySubject.set(k, e);
  }
  for (const el of input.elements) {
    if (!inScope(input.scope, el.class, el.sites, input.provinces)) continue;
    const k = keyOf(el.subject);
    if (!bySubject.has(k)) bySubject.set(k, { subject: el.subject, class: el.class, sites: new Set(el.sites), findings: [] });
  }
  const elements: AuditElement[] = [...bySubject.values()]
    .sort((a, b) => a.subject.kind.localeCompare(b.subject.kind) || a.subject.id.localeCompare(b.subject.id))
    .map((e) => {
      const measures = Object.fromEntries(MEASURES.map((m): [Measure, MeasureCell] => {
        const fs = e.findings.filter((f) => measureOf(f.rule) === m).sort((a, b) => a.rule.localeCompare(b.rule));
        if (fs.length === 0) return [m, { status: 'notChecked', reasons: reasonsFor(m, e.class, input, judged) }];
        let state: FindingState = 'protected';
        let colour: Colour | null = null;
        for (const f of fs) {
          state = worseState(state, f.worst);
          colour = worseColour(colour, f.colour);
        }
        return [m, { status: 'checked', state, colour, rules: fs.map((f) => ({ rule: f.rule, state: f.worst, clause: input.rules.get(f.rule)?.clause ?? MAIN_CLAUSE })) }];
      })) as Record<Measure, MeasureCell>;
      const first = e.findings[0];
      return { subject: e.subject, class: e.class, sites: [...e.sites].sort(), measures, clause: first === undefined ? citeClause(MAIN_CLAUSE) : clauseOf(first.rule) };
    });

  const spofs: AuditSpof[] = scoped
    .filter((f) => f.worst === 'unprotected')
    .sort((a, b) => COLOUR_ORDER.indexOf(a.colour ?? 'blue') - COLOUR_ORDER.indexOf(b.colour ?? 'blue') || a.fingerprint.localeCompare(b.fingerprint))
    .map((f) => ({
      fingerprint: f.fingerprint, rule: f.rule, subject: f.subject, class: f.class, sites: [...f.sites], measure: measureOf(f.rule),
      colour: f.colour, since: iso(f.since), explanation: f.explanation, evidence: f.evidence, clause: clauseOf(f.rule),
    }));

  const hazards: AuditHazard[] = [];
  for (const { hazard: h, events } of input.hazards) {
    if (!inScope(input.scope, h.protectionClass, h.location.sites.length > 0 ? h.location.sites : h.location.siteId === null ? [] : [h.location.siteId], input.provinces)) continue;
    const then = statusAt(h, events, end);
    if (then === null) continue;
    // over a range: a hazard closed before the range began is not part of it
    if (h.closedAt !== null && h.closedAt < start && then === 'closed') continue;
    hazards.push({
      id: h.id, rule: h.rule, subject: h.subject, class: h.protectionClass, sites: [...h.location.sites], description: h.description,
      colour: h.colour, grade: h.grade, statusThen: then, statusNow: h.status,
      overdueThen: then !== 'closed' && isOverdue({ ...h, status: then, fixedAt: h.fixedAt !== null && h.fixedAt <= end ? h.fixedAt : null }, end),
      ownerOrg: h.ownerOrg, ownerPerson: h.ownerPerson, foundAt: iso(h.foundAt), deadline: iso(h.deadline),
      fixedAt: h.fixedAt === null ? null : iso(h.fixedAt), closedAt: h.closedAt === null ? null : iso(h.closedAt),
      clauses: h.basis.length > 0 ? h.basis.map((b) => ({ id: b.id, cite: b.cite })) : [h.rule === null ? citeClause(MAIN_CLAUSE) : clauseOf(h.rule)],
    });
  }
  hazards.sort((a, b) => a.foundAt.localeCompare(b.foundAt) || a.id.localeCompare(b.id));

  const waivers: AuditWaiver[] = input.waivers
    .filter((w) => w.createdAt <= end && w.until >= start && (w.revokedAt === null || w.revokedAt >= start))
    .map((w) => ({
      id: w.id, rule: w.rule, subject: w.subject, reason: w.reason, approvedBy: w.approvedBy, createdAt: iso(w.createdAt), until: iso(w.until),
      revokedAt: w.revokedAt === null ? null : iso(w.revokedAt), clause: clauseOf(w.rule),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

  const cov = input.coverage;
  const cells = { checked: 0, notChecked: 0, protected: 0, degraded: 0, unprotected: 0, down: 0, unknown: 0 };
  for (const e of elements) {
    for (const m of MEASURES) {
      const c = e.measures[m];
      cells[c.status]++;
      if (c.status === 'checked') cells[c.state]++;
    }
  }
  return {
    schema: 'redline/audit-report/1',
    kind: 'audit',
    createdAt: iso(input.createdAt),
    timeZone: input.timeZone,
    window: 'at' in input.window ? { at: iso(input.window.at) } : { from: iso(input.window.from), to: iso(input.window.to) },
    scope: input.scope,
    clause: citeClause(MAIN_CLAUSE),
    policy: { inForce: input.policyHash, judgedBy: [...new Set(scoped.map((f) => f.policyHash))].sort() },
    signingKey: input.signingKey,
    measures: MEASURES.map((id) => ({ id, label: MEASURE_LABELS[id] })),
    elements,
    spofs,
    hazards,
    waivers,
    coverage: {
      at: cov?.at ?? null,
      catalogue: cov?.catalogue ?? 0,
      evaluated: cov?.evaluated ?? 0,
      skipped: cov?.skipped.count ?? 0,
      rules: (cov?.rules ?? []).map((r) => ({ rule: r.rule, title: r.title, status: r.status, reason: r.reason, reasonText: r.reasonText, subjects: r.subjects.count, clause: clauseOf(r.rule) })),
    },
    totals: {
      elements: elements.length,
      cells,
      spofs: spofs.length,
      hazardsOpen: hazards.filter((h) => h.statusThen !== 'closed').length,
      hazardsClosed: hazards.filter((h) => h.statusThen === 'closed').length,
      waivers: waivers.length,
    },
  };
}
