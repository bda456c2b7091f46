/**
 * What a person may do to a record (pure): the input each write takes (zod schemas: a bad input
 * names every bad path), the record it makes, the status transitions each kind allows, and the
 * audit entry of each write (who, what, before/after). The store applies the change against the
 * record as stored, so a version read is checked where it is written.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LedgerRuleError } from '../ledger/errors.js';
import type { AuditEntry } from '../ledger/types.js';
import type { RecordChange } from './port.js';
import {
  CHECK_CATEGORIES, CHECK_RESULTS, CUTOVER_CATEGORIES, DRILL_RESULTS, DRILL_STATUSES, INCIDENT_GRADES, INCIDENT_REPORT_MINUTES, INCIDENT_STATUSES,
  type AnyRecord, type ChecklistRecord, type CutoverRecord, type CutoverStatus, type DrillRecord, type IncidentRecord,
  type ObservedChange, type PlanRecord, type RecordKind, type RecordOfKind,
} from './types.js';

const DAY = 86_400_000;

const text = z.string().trim().min(1).max(4000);
const optText = z.string().trim().max(4000).default('');
const elementId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}$/, 'expected an id: letters, digits, . _ : / + - (max 128)');
const ids = z.array(elementId).max(2000).default([]);
const elements = z.strictObject({ devices: ids, links: ids, sites: ids, riskGroups: ids }).default({ devices: [], links: [], sites: [], riskGroups: [] });
/** An instant with its offset named (Z or ±hh:mm), so nobody guesses the zone. */
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'expected a time with its offset, e.g. 2026-09-12T01:00:00+08:00')
  .transform((s) => Date.parse(s)).refine((n) => Number.isFinite(n), 'not a valid time');
const plan = z.strictObject({ ref: text.max(500), summary: text });
const version = z.number().int().min(1);

/** The inputs, by kind: what `POST` creates from and what `PATCH` may change (with `version`). */
export const cutoverInput = z.strictObject({
  ref: text.max(200), title: text.max(500), category: z.enum(CUTOVER_CATEGORIES), operationPlan: plan, rollbackPlan: plan,
  emergency: z.boolean().default(false), windowStart: instant, windowEnd: instant, affected: elements, notes: optText,
});
export const planInput = z.strictObject({
  title: text.max(500), scenario: text, planVersion: text.max(50), owner: text.max(200), ref: optText,
  lastReviewedAt: instant, reviewIntervalDays: z.number().int().min(1).max(3650).default(365), scope: elements,
});
export const drillInput = z.strictObject({
  title: text.max(500), scenario: text, planId: z.string().min(1).max(200).nullable().default(null), group: elementId.nullable().default(null),
  elements, start: instant, end: instant, participants: z.array(text.max(200)).max(200).default([]),
  status: z.enum(DRILL_STATUSES).default('planned'), result: z.enum(DRILL_RESULTS).nullable().default(null),
  measuredSwitchMs: z.number().nonnegative().max(3_600_000).nullable().default(null), reportRef: optText, notes: optText,
});
export const incidentInput = z.strictObject({
  title: text.max(500), summary: optText, start: instant, end: instant.nullable().default(null), grade: z.enum(INCIDENT_GRADES),
  affectedServices: z.array(text.max(200)).max(500).default([]), elements, reportedAt: instant.nullable().default(null),
  reportDeadlineMinutes: z.number().int().min(1).max(100_000).optional(),
  linkedAlerts: z.array(text.max(200)).max(500).default([]), linkedHazards: z.array(text.max(200)).max(500).default([]),
  status: z.enum(INCIDENT_STATUSES).default('open'),
});
const itemInput = z.strictObject({ category: z.enum(CHECK_CATEGORIES), text: text.max(1000), site: elementId.nullable().default(null) });
export const checklistInput = z.strictObject({
  title: text.max(500), periodId: elementId, dueAt: instant, sites: ids, items: z.array(itemInput).min(1).max(500),
});

