/**
 * The synthetic generator and the replay agent together: `collectDevice` over the agent must
 * report exactly what each description says (a failed PSU comes back failed, an empty bay is
 * never failed, BGP peers with their states, the VRRP group's role …). Checked once with
 * reference profiles written from the MIBs, and once with the registered profiles for every
 * MIB family they already cover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import type { Extractor, Profile } from '../../src/collect/snmp/profiles/types.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { OIDS, expectedFacts, fleetDevice, syntheticTable, type DeviceDescription, type ExpectedFacts } from '../../src/sim/synthetic-devices.js';
import { REFERENCE_SET } from '../support/reference-profiles.js';
import { pollReplay } from '../support/replay.js';

const CORE: DeviceDescription = {
  name: 'core-1',
  sysObjectID: '1.3.6.1.4.1.9.1.2494',
  interfaces: [
    { name: 'Te1/0/1' }, { name: 'Te1/0/2' }, { name: 'Te1/0/3', oper: 'down' }, { name: 'Te1/0/4', admin: 'down', oper: 'down' },
    { name: 'Gi0/0', speedMbps: 1000 }, { name: 'Vlan10', type: 53 }, { name: 'Vlan20', type: 53 }, { name: 'Po1', type: 161, speedMbps: 20_000 },
  ],
  entity: {
    psus: [{ name: 'PSU A', state: 'ok' }, { name: 'PSU B', state: 'failed' }, { name: 'PSU C', state: 'absent' }],
    fans: [{ name: 'Fan 1', state: 'ok' }, { name: 'Fan 2', state: 'failed' }],
    stateMib: 'both',
    rows: 30,
  },
  bgp: {
    localAs: 64_500,
    mib: 'both',
    peers: [
      { address: '192.0.2.11', remoteAs: 64_501, state: 'established' },
      { address: '192.0.2.12', remoteAs: 64_502, state: 'established' },
      { address: '192.0.2.13', remoteAs: 4_200_000_001, state: 'established' },
      { address: '192.0.2.14', remoteAs: 64_504, state: 'idle', admin: 'down' },
      { address: '192.0.2.15', remoteAs: 64_505, state: 'active' },
    ],
  },
  ospf: [
    { routerId: '10.0.0.2', address: '10.1.0.2', state: 'full' },
    { routerId: '10.0.0.3', address: '10.1.0.6', state: 'exchangeStart' },
  ],
  bfd: [
    { address: '192.0.2.11', ifIndex: 1, state: 'up', intervalMs: 50, multiplier: 3 },
    { address: '192.0.2.12', state: 'down' },
    { address: '10.1.0.2', ifIndex: 2, state: 'adminDown', intervalMs: 300 },
  ],
  vrrp: [
    { ifIndex: 6, vrid: 10, role: 'master', virtualIp: '10.10.0.1' },
    { ifIndex: 7, vrid: 20, role: 'backup', virtualIp: '10.20.0.1', masterIp: '10.20.0.3' },
  ],
  lldp: [
    { localIfIndex: 1, remoteName: 'core-2', remotePort: 'Te1/0/1' },
    { localIfIndex: 2, remoteName: 'dist-7', remotePort: 'xe-0/0/0' },
  ],
  lag: [
    { aggregateIfIndex: 8, memberIfIndex: 1, inBundle: true },
    { aggregateIfIndex: 8, memberIfIndex: 2, inBundle: false },
  ],
};

const UPS: DeviceDescription = {
  name: 'ups-1',
  sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
  interfaces: 1,
  ups: { outputSource: 'battery', batteryStatus: 'low', minutesRemaining: 12, inputLineBads: 3 },
};

const FLEET = fleetDevice(70); // failed PSU (n % 10 == 0) and one BGP peer active (n % 7 == 0)

const DEVICES: readonly DeviceDescription[] = [CORE, UPS, FLEET];

/** What a VRRP group's virtual address reads as when the profile did not read it (null). */
const VIP_NOT_READ = 'not read';

