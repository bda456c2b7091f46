/**
 * Reconciliation of one analysis pass into the ledger (pure; the pass time is the only clock):
 * the findings history (new, changed and gone findings, each change with its evidence and the
 * policy that judged it) and the hazards the findings drive — opened, reopened, re-measured, and
 * moved to pending verification after N consecutive protected passes. The store writes the plan
 * it returns in one transaction.
 *
 * What opens a hazard: a *failing* finding (degraded or unprotected) that is not waived. A `down`
 * subject is a fault (故障), handled as an incident, not a hazard: it opens none. `unknown` opens
 * none either: it is an evidence gap, shown in coverage. A waived failing finding is an accepted
 * risk: it opens none and never reopens a closed hazard, though an open hazard still records it.
 */
import type { Finding } from '../analysis/finding.js';
import { RedlineError } from '../common/errors.js';
import { deadlineFor } from './deadlines.js';
import { applyPatch, hazardDiff, type HazardPatch, type HazardStep, UNWORKED_HAZARD } from './hazard-patch.js';
import type { LedgerState, PassInput, PassOutcome, ReconcilePlan } from './port.js';
import type { AuditEntry, FindingChange, FindingRecord, Hazard, HazardEvent, LedgerPolicy } from './types.js';
import { CATEGORY_OF_MEASURE, DAEMON_EVENT_TEXT, historyText, ruleCite } from './words.js';

/** A pass the ledger cannot take (a finding listed twice, a failing finding without a colour): a bug upstream, not worth retrying. */
export class PassInputError extends RedlineError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
}

/** The actor of everything redline does by itself. */
export const DAEMON = 'daemon';

/** The audit actions a pass writes. */
export const PASS_AUDIT_ACTIONS = {
  open: 'hazard.open',
  reopen: 'hazard.reopen',
  status: 'hazard.status',
  measured: 'hazard.measured',
} as const;

/** The history lines redline writes, built once. */
const TEXT = {
  opened: historyText(DAEMON_EVENT_TEXT.opened),
  reopened: historyText(DAEMON_EVENT_TEXT.reopened),
  backToRectifying: historyText(DAEMON_EVENT_TEXT.backToRectifying),
  measured: historyText(DAEMON_EVENT_TEXT.measured),
  gone: historyText(DAEMON_EVENT_TEXT.gone),
} as const;

/** What a daemon change writes into the history and the audit trail. */
interface EventSpec {
  readonly kind: 'measured' | 'status';
  readonly action: string;
  readonly text: string;
  readonly evidence: Finding['evidence'];
}

/** Whether a finding opens (or keeps working) a hazard: degraded or unprotected, and not waived. */
export function isFailing(f: Pick<Finding, 'state' | 'waived'>): boolean {
  return (f.state === 'degraded' || f.state === 'unprotected') && f.waived === undefined;
}

/** The id (隐患编号) of a measured hazard: rule, subject, and when its failure was first seen (ISO, UTC). */
export function measuredHazardId(f: Pick<Finding, 'rule' | 'subject'>, firstSeen: number | string): string {
  return `${f.rule}:${f.subject.kind}:${f.subject.id}:${typeof firstSeen === 'string' ? firstSeen : new Date(firstSeen).toISOString()}`;
}

/** Reconciles one pass against what the ledger holds; see the module comment for what opens a hazard. */
export function reconcile(state: LedgerState, pass: PassInput, policy: LedgerPolicy): ReconcilePlan {
  const plan: PlanLists = { findings: [], goneFindings: [], findingChanges: [], hazards: [], events: [], audit: [] };
  const seen = new Set<string>();
  for (const f of pass.findings) {
    if (seen.has(f.fingerprint)) throw new PassInputError(`the pass lists finding ${f.fingerprint} twice (rule ${f.rule}, ${f.subject.kind} ${f.subject.id})`);
    seen.add(f.fingerprint);
    const record = recordFinding(state.findings.get(f.fingerprint), f, pass, plan);
    const step = hazardStep(state.hazards.get(f.fingerprint), f, record, pass.at, policy);
    if (step !== null) push(plan, step);
  }
  for (const [fp, record] of state.findings) {
    if (seen.has(fp)) continue;
    plan.goneFindings.push(fp);
    plan.findingChanges.push({
      fingerprint: fp, at: pass.at, from: record.state, to: 'gone', colour: null, evidence: [], explanation: null, policyHash: pass.policyHash,
    });
    const h = state.hazards.get(fp);
    if (h !== undefined && h.status !== 'closed' && (h.findingState !== null || h.protectedPasses !== 0)) {
      push(plan, change(h, { findingState: null, protectedPasses: 0, lastMeasuredAt: pass.at }, pass.at, {
        kind: 'measured', action: PASS_AUDIT_ACTIONS.measured, text: TEXT.gone, evidence: [],
      }));
    }
  }
  return plan;
}

