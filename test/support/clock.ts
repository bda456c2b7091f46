/** A manual Clock for tests: monotonic time only moves forward; wall time can also step. */
import type { Clock } from '../../src/common/clock.js';

/** A Clock the test drives: `advance` moves both clocks, `stepWall` only the wall clock. */
export class ManualClock implements Clock {
  private mono: number;
  private wall: number;

  constructor(start: { monotonicMs?: number; wallMs?: number } = {}) {
    this.mono = start.monotonicMs ?? 1_000;
    this.wall = start.wallMs ?? Date.UTC(2026, 11, 4, 8, 0, 0);
  }

  monotonicMs(): number {
    return this.mono;
  }

  wallMs(): number {
    return this.wall;
  }

  /** Time passes: both clocks move by `ms` (>= 0). */
  advance(ms: number): void {
    if (ms < 0) throw new Error('time does not go backwards; use stepWall');
    this.mono += ms;
    this.wall += ms;
  }

  /** The system clock is set (NTP step, an operator): only wall time moves, either way. */
  stepWall(ms: number): void {
    this.wall += ms;
  }
}
