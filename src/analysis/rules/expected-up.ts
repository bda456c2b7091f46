/**
 * Whether a routing peer, adjacency or BFD session is expected up: one decision that every rule
 * reading them calls (TOPO-003 judges the expected-up ones, SWO-003 protects them with BFD, and
 * SWO-005 should ask the same), so no two rules disagree about a peer an operator shut.
 * A BGP peer whose admin status is down (stopped, halted, shut) is not expected up, whatever its
 * session state; a BFD session in adminDown likewise; OSPF and IS-IS tables carry no admin
 * state, so their adjacencies are expected up while they are listed.
 */
import type { BfdSession, BgpPeer, DeviceObservation, IsisAdjacency } from '../../collect/observation.js';

/** A BGP peer is expected up unless an operator shut it (admin status down; unknown counts as up). */
export function bgpPeerExpectedUp(p: BgpPeer): boolean {
  return p.adminStatus !== 'down';
}

/** A BFD session is expected up unless an operator shut it (adminDown). */
export function bfdSessionExpectedUp(b: BfdSession): boolean {
  return b.state !== 'adminDown';
}

/** One routing adjacency of a device, expected up, in the terms both TOPO-003 and SWO-003 use. */
export interface RoutingAdjacency {
  readonly protocol: 'bgp' | 'ospf' | 'isis';
  /** Stable subject id: `<device>:bgp:<vrf>:<peer>`, `<device>:ospf:<id>|<address>`, `<device>:isis:<interface>|<system id>`. */
  readonly id: string;
  /** The neighbour as people name it (peer address, router id, system id). */
  readonly neighbor: string;
  /** The address a BFD session to this neighbour runs to (BGP, OSPF); null for IS-IS (matched by interface). */
  readonly address: string | null;
  /** The interface it runs on, when the table says (IS-IS). */
  readonly interface: string | null;
  /** `up`: established / full or 2-way / up; `down`: not forming; `forming`: on its way (OSPF exchange, IS-IS init). */
  readonly status: 'up' | 'down' | 'forming';
  /** The state the device reports, as it reports it. */
  readonly state: string;
  readonly bgp?: BgpPeer;
  readonly isis?: IsisAdjacency;
}

const OSPF_UP = new Set(['full', 'twoWay']);
const OSPF_DOWN = new Set(['down', 'attempt', 'init']);

/** The device's routing adjacencies that are expected up (operator-shut BGP peers left out). */
export function routingAdjacencies(deviceId: string, o: DeviceObservation): RoutingAdjacency[] {
  const out: RoutingAdjacency[] = [];
  for (const p of o.bgpPeers) {
    if (!bgpPeerExpectedUp(p)) continue;
    out.push({
      protocol: 'bgp', id: `${deviceId}:bgp:${p.vrf ?? 'global'}:${p.peer}`, neighbor: p.peer, address: p.peer, interface: null,
      status: p.state === 'established' ? 'up' : 'down', state: p.state, bgp: p,
    });
  }
  for (const n of o.ospfNeighbors) {
    out.push({
      protocol: 'ospf', id: `${deviceId}:ospf:${n.neighborId}|${n.address}`, neighbor: n.neighborId, address: n.address === '' ? null : n.address, interface: null,
      status: OSPF_UP.has(n.state) ? 'up' : OSPF_DOWN.has(n.state) ? 'down' : 'forming', state: n.state,
    });
  }
  for (const a of o.isisAdjacencies) {
    out.push({
      protocol: 'isis', id: `${deviceId}:isis:${a.interface}|${a.neighborId}`, neighbor: a.neighborId, address: null, interface: a.interface,
      status: a.state === 'up' ? 'up' : a.state === 'initializing' ? 'forming' : 'down', state: a.state, isis: a,
    });
  }
  return out;
}