/** The observation reduced to the facts `expectedFacts` speaks of, in a stable order. */
function factsOf(o: DeviceObservation): Omit<ExpectedFacts, 'absentUnits'> {
  const byName = <T extends { name: string }>(l: T[]): T[] => [...l].sort((a, b) => a.name.localeCompare(b.name));
  const units = (l: DeviceObservation['powerSupplies']): { name: string; status: 'ok' | 'failed' }[] =>
    byName(l.filter((u) => u.status === 'ok' || u.status === 'failed').map((u) => ({ name: u.name, status: u.status as 'ok' | 'failed' })));
  return {
    name: o.system.name ?? '',
    objectId: o.system.objectId ?? '',
    interfaces: o.interfaces.map((i) => ({ index: i.index, name: i.name, operStatus: i.operStatus, adminStatus: i.adminStatus, speedMbps: i.speedMbps ?? -1 })),
    powerSupplies: units(o.powerSupplies),
    fans: units(o.fans),
    bgpPeers: o.bgpPeers.map((p) => ({ peer: p.peer, remoteAs: p.remoteAs ?? -1, state: p.state, adminStatus: p.adminStatus as 'up' | 'down' }))
      .sort((a, b) => a.peer.localeCompare(b.peer)),
    ospfNeighbors: o.ospfNeighbors.map((n) => ({ neighborId: n.neighborId, address: n.address, state: n.state }))
      .sort((a, b) => a.address.localeCompare(b.address)),
    // what redline read, as it read it: the virtual address (vrrpAssoIpAddrTable's index) included
    vrrpGroups: o.fhrpGroups.filter((g) => g.protocol === 'vrrp')
      .map((g) => ({ group: g.group, interface: g.interface, role: g.role as 'master' | 'backup' | 'init', virtualIp: g.virtualIp ?? VIP_NOT_READ }))
      .sort((a, b) => a.group - b.group),
    lldpNeighbors: o.neighbors.filter((n) => n.protocol === 'lldp').map((n) => ({ localPort: n.localPort, remoteName: n.remoteName, remotePort: n.remotePort }))
      .sort((a, b) => a.localPort.localeCompare(b.localPort)),
    lagMembers: o.lagMembers.map((m) => ({ aggregate: m.aggregate, member: m.member, inBundle: m.inBundle })).sort((a, b) => a.member.localeCompare(b.member)),
    ups: o.ups === null ? null : {
      outputSource: o.ups.outputSource, batteryStatus: o.ups.batteryStatus, minutesRemaining: o.ups.minutesRemaining ?? -1, inputLineBads: o.ups.inputLineBads ?? -1,
    },
  };
}

function sortedExpectation(e: ExpectedFacts): Omit<ExpectedFacts, 'absentUnits'> {
  const byName = <T extends { name: string }>(l: T[]): T[] => [...l].sort((a, b) => a.name.localeCompare(b.name));
  return {
    name: e.name,
    objectId: e.objectId,
    interfaces: e.interfaces,
    ups: e.ups,
    powerSupplies: byName(e.powerSupplies),
    fans: byName(e.fans),
    bgpPeers: [...e.bgpPeers].sort((a, b) => a.peer.localeCompare(b.peer)),
    ospfNeighbors: [...e.ospfNeighbors].sort((a, b) => a.address.localeCompare(b.address)),
    // KNOWN GAP: the VRRP-MIB profile does not read vrrpAssoIpAddrTable, so redline has no virtual
    // address for a VRRP group; the test says so instead of filling it in (profiles: h/breadth)
    vrrpGroups: [...e.vrrpGroups].map((g) => ({ ...g, virtualIp: VIP_NOT_READ })).sort((a, b) => a.group - b.group),
    lldpNeighbors: [...e.lldpNeighbors].sort((a, b) => a.localPort.localeCompare(b.localPort)),
    lagMembers: [...e.lagMembers].sort((a, b) => a.member.localeCompare(b.member)),
  };
}

/** Whether some profile that applies to `objectId` has a `kind` extractor reading under `prefix`. */
function covers(profiles: readonly Profile[], objectId: string, kind: Extractor['kind'], prefix: string): boolean {
  return profiles.some((p) => {
    if (p.vendors !== undefined && !p.vendors.some((v) => objectId === v || objectId.startsWith(`${v}.`))) return false;
    return p.extract.some((e) => {
      if (e.kind !== kind) return false;
      const oids = [...Object.values(p.columns ?? {}), ...Object.values(p.scalars ?? {})].map((c) => c.oid);
      return oids.some((o) => o.startsWith(prefix));
    });
  });
}

