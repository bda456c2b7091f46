/**
 * DELLEMC-OS10-BGP4V2-MIB os10bgp4V2PeerTable (Dell EMC SmartFabric OS10; draft-ietf-idr-
 * bgp4-mibv2-15 under os10Experiment 1.3.6.1.4.1.674.11000.5000.200): the same layout as
 * ARISTA-BGP4V2-MIB, index instance, InetAddressType, length-prefixed InetAddress; instance 1 is
 * the default VRF.
 */
import { BGP_ADMIN_HALTED_RUNNING, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

const PEER = '1.3.6.1.4.1.674.11000.5000.200.1.1.2.1';

export const dellOs10Bgp4V2Profile: Profile = {
  id: 'dellemc-os10-bgp4v2-mib',
  mib: 'DELLEMC-OS10-BGP4V2-MIB',
  vendors: ['1.3.6.1.4.1.674'],
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
