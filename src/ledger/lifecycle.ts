/**
 * What people do to a hazard (pure): acknowledge it with an owner, update its plan and people,
 * confirm its grade, start rectification, mark a filed hazard fixed, verify (验收, 销号) and
 * reopen; and file a hazard found on patrol, inspection or a drill. Each action validates its
 * input (zod schemas exported for the API, every error with its path) and returns a
 * `HazardChange` that the store applies to the hazard as stored, or throws a `LedgerRuleError`
 * naming the actions allowed from the hazard's status. Time is an argument.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { COLOURS, MEASURES, type Bilingual } from '../analysis/finding.js';
import { PROTECTION_CLASSES } from '../config/schema.js';
import { formatPath } from '../config/validate.js';
import { deadlineFor } from './deadlines.js';
import { LedgerRuleError } from './errors.js';
import { applyPatch, type HazardPatch, UNWORKED_HAZARD } from './hazard-patch.js';
import type { HazardChange } from './port.js';
import { HAZARD_GRADES, type AuditEntry, type GovernancePlan, type Hazard, type HazardStatus, type LedgerPolicy } from './types.js';
import {
  GOVERNANCE_PART_LABELS, HAZARD_CATEGORIES, HAZARD_FIELD_LABELS, HAZARD_STATUS_LABELS, REGULATOR_REPORT_LABELS, type LifecycleAction,
} from './words.js';

const LONG_TEXT = 4000;
const text = (what: string) => z.string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what}: expected text`) })
  .trim().min(1, `${what} must not be empty`).max(LONG_TEXT, `${what}: at most ${LONG_TEXT} characters`);
const name = (what: string) => z.string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what}: expected a name`) })
  .trim().min(1, `${what} must not be empty`).max(200, `${what}: at most 200 characters`);
const note = z.string().trim().max(LONG_TEXT, `note: at most ${LONG_TEXT} characters`).optional();
const reason = (what: string) => z.string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what}: expected text`) })
  .trim().min(10, `${what} needs at least 10 characters`).max(LONG_TEXT, `${what}: at most ${LONG_TEXT} characters`);
const isoTime = (what: string) => z.iso.datetime({ offset: true, error: `${what}: expected an ISO 8601 time with a zone, e.g. 2027-01-15T18:00:00+08:00` })
  .transform((s) => Date.parse(s));
const part = z.string().trim().max(LONG_TEXT, `at most ${LONG_TEXT} characters`).default('');
const siteId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:+/-]{0,255}$/, 'expected an id: letters, digits, . _ : + / -');

/** A 重大隐患's governance plan: the six parts (each may be saved empty, and must be filled before rectification starts). */
const governancePlanSchema = z.strictObject({
  goals: part, methods: part, fundingAndMaterials: part, organisationAndPeople: part, timeLimits: part, safetyAndContingency: part,
});

/** The record of the report to the communications administration. */
const regulatorReportSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: expected YYYY-MM-DD (the day it was reported, operator\'s zone)'),
  to: name('to (上报单位)'),
  reference: name('reference (上报文号)'),
});

const updateSchema = z.strictObject({
  interimControls: text('interimControls').nullable().optional(),
  remediationPlan: text('remediationPlan').nullable().optional(),
  governancePlan: governancePlanSchema.nullable().optional(),
  regulatorReport: regulatorReportSchema.nullable().optional(),
  potentialConsequence: text('potentialConsequence').nullable().optional(),
  funding: text('funding').nullable().optional(),
  supervised: z.boolean().optional(),
  reportingOrg: name('reportingOrg').nullable().optional(),
  ownerOrg: name('ownerOrg').optional(),
  ownerPerson: name('ownerPerson').optional(),
  contractorOrg: name('contractorOrg').nullable().optional(),
  contractorPerson: name('contractorPerson').nullable().optional(),
  deadline: isoTime('deadline').optional(),
  deadlineReason: reason('deadlineReason').optional(),
  note,
}).superRefine((u, ctx) => {
  if (Object.entries(u).every(([k, v]) => k === 'note' || v === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'an update names at least one field to change' });
  if (u.deadline !== undefined && u.deadlineReason === undefined) ctx.addIssue({ code: 'custom', path: ['deadlineReason'], message: 'a deadline change needs a reason (deadlineReason, at least 10 characters)' });
  if (u.deadline === undefined && u.deadlineReason !== undefined) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'deadlineReason given without a new deadline' });
});