describe('synthetic devices through the replay agent', () => {
  const agent = new ReplayAgent(DEVICES.map((d) => ({ community: `c-${d.name}`, table: syntheticTable(d) })));
  let port = 0;
  const reference = new Map<string, DeviceObservation>();

  beforeAll(async () => {
    port = await agent.start();
    for (const d of DEVICES) {
      const r = await pollReplay(port, `c-${d.name}`, { profiles: REFERENCE_SET });
      expect(r.answered).toBe(true);
      reference.set(d.name, r.observation);
    }
  });
  afterAll(async () => {
    await agent.stop();
  });

  it('the fleet device has 50 interfaces, 30 ENTITY-MIB rows and 5 BGP peers', () => {
    const t = syntheticTable(FLEET);
    const under = (prefix: string): number => [...t.entries()].filter((e) => e.oid.startsWith(`${prefix}.`)).length;
    expect(under(`${OIDS.ifTable}.8`)).toBe(50);
    expect(under(`${OIDS.entPhysicalEntry}.5`)).toBe(30);
    expect(under(`${OIDS.bgpPeerEntry}.2`)).toBe(5);
  });

  for (const d of DEVICES) {
    it(`${d.name}: reference profiles report exactly the description`, () => {
      const o = reference.get(d.name)!;
      expect(o.errors).toEqual([]);
      expect(factsOf(o)).toEqual(sortedExpectation(expectedFacts(d)));
      for (const absent of expectedFacts(d).absentUnits) {
        expect(o.powerSupplies.concat(o.fans).filter((u) => u.name.startsWith(absent) && u.status === 'failed')).toEqual([]);
      }
    });
  }

  it('core-1: one PSU failed, one fan failed, the empty bay is not failed, each unit counted once across two MIBs', () => {
    const o = reference.get('core-1')!;
    expect(o.powerSupplies.map((p) => [p.name, p.status]).sort()).toEqual([['PSU A', 'ok'], ['PSU B', 'failed']]);
    expect(o.powerSupplies.every((p) => p.sources.length === 2)).toBe(true);
    expect(o.fans.find((f) => f.name === 'Fan 2')?.status).toBe('failed');
    expect(o.bgpPeers.filter((p) => p.state === 'established')).toHaveLength(3);
    expect(o.fhrpGroups.map((g) => [g.group, g.role])).toEqual([[10, 'master'], [20, 'backup']]);
  });

  it('core-1: the registered BFD-STD-MIB profile reads the bfdSessTable rows', async () => {
    const r = await pollReplay(port, 'c-core-1');
    expect(r.answered).toBe(true);
    expect(r.observation.bfdSessions).toEqual([
      { neighbor: '192.0.2.11', interface: 'Te1/0/1', state: 'up', detectionMs: 150 },
      { neighbor: '192.0.2.12', interface: null, state: 'down', detectionMs: 150 },
      { neighbor: '10.1.0.2', interface: 'Te1/0/2', state: 'adminDown', detectionMs: 900 },
    ]);
  });

  // The same devices with the profiles redline really ships, family by family.
  const FAMILIES: readonly { fact: keyof Omit<ExpectedFacts, 'absentUnits' | 'name' | 'objectId'>; kind: Extractor['kind']; prefixes: readonly string[] }[] = [
    { fact: 'interfaces', kind: 'interfaces', prefixes: ['1.3.6.1.2.1.2.2.1'] },
    { fact: 'powerSupplies', kind: 'component', prefixes: ['1.3.6.1.2.1.131.1.1.1', '1.3.6.1.2.1.99.1.1.1'] },
    { fact: 'fans', kind: 'component', prefixes: ['1.3.6.1.2.1.131.1.1.1', '1.3.6.1.2.1.99.1.1.1'] },
    { fact: 'bgpPeers', kind: 'bgpPeer', prefixes: ['1.3.6.1.2.1.15.3.1', '1.3.6.1.4.1.9.9.187.1.2.5.1'] },
    { fact: 'ospfNeighbors', kind: 'ospfNeighbor', prefixes: ['1.3.6.1.2.1.14.10.1'] },
    { fact: 'vrrpGroups', kind: 'fhrp', prefixes: ['1.3.6.1.2.1.68.1.3.1'] },
    { fact: 'lldpNeighbors', kind: 'neighbor', prefixes: ['1.0.8802.1.1.2.1.4.1.1'] },
    { fact: 'lagMembers', kind: 'lagMember', prefixes: ['1.2.840.10006.300.43.1.2.1.1'] },
    { fact: 'ups', kind: 'ups', prefixes: ['1.3.6.1.2.1.33.1'] },
  ];
  for (const d of DEVICES) {
    const objectId = d.sysObjectID ?? '1.3.6.1.4.1.8072.3.2.10';
    const covered = FAMILIES.filter((f) => f.prefixes.some((p) => covers(PROFILES, objectId, f.kind, p)));
    const missing = FAMILIES.filter((f) => !covered.includes(f)).map((f) => f.fact);
    it(`${d.name}: the registered profiles agree for ${covered.map((f) => f.fact).join(', ')}`, async () => {
      if (missing.length > 0) console.warn(`[synthetic] ${d.name}: no registered profile reads ${missing.join(', ')} yet; those facts are checked with reference profiles only`);
      const r = await pollReplay(port, `c-${d.name}`);
      expect(r.answered).toBe(true);
      const got = factsOf(r.observation);
      const want = sortedExpectation(expectedFacts(d));
      expect(got.name).toBe(want.name);
      for (const f of covered) {
        expect(got[f.fact], f.fact).toEqual(want[f.fact]);
      }
    });
  }
});
