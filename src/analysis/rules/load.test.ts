/** LOAD rules, table-driven: N-1 headroom from counters (unknown without samples), member imbalance, special-period factor. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { LagMember } from '../../collect/observation.js';
import { inventoryFromObject, observation, snapshotOf } from '../../../test/support/snapshot-builders.js';
import type { LoadInput, MemberCounters } from '../../snapshot/types.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject } from '../policy.js';
import { RULES } from './index.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }],
  devices: [{ id: 'cr1', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' } }],
});
const lag = (inBundle = [true, true]): ReturnType<typeof observation> => observation({
  interfaces: [1, 2].map((k) => ({ index: k, name: `Te${k}`, operStatus: 'up', adminStatus: 'up', speedMbps: 10_000 })),
  lagMembers: inBundle.map((b, k): LagMember => ({ aggregate: 'Po1', member: `Te${k + 1}`, inBundle: b })),
});

/** A 64-bit series whose busiest minute runs at `gbps` (the rest at half of it), over the last 15 minutes. */
function series(iface: string, gbps: number): MemberCounters {
  const samples = [];
  let octets = 0n;
  for (let m = 15; m >= 0; m--) {
    samples.push({ at: NOW - m * 60_000, inOctets: octets, outOctets: 0n });
    const rate = m === 5 ? gbps : gbps / 2;
    octets += BigInt(Math.round((rate * 1e9 * 60) / 8));
  }
  return { device: 'cr1', interface: iface, counterBits: 64, samples };
}
const load = (a: number, b: number): LoadInput => ({ members: [series('Te1', a), series('Te2', b)] });