/** `PATCH` bodies: the version read, and the fields to change (defaults are not filled in: left out means unchanged). */
const patchOf = <S extends z.ZodObject>(s: S) => z.strictObject({ version, ...unDefaulted(s).partial().shape });
function unDefaulted(s: z.ZodObject): z.ZodObject {
  return z.strictObject(Object.fromEntries(Object.entries<z.ZodType>(s.shape).map(([k, v]) => [k, v instanceof z.ZodDefault ? (v as z.ZodDefault<z.ZodType>).unwrap() : v])));
}
export const PATCH_SCHEMAS = {
  cutover: patchOf(cutoverInput),
  plan: patchOf(planInput),
  drill: patchOf(drillInput),
  incident: patchOf(incidentInput),
  checklist: patchOf(checklistInput.omit({ items: true })),
} as const;
export const CREATE_SCHEMAS = { cutover: cutoverInput, plan: planInput, drill: drillInput, incident: incidentInput, checklist: checklistInput } as const;

/** The audit entry of a write. */
export function recordAudit(action: string, before: AnyRecord | null, after: AnyRecord): AuditEntry {
  return { at: after.updatedAt, actor: after.updatedBy, action: `record.${after.kind}.${action}`, target: `${after.kind}:${after.id}`, before, after };
}

/** Every problem of a record's invariants (end before start, a done drill without a result …), as `path: message`. */
export function recordProblems(r: AnyRecord): string[] {
  const p: string[] = [];
  const order = (a: string, b: string, s: number, e: number | null): void => { if (e !== null && e <= s) p.push(`${b}: must be after ${a}`); };
  switch (r.kind) {
    case 'cutover':
      order('windowStart', 'windowEnd', r.windowStart, r.windowEnd);
      if (r.affected.devices.length + r.affected.links.length + r.affected.sites.length + r.affected.riskGroups.length === 0) p.push('affected: name at least one device, link, site or risk group');
      break;
    case 'drill':
      order('start', 'end', r.start, r.end);
      if (r.status === 'done' && r.result === null) p.push('result: a done drill has a result (pass or fail)');
      if (r.status !== 'done' && r.result !== null) p.push('status: a drill with a result is done');
      break;
    case 'incident':
      order('start', 'end', r.start, r.end);
      if (r.reportedAt !== null && r.reportedAt < r.start) p.push('reportedAt: before the incident started');
      if (r.status !== 'open' && r.end === null) p.push('end: a resolved or closed incident has an end');
      break;
    case 'plan':
    case 'checklist':
      break;
  }
  return p;
}

