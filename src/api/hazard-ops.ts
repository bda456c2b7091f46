/**
 * The hazard writes a person makes, shared by the API (`routes/hazards.ts`) and the console's
 * hazard page: a lifecycle action against the version read, and a comment. Both go through the
 * ledger's pure lifecycle and the store, so the rules, the version check (LedgerConflictError →
 * 409) and the audit record (actor = the caller) are the same whichever door a person used.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  acknowledge, confirmGrade, markFixed, reopen, startRectification, update, verify, type LifecycleInput,
} from '../ledger/lifecycle.js';
import type { HazardChange } from '../ledger/port.js';
import type { Attachment, Hazard, LedgerPolicy } from '../ledger/types.js';
import type { LifecycleAction } from '../ledger/words.js';
import type { LedgerApi } from './ledger-port.js';

/** The person actions on a stored hazard (the lifecycle's, filing aside). */
export const PERSON_ACTIONS = ['acknowledge', 'update', 'confirmGrade', 'startRectification', 'markFixed', 'verify', 'reopen'] as const satisfies readonly LifecycleAction[];

/** The change an action makes, from its input (the lifecycle validates the input: LifecycleInputError naming every problem). */
export function changeOf(action: LifecycleAction, input: Record<string, unknown>, actor: string, now: number, policy: LedgerPolicy): HazardChange {
  switch (action) {
    case 'acknowledge': return acknowledge(input as LifecycleInput<'acknowledge'>, actor, now);
    case 'update': return update(input, actor, now);
    case 'confirmGrade': return confirmGrade(input as LifecycleInput<'confirmGrade'>, actor, now);
    case 'startRectification': return startRectification(input, actor, now);
    case 'markFixed': return markFixed(input, actor, now);
    case 'verify': return verify(input as LifecycleInput<'verify'>, actor, now);
    case 'reopen': return reopen(input as LifecycleInput<'reopen'>, actor, now, policy);
  }
}

/** Applies a person's action to hazard `id` if it is still at `version` (else LedgerConflictError); its audit actor is `actor`. */
export async function applyHazardAction(ledger: LedgerApi, id: string, version: number, action: LifecycleAction, input: Record<string, unknown>, actor: string): Promise<Hazard> {
  const at = ledger.now();
  return ledger.store.updateHazard(id, version, changeOf(action, input, actor, at, ledger.policy()));
}

/** A comment's text. */
export const commentSchema = z.strictObject({ text: z.string().trim().min(1).max(4000) });

/** Adds a comment by `actor` to a stored hazard, with its audit record (`hazard.comment`). */
export async function addComment(ledger: LedgerApi, hazard: Hazard, text: string, actor: string): Promise<Attachment> {
  const at = ledger.now();
  const a: Attachment = { id: randomUUID(), hazardId: hazard.id, at, by: actor, kind: 'comment', text };
  return ledger.store.addAttachment(a, null, { at, actor, action: 'hazard.comment', target: `hazard:${hazard.id}`, before: null, after: a });
}
