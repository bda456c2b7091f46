/**
 * The coverage statement: which rules of the catalogue (all 43 of protection-policy.md §4, and
 * redline's own beyond it) were evaluated on which subjects, and which were skipped and why
 * (`no_data`, `no_register_configured`, `not_implemented`, `not_applicable_to_class`,
 * `disabled`), as counts and lists; subjects a rule could not judge and unknown verdicts are
 * counted by reason code. A pure function of (policy, snapshot, report), so a later report can
 * rebuild it from what it stored.
 */
import { PROTECTION_CLASSES, type ProtectionClass } from '../config/schema.js';
import type { Snapshot } from '../snapshot/types.js';
import { CATALOGUE } from './catalogue.js';
import { FINDING_STATES, type Bilingual, type Finding, type FindingState } from './finding.js';
import type { Policy } from './policy.js';
import { SKIP_REASONS, type SkipReason } from './rules/types.js';
import { bi } from './rules/words.js';

/** The reasons a rule or subject was skipped, in words. */
export const SKIP_REASON_LABELS: Readonly<Record<SkipReason, Bilingual>> = {
  no_data: bi('无可判定的对象（所需数据缺失，或网络中无此类对象）', 'nothing to judge: the data it needs is missing, or the network has nothing of the kind'),
  no_register_configured: bi('未配置所需的记录来源', 'the evidence register it reads is not configured'),
  not_implemented: bi('尚未实现', 'not implemented yet'),
  not_applicable_to_class: bi('清单中无该规则适用类别的对象', 'no subject of the classes it covers in the inventory'),
  not_applicable: bi('对象不具备该规则检查的冗余', 'the subject has nothing of the kind the rule checks'),
  disabled: bi('已在策略中停用', 'turned off in the policy'),
};

/** What one rule covered in one run. */
export interface RuleCoverage {
  readonly rule: string;
  readonly title: Bilingual;
  /** True for a rule of protection-policy.md §4; false for redline's own (TOPO-*, splits). */
  readonly inCatalogue: boolean;
  readonly implemented: boolean;
  readonly status: 'evaluated' | 'skipped';
  /** Why the rule was skipped as a whole; null when evaluated. */
  readonly reason: SkipReason | null;
  readonly reasonText: Bilingual | null;
  /** For a rule not implemented: the data it would need. */
  readonly needs?: Bilingual;
  /** The subjects judged (`kind:id`), with their count and states. */
  readonly subjects: { readonly count: number; readonly list: readonly string[]; readonly byState: Readonly<Record<FindingState, number>> };
  /** Subjects not judged, by reason code (with the rule's own words). */
  readonly notEvaluated: readonly { readonly code: SkipReason; readonly reason: string; readonly count: number }[];
  /** Unknown verdicts by reason code (`stale_data`, `no_bfd_table` …). */
  readonly unknown: readonly { readonly reason: string; readonly count: number }[];
  /** A rule that threw (a bug). */
  readonly error?: string;
}

/** The coverage statement of one run. */
export interface Coverage {
  readonly at: string;
  /** Rules in the catalogue (43). */
  readonly catalogue: number;
  /** Rules evaluated on at least one subject (catalogue and redline's own). */
  readonly evaluated: number;
  readonly skipped: { readonly count: number; readonly byReason: Readonly<Record<SkipReason, number>> };
  /** Subjects judged in all, and subjects not judged by reason code. */
  readonly subjects: { readonly evaluated: number; readonly notEvaluated: Readonly<Record<SkipReason, number>> };
  readonly rules: readonly RuleCoverage[];
}

/** What coverage reads of an analysis report (the report itself fits). */
export interface CoverageInput {
  readonly at: number;
  readonly findings: readonly Pick<Finding, 'rule' | 'subject'>[];
  readonly summary: {
    readonly rules: readonly {
      readonly rule: string;
      readonly states: Readonly<Record<FindingState, number>>;
      readonly notEvaluated: readonly { readonly reason: string; readonly code: SkipReason; readonly count: number }[];
      readonly unknownReasons: readonly { readonly reason: string; readonly count: number }[];
      readonly error?: string;
    }[];
  };
}

/**
 * Rules that only ever report failures (an undeclared link has no "protected" counterpart): no
 * finding means they looked and found nothing, so they count as evaluated on zero subjects.
 */
const FAILURES_ONLY: ReadonlySet<string> = new Set(['TOPO-002']);

