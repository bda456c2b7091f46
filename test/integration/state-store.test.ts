/**
 * The state store: one contract suite run against every implementation (memory, and SQLite on a
 * real temporary file), then what only the durable one promises: restart, several connections,
 * migrations, no secrets on disk, and no committed poll lost to kill -9.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedlineError, UsageError } from '../../src/common/errors.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { fleetDevice, syntheticTable } from '../../src/sim/synthetic-devices.js';
import { createMemoryStateStore } from '../../src/state/memory-store.js';
import { MIGRATIONS } from '../../src/state/schema.js';
import { openSqliteStateStore, type StateStore, type StateStoreOptions } from '../../src/state/store.js';
import { StateStoreError, type HealthResult, type StoredTransition } from '../../src/state/types.js';
import { pollReplay } from '../support/replay.js';
import { thrown } from '../support/thrown.js';
import { WRITER_T0, writerObservation, writerUnanswered } from './state-store-writer.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

let dir = '';
let files = 0;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'redline-state-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
const freshFile = (): string => join(dir, `state-${++files}.db`);

function obs(patch: Partial<DeviceObservation> = {}): DeviceObservation {
  return {
    target: '192.0.2.1:161',
    system: { name: 'core-1', descr: 'test', objectId: '1.3.6.1.4.1.9.1.1', uptimeSeconds: 86_400 },
    profiles: ['system', 'entity', 'if-mib'],
    powerSupplies: [
      { id: 'psu-1', name: 'PSU 1', status: 'ok', sources: ['entity'] },
      { id: 'psu-2', name: 'PSU 2', status: 'ok', sources: ['entity'] },
    ],
    fans: [{ id: 'fan-1', name: 'Fan 1', status: 'ok', sources: ['entity'] }],
    ups: null,
    dcPower: [],
    siteSensors: [],
    powerInputs: [],
    bgpPeers: [{ peer: '10.0.0.1', remoteAs: 65001, state: 'established', adminStatus: 'up', source: 'bgp4' }],
    ospfNeighbors: [],
    isisAdjacencies: [],
    bfdSessions: [],
    fhrpGroups: [],
    interfaces: [{ index: 1, name: 'Gi0/1', operStatus: 'up', adminStatus: 'up', speedMbps: 1000 }],
    lagMembers: [],
    neighbors: [],
    redundancy: [],
    errors: [],
    ...patch,
  };
}
const up = (o: DeviceObservation = obs()) => ({ answered: true, observation: o });
const down = { answered: false, observation: obs({ powerSupplies: [], fans: [], bgpPeers: [], interfaces: [], errors: [{ profile: 'system', message: 'timed out' }] }) };
const psu1 = (status: 'ok' | 'failed'): DeviceObservation['powerSupplies'] => [
  { id: 'psu-1', name: 'PSU 1', status, sources: ['entity'] },
  { id: 'psu-2', name: 'PSU 2', status: 'ok', sources: ['entity'] },
];
const health = (checkId: string, at: number, ok: boolean, reasons: string[] = ok ? [] : ['status 503, expected 200-299']): HealthResult => ({
  checkId, at, ok, httpStatus: ok ? 200 : 503, latencyMs: ok ? 35 : 12, reasons,
});
const brief = (ts: readonly StoredTransition[]): [string, string | null, string][] => ts.map((t) => [t.subject, t.from, t.to]);

interface Implementation {
  readonly name: string;
  readonly open: (opts?: StateStoreOptions) => StateStore;
}
const implementations: Implementation[] = [
  { name: 'memory', open: (opts) => createMemoryStateStore(opts) },
  { name: 'sqlite', open: (opts) => openSqliteStateStore(freshFile(), opts) },
];

describe.each(implementations)('StateStore contract: $name', (impl) => {
  let store: StateStore;
  const opened: StateStore[] = [];
  const open = (opts?: StateStoreOptions): StateStore => {
    const s = impl.open(opts);
    opened.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of opened.splice(0)) s.close();
  });

  it('a first answered poll records every subject from null and the latest state', () => {
    store = open();
    const got = store.recordDevicePoll('dev-1', T0, up());
    expect(brief(got)).toEqual([
      ['reachability', null, 'answered'],
      ['psu:psu-1', null, 'ok'],
      ['psu:psu-2', null, 'ok'],
      ['fan:fan-1', null, 'ok'],
      ['bgp:|10.0.0.1', null, 'established'],
      ['if:1', null, 'up'],
    ]);
    expect(got.every((t) => t.deviceId === 'dev-1' && t.at === T0)).toBe(true);
    expect(store.latestDevice('dev-1')).toEqual({
      deviceId: 'dev-1', observation: obs(), observedAt: T0, lastSuccessAt: T0, consecutiveFailures: 0, reachable: true, stale: false,
    });
    expect(store.latestDevice('nope')).toBeNull();
  });

  it('a batch of polls stores each in order, as one recordDevicePoll after another would', () => {
    store = open();
    const one = open();
    const polls = [
      { deviceId: 'dev-1', at: T0, result: up() },
      { deviceId: 'dev-2', at: T0, result: down },
      { deviceId: 'dev-1', at: T0 + MIN, result: up(obs({ powerSupplies: psu1('failed') })) },
    ];
    const outcomes = store.recordDevicePolls(polls);
    const alone = polls.map((p) => one.recordDevicePoll(p.deviceId, p.at, p.result));
    expect(outcomes.map((o) => (o.ok ? brief(o.transitions) : o.error.message))).toEqual(alone.map(brief));
    expect(brief(alone[2]!)).toEqual([['psu:psu-1', 'ok', 'failed']]);
    for (const id of ['dev-1', 'dev-2']) expect(store.latestDevice(id)).toEqual(one.latestDevice(id));
    expect(store.recordDevicePolls([])).toEqual([]);
  });

  it('pages device summaries by id, the same rows as the whole list', () => {
    store = open();
    for (const id of ['dev-c', 'dev-a', 'dev-e', 'dev-b', 'dev-d']) store.recordDevicePoll(id, T0, up());
    store.forgetDevice('dev-b');
    const ids = (page: readonly { deviceId: string }[]): string[] => page.map((d) => d.deviceId);
    expect(ids(store.deviceSummaries(undefined, { limit: 2 }))).toEqual(['dev-a', 'dev-c']);
    expect(ids(store.deviceSummaries(undefined, { after: 'dev-c', limit: 2 }))).toEqual(['dev-d', 'dev-e']);
    expect(ids(store.deviceSummaries(undefined, { after: 'dev-e', limit: 2 }))).toEqual([]);
    expect(store.deviceSummaries(undefined, { after: 'dev-a', limit: 10 })).toEqual(store.deviceSummaries().slice(1));
    expect(() => store.deviceSummaries(undefined, { limit: 0 })).toThrow(/limit must be a positive integer/);
  });

  it('a poll refused alone in a batch is left out alone; the others are stored', () => {
    store = open();
    const outcomes = store.recordDevicePolls([
      { deviceId: 'dev-1', at: T0, result: up() },
      { deviceId: 'dev-2', at: Number.NaN, result: up() },
      { deviceId: 'dev-3', at: T0, result: up() },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const refused = outcomes[1]!;
    expect(refused.ok ? null : refused.error.message).toMatch(/at/);
    expect(store.latestDevice('dev-2')).toBeNull();
    expect(store.latestDevices().map((d) => d.deviceId)).toEqual(['dev-1', 'dev-3']);
    expect(store.transitions('dev-2', { limit: 10 })).toEqual([]);
  });

  it('an unchanged poll stores no transition but moves time and uptime on', () => {
    store = open();
    store.recordDevicePoll('dev-1', T0, up());
    const again = store.recordDevicePoll('dev-1', T0 + MIN, up(obs({ system: { ...obs().system, uptimeSeconds: 86_460 } })));
    expect(again).toEqual([]);
    const s = store.latestDevice('dev-1');
    expect(s?.observedAt).toBe(T0 + MIN);
    expect(s?.lastSuccessAt).toBe(T0 + MIN);
    expect(s?.observation?.system.uptimeSeconds).toBe(86_460);
    expect(store.transitions('dev-1', { limit: 100 })).toHaveLength(6);
  });

  it('a change is returned, stored, and listed newest first', () => {
    store = open();
    store.recordDevicePoll('dev-1', T0, up());
    const failed = store.recordDevicePoll('dev-1', T0 + MIN, up(obs({ powerSupplies: psu1('failed') })));
    expect(brief(failed)).toEqual([['psu:psu-1', 'ok', 'failed']]);
    const back = store.recordDevicePoll('dev-1', T0 + 2 * MIN, up(obs()));
    expect(brief(back)).toEqual([['psu:psu-1', 'failed', 'ok']]);
    const page = store.transitions('dev-1', { limit: 2 });
    expect(page).toEqual([...back, ...failed]);
    expect(store.latestDevice('dev-1')?.observation?.powerSupplies).toEqual(psu1('ok'));
  });

  it('failed polls keep the last observation, count failures and record reachability once', () => {
    store = open();
    store.recordDevicePoll('dev-1', T0, up());
    expect(brief(store.recordDevicePoll('dev-1', T0 + MIN, down))).toEqual([['reachability', 'answered', 'unanswered']]);
    expect(store.recordDevicePoll('dev-1', T0 + 2 * MIN, down)).toEqual([]);
    let s = store.latestDevice('dev-1');
    expect(s).toMatchObject({ observation: obs(), observedAt: T0 + 2 * MIN, lastSuccessAt: T0, consecutiveFailures: 2, reachable: false, stale: false });
    expect(store.recordDevicePoll('dev-1', T0 + 3 * MIN, down)).toEqual([]);
    s = store.latestDevice('dev-1');
    expect(s).toMatchObject({ consecutiveFailures: 3, stale: true });
    // What changed during the outage shows up when the device answers again.
    const back = store.recordDevicePoll('dev-1', T0 + 4 * MIN, up(obs({ powerSupplies: psu1('failed') })));
    expect(brief(back)).toEqual([['reachability', 'unanswered', 'answered'], ['psu:psu-1', 'ok', 'failed']]);
    expect(store.latestDevice('dev-1')).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: T0 + 4 * MIN, reachable: true, stale: false });
  });

  it('a device that never answered has no observation', () => {
    store = open();
    expect(brief(store.recordDevicePoll('dev-1', T0, down))).toEqual([['reachability', null, 'unanswered']]);
    expect(store.latestDevice('dev-1')).toEqual({
      deviceId: 'dev-1', observation: null, observedAt: T0, lastSuccessAt: null, consecutiveFailures: 1, reachable: false, stale: false,
    });
    const first = store.recordDevicePoll('dev-1', T0 + MIN, up());
    expect(brief(first)[0]).toEqual(['reachability', 'unanswered', 'answered']);
    expect(brief(first).slice(1).every(([, from]) => from === null)).toBe(true);
  });

  it('staleness: configurable failures, or no poll for N intervals given a clock', () => {
    store = open({ staleAfterMissed: 2 });
    store.recordDevicePoll('dev-1', T0, up());
    const clock = (now: number) => ({ now, intervalMs: MIN });
    expect(store.latestDevice('dev-1', clock(T0 + 2 * MIN))?.stale).toBe(false);
    expect(store.latestDevice('dev-1', clock(T0 + 2 * MIN + 1))?.stale).toBe(true);
    expect(store.latestDevice('dev-1')?.stale).toBe(false);
    store.recordDevicePoll('dev-1', T0 + MIN, down);
    expect(store.latestDevice('dev-1')?.stale).toBe(false);
    store.recordDevicePoll('dev-1', T0 + 2 * MIN, down);
    expect(store.latestDevice('dev-1')?.stale).toBe(true);
    expect(store.latestDevices(clock(T0 + 2 * MIN)).map((d) => d.stale)).toEqual([true]);
  });

  it('staleness by monotonic receipt age when the clock knows it, whatever the wall clock says', () => {
    store = open({ staleAfterMissed: 2 });
    store.recordDevicePoll('dev-1', T0, up());
    store.recordDevicePoll('dev-2', T0, up());
    store.recordHealth(health('smsc', T0, true));
    const ages = new Map([['dev-1', 30_000], ['smsc', 30_000]]);
    // the wall clock stepped forward a day: fresh results stay fresh by their receipt age
    const stepped = { now: T0 + 24 * 60 * MIN, intervalMs: MIN, receivedAgoMs: (id: string) => ages.get(id) };
    expect(store.latestDevice('dev-1', stepped)?.stale).toBe(false);
    expect(store.latestHealth('smsc', stepped)?.stale).toBe(false);
    // a subject the clock does not know is judged by wall time
    expect(store.latestDevice('dev-2', stepped)?.stale).toBe(true);
    // the wall clock stepped back an hour: an old receipt is still stale
    ages.set('dev-1', 2 * MIN + 1);
    ages.set('smsc', 2 * MIN + 1);
    const back = { now: T0 - 60 * MIN, intervalMs: MIN, receivedAgoMs: (id: string) => ages.get(id) };
    expect(store.deviceSummaries(back).map((d) => [d.deviceId, d.stale])).toEqual([['dev-1', true], ['dev-2', false]]);
    expect(store.latestHealthAll(back).map((h) => h.stale)).toEqual([true]);
  });

  it('a poll with collection errors does not declare missing subjects gone; a complete one does', () => {
    store = open();
    store.recordDevicePoll('dev-1', T0, up());
    const partial = obs({ bgpPeers: [], errors: [{ profile: 'transport', message: 'poll deadline reached' }] });
    expect(store.recordDevicePoll('dev-1', T0 + MIN, up(partial))).toEqual([]);
    expect(store.recordDevicePoll('dev-1', T0 + 2 * MIN, up())).toEqual([]);
    expect(store.recordDevicePoll('dev-1', T0 + 3 * MIN, up(partial))).toEqual([]);
    expect(brief(store.recordDevicePoll('dev-1', T0 + 4 * MIN, up(obs({ bgpPeers: [] }))))).toEqual([['bgp:|10.0.0.1', 'established', 'gone']]);
  });

  it('uptime going backwards is a reboot; the 497-day wrap is not', () => {
    store = open();
    const at = (uptimeSeconds: number) => up(obs({ system: { ...obs().system, uptimeSeconds } }));
    store.recordDevicePoll('dev-1', T0, at(86_400));
    store.recordDevicePoll('dev-1', T0 + MIN, down);
    expect(brief(store.recordDevicePoll('dev-1', T0 + 2 * MIN, at(30)))).toEqual([['reachability', 'unanswered', 'answered'], ['reboot', '86400', '30']]);
    store.recordDevicePoll('dev-2', T0, at(2 ** 32 / 100 - 10));
    expect(store.recordDevicePoll('dev-2', T0 + MIN, at(50))).toEqual([]);
  });

  it('pages transitions by time and by seq, ties at one time included', () => {
    store = open();
    const many = obs({ interfaces: Array.from({ length: 25 }, (_, k) => ({ index: k + 1, name: `Gi0/${k + 1}`, operStatus: 'up', adminStatus: 'up', speedMbps: 1000 })) });
    const first = store.recordDevicePoll('dev-1', T0, up(many)); // 30 transitions at T0
    const second = store.recordDevicePoll('dev-1', T0 + MIN, up(obs({ ...many, powerSupplies: psu1('failed') })));
    const all = [...second, ...[...first].reverse()];
    expect(store.transitions('dev-1', { limit: 1000 })).toEqual(all);

    const pages: StoredTransition[][] = [];
    let page = store.transitions('dev-1', { limit: 7 });
    while (page.length > 0) {
      pages.push(page);
      const last = page.at(-1)!;
      page = store.transitions('dev-1', { limit: 7, before: last.at, beforeSeq: last.seq });
    }
    expect(pages.flat()).toEqual(all);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 3]);

    expect(store.transitions('dev-1', { limit: 100, before: T0 + MIN })).toEqual(all.slice(1));
    expect(store.transitions('dev-1', { limit: 100, since: T0 + MIN })).toEqual(second);
    expect(store.transitions('dev-1', { limit: 100, since: T0, before: T0 + 1 })).toHaveLength(first.length);
    expect(store.transitions('dev-1', { limit: 0 })).toEqual([]);
    expect(store.transitions('dev-2', { limit: 10 })).toEqual([]);
  });

  it('rejects bad arguments with a non-retryable UsageError and records nothing', () => {
    store = open();
    expect(() => store.transitions('dev-1', { limit: -1 })).toThrow(UsageError);
    expect(() => store.transitions('dev-1', { limit: 1.5 })).toThrow(UsageError);
    expect(() => store.transitions('dev-1', { limit: 1, beforeSeq: 3 })).toThrow(UsageError);
    expect(() => store.recordDevicePoll('dev-1', Number.NaN, up())).toThrow(UsageError);
    expect(() => store.recordHealth(health('c', Number.POSITIVE_INFINITY, true))).toThrow(UsageError);
    const err = thrown(() => store.recordDevicePoll('dev-1', Number.NaN, up()));
    expect(err instanceof RedlineError && !err.retryable).toBe(true);
    expect(store.latestDevice('dev-1')).toBeNull();
    expect(store.latestHealth('c')).toBeNull();
  });

  it('forgetDevice drops the latest state, keeps history, and a new poll starts afresh', () => {
    store = open();
    store.recordDevicePoll('dev-1', T0, up());
    store.recordDevicePoll('dev-2', T0, up());
    store.recordDevicePoll('dev-1', T0 + MIN, up(obs({ powerSupplies: psu1('failed') })));
    store.forgetDevice('dev-1');
    store.forgetDevice('never-seen');
    expect(store.latestDevice('dev-1')).toBeNull();
    expect(store.latestDevices().map((d) => d.deviceId)).toEqual(['dev-2']);
    expect(store.transitions('dev-1', { limit: 100 })).toHaveLength(7);
    const again = store.recordDevicePoll('dev-1', T0 + 10 * MIN, up());
    expect(brief(again).every(([, from]) => from === null)).toBe(true);
    expect(store.latestDevice('dev-1')?.consecutiveFailures).toBe(0);
  });

  it('lists devices by id', () => {
    store = open();
    for (const id of ['dev-b', 'dev-c', 'dev-a']) store.recordDevicePoll(id, T0, up());
    store.recordDevicePoll('dev-c', T0 + MIN, down);
    expect(store.latestDevices().map((d) => [d.deviceId, d.reachable])).toEqual([['dev-a', true], ['dev-b', true], ['dev-c', false]]);
    expect(store.deviceSummaries().map((d) => [d.deviceId, d.reachable, d.consecutiveFailures])).toEqual([['dev-a', true, 0], ['dev-b', true, 0], ['dev-c', false, 1]]);
    expect(store.deviceSummaries()).toEqual(store.latestDevices().map(({ observation: _o, ...rest }) => rest));
  });

  it('keeps its own copies: mutating what went in or came out changes nothing', () => {
    store = open();
    const o = obs() as { -readonly [K in keyof DeviceObservation]: DeviceObservation[K] };
    store.recordDevicePoll('dev-1', T0, { answered: true, observation: o });
    o.powerSupplies.pop();
    const read = store.latestDevice('dev-1')!.observation!;
    read.fans.pop();
    expect(store.latestDevice('dev-1')?.observation).toEqual(obs());
  });

  it('health checks: up/down transitions once, latest result, failures, staleness by time only', () => {
    store = open();
    expect(store.recordHealth(health('smsc', T0, true)).map((t) => [t.from, t.to])).toEqual([[null, 'up']]);
    expect(store.recordHealth(health('smsc', T0 + MIN, true))).toEqual([]);
    const wentDown = store.recordHealth(health('smsc', T0 + 2 * MIN, false));
    expect(wentDown).toMatchObject([{ checkId: 'smsc', at: T0 + 2 * MIN, from: 'up', to: 'down', reasons: ['status 503, expected 200-299'] }]);
    for (let k = 3; k <= 6; k++) expect(store.recordHealth(health('smsc', T0 + k * MIN, false, ['timed out']))).toEqual([]);
    const s = store.latestHealth('smsc');
    expect(s).toEqual({
      checkId: 'smsc', result: health('smsc', T0 + 6 * MIN, false, ['timed out']), observedAt: T0 + 6 * MIN,
      lastSuccessAt: T0 + MIN, consecutiveFailures: 5, stale: false,
    });
    expect(store.latestHealth('smsc', { now: T0 + 9 * MIN, intervalMs: MIN })?.stale).toBe(false);
    expect(store.latestHealth('smsc', { now: T0 + 9 * MIN + 1, intervalMs: MIN })?.stale).toBe(true);
    const cameBack = store.recordHealth(health('smsc', T0 + 7 * MIN, true));
    expect(cameBack.map((t) => [t.from, t.to, t.reasons])).toEqual([['down', 'up', []]]);
    expect(store.latestHealth('smsc')).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: T0 + 7 * MIN });
    expect(store.healthTransitions('smsc', { limit: 2 })).toEqual([...cameBack, ...wentDown]);
    expect(store.healthTransitions('smsc', { limit: 10 }).map((t) => t.to)).toEqual(['up', 'down', 'up']);
    expect(store.healthTransitions('smsc', { limit: 1, before: T0 + 7 * MIN }).map((t) => t.to)).toEqual(['down']);

    store.recordHealth(health('api', T0, false));
    expect(store.latestHealthAll().map((h) => [h.checkId, h.result.ok])).toEqual([['api', false], ['smsc', true]]);
    store.forgetHealth('api');
    expect(store.latestHealth('api')).toBeNull();
    expect(store.latestHealthAll().map((h) => h.checkId)).toEqual(['smsc']);
    expect(store.healthTransitions('api', { limit: 10 })).toHaveLength(1);
    expect(store.latestHealth('nope')).toBeNull();
  });

  it('prunes transitions older than a time', () => {
    store = open();
    store.recordDevicePoll('dev-1', T0, up());
    store.recordDevicePoll('dev-1', T0 + MIN, up(obs({ powerSupplies: psu1('failed') })));
    store.recordHealth(health('smsc', T0, true));
    store.recordHealth(health('smsc', T0 + MIN, false));
    expect(store.pruneTransitions(T0 + MIN)).toBe(7);
    expect(brief(store.transitions('dev-1', { limit: 100 }))).toEqual([['psu:psu-1', 'ok', 'failed']]);
    expect(store.healthTransitions('smsc', { limit: 100 }).map((t) => t.to)).toEqual(['down']);
    expect(store.latestDevice('dev-1')?.observation?.powerSupplies).toEqual(psu1('failed'));
  });

  it('prunes in batches of at most `limit` of each kind, oldest first, until none is left', () => {
    store = open();
    for (let k = 0; k < 5; k++) {
      store.recordDevicePoll('dev-1', T0 + k * MIN, up(obs({ powerSupplies: psu1(k % 2 === 0 ? 'ok' : 'failed') })));
      store.recordHealth(health('smsc', T0 + k * MIN, k % 2 === 0));
    }
    // dev-1: 6 first-seen transitions at T0, then one PSU change a minute; smsc: one per minute
    expect(store.pruneTransitions(T0 + 3 * MIN, 2)).toBe(4);
    expect(store.transitions('dev-1', { limit: 100 }).filter((t) => t.at === T0)).toHaveLength(4);
    expect(store.healthTransitions('smsc', { limit: 100 }).map((t) => t.at)).toEqual([4, 3, 2].map((k) => T0 + k * MIN));
    let batches = 0;
    while (store.pruneTransitions(T0 + 3 * MIN, 2) > 0) batches++;
    expect(batches).toBe(3);
    expect(store.transitions('dev-1', { limit: 100 }).map((t) => t.at)).toEqual([T0 + 4 * MIN, T0 + 3 * MIN]);
    expect(store.healthTransitions('smsc', { limit: 100 }).map((t) => t.at)).toEqual([T0 + 4 * MIN, T0 + 3 * MIN]);
    expect(() => store.pruneTransitions(T0, 0)).toThrow(UsageError);
  });

  it('retention also drops forgotten devices and checks last seen before the cut, and only those', () => {
    store = open();
    store.recordDevicePoll('gone-old', T0, up());
    store.recordDevicePoll('gone-new', T0 + 10 * MIN, up());
    store.recordDevicePoll('kept', T0, up());
    store.recordHealth(health('hc-old', T0, true));
    store.forgetDevice('gone-old');
    store.forgetDevice('gone-new');
    store.forgetHealth('hc-old');
    store.pruneTransitions(T0 + 5 * MIN);
    // a forgotten device polled again after the prune starts afresh (its head row was deleted)
    expect(brief(store.recordDevicePoll('gone-old', T0 + 20 * MIN, up()))[0]).toEqual(['reachability', null, 'answered']);
    expect(store.transitions('gone-old', { limit: 100 }).every((t) => t.at === T0 + 20 * MIN)).toBe(true);
    expect(store.transitions('gone-new', { limit: 100 })).toHaveLength(6);
    expect(store.latestDevices().map((d) => d.deviceId)).toEqual(['gone-old', 'kept']);
    expect(store.latestHealth('hc-old')).toBeNull();
  });

  it('throws a non-retryable StateStoreError once closed; close is idempotent', () => {
    store = impl.open();
    store.close();
    store.close();
    expect(() => store.latestDevices()).toThrow(StateStoreError);
    expect(() => store.recordDevicePoll('dev-1', T0, up())).toThrow(/closed/);
  });
});

describe('SQLite state store', () => {
  it('runs in WAL mode at the newest schema version', () => {
    const file = freshFile();
    openSqliteStateStore(file).close();
    const store = openSqliteStateStore(file);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      raw.close();
      store.close();
    }
  });

  it('a restart resumes: same state, same history, no repeated transitions', () => {
    const file = freshFile();
    let store = openSqliteStateStore(file);
    store.recordDevicePoll('dev-1', T0, up());
    store.recordDevicePoll('dev-1', T0 + MIN, up(obs({ powerSupplies: psu1('failed') })));
    store.recordDevicePoll('dev-2', T0, up());
    store.recordDevicePoll('dev-2', T0 + MIN, down);
    store.recordHealth(health('smsc', T0, false));
    const before = { devices: store.latestDevices(), t1: store.transitions('dev-1', { limit: 100 }), t2: store.transitions('dev-2', { limit: 100 }), health: store.latestHealthAll() };
    store.close();

    store = openSqliteStateStore(file);
    expect({ devices: store.latestDevices(), t1: store.transitions('dev-1', { limit: 100 }), t2: store.transitions('dev-2', { limit: 100 }), health: store.latestHealthAll() }).toEqual(before);
    expect(store.recordDevicePoll('dev-1', T0 + 2 * MIN, up(obs({ powerSupplies: psu1('failed') })))).toEqual([]);
    expect(store.recordDevicePoll('dev-2', T0 + 2 * MIN, down)).toEqual([]);
    expect(store.latestDevice('dev-2')?.consecutiveFailures).toBe(2);
    expect(store.recordHealth(health('smsc', T0 + MIN, false))).toEqual([]);
    const next = store.recordDevicePoll('dev-1', T0 + 3 * MIN, up());
    expect(next[0]!.seq).toBeGreaterThan(before.t1[0]!.seq);
    store.close();
  });

  it('two connections on one file (two processes) share one state', () => {
    const file = freshFile();
    const a = openSqliteStateStore(file);
    const b = openSqliteStateStore(file);
    try {
      a.recordDevicePoll('dev-1', T0, up());
      expect(b.latestDevice('dev-1')?.observation).toEqual(obs());
      expect(b.recordDevicePoll('dev-1', T0 + MIN, up())).toEqual([]);
      expect(brief(b.recordDevicePoll('dev-1', T0 + 2 * MIN, down))).toEqual([['reachability', 'answered', 'unanswered']]);
      expect(a.recordDevicePoll('dev-1', T0 + 3 * MIN, down)).toEqual([]);
      expect(a.latestDevice('dev-1')?.consecutiveFailures).toBe(2);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses a file written by a newer schema, and says so', () => {
    const file = freshFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openSqliteStateStore(file)).toThrow(/newer than this redline/);
    const err = thrown(() => openSqliteStateStore(file));
    expect(err).toBeInstanceOf(StateStoreError);
    expect((err as StateStoreError).retryable).toBe(false);
  });

  it('reads an observation stored before a list was added to the contract as having none', () => {
    const file = freshFile();
    const store = openSqliteStateStore(file);
    store.recordDevicePoll('dev-1', T0, up());
    const raw = new Database(file);
    const old = JSON.parse(raw.prepare<[], { observation_json: string }>('SELECT observation_json FROM device_body').get()!.observation_json) as Record<string, unknown>;
    delete old['isisAdjacencies'];
    raw.prepare('UPDATE device_body SET observation_json = ?').run(JSON.stringify(old));
    raw.close();
    expect(store.latestDevice('dev-1')?.observation?.isisAdjacencies).toEqual([]);
    store.close();
  });

  it('pages through the (device, at, seq) index, not a scan', () => {
    const file = freshFile();
    openSqliteStateStore(file).close();
    const raw = new Database(file, { readonly: true });
    const plan = raw.prepare('EXPLAIN QUERY PLAN SELECT * FROM device_transition WHERE device_id = ? AND (at, seq) < (?, ?) ORDER BY at DESC, seq DESC LIMIT 10').all('d', 1, 1) as { detail: string }[];
    raw.close();
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX device_transition_by_device \(device_id=\? AND/);
  });

  it('a size cap makes writes fail with a retryable SQLITE_FULL, and freed space lets them succeed again', () => {
    const file = freshFile();
    const store = openSqliteStateStore(file, { maxSizeBytes: 256 * 1024 });
    try {
      store.recordDevicePoll('dev-1', T0, up());
      // another connection (no cap) fills the file up to the cap
      const other = new Database(file);
      other.exec('CREATE TABLE filler (b BLOB)');
      other.prepare('INSERT INTO filler VALUES (zeroblob(?))').run(512 * 1024);
      // rows that fit in pages the file already has may still be written; growing it may not
      let err: unknown;
      let k = 0;
      for (; k < 500 && err === undefined; k++) {
        try { store.recordDevicePoll(`dev-${k + 2}`, T0 + MIN, up()); } catch (e) { err = e; }
      }
      expect(err).toBeInstanceOf(StateStoreError);
      expect(err).toMatchObject({ retryable: true, code: 'SQLITE_FULL' });
      expect(store.latestDevice(`dev-${k + 1}`)).toBeNull(); // the failed write left nothing behind
      other.exec('DROP TABLE filler');
      other.close();
      expect(brief(store.recordDevicePoll(`dev-${k + 1}`, T0 + 2 * MIN, up()))[0]).toEqual(['reachability', null, 'answered']);
    } finally {
      store.close();
    }
  });

  it('a batch that cannot commit (the database locked) stores none of its polls and throws once', () => {
    const file = freshFile();
    const store = openSqliteStateStore(file, { busyTimeoutMs: 50 });
    const raw = new Database(file);
    raw.exec('BEGIN IMMEDIATE');
    const batch = [{ deviceId: 'dev-1', at: T0, result: up() }, { deviceId: 'dev-2', at: T0, result: up() }];
    try {
      expect(() => store.recordDevicePolls(batch)).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY', retryable: true }) as Error);
    } finally {
      raw.exec('ROLLBACK');
      raw.close();
    }
    expect(store.latestDevices()).toEqual([]);
    expect(store.recordDevicePolls(batch).map((o) => o.ok)).toEqual([true, true]);
    store.close();
  });

  it('a busy database fails with a retryable error', () => {
    const file = freshFile();
    const store = openSqliteStateStore(file, { busyTimeoutMs: 50 });
    const raw = new Database(file);
    raw.exec('BEGIN IMMEDIATE');
    try {
      let caught: unknown;
      try {
        store.recordDevicePoll('dev-1', T0, up());
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(StateStoreError);
      expect((caught as StateStoreError).retryable).toBe(true);
      expect((caught as StateStoreError).code).toBe('SQLITE_BUSY');
    } finally {
      raw.exec('ROLLBACK');
      raw.close();
    }
    expect(store.recordDevicePoll('dev-1', T0, up())).not.toEqual([]);
    store.close();
  });
});

describe('no secret reaches the state file', () => {
  const CANARY = 'canary-c0mmunity-7f3a9e';
  let agent: ReplayAgent;
  let port = 0;
  beforeAll(async () => {
    agent = new ReplayAgent([
      { community: CANARY, table: syntheticTable(fleetDevice(1)) },
      { community: `${CANARY}-silent`, table: syntheticTable(fleetDevice(2)), faults: [{ kind: 'silent' }] },
      { community: `${CANARY}-garbled`, table: syntheticTable(fleetDevice(3)), faults: [{ kind: 'garbage', ops: ['getbulk'] }] },
    ]);
    port = await agent.start();
  });
  afterAll(async () => { await agent.stop(); });

  it('polls real agents with a canary community, stores the results, and the canary is in no file', async () => {
    const file = freshFile();
    const store = openSqliteStateStore(file);
    const secrets = new SecretRegistry();
    const transport = { timeoutMs: 300, retries: 0 };
    let t = T0;
    for (const community of [CANARY, `${CANARY}-silent`, `${CANARY}-garbled`]) {
      const r = await pollReplay(port, community, { secrets, transport, collect: { pollTimeoutMs: 3000 } });
      store.recordDevicePoll(community.replace(CANARY, 'dev'), (t += MIN), { answered: r.answered, observation: r.observation });
    }
    store.recordHealth(health('smsc', T0, false, ['connection refused']));
    expect(store.latestDevice('dev')?.observation?.interfaces).toHaveLength(50);
    expect(store.latestDevice('dev-silent')?.reachable).toBe(false);

    const scan = (): string[] => readdirSync(dir)
      .filter((f) => f.startsWith(file.slice(dir.length + 1)))
      .filter((f) => readFileSync(join(dir, f)).includes(CANARY));
    expect(readdirSync(dir).some((f) => f === `${file.slice(dir.length + 1)}-wal`)).toBe(true);
    expect(scan()).toEqual([]);
    store.close();
    expect(scan()).toEqual([]);
  });
});

describe('kill -9 durability', () => {
  const writer = resolve(fileURLToPath(import.meta.url), '..', 'state-store-writer.ts');
  const DEVICES = 7;

  /** Runs the writer from poll `first` until it is SIGKILLed mid-stream; returns the polls it reported committed. */
  async function writeUntilKilled(file: string, first: number, killAfterLines: number): Promise<number[]> {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file, String(first), String(DEVICES)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: number[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => {
      child.once('exit', (code, signal) => { r({ code, signal }); });
    });
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) reported.push(Number(l));
      if (reported.length >= killAfterLines && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    const { signal } = await exited;
    expect(signal, `writer exited by itself: ${stderr}`).toBe('SIGKILL');
    return reported;
  }

  it('every poll reported committed is in the database after SIGKILL, and the database is consistent', async () => {
    const file = freshFile();
    let first = 0;
    const reportedAll: number[] = [];
    for (const killAfter of [400, 1_500, 3_000]) {
      const reported = await writeUntilKilled(file, first, killAfter);
      expect(reported.length).toBeGreaterThanOrEqual(killAfter);
      reportedAll.push(...reported);
      first = reported.at(-1)! + 1_000;
    }

    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const store = openSqliteStateStore(file);
    try {
      const committedAt = new Map<string, Set<number>>();
      for (let d = 0; d < DEVICES; d++) {
        const id = `dev-${d}`;
        const ts = store.transitions(id, { limit: 1_000_000 });
        committedAt.set(id, new Set(ts.map((t) => t.at)));

        // The latest state agrees with the newest transitions: a poll's writes landed together.
        const s = store.latestDevice(id)!;
        const newest = (subject: string) => ts.find((t) => t.subject === subject)?.to;
        expect(newest('reachability')).toBe(s.reachable ? 'answered' : 'unanswered');
        expect(newest('psu:psu-1')).toBe(s.observation?.powerSupplies[0]?.status);
        const lastAnswered = (s.lastSuccessAt! - WRITER_T0) / 1000;
        expect(s.observation).toEqual(writerObservation(id, Math.floor(lastAnswered / DEVICES)));
        expect(writerUnanswered(Math.floor((s.observedAt - WRITER_T0) / 1000 / DEVICES))).toBe(!s.reachable);
      }
      const missing = reportedAll.filter((i) => committedAt.get(`dev-${i % DEVICES}`)?.has(WRITER_T0 + i * 1000) !== true);
      expect(missing).toEqual([]);
      // And the latest state is at least as new as the last poll reported for each device.
      for (const i of reportedAll.slice(-DEVICES)) expect(store.latestDevice(`dev-${i % DEVICES}`)!.observedAt).toBeGreaterThanOrEqual(WRITER_T0 + i * 1000);
    } finally {
      store.close();
    }
  });
});
