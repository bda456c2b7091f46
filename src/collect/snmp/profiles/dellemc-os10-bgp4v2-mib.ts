/**
 * DELLEMC-OS10-BGP4V2-MIB os10bgp4V2PeerTable (Dell EMC SmartFabric OS10; draft-ietf-idr-
 * bgp4-mibv2-15 under os10Experiment 1.3.6.1.4.1.674.11000.5000.200): the same layout as
 * ARISTA-BGP4V2-MIB, index instance, InetAddressType, length-prefixed InetAddress; instance 1 is
 * the default VRF.
 */
import { bgp4v2DraftProfile } from './bgp4v2-draft.js';
import type { Profile } from './types.js';

export const dellOs10Bgp4V2Profile: Profile = bgp4v2DraftProfile({
  id: 'dellemc-os10-bgp4v2-mib',
  mib: 'DELLEMC-OS10-BGP4V2-MIB',
  vendors: ['1.3.6.1.4.1.674'],
  peerEntry: '1.3.6.1.4.1.674.11000.5000.200.1.1.2.1',
  defaultVrf: ['1'],
});