const zeroStates = (): Record<FindingState, number> => Object.fromEntries(FINDING_STATES.map((s) => [s, 0])) as Record<FindingState, number>;
const zeroReasons = (): Record<SkipReason, number> => Object.fromEntries(SKIP_REASONS.map((s) => [s, 0])) as Record<SkipReason, number>;

/** The classes present in the inventory (devices, services, and the classes of sites). */
function classesPresent(snapshot: Snapshot): Set<ProtectionClass> {
  const inv = snapshot.inventory;
  const out = new Set<ProtectionClass>();
  for (const d of inv.devices.values()) out.add(d.class);
  for (const s of inv.services.values()) out.add(s.class);
  for (const s of inv.sites.values()) out.add(s.class);
  return out;
}

/** The coverage of a run: every catalogue rule, then redline's own rules, each evaluated or skipped with its reason. */
export function coverageOf(policy: Policy, snapshot: Snapshot, report: CoverageInput): Coverage {
  const present = classesPresent(snapshot);
  const summaries = new Map(report.summary.rules.map((s) => [s.rule, s]));
  const subjectsOf = new Map<string, string[]>();
  for (const f of report.findings) {
    const list = subjectsOf.get(f.rule);
    const key = `${f.subject.kind}:${f.subject.id}`;
    if (list === undefined) subjectsOf.set(f.rule, [key]);
    else list.push(key);
  }
  const catalogueIds = new Set(CATALOGUE.map((c) => c.id));
  const entries = [
    ...CATALOGUE.map((c) => ({ id: c.id, title: policy.rules.get(c.id)?.title ?? c.title, classes: c.classes, needs: c.needs, inCatalogue: true })),
    ...[...policy.registered.keys()].filter((id) => !catalogueIds.has(id)).map((id) => ({
      id, title: policy.rules.get(id)?.title ?? bi(id, id), classes: [...(policy.rules.get(id)?.classes ?? PROTECTION_CLASSES)], needs: undefined, inCatalogue: false,
    })),
  ];
  const rules = entries.map((e): RuleCoverage => {
    const rp = policy.rules.get(e.id);
    const s = summaries.get(e.id);
    const implemented = policy.registered.has(e.id) && rp !== undefined;
    const list = [...(subjectsOf.get(e.id) ?? [])].sort();
    const byState = s === undefined ? zeroStates() : { ...s.states };
    const notEvaluated = (s?.notEvaluated ?? []).map((n) => ({ code: n.code, reason: n.reason, count: n.count }));
    const classes = rp === undefined ? e.classes : [...rp.classes];
    let reason: SkipReason | null = null;
    if (!implemented) reason = 'not_implemented';
    else if (!rp.enabled) reason = 'disabled';
    else if (list.length === 0) {
      const codes = new Map<SkipReason, number>();
      for (const n of notEvaluated) codes.set(n.code, (codes.get(n.code) ?? 0) + n.count);
      const top = [...codes].sort((a, b) => b[1] - a[1])[0];
      if (top !== undefined) reason = top[0];
      else if (!classes.some((c) => present.has(c))) reason = 'not_applicable_to_class';
      else if (!FAILURES_ONLY.has(e.id)) reason = 'no_data';
    }
    return {
      rule: e.id,
      title: e.title,
      inCatalogue: e.inCatalogue,
      implemented,
      status: reason === null ? 'evaluated' : 'skipped',
      reason,
      reasonText: reason === null ? null : SKIP_REASON_LABELS[reason],
      ...(e.needs !== undefined && !implemented ? { needs: e.needs } : {}),
      subjects: { count: list.length, list, byState },
      notEvaluated,
      unknown: s?.unknownReasons ?? [],
      ...(s?.error !== undefined ? { error: s.error } : {}),
    };
  });
  const byReason = zeroReasons();
  const subjectsSkipped = zeroReasons();
  for (const r of rules) {
    if (r.reason !== null) byReason[r.reason]++;
    for (const n of r.notEvaluated) subjectsSkipped[n.code] += n.count;
  }
  return {
    at: new Date(report.at).toISOString(),
    catalogue: CATALOGUE.length,
    evaluated: rules.filter((r) => r.status === 'evaluated').length,
    skipped: { count: rules.filter((r) => r.status === 'skipped').length, byReason },
    subjects: { evaluated: rules.reduce((n, r) => n + r.subjects.count, 0), notEvaluated: subjectsSkipped },
    rules,
  };
}
