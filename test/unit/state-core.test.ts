/**
 * The state store's pure decisions (src/state/core.ts and the reboot test of transitions.ts),
 * table-driven: what a poll or health result changes, staleness at its boundaries, the paging
 * window, the stored JSON forms. Every store implementation relies on these.
 */
import { describe, expect, it } from 'vitest';
import type { HealthResult } from '../../src/collect/http/health.js';
import type { Component, DeviceObservation } from '../../src/collect/observation.js';
import {
  byCheckId, byDeviceId, checkQuery, checkTime, deviceStale, healthStale, inWindow, newestFirst, planDevicePoll, planHealth,
  reviveObservation, statesFromJson, statesToJson, summaryOf, type DeviceBody, type DeviceHead, type HealthRecord,
} from '../../src/state/core.js';
import { UPTIME_WRAP_SECONDS, isReboot, rebootChange } from '../../src/state/transitions.js';
import type { DeviceSummary, HealthState } from '../../src/state/types.js';
import { observation } from '../support/snapshot-builders.js';

const T0 = Date.parse('2026-03-10T04:00:00Z');
const MIN = 60_000;
const psu = (name: string, status: Component['status']): Component => ({ id: name, name, status, sources: ['test'] });
const obs = (uptimeSeconds: number, psus: Component[] = [psu('PSU 1', 'ok')], errors: DeviceObservation['errors'] = []): DeviceObservation => {
  const o = observation({ powerSupplies: psus, errors });
  return { ...o, system: { ...o.system, uptimeSeconds } };
};
const head = (h: Partial<DeviceHead> = {}): DeviceHead => ({
  removed: false, reachable: true, observedAt: T0, lastSuccessAt: T0, consecutiveFailures: 0, digest: null, uptimeSeconds: 1000, ...h,
});
const noBody = (): DeviceBody | null => null;

