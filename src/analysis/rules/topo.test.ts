/** TOPO rules, table-driven: declared links against interfaces and LLDP/CDP, undeclared links, routing adjacencies (admin-down stays silent). */
import { describe, expect, it } from 'vitest';
import type { BgpPeer, DeviceObservation, InterfaceState, IsisAdjacency, Neighbor, OspfNeighbor } from '../../collect/observation.js';
import type { Inventory } from '../../inventory/model.js';
import { inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy.js';
import { RULES } from './index.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

function findings(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): ReturnType<typeof runAnalysis>['findings'] {
  return runAnalysis(snapshotOf(inv, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule)).findings;
}
function verdicts(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): Record<string, string> {
  return Object.fromEntries(findings(rule, inv, s).map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

const iface = (name: string, oper = 'up', admin = 'up'): InterfaceState => ({ index: 1, name, operStatus: oper, adminStatus: admin, speedMbps: 10_000 });
const lldp = (localPort: string, remoteName: string, remotePort: string): Neighbor => ({ protocol: 'lldp', localPort, remoteName, remotePort });

const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
  devices: [
    { id: 'cr1', name: 'BJ-CR-01', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' } },
    { id: 'cr2', name: 'BJ-CR-02', site: 'bj', role: 'core', snmp: { host: '10.0.0.2', credentials: 'c' } },
    { id: 'agg1', name: 'E-AGG-01', site: 'agg', role: 'agg', snmp: { host: '10.0.0.3', credentials: 'c' } },
    { id: 'patch', site: 'bj', role: 'odf' },
  ],
  links: [
    { id: 'cr1-cr2', a: { device: 'cr1', interface: 'Hu0/0/0/0' }, b: { device: 'cr2', interface: 'Hu0/0/0/0' } },
    { id: 'cr1-agg1', a: { device: 'cr1', interface: 'Hu0/0/0/1' }, b: { device: 'agg1', interface: 'Te0/0/1' } },
  ],
});

describe('TOPO-001 declared links', () => {
  const cr1 = (ifs: InterfaceState[], nbrs: Neighbor[] = []): ReturnType<typeof observation> => observation({ interfaces: ifs, neighbors: nbrs });
  it.each([
    ['up and confirmed by LLDP (FQDN remote name)',
      { cr1: cr1([iface('Hu0/0/0/0'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/0', 'bj-cr-02.example.net', 'Hu0/0/0/0'), lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-cr2': 'protected', 'cr1-agg1': 'protected' }],
    ['confirmed with port names the inventory spells differently',
      { cr1: cr1([iface('HundredGigE0/0/0/0'), iface('Hu0/0/0/1')], [lldp('HundredGigE0/0/0/0', 'BJ-CR-02', 'HundredGigE0/0/0/0'), lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-cr2': 'protected', 'cr1-agg1': 'protected' }],
    ['an interface down while administratively up',
      { cr1: cr1([iface('Hu0/0/0/0', 'down'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-cr2': 'down orange', 'cr1-agg1': 'protected' }],
    ['an interface an operator shut: silent',
      { cr1: cr1([iface('Hu0/0/0/0', 'down', 'down'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-agg1': 'protected' }],
    ['interfaces up, LLDP runs, but no neighbour shows the link',
      { cr1: cr1([iface('Hu0/0/0/0'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-cr2': 'degraded orange', 'cr1-agg1': 'protected' }],
    ['interfaces up, no LLDP anywhere: up on the interfaces\' word',
      { cr1: cr1([iface('Hu0/0/0/0'), iface('Hu0/0/0/1')]) },
      { 'cr1-cr2': 'protected', 'cr1-agg1': 'protected' }],
    ['every end stale: unknown', { cr1: 'stale', cr2: 'stale', agg1: 'stale' }, { 'cr1-cr2': 'unknown yellow', 'cr1-agg1': 'unknown yellow' }],
  ] as const)('%s', (_n, devices, want) => {
    expect(verdicts('TOPO-001', NET, { devices })).toEqual(want);
  });
});

describe('TOPO-002 undeclared links', () => {
  it('reports a link seen from both ends once, and ignores neighbours that are not in the inventory', () => {
    const devices = {
      cr1: observation({ interfaces: [iface('Hu0/0/0/0'), iface('Hu0/0/0/9')], neighbors: [lldp('Hu0/0/0/0', 'BJ-CR-02', 'Hu0/0/0/0'), lldp('Hu0/0/0/9', 'BJ-CR-02', 'Hu0/0/0/9'), lldp('Gi0/0', 'some-server', 'eth0')] }),
      cr2: observation({ interfaces: [iface('Hu0/0/0/0'), iface('Hu0/0/0/9')], neighbors: [lldp('Hu0/0/0/0', 'BJ-CR-01', 'Hu0/0/0/0'), lldp('Hu0/0/0/9', 'BJ-CR-01', 'Hu0/0/0/9')] }),
    };
    const f = findings('TOPO-002', NET, { devices });
    expect(f.map((x) => [x.subject.id, x.state, x.colour])).toEqual([['seen:cr1:Hu0/0/0/9~cr2:Hu0/0/0/9', 'degraded', 'yellow']]);
    expect(f[0]!.explanation.en).toBe('LLDP shows cr1 Hu0/0/0/9 connected to cr2 Hu0/0/0/9, a link the inventory does not declare; its ducts and cables are unknown to the route analysis');
  });
});

describe('TOPO-003 routing adjacencies', () => {
  const bgp = (peer: string, state: BgpPeer['state'], adminStatus: BgpPeer['adminStatus'] = 'up'): BgpPeer => ({ peer, remoteAs: 65001, state, adminStatus, source: 'bgp4-mib' });
  const ospf = (id: string, state: OspfNeighbor['state']): OspfNeighbor => ({ neighborId: id, address: id, state });
  const isis = (id: string, state: IsisAdjacency['state']): IsisAdjacency => ({ neighborId: id, interface: 'Hu0/0/0/0', state, level: 'level2' });
  it.each([
    ['BGP established', { bgpPeers: [bgp('10.0.0.2', 'established')] }, 'protected'],
    ['BGP active while admin up', { bgpPeers: [bgp('10.0.0.2', 'active')] }, 'down orange'],
    ['BGP idle, shut by an operator: silent', { bgpPeers: [bgp('10.0.0.2', 'idle', 'down')] }, undefined],
    ['OSPF full', { ospfNeighbors: [ospf('10.255.0.2', 'full')] }, 'protected'],
    ['OSPF 2-way (DROther)', { ospfNeighbors: [ospf('10.255.0.2', 'twoWay')] }, 'protected'],
    ['OSPF stuck in exchange start', { ospfNeighbors: [ospf('10.255.0.2', 'exchangeStart')] }, 'degraded orange'],
    ['OSPF init', { ospfNeighbors: [ospf('10.255.0.2', 'init')] }, 'down orange'],
    ['IS-IS up', { isisAdjacencies: [isis('0000.0000.0002', 'up')] }, 'protected'],
    ['IS-IS failed', { isisAdjacencies: [isis('0000.0000.0002', 'failed')] }, 'down orange'],
  ] satisfies [string, Partial<DeviceObservation>, string | undefined][])('%s', (_n, part, want) => {
    const v = verdicts('TOPO-003', NET, { devices: { cr1: observation(part) } });
    expect(Object.values(v)[0]).toBe(want);
  });
});
