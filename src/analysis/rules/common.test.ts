/**
 * The helpers every rule family shares (common.ts), on their own: why a device's data is unknown,
 * shared-risk names, which health checks stand for a device, an instance's state (health checks
 * first, SNMP otherwise, the missed-poll threshold), redundancy sets with their class and sites,
 * and the devices a rule may read.
 */
import { describe, expect, it } from 'vitest';
import { inventoryFromObject, observation, snapshotOf } from '../../../test/support/snapshot-builders.js';
import type { DeviceSnapshot } from '../../snapshot/types.js';
import { derive } from '../snapshot-views.js';
import { answeringDevices, healthFor, instanceState, redundancySets, riskWords, setClass, setSites, statusEvidence, whyUnknown } from './common.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });
const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'sh', class: 'PC-AGG' }, { id: 'nn', class: 'PC-SMS' }],
  devices: [
    { id: 'r1', site: 'bj', role: 'router', snmp: snmp(1), redundancyPair: 'r2' },
    { id: 'r2', site: 'sh', role: 'router', snmp: snmp(2), redundancyPair: 'r1' },
    { id: 'r3', site: 'sh', role: 'router', snmp: snmp(3) },
    { id: 'r4', site: 'sh', role: 'router', snmp: snmp(4) },
    { id: 'odf', site: 'bj', role: 'odf' },
    { id: 'm1', site: 'nn', role: 'smsc' },
    { id: 'm2', site: 'nn', role: 'smsc' },
  ],
  services: [
    { id: 'pair-svc', class: 'PC-SMS', endpoints: ['r2', 'r1'], health: ['hc-r1'] },
    { id: 'sms', class: 'PC-SMS', endpoints: ['m2', 'm1', 'm2'], health: ['hc-m1'] },
  ],
  health: [
    { id: 'hc-r1', url: 'http://127.0.0.1:1/r1', standsFor: { service: 'pair-svc', device: 'r1' } },
    { id: 'hc-m1', url: 'http://127.0.0.1:1/m1', standsFor: { service: 'sms', device: 'm1' } },
    { id: 'hc-m1-other', url: 'http://127.0.0.1:1/m1b', standsFor: { service: 'sms', device: 'm1' } },
    { id: 'hc-m2', url: 'http://127.0.0.1:1/m2', standsFor: { service: 'sms', device: 'm2' } },
  ],
});
type Devices = NonNullable<Parameters<typeof snapshotOf>[1]['devices']>;
type Health = NonNullable<Parameters<typeof snapshotOf>[1]['health']>;
const snap = (devices: Devices = {}, health: Health = {}): ReturnType<typeof snapshotOf> => snapshotOf(NET, { now: NOW, devices, health });
const dev = (id: string, devices: Devices): DeviceSnapshot => snap(devices).devices.get(id)!;

describe('whyUnknown and statusEvidence', () => {
  it.each([
    ['fresh', { r1: observation() }, { zh: '数据为最新', en: 'its data is fresh' }],
    ['unreachable', { r1: 'unreachable' }, { zh: '已连续 2 次未响应轮询', en: 'it has not answered SNMP for 2 poll(s)' }],
    ['stale', { r1: 'stale' }, { zh: '数据已过期（最后一次响应于 2026-03-09 12:00（Asia/Shanghai 时间））', en: 'its data is stale (last answer 2026-03-09 12:00 (Asia/Shanghai))' }],
    ['never answered', {}, { zh: '从未响应轮询', en: 'it has never answered a poll' }],
  ] as const)('%s', (_n, devices, want) => {
    expect(whyUnknown(dev('r1', devices))).toEqual(want);
  });

  it('names the zone it is given, and a device never polled recently', () => {
    expect(whyUnknown(dev('r1', { r1: 'stale' }), 'Asia/Urumqi').en).toBe('its data is stale (last answer 2026-03-09 10:00 (Asia/Urumqi))');
    expect(whyUnknown({ ...dev('r1', { r1: 'stale' }), observedAt: null })).toEqual({ zh: '近期未被轮询', en: 'it has not been polled recently' });
    expect(whyUnknown(dev('odf', {}))).toEqual({ zh: '未纳入监测（无轮询目标）', en: 'it is not monitored (no SNMP target)' });
  });

  it('gives the data status with the last poll time', () => {
    expect(statusEvidence(dev('r1', { r1: 'unreachable' }))).toEqual({ what: 'r1 data', value: 'unreachable', observedAt: '2026-03-10T04:00:00.000Z' });
    expect(statusEvidence(dev('odf', {}))).toEqual({ what: 'odf data', value: 'unmonitored', observedAt: null });
  });
});

