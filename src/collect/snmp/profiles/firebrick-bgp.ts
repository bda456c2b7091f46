/**
 * FireBrick routers (FIREBRICK-BGP-MIB, enterprise 24693): fbBgpPeerTable
 * (1.3.6.1.4.1.24693.100.179.1.1), indexed by the peer's InetAddressType and length-prefixed
 * InetAddress (IPv4 and IPv6 peers in one table), with fbBgpPeerState (4): idle(0) connect(1)
 * active(2) opensent(3) openconfirm(4) established(5) — BGP's FSM numbered from zero — and
 * fbBgpPeerRemoteAS (5).
 */
import type { BgpState } from '../../observation.js';
import type { Profile } from './types.js';

/** fbBgpPeerState → BGP state. */
export const FB_BGP_STATE: Readonly<Record<number, BgpState>> = { 0: 'idle', 1: 'connect', 2: 'active', 3: 'opensent', 4: 'openconfirm', 5: 'established' };

const PEER = '1.3.6.1.4.1.24693.100.179.1.1';

/** The firebrick-bgp profile, as the engine runs it. */
export const firebrickBgpProfile: Profile = {
  id: 'firebrick-bgp',
  mib: 'FIREBRICK-BGP-MIB',
  vendors: ['1.3.6.1.4.1.24693'],
  columns: {
    state: { oid: `${PEER}.4`, type: 'int' },
    remoteAs: { oid: `${PEER}.5`, type: 'gauge' },
  },
  extract: [
    {
      kind: 'bgpPeer', rows: 'state', index: [{ name: 'peer', kind: 'inetAddress' }],
      peer: { index: 'peer' }, state: { column: 'state', map: FB_BGP_STATE }, remoteAs: { column: 'remoteAs' },
    },
  ],
};
