/**
 * Boundary cases for every numeric threshold of every rule, read from the shipped
 * config/policy.yaml for each protection class the rule applies to: at the threshold, just
 * under and just over. A `<` that becomes `<=` (or the reverse) fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Component, DcPowerPlant, DeviceObservation, LagMember, UpsState } from '../../src/collect/observation.js';
import type { ProtectionClass } from '../../src/config/schema.js';
import { fingerprint, runAnalysis } from '../../src/analysis/analyze.js';
import type { Finding } from '../../src/analysis/finding.js';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject, ruleApplies, ruleThresholds, type Policy } from '../../src/analysis/policy.js';
import { RULES } from '../../src/analysis/rules/index.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import type { BackupRecord, CutoverWindow, DeviceChange, DrillRecord, LoadInput, MemberCounters } from '../../src/snapshot/types.js';
import type { DeviceState } from '../../src/state/types.js';
import { deviceState, inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../support/snapshot-builders.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const policy = loadPolicy(DEFAULT_POLICY_FILE);

const CLASSES: readonly ProtectionClass[] = ['PC-CORE', 'PC-DC', 'PC-TRUNK', 'PC-NE', 'PC-SMS', 'PC-AGG', 'PC-ACC'];
const site = (c: ProtectionClass): string => c.slice(3).toLowerCase();
const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.${n >> 8}.${n & 255}`, credentials: 'c' });
const LAG_SIZES = [2, 3, 4] as const;

/** One site per class; in each a UPS, a DC plant, a router with LAGs of 2, 3 and 4 members, and a redundant pair. */
const NET = inventoryFromObject({
  sites: CLASSES.map((c) => ({ id: site(c), class: c })),
  devices: CLASSES.flatMap((c, k) => [
    { id: `ups-${site(c)}`, site: site(c), role: 'ups', snmp: snmp(10 * k + 1) },
    { id: `dcp-${site(c)}`, site: site(c), role: 'dc-plant', snmp: snmp(10 * k + 2) },
    { id: `r-${site(c)}`, site: site(c), role: 'router', snmp: snmp(10 * k + 3) },
    { id: `pa-${site(c)}`, site: site(c), role: 'router', snmp: snmp(10 * k + 4), redundancyPair: `pb-${site(c)}` },
    { id: `pb-${site(c)}`, site: site(c), role: 'router', snmp: snmp(10 * k + 5), redundancyPair: `pa-${site(c)}` },
  ]),
  power: CLASSES.flatMap((c) => [
    { id: `ups-node-${site(c)}`, kind: 'ups', site: site(c), device: `ups-${site(c)}` },
    { id: `rect-node-${site(c)}`, kind: 'rectifier', site: site(c), device: `dcp-${site(c)}` },
  ]),
});

/** The state of every finding of one rule, by subject id. */
function verdicts(rule: string, s: Omit<SyntheticSnapshot, 'now'>): Record<string, string> {
  const r = runAnalysis(snapshotOf(NET, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule));
  return Object.fromEntries(r.findings.map((f) => [f.subject.id, f.state]));
}

/** The shipped thresholds of `rule` for a subject of class `c` at its site (no special period). */
function thresholds(rule: string, c: ProtectionClass): Record<string, unknown> {
  return ruleThresholds(policy, rule, c, [site(c)], false);
}
const num = (rule: string, c: ProtectionClass, key: string): number => {
  const v = thresholds(rule, c)[key];
  if (typeof v !== 'number') throw new Error(`${rule} ${c}: threshold ${key} is not a number in config/policy.yaml`);
  return v;
};
const applying = (rule: string): ProtectionClass[] => CLASSES.filter((c) => ruleApplies(policy, rule, c, [site(c)]));

describe('the shipped policy has the thresholds these cases read', () => {
  it.each([
    ['PWR-004', ['upsMinutes', 'dcPlantMinutes', 'factor']],
    ['PWR-005', ['graceMinutes']],
    ['LOAD-001', ['factor', 'windowMinutes']],
    ['LOAD-002', ['maxSpreadPoints', 'windowMinutes']],
    ['CFG-002', ['maxAgeHours']],
    ['SWO-003', ['maxDetectionMs']],
    ['SWO-006', ['maxAgeDays']],
    ['NODE-001', ['downAfterMissedPolls', 'minInstances']],
    ['PWR-001', ['minWorking']],
    ['PWR-002', ['minSources']],
    ['SWO-004', ['minBackups']],
    ['SWO-002', ['maxSwitchMs']],
    ['SWO-005', ['maxHoldSeconds']],
    ['LOAD-004', ['minSharePercent']],
    ['PWR-003', ['sparePer']],
    ['OPS-003', ['lookbackHours', 'graceMinutes']],
    ['OPS-004', ['watchDays']],
  ] as const)('%s: %s, for at least one class', (rule, keys) => {
    const classes = applying(rule);
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) for (const k of keys) expect(typeof thresholds(rule, c)[k], `${rule} ${c} ${k}`).toBe('number');
  });
});

