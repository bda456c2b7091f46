/**
 * The state store's decisions, shared by every implementation (pure): what one poll or health
 * result changes, what is stale, which transitions a query selects. The implementations only
 * read and write the records these functions compute.
 */
import { UsageError } from '../common/errors.js';
import type { DeviceObservation } from '../collect/observation.js';
import {
  diffHealth, diffSubjects, observationSubjects, rebootChange, stableDigest, stableJson,
  type SubjectChange, type SubjectState, type SubjectStates,
} from './transitions.js';
import type { DevicePollResult, DeviceSummary, HealthResult, HealthState, HealthTransition, StalenessClock, TransitionQuery } from './types.js';
import { emptyObservation } from '../collect/snmp/engine.js';

/** Default number of missed polls after which state is stale. */
export const DEFAULT_STALE_AFTER_MISSED = 3;

/** The small, hot part of a device's state, rewritten on every poll. */
export interface DeviceHead {
  /** Set by forgetDevice: the device left the inventory (its transitions are kept). */
  readonly removed: boolean;
  readonly reachable: boolean;
  readonly observedAt: number;
  readonly lastSuccessAt: number | null;
  readonly consecutiveFailures: number;
  /** `stableDigest` of the stored observation; null before the first answer. */
  readonly digest: string | null;
  /** Uptime of the last answered poll (kept here so an unchanged observation need not be rewritten). */
  readonly uptimeSeconds: number | null;
}

/** The large part of a device's state, rewritten only when the observation changed. */
export interface DeviceBody {
  readonly observation: DeviceObservation;
  /** Subject states, including those a partial poll could not vouch for (carried over). */
  readonly states: SubjectStates;
}

/** What one poll does to a device's state. */
export interface DevicePollPlan {
  readonly head: DeviceHead;
  /**
   * The body to store, or null to keep the stored one (unanswered poll, or nothing but uptime
   * changed). `json` is the observation as `stableJson` wrote it (already made for the digest).
   */
  readonly body: (DeviceBody & { readonly json: string }) | null;
  readonly changes: readonly SubjectChange[];
}

/** Rejects times that are not finite numbers (ms since the epoch). */
export function checkTime(at: number, what = 'at'): void {
  if (!Number.isFinite(at)) throw new UsageError(`${what} must be a finite time in ms, got ${String(at)}`);
}

/**
 * Plans one device poll against the stored head (and, only when the observation changed, the
 * stored body, read through `loadBody`). A removed device starts afresh. An unanswered poll keeps
 * the last observation, counts the failure and records reachability only when it changes.
 */
export function planDevicePoll(prev: DeviceHead | null, loadBody: () => DeviceBody | null, at: number, result: DevicePollResult): DevicePollPlan {
  checkTime(at);
  const known = prev === null || prev.removed ? null : prev;
  const changes: SubjectChange[] = [];
  if (!result.answered) {
    if (known?.reachable !== false) changes.push({ subject: 'reachability', from: known === null ? null : 'answered', to: 'unanswered', adminDown: false });
    return {
      head: {
        removed: false,
        reachable: false,
        observedAt: at,
        lastSuccessAt: known?.lastSuccessAt ?? null,
        consecutiveFailures: (known?.consecutiveFailures ?? 0) + 1,
        digest: known?.digest ?? null,
        uptimeSeconds: known?.uptimeSeconds ?? null,
      },
      body: null,
      changes,
    };
  }
  const obs = result.observation;
  if (known?.reachable !== true) changes.push({ subject: 'reachability', from: known === null ? null : 'unanswered', to: 'answered', adminDown: false });
  const uptime = obs.system.uptimeSeconds;
  if (known !== null) {
    const reboot = rebootChange(known.uptimeSeconds, uptime, known.lastSuccessAt, at);
    if (reboot !== null) changes.push(reboot);
  }
  const json = stableJson(obs);
  const digest = stableDigest(obs, json);
  let body: DevicePollPlan['body'] = null;
  if (known?.digest !== digest) {
    const before = known !== null && known.digest !== null ? loadBody() : null;
    const diff = diffSubjects(before?.states ?? null, observationSubjects(obs), obs.errors.length === 0);
    changes.push(...diff.changes);
    body = { observation: obs, states: diff.merged, json };
  }
  return {
    head: { removed: false, reachable: true, observedAt: at, lastSuccessAt: at, consecutiveFailures: 0, digest, uptimeSeconds: uptime },
    body,
    changes,
  };
}

/** How old a subject's latest result is: by the monotonic receipt age when the clock knows it, else by wall time. */
export function ageOf(id: string, observedAt: number, clock: StalenessClock): number {
  return clock.receivedAgoMs?.(id) ?? clock.now - observedAt;
}

