/**
 * Creating and revoking an accepted risk (风险接受), shared by the API (`routes/waivers.ts`) and
 * the console's waiver page: the same rules (waiver-rules: approver, reason, scope, expiry capped
 * by the finding's risk level), the same audit records, and the analysis told at once.
 */
import { randomUUID } from 'node:crypto';
import { fingerprint } from '../analysis/analyze.js';
import type { Colour, Subject } from '../analysis/finding.js';
import { LedgerNotFoundError, LedgerRuleError } from '../ledger/errors.js';
import type { LedgerWaiver } from '../ledger/types.js';
import { validateWaiver, waiverInputSchema, type WaiverInput } from '../ledger/waiver-rules.js';
import type { LedgerApi } from './ledger-port.js';

/** A waiver request: waiver-rules' schema; the approver is the admin who sends it. */
export const waiverCreateSchema = waiverInputSchema.omit({ approvedBy: true });

/** Whether a waiver is in force at `now` (not revoked, not expired). */
export function waiverActive(w: LedgerWaiver, now: number): boolean {
  return w.revokedAt === null && now <= w.until;
}

/** The risk colour of the finding a waiver would accept (its hazard's), null when none is known (the strictest cap applies). */
export async function waiverColourOf(ledger: LedgerApi, rule: string, subject: Subject, now: number): Promise<Colour | null> {
  // one fingerprint has one hazard (reopened, never duplicated)
  const page = await ledger.store.hazards({ fingerprint: [fingerprint(rule, subject)], now, limit: 1, offset: 0 });
  return page.items[0]?.colour ?? null;
}

/** Creates a waiver approved by `actor` (LedgerRuleError naming every problem), audited as `waiver.create`. */
export async function createWaiverAs(ledger: LedgerApi, body: Omit<WaiverInput, 'approvedBy'>, actor: string): Promise<LedgerWaiver> {
  const now = ledger.now();
  const problems = validateWaiver({ ...body, approvedBy: actor }, { colour: await waiverColourOf(ledger, body.rule, body.subject, now), now, policy: ledger.policy() });
  if (problems.length > 0) throw new LedgerRuleError(`waiver refused: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const waiver: LedgerWaiver = {
    id: randomUUID(), version: 1, rule: body.rule, subject: body.subject, reason: body.reason, approvedBy: actor,
    scope: body.scope, createdAt: now, until: body.until, revokedAt: null, source: 'api',
  };
  const saved = await ledger.store.createWaiver(waiver, { at: now, actor, action: 'waiver.create', target: `waiver:${waiver.id}`, before: null, after: waiver });
  ledger.waiversChanged();
  return saved;
}

/** Revokes waiver `id` if it is still at `version` (LedgerConflictError otherwise), audited as `waiver.revoke`. */
export async function revokeWaiverAs(ledger: LedgerApi, id: string, version: number, actor: string): Promise<LedgerWaiver> {
  const now = ledger.now();
  const before = (await ledger.store.waivers({})).find((w) => w.id === id) ?? null;
  if (before === null) throw new LedgerNotFoundError(`no waiver "${id}"`);
  const revoked = await ledger.store.revokeWaiver(id, version, now, { at: now, actor, action: 'waiver.revoke', target: `waiver:${id}`, before, after: { ...before, revokedAt: now, version: before.version + 1 } });
  ledger.waiversChanged();
  return revoked;
}
