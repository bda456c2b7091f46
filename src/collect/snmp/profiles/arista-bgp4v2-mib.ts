/**
 * ARISTA-BGP4V2-MIB aristaBgp4V2PeerTable (draft-ietf-idr-bgp4-mibv2-13 under Arista's
 * enterprise): index instance, InetAddressType, length-prefixed InetAddress, so IPv4 and IPv6
 * peers of every BGP instance. Instance 1 is the default VRF (the MIB's value for a router
 * without instances).
 */
import { bgp4v2DraftProfile } from './bgp4v2-draft.js';
import type { Profile } from './types.js';

export const aristaBgp4V2Profile: Profile = bgp4v2DraftProfile({
  id: 'arista-bgp4v2-mib',
  mib: 'ARISTA-BGP4V2-MIB',
  vendors: ['1.3.6.1.4.1.30065'],
  peerEntry: '1.3.6.1.4.1.30065.4.1.1.2.1',
  defaultVrf: ['1'],
});
