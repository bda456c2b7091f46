/**
 * CUMULUS-BGPUN-MIB (Cumulus Linux / NVIDIA, enterprise 40310, bgp = cumulusMib 4): a copy of
 * BGP4-MIB's bgpPeerTable at 1.3.6.1.4.1.40310.4.3.1 that also lists BGP unnumbered peers
 * (bgpPeerLocalAddr is an InetAddress text, bgpPeerIface the interface). Index: the peer's IPv4
 * address; state and stop/start columns numbered as in BGP4-MIB.
 */
import { BGP_ADMIN_STOP_START, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

const PEER = '1.3.6.1.4.1.40310.4.3.1.1';

export const cumulusBgpUnProfile: Profile = {
  id: 'cumulus-bgpun-mib',
  mib: 'CUMULUS-BGPUN-MIB',
  vendors: ['1.3.6.1.4.1.40310'],
  columns: {
    state: { oid: `${PEER}.2`, type: 'int' },
    admin: { oid: `${PEER}.3`, type: 'int' },
    remoteAs: { oid: `${PEER}.9`, type: 'gauge' },
  },
  extract: [
    {
      kind: 'bgpPeer',
      rows: 'state',
      index: [{ name: 'peer', kind: 'ipv4' }],
      peer: { index: 'peer' },
      state: { column: 'state', map: BGP_FSM_STATE },
      admin: { column: 'admin', map: BGP_ADMIN_STOP_START },
      remoteAs: { column: 'remoteAs' },
    },
  ],
};