const fileSchema = z.strictObject({
  foundByMethod: z.enum(['patrol', 'inspection', 'drill'], 'foundByMethod: expected patrol, inspection or drill (auto-rule hazards are redline\'s own)'),
  category: z.enum(HAZARD_CATEGORIES as [string, ...string[]], `category: expected one of ${HAZARD_CATEGORIES.join(', ')}`),
  description: z.union([text('description'), z.strictObject({ zh: text('description.zh'), en: text('description.en') })]),
  location: z.strictObject({
    siteId: siteId.nullable().default(null),
    sites: z.array(siteId).default([]),
    roomId: name('roomId').optional(),
    neId: name('neId').optional(),
    routeId: name('routeId').optional(),
  }).refine((l) => l.siteId !== null || l.sites.length > 0 || l.roomId !== undefined || l.neId !== undefined || l.routeId !== undefined, 'a location names a site, room, network element or route'),
  protectionClass: z.enum(PROTECTION_CLASSES),
  colour: z.enum(COLOURS),
  measure: z.enum(MEASURES).optional(),
  suggestedGrade: z.enum(HAZARD_GRADES).optional(),
  basis: z.array(z.strictObject({ id: name('basis id'), cite: z.strictObject({ zh: text('cite.zh'), en: text('cite.en') }) })).default([]),
  reportingOrg: name('reportingOrg').optional(),
  potentialConsequence: text('potentialConsequence').optional(),
  interimControls: text('interimControls').optional(),
  foundAt: isoTime('foundAt').optional(),
});

/** The zod schema of each action's input (and of filing a hazard), for the API to validate requests with. */
export const lifecycleInputSchemas = {
  acknowledge: z.strictObject({
    ownerOrg: name('ownerOrg (整改责任单位)'),
    ownerPerson: name('ownerPerson (责任人)'),
    contractorOrg: name('contractorOrg (实施单位)').optional(),
    contractorPerson: name('contractorPerson (实施人)').optional(),
    note,
  }),
  update: updateSchema,
  confirmGrade: z.strictObject({ grade: z.enum(HAZARD_GRADES, `grade: expected ${HAZARD_GRADES.join(' or ')}`), note }),
  startRectification: z.strictObject({ note }),
  markFixed: z.strictObject({ note }),
  verify: z.strictObject({
    verifier: name('verifier (验收人)'),
    result: z.enum(['passed', 'failed'], 'result: expected passed or failed'),
    note,
  }).refine((v) => v.result === 'passed' || (v.note !== undefined && v.note !== ''), { path: ['note'], error: 'a failed verification says why (note)' }),
  reopen: z.strictObject({ reason: reason('reason') }),
  file: fileSchema,
} as const;

/** The input of an action as the API receives it (before defaults and trimming). */
export type LifecycleInput<A extends keyof typeof lifecycleInputSchemas> = z.input<(typeof lifecycleInputSchemas)[A]>;