describe('PWR-004 battery runtime minimum', () => {
  const ups = (minutesRemaining: number): ReturnType<typeof observation> => {
    const u: UpsState = { outputSource: 'normal', batteryStatus: 'normal', minutesRemaining, inputLineBads: 0 };
    return observation({ ups: u });
  };
  const cases = applying('PWR-004').flatMap((c) => (['ups', 'dcp'] as const).map((kind) => {
    const min = num('PWR-004', c, kind === 'ups' ? 'upsMinutes' : 'dcPlantMinutes') * num('PWR-004', c, 'factor');
    return { c, kind, min };
  }));
  it.each(cases.flatMap(({ c, kind, min }) => [
    [`${c} ${kind}: exactly the minimum (${min} min) is enough`, c, kind, min, 'protected'],
    [`${c} ${kind}: a tenth of a minute under is not`, c, kind, min - 0.1, 'degraded'],
    [`${c} ${kind}: a tenth over is enough`, c, kind, min + 0.1, 'protected'],
  ] as const))('%s', (_n, c, kind, minutes, want) => {
    const id = `${kind}-${site(c)}`;
    expect(verdicts('PWR-004', { devices: { [id]: ups(minutes) } })[id]).toBe(want);
  });
});

describe('PWR-005 UPS off its normal path: grace period', () => {
  const cases = applying('PWR-005').map((c) => ({ c, grace: num('PWR-005', c, 'graceMinutes') }));
  it.each(cases.flatMap(({ c, grace }) => (['battery', 'bypass'] as const).flatMap((source) => [
    [`${c} on ${source} exactly ${grace} min: the grace is over`, c, source, grace * MIN, 'unprotected'],
    [`${c} on ${source} a second less: still in grace`, c, source, grace * MIN - 1000, 'degraded'],
    [`${c} on ${source} a second more: over`, c, source, grace * MIN + 1000, 'unprotected'],
  ] as const)))('%s', (_n, c, source, forMs, want) => {
    const id = `ups-${site(c)}`;
    const dev = observation({ ups: { outputSource: source, batteryStatus: 'normal', minutesRemaining: 60, inputLineBads: 0 } });
    expect(verdicts('PWR-005', { devices: { [id]: dev }, options: { upsOutputSince: new Map([[id, NOW - forMs]]) } })[id]).toBe(want);
  });
});

describe('LOAD-001 N-1 headroom and LOAD-002 balance (bundles of 2, 3 and 4 active members)', () => {
  const CAPACITY_MBPS = 10_000;
  const capBps = CAPACITY_MBPS * 1e6;
  /** Octets per minute for a utilisation (what the counters will show). */
  const octetsPerMinute = (u: number): bigint => BigInt(Math.round((u * capBps * 60) / 8));
  /** The utilisation the rule will compute from those counters (the same arithmetic as interface-rates). */
  const measured = (u: number): number => (Number(octetsPerMinute(u)) * 8) / 60 / capBps;

  const lagObs = (n: number): ReturnType<typeof observation> => observation({
    interfaces: Array.from({ length: n }, (_, k) => ({ index: k + 1, name: `Te${k + 1}`, operStatus: 'up', adminStatus: 'up', speedMbps: CAPACITY_MBPS })),
    lagMembers: Array.from({ length: n }, (_, k): LagMember => ({ aggregate: 'Po1', member: `Te${k + 1}`, inBundle: true })),
  });
  /** A flat 64-bit series at utilisation `u` over the last 16 minutes. */
  const series = (device: string, iface: string, u: number): MemberCounters => {
    const samples = [];
    let octets = 0n;
    for (let m = 16; m >= 0; m--) {
      samples.push({ at: NOW - m * MIN, inOctets: octets, outOctets: 0n });
      octets += octetsPerMinute(u);
    }
    return { device, interface: iface, counterBits: 64, samples };
  };
  const run = (rule: string, c: ProtectionClass, utils: readonly number[]): string | undefined => {
    const dev = `r-${site(c)}`;
    const load: LoadInput = { members: utils.map((u, k) => series(dev, `Te${k + 1}`, u)) };
    return verdicts(rule, { devices: { [dev]: lagObs(utils.length) }, options: { load } })[`${dev}:Po1`];
  };

  const l1 = applying('LOAD-001').flatMap((c) => LAG_SIZES.map((n) => ({ c, n, limit: ((n - 1) / n) * num('LOAD-001', c, 'factor') })));
  it.each(l1.flatMap(({ c, n, limit }) => [
    [`${c}, ${n} members: one member 0.1 point under the limit (${(limit * 100).toFixed(1)} %)`, c, n, limit - 0.001, 'protected'],
    [`${c}, ${n} members: one member 0.1 point over the limit`, c, n, limit + 0.001, 'degraded'],
  ] as const))('LOAD-001 %s', (_n, c, n, u, want) => {
    expect(run('LOAD-001', c, [u, ...Array.from({ length: n - 1 }, () => 0.1)])).toBe(want);
  });
  // exactly at the limit, where the counters can land on it exactly (checked first)
  it.each(l1.filter(({ limit }) => measured(limit) === limit).map(({ c, n, limit }) => [`${c}, ${n} members: exactly at the limit is within it`, c, n, limit] as const))('LOAD-001 %s', (_n, c, n, limit) => {
    expect(run('LOAD-001', c, [limit, ...Array.from({ length: n - 1 }, () => 0.1)])).toBe('protected');
  });
  it('LOAD-001: the exact-limit cases cover every class with a 2-member bundle', () => {
    for (const { c, n, limit } of l1) if (n === 2) expect(measured(limit), c).toBe(limit);
  });

  const l2 = applying('LOAD-002').map((c) => ({ c, spread: num('LOAD-002', c, 'maxSpreadPoints') }));
  it.each(l2.flatMap(({ c, spread }) => [
    [`${c}: a spread of exactly ${spread} points is balanced`, c, [0.5, 0.5 - spread / 100], 'protected'],
    [`${c}: a spread 0.2 point over is not`, c, [0.5, 0.5 - (spread + 0.2) / 100], 'degraded'],
    [`${c}: a spread 0.2 point under is balanced`, c, [0.5, 0.5 - (spread - 0.2) / 100], 'protected'],
  ] as const))('LOAD-002 %s', (_n, c, utils, want) => {
    if (want === 'protected' && utils[1] === 0.5 - num('LOAD-002', c, 'maxSpreadPoints') / 100) {
      // the exact case must really be exact in the rule's arithmetic
      expect((measured(utils[0]) - measured(utils[1])) * 100).toBe(num('LOAD-002', c, 'maxSpreadPoints'));
    }
    expect(run('LOAD-002', c, utils)).toBe(want);
  });
});