/** A record refused for its invariants: the message names every problem, `problems` has each with the field it concerns. */
export class RecordProblemsError extends LedgerRuleError {
  constructor(kind: RecordKind, readonly problems: readonly { readonly path: string; readonly message: string }[]) {
    super(`${kind} refused: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

function checked<R extends AnyRecord>(r: R): R {
  const problems = recordProblems(r);
  if (problems.length > 0) {
    throw new RecordProblemsError(r.kind, problems.map((p) => {
      const at = p.indexOf(': ');
      return { path: p.slice(0, at), message: p.slice(at + 2) };
    }));
  }
  return r;
}

/** Who wrote, when. */
export interface Writer {
  readonly actor: string;
  readonly now: number;
}

/** A new record of `kind` from its validated input; `observed` fills a drill's evidence. */
export function newRecord<K extends RecordKind>(kind: K, input: z.output<(typeof CREATE_SCHEMAS)[K]>, w: Writer, observed: readonly ObservedChange[] = []): RecordOfKind[K] {
  const base = { id: randomUUID(), version: 1, createdAt: w.now, createdBy: w.actor, updatedAt: w.now, updatedBy: w.actor };
  let r: AnyRecord;
  switch (kind) {
    case 'cutover':
      r = { ...base, kind: 'cutover', ...(input as z.output<typeof cutoverInput>), status: 'draft', approvedBy: null, approvedAt: null, startedAt: null, finishedAt: null } satisfies CutoverRecord;
      break;
    case 'plan':
      r = { ...base, kind: 'plan', ...(input as z.output<typeof planInput>), status: 'active', reviews: [] } satisfies PlanRecord;
      break;
    case 'drill':
      r = { ...base, kind: 'drill', ...(input as z.output<typeof drillInput>), observed } satisfies DrillRecord;
      break;
    case 'incident': {
      const i = input as z.output<typeof incidentInput>;
      r = { ...base, kind: 'incident', ...i, reportDeadlineMinutes: i.reportDeadlineMinutes ?? INCIDENT_REPORT_MINUTES[i.grade] } satisfies IncidentRecord;
      break;
    }
    case 'checklist': {
      const c = input as z.output<typeof checklistInput>;
      r = {
        ...base, kind: 'checklist', ...c, status: 'open',
        items: c.items.map((it, i) => ({ id: `i${i + 1}`, ...it, checkedBy: null, checkedAt: null, result: null, note: '' })),
      } satisfies ChecklistRecord;
      break;
    }
    default:
      throw new Error(`unknown record kind ${String(kind)}`);
  }
  return checked(r) as RecordOfKind[K];
}

/** The next version of `r` with `patch` applied by `w`. */
function next<R extends AnyRecord>(r: R, patch: Partial<R>, w: Writer): R {
  return { ...r, ...patch, version: r.version + 1, updatedAt: w.now, updatedBy: w.actor };
}

/** A change refused because of the status the record is in. */
function refused(r: AnyRecord, what: string, allowed: readonly string[]): LedgerRuleError {
  return new LedgerRuleError(`${r.kind} "${r.id}" is ${r.status}: cannot ${what}`, allowed);
}

/** The cutover transitions, from each status (approve is an admin's). */
const CUTOVER_MOVES: Readonly<Record<CutoverStatus, readonly string[]>> = {
  draft: ['approve', 'start', 'cancel'],
  approved: ['start', 'cancel'],
  in_progress: ['approve', 'finish'],
  done: ['approve'],
  rolled_back: ['approve'],
  cancelled: [],
};

/** The transitions a cutover allows now (approval after the start only for an emergency change; start from draft likewise). */
export function cutoverMoves(c: CutoverRecord): string[] {
  return CUTOVER_MOVES[c.status].filter((m) => {
    if (m === 'approve') return c.approvedAt === null && (c.status === 'draft' || c.emergency);
    if (m === 'start' && c.status === 'draft') return c.emergency;
    return true;
  });
}

/** A `PATCH`: the fields changed; a cutover changed after approval goes back to draft (its new plan needs approving again). */
export function patchRecord<K extends RecordKind>(patch: Record<string, unknown>, w: Writer, observed?: (r: DrillRecord) => readonly ObservedChange[]): RecordChange<RecordOfKind[K]> {
  return (current) => {
    const cur = current;
    let updated: AnyRecord = next(cur, patch as Partial<AnyRecord>, w);
    if (cur.kind === 'cutover') {
      if (cur.status !== 'draft' && cur.status !== 'approved') throw refused(cur, 'be edited (only a draft or approved one is)', cutoverMoves(cur));
      if (cur.status === 'approved') updated = { ...(updated as CutoverRecord), status: 'draft', approvedBy: null, approvedAt: null };
    }
    if (cur.kind === 'plan' && cur.status === 'retired') throw refused(cur, 'be edited', []);
    if (updated.kind === 'incident' && patch['grade'] !== undefined && patch['reportDeadlineMinutes'] === undefined) {
      updated = { ...updated, reportDeadlineMinutes: INCIDENT_REPORT_MINUTES[updated.grade] };
    }
    if (updated.kind === 'drill' && observed !== undefined) updated = { ...updated, observed: observed(updated) };
    return { record: checked(updated) as RecordOfKind[K], audit: recordAudit('update', cur, updated) };
  };
}

export const cutoverActionInput = z.discriminatedUnion('action', [
  z.strictObject({ version, action: z.literal('start') }),
  z.strictObject({ version, action: z.literal('finish'), outcome: z.enum(['done', 'rolled_back']), notes: z.string().trim().max(4000).optional() }),
  z.strictObject({ version, action: z.literal('cancel'), notes: z.string().trim().max(4000).optional() }),
], { error: 'action: expected start, finish or cancel (approval: POST …/approve, admins only)' });

/** 审批: an admin approves the plan (an emergency change may be approved after it began). */
export function approveCutover(w: Writer): RecordChange<CutoverRecord> {
  return (c) => {
    if (!cutoverMoves(c).includes('approve')) throw refused(c, 'be approved', cutoverMoves(c));
    const r = next(c, { status: c.status === 'draft' ? 'approved' : c.status, approvedBy: w.actor, approvedAt: w.now, rejection: null }, w);
    return { record: r, audit: recordAudit('approve', c, r) };
  };
}

/** `POST …/reject`: the version read and why the plan is refused. */
export const cutoverRejectInput = z.strictObject({ version, reason: text.max(4000) });

/**
 * 驳回: an admin refuses the plan with a reason, wherever approving it is possible. The cutover
 * stays unapproved (a draft stays a draft: its author edits the plan and asks again); the refusal
 * is kept on the record until an approval and, like every write, in the audit trail.
 */
export function rejectCutover(input: z.output<typeof cutoverRejectInput>, w: Writer): RecordChange<CutoverRecord> {
  return (c) => {
    if (!cutoverMoves(c).includes('approve')) throw refused(c, 'be rejected', cutoverMoves(c));
    const r = next(c, { rejection: { by: w.actor, at: w.now, reason: input.reason } }, w);
    return { record: r, audit: recordAudit('reject', c, r) };
  };
}

/** Start, finish (done or rolled back) or cancel a cutover. */
export function moveCutover(input: z.output<typeof cutoverActionInput>, w: Writer): RecordChange<CutoverRecord> {
  return (c) => {
    if (!cutoverMoves(c).includes(input.action)) throw refused(c, input.action, cutoverMoves(c));
    const notes = 'notes' in input && input.notes !== undefined ? (c.notes === '' ? input.notes : `${c.notes}\n${input.notes}`) : c.notes;
    const patch: Partial<CutoverRecord> = input.action === 'start' ? { status: 'in_progress', startedAt: w.now }
      : input.action === 'finish' ? { status: input.outcome, finishedAt: w.now, notes } : { status: 'cancelled', notes };
    const r = next(c, patch, w);
    return { record: r, audit: recordAudit(input.action, c, r) };
  };
}

export const planActionInput = z.discriminatedUnion('action', [
  z.strictObject({ version, action: z.literal('review'), planVersion: z.string().trim().min(1).max(50).optional(), note: z.string().trim().max(4000).default('') }),
  z.strictObject({ version, action: z.literal('retire'), note: z.string().trim().max(4000).default('') }),
], { error: 'action: expected review or retire' });

/** 评审: a review now (optionally of a new plan version), or retiring the plan. */
export function movePlan(input: z.output<typeof planActionInput>, w: Writer): RecordChange<PlanRecord> {
  return (p) => {
    if (p.status === 'retired') throw refused(p, input.action, []);
    const r = input.action === 'retire'
      ? next(p, { status: 'retired' }, w)
      : next(p, {
        lastReviewedAt: w.now, planVersion: input.planVersion ?? p.planVersion,
        reviews: [...p.reviews, { at: w.now, by: w.actor, planVersion: input.planVersion ?? p.planVersion, note: input.note }],
      }, w);
    return { record: r, audit: recordAudit(input.action, p, r) };
  };
}

/** Whether a plan's review is past due at `now` (an active plan not reviewed within its interval). */
export function reviewOverdue(p: PlanRecord, now: number): boolean {
  return p.status === 'active' && now > p.lastReviewedAt + p.reviewIntervalDays * DAY;
}

/** When the plan's next review is due. */
export function reviewDue(p: PlanRecord): number {
  return p.lastReviewedAt + p.reviewIntervalDays * DAY;
}

/** Whether an incident was reported within its required time: true, false (late, or not reported and past due), or null (not reported, not yet due). */
export function reportedInTime(i: IncidentRecord, now: number): boolean | null {
  const due = i.start + i.reportDeadlineMinutes * 60_000;
  if (i.reportedAt !== null) return i.reportedAt <= due;
  return now > due ? false : null;
}

export const checkItemInput = z.strictObject({ version, result: z.enum(CHECK_RESULTS), note: z.string().trim().max(4000).default('') });

/** Someone checked one item; the checklist is complete when every item is. */
export function checkItem(itemId: string, input: z.output<typeof checkItemInput>, w: Writer): RecordChange<ChecklistRecord> {
  return (c) => {
    if (!c.items.some((i) => i.id === itemId)) throw new LedgerRuleError(`checklist "${c.id}" has no item "${itemId}"`, c.items.map((i) => i.id));
    const items = c.items.map((i) => (i.id === itemId ? { ...i, checkedBy: w.actor, checkedAt: w.now, result: input.result, note: input.note } : i));
    const r = next(c, { items, status: items.every((i) => i.checkedAt !== null) ? 'complete' : 'open' }, w);
    return { record: r, audit: recordAudit('check', c, r) };
  };
}