/** Whether a device's state is stale: too many failed polls, or (given a clock) no poll for that many intervals. */
export function deviceStale(deviceId: string, head: DeviceHead, staleAfterMissed: number, clock?: StalenessClock): boolean {
  return head.consecutiveFailures >= staleAfterMissed || (clock !== undefined && ageOf(deviceId, head.observedAt, clock) > staleAfterMissed * clock.intervalMs);
}

/** A device's summary from its head (no observation). */
export function summaryOf(deviceId: string, head: DeviceHead, staleAfterMissed: number, clock?: StalenessClock): DeviceSummary {
  return {
    deviceId,
    observedAt: head.observedAt,
    lastSuccessAt: head.lastSuccessAt,
    consecutiveFailures: head.consecutiveFailures,
    reachable: head.reachable,
    stale: deviceStale(deviceId, head, staleAfterMissed, clock),
  };
}

/** Whether a health check's state is stale: (given a clock) no result for `staleAfterMissed` intervals. */
export function healthStale(checkId: string, observedAt: number, staleAfterMissed: number, clock?: StalenessClock): boolean {
  return clock !== undefined && ageOf(checkId, observedAt, clock) > staleAfterMissed * clock.intervalMs;
}

/** The stored state of one health check. */
export interface HealthRecord {
  readonly result: HealthResult;
  readonly removed: boolean;
  readonly observedAt: number;
  readonly lastSuccessAt: number | null;
  readonly consecutiveFailures: number;
}

/** Plans one health result against the stored record: the new record and the up/down transition, if any. */
export function planHealth(prev: HealthRecord | null, result: HealthResult): { record: HealthRecord; transitions: HealthTransition[] } {
  checkTime(result.at, 'result.at');
  const known = prev === null || prev.removed ? null : prev;
  return {
    record: {
      result,
      removed: false,
      observedAt: result.at,
      lastSuccessAt: result.ok ? result.at : (known?.lastSuccessAt ?? null),
      consecutiveFailures: result.ok ? 0 : (known?.consecutiveFailures ?? 0) + 1,
    },
    transitions: diffHealth(known?.result ?? null, result),
  };
}

/** Rejects a prune batch size that is not a positive integer (undefined: no limit). */
export function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`limit must be a positive integer, got ${String(limit)}`);
}

/** Rejects a malformed page request. */
export function checkQuery(q: TransitionQuery): void {
  if (!Number.isInteger(q.limit) || q.limit < 0) throw new UsageError(`limit must be a non-negative integer, got ${String(q.limit)}`);
  if (q.before !== undefined) checkTime(q.before, 'before');
  if (q.since !== undefined) checkTime(q.since, 'since');
  if (q.beforeSeq !== undefined && q.before === undefined) throw new UsageError('beforeSeq needs before (the time of the same item)');
}

/** Whether a transition falls in a query's window (the limit aside). */
export function inWindow(t: { readonly at: number; readonly seq: number }, q: TransitionQuery): boolean {
  if (q.since !== undefined && t.at < q.since) return false;
  if (q.before !== undefined) {
    if (q.beforeSeq === undefined) return t.at < q.before;
    return t.at < q.before || (t.at === q.before && t.seq < q.beforeSeq);
  }
  return true;
}

/** Newest first: by time, then by the order recorded. */
export function newestFirst(a: { readonly at: number; readonly seq: number }, b: { readonly at: number; readonly seq: number }): number {
  return b.at - a.at || b.seq - a.seq;
}

/** Subject states as compact JSON: `[[subject, value, adminDown 0|1], ...]`. */
export function statesToJson(states: SubjectStates): string {
  return JSON.stringify([...states].map(([s, v]) => [s, v.value, v.adminDown ? 1 : 0]));
}

/** Reads `statesToJson` output back. */
export function statesFromJson(json: string): Map<string, SubjectState> {
  const rows = JSON.parse(json) as [string, string, number][];
  return new Map(rows.map(([s, value, admin]) => [s, { value, adminDown: admin === 1 }]));
}

/**
 * An observation read back from storage. The observation contract grows additively, so a stored
 * one may lack lists added since it was written: they read as empty.
 */
export function reviveObservation(json: string, uptimeSeconds: number | null): DeviceObservation {
  const raw = JSON.parse(json) as Partial<DeviceObservation> & Pick<DeviceObservation, 'target' | 'system'>;
  return {
    ...emptyObservation(raw.target, []),
    ...raw,
    system: { ...raw.system, uptimeSeconds },
  };
}

function byKey<T>(key: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Orders device states by id (every implementation lists them so). */
export const byDeviceId = byKey<DeviceSummary>((s) => s.deviceId);
/** Orders health states by check id. */
export const byCheckId = byKey<HealthState>((s) => s.checkId);