describe('CFG-002 configuration backup age', () => {
  const cases = applying('CFG-002').map((c) => ({ c, max: num('CFG-002', c, 'maxAgeHours') }));
  it.each(cases.flatMap(({ c, max }) => [
    [`${c}: a backup exactly ${max} h old is in time`, c, max * H, 'protected'],
    [`${c}: a minute older is not`, c, max * H + MIN, 'degraded'],
    [`${c}: a minute younger is`, c, max * H - MIN, 'protected'],
  ] as const))('%s', (_n, c, ageMs, want) => {
    const id = `r-${site(c)}`;
    const backups = new Map<string, BackupRecord>([[id, { device: id, at: NOW - ageMs }]]);
    expect(verdicts('CFG-002', { devices: { [id]: observation() }, options: { evidence: { configBackups: backups } } })[id]).toBe(want);
  });
});

describe('SWO-003 BFD detection time', () => {
  const cases = applying('SWO-003').map((c) => ({ c, max: num('SWO-003', c, 'maxDetectionMs') }));
  it.each(cases.flatMap(({ c, max }) => [
    [`${c}: detection exactly ${max} ms is fast enough`, c, max, 'protected'],
    [`${c}: a millisecond slower is not`, c, max + 1, 'degraded'],
    [`${c}: a millisecond faster is`, c, max - 1, 'protected'],
  ] as const))('%s', (_n, c, detectionMs, want) => {
    const id = `r-${site(c)}`;
    const dev = observation({
      bgpPeers: [{ peer: '192.0.2.2', remoteAs: 65000, state: 'established', adminStatus: 'up', source: 'bgp4-mib' }],
      bfdSessions: [{ neighbor: '192.0.2.2', interface: 'xe-0/0/1', state: 'up', detectionMs }],
    });
    expect(verdicts('SWO-003', { devices: { [id]: dev } })[id]).toBe(want);
  });
});

describe('SWO-006 switchover drill age', () => {
  const cases = applying('SWO-006').map((c) => ({ c, max: num('SWO-006', c, 'maxAgeDays') }));
  const pair = (c: ProtectionClass): string => `pa-${site(c)}+pb-${site(c)}`;
  it.each(cases.flatMap(({ c, max }) => [
    [`${c}: a drill exactly ${max} days old is in time`, c, max * DAY, 'protected'],
    [`${c}: ${max} days and 23 h is still day ${max}`, c, max * DAY + 23 * H, 'protected'],
    [`${c}: ${max + 1} days is not`, c, (max + 1) * DAY, 'degraded'],
    [`${c}: ${max - 1} days is in time`, c, (max - 1) * DAY, 'protected'],
  ] as const))('%s', (_n, c, ageMs, want) => {
    const drills: DrillRecord[] = [{ group: pair(c), at: NOW - ageMs, result: 'pass' }];
    expect(verdicts('SWO-006', { options: { evidence: { drills } } })[pair(c)]).toBe(want);
  });
});

describe('NODE-001 missed polls before a member counts as down', () => {
  const cases = applying('NODE-001').map((c) => ({ c, n: num('NODE-001', c, 'downAfterMissedPolls') }));
  /** The pair's verdict when its second member failed its last `failures` polls. */
  const pairVerdict = (c: ProtectionClass, failures: number): string | undefined => {
    const [a, b] = [`pa-${site(c)}`, `pb-${site(c)}`];
    const states: DeviceState[] = [
      deviceState(a, observation(), NOW - 1000),
      { deviceId: b, observation: observation(), observedAt: NOW - 1000, lastSuccessAt: NOW - (failures + 1) * MIN, consecutiveFailures: failures, reachable: false, stale: false },
    ];
    const r = runAnalysis(buildSnapshot(NET, states, [], NOW, { pollIntervalMs: MIN }), policy, NOW, RULES.filter((x) => x.id === 'NODE-001'));
    return r.findings.find((f) => f.subject.id === `${a}+${b}`)?.state;
  };
  it.each(cases.flatMap(({ c, n }) => [
    [`${c}: ${n - 1} missed poll(s) is not yet down: the pair is unknown`, c, n - 1, 'unknown'],
    [`${c}: exactly ${n} missed polls is down: the pair has lost its redundancy`, c, n, 'unprotected'],
    [`${c}: ${n + 1} missed polls is down`, c, n + 1, 'unprotected'],
  ] as const))('%s', (_n, c, failures, want) => {
    expect(pairVerdict(c, failures)).toBe(want);
  });
});

