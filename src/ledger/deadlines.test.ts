/** Deadlines from the risk colour, overdue (computed, never stored) and days overdue. */
import { describe, expect, it } from 'vitest';
import { T } from '../../test/support/hazard-builders.js';
import { DAY_MS, daysOverdue, deadlineFor, isOverdue } from './deadlines.js';
import { DEFAULT_LEDGER_POLICY, type HazardStatus } from './types.js';

const from = T('2026-12-01T00:00:00Z');

describe('deadlineFor', () => {
  it.each([['red', 7], ['orange', 15], ['yellow', 30], ['blue', 90]] as const)('%s: %d days by default', (colour, days) => {
    expect(deadlineFor(colour, from, DEFAULT_LEDGER_POLICY)).toBe(from + days * DAY_MS);
  });

  it('follows the policy', () => {
    expect(deadlineFor('red', from, { ...DEFAULT_LEDGER_POLICY, deadlineDays: { red: 2, orange: 3, yellow: 4, blue: 5 } })).toBe(from + 2 * DAY_MS);
  });
});

describe('overdue', () => {
  const deadline = from + 7 * DAY_MS;
  it.each<{ what: string; status: HazardStatus; fixedAt: number | null; now: number; overdue: boolean; days: number }>([
    { what: 'open, before the deadline', status: 'open', fixedAt: null, now: deadline - 1, overdue: false, days: 0 },
    { what: 'open, at the deadline', status: 'open', fixedAt: null, now: deadline, overdue: false, days: 0 },
    { what: 'open, 1 ms past', status: 'open', fixedAt: null, now: deadline + 1, overdue: true, days: 1 },
    { what: 'rectifying, 3 days past', status: 'rectifying', fixedAt: null, now: deadline + 3 * DAY_MS, overdue: true, days: 3 },
    { what: 'fixed in time, awaiting verification long after', status: 'pendingVerification', fixedAt: deadline - DAY_MS, now: deadline + 30 * DAY_MS, overdue: false, days: 0 },
    { what: 'fixed 2 days late', status: 'pendingVerification', fixedAt: deadline + 2 * DAY_MS, now: deadline + 30 * DAY_MS, overdue: true, days: 2 },
    { what: 'closed late', status: 'closed', fixedAt: deadline + 5 * DAY_MS, now: deadline + 30 * DAY_MS, overdue: false, days: 0 },
  ])('$what', ({ status, fixedAt, now, overdue, days }) => {
    expect(isOverdue({ status, fixedAt, deadline }, now)).toBe(overdue);
    expect(daysOverdue({ status, fixedAt, deadline }, now)).toBe(days);
  });
});
