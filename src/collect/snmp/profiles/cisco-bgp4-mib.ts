/**
 * CISCO-BGP4-MIB: cbgpPeer3Table (per-VRF peers, IOS-XE/XR releases from 2020) and
 * cbgpPeer2Table (IPv4 and IPv6 peers, 4-byte ASNs, no VRF). Both are indexed by an
 * InetAddressType and a length-prefixed InetAddress (cbgpPeer3 after the VRF id). cbgpPeer3 is
 * read first; its global-table peers ('default') carry no vrf, so cbgpPeer2 and BGP4-MIB do not
 * list them again.
 */
import { BGP_ADMIN_STOP_START, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

const PEER2 = '1.3.6.1.4.1.9.9.187.1.2.5.1';
const PEER3 = '1.3.6.1.4.1.9.9.187.1.2.9.1';

export const ciscoBgp4Profile: Profile = {
  id: 'cisco-bgp4-mib',
  mib: 'CISCO-BGP4-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  columns: {
    peer3VrfName: { oid: `${PEER3}.4`, type: 'string' },
    peer3State: { oid: `${PEER3}.5`, type: 'int' },
    peer3Admin: { oid: `${PEER3}.6`, type: 'int' },
    peer3RemoteAs: { oid: `${PEER3}.13`, type: 'gauge' },
    peer2State: { oid: `${PEER2}.3`, type: 'int' },
    peer2Admin: { oid: `${PEER2}.4`, type: 'int' },
    peer2RemoteAs: { oid: `${PEER2}.11`, type: 'gauge' },
  },
  extract: [
    {
      kind: 'bgpPeer',
      rows: 'peer3State',
      index: [{ name: 'vrfId', kind: 'int' }, { name: 'peer', kind: 'inetAddress' }],
      peer: { index: 'peer' },
      vrf: { column: 'peer3VrfName' },
      defaultVrf: ['default', 'global'],
      state: { column: 'peer3State', map: BGP_FSM_STATE },
      admin: { column: 'peer3Admin', map: BGP_ADMIN_STOP_START },
      remoteAs: { column: 'peer3RemoteAs' },
    },
    {
      kind: 'bgpPeer',
      rows: 'peer2State',
      index: [{ name: 'peer', kind: 'inetAddress' }],
      peer: { index: 'peer' },
      state: { column: 'peer2State', map: BGP_FSM_STATE },
      admin: { column: 'peer2Admin', map: BGP_ADMIN_STOP_START },
      remoteAs: { column: 'peer2RemoteAs' },
    },
  ],
};