describe('NODE-001 members up against minInstances, and the staleness window', () => {
  const applies = applying('NODE-001');
  /** A service of four members at each class's site, and a pair at its own site of the same class. */
  const inv = inventoryFromObject({
    sites: applies.flatMap((c) => [{ id: `m-${site(c)}`, class: c }, { id: `p-${site(c)}`, class: c }]),
    devices: applies.flatMap((c, k) => [
      ...[1, 2, 3, 4].map((i) => ({ id: `m${i}-${site(c)}`, site: `m-${site(c)}`, role: 'amf', snmp: snmp(100 + 10 * k + i) })),
      { id: `p1-${site(c)}`, site: `p-${site(c)}`, role: 'router', snmp: snmp(200 + 10 * k + 1), redundancyPair: `p2-${site(c)}` },
      { id: `p2-${site(c)}`, site: `p-${site(c)}`, role: 'router', snmp: snmp(200 + 10 * k + 2), redundancyPair: `p1-${site(c)}` },
    ]),
    services: applies.map((c) => ({ id: `svc-${site(c)}`, class: c, endpoints: [1, 2, 3, 4].map((i) => `m${i}-${site(c)}`) })),
  });
  /** The shipped policy with minInstances raised by one for every class NODE-001 applies to. */
  const raised = policyFromObject({
    ...(parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>),
    overrides: applies.map((c) => ({ rule: 'NODE-001', class: c, thresholds: { minInstances: num('NODE-001', c, 'minInstances') + 1 }, reason: 'boundary test' })),
  });
  type Member = 'up' | 'down' | 'stale';
  /** One member's store state: up answered a second ago; down missed exactly the polls that make it down; stale was last polled a day ago. */
  const memberState = (c: ProtectionClass, id: string, m: Member): DeviceState => {
    if (m === 'up') return deviceState(id, observation(), NOW - 1000);
    if (m === 'stale') return deviceState(id, observation(), NOW, 'stale');
    const failures = num('NODE-001', c, 'downAfterMissedPolls');
    return { deviceId: id, observation: observation(), observedAt: NOW - 1000, lastSuccessAt: NOW - (failures + 1) * MIN, consecutiveFailures: failures, reachable: false, stale: false };
  };
  const judge = (p: Policy, states: readonly DeviceState[], subject: string): Finding | undefined => runAnalysis(buildSnapshot(inv, states, [], NOW, { pollIntervalMs: MIN }), p, NOW, RULES.filter((x) => x.id === 'NODE-001')).findings.find((f) => f.subject.id === subject);
  /** The service's verdict with its members in these states, under a policy whose minimum for `c` is `min`. */
  const service = (p: Policy, c: ProtectionClass, members: readonly Member[]): string | undefined =>
    judge(p, members.map((m, i) => memberState(c, `m${i + 1}-${site(c)}`, m)), `svc-${site(c)}`)?.state;
  /** `n` members in state `m`. */
  const times = (n: number, m: Member): Member[] => Array.from({ length: Math.max(n, 0) }, () => m);
  /** Four members: `up` up, `stale` stale, the rest down. */
  const members = (up: number, stale = 0): Member[] => [...times(up, 'up'), ...times(stale, 'stale'), ...times(4 - up - stale, 'down')];

  const bounds = applies.flatMap((c) => {
    const shipped = num('NODE-001', c, 'minInstances');
    return [{ c, p: policy, min: shipped, which: 'shipped' }, { c, p: raised, min: shipped + 1, which: 'raised' }];
  });
  it('the cases fit four members (minInstances + 1 ≤ 4)', () => {
    for (const { c, min } of bounds) expect(min + 1, c).toBeLessThanOrEqual(4);
  });
  it.each(bounds.flatMap(({ c, p, min, which }) => [
    [`${c}, ${which} minimum ${min}: exactly ${min} of 4 up, the rest down, is protected`, c, p, members(min), 'protected'],
    [`${c}, ${which} minimum ${min}: ${min + 1} of 4 up is protected`, c, p, members(min + 1), 'protected'],
    [`${c}, ${which} minimum ${min}: one short (${min - 1} up, the rest down) is ${min - 1 === 0 ? 'down' : 'unprotected'}`, c, p, members(min - 1), min - 1 === 0 ? 'down' : 'unprotected'],
    [`${c}, ${which} minimum ${min}: ${min - 1} up and one stale could still make ${min}: unknown`, c, p, members(min - 1, 1), 'unknown'],
    [`${c}, ${which} minimum ${min}: ${min - 2} up and one stale cannot make ${min}: ${min - 2 === 0 ? 'down' : 'unprotected'}`, c, p, members(min - 2, 1), min - 2 === 0 ? 'down' : 'unprotected'],
  ] as const))('%s', (_n, c, p, m, want) => {
    expect(service(p, c, m)).toBe(want);
  });

  it.each(applies)('%s: a pair both up is unprotected when the minimum is above two members, and says it is by design', (c) => {
    const [a, b] = [`p1-${site(c)}`, `p2-${site(c)}`];
    const min = num('NODE-001', c, 'minInstances') + 1;
    const f = judge(raised, [memberState(c, a, 'up'), memberState(c, b, 'up')], `${a}+${b}`);
    expect(f?.state).toBe('unprotected');
    expect(f?.explanation.en).toBe(`${a}+${b}: only 2 member(s) by design, ${min} required`);
    expect(f?.explanation.zh).toContain(`要求至少 ${min} 个`);
    expect(f?.evidence.find((e) => e.what === 'minimum members up')?.value).toBe(min);
  });

  it.each(applies.flatMap((c) => [
    [`${c}: shipped minimum, a pair of exactly that many with one down names the member left up`, c, policy, 'lastOneUp'],
    [`${c}: raised minimum, the same pair is short by design`, c, raised, 'byDesign'],
  ] as const))('%s', (_n, c, p, why) => {
    const [a, b] = [`p1-${site(c)}`, `p2-${site(c)}`];
    expect(num('NODE-001', c, 'minInstances')).toBe(2);
    const f = judge(p, [memberState(c, a, 'up'), memberState(c, b, 'down')], `${a}+${b}`);
    expect(f?.state).toBe('unprotected');
    if (why === 'lastOneUp') expect(f?.explanation.en).toMatch(new RegExp(`^${a}\\+${b}: only ${a} is up; .*one more failure takes it down$`));
    else expect(f?.explanation.en).toBe(`${a}+${b}: only 2 member(s) by design, 3 required`);
  });

  // the snapshot's staleness window (the store's 3 missed intervals of 60 s) decides whether a member counts as up
  const WINDOW = 3 * MIN;
  it.each(applies.flatMap((c) => [
    [`${c}: a member last polled exactly ${WINDOW / MIN} min ago is still up`, c, WINDOW, 'protected'],
    [`${c}: a millisecond later it is stale: the pair is unknown`, c, WINDOW + 1, 'unknown'],
    [`${c}: a millisecond earlier it is up`, c, WINDOW - 1, 'protected'],
  ] as const))('%s', (_n, c, ageMs, want) => {
    const [a, b] = [`p1-${site(c)}`, `p2-${site(c)}`];
    const aged: DeviceState = { ...deviceState(b, observation(), NOW - ageMs), stale: false };
    expect(judge(policy, [memberState(c, a, 'up'), aged], `${a}+${b}`)?.state).toBe(want);
  });
});

