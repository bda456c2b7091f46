/**
 * The Clock port: monotonic time (for scheduling, deadlines and ages: never steps) apart from
 * wall time (for what is stored and shown: may step when NTP or an operator sets the clock).
 */

/** Two clocks in one port; tests inject a manual one. */
export interface Clock {
  /** Milliseconds on a clock that never goes backwards or jumps (arbitrary origin). */
  monotonicMs(): number;
  /** Milliseconds since the Unix epoch, as the system clock says now. */
  wallMs(): number;
}

/** The process's clocks: `performance.now()` (monotonic) and `Date.now()` (wall). */
export const systemClock: Clock = {
  monotonicMs: () => performance.now(),
  wallMs: () => Date.now(),
};