/** Bad input to an action: every problem with its path (a LedgerRuleError, so the API answers 422). */
export class LifecycleInputError extends LedgerRuleError {
  readonly issues: readonly { readonly path: string; readonly message: string }[];
  constructor(action: string, issues: readonly { readonly path: string; readonly message: string }[]) {
    super(`invalid ${action} input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

function parse<A extends keyof typeof lifecycleInputSchemas>(action: A, input: unknown): z.output<(typeof lifecycleInputSchemas)[A]> {
  const r = lifecycleInputSchemas[action].safeParse(input);
  if (!r.success) throw new LifecycleInputError(action, r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  return r.data as z.output<(typeof lifecycleInputSchemas)[A]>;
}

/** The actions each status allows (markFixed further needs a hazard a person filed). */
const ALLOWED: Readonly<Record<HazardStatus, readonly LifecycleAction[]>> = {
  open: ['acknowledge', 'update', 'confirmGrade'],
  reopened: ['acknowledge', 'update', 'confirmGrade'],
  acknowledged: ['update', 'confirmGrade', 'startRectification'],
  rectifying: ['update', 'confirmGrade', 'markFixed'],
  pendingVerification: ['update', 'verify'],
  closed: ['reopen'],
};

/** Whether redline measures the hazard (a finding it still judges), so that only re-measurement shows it fixed. */
function measured(h: Hazard): boolean {
  return h.fingerprint !== null && h.findingState !== null;
}

/** The actions a person may take on this hazard now. */
export function allowedActions(hazard: Hazard): LifecycleAction[] {
  return ALLOWED[hazard.status].filter((a) => a !== 'markFixed' || !measured(hazard));
}

function statusName(s: HazardStatus): string {
  return `${s} (${HAZARD_STATUS_LABELS[s].zh})`;
}

function refuse(h: Hazard, action: LifecycleAction, why: string): never {
  const allowed = allowedActions(h);
  throw new LedgerRuleError(`cannot ${action} hazard ${h.id}: ${why}; allowed from ${statusName(h.status)}: ${allowed.length === 0 ? 'none' : allowed.join(', ')}`, allowed);
}

function requireAllowed(h: Hazard, action: LifecycleAction): void {
  if (!ALLOWED[h.status].includes(action)) refuse(h, action, `it is ${statusName(h.status)}`);
}

function label(field: string, zh: string): string {
  return `${field} (${zh})`;
}

/**
 * What a hazard still lacks before rectification can start (or go on): owner, remediation plan
 * and a confirmed grade; for a 重大隐患 also the six parts of the governance plan and the record of
 * its report to the communications administration. Empty when nothing is missing.
 */
export function missingForRectification(h: Hazard): string[] {
  const out: string[] = [];
  const blank = (s: string | null): boolean => s === null || s.trim() === '';
  if (blank(h.ownerOrg)) out.push(label('ownerOrg', HAZARD_FIELD_LABELS.ownerOrg.zh));
  if (blank(h.ownerPerson)) out.push(label('ownerPerson', HAZARD_FIELD_LABELS.ownerPerson.zh));
  if (blank(h.remediationPlan)) out.push(label('remediationPlan', HAZARD_FIELD_LABELS.remediationPlan.zh));
  if (h.grade === null) out.push(label('grade', `${HAZARD_FIELD_LABELS.grade.zh}，须经人确认`));
  if (h.grade === '重大隐患') {
    for (const key of Object.keys(GOVERNANCE_PART_LABELS) as (keyof GovernancePlan)[]) {
      if (blank(h.governancePlan?.[key] ?? null)) out.push(label(`governancePlan.${key}`, GOVERNANCE_PART_LABELS[key].zh));
    }
    if (h.regulatorReport === null) {
      const parts = Object.values(REGULATOR_REPORT_LABELS).map((l) => l.zh).join('、');
      out.push(label('regulatorReport', `${HAZARD_FIELD_LABELS.regulatorReport.zh}：${parts}`));
    }
  }
  return out;
}

/**
 * Refuses a change that would take from a rectifying (or fixed) hazard something rectification
 * needs. What was already missing does not block it: a measured hazard can reach pending
 * verification straight from open, and its owner and plan are filled in afterwards.
 */
function requireStillRectifiable(h: Hazard, next: Hazard, action: LifecycleAction): void {
  if (next.status !== 'rectifying' && next.status !== 'pendingVerification') return;
  const before = new Set(missingForRectification(h));
  const lost = missingForRectification(next).filter((m) => !before.has(m));
  if (lost.length > 0) refuse(h, action, `a ${statusName(next.status)} hazard${next.grade === '重大隐患' ? ' graded 重大隐患' : ''} would lack ${lost.join(', ')}`);
}

/** The audit action of each person action. */
const AUDIT_ACTION: Readonly<Record<LifecycleAction, string>> = {
  acknowledge: 'hazard.acknowledge',
  update: 'hazard.update',
  confirmGrade: 'hazard.grade',
  startRectification: 'hazard.rectify',
  markFixed: 'hazard.fixed',
  verify: 'hazard.verify',
  reopen: 'hazard.reopen',
};

function step(current: Hazard, action: LifecycleAction, patch: HazardPatch, actor: string, now: number, text: string | undefined) {
  return applyPatch(current, patch, now, {
    actor,
    kind: patch.status !== undefined && patch.status !== current.status ? 'status' : 'update',
    action: AUDIT_ACTION[action],
    ...(text !== undefined && text !== '' ? { text } : {}),
  });
}

/** 确认: a person takes the hazard and names the accountable owner; a contractor, if any, is kept apart from the owner. */
export function acknowledge(input: LifecycleInput<'acknowledge'>, actor: string, now: number): HazardChange {
  const i = parse('acknowledge', input);
  return (current) => {
    requireAllowed(current, 'acknowledge');
    return step(current, 'acknowledge', {
      status: 'acknowledged',
      ownerOrg: i.ownerOrg,
      ownerPerson: i.ownerPerson,
      ...(i.contractorOrg !== undefined ? { contractorOrg: i.contractorOrg } : {}),
      ...(i.contractorPerson !== undefined ? { contractorPerson: i.contractorPerson } : {}),
    }, actor, now, i.note);
  };
}

/**
 * Updates the plan and the people: interim controls, remediation and governance plans, the
 * report to the regulator, consequence, funding, supervision, reporting unit, owner and
 * contractor, and the deadline (a deadline change needs a reason, kept in the history).
 */
export function update(input: LifecycleInput<'update'>, actor: string, now: number): HazardChange {
  const i = parse('update', input);
  const patch: HazardPatch = {};
  if (i.interimControls !== undefined) patch.interimControls = i.interimControls;
  if (i.remediationPlan !== undefined) patch.remediationPlan = i.remediationPlan;
  if (i.governancePlan !== undefined) patch.governancePlan = i.governancePlan;
  if (i.regulatorReport !== undefined) patch.regulatorReport = i.regulatorReport;
  if (i.potentialConsequence !== undefined) patch.potentialConsequence = i.potentialConsequence;
  if (i.funding !== undefined) patch.funding = i.funding;
  if (i.supervised !== undefined) patch.supervised = i.supervised;
  if (i.reportingOrg !== undefined) patch.reportingOrg = i.reportingOrg;
  if (i.ownerOrg !== undefined) patch.ownerOrg = i.ownerOrg;
  if (i.ownerPerson !== undefined) patch.ownerPerson = i.ownerPerson;
  if (i.contractorOrg !== undefined) patch.contractorOrg = i.contractorOrg;
  if (i.contractorPerson !== undefined) patch.contractorPerson = i.contractorPerson;
  if (i.deadline !== undefined) patch.deadline = i.deadline;
  return (current) => {
    requireAllowed(current, 'update');
    if (i.deadline !== undefined && i.deadline <= current.foundAt) {
      refuse(current, 'update', `the new deadline ${new Date(i.deadline).toISOString()} is not after the hazard was found (${new Date(current.foundAt).toISOString()})`);
    }
    const s = step(current, 'update', patch, actor, now, [i.deadlineReason !== undefined ? `deadline: ${i.deadlineReason}` : '', i.note ?? ''].filter((t) => t !== '').join('\n'));
    if (Object.keys(s.event.changes ?? {}).length === 0) refuse(current, 'update', 'the update changes nothing');
    requireStillRectifiable(current, s.hazard, 'update');
    return s;
  };
}

/** 确认隐患级别: a person confirms (or changes) the grade the rule suggested. */
export function confirmGrade(input: LifecycleInput<'confirmGrade'>, actor: string, now: number): HazardChange {
  const i = parse('confirmGrade', input);
  return (current) => {
    requireAllowed(current, 'confirmGrade');
    const s = step(current, 'confirmGrade', { grade: i.grade }, actor, now, i.note);
    requireStillRectifiable(current, s.hazard, 'confirmGrade');
    return s;
  };
}

/**
 * 开始整改: needs the owner, a remediation plan and a confirmed grade; a 重大隐患 also needs the
 * six parts of its governance plan and the record of its report to the regulator. The error
 * lists everything missing.
 */
export function startRectification(input: LifecycleInput<'startRectification'>, actor: string, now: number): HazardChange {
  const i = parse('startRectification', input);
  return (current) => {
    requireAllowed(current, 'startRectification');
    const missing = missingForRectification(current);
    if (missing.length > 0) refuse(current, 'startRectification', `missing ${missing.join(', ')}`);
    return step(current, 'startRectification', { status: 'rectifying' }, actor, now, i.note);
  };
}

/**
 * 标记整改完成: only for a hazard a person filed (or one whose subject left the analysis). A
 * hazard redline measures reaches pending verification only by re-measurement.
 */
export function markFixed(input: LifecycleInput<'markFixed'>, actor: string, now: number): HazardChange {
  const i = parse('markFixed', input);
  return (current) => {
    if (measured(current)) {
      refuse(current, 'markFixed', 'redline measures this hazard: it moves to pendingVerification by itself once the subject is re-measured as protected in the policy\'s consecutive passes; only a hazard a person filed is marked fixed by hand');
    }
    requireAllowed(current, 'markFixed');
    return step(current, 'markFixed', { status: 'pendingVerification', fixedAt: now }, actor, now, i.note);
  };
}

function samePerson(a: string, b: string | null): boolean {
  return b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * 验收: a verifier signs the hazard off (passed → closed, 销号) or sends it back (failed →
 * rectifying). The verifier must be neither the owner nor the contractor's person: separation
 * of duties, as operator practice (严格操作审批、规范操作流程).
 */
export function verify(input: LifecycleInput<'verify'>, actor: string, now: number): HazardChange {
  const i = parse('verify', input);
  return (current) => {
    requireAllowed(current, 'verify');
    if (samePerson(i.verifier, current.ownerPerson) || samePerson(i.verifier, current.contractorPerson)) {
      refuse(current, 'verify', `the verifier (验收人) ${i.verifier} is the hazard's ${samePerson(i.verifier, current.ownerPerson) ? 'owner (责任人)' : 'contractor person (实施人)'}; someone else verifies (separation of duties)`);
    }
    const verification = { by: i.verifier, at: now, result: i.result, ...(i.note !== undefined && i.note !== '' ? { note: i.note } : {}) };
    const patch: HazardPatch = i.result === 'passed'
      ? { status: 'closed', verification, closedAt: now }
      : { status: 'rectifying', verification, fixedAt: null, protectedPasses: 0 };
    return step(current, 'verify', patch, actor, now, i.note);
  };
}