describe('PWR-001 working PSUs', () => {
  const cases = applying('PWR-001').map((c) => ({ c, min: num('PWR-001', c, 'minWorking') }));
  const psus = (ok: number, absent: number): Component[] => [
    ...Array.from({ length: ok }, (_, k) => ({ id: `ok${k}`, name: `PSU ${k + 1}`, status: 'ok' as const, sources: [] })),
    ...Array.from({ length: absent }, (_, k) => ({ id: `ab${k}`, name: `PSU ${ok + k + 1}`, status: 'absent' as const, sources: [] })),
  ];
  it.each(cases.flatMap(({ c, min }) => [
    [`${c}: exactly ${min} working PSUs is enough`, c, min, 0, 'protected'],
    [`${c}: ${min - 1} working and an empty bay is not`, c, min - 1, 1, 'unprotected'],
    [`${c}: ${min + 1} working is enough`, c, min + 1, 0, 'protected'],
  ] as const))('%s', (_n, c, ok, absent, want) => {
    const id = `r-${site(c)}`;
    expect(verdicts('PWR-001', { devices: { [id]: observation({ powerSupplies: psus(ok, absent) }) } })[id]).toBe(want);
  });
});

describe('PWR-002 independent utility feeds', () => {
  const cases = applying('PWR-002').map((c) => ({ c, min: num('PWR-002', c, 'minSources') }));
  /** A site of class `c` fed by `feeds` mains, from `substations` distinct substations. */
  const verdict = (c: ProtectionClass, feeds: number, substations: number): string | undefined => {
    const inv = inventoryFromObject({
      sites: [{ id: site(c), class: c }],
      devices: [],
      power: Array.from({ length: feeds }, (_, k) => ({ id: `mains-${k}`, kind: 'mains', site: site(c), substation: `sub-${k % substations}` })),
    });
    const r = runAnalysis(snapshotOf(inv, { now: NOW }), policy, NOW, RULES.filter((x) => x.id === 'PWR-002'));
    return r.findings.find((f) => f.subject.id === site(c))?.state;
  };
  it.each(cases.flatMap(({ c, min }) => [
    [`${c}: exactly ${min} substations is enough`, c, min, min, 'protected'],
    [`${c}: ${min} feeds from ${min - 1} substation(s) is not`, c, min, min - 1, 'unprotected'],
    [`${c}: ${min + 1} substations is enough`, c, min + 1, min + 1, 'protected'],
  ] as const))('%s', (_n, c, feeds, substations, want) => {
    expect(verdict(c, feeds, substations)).toBe(want);
  });
});

