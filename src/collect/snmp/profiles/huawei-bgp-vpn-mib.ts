/**
 * HUAWEI-BGP-VPN-MIB hwBgpPeerTable (VRP), which AUGMENTS hwBgpPeerAddrFamilyTable: one row per
 * peer and address family, index instance, AFI, SAFI, InetAddressType, length-prefixed
 * InetAddress. A peer with several families is one peer (deduplicated by VRF and address);
 * hwBgpPeerVrfName names its VPN instance, '_public_' (or empty) being the public network; VRP8
 * (NE8000) names the public instance (instance 0) 'Public' and its IPv6 side 'PublicV6', so those
 * peers are the global table's, the same ones BGP4-MIB lists, and count once.
 */
import { BGP_ADMIN_STOP_START, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

export const huaweiBgpVpnProfile: Profile = {
  id: 'huawei-bgp-vpn-mib',
  mib: 'HUAWEI-BGP-VPN-MIB',
  vendors: ['1.3.6.1.4.1.2011'],
  columns: {
    vrfName: { oid: '1.3.6.1.4.1.2011.5.25.177.1.1.1.1.6', type: 'string' },
    remoteAs: { oid: '1.3.6.1.4.1.2011.5.25.177.1.1.2.1.2', type: 'gauge' },
    state: { oid: '1.3.6.1.4.1.2011.5.25.177.1.1.2.1.5', type: 'int' },
    admin: { oid: '1.3.6.1.4.1.2011.5.25.177.1.1.2.1.11', type: 'int' },
  },
  extract: [
    {
      kind: 'bgpPeer',
      rows: 'state',
      index: [
        { name: 'instance', kind: 'int' },
        { name: 'afi', kind: 'int' },
        { name: 'safi', kind: 'int' },
        { name: 'peer', kind: 'inetAddress' },
      ],
      peer: { index: 'peer' },
      vrf: { column: 'vrfName' },
      defaultVrf: ['_public_', 'Public', 'PublicV6'],
      state: { column: 'state', map: BGP_FSM_STATE },
      admin: { column: 'admin', map: BGP_ADMIN_STOP_START },
      remoteAs: { column: 'remoteAs' },
    },
  ],
};
