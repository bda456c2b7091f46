/**
 * FORCE10-BGP4-V2-MIB f10BgpM2PeerTable (Dell Networking OS9 / FTOS, enterprise 6027; draft-
 * ietf-idr-bgp4-mibv2-03 like Juniper's). The peer comes from f10BgpM2PeerRemoteAddr and the
 * instance from f10BgpM2PeerInstance (0: default VRF) rather than from the index.
 */
import { BGP_ADMIN_HALTED_RUNNING, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

const PEER = '1.3.6.1.4.1.6027.20.1.2.1.1.1';

export const force10Bgp4V2Profile: Profile = {
  id: 'force10-bgp4-v2-mib',
  mib: 'FORCE10-BGP4-V2-MIB',
  vendors: ['1.3.6.1.4.1.6027'],
  columns: {
    instance: { oid: `${PEER}.1`, type: 'gauge' },
    state: { oid: `${PEER}.3`, type: 'int' },
    status: { oid: `${PEER}.4`, type: 'int' },
    remoteAddr: { oid: `${PEER}.12`, type: 'ip' },
    remoteAs: { oid: `${PEER}.14`, type: 'gauge' },
  },
  extract: [
    {
      kind: 'bgpPeer',
      rows: 'state',
      peer: { column: 'remoteAddr', decode: 'ip' },
      vrf: { column: 'instance' },
      defaultVrf: ['0'],
      state: { column: 'state', map: BGP_FSM_STATE },
      admin: { column: 'status', map: BGP_ADMIN_HALTED_RUNNING },
      remoteAs: { column: 'remoteAs' },
    },
  ],
};
