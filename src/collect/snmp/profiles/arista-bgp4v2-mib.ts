/**
 * ARISTA-BGP4V2-MIB aristaBgp4V2PeerTable (draft-ietf-idr-bgp4-mibv2-13 under Arista's
 * enterprise): index instance, InetAddressType, length-prefixed InetAddress, so IPv4 and IPv6
 * peers of every BGP instance. Instance 1 is the default VRF (the MIB's value for a router
 * without instances).
 */
import { BGP_ADMIN_HALTED_RUNNING, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

const PEER = '1.3.6.1.4.1.30065.4.1.1.2.1';

export const aristaBgp4V2Profile: Profile = {
  id: 'arista-bgp4v2-mib',
  mib: 'ARISTA-BGP4V2-MIB',
  vendors: ['1.3.6.1.4.1.30065'],
  columns: {
    remoteAs: { oid: `${PEER}.10`, type: 'gauge' },
    admin: { oid: `${PEER}.12`, type: 'int' },
    state: { oid: `${PEER}.13`, type: 'int' },
  },
  extract: [
    {
      kind: 'bgpPeer',
      rows: 'state',
      index: [{ name: 'instance', kind: 'int' }, { name: 'peer', kind: 'inetAddress' }],
      peer: { index: 'peer' },
      vrf: { index: 'instance' },
      defaultVrf: ['1'],
      state: { column: 'state', map: BGP_FSM_STATE },
      admin: { column: 'admin', map: BGP_ADMIN_HALTED_RUNNING },
      remoteAs: { column: 'remoteAs' },
    },
  ],
};
