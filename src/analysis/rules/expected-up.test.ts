/** Which routing peers, adjacencies and BFD sessions are expected up, in the one form TOPO-003 and SWO-003 read. */
import { describe, expect, it } from 'vitest';
import type { BgpPeer, IsisAdjacency, OspfNeighbor } from '../../collect/observation.js';
import { observation } from '../../../test/support/snapshot-builders.js';
import { bfdSessionExpectedUp, bgpPeerExpectedUp, routingAdjacencies } from './expected-up.js';

const bgp = (peer: string, state: BgpPeer['state'], adminStatus: BgpPeer['adminStatus'] = 'up', vrf?: string): BgpPeer => ({ peer, remoteAs: 65001, state, adminStatus, source: 'bgp4-mib', ...(vrf !== undefined ? { vrf } : {}) });

describe('expected up', () => {
  it.each([['up', true], ['down', false], ['unknown', true]] as const)('a BGP peer with admin status %s: %s', (admin, want) => {
    expect(bgpPeerExpectedUp(bgp('10.0.0.1', 'established', admin))).toBe(want);
  });
  it.each([['up', true], ['adminDown', false], ['down', true], ['init', true]] as const)('a BFD session %s: %s', (state, want) => {
    expect(bfdSessionExpectedUp({ neighbor: '10.0.0.1', interface: null, state, detectionMs: null })).toBe(want);
  });
});

describe('routingAdjacencies', () => {
  it('BGP: ids by VRF (global by default), operator-shut peers left out, only established is up', () => {
    const o = observation({ bgpPeers: [bgp('10.0.0.1', 'established'), bgp('10.0.0.2', 'active', 'up', 'cust-a'), bgp('10.0.0.3', 'established', 'down')] });
    expect(routingAdjacencies('r1', o)).toEqual([
      { protocol: 'bgp', id: 'r1:bgp:global:10.0.0.1', neighbor: '10.0.0.1', address: '10.0.0.1', interface: null, status: 'up', state: 'established', bgp: o.bgpPeers[0] },
      { protocol: 'bgp', id: 'r1:bgp:cust-a:10.0.0.2', neighbor: '10.0.0.2', address: '10.0.0.2', interface: null, status: 'down', state: 'active', bgp: o.bgpPeers[1] },
    ]);
  });

  it.each([
    ['full', 'up'], ['twoWay', 'up'], ['down', 'down'], ['attempt', 'down'], ['init', 'down'], ['exchangeStart', 'forming'], ['exchange', 'forming'], ['loading', 'forming'],
  ] as const)('OSPF %s is %s', (state, status) => {
    const n: OspfNeighbor = { neighborId: '10.255.0.2', address: '10.1.1.2', state };
    expect(routingAdjacencies('r1', observation({ ospfNeighbors: [n] }))).toEqual([
      { protocol: 'ospf', id: 'r1:ospf:10.255.0.2|10.1.1.2', neighbor: '10.255.0.2', address: '10.1.1.2', interface: null, status, state },
    ]);
  });

  it('OSPF without an address has no BFD address', () => {
    expect(routingAdjacencies('r1', observation({ ospfNeighbors: [{ neighborId: '10.255.0.2', address: '', state: 'full' }] }))[0]).toMatchObject({ id: 'r1:ospf:10.255.0.2|', address: null });
  });

  it.each([['up', 'up'], ['initializing', 'forming'], ['down', 'down'], ['failed', 'down']] as const)('IS-IS %s is %s', (state, status) => {
    const a: IsisAdjacency = { neighborId: '0000.0000.0002', interface: 'xe-0/0/1', state, level: 'level2' };
    expect(routingAdjacencies('r1', observation({ isisAdjacencies: [a] }))).toEqual([
      { protocol: 'isis', id: 'r1:isis:xe-0/0/1|0000.0000.0002', neighbor: '0000.0000.0002', address: null, interface: 'xe-0/0/1', status, state, isis: a },
    ]);
  });

  it('lists BGP, then OSPF, then IS-IS', () => {
    const o = observation({
      isisAdjacencies: [{ neighborId: 'i', interface: 'x', state: 'up', level: 'level2' }],
      ospfNeighbors: [{ neighborId: 'o', address: 'o', state: 'full' }],
      bgpPeers: [bgp('b', 'established')],
    });
    expect(routingAdjacencies('r1', o).map((a) => a.protocol)).toEqual(['bgp', 'ospf', 'isis']);
  });
});
