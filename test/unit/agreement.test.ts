/**
 * The recordings agreement itself (test/support/agreement.ts): an observation that reads exactly
 * the written-down facts agrees, and each leniency the agreement once had is now a disagreement
 * (a count off by one, an empty bay read as ok, a missing UPS reading, an unexpected error, a
 * known gap that went away).
 */
import { describe, expect, it } from 'vitest';
import type { Component, DeviceObservation } from '../../src/collect/observation.js';
import { RECORDING_FACTS, type RecordingFacts, type UnitCounts } from '../fixtures/agreement/recordings.js';
import { compare, failures } from '../support/agreement.js';
import { observation } from '../support/snapshot-builders.js';

const units = (kind: string, c: UnitCounts): Component[] => (['ok', 'failed', 'absent', 'unknown'] as const)
  .flatMap((status) => Array.from({ length: c[status] }, (_, k): Component => ({ id: `${kind}-${status}-${k}`, name: `${kind} ${status} ${k}`, status, sources: ['test'] })));

/** An observation that reads exactly what `f` says. */
function reading(f: RecordingFacts): DeviceObservation {
  const [profile = '', ...rest] = (f.errors[0] ?? '').split(': ');
  return observation({
    powerSupplies: units('psu', f.psus),
    fans: units('fan', f.fans),
    bgpPeers: Array.from({ length: f.bgp.peers }, (_, k) => ({ peer: `192.0.2.${k}`, remoteAs: 65000, state: k < f.bgp.established ? 'established' : 'idle', adminStatus: 'up', source: 'test' })),
    ospfNeighbors: Array.from({ length: f.ospf }, (_, k) => ({ neighborId: `10.0.0.${k}`, address: `10.0.0.${k}`, state: 'full' })),
    neighbors: [
      ...Array.from({ length: f.neighbours.lldp }, (_, k) => ({ protocol: 'lldp' as const, localPort: `p${k}`, remoteName: `n${k}`, remotePort: 'x' })),
      ...Array.from({ length: f.neighbours.cdp }, (_, k) => ({ protocol: 'cdp' as const, localPort: `c${k}`, remoteName: `n${k}`, remotePort: 'x' })),
    ],
    interfaces: Array.from({ length: f.interfaces }, (_, k) => ({ index: k + 1, name: `if${k + 1}`, operStatus: 'up', adminStatus: 'up', speedMbps: 1000 })),
    fhrpGroups: [
      ...Array.from({ length: f.fhrp.hsrp }, (_, k) => ({ protocol: 'hsrp' as const, interface: 'Vlan1', group: k, role: 'master' as const, virtualIp: null, hasStandby: null })),
      ...Array.from({ length: f.fhrp.vrrp }, (_, k) => ({ protocol: 'vrrp' as const, interface: 'Vlan1', group: k, role: 'master' as const, virtualIp: null, hasStandby: null })),
    ],
    redundancy: f.redundancy.map((r) => {
      const [name = '', state = 'unknown'] = r.split(': ');
      return { subject: name, name, state: state as 'redundant', configured: null, source: 'test' };
    }),
    ups: f.ups === null ? null : { ...f.ups, inputLineBads: null },
    errors: f.errors.length === 0 ? [] : [{ profile, message: rest.join(': ') }],
  });
}

const FACTS = RECORDING_FACTS['comware']!;
const UPS = RECORDING_FACTS['netmanplus_204']!;
const facts = (checks: ReturnType<typeof compare>): string[] => failures(checks).map((c) => c.fact);

describe('recordings agreement', () => {
  it.each(Object.keys(RECORDING_FACTS))('%s: a reading of exactly the facts agrees', (name) => {
    const f = RECORDING_FACTS[name]!;
    // a known gap is expected to disagree: read it as redline does today (0 interfaces)
    const o = reading(f);
    const today = f.knownGaps?.['interfaces'] === undefined ? o : { ...o, interfaces: [] };
    expect(failures(compare(name, today))).toEqual([]);
  });

  it.each([
    ['an interface fewer', (o: DeviceObservation) => ({ ...o, interfaces: o.interfaces.slice(1) }), ['interfaces']],
    ['an empty bay read as ok', (o: DeviceObservation) => ({ ...o, powerSupplies: o.powerSupplies.map((p) => (p.status === 'absent' ? { ...p, status: 'ok' as const } : p)) }), ['PSUs ok', 'PSUs absent']],
    ['one LLDP neighbour more', (o: DeviceObservation) => ({ ...o, neighbors: [...o.neighbors, { protocol: 'lldp' as const, localPort: 'z', remoteName: 'z', remotePort: 'z' }] }), ['LLDP neighbours']],
    ['an unexpected observation error', (o: DeviceObservation) => ({ ...o, errors: [{ profile: 'x', message: 'y' }] }), ['errors']],
    ['a BGP peer no longer established', (o: DeviceObservation) => ({ ...o, bgpPeers: o.bgpPeers.map((p, k) => (k === 0 ? { ...p, state: 'active' as const } : p)) }), ['BGP established']],
  ] as const)('comware: %s disagrees', (_n, change, want) => {
    expect(facts(compare('comware', change(reading(FACTS))))).toEqual(want);
  });

  it('a UPS that gives no reading disagrees (it does not fall back to "none")', () => {
    expect(facts(compare('netmanplus_204', { ...reading(UPS), ups: null }))).toEqual(['UPS', 'UPS output source', 'UPS battery status', 'UPS minutes remaining']);
    expect(facts(compare('netmanplus_204', { ...reading(UPS), ups: { ...UPS.ups!, outputSource: 'none', inputLineBads: null } }))).toEqual(['UPS output source']);
  });

  it('a known gap that now agrees fails too, so the fixture is updated when redline is fixed', () => {
    expect(facts(compare('junos_srx3600', reading(RECORDING_FACTS['junos_srx3600']!)))).toEqual(['interfaces']);
  });

  it('a recording without facts is an error, not an empty comparison', () => {
    expect(() => compare('no-such-recording', observation())).toThrow(/no facts/);
  });
});