describe('SWO-004 backups in a first-hop redundancy group', () => {
  const cases = applying('SWO-004').map((c) => ({ c, min: num('SWO-004', c, 'minBackups') }));
  /** One VRRP group (one virtual address) at a class's site: a master and `backups` backups. */
  const verdict = (c: ProtectionClass, backups: number): string | undefined => {
    const others = [`pb-${site(c)}`, `r-${site(c)}`, `ups-${site(c)}`, `dcp-${site(c)}`];
    if (backups > others.length) throw new Error(`at most ${others.length} backups in this inventory`);
    const g = (role: 'master' | 'backup'): ReturnType<typeof observation> => observation({
      fhrpGroups: [{ protocol: 'vrrp', interface: 'Vlan10', group: 10, role, virtualIp: `10.${CLASSES.indexOf(c)}.0.1`, hasStandby: false }],
    });
    const devices: Record<string, DeviceObservation> = { [`pa-${site(c)}`]: g('master') };
    others.forEach((id, k) => { devices[id] = k < backups ? g('backup') : observation(); });
    return verdicts('SWO-004', { devices })[`vrrp:10:10.${CLASSES.indexOf(c)}.0.1`];
  };
  it.each(cases.flatMap(({ c, min }) => [
    [`${c}: exactly ${min} backup(s) is enough`, c, min, 'protected'],
    [`${c}: ${min - 1} backup(s) is not`, c, min - 1, 'unprotected'],
    [`${c}: ${min + 1} backups is enough`, c, min + 1, 'protected'],
  ] as const))('%s', (_n, c, backups, want) => {
    expect(verdict(c, backups)).toBe(want);
  });
});

describe('SWO-002 measured switchover time', () => {
  const cases = applying('SWO-002').map((c) => ({ c, max: num('SWO-002', c, 'maxSwitchMs') }));
  /** One protection group per class: a working and a protect leg between the class's pair. */
  const inv = inventoryFromObject({
    sites: CLASSES.map((c) => ({ id: site(c), class: c })),
    devices: CLASSES.flatMap((c, k) => [
      { id: `pa-${site(c)}`, site: site(c), role: 'router', snmp: snmp(10 * k + 4) },
      { id: `pb-${site(c)}`, site: site(c), role: 'router', snmp: snmp(10 * k + 5) },
    ]),
    links: CLASSES.flatMap((c) => (['working', 'protect'] as const).map((leg) => ({
      id: `${leg}-${site(c)}`, a: { device: `pa-${site(c)}`, interface: leg }, b: { device: `pb-${site(c)}`, interface: leg }, protection: { group: `pg-${site(c)}`, leg },
    }))),
  });
  it.each(cases.flatMap(({ c, max }) => [
    [`${c}: a switchover of exactly ${max} ms is within the target`, c, max, 'protected'],
    [`${c}: a millisecond slower is not`, c, max + 1, 'degraded'],
    [`${c}: a millisecond faster is`, c, max - 1, 'protected'],
  ] as const))('%s', (_n, c, measuredMs, want) => {
    const drills: DrillRecord[] = [{ group: `pg-${site(c)}`, at: NOW - DAY, result: 'pass', measuredMs }];
    const r = runAnalysis(snapshotOf(inv, { now: NOW, options: { evidence: { drills } } }), policy, NOW, RULES.filter((x) => x.id === 'SWO-002'));
    expect(r.findings.find((f) => f.subject.id === `pg-${site(c)}`)?.state).toBe(want);
  });
});

describe('SWO-005 BGP hold time without BFD', () => {
  const cases = applying('SWO-005').map((c) => ({ c, max: num('SWO-005', c, 'maxHoldSeconds') }));
  it.each(cases.flatMap(({ c, max }) => [
    [`${c}: a hold time of exactly ${max} s is short enough`, c, max, 'protected'],
    [`${c}: a second longer is not`, c, max + 1, 'degraded'],
    [`${c}: a second shorter is`, c, max - 1, 'protected'],
  ] as const))('%s', (_n, c, holdTimeSeconds, want) => {
    const id = `r-${site(c)}`;
    const dev = observation({ bgpPeers: [{ peer: '192.0.2.2', remoteAs: 65000, state: 'established', adminStatus: 'up', source: 'bgp4-mib', holdTimeSeconds }] });
    expect(verdicts('SWO-005', { devices: { [id]: dev } })[id]).toBe(want);
  });
});

describe('LOAD-004 every member carries a share of the traffic', () => {
  const cases = applying('LOAD-004').map((c) => ({ c, min: num('LOAD-004', c, 'minSharePercent') }));
  /** Two members, the second carrying `share` % of the pair's peak traffic (counters 1 Gbit/s apart at most). */
  const run = (c: ProtectionClass, share: number): string | undefined => {
    const dev = `r-${site(c)}`;
    const total = 1e9; // bit/s at peak, both members together
    const flat = (iface: string, bps: number): MemberCounters => ({
      device: dev, interface: iface, counterBits: 64, capacityMbps: 10_000,
      samples: [0, 1].map((k) => ({ at: NOW - (1 - k) * MIN, inOctets: BigInt(Math.round((k * bps * 60) / 8)), outOctets: 0n })),
    });
    const load: LoadInput = { members: [flat('Te1', total * (1 - share / 100)), flat('Te2', total * (share / 100))] };
    const obs = observation({ lagMembers: [1, 2].map((k): LagMember => ({ aggregate: 'Po1', member: `Te${k}`, inBundle: true })) });
    return verdicts('LOAD-004', { devices: { [dev]: obs }, options: { load } })[`${dev}:Po1`];
  };
  it.each(cases.flatMap(({ c, min }) => [
    [`${c}: a share of exactly ${min} % is idle`, c, min, 'degraded'],
    [`${c}: 0.1 point more carries traffic`, c, min + 0.1, 'protected'],
    [`${c}: 0.1 point less is idle`, c, min - 0.1, 'degraded'],
  ] as const))('%s', (_n, c, share, want) => {
    expect(run(c, share)).toBe(want);
  });
});