/** Counts of what a plan does, for logs and metrics (the store returns them from `applyPass`). */
export function planOutcome(plan: ReconcilePlan): PassOutcome {
  let opened = 0;
  let reopened = 0;
  let pendingVerification = 0;
  for (const e of plan.events) {
    if (e.kind === 'opened') opened += 1;
    else if (e.kind === 'status' && e.to === 'reopened') reopened += 1;
    else if (e.kind === 'status' && e.to === 'pendingVerification') pendingVerification += 1;
  }
  return { findingChanges: plan.findingChanges.length, opened, reopened, pendingVerification, hazardsChanged: plan.hazards.length, auditRecords: plan.audit.length };
}

interface PlanLists {
  findings: FindingRecord[];
  goneFindings: string[];
  findingChanges: FindingChange[];
  hazards: Hazard[];
  events: Omit<HazardEvent, 'seq'>[];
  audit: AuditEntry[];
}

type Step = HazardStep;

function push(plan: PlanLists, step: Step): void {
  plan.hazards.push(step.hazard);
  plan.events.push(step.event);
  plan.audit.push(step.audit);
}

/** The finding's stored record after this pass; a new or changed one goes into the plan with its change. */
function recordFinding(before: FindingRecord | undefined, f: Finding, pass: PassInput, plan: PlanLists): FindingRecord {
  if (before !== undefined && before.state === f.state && before.colour === f.colour) return before;
  const record: FindingRecord = before === undefined
    ? { fingerprint: f.fingerprint, rule: f.rule, subject: f.subject, state: f.state, colour: f.colour, firstSeen: pass.at, lastSeen: pass.at, since: pass.at, policyHash: pass.policyHash }
    // `since` is when the current *state* began: a colour change alone (a special period) keeps it
    : { ...before, state: f.state, colour: f.colour, lastSeen: pass.at, since: before.state === f.state ? before.since : pass.at, policyHash: pass.policyHash };
  plan.findings.push(record);
  plan.findingChanges.push({
    fingerprint: f.fingerprint, at: pass.at, from: before?.state ?? null, to: f.state, colour: f.colour,
    evidence: f.evidence, explanation: f.explanation, policyHash: pass.policyHash,
  });
  return record;
}

/** What this finding does to its hazard, if anything. */
function hazardStep(h: Hazard | undefined, f: Finding, record: FindingRecord, at: number, policy: LedgerPolicy): Step | null {
  const failing = isFailing(f);
  if (h === undefined) return failing ? open(f, at, policy) : null;
  if (h.status === 'closed') return failing ? reopen(h, f, at, policy) : null;
  const measured = { kind: 'measured', action: PASS_AUDIT_ACTIONS.measured, text: TEXT.measured, evidence: f.evidence } as const;
  if (failing) {
    const patch: HazardPatch = { findingState: f.state, colour: colourOf(f), protectedPasses: 0, lastMeasuredAt: at };
    if (h.status === 'pendingVerification') {
      return change(h, { ...patch, status: 'rectifying', fixedAt: null }, at, {
        kind: 'status', action: PASS_AUDIT_ACTIONS.status, text: TEXT.backToRectifying, evidence: f.evidence,
      });
    }
    return changeIfAny(h, patch, at, measured);
  }
  if (f.state === 'protected') {
    // counting stops at verifyPasses, so a hazard awaiting sign-off stays quiet pass after pass
    const passes = Math.min(h.protectedPasses + 1, policy.verifyPasses);
    const patch: HazardPatch = { findingState: 'protected', protectedPasses: passes, lastMeasuredAt: at };
    if (passes >= policy.verifyPasses && h.status !== 'pendingVerification') {
      // fixed when the run of protected passes began: the finding's current state began then
      return change(h, { ...patch, status: 'pendingVerification', fixedAt: Math.max(record.since, h.foundAt) }, at, {
        kind: 'status', action: PASS_AUDIT_ACTIONS.status, text: historyText(DAEMON_EVENT_TEXT.pendingVerification(policy.verifyPasses)), evidence: f.evidence,
      });
    }
    return changeIfAny(h, patch, at, measured);
  }
  // unknown, down, or a waived failure: recorded, and the run of protected passes starts again
  const patch: HazardPatch = { findingState: f.state, protectedPasses: 0, lastMeasuredAt: at, ...(f.colour !== null && f.waived !== undefined ? { colour: f.colour } : {}) };
  return changeIfAny(h, patch, at, measured);
}

