/**
 * BGP4V2-MIB under Foundry/Brocade's enterprise (brcdIp 1.3.6.1.4.1.1991.3.5, FastIron and
 * NetIron; draft-ietf-idr-bgp4-mibv2-12): index bgp4V2PeerInstance, InetAddressType,
 * length-prefixed InetAddress. Brocade documents the instance as the zero-based VRF index, so
 * 0 is the default VRF.
 */
import { BGP_ADMIN_HALTED_RUNNING, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

const PEER = '1.3.6.1.4.1.1991.3.5.1.1.2.1';

export const brocadeBgp4V2Profile: Profile = {
  id: 'brocade-bgp4v2-mib',
  mib: 'BGP4V2-MIB (Brocade)',
  vendors: ['1.3.6.1.4.1.1991'],
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
      defaultVrf: ['0'],
      state: { column: 'state', map: BGP_FSM_STATE },
      admin: { column: 'admin', map: BGP_ADMIN_HALTED_RUNNING },
      remoteAs: { column: 'remoteAs' },
    },
  ],
};
