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
