/**
 * The daemon's view of its state store: every failure is counted in
 * `redline_store_errors_total{operation}`; a failing write is logged with its cause (once when
 * writes start failing, then at most once a minute) and reported to readiness until writes
 * succeed again with no failure for a while (`holdMs`: on a full disk some writes still fit in
 * pages the file already has, and readiness should not flap with them); and each stored
 * result's monotonic receipt time is kept, so staleness is judged by how long ago a result
 * arrived rather than by a wall clock that may step.
 */
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import type { StateStore } from '../state/store.js';
import type { StalenessClock } from '../state/types.js';

/** A write the store refused, and since when writes have been failing. */
export interface WriteFailure {
  readonly operation: string;
  readonly message: string;
  /** Monotonic ms of the first failure of this spell. */
  readonly sinceMs: number;
  /** Writes refused in this spell. */
  readonly count: number;
}

/** The store as the daemon uses it. */
export interface WatchedStore extends StateStore {
  /** The current spell of failing writes, or null while writes succeed (see `holdMs`). */
  writeFailure(): WriteFailure | null;
  /** A staleness clock at wall time now that knows each device's receipt age. */
  deviceClock(intervalMs: number): StalenessClock;
  /** The same for health checks. */
  healthClock(intervalMs: number): StalenessClock;
  /** How long ago (monotonic ms) this process stored a device's latest poll; undefined if it has not. */
  deviceAgeMs(deviceId: string): number | undefined;
  /** The same for a health check's latest result. */
  healthAgeMs(checkId: string): number | undefined;
}

/** How often a continuing spell of failures is logged again. */
const RELOG_MS = 60_000;

/** What the watcher needs. */
export interface WatchDeps {
  readonly metrics: RedlineMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
  /** A failing spell ends once a write succeeded and none failed for this long (ms; the poll interval). */
  readonly holdMs: () => number;
}

/** Wraps `store`. */
export function watchStore(store: StateStore, deps: WatchDeps): WatchedStore {
  const { metrics, logger, clock } = deps;
  let failure: (WriteFailure & { loggedAt: number; lastFailedMs: number; succeededSince: boolean }) | null = null;
  const deviceReceipts = new Map<string, number>();
  const healthReceipts = new Map<string, number>();

  const failedWrite = (operation: string, err: unknown): void => {
    const now = clock.monotonicMs();
    const message = errorMessage(err);
    const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
    if (failure === null) {
      failure = { operation, message, sinceMs: now, count: 1, loggedAt: now, lastFailedMs: now, succeededSince: false };
      logger.error({ operation, err: message, code }, 'state store write failed: results are not being stored');
      return;
    }
    failure = { ...failure, operation, message, count: failure.count + 1, lastFailedMs: now, succeededSince: false };
    if (now - failure.loggedAt >= RELOG_MS) {
      failure.loggedAt = now;
      logger.error({ operation, err: message, code, failedWrites: failure.count, forSeconds: Math.round((now - failure.sinceMs) / 1000) }, 'state store writes still failing');
    }
  };
  const write = <T>(operation: string, fn: () => T): T => {
    let out: T;
    try {
      out = fn();
    } catch (err) {
      metrics.storeErrors.inc({ operation });
      failedWrite(operation, err);
      throw err;
    }
    if (failure !== null) failure.succeededSince = true;
    settle();
    return out;
  };
  /** Ends the failing spell once a write succeeded after the last failure and `holdMs` passed since it. */
  const settle = (): void => {
    if (failure === null || !failure.succeededSince) return;
    const now = clock.monotonicMs();
    if (now - failure.lastFailedMs < deps.holdMs()) return;
    logger.info({ failedWrites: failure.count, forSeconds: Math.round((now - failure.sinceMs) / 1000) }, 'state store writes succeed again');
    failure = null;
  };
  const read = <T>(operation: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      metrics.storeErrors.inc({ operation });
      throw err;
    }
  };
  const clockOf = (receipts: ReadonlyMap<string, number>, intervalMs: number): StalenessClock => {
    const mono = clock.monotonicMs();
    return {
      now: clock.wallMs(),
      intervalMs,
      receivedAgoMs: (id) => {
        const at = receipts.get(id);
        return at === undefined ? undefined : mono - at;
      },
    };
  };

  return {
    recordDevicePoll: (deviceId, at, result) => write('recordDevicePoll', () => {
      const out = store.recordDevicePoll(deviceId, at, result);
      deviceReceipts.set(deviceId, clock.monotonicMs());
      return out;
    }),
    // a batch that cannot commit is a refused write for every poll in it; a poll refused alone is one
    recordDevicePolls: (polls) => {
      let outcomes;
      try {
        outcomes = store.recordDevicePolls(polls);
      } catch (err) {
        metrics.storeErrors.inc({ operation: 'recordDevicePoll' }, polls.length);
        failedWrite('recordDevicePoll', err);
        throw err;
      }
      const now = clock.monotonicMs();
      outcomes.forEach((o, k) => {
        if (o.ok) {
          deviceReceipts.set(polls[k]!.deviceId, now);
          if (failure !== null) failure.succeededSince = true;
        } else {
          metrics.storeErrors.inc({ operation: 'recordDevicePoll' });
          failedWrite('recordDevicePoll', o.error);
        }
      });
      settle();
      return outcomes;
    },
    recordHealth: (result) => write('recordHealth', () => {
      const out = store.recordHealth(result);
      healthReceipts.set(result.checkId, clock.monotonicMs());
      return out;
    }),
    recordDeviceEvent: (e) => write('recordDeviceEvent', () => store.recordDeviceEvent(e)),
    latestDevice: (id, c) => read('latestDevice', () => store.latestDevice(id, c)),
    latestDevices: (c) => read('latestDevices', () => store.latestDevices(c)),
    deviceSummaries: (c, p) => read('deviceSummaries', () => store.deviceSummaries(c, p)),
    latestHealth: (id, c) => read('latestHealth', () => store.latestHealth(id, c)),
    latestHealthAll: (c) => read('latestHealthAll', () => store.latestHealthAll(c)),
    transitions: (id, q) => read('transitions', () => store.transitions(id, q)),
    healthTransitions: (id, q) => read('healthTransitions', () => store.healthTransitions(id, q)),
    transitionsSince: (since, limit, subjects) => read('transitionsSince', () => store.transitionsSince(since, limit, subjects)),
    forgetDevice: (id) => { write('forgetDevice', () => { store.forgetDevice(id); deviceReceipts.delete(id); }); },
    forgetHealth: (id) => { write('forgetHealth', () => { store.forgetHealth(id); healthReceipts.delete(id); }); },
    pruneTransitions: (olderThan, limit) => write('pruneTransitions', () => store.pruneTransitions(olderThan, limit)),
    close: () => { store.close(); },
    writeFailure: () => {
      settle();
      return failure === null ? null : { operation: failure.operation, message: failure.message, sinceMs: failure.sinceMs, count: failure.count };
    },
    deviceClock: (intervalMs) => clockOf(deviceReceipts, intervalMs),
    deviceAgeMs: (id) => { const at = deviceReceipts.get(id); return at === undefined ? undefined : clock.monotonicMs() - at; },
    healthAgeMs: (id) => { const at = healthReceipts.get(id); return at === undefined ? undefined : clock.monotonicMs() - at; },
    healthClock: (intervalMs) => clockOf(healthReceipts, intervalMs),
  };
}
