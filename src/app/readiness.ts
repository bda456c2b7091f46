/**
 * What `/readyz` answers, decided from plain facts (pure; times are monotonic ms): not before the
 * first full poll, not while the state store refuses writes, not while polling has stalled.
 */

/** Readiness and, when not ready, why (English; shown to operators and probes). */
export interface Readiness {
  readonly ready: boolean;
  readonly reason?: string;
  /** Devices polled at least once since start, of `total`. */
  readonly polled: number;
  readonly total: number;
}

/** The facts readiness is judged on. */
export interface ReadinessFacts {
  /** Every device and health check has completed a poll since start (latched by the caller). */
  readonly firstCycleDone: boolean;
  readonly polled: number;
  readonly total: number;
  /** The store's latest write failed (and none succeeded since): the operation and the cause. */
  readonly writeFailure: { readonly operation: string; readonly message: string } | null;
  /** Monotonic now, when polling started, and when the latest poll finished (null: none yet). */
  readonly nowMs: number;
  readonly startedMs: number;
  readonly lastCompletedMs: number | null;
  /** The poll interval in ms: no poll finished for two of them, with devices to poll, is a stall. */
  readonly intervalMs: number;
}

/** Judges readiness; the first failing condition gives the reason. */
export function judgeReadiness(f: ReadinessFacts): Readiness {
  const base = { polled: f.polled, total: f.total };
  if (f.writeFailure !== null) {
    return { ...base, ready: false, reason: `state store is not accepting writes (${f.writeFailure.operation}): ${f.writeFailure.message}` };
  }
  if (f.total > 0) {
    const idleMs = f.nowMs - (f.lastCompletedMs ?? f.startedMs);
    if (idleMs > 2 * f.intervalMs) {
      return { ...base, ready: false, reason: `polling has stalled: no poll finished for ${Math.round(idleMs / 1000)} s (interval ${Math.round(f.intervalMs / 1000)} s)` };
    }
  }
  if (!f.firstCycleDone) return { ...base, ready: false, reason: `first poll cycle not finished (${f.polled} of ${f.total} devices polled)` };
  return { ...base, ready: true };
}