describe('planDevicePoll', () => {
  it('a first answered poll: reachable, a body, the reachability and every subject as changes', () => {
    const p = planDevicePoll(null, noBody, T0, { answered: true, observation: obs(1000) });
    expect(p.head).toMatchObject({ removed: false, reachable: true, observedAt: T0, lastSuccessAt: T0, consecutiveFailures: 0, uptimeSeconds: 1000 });
    expect(p.head.digest).not.toBeNull();
    expect(p.body?.observation.powerSupplies).toHaveLength(1);
    expect(p.body?.json).toBe(JSON.stringify(JSON.parse(p.body!.json)));
    expect(p.changes[0]).toEqual({ subject: 'reachability', from: null, to: 'answered', adminDown: false });
    expect(p.changes.length).toBeGreaterThan(1);
  });

  it('an unanswered first poll: unreachable, no body, one failure, reachability from nothing', () => {
    const p = planDevicePoll(null, noBody, T0, { answered: false, observation: obs(0) });
    expect(p.head).toEqual({ removed: false, reachable: false, observedAt: T0, lastSuccessAt: null, consecutiveFailures: 1, digest: null, uptimeSeconds: null });
    expect(p.body).toBeNull();
    expect(p.changes).toEqual([{ subject: 'reachability', from: null, to: 'unanswered', adminDown: false }]);
  });

  it('failures count up, keep the last success and digest, and record reachability only when it changes', () => {
    const first = planDevicePoll(head({ digest: 'd1' }), noBody, T0 + MIN, { answered: false, observation: obs(0) });
    expect(first.head).toMatchObject({ reachable: false, lastSuccessAt: T0, consecutiveFailures: 1, digest: 'd1', uptimeSeconds: 1000, observedAt: T0 + MIN });
    expect(first.changes).toEqual([{ subject: 'reachability', from: 'answered', to: 'unanswered', adminDown: false }]);
    const second = planDevicePoll(first.head, noBody, T0 + 2 * MIN, { answered: false, observation: obs(0) });
    expect(second.head.consecutiveFailures).toBe(2);
    expect(second.changes).toEqual([]);
  });

  it('answering again after failures: reachability back, failures reset', () => {
    const down = head({ reachable: false, consecutiveFailures: 3 });
    const p = planDevicePoll(down, noBody, T0 + MIN, { answered: true, observation: obs(1060) });
    expect(p.head).toMatchObject({ reachable: true, consecutiveFailures: 0, lastSuccessAt: T0 + MIN });
    expect(p.changes[0]).toEqual({ subject: 'reachability', from: 'unanswered', to: 'answered', adminDown: false });
  });

  it('an unchanged observation (only uptime moved) keeps the stored body and records nothing', () => {
    const first = planDevicePoll(null, noBody, T0, { answered: true, observation: obs(1000) });
    const body: DeviceBody = { observation: first.body!.observation, states: first.body!.states };
    let loaded = 0;
    const again = planDevicePoll(first.head, () => { loaded++; return body; }, T0 + MIN, { answered: true, observation: obs(1060) });
    expect(again.body).toBeNull();
    expect(again.changes).toEqual([]);
    expect(loaded).toBe(0);
    expect(again.head.digest).toBe(first.head.digest);
    expect(again.head.uptimeSeconds).toBe(1060);
  });

  it('a changed observation loads the stored body and records what changed', () => {
    const first = planDevicePoll(null, noBody, T0, { answered: true, observation: obs(1000) });
    const body: DeviceBody = { observation: first.body!.observation, states: first.body!.states };
    let loaded = 0;
    const p = planDevicePoll(first.head, () => { loaded++; return body; }, T0 + MIN, { answered: true, observation: obs(1060, [psu('PSU 1', 'failed')]) });
    expect(loaded).toBe(1);
    expect(p.body).not.toBeNull();
    expect(p.head.digest).not.toBe(first.head.digest);
    expect(p.changes.some((c) => c.from === 'ok' && c.to === 'failed')).toBe(true);
  });

  it('a poll with collection errors keeps what it could not read; a clean poll records it gone', () => {
    const first = planDevicePoll(null, noBody, T0, { answered: true, observation: obs(1000, [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')]) });
    const body: DeviceBody = { observation: first.body!.observation, states: first.body!.states };
    const partial = planDevicePoll(first.head, () => body, T0 + MIN, { answered: true, observation: obs(1060, [psu('PSU 1', 'ok')], [{ profile: 'entity', message: 'timeout' }]) });
    expect(partial.changes).toEqual([]);
    expect([...partial.body!.states.keys()]).toEqual([...first.body!.states.keys()]);
    const clean = planDevicePoll(first.head, () => body, T0 + MIN, { answered: true, observation: obs(1060, [psu('PSU 1', 'ok')]) });
    expect(clean.changes.length).toBeGreaterThan(0);
    expect(clean.body!.states.size).toBeLessThan(first.body!.states.size);
  });

  it('a reboot (uptime fell) is a change; a removed device starts afresh', () => {
    const p = planDevicePoll(head({ uptimeSeconds: 100_000, digest: 'x' }), noBody, T0 + MIN, { answered: true, observation: obs(30) });
    expect(p.changes.some((c) => c.subject === 'reboot' && c.from === '100000' && c.to === '30')).toBe(true);
    const fresh = planDevicePoll(head({ removed: true, consecutiveFailures: 9, uptimeSeconds: 100_000 }), noBody, T0, { answered: false, observation: obs(0) });
    expect(fresh.head).toMatchObject({ consecutiveFailures: 1, lastSuccessAt: null });
    expect(fresh.changes).toEqual([{ subject: 'reachability', from: null, to: 'unanswered', adminDown: false }]);
  });

  it.each([NaN, Infinity, -Infinity])('rejects a time of %s', (at) => {
    expect(() => planDevicePoll(null, noBody, at, { answered: false, observation: obs(0) })).toThrow(/finite time/);
    expect(() => { checkTime(at, 'when'); }).toThrow(/^when must be a finite time/);
  });
});

describe('staleness at its boundaries', () => {
  it.each([
    ['fewer failures than the limit', 2, undefined, false],
    ['exactly the limit of failures', 3, undefined, true],
    ['more failures', 4, undefined, true],
    ['no poll for exactly 3 intervals', 0, { now: T0 + 3 * MIN, intervalMs: MIN }, false],
    ['no poll for 3 intervals and 1 ms', 0, { now: T0 + 3 * MIN + 1, intervalMs: MIN }, true],
  ] as const)('device: %s', (_n, failures, clock, stale) => {
    expect(deviceStale('d1', head({ consecutiveFailures: failures }), 3, clock)).toBe(stale);
    expect(summaryOf('d1', head({ consecutiveFailures: failures }), 3, clock)).toEqual({
      deviceId: 'd1', observedAt: T0, lastSuccessAt: T0, consecutiveFailures: failures, reachable: true, stale,
    });
  });
  it.each([
    ['no clock: never stale', undefined, false],
    ['exactly 3 intervals', { now: T0 + 3 * MIN, intervalMs: MIN }, false],
    ['3 intervals and 1 ms', { now: T0 + 3 * MIN + 1, intervalMs: MIN }, true],
  ] as const)('health: %s', (_n, clock, stale) => {
    expect(healthStale('h1', T0, 3, clock)).toBe(stale);
  });
});

describe('planHealth', () => {
  const result = (ok: boolean, at: number): HealthResult => ({ checkId: 'hc', at, ok, httpStatus: ok ? 200 : 503, latencyMs: 5, reasons: ok ? [] : ['HTTP 503'] });
  const record = (r: Partial<HealthRecord> & { result: HealthResult }): HealthRecord => ({ removed: false, observedAt: r.result.at, lastSuccessAt: null, consecutiveFailures: 0, ...r });

  it.each([
    ['first result up', null, result(true, T0), { lastSuccessAt: T0, consecutiveFailures: 0 }, [{ from: null, to: 'up' }]],
    ['first result down', null, result(false, T0), { lastSuccessAt: null, consecutiveFailures: 1 }, [{ from: null, to: 'down' }]],
    ['down after up', record({ result: result(true, T0), lastSuccessAt: T0 }), result(false, T0 + MIN), { lastSuccessAt: T0, consecutiveFailures: 1 }, [{ from: 'up', to: 'down' }]],
    ['down again', record({ result: result(false, T0), lastSuccessAt: T0 - MIN, consecutiveFailures: 1 }), result(false, T0 + MIN), { lastSuccessAt: T0 - MIN, consecutiveFailures: 2 }, []],
    ['up after down', record({ result: result(false, T0), consecutiveFailures: 4 }), result(true, T0 + MIN), { lastSuccessAt: T0 + MIN, consecutiveFailures: 0 }, [{ from: 'down', to: 'up' }]],
    ['a removed check starts afresh', record({ result: result(false, T0), consecutiveFailures: 4, removed: true }), result(false, T0 + MIN), { lastSuccessAt: null, consecutiveFailures: 1 }, [{ from: null, to: 'down' }]],
  ] as const)('%s', (_n, prev, r, want, transitions) => {
    const p = planHealth(prev, r);
    expect(p.record).toEqual({ result: r, removed: false, observedAt: r.at, ...want });
    expect(p.transitions.map((t) => ({ from: t.from, to: t.to }))).toEqual(transitions);
  });

  it('rejects a result time that is not finite', () => {
    expect(() => planHealth(null, result(true, NaN))).toThrow(/^result\.at must be a finite time/);
  });
});

describe('transition queries', () => {
  it.each([
    [{ limit: 0 }, null],
    [{ limit: 10, before: T0, beforeSeq: 3, since: T0 - MIN }, null],
    [{ limit: -1 }, /^limit must be a non-negative integer/],
    [{ limit: 1.5 }, /^limit must be a non-negative integer/],
    [{ limit: 1, before: NaN }, /^before must be a finite time/],
    [{ limit: 1, since: Infinity }, /^since must be a finite time/],
    [{ limit: 1, beforeSeq: 3 }, /^beforeSeq needs before/],
  ] as const)('checkQuery %j', (q, error) => {
    if (error === null) expect(() => { checkQuery(q); }).not.toThrow();
    else expect(() => { checkQuery(q); }).toThrow(error);
  });

  it.each([
    ['no bounds', { at: T0, seq: 5 }, { limit: 9 }, true],
    ['exactly at since', { at: T0, seq: 5 }, { limit: 9, since: T0 }, true],
    ['1 ms before since', { at: T0 - 1, seq: 5 }, { limit: 9, since: T0 }, false],
    ['exactly at before (no seq)', { at: T0, seq: 5 }, { limit: 9, before: T0 }, false],
    ['1 ms before before', { at: T0 - 1, seq: 5 }, { limit: 9, before: T0 }, true],
    ['at before, smaller seq', { at: T0, seq: 4 }, { limit: 9, before: T0, beforeSeq: 5 }, true],
    ['at before, same seq', { at: T0, seq: 5 }, { limit: 9, before: T0, beforeSeq: 5 }, false],
    ['earlier, larger seq', { at: T0 - 1, seq: 9 }, { limit: 9, before: T0, beforeSeq: 5 }, true],
    ['later, smaller seq', { at: T0 + 1, seq: 1 }, { limit: 9, before: T0, beforeSeq: 5 }, false],
  ] as const)('inWindow: %s', (_n, t, q, want) => {
    expect(inWindow(t, q)).toBe(want);
  });

  it('orders newest first, then by the order recorded', () => {
    const items = [{ at: T0, seq: 1 }, { at: T0 + 1, seq: 0 }, { at: T0, seq: 2 }];
    expect([...items].sort(newestFirst)).toEqual([{ at: T0 + 1, seq: 0 }, { at: T0, seq: 2 }, { at: T0, seq: 1 }]);
    expect(newestFirst({ at: T0, seq: 1 }, { at: T0, seq: 1 })).toBe(0);
  });
});

describe('stored forms', () => {
  it('subject states survive their JSON, adminDown included', () => {
    const states = new Map([['psu:PSU 1', { value: 'ok', adminDown: false }], ['if:Te1', { value: 'down', adminDown: true }]]);
    const json = statesToJson(states);
    expect(json).toBe('[["psu:PSU 1","ok",0],["if:Te1","down",1]]');
    expect(statesFromJson(json)).toEqual(states);
  });

  it('an observation stored before a list existed reads back with that list empty, and the head\'s uptime', () => {
    const stored = JSON.stringify({ target: '10.0.0.1', system: { name: 'r1', descr: null, objectId: null, uptimeSeconds: 5 }, powerSupplies: [psu('PSU 1', 'ok')] });
    const o = reviveObservation(stored, 777);
    expect(o.powerSupplies).toHaveLength(1);
    expect(o.bfdSessions).toEqual([]);
    expect(o.isisAdjacencies).toEqual([]);
    expect(o.system).toEqual({ name: 'r1', descr: null, objectId: null, uptimeSeconds: 777 });
    expect(o.target).toBe('10.0.0.1');
  });

  it('lists devices and checks by id', () => {
    const d = (deviceId: string): DeviceSummary => ({ deviceId, observedAt: 0, lastSuccessAt: null, consecutiveFailures: 0, reachable: true, stale: false });
    expect([d('b'), d('a'), d('c'), d('a')].sort(byDeviceId).map((x) => x.deviceId)).toEqual(['a', 'a', 'b', 'c']);
    const h = (checkId: string): HealthState => ({ checkId } as HealthState);
    expect([h('z'), h('m')].sort(byCheckId).map((x) => x.checkId)).toEqual(['m', 'z']);
    // the comparators themselves: before, equal, after
    expect([byDeviceId(d('a'), d('b')), byDeviceId(d('a'), d('a')), byDeviceId(d('b'), d('a'))]).toEqual([-1, 0, 1]);
    expect([byCheckId(h('a'), h('b')), byCheckId(h('b'), h('b')), byCheckId(h('c'), h('b'))]).toEqual([-1, 0, 1]);
  });
});

describe('isReboot / rebootChange at their boundaries', () => {
  const WRAP = UPTIME_WRAP_SECONDS;
  it.each([
    ['uptime grew', 1000, 1060, T0 - MIN, false],
    ['a drop of exactly 5 s is jitter', 1000, 995, T0 - MIN, false],
    ['a drop of 6 s is a restart', 1000, 994, T0 - MIN, true],
    ['fell to near zero', 100_000, 30, T0 - MIN, true],
    ['the 32-bit wrap, on time', WRAP - 30, 30, T0 - MIN, false],
    ['the wrap, 120 s off (within tolerance)', WRAP - 30, 150, T0 - MIN, false],
    ['the wrap, 200 s off', WRAP - 30, 230, T0 - MIN, true],
    ['no previous time: forward within a day counts as a wrap', WRAP - 30, 30, null, false],
    ['no previous time: forward more than a day is a restart', 100_000, 30, null, true],
  ] as const)('%s', (_n, prev, next, prevAt, reboot) => {
    expect(isReboot(prev, next, prevAt, T0)).toBe(reboot);
    expect(rebootChange(prev, next, prevAt, T0)).toEqual(reboot ? { subject: 'reboot', from: String(Math.round(prev)), to: String(Math.round(next)), adminDown: false } : null);
  });
  it('no change when either uptime is unknown', () => {
    expect(rebootChange(null, 30, T0 - MIN, T0)).toBeNull();
    expect(rebootChange(100_000, null, T0 - MIN, T0)).toBeNull();
  });
});
