/**
 * BGP4-MIB (RFC 4273) bgpPeerTable: the standard IPv4, global-table view of BGP peers. The
 * index is the peer's IPv4 address. It carries neither IPv6 nor VRF peers and only 2-byte
 * ASNs, so it is registered after the vendor BGP MIBs: a peer a vendor MIB already reported
 * (same address, global table) is not counted again.
 */
import type { BgpState } from '../../observation.js';
import type { Profile } from './types.js';

/** The BGP FSM states (RFC 4271 §8.2.2), numbered alike in every BGP MIB here. */
export const BGP_FSM_STATE: Readonly<Record<number, BgpState>> = {
  1: 'idle', 2: 'connect', 3: 'active', 4: 'opensent', 5: 'openconfirm', 6: 'established',
};

/** stop(1)/start(2) (BGP4-MIB, CISCO-BGP4-MIB, HUAWEI-BGP-VPN-MIB, CUMULUS-BGPUN-MIB). */
export const BGP_ADMIN_STOP_START: Readonly<Record<number, 'up' | 'down'>> = { 1: 'down', 2: 'up' };

/** halted(1)/running(2) (the bgp4-mibv2 drafts: Juniper, Arista, Dell, Force10, Brocade). */
export const BGP_ADMIN_HALTED_RUNNING: Readonly<Record<number, 'up' | 'down'>> = { 1: 'down', 2: 'up' };

export const bgp4MibProfile: Profile = {
  id: 'bgp4-mib',
  mib: 'BGP4-MIB',
  columns: {
    state: { oid: '1.3.6.1.2.1.15.3.1.2', type: 'int' },
    admin: { oid: '1.3.6.1.2.1.15.3.1.3', type: 'int' },
    remoteAs: { oid: '1.3.6.1.2.1.15.3.1.9', type: 'int' },
    // bgpPeerHoldTime: the negotiated hold time in seconds, 0 when no hold timer runs (SWO-005)
    holdTime: { oid: '1.3.6.1.2.1.15.3.1.18', type: 'int' },
  },
  extract: [
    {
      kind: 'bgpPeer',
      // bgpPeerState rows only: some agents (IOS-XR) fill bgpPeerRemoteAs alone, or leave a
      // stray 0.0.0.0 row in it, and those are not peers.
      rows: 'state',
      index: [{ name: 'peer', kind: 'ipv4' }],
      peer: { index: 'peer' },
      state: { column: 'state', map: BGP_FSM_STATE },
      admin: { column: 'admin', map: BGP_ADMIN_STOP_START },
      remoteAs: { column: 'remoteAs' },
      holdTime: { column: 'holdTime' },
    },
  ],
};
