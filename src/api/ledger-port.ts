/**
 * What the ledger routes are given: the store, the ledger policy in force, the operator's zone,
 * the attachment cap, the clock, the latest signed checkpoint and a way to tell the analysis that
 * waivers changed. The composition root (src/app/ledger.ts) builds it; the routes apply the
 * ledger's pure rules (lifecycle, deadlines, waiver rules, clearance) themselves.
 */
import type { LedgerStore } from '../ledger/port.js';
import type { LedgerPolicy } from '../ledger/types.js';

/** The hazard ledger as the API reads and writes it. */
export interface LedgerApi {
  readonly store: LedgerStore;
  /** The ledger part of the policy in force (deadlines, verification passes, waiver caps). */
  readonly policy: () => LedgerPolicy;
  /** The operator's IANA zone (settings.timeZone): times people read are shown in it. */
  readonly timeZone: () => string;
  /** settings.ledger.maxAttachmentKB: the largest evidence file accepted. */
  readonly maxAttachmentKB: () => number;
  /** Wall time (ms). */
  readonly now: () => number;
  /** The latest signed audit checkpoint in its exported form, or null before the first one. */
  readonly latestCheckpoint: () => Promise<unknown>;
  /** Told after a waiver was created or revoked, so the analysis gets the ledger's active waivers. */
  readonly waiversChanged: () => void;
}
