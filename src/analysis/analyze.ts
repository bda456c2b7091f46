/**
 * `analyze(snapshot, policy, now)`: every registered rule over the snapshot, pure. The rules say
 * what they saw (subject, state, evidence, explanation); this module turns that into findings:
 * clause and basis from the policy's catalogue, the colour from the risk mapping (raised during a
 * special period), a waiver when one is in force, and a fingerprint that depends only on the rule
 * and the subject. Time is an argument; nothing here reads a clock, a file or the network.
 */
import { createHash } from 'node:crypto';
import type { Snapshot } from '../snapshot/types.js';
import { derive } from './snapshot-views.js';
import { coverageOf, type Coverage } from './coverage.js';
import { readinessSweeps, type ReadinessSweep } from './readiness.js';
import type { ProtectionClass } from '../config/schema.js';
import {
  COLOURS, FINDING_STATES, RISK_LEVEL_ZH, raiseColour,
  type Colour, type Finding, type FindingState, type Severity, type Subject,
} from './finding.js';
import { activePeriods, activeWaiver, baseColour, ruleApplies, ruleThresholds, type Policy, type SpecialPeriod, type Waiver } from './policy.js';
import type { Outcome, RegisteredRule, RuleContext, SkipReason } from './rules/types.js';
import { DEFAULT_TIME_ZONE, type HazardGrade, MEASURE_LABELS, RISK_LEVELS, STATE_LABELS } from './rules/words.js';

/** The stable fingerprint of a rule's finding on a subject. */
export function fingerprint(rule: string, subject: Subject): string {
  return createHash('sha256').update(`${rule}\n${subject.kind}\n${subject.id}`).digest('hex').slice(0, 16);
}

/** What one rule did in one run. */
export interface RuleSummary {
  readonly rule: string;
  readonly title: { readonly en: string; readonly zh: string };
  /** Subjects judged, by state. */
  readonly states: Readonly<Record<FindingState, number>>;
  /** Subjects not judged, by reason: in words, and as a coverage code. */
  readonly notEvaluated: readonly { readonly reason: string; readonly code: SkipReason; readonly count: number }[];
  /** Unknown verdicts by their reason code. */
  readonly unknownReasons: readonly { readonly reason: string; readonly count: number }[];
  /** A rule that threw (a bug): its findings are missing from this run. */
  readonly error?: string;
}

/** A waiver as the findings output lists it (audits show every waiver, in force or expired). */
export interface WaiverView {
  readonly rule: string;
  readonly subject: Subject;
  readonly reason: string;
  readonly until: string;
  readonly approvedBy?: string;
  readonly active: boolean;
  /** True when a finding of this run carries it. */
  readonly applied: boolean;
}

/** A run of the analysis. */
export interface AnalysisReport {
  readonly at: number;
  /** Failing and unknown findings first (worst first), then protected ones. */
  readonly findings: readonly Finding[];
  readonly summary: {
    readonly byState: Readonly<Record<FindingState, number>>;
    readonly byColour: Readonly<Record<Colour, number>>;
    readonly waived: number;
    readonly rules: readonly RuleSummary[];
  };
  readonly waivers: readonly WaiverView[];
  /** Special periods in force somewhere at `at`. */
  readonly periods: readonly { readonly id: string; readonly name: string; readonly kind: string; readonly start: string; readonly end: string }[];
  /** Readiness sweeps due before special periods about to start (T−7 d, T−1 d), each with its findings. */
  readonly readiness: readonly ReadinessSweep[];
  /** Which catalogue rules were evaluated on which subjects, which were skipped and why. */
  readonly coverage: Coverage;
}

const STATE_RANK: Readonly<Record<FindingState, number>> = { down: 0, unprotected: 1, degraded: 2, unknown: 3, protected: 4 };

function defaultSeverity(state: FindingState): Severity | null {
  switch (state) {
    case 'down':
    case 'unprotected':
      return 'spof';
    case 'degraded':
      return 'degraded';
    case 'unknown':
      return 'evidenceGap';
    case 'protected':
      return null;
  }
}

const zeroStates = (): Record<FindingState, number> => Object.fromEntries(FINDING_STATES.map((s) => [s, 0])) as Record<FindingState, number>;