describe('LOAD-001 the utilisation window', () => {
  const cases = applying('LOAD-001').map((c) => ({ c, window: num('LOAD-001', c, 'windowMinutes') }));
  /** A two-member bundle idle at 10 % but for one minute at 95 % on Te1 whose interval ends `endsAgoMs` before now. */
  const run = (c: ProtectionClass, endsAgoMs: number): string | undefined => {
    const dev = `r-${site(c)}`;
    const cap = 10_000 * 1e6;
    const anchor = NOW - endsAgoMs;
    /** A sample a minute from an hour before the burst's end to now; the interval ending at `anchor` is the burst. */
    const series = (iface: string, burst: boolean): MemberCounters => {
      const samples = [];
      let octets = 0n;
      for (let m = 60; anchor - m * MIN <= NOW; m--) {
        const at = anchor - m * MIN;
        octets += BigInt(Math.round((((burst && m === 0) ? 0.95 : 0.1) * cap * 60) / 8));
        samples.push({ at, inOctets: octets, outOctets: 0n });
      }
      return { device: dev, interface: iface, counterBits: 64, capacityMbps: 10_000, samples };
    };
    const obs = observation({ lagMembers: [1, 2].map((k): LagMember => ({ aggregate: 'Po1', member: `Te${k}`, inBundle: true })) });
    return verdicts('LOAD-001', { devices: { [dev]: obs }, options: { load: { members: [series('Te1', true), series('Te2', false)] } } })[`${dev}:Po1`];
  };
  it.each(cases.flatMap(({ c, window }) => [
    [`${c}: a burst whose interval ends exactly ${window} min ago is in the window`, c, window * MIN, 'degraded'],
    [`${c}: one ending a millisecond earlier is not`, c, window * MIN + 1, 'protected'],
    [`${c}: one ending a minute later is`, c, (window - 1) * MIN, 'degraded'],
  ] as const))('%s', (_n, c, endsAgoMs, want) => {
    expect(run(c, endsAgoMs)).toBe(want);
  });
});

describe('PWR-003 spare rectifier modules (one per sparePer modules the load needs)', () => {
  const cases = applying('PWR-003').map((c) => ({ c, per: num('PWR-003', c, 'sparePer') }));
  /** A DC plant of class `c` whose load needs `needed` modules of 50 A, with `ok` modules working. */
  const run = (c: ProtectionClass, needed: number, ok: number): string | undefined => {
    const id = `dcp-${site(c)}`;
    const plant: DcPowerPlant = {
      source: 'eltek-sp2', rectifiers: { ok, failed: 0, unknown: 0 }, moduleRatingAmps: 50, loadAmps: needed * 50, capacityUsedPercent: null,
      battery: { state: 'float', minutesRemaining: 600, strings: 2 }, mains: 'ok',
    };
    return verdicts('PWR-003', { devices: { [id]: observation({ dcPower: [plant] }) } })[id];
  };
  it.each(cases.flatMap(({ c, per }) => [
    [`${c}: a load of exactly ${per} modules needs one spare: ${per + 1} working is enough`, c, per, per + 1, 'protected'],
    [`${c}: a load of ${per} modules with ${per} working has no spare`, c, per, per, 'degraded'],
    [`${c}: a load of ${per + 1} modules needs two spares: ${per + 2} working is not enough`, c, per + 1, per + 2, 'degraded'],
    [`${c}: a load of ${per + 1} modules with ${per + 3} working is`, c, per + 1, per + 3, 'protected'],
    [`${c}: a load of ${per - 1} modules needs one spare: ${per} working is enough`, c, per - 1, per, 'protected'],
    [`${c}: one module fewer than the load needs is overloaded`, c, per, per - 1, 'unprotected'],
  ] as const))('%s', (_n, c, needed, ok, want) => {
    expect(run(c, needed, ok)).toBe(want);
  });
});

describe('PWR-004 DC plant battery runtime (devices that report their plant)', () => {
  const cases = applying('PWR-004').map((c) => ({ c, min: Math.round(num('PWR-004', c, 'dcPlantMinutes') * num('PWR-004', c, 'factor') * 10) / 10 }));
  const run = (c: ProtectionClass, battery: Partial<DcPowerPlant['battery']>): string | undefined => {
    const id = `dcp-${site(c)}`;
    const plant: DcPowerPlant = {
      source: 'eltek-sp2', rectifiers: { ok: 6, failed: 0, unknown: 0 }, moduleRatingAmps: null, loadAmps: 100, capacityUsedPercent: 30,
      battery: { state: 'float', minutesRemaining: 600, strings: 2, ...battery }, mains: 'ok',
    };
    return verdicts('PWR-004', { devices: { [id]: observation({ dcPower: [plant] }) } })[id];
  };
  it.each(cases.flatMap(({ c, min }) => [
    [`${c}: exactly the minimum (${min} min) is enough`, c, { minutesRemaining: min }, 'protected'],
    [`${c}: a tenth of a minute under is not`, c, { minutesRemaining: min - 0.1 }, 'degraded'],
    [`${c}: a tenth over is enough`, c, { minutesRemaining: min + 0.1 }, 'protected'],
    [`${c}: two battery strings are enough`, c, { strings: 2 }, 'protected'],
    [`${c}: one string is a single point of failure`, c, { strings: 1 }, 'unprotected'],
  ] as const))('%s', (_n, c, battery, want) => {
    expect(run(c, battery)).toBe(want);
  });
});

