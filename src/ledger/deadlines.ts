/**
 * Deadlines (整改时限) of hazards: set from the risk level by the ledger policy when a hazard opens
 * or reopens, and overdue (逾期), which is computed from the deadline and never stored. Pure; time
 * is an argument.
 */
import type { Colour } from '../analysis/finding.js';
import type { Hazard, LedgerPolicy } from './types.js';

/** One day in ms. */
export const DAY_MS = 86_400_000;

/** The deadline of a hazard of this risk colour opened (or reopened) at `from`: `from` + the policy's days. */
export function deadlineFor(colour: Colour, from: number, policy: LedgerPolicy): number {
  return from + policy.deadlineDays[colour] * DAY_MS;
}

/**
 * Whether a hazard is past its deadline at `now`: not closed, and fixed after the deadline or not
 * fixed by now. A hazard fixed in time and awaiting verification is not overdue.
 */
export function isOverdue(hazard: Pick<Hazard, 'status' | 'fixedAt' | 'deadline'>, now: number): boolean {
  return hazard.status !== 'closed' && (hazard.fixedAt ?? now) > hazard.deadline;
}

/** Days past the deadline, each begun day counted (0 when not overdue). */
export function daysOverdue(hazard: Pick<Hazard, 'status' | 'fixedAt' | 'deadline'>, now: number): number {
  if (!isOverdue(hazard, now)) return 0;
  return Math.ceil(((hazard.fixedAt ?? now) - hazard.deadline) / DAY_MS);
}
