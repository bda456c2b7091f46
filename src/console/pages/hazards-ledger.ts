/**
 * What the ledger pages (hazards, accepted risks, audit log) share: the ledger or a 404 page when
 * this redline runs without it, and the ledger's errors as the console's error pages (a stale
 * version: 409 "someone changed this; reload"; a refused transition or bad input: 422 naming it).
 */
import type { LedgerApi } from '../../api/ledger-port.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerRuleError } from '../../ledger/errors.js';
import type { Word } from '../i18n.js';
import { ConsoleError, type ConsoleContext } from '../page.js';
import { HW } from './hazards-words.js';

/** The ledger, or a 404 page. */
export function ledgerOr404(ctx: ConsoleContext): LedgerApi {
  if (ctx.deps.ledger === undefined) throw new ConsoleError(404, HW.noLedger);
  return ctx.deps.ledger;
}

/**
 * Runs a ledger write; its expected failures become error pages: a stale version → 409 with a
 * link `back` (reload what was changed), a refused change → 422 with the ledger's own message, a missing record → 404.
 */
export async function ledgerWrite<T>(back: { readonly href: string; readonly label: Word }, conflict: Word, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof LedgerConflictError) throw new ConsoleError(409, conflict, back);
    if (err instanceof LedgerRuleError) throw new ConsoleError(422, { zh: `${HW.refused.zh}${err.message}`, en: `${HW.refused.en}${err.message}` }, back);
    if (err instanceof LedgerNotFoundError) throw new ConsoleError(404, { zh: err.message, en: err.message });
    throw err;
  }
}

/** A version field of a form (the version the page was read at), or a 422 page. */
export function versionOf(form: URLSearchParams): number {
  const v = Number(form.get('version'));
  if (!Number.isInteger(v) || v < 1) throw new ConsoleError(422, HW.badVersion);
  return v;
}
