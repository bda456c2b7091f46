import { describe, expect, it } from 'vitest';
import { emptyObservation, type CollectResult } from '../collect/snmp/engine.js';
import type { DeviceObservation } from '../collect/observation.js';
import { DiscoveryMemory, carryOver, staleFields, withDiscoveredTables } from './poller.js';
import type { Profile } from '../collect/snmp/profiles/types.js';

function result(profiles: string[], over: Partial<DeviceObservation> = {}, answered = true, implemented: string[] = profiles): CollectResult {
  const base = emptyObservation('t:161', []);
  return {
    answered,
    observation: { ...base, profiles, system: { name: 'x', descr: null, objectId: '1.3.6.1.4.1.9.1.1', uptimeSeconds: 1 }, ...over },
    counters: [],
    implemented,
    stats: { requests: 1, varbinds: 1, durationMs: 1 },
  };
}

describe('DiscoveryMemory', () => {
  it('walks everything first, then only what yielded, with a full poll every N polls', () => {
    const m = new DiscoveryMemory(3);
    expect(m.plan('d')).toBeUndefined();
    m.learn('d', true, result(['system', 'if-mib', 'entity']));
    expect([...m.plan('d') ?? []]).toEqual(['system', 'if-mib', 'entity']);
    m.learn('d', false, result(['system', 'if-mib', 'entity']));
    expect(m.plan('d')).toBeDefined();
    m.learn('d', false, result(['system', 'if-mib', 'entity']));
    expect(m.plan('d')).toBeUndefined(); // third poll since the full one: walk everything again
  });

  it('keeps profiles that had problems, and forgets a device that went silent, erred or changed', () => {
    const m = new DiscoveryMemory(10);
    m.learn('d', true, result(['system'], { errors: [{ profile: 'bgp4-mib', message: 'walk timed out' }] }));
    expect(m.plan('d')?.has('bgp4-mib')).toBe(true);
    m.learn('d', false, result([], {}, false));
    expect(m.plan('d')).toBeUndefined();
    m.learn('d', true, result(['system']));
    m.learn('d', false, result(['system'], { errors: [{ profile: 'transport', message: 'stopped answering' }] }));
    expect(m.plan('d')).toBeUndefined();
    m.learn('d', true, result(['system']));
    m.learn('d', false, result(['system'], { system: { name: 'x', descr: null, objectId: '1.3.6.1.4.1.2636.1', uptimeSeconds: 1 } }));
    expect(m.plan('d')).toBeUndefined();
  });

  it('keeps walking a MIB the device implements with an empty table (it answered a scalar, yielded nothing)', () => {
    const m = new DiscoveryMemory(10);
    m.learn('d', true, result(['system'], {}, true, ['system', 'bfd-std-mib']));
    expect(m.plan('d')?.has('bfd-std-mib')).toBe(true);
    expect([...m.implemented('d')]).toEqual(['system', 'bfd-std-mib']);
  });

  it('a poll of what discovery found counts those tables as exposed, empty or not (a profile that erred now excepted)', () => {
    const bfd: Profile = { id: 'bfd', mib: 'BFD-STD-MIB', extract: [{ kind: 'bfdSession', rows: 'x', neighbor: { index: 'i' }, state: { column: 'x', map: {} } }] };
    const isis: Profile = { id: 'isis', mib: 'ISIS-MIB', extract: [{ kind: 'isisAdjacency', rows: 'x', neighborId: { index: 'i' }, interface: { index: 'i' }, state: { column: 'x', map: {} } }] };
    const o = { ...emptyObservation('t', [{ profile: 'isis', message: 'walk timed out' }]), exposes: ['system' as const] };
    expect(withDiscoveredTables(o, [bfd, isis]).exposes).toEqual(['bfdSessions', 'system']);
  });
});

describe('carry-over of profiles not due', () => {
  const profiles: Profile[] = [
    { id: 'lldp', mib: 'LLDP-MIB', extract: [{ kind: 'neighbor', protocol: 'lldp', rows: 'x', localPort: [], remoteName: [], remotePort: [] }] },
    { id: 'bgp', mib: 'BGP4-MIB', extract: [{ kind: 'bgpPeer', rows: 'x', peer: { index: 'index' }, state: { column: 'x', map: {} } }] },
  ];
  it('takes the skipped profiles\' fields from the previous observation', () => {
    const prev = { ...emptyObservation('t', []), profiles: ['lldp'], neighbors: [{ protocol: 'lldp' as const, localPort: 'a', remoteName: 'b', remotePort: 'c' }] };
    const next = { ...emptyObservation('t', []), profiles: ['bgp'] };
    const fields = staleFields(profiles, new Set(['lldp']));
    expect([...fields]).toEqual(['neighbors']);
    const merged = carryOver(next, prev, fields);
    expect(merged.neighbors).toEqual(prev.neighbors);
    expect(merged.profiles).toEqual(['bgp', 'lldp']);
  });

  it('carries what the previous poll said the device exposes for the carried fields only', () => {
    const prev = { ...emptyObservation('t', []), profiles: ['lldp', 'bgp'], exposes: ['bgpPeers' as const, 'neighbors' as const] };
    const next = { ...emptyObservation('t', []), profiles: [], exposes: ['system' as const] };
    expect(carryOver(next, prev, staleFields(profiles, new Set(['lldp']))).exposes).toEqual(['neighbors', 'system']);
  });
});