/** 重新打开: a person reopens a closed hazard, with a reason; it gets a new deadline from now. */
export function reopen(input: LifecycleInput<'reopen'>, actor: string, now: number, policy: LedgerPolicy): HazardChange {
  const i = parse('reopen', input);
  return (current) => {
    requireAllowed(current, 'reopen');
    return step(current, 'reopen', {
      status: 'reopened',
      reopenCount: current.reopenCount + 1,
      deadline: deadlineFor(current.colour, now, policy),
      verification: null,
      closedAt: null,
      fixedAt: null,
      protectedPasses: 0,
    }, actor, now, i.reason);
  };
}

/**
 * 登记隐患: a hazard a person found on patrol, inspection or a drill (fingerprint null). Its id is
 * `<method>:<site>:<found at, ISO UTC>:<8 hex of a hash of who, when and what>`; its deadline
 * comes from its risk colour, counted from when it was found.
 */
export function fileHazard(input: LifecycleInput<'file'>, actor: string, now: number, policy: LedgerPolicy): Hazard {
  const i = parse('file', input);
  const foundAt = i.foundAt ?? now;
  if (foundAt > now) throw new LifecycleInputError('file', [{ path: 'foundAt', message: 'is in the future' }]);
  const description: Bilingual = typeof i.description === 'string' ? { zh: i.description, en: i.description } : i.description;
  const site = i.location.siteId ?? i.location.sites[0] ?? 'none';
  const digest = createHash('sha256').update(JSON.stringify([actor, now, i.category, description, i.location])).digest('hex').slice(0, 8);
  return {
    id: `${i.foundByMethod}:${site}:${new Date(foundAt).toISOString()}:${digest}`,
    version: 1,
    fingerprint: null,
    rule: null,
    subject: null,
    location: {
      siteId: i.location.siteId,
      sites: i.location.sites.length > 0 ? i.location.sites : i.location.siteId !== null ? [i.location.siteId] : [],
      ...(i.location.roomId !== undefined ? { roomId: i.location.roomId } : {}),
      ...(i.location.neId !== undefined ? { neId: i.location.neId } : {}),
      ...(i.location.routeId !== undefined ? { routeId: i.location.routeId } : {}),
    },
    protectionClass: i.protectionClass,
    measure: i.measure ?? null,
    category: i.category,
    description,
    basis: i.basis,
    colour: i.colour,
    suggestedGrade: i.suggestedGrade ?? null,
    foundAt,
    foundBy: actor,
    foundByMethod: i.foundByMethod,
    reportingOrg: i.reportingOrg ?? null,
    potentialConsequence: i.potentialConsequence ?? null,
    interimControls: i.interimControls ?? null,
    ...UNWORKED_HAZARD,
    deadline: deadlineFor(i.colour, foundAt, policy),
    findingState: null,
    lastMeasuredAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The audit record of filing a hazard (for `LedgerStore.createHazard`). */
export function fileHazardAudit(hazard: Hazard, actor: string, now: number): AuditEntry {
  return { at: now, actor, action: 'hazard.file', target: `hazard:${hazard.id}`, before: null, after: hazard };
}