describe('riskWords', () => {
  it.each([
    ['duct:D-7', { en: 'duct D-7', zh: '管道 D-7' }],
    ['poleRoute:P1', { en: 'pole route P1', zh: '杆路 P1' }],
    ['cable:F:2', { en: 'cable F:2', zh: '光缆 F:2' }],
    ['unknownKind:X', { en: 'unknownKind:X', zh: 'unknownKind:X' }],
    ['no-colon', { en: 'no-colon', zh: 'no-colon' }],
    [':bare', { en: ':bare', zh: ':bare' }],
  ] as const)('%s', (group, want) => {
    expect(riskWords(group)).toEqual(want);
  });
});

describe('healthFor', () => {
  const s = snap({}, { 'hc-m1': 'up', 'hc-m1-other': 'down', 'hc-m2': 'up', 'hc-r1': 'up' });
  it.each([
    ['the service\'s own checks standing for the device', 'm1', ['hc-m1'], ['hc-m1']],
    ['a listed check that stands for another device is not the device\'s', 'm2', ['hc-m1'], ['hc-m2']],
    ['no service checks: every check standing for the device', 'm1', [], ['hc-m1', 'hc-m1-other']],
    ['a check the snapshot does not have is skipped', 'm1', ['hc-missing'], ['hc-m1', 'hc-m1-other']],
    ['no check stands for it', 'r3', [], []],
  ] as const)('%s', (_n, device, checks, want) => {
    expect(healthFor(s, device, checks).map((h) => h.id)).toEqual(want);
  });
});

describe('instanceState', () => {
  it.each([
    ['health check up', { r1: 'unreachable' }, { 'hc-r1': 'up' }, 'r1', 'up', ['health check hc-r1 = up'], { zh: 'r1 运行正常', en: 'r1 is up' }],
    ['health check down, with its HTTP status', {}, { 'hc-r1': 'down' }, 'r1', 'down', ['health check hc-r1 = down (HTTP 503)'], { zh: 'r1（站点 bj）健康检查 hc-r1 失败（返回码 503）', en: 'r1 (site bj) fails its health check hc-r1 (HTTP 503)' }],
    ['health check stale', { r1: observation() }, { 'hc-r1': 'stale' }, 'r1', 'unknown', ['health check hc-r1 = stale'], { zh: 'r1：健康检查无最新结果', en: 'r1: its health checks have no fresh result' }],
    ['SNMP fresh', { r3: observation() }, {}, 'r3', 'up', ['r3 data = fresh'], { zh: 'r3 运行正常', en: 'r3 is up' }],
    ['SNMP missed two polls: down', { r3: 'unreachable' }, {}, 'r3', 'down', ['r3 data = unreachable'], { zh: 'r3（站点 sh）已连续 2 次未响应轮询', en: 'r3 (site sh): it has not answered SNMP for 2 poll(s)' }],
    ['SNMP missed one poll: unknown', { r3: 'missed-one' }, {}, 'r3', 'unknown', ['r3 data = unreachable'], { zh: 'r3（站点 sh）已连续 1 次未响应轮询', en: 'r3 (site sh): it has not answered SNMP for 1 poll(s)' }],
    ['SNMP stale', { r3: 'stale' }, {}, 'r3', 'unknown', ['r3 data = stale'], { zh: 'r3：数据已过期（最后一次响应于 2026-03-09 12:00（Asia/Shanghai 时间））', en: 'r3: its data is stale (last answer 2026-03-09 12:00 (Asia/Shanghai))' }],
    ['never answered', {}, {}, 'r3', 'unknown', ['r3 data = never'], { zh: 'r3：从未响应轮询', en: 'r3: it has never answered a poll' }],
    ['no SNMP target', {}, {}, 'odf', 'unmonitored', ['odf data = unmonitored'], { zh: 'odf 未纳入监测', en: 'odf is not monitored' }],
    ['not in the inventory', {}, {}, 'ghost', 'unknown', [], { zh: 'ghost 不在资源清单中', en: 'ghost is not in the inventory' }],
  ] as const)('%s', (_n, devices, health, id, status, evidence, why) => {
    const st = instanceState(snapshotOf(NET, { now: NOW, devices, health }), id, id === 'r1' ? ['hc-r1'] : []);
    expect({ id: st.id, status: st.status, evidence: st.evidence.map((e) => `${e.what} = ${String(e.value)}`), why: st.why }).toEqual({ id, status, evidence: [...evidence], why });
  });

  it('one health check down outweighs another up', () => {
    const s = snapshotOf(NET, { now: NOW, health: { 'hc-m1': 'up', 'hc-m1-other': 'down' } });
    expect(instanceState(s, 'm1').status).toBe('down');
    expect(instanceState(snapshotOf(NET, { now: NOW, health: { 'hc-m1': 'up', 'hc-m1-other': 'stale' } }), 'm1').status).toBe('unknown');
  });

  it('counts missed polls against the threshold exactly (at the threshold: down)', () => {
    expect(instanceState(snap({ r3: 'unreachable' }), 'r3', [], 2).status).toBe('down');
    expect(instanceState(snap({ r3: 'unreachable' }), 'r3', [], 3).status).toBe('unknown');
    expect(instanceState(snap({ r3: 'missed-one' }), 'r3', [], 1).status).toBe('down');
  });
});

