/**
 * Minimal, honest ledger rules for route tests while the pure lifecycle is built elsewhere: a
 * transition table (refusals name the allowed actions), owner required to acknowledge, deadlines
 * and waiver caps from the ledger policy, clearance counted from the hazards given.
 */
import { LedgerRuleError } from '../../src/ledger/errors.js';
import type { HazardChange } from '../../src/ledger/port.js';
import type { Hazard, HazardStatus } from '../../src/ledger/types.js';
import type { HazardAction, LedgerRules } from '../../src/api/ledger-port.js';

const DAY = 86_400_000;

/** Where each action may start and where it goes (null: the status stays). */
const TRANSITIONS: Readonly<Record<HazardAction, { readonly from: readonly HazardStatus[]; readonly to: HazardStatus | null }>> = {
  acknowledge: { from: ['open', 'reopened'], to: 'acknowledged' },
  update: { from: ['open', 'acknowledged', 'rectifying', 'pendingVerification', 'reopened'], to: null },
  confirmGrade: { from: ['open', 'acknowledged', 'rectifying', 'reopened'], to: null },
  startRectification: { from: ['acknowledged'], to: 'rectifying' },
  markFixed: { from: ['rectifying'], to: 'pendingVerification' },
  verify: { from: ['pendingVerification'], to: 'closed' },
  reopen: { from: ['closed', 'pendingVerification'], to: 'reopened' },
};

/** The rules. */
export const testLedgerRules: LedgerRules = {
  allowedActions: (h) => (Object.keys(TRANSITIONS) as HazardAction[]).filter((a) => TRANSITIONS[a].from.includes(h.status)),
  overdue: (h, now) => h.status !== 'closed' && h.status !== 'pendingVerification' && h.deadline < now,
  change: (action, input, ctx): HazardChange => (h) => {
    const allowed = testLedgerRules.allowedActions(h);
    if (!allowed.includes(action)) throw new LedgerRuleError(`cannot ${action} a hazard that is ${h.status}; allowed: ${allowed.join(', ')}`, allowed);
    if (action === 'acknowledge' && (input.ownerPerson ?? h.ownerPerson) === null) throw new LedgerRuleError('acknowledge needs an owner (ownerPerson)', allowed);
    const t = TRANSITIONS[action];
    const { result, note, ...fields } = input;
    const verification = action === 'verify' ? { by: ctx.actor, at: ctx.at, result: result ?? 'passed', ...(note !== undefined ? { note } : {}) } : h.verification;
    const status = action === 'verify' && result === 'failed' ? 'rectifying' : t.to ?? h.status;
    const hazard: Hazard = { ...h, ...fields, status, verification, closedAt: status === 'closed' ? ctx.at : h.closedAt, updatedAt: ctx.at };
    return {
      hazard,
      event: { hazardId: h.id, at: ctx.at, actor: ctx.actor, kind: status === h.status ? 'update' : 'status', ...(status !== h.status ? { from: h.status, to: status } : {}) },
      audit: { at: ctx.at, actor: ctx.actor, action: `hazard.${action}`, target: `hazard:${h.id}`, before: { status: h.status }, after: { status, ...fields } },
    };
  },
  fileHazard: (input, ctx) => ({
    id: `filed:${input.foundByMethod}:${new Date(ctx.at).toISOString()}`, version: 1, fingerprint: null, rule: null, subject: null,
    location: input.location, protectionClass: input.protectionClass, measure: null, category: input.category, description: input.description,
    basis: [], colour: input.colour, suggestedGrade: input.suggestedGrade ?? null, grade: null, foundAt: ctx.at, foundBy: ctx.actor,
    foundByMethod: input.foundByMethod, reportingOrg: input.reportingOrg ?? null, potentialConsequence: input.potentialConsequence ?? null,
    interimControls: input.interimControls ?? null, remediationPlan: null, governancePlan: null, regulatorReport: null, supervised: false,
    ownerOrg: null, ownerPerson: null, contractorOrg: null, contractorPerson: null, funding: null,
    deadline: ctx.at + ctx.policy.deadlineDays[input.colour] * DAY, status: 'open', findingState: null, lastMeasuredAt: null,
    protectedPasses: 0, fixedAt: null, verification: null, closedAt: null, reopenCount: 0, createdAt: ctx.at, updatedAt: ctx.at,
  }),
  checkWaiver: (w, colour, policy) => {
    const max = policy.waiverMaxDays[colour];
    if (w.until - w.createdAt > max * DAY) throw new LedgerRuleError(`a ${colour} risk may be accepted for at most ${max} days`);
  },
  clearance: (hazards, now) => ({
    open: hazards.filter((h) => h.status !== 'closed').length,
    overdue: hazards.filter((h) => testLedgerRules.overdue(h, now)).length,
  }),
  statusLabel: (s) => ({ zh: s, en: s }),
};
