/**
 * The ledger's section of the policy (policy.yaml `ledger:`): deadlines, verification and waiver
 * caps by risk colour. It lives beside the policy parser so that the analysis never imports the ledger.
 */
import type { Colour } from './finding.js';

/** The ledger's part of the policy (policy.yaml `ledger:`): deadlines, verification, waiver caps. */
export interface LedgerPolicy {
  /** Days from opening to the deadline (整改时限), by risk colour. */
  readonly deadlineDays: Readonly<Record<Colour, number>>;
  /** Consecutive protected passes before a hazard moves to pendingVerification by itself. */
  readonly verifyPasses: number;
  /** The longest a risk of each colour may be accepted (waiver `until` − created), in days. */
  readonly waiverMaxDays: Readonly<Record<Colour, number>>;
}

/** Defaults when the policy says nothing ([P] proposals of this project, protection-policy.md §0). */
export const DEFAULT_LEDGER_POLICY: LedgerPolicy = {
  deadlineDays: { red: 7, orange: 15, yellow: 30, blue: 90 },
  verifyPasses: 3,
  waiverMaxDays: { red: 30, orange: 90, yellow: 180, blue: 365 },
};