/** Runs every rule of `rules` (the policy's registered rules by default) and returns the findings with a summary. */
export function runAnalysis(snapshot: Snapshot, policy: Policy, now: number, rules: readonly RegisteredRule[] = [...policy.registered.values()]): AnalysisReport {
  const steps = analysisSteps(snapshot, policy, now, rules);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The same analysis, one rule per step: a caller that must not hold its event loop for the
 * whole pass (the daemon) yields between steps. The result equals `runAnalysis`'s.
 */
export async function runAnalysisStepwise(snapshot: Snapshot, policy: Policy, now: number, yieldBetween: () => Promise<void>): Promise<AnalysisReport> {
  const steps = analysisSteps(snapshot, policy, now, [...policy.registered.values()]);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await yieldBetween();
  }
}

function* analysisSteps(snapshot: Snapshot, policy: Policy, now: number, rules: readonly RegisteredRule[]): Generator<string, AnalysisReport> {
  const inventory = snapshot.inventory;
  const derived = derive(snapshot);
  const timeZone = inventory.timeZone ?? DEFAULT_TIME_ZONE;
  const current = policy.periods.calendar.filter((p) => p.inForce && now >= p.startMs && now <= p.endMs);
  const periodCache = new Map<string, SpecialPeriod | null>();
  const periodFor = (cls: ProtectionClass, sites: readonly (string | null)[]): SpecialPeriod | null => {
    if (current.length === 0) return null;
    const key = `${cls}\u0000${sites.join('\u0000')}`;
    let p = periodCache.get(key);
    if (p === undefined) {
      p = activePeriods(policy, inventory, now, sites, cls)[0] ?? null;
      periodCache.set(key, p);
    }
    return p;
  };
  const findings: Finding[] = [];
  const summaries: RuleSummary[] = [];
  const appliedWaivers = new Set<Waiver>();

  for (const rule of rules) {
    const rp = policy.rules.get(rule.id);
    if (rp === undefined) continue;
    const states = zeroStates();
    const skipped = new Map<string, { code: SkipReason; count: number }>();
    const unknownReasons = new Map<string, number>();
    const appliesCache = new Map<string, boolean>();
    const thresholdCache = new Map<string, Record<string, unknown>>();
    const emitted = new Set<string>();
    const ctx: RuleContext<Record<string, unknown>> = {
      snapshot,
      now,
      timeZone,
      derived,
      applies: (cls, sites) => {
        const key = `${cls}\u0000${sites.join('\u0000')}`;
        let a = appliesCache.get(key);
        if (a === undefined) {
          a = ruleApplies(policy, rule.id, cls, sites);
          appliesCache.set(key, a);
        }
        return a;
      },
      thresholds: (cls, sites) => {
        const heightened = periodFor(cls, sites) !== null;
        const key = `${cls}\u0000${heightened ? 1 : 0}\u0000${sites.join('\u0000')}`;
        let t = thresholdCache.get(key);
        if (t === undefined) {
          t = ruleThresholds(policy, rule.id, cls, sites, heightened);
          thresholdCache.set(key, t);
        }
        return t;
      },
      emit: (o: Outcome) => {
        const fp = fingerprint(rule.id, o.subject);
        // one finding per rule and subject: the first verdict stands
        if (emitted.has(fp)) return;
        emitted.add(fp);
        states[o.state]++;
        if (o.state === 'unknown') {
          const r = o.reason ?? 'no_data';
          unknownReasons.set(r, (unknownReasons.get(r) ?? 0) + 1);
        }
        findings.push(toFinding(policy, rule.id, o, fp, now, periodFor(o.class, o.sites ?? [o.site]), appliedWaivers, inventory));
      },
      earlier: () => findings,
      skip: (reason, code = 'no_data') => {
        const e = skipped.get(reason);
        if (e === undefined) skipped.set(reason, { code, count: 1 });
        else e.count++;
      },
    };
    let error: string | undefined;
    try {
      rule.evaluate(ctx);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    summaries.push({
      rule: rule.id,
      title: rp.title,
      states,
      notEvaluated: [...skipped].map(([reason, e]) => ({ reason, code: e.code, count: e.count })),
      unknownReasons: [...unknownReasons].map(([reason, count]) => ({ reason, count })),
      ...(error !== undefined ? { error } : {}),
    });
    yield rule.id;
  }

  const order = new Map(rules.map((r, i) => [r.id, i]));
  findings.sort((a, b) =>
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    (b.colour === null ? -1 : COLOURS.indexOf(b.colour)) - (a.colour === null ? -1 : COLOURS.indexOf(a.colour)) ||
    (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0) ||
    (a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : 0));

  const byState = zeroStates();
  const byColour = Object.fromEntries(COLOURS.map((c) => [c, 0])) as Record<Colour, number>;
  let waived = 0;
  for (const f of findings) {
    byState[f.state]++;
    if (f.colour !== null) byColour[f.colour]++;
    if (f.waived !== undefined) waived++;
  }
  const report: Omit<AnalysisReport, 'coverage'> = {
    at: now,
    findings,
    summary: { byState, byColour, waived, rules: summaries },
    waivers: policy.waivers.map((w) => ({
      rule: w.rule,
      subject: w.subject,
      reason: w.reason,
      until: w.until,
      ...(w.approvedBy !== undefined ? { approvedBy: w.approvedBy } : {}),
      active: now <= w.untilMs,
      applied: appliedWaivers.has(w),
    })),
    periods: current.map((p) => ({ id: p.id, name: p.name, kind: p.kind, start: new Date(p.startMs).toISOString(), end: new Date(p.endMs).toISOString() })),
    readiness: readinessSweeps(policy, inventory, findings, now, timeZone),
  };
  return { ...report, coverage: coverageOf(policy, snapshot, report) };
}

/**
 * The hazard grade a rule suggests for a state: only a failing state (unprotected, degraded)
 * suggests one; protected and unknown carry none, and down is a fault (故障), not a hazard.
 */
export function suggestedGrade(state: FindingState, ruleGrade: HazardGrade): HazardGrade | null {
  switch (state) {
    case 'unprotected':
    case 'degraded':
      return ruleGrade;
    case 'protected':
    case 'unknown':
    case 'down':
      return null;
  }
}

function toFinding(
  policy: Policy, ruleId: string, o: Outcome, fp: string, now: number, period: SpecialPeriod | null, applied: Set<Waiver>,
  inventory: Snapshot['inventory'],
): Finding {
  const rp = policy.rules.get(ruleId)!;
  const sites = o.sites ?? (o.site === null ? [] : [o.site]);
  const severity = o.state === 'protected' ? null : o.severity ?? defaultSeverity(o.state);
  let colour: Colour | null = null;
  if (severity !== null) {
    colour = baseColour(policy, ruleId, severity, o.class, sites, inventory);
    if (period !== null) colour = raiseColour(colour, policy.periods.raise);
  }
  const waiver = o.state === 'protected' ? undefined : activeWaiver(policy, ruleId, o.subject, now);
  if (waiver !== undefined) applied.add(waiver);
  return {
    fingerprint: fp,
    rule: ruleId,
    subject: o.subject,
    state: o.state,
    colour,
    riskLevel: colour === null ? null : RISK_LEVEL_ZH[colour],
    risk: colour === null ? null : RISK_LEVELS[colour],
    severity,
    class: o.class,
    site: o.site,
    sites,
    measure: rp.measure,
    labels: { measure: MEASURE_LABELS[rp.measure], state: STATE_LABELS[o.state] },
    clause: rp.clause,
    clauses: rp.clauses,
    basis: rp.basis,
    suggestedHazardGrade: suggestedGrade(o.state, rp.hazard),
    fault: o.state === 'down',
    ...(o.state === 'unknown' ? { reason: o.reason ?? 'no_data' } : {}),
    evidence: o.evidence,
    explanation: o.explanation,
    ...(period !== null && severity !== null ? { period: { id: period.id, name: period.name } } : {}),
    ...(waiver !== undefined ? { waived: { reason: waiver.reason, until: waiver.until } } : {}),
  };
}

/** The findings of every registered rule (see `runAnalysis` for the summary and waivers). */
export function analyze(snapshot: Snapshot, policy: Policy, now: number): Finding[] {
  return [...runAnalysis(snapshot, policy, now).findings];
}
