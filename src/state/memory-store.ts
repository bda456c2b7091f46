/**
 * An in-memory StateStore for unit tests of other code: the same planner and the same contract
 * as the SQLite store, nothing durable. Values are copied in and out, as a database would.
 */
import {
  DEFAULT_STALE_AFTER_MISSED, byCheckId, byDeviceId, checkLimit, checkQuery, checkTime, deviceStale, healthStale, inWindow, newestFirst,
  planDevicePoll, planHealth, summaryOf, type DeviceBody, type DeviceHead, type HealthRecord,
} from './core.js';
import type { StateStore, StateStoreOptions } from './store.js';
import { toTransition } from './transitions.js';
import {
  StateStoreError,
  type DeviceState, type HealthState, type StalenessClock, type StoredHealthTransition, type StoredTransition,
} from './types.js';

/** Creates an empty in-memory state store. */
export function createMemoryStateStore(opts: StateStoreOptions = {}): StateStore {
  const staleAfter = opts.staleAfterMissed ?? DEFAULT_STALE_AFTER_MISSED;
  const heads = new Map<string, DeviceHead>();
  const bodies = new Map<string, DeviceBody>();
  const health = new Map<string, HealthRecord>();
  let deviceLog: StoredTransition[] = [];
  let healthLog: StoredHealthTransition[] = [];
  let seq = 0;
  let closed = false;

  const open = (op: string): void => {
    if (closed) throw new StateStoreError(`state store: ${op}: the store is closed`, { retryable: false });
  };
  const deviceStateOf = (deviceId: string, head: DeviceHead, clock: StalenessClock | undefined): DeviceState => {
    const body = bodies.get(deviceId);
    return {
      deviceId,
      observation: body === undefined ? null : structuredClone({ ...body.observation, system: { ...body.observation.system, uptimeSeconds: head.uptimeSeconds } }),
      observedAt: head.observedAt,
      lastSuccessAt: head.lastSuccessAt,
      consecutiveFailures: head.consecutiveFailures,
      reachable: head.reachable,
      stale: deviceStale(deviceId, head, staleAfter, clock),
    };
  };
  const healthStateOf = (checkId: string, r: HealthRecord, clock: StalenessClock | undefined): HealthState => ({
    checkId,
    result: structuredClone(r.result),
    observedAt: r.observedAt,
    lastSuccessAt: r.lastSuccessAt,
    consecutiveFailures: r.consecutiveFailures,
    stale: healthStale(checkId, r.observedAt, staleAfter, clock),
  });

  const store: StateStore = {
    recordDevicePolls(polls) {
      open('recordDevicePoll');
      return polls.map((p) => {
        try {
          return { ok: true, transitions: store.recordDevicePoll(p.deviceId, p.at, p.result) };
        } catch (err) {
          return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
        }
      });
    },
    recordDevicePoll(deviceId, at, result) {
      open('recordDevicePoll');
      checkTime(at);
      const plan = planDevicePoll(heads.get(deviceId) ?? null, () => bodies.get(deviceId) ?? null, at, structuredClone(result));
      heads.set(deviceId, plan.head);
      if (plan.body !== null) bodies.set(deviceId, plan.body);
      const stored = plan.changes.map((c) => ({ ...toTransition(deviceId, at, c), seq: ++seq }));
      deviceLog.push(...stored);
      return stored.map((t) => ({ ...t }));
    },
    recordDeviceEvent(e) {
      open('recordDeviceEvent');
      checkTime(e.at);
      const stored = { ...e, seq: ++seq };
      deviceLog.push(stored);
      return { ...stored };
    },
    recordHealth(result) {
      open('recordHealth');
      const plan = planHealth(health.get(result.checkId) ?? null, structuredClone(result));
      health.set(result.checkId, plan.record);
      const stored = plan.transitions.map((t) => ({ ...t, reasons: [...t.reasons], seq: ++seq }));
      healthLog.push(...stored);
      return stored.map((t) => ({ ...t, reasons: [...t.reasons] }));
    },
    latestDevice(deviceId, clock) {
      open('latestDevice');
      const head = heads.get(deviceId);
      return head === undefined || head.removed ? null : deviceStateOf(deviceId, head, clock);
    },
    deviceSummaries(clock, page) {
      open('deviceSummaries');
      if (page !== undefined) checkLimit(page.limit);
      const all = [...heads].filter(([, h]) => !h.removed).map(([id, h]) => summaryOf(id, h, staleAfter, clock)).sort(byDeviceId);
      if (page === undefined) return all;
      const after = page.after;
      // the same order as byDeviceId (and SQLite's binary collation for these ids)
      return (after === undefined ? all : all.filter((d) => d.deviceId > after)).slice(0, page.limit);
    },
    latestDevices(clock) {
      open('latestDevices');
      return [...heads].filter(([, h]) => !h.removed).map(([id, h]) => deviceStateOf(id, h, clock)).sort(byDeviceId);
    },
    latestHealth(checkId, clock) {
      open('latestHealth');
      const r = health.get(checkId);
      return r === undefined || r.removed ? null : healthStateOf(checkId, r, clock);
    },
    latestHealthAll(clock) {
      open('latestHealthAll');
      return [...health].filter(([, r]) => !r.removed).map(([id, r]) => healthStateOf(id, r, clock)).sort(byCheckId);
    },
    transitions(deviceId, query) {
      open('transitions');
      checkQuery(query);
      return deviceLog.filter((t) => t.deviceId === deviceId && inWindow(t, query)).sort(newestFirst).slice(0, query.limit).map((t) => ({ ...t }));
    },
    transitionsSince(since, limit, subjects) {
      open('transitionsSince');
      checkQuery({ limit, since });
      const wanted = (subject: string): boolean => subjects === undefined || subjects.some((x) => subject === x || (x.endsWith(':') && subject.startsWith(x)));
      return deviceLog.filter((t) => t.at >= since && wanted(t.subject)).sort((a, b) => a.at - b.at || a.seq - b.seq).slice(0, limit).map((t) => ({ ...t }));
    },
    healthTransitions(checkId, query) {
      open('healthTransitions');
      checkQuery(query);
      return healthLog.filter((t) => t.checkId === checkId && inWindow(t, query)).sort(newestFirst).slice(0, query.limit).map((t) => ({ ...t, reasons: [...t.reasons] }));
    },
    forgetDevice(deviceId) {
      open('forgetDevice');
      const head = heads.get(deviceId);
      if (head !== undefined) heads.set(deviceId, { ...head, removed: true });
      bodies.delete(deviceId);
    },
    forgetHealth(checkId) {
      open('forgetHealth');
      const r = health.get(checkId);
      if (r !== undefined) health.set(checkId, { ...r, removed: true });
    },
    pruneTransitions(olderThan, limit) {
      open('pruneTransitions');
      checkTime(olderThan, 'olderThan');
      checkLimit(limit);
      const before = deviceLog.length + healthLog.length;
      for (const [id, h] of heads) if (h.removed && h.observedAt < olderThan) heads.delete(id);
      for (const [id, r] of health) if (r.removed && r.observedAt < olderThan) health.delete(id);
      /** The oldest `limit` entries before the cut (all of them without a limit). */
      const doomed = <T extends { at: number; seq: number }>(log: readonly T[]): Set<T> =>
        new Set(log.filter((t) => t.at < olderThan).sort((a, b) => a.at - b.at || a.seq - b.seq).slice(0, limit ?? Infinity));
      const dropDevice = doomed(deviceLog);
      const dropHealth = doomed(healthLog);
      deviceLog = deviceLog.filter((t) => !dropDevice.has(t));
      healthLog = healthLog.filter((t) => !dropHealth.has(t));
      return before - deviceLog.length - healthLog.length;
    },
    close() {
      closed = true;
    },
  };
  return store;
}
