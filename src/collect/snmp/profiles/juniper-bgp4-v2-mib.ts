/**
 * BGP4-V2-MIB-JUNIPER jnxBgpM2PeerTable (Junos): IPv4 and IPv6 peers of every routing instance.
 * The index (instance, local and remote InetAddress without length octets) is not decoded: the
 * peer comes from the jnxBgpM2PeerRemoteAddr column and the instance from
 * jnxBgpM2PeerRoutingInstance, where 0 is the master (global) instance. jnxBgpM2PeerStatus
 * halted(1) is an administratively stopped peer.
 */
import { BGP_ADMIN_HALTED_RUNNING, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

const PEER = '1.3.6.1.4.1.2636.5.1.1.2.1.1.1';

export const juniperBgp4V2Profile: Profile = {
  id: 'juniper-bgp4-v2-mib',
  mib: 'BGP4-V2-MIB-JUNIPER',
  vendors: ['1.3.6.1.4.1.2636'],
  columns: {
    state: { oid: `${PEER}.2`, type: 'int' },
    status: { oid: `${PEER}.3`, type: 'int' },
    remoteAddr: { oid: `${PEER}.11`, type: 'ip' },
    remoteAs: { oid: `${PEER}.13`, type: 'gauge' },
    routingInstance: { oid: `${PEER}.15`, type: 'gauge' },
  },
  extract: [
    {
      kind: 'bgpPeer',
      rows: 'state',
      peer: { column: 'remoteAddr', decode: 'ip' },
      vrf: { column: 'routingInstance' },
      defaultVrf: ['0'],
      state: { column: 'state', map: BGP_FSM_STATE },
      admin: { column: 'status', map: BGP_ADMIN_HALTED_RUNNING },
      remoteAs: { column: 'remoteAs' },
    },
  ],
};