describe('redundancy sets, their class and sites', () => {
  const s = snap();
  const sets = redundancySets(s, derive(s).pairs());

  it('a service that is exactly a pair lends it its checks and class; another service is a set of its own, members deduplicated and sorted', () => {
    expect(sets).toEqual([
      { kind: 'pair', id: 'r1+r2', members: ['r1', 'r2'], checks: ['hc-r1'], serviceClass: 'PC-SMS' },
      { kind: 'service', id: 'sms', members: ['m1', 'm2'], checks: ['hc-m1'], serviceClass: 'PC-SMS' },
    ]);
  });

  it('a bare pair has no service class and no checks', () => {
    const bare = redundancySets(s, [['r3', 'r4']]);
    expect(bare.find((x) => x.id === 'r3+r4')).toEqual({ kind: 'pair', id: 'r3+r4', members: ['r3', 'r4'], checks: [] });
  });

  it.each([
    ['a service: its own class', { kind: 'service', id: 'sms', members: ['m1', 'm2'], checks: [], serviceClass: 'PC-SMS' }, 'PC-SMS'],
    ['a pair lent a class: the more critical of it and its members\'', { kind: 'pair', id: 'r1+r2', members: ['r1', 'r2'], checks: [], serviceClass: 'PC-SMS' }, 'PC-CORE'],
    ['a bare pair: the more critical member class', { kind: 'pair', id: 'r3+r1', members: ['r3', 'r1'], checks: [] }, 'PC-CORE'],
    ['a bare pair of AGG devices', { kind: 'pair', id: 'r3+r4', members: ['r3', 'r4'], checks: [] }, 'PC-AGG'],
    ['members outside the inventory: the least critical class', { kind: 'pair', id: 'x+y', members: ['x', 'y'], checks: [] }, 'PC-ACC'],
    ['a service without a class: its members\'', { kind: 'service', id: 's', members: ['r3', 'r2'], checks: [] }, 'PC-AGG'],
  ] as const)('setClass: %s', (_n, set, want) => {
    expect(setClass(s, derive(s).higherClass, { ...set, members: [...set.members], checks: [...set.checks] })).toBe(want);
  });

  it('setSites: each member site once, sorted, unknown members left out', () => {
    expect(setSites(s, { kind: 'pair', id: 'r2+r1', members: ['r2', 'r1', 'r3', 'ghost'], checks: [] })).toEqual(['bj', 'sh']);
  });
});

describe('answeringDevices', () => {
  it('yields the monitored devices the rule covers with their observation, skips the silent ones as not answering', () => {
    const s = snap({ r1: observation(), r2: 'stale', r3: observation() });
    const skipped: string[] = [];
    const got = [...answeringDevices({ snapshot: s, applies: () => true, skip: (r) => { skipped.push(r); } }, 'PSU state')];
    expect(got.map((x) => [x.d.id, x.sites])).toEqual([['r1', ['bj']], ['r3', ['sh']]]);
    expect(got[0]!.o).toBe(s.devices.get('r1')!.observation);
    expect(got[0]!.s).toBe(s.devices.get('r1'));
    // r2 stale, r4 never answered; odf and the SMS nodes are not monitored: not even skipped
    expect(skipped).toEqual(['device not answering: PSU state', 'device not answering: PSU state']);
  });

  it('asks the rule whether it covers each device\'s class and site', () => {
    const s = snap({ r1: observation(), r3: observation() });
    const asked: string[] = [];
    const got = [...answeringDevices({ snapshot: s, applies: (cls, sites) => { asked.push(`${cls}@${sites.join(',')}`); return cls === 'PC-AGG'; }, skip: () => undefined }, 'x')];
    expect(got.map((x) => x.d.id)).toEqual(['r3']);
    expect(asked).toEqual(['PC-CORE@bj', 'PC-AGG@sh', 'PC-AGG@sh', 'PC-AGG@sh']);
  });
});
