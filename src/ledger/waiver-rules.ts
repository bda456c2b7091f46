/**
 * Accepted risks (风险接受) as ledger records (pure): what a waiver must say (approver, reason,
 * scope, an expiry in the future and within the policy's cap for its risk level), the one-time
 * import of policy.yaml's `waivers:`, the waivers in force at a time in the shape the analysis
 * uses, and the error a policy file that still lists `waivers:` gets once they were imported.
 */
import { z } from 'zod';
import type { Colour, Subject } from '../analysis/finding.js';
import { SUBJECT_KINDS } from '../analysis/finding.js';
import { RULE_ID, type Waiver } from '../analysis/policy.js';
import { RISK_LEVELS } from '../analysis/rules/words.js';
import { DAY_MS } from './deadlines.js';
import type { LedgerPolicy, LedgerWaiver } from './types.js';
import { policyWaiversMovedText } from './words.js';

/** A waiver as a person (an admin) asks for it. */
export interface WaiverInput {
  readonly rule: string;
  readonly subject: Subject;
  readonly reason: string;
  readonly approvedBy: string;
  readonly scope: readonly string[];
  /** When it stops applying (ms since the epoch). */
  readonly until: number;
}

/** The shortest reason a waiver may give. */
export const MIN_WAIVER_REASON = 10;

/**
 * The zod schema of a waiver as the API receives it (`until` as an ISO 8601 time with a zone),
 * giving a `WaiverInput`; the rules that need the risk level and the time are `validateWaiver`'s.
 */
export const waiverInputSchema = z.strictObject({
  rule: z.string().regex(RULE_ID, 'expected a rule id such as NODE-001'),
  subject: z.strictObject({ kind: z.enum(SUBJECT_KINDS), id: z.string().trim().min(1, 'a waiver names its subject') }, { error: 'a waiver names its subject: { kind, id }' }),
  reason: z.string({ error: 'a waiver needs a reason' }).trim().min(MIN_WAIVER_REASON, `a waiver needs a reason of at least ${MIN_WAIVER_REASON} characters`).max(4000),
  approvedBy: z.string({ error: 'a waiver needs the name of the person who approved it' }).trim().min(1, 'a waiver needs the name of the person who approved it').max(200),
  scope: z.array(z.string().trim().min(1, 'a scope entry names a site or a class')).default([]),
  until: z.iso.datetime({ offset: true, error: 'until: expected an ISO 8601 time with a zone, e.g. 2027-03-31T23:59:59+08:00' }).transform((t) => Date.parse(t)),
});

/** One problem with a waiver, with its path. */
export interface WaiverProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Every problem with a waiver, each with its path (empty when it is valid): approver required,
 * reason of at least 10 characters, a scope of distinct non-empty names, an expiry in the future
 * and no later than now + the cap for its risk level. When the risk colour is not known (no
 * current finding) the red cap applies, the strictest.
 */
export function validateWaiver(input: WaiverInput, ctx: { readonly colour: Colour | null; readonly now: number; readonly policy: LedgerPolicy }): WaiverProblem[] {
  const out: WaiverProblem[] = [];
  if (!RULE_ID.test(input.rule)) out.push({ path: 'rule', message: `expected a rule id such as NODE-001, got "${input.rule}"` });
  if (!(SUBJECT_KINDS as readonly string[]).includes(input.subject.kind)) out.push({ path: 'subject.kind', message: `expected one of ${SUBJECT_KINDS.join(', ')}` });
  if (input.subject.id.trim() === '') out.push({ path: 'subject.id', message: 'a waiver names its subject' });
  if (input.approvedBy.trim() === '') out.push({ path: 'approvedBy', message: 'a waiver needs the name of the person who approved it' });
  if (input.reason.trim().length < MIN_WAIVER_REASON) out.push({ path: 'reason', message: `a waiver needs a reason of at least ${MIN_WAIVER_REASON} characters` });
  const seen = new Set<string>();
  input.scope.forEach((s, i) => {
    if (s.trim() === '') out.push({ path: `scope[${i}]`, message: 'a scope entry names a site or a class' });
    else if (seen.has(s)) out.push({ path: `scope[${i}]`, message: `"${s}" is listed twice` });
    seen.add(s);
  });
  const colour = ctx.colour ?? 'red';
  const maxDays = ctx.policy.waiverMaxDays[colour];
  if (!Number.isFinite(input.until)) out.push({ path: 'until', message: 'expected a time' });
  else if (input.until <= ctx.now) out.push({ path: 'until', message: 'the expiry must be in the future' });
  else if (input.until > ctx.now + maxDays * DAY_MS) {
    const level = RISK_LEVELS[colour].level.en;
    out.push({
      path: 'until',
      message: `a ${colour} risk (${level}${ctx.colour === null ? ', assumed: the risk level is not known' : ''}) cannot be accepted for longer than ${maxDays} days (ledger.waiverMaxDays.${colour} in policy.yaml)`,
    });
  }
  return out;
}

/** The stable id of a waiver imported from policy.yaml, from its rule and subject. */
export function policyWaiverId(rule: string, subject: Subject): string {
  return `policy:${rule}:${subject.kind}:${subject.id}`;
}

/**
 * policy.yaml's waivers as ledger records (source `policy.yaml`, approver from the entry or
 * `policy.yaml`), created at `now`. Expired ones are imported too: the trail lists every
 * waiver. Two entries for one rule and subject become one record, the later expiry kept.
 */
export function waiversFromPolicy(waivers: readonly Waiver[], now: number): LedgerWaiver[] {
  const byId = new Map<string, LedgerWaiver>();
  for (const w of waivers) {
    const id = policyWaiverId(w.rule, w.subject);
    const prior = byId.get(id);
    if (prior !== undefined && prior.until >= w.untilMs) continue;
    byId.set(id, {
      id,
      version: 1,
      rule: w.rule,
      subject: { kind: w.subject.kind, id: w.subject.id },
      reason: w.reason,
      approvedBy: w.approvedBy ?? 'policy.yaml',
      scope: [],
      createdAt: now,
      until: w.untilMs,
      revokedAt: null,
      source: 'policy.yaml',
    });
  }
  return [...byId.values()];
}

/** Whether a ledger waiver is in force at `now`: not revoked by then, not expired. */
export function waiverActive(w: LedgerWaiver, now: number): boolean {
  return (w.revokedAt === null || w.revokedAt > now) && now <= w.until;
}

/** The ledger waivers in force at `now`, in the shape the analysis applies (`Policy.waivers`). */
export function activeWaivers(list: readonly LedgerWaiver[], now: number): Waiver[] {
  return list.filter((w) => waiverActive(w, now)).map((w) => ({
    rule: w.rule,
    subject: w.subject,
    reason: w.reason,
    until: new Date(w.until).toISOString(),
    untilMs: w.until,
    approvedBy: w.approvedBy,
  }));
}

/**
 * The error a policy file that still lists `waivers:` gets once they were imported into the
 * ledger: both languages, the import time in the operator's zone (zone named).
 */
export function POLICY_WAIVERS_MOVED(file: string, importedAt: number, timeZone: string): string {
  const t = policyWaiversMovedText(file, importedAt, timeZone);
  return `${t.en} · ${t.zh}`;
}
