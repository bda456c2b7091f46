/**
 * Rate limiting of failed authentication per client address: after `maxFailures` failures within
 * one window, the address is answered 429 (with Retry-After) for the rest of that window.
 * Successes do not count. Memory is bounded: at most `maxAddresses` are tracked; when full,
 * expired windows are swept and then the oldest entries dropped. Pure: time is an argument.
 */

/** The limiter's settings. */
export interface FailureLimitOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly maxAddresses: number;
}

/** Defaults: 10 failures in 60 s; 10 000 addresses tracked at most. */
export const DEFAULT_FAILURE_LIMIT: FailureLimitOptions = { maxFailures: 10, windowMs: 60_000, maxAddresses: 10_000 };

interface Window { start: number; failures: number }

/** Counts failed authentications per address in fixed windows. */
export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly opts: FailureLimitOptions = DEFAULT_FAILURE_LIMIT) {}

  /** Milliseconds `address` must still wait (0: not blocked). */
  blockedFor(address: string, now: number): number {
    const w = this.windows.get(address);
    if (w === undefined) return 0;
    const end = w.start + this.opts.windowMs;
    if (now >= end) {
      this.windows.delete(address);
      return 0;
    }
    return w.failures >= this.opts.maxFailures ? end - now : 0;
  }

  /** Records one failed authentication from `address`. */
  fail(address: string, now: number): void {
    const w = this.windows.get(address);
    if (w !== undefined && now < w.start + this.opts.windowMs) {
      w.failures++;
      return;
    }
    if (w !== undefined) this.windows.delete(address);
    if (this.windows.size >= this.opts.maxAddresses) this.makeRoom(now);
    this.windows.set(address, { start: now, failures: 1 });
  }

  /** How many addresses are tracked (for tests and the bound). */
  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    for (const [a, w] of this.windows) if (now >= w.start + this.opts.windowMs) this.windows.delete(a);
    // still full: drop the oldest windows (Map keeps insertion order), a tenth at a time
    if (this.windows.size < this.opts.maxAddresses) return;
    let drop = Math.max(1, Math.floor(this.opts.maxAddresses / 10));
    for (const a of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(a);
    }
  }
}
