/**
 * Which observation fields each extractor kind fills: the poller carries fields over for the
 * profiles it skipped, and the engine says which tables a device exposes (`exposes`), from here.
 */
import type { ObservationTable } from './observation.js';
import type { Extractor, Profile } from './snmp/profiles/types.js';

/** The observation fields an extractor kind fills. */
export const FIELDS_OF_KIND: Readonly<Record<Extractor['kind'], readonly ObservationTable[]>> = {
  system: ['system'],
  component: ['powerSupplies', 'fans'],
  bgpPeer: ['bgpPeers'],
  ospfNeighbor: ['ospfNeighbors'],
  fhrp: ['fhrpGroups'],
  ups: ['ups'],
  interfaces: ['interfaces'],
  lagMember: ['lagMembers'],
  neighbor: ['neighbors'],
  isisAdjacency: ['isisAdjacencies'],
  bfdSession: ['bfdSessions'],
  redundancy: ['redundancy'],
};

/** The observation fields a profile's extractors fill. */
export function fieldsOfProfile(p: Profile): ObservationTable[] {
  return [...new Set(p.extract.flatMap((e) => FIELDS_OF_KIND[e.kind]))];
}
