/**
 * BGP4V2-MIB under Foundry/Brocade's enterprise (brcdIp 1.3.6.1.4.1.1991.3.5, FastIron and
 * NetIron; draft-ietf-idr-bgp4-mibv2-12): index bgp4V2PeerInstance, InetAddressType,
 * length-prefixed InetAddress. Brocade documents the instance as the zero-based VRF index, so
 * 0 is the default VRF.
 */
import { bgp4v2DraftProfile } from './bgp4v2-draft.js';
import type { Profile } from './types.js';

export const brocadeBgp4V2Profile: Profile = bgp4v2DraftProfile({
  id: 'brocade-bgp4v2-mib',
  mib: 'BGP4V2-MIB (Brocade)',
  vendors: ['1.3.6.1.4.1.1991'],
  peerEntry: '1.3.6.1.4.1.1991.3.5.1.1.2.1',
  defaultVrf: ['0'],
});