function colourOf(f: Finding): NonNullable<Finding['colour']> {
  if (f.colour === null) throw new PassInputError(`finding ${f.fingerprint} is ${f.state} but has no risk colour`);
  return f.colour;
}

function location(f: Finding): Hazard['location'] {
  return {
    siteId: f.site,
    sites: f.sites,
    ...(f.subject.kind === 'device' ? { neId: f.subject.id } : {}),
    ...(f.subject.kind === 'link' ? { routeId: f.subject.id } : {}),
  };
}

/** The last pass time as ISO text: a pass opens many hazards at one time, and formatting it costs. */
let lastIso: { at: number; iso: string } = { at: Number.NaN, iso: '' };
function isoOf(at: number): string {
  if (lastIso.at !== at) lastIso = { at, iso: new Date(at).toISOString() };
  return lastIso.iso;
}

function open(f: Finding, at: number, policy: LedgerPolicy): Step {
  const colour = colourOf(f);
  const hazard: Hazard = {
    id: measuredHazardId(f, isoOf(at)),
    version: 1,
    fingerprint: f.fingerprint,
    rule: f.rule,
    subject: f.subject,
    location: location(f),
    protectionClass: f.class,
    measure: f.measure,
    category: CATEGORY_OF_MEASURE[f.measure],
    description: f.explanation,
    basis: [{ id: f.rule, cite: ruleCite(f.rule) }, ...f.clauses],
    colour,
    suggestedGrade: f.suggestedHazardGrade,
    foundAt: at,
    foundBy: DAEMON,
    foundByMethod: 'auto-rule',
    reportingOrg: null,
    potentialConsequence: null,
    interimControls: null,
    ...UNWORKED_HAZARD,
    deadline: deadlineFor(colour, at, policy),
    findingState: f.state,
    lastMeasuredAt: at,
    createdAt: at,
    updatedAt: at,
  };
  return {
    hazard,
    event: { hazardId: hazard.id, at, actor: DAEMON, kind: 'opened', to: 'open', text: TEXT.opened, evidence: f.evidence },
    audit: { at, actor: DAEMON, action: PASS_AUDIT_ACTIONS.open, target: `hazard:${hazard.id}`, before: null, after: hazard },
  };
}

function reopen(h: Hazard, f: Finding, at: number, policy: LedgerPolicy): Step {
  const colour = colourOf(f);
  return change(h, {
    status: 'reopened',
    reopenCount: h.reopenCount + 1,
    deadline: deadlineFor(colour, at, policy),
    verification: null,
    closedAt: null,
    fixedAt: null,
    protectedPasses: 0,
    findingState: f.state,
    colour,
    description: f.explanation,
    suggestedGrade: f.suggestedHazardGrade,
    lastMeasuredAt: at,
  }, at, { kind: 'status', action: PASS_AUDIT_ACTIONS.reopen, text: TEXT.reopened, evidence: f.evidence });
}

/** A daemon change of the hazard, recorded only when it changes a field that matters. */
function changeIfAny(h: Hazard, patch: HazardPatch, at: number, spec: EventSpec): Step | null {
  return Object.keys(hazardDiff(h, patch)).length === 0 ? null : change(h, patch, at, spec);
}

function change(h: Hazard, patch: HazardPatch, at: number, spec: EventSpec): Step {
  return applyPatch(h, patch, at, { actor: DAEMON, ...spec });
}
