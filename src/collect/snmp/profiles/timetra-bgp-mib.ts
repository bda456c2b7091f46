/**
 * TIMETRA-BGP-MIB tBgpPeerNgTable (Nokia SR OS): index vRtrID, InetAddressType, length-prefixed
 * InetAddress. tBgpPeerNgConnState holds the FSM state (idle(1) … established(6)),
 * tBgpPeerNgShutdown (TruthValue) the admin state, tBgpPeerNgPeerAS4Byte the remote AS. The VRF
 * name is TIMETRA-VRTR-MIB's vRtrName of the row's vRtrID; 'Base' is the global router.
 */
import { BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

const PEER = '1.3.6.1.4.1.6527.3.1.2.14.4.7.1';

export const timetraBgpProfile: Profile = {
  id: 'timetra-bgp-mib',
  mib: 'TIMETRA-BGP-MIB/TIMETRA-VRTR-MIB',
  vendors: ['1.3.6.1.4.1.6527'],
  columns: {
    shutdown: { oid: `${PEER}.6`, type: 'int' },
    connState: { oid: `${PEER}.59`, type: 'int' },
    peerAs: { oid: `${PEER}.66`, type: 'gauge' },
    vRtrName: { oid: '1.3.6.1.4.1.6527.3.1.2.3.1.1.4', type: 'string' },
  },
  extract: [
    {
      kind: 'bgpPeer',
      rows: 'connState',
      index: [{ name: 'vRtrId', kind: 'int' }, { name: 'peer', kind: 'inetAddress' }],
      peer: { index: 'peer' },
      vrf: { column: 'vRtrName', via: 'vRtrId' },
      defaultVrf: ['Base'],
      state: { column: 'connState', map: BGP_FSM_STATE },
      // TruthValue: true(1) = shut down
      admin: { column: 'shutdown', map: { 1: 'down', 2: 'up' } },
      remoteAs: { column: 'peerAs' },
    },
  ],
};