function verdicts(rule: string, obs: ReturnType<typeof observation>, input: LoadInput | undefined, p = policy, now = NOW): Record<string, string> {
  const snap = snapshotOf(NET, { now, devices: { cr1: obs }, options: input === undefined ? {} : { load: input } });
  return Object.fromEntries(runAnalysis(snap, p, now, RULES.filter((x) => x.id === rule)).findings.map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

describe('LOAD-001 N-1 headroom', () => {
  it.each([
    ['no samples: unknown, never a guess', lag(), undefined, 'unknown yellow'],
    ['two members peaking at 40 % (limit 45 %)', lag(), load(4, 3), 'protected'],
    ['one member peaking at 50 %: the other cannot take it', lag(), load(5, 3), 'degraded orange'],
    ['a member without samples', lag(), { members: [series('Te1', 3)] }, 'unknown yellow'],
    // the catalogue: one active member is no redundancy left, not a mere shortfall
    ['one of two members out of the bundle: no redundancy left', lag([true, false]), load(1, 1), 'unprotected red'],
    ['one of three members out of the bundle: the set fails, below its design', lag([true, true, false]), load(1, 1), 'degraded orange'],
  ] as const)('%s', (_n, obs, input, want) => {
    expect(verdicts('LOAD-001', obs, input)['cr1:Po1']).toBe(want);
  });

  it('tightens to factor 0.8 in a special period (limit 40 %)', () => {
    const doc = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, Record<string, unknown>>;
    doc['specialPeriods']!['calendar'] = [{ id: 'holiday', kind: 'holiday', name: '春节', start: '2026-03-01', end: '2026-03-20' }];
    const p = policyFromObject(doc);
    expect(verdicts('LOAD-001', lag(), load(4.2, 3), policy)['cr1:Po1']).toBe('protected');
    expect(verdicts('LOAD-001', lag(), load(4.2, 3), p)['cr1:Po1']).toBe('degraded red');
  });

  it('judges an explicit load-sharing set (ECMP) the observation cannot see', () => {
    const input: LoadInput = { members: [series('Te1', 5), series('Te2', 1)], sets: [{ id: 'ecmp-1', members: [{ device: 'cr1', interface: 'Te1' }, { device: 'cr1', interface: 'Te2' }] }] };
    expect(verdicts('LOAD-001', observation({ interfaces: lag().interfaces }), input)).toEqual({ 'ecmp-1': 'degraded orange' });
  });
});

describe('LOAD-002 member imbalance', () => {
  it.each([
    ['no samples: not judged (LOAD-001 says unknown)', undefined, undefined],
    ['balanced within 20 points', load(4, 3), 'protected'],
    ['40 % against 10 %', load(4, 1), 'degraded yellow'],
  ] as const)('%s', (_n, input, want) => {
    expect(verdicts('LOAD-002', lag(), input)['cr1:Po1']).toBe(want);
  });
});


describe('LOAD-004 every member carries traffic', () => {
  it.each([
    ['no samples: not judged (LOAD-001 says unknown)', undefined, undefined],
    ['both members carry traffic', load(4, 3), 'protected'],
    ['exactly at 5 % is not above it', load(9.5, 0.5), 'degraded yellow'],
    ['one member idle at 2.4 %: active-standby in disguise', load(4, 0.1), 'degraded yellow'],
    ['no traffic at all: not judged', load(0, 0), undefined],
  ] as const)('%s', (_n, input, want) => {
    expect(verdicts('LOAD-004', lag(), input)['cr1:Po1']).toBe(want);
  });

  it('names the idle member in both languages', () => {
    const snap = snapshotOf(NET, { now: NOW, devices: { cr1: lag() }, options: { load: load(4, 0.1) } });
    const f = runAnalysis(snap, policy, NOW, RULES.filter((x) => x.id === 'LOAD-004')).findings[0]!;
    expect(f.explanation.zh).toBe('cr1:Po1：成员 Te2 高峰时承载流量不足全组的 5%，实为主备而非负荷分担');
  });
});

describe('LOAD rules say what they found, and show it', () => {
  const run = (rule: string, obs: ReturnType<typeof observation>, input: LoadInput | undefined, inv = NET): ReturnType<typeof runAnalysis> =>
    runAnalysis(snapshotOf(inv, { now: NOW, devices: { cr1: obs }, options: input === undefined ? {} : { load: input } }), policy, NOW, RULES.filter((x) => x.id === rule));
  const one = (rule: string, obs: ReturnType<typeof observation>, input: LoadInput | undefined, inv = NET): ReturnType<typeof runAnalysis>['findings'][number] | undefined =>
    run(rule, obs, input, inv).findings.find((f) => f.subject.id === 'cr1:Po1');
  const evidence = (f: ReturnType<typeof one>): Record<string, unknown> => Object.fromEntries((f?.evidence ?? []).map((e) => [e.what, e.value]));

  it('LOAD-001 within the limit: the peak, the limit, each member and the factor', () => {
    const f = one('LOAD-001', lag(), load(4, 3));
    expect(f?.explanation.en).toBe('cr1:Po1: peak 40 % per member, within the 45 % N-1 limit');
    expect(evidence(f)).toEqual({ 'cr1 Te1 peak utilisation (%)': 40, 'cr1 Te2 peak utilisation (%)': 30, 'active members': 2, 'limit per member (%)': 45, factor: 0.9 });
    expect([f?.site, f?.sites]).toEqual(['bj', ['bj']]);
  });

  it.each([
    ['Te2 the busier', load(5, 6), 'cr1:Po1: Te2 peaks at 60 %, above the 45 % that lets 1 member(s) carry the load of 2'],
    ['Te1 the busier', load(6, 5), 'cr1:Po1: Te1 peaks at 60 %, above the 45 % that lets 1 member(s) carry the load of 2'],
  ] as const)('LOAD-001 over the limit names the busiest member (%s)', (_n, input, en) => {
    expect(one('LOAD-001', lag(), input)?.explanation.en).toBe(en);
  });

  it.each([
    ['one member without samples', { members: [series('Te1', 3)] }, 'cr1:Po1: Te2: no counter samples', { 'cr1 Te2 peak utilisation (%)': 'no counter samples' }],
    ['no samples at all', undefined, 'cr1:Po1: no utilisation samples; N-1 headroom cannot be judged', { 'cr1 Te1 peak utilisation (%)': 'no counter samples' }],
  ] as const)('LOAD-001 unknown: %s', (_n, input, en, shown) => {
    const f = one('LOAD-001', lag(), input);
    expect([f?.state, f?.reason, f?.explanation.en]).toEqual(['unknown', 'no_samples', en]);
    expect(evidence(f)).toMatchObject(shown);
  });

  it.each([
    ['one of three out of the bundle', [true, true, false], 'degraded', 'cr1:Po1: member(s) Te3 out of the bundle; the set runs below its design', { 'cr1 Te3': 'not in bundle', 'active members': 2 }],
    ['one of two out of the bundle', [true, false], 'unprotected', 'cr1:Po1: only 1 of 2 members carry traffic; no redundancy left', { 'cr1 Te2': 'not in bundle', 'active members': 1, 'limit per member (%)': 0 }],
  ] as const)('LOAD-001 %s', (_n, inBundle, state, en, shown) => {
    const f = one('LOAD-001', lag([...inBundle]), load(1, 1));
    expect([f?.state, f?.explanation.en]).toEqual([state, en]);
    expect(evidence(f)).toMatchObject(shown);
  });

  describe('capacity: the counters\' own, else the interface speed, else the inventory link', () => {
    const LINKED = inventoryFromObject({
      sites: [{ id: 'bj', class: 'PC-CORE' }],
      devices: [{ id: 'cr1', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' } }, { id: 'pe1', site: 'bj', role: 'core' }],
      // cr1 on the a side of one link and the b side of the other
      links: [
        { id: 'l1', a: { device: 'cr1', interface: 'Te1' }, b: { device: 'pe1', interface: 'Te1' }, capacityMbps: 20_000 },
        { id: 'l2', a: { device: 'pe1', interface: 'Te2' }, b: { device: 'cr1', interface: 'Te2' }, capacityMbps: 20_000 },
      ],
    });
    const speeds = (mbps: number | null): ReturnType<typeof observation> => observation({
      interfaces: [1, 2].map((k) => ({ index: k, name: `Te${k}`, operStatus: 'up', adminStatus: 'up', speedMbps: mbps })),
      lagMembers: [1, 2].map((k): LagMember => ({ aggregate: 'Po1', member: `Te${k}`, inBundle: true })),
    });
    it.each([
      ['the interface speed first', LINKED, speeds(10_000), load(4, 3), 40],
      ['no speed reported: the link in the inventory, on either side', LINKED, speeds(null), load(4, 3), 20],
      ['a speed of 0 is no speed', LINKED, speeds(0), load(4, 3), 20],
      ['the counters\' own capacity over both', LINKED, speeds(10_000), { members: [{ ...series('Te1', 4), capacityMbps: 40_000 }, series('Te2', 3)] }, 10],
    ] as const)('%s', (_n, inv, obs, input, te1) => {
      expect(evidence(one('LOAD-001', obs, input, inv))['cr1 Te1 peak utilisation (%)']).toBe(te1);
    });
    it('no capacity anywhere: unknown, and says so', () => {
      const f = one('LOAD-001', speeds(null), load(4, 3));
      expect(f?.state).toBe('unknown');
      expect(evidence(f)['cr1 Te1 peak utilisation (%)']).toBe('capacity unknown');
    });
  });

  it.each([
    ['Te1 high', load(4, 1), 'cr1:Po1: members unbalanced, Te1 at 40 % and Te2 at 10 %'],
    ['Te2 high', load(1, 4), 'cr1:Po1: members unbalanced, Te2 at 40 % and Te1 at 10 %'],
  ] as const)('LOAD-002 names the busiest and the idlest member (%s)', (_n, input, en) => {
    const f = one('LOAD-002', lag(), input);
    expect(f?.explanation.en).toBe(en);
    expect(evidence(f)).toMatchObject({ 'spread (points)': 30, 'max spread (points)': 20 });
  });

  it('LOAD-002 balanced says by how much', () => {
    expect(one('LOAD-002', lag(), load(4, 3))?.explanation.en).toBe('cr1:Po1: members balanced within 10 points');
  });

  it('LOAD-004 all carrying: each share and the smallest', () => {
    const f = one('LOAD-004', lag(), load(4, 3));
    expect(f?.explanation.en).toBe('cr1:Po1: all 2 members carry traffic at peak (smallest share 42.9 %)');
    expect(evidence(f)).toEqual({ 'cr1 Te1 share of peak traffic (%)': 57.1, 'cr1 Te2 share of peak traffic (%)': 42.9, 'minimum share (%)': 5 });
  });

  it.each([
    ['LOAD-002', { members: [series('Te1', 3)] }, 'no utilisation samples for every active member'],
    ['LOAD-004', { members: [series('Te1', 3)] }, 'no utilisation samples for every active member'],
    ['LOAD-004', load(0, 0), 'no traffic on the set in the window'],
  ] as const)('%s says why it did not judge: %s', (rule, input, reason) => {
    const r = run(rule, lag(), input);
    expect(r.findings).toEqual([]);
    expect(r.summary.rules.find((x) => x.rule === rule)?.notEvaluated).toEqual([{ reason, code: 'no_data', count: 1 }]);
  });

  it('LOAD-004 leaves a set with one active member to LOAD-001, without a word', () => {
    const r = run('LOAD-004', lag([true, false]), load(1, 1));
    expect(r.findings).toEqual([]);
    expect(r.summary.rules.find((x) => x.rule === 'LOAD-004')?.notEvaluated).toEqual([]);
  });
});

describe('LOAD: a set spanning sites, and one a site override turns off', () => {
  const SPREAD = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-AGG' }, { id: 'sh', class: 'PC-CORE' }],
    devices: [
      { id: 'cr1', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' } },
      { id: 'cr2', site: 'sh', role: 'core', snmp: { host: '10.0.0.2', credentials: 'c' } },
    ],
  });
  const ports = observation({ interfaces: [1, 2].map((k) => ({ index: k, name: `Te${k}`, operStatus: 'up', adminStatus: 'up', speedMbps: 10_000 })) });
  const on = (device: string, s: MemberCounters): MemberCounters => ({ ...s, device });
  const input = (a: number, b: number): LoadInput => ({
    members: [on('cr1', series('Te1', a)), on('cr2', series('Te1', b))],
    sets: [{ id: 'ecmp-x', members: [{ device: 'cr1', interface: 'Te1' }, { device: 'cr2', interface: 'Te1' }] }],
  });
  const judge = (rule: string, a: number, b: number, p = policy): ReturnType<typeof runAnalysis>['findings'] =>
    runAnalysis(snapshotOf(SPREAD, { now: NOW, devices: { cr1: ports, cr2: ports }, options: { load: input(a, b) } }), p, NOW, RULES.filter((x) => x.id === rule)).findings;

  it.each(['LOAD-001', 'LOAD-002', 'LOAD-004'])('%s: no single site, both sites listed, the more critical class', (rule) => {
    const f = judge(rule, 4, 3)[0];
    expect([f?.subject.id, f?.site, f?.sites, f?.class]).toEqual(['ecmp-x', null, ['bj', 'sh'], 'PC-CORE']);
  });

  it.each(['LOAD-001', 'LOAD-002', 'LOAD-004'])('%s: silent where an override turns it off for a site of the set', (rule) => {
    const doc = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    doc['overrides'] = [{ rule, site: 'sh', enabled: false, reason: 'the set is being rebuilt' }];
    expect(judge(rule, 4, 3, policyFromObject(doc))).toEqual([]);
  });
});