describe('OPS-003 the lookback and the grace around a cutover window', () => {
  const HOUR = 60 * MIN;
  const cases = applying('OPS-003').map((c) => ({ c, lookback: num('OPS-003', c, 'lookbackHours') * HOUR, grace: num('OPS-003', c, 'graceMinutes') * MIN }));
  const START = NOW - 6 * HOUR;
  const END = NOW - 4 * HOUR;
  /** The verdict on the class's router when it rebooted at `at`, with or without an approved window [START, END] naming it. */
  const run = (c: ProtectionClass, at: number, planned: boolean): string | undefined => {
    const id = `r-${site(c)}`;
    const cutovers: CutoverWindow[] = planned ? [{
      id: 'c1', ref: 'CHG-1', title: 'upgrade', status: 'done', emergency: false, start: START, end: END, approvedAt: START - DAY,
      affected: { devices: [id], links: [], sites: [], riskGroups: [] }, appeared: [],
    }] : [];
    const changes: DeviceChange[] = [{ deviceId: id, at, subject: 'reboot', from: '8640000', to: '120' }];
    return verdicts('OPS-003', { devices: { [id]: observation() }, options: { evidence: { cutovers, changes } } })[id];
  };
  it.each(cases.flatMap(({ c, lookback, grace }) => [
    [`${c}: an unplanned reboot exactly ${lookback / HOUR} h ago is out of the lookback`, c, NOW - lookback, false, 'protected'],
    [`${c}: a millisecond later it is in`, c, NOW - lookback + 1, false, 'degraded'],
    [`${c}: a millisecond earlier it is out`, c, NOW - lookback - 1, false, 'protected'],
    [`${c}: a reboot exactly ${grace / MIN} min before the window is covered`, c, START - grace, true, 'protected'],
    [`${c}: a millisecond before that is not`, c, START - grace - 1, true, 'degraded'],
    [`${c}: a millisecond after is`, c, START - grace + 1, true, 'protected'],
    [`${c}: a reboot exactly ${grace / MIN} min after the window is covered`, c, END + grace, true, 'protected'],
    [`${c}: a millisecond after that is not`, c, END + grace + 1, true, 'degraded'],
    [`${c}: a millisecond before is`, c, END + grace - 1, true, 'protected'],
  ] as const))('%s', (_n, c, at, planned, want) => {
    expect(run(c, at, planned)).toBe(want);
  });
});

describe('OPS-004 the watch after a cutover window', () => {
  const cases = applying('OPS-004').map((c) => ({ c, watch: num('OPS-004', c, 'watchDays') * DAY }));
  /** The class's DC plant without a spare rectifier (PWR-003, which every class has) since a cutover that ended `endedAgoMs` before now. */
  const run = (c: ProtectionClass, endedAgoMs: number): string | undefined => {
    const id = `dcp-${site(c)}`;
    const plant: DcPowerPlant = {
      source: 'eltek-sp2', rectifiers: { ok: 3, failed: 0, unknown: 0 }, moduleRatingAmps: 50, loadAmps: 150, capacityUsedPercent: null,
      battery: { state: 'float', minutesRemaining: 600, strings: 2 }, mains: 'ok',
    };
    const cutovers: CutoverWindow[] = [{
      id: 'c1', ref: 'CHG-1', title: 'upgrade', status: 'done', emergency: false, start: NOW - endedAgoMs - 2 * H, end: NOW - endedAgoMs, approvedAt: NOW - endedAgoMs - DAY,
      affected: { devices: [id], links: [], sites: [], riskGroups: [] }, appeared: [fingerprint('PWR-003', { kind: 'device', id })],
    }];
    const snap = snapshotOf(NET, { now: NOW, devices: { [id]: observation({ dcPower: [plant] }) }, options: { evidence: { cutovers } } });
    const r = runAnalysis(snap, policy, NOW, RULES.filter((x) => x.id === 'PWR-003' || x.id === 'OPS-004'));
    expect(r.findings.find((f) => f.rule === 'PWR-003' && f.subject.id === id)?.state).toBe('degraded');
    return r.findings.find((f) => f.rule === 'OPS-004' && f.subject.id === id)?.state;
  };
  it.each(cases.flatMap(({ c, watch }) => [
    [`${c}: a window that ended exactly ${watch / DAY} days ago is still watched`, c, watch, 'degraded'],
    [`${c}: a millisecond more is not`, c, watch + 1, undefined],
    [`${c}: a millisecond less is`, c, watch - 1, 'degraded'],
    [`${c}: a window that ends exactly now is over and watched`, c, 0, 'degraded'],
  ] as const))('%s', (_n, c, endedAgoMs, want) => {
    expect(run(c, endedAgoMs)).toBe(want);
  });
});
