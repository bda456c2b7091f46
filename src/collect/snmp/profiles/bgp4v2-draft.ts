/**
 * The peer table of draft-ietf-idr-bgp4-mibv2 as vendors ship it under their own enterprise
 * (Arista, Brocade/Foundry, Dell OS10): index instance, InetAddressType, length-prefixed
 * InetAddress (IPv4 and IPv6 peers of every instance); columns remote AS (.10), admin status
 * halted/running (.12) and FSM state (.13). Only the root, the gating and the instance that
 * means the default VRF differ, so one builder makes each vendor's profile.
 */
import { BGP_ADMIN_HALTED_RUNNING, BGP_FSM_STATE } from './bgp4-mib.js';
import type { Profile } from './types.js';

/** What tells one vendor's copy of the draft peer table from another. */
export interface Bgp4v2DraftCopy {
  readonly id: string;
  readonly mib: string;
  readonly vendors: readonly string[];
  /** The peer table's entry OID (…PeerEntry). */
  readonly peerEntry: string;
  /** Instance values that mean the global table. */
  readonly defaultVrf: readonly string[];
}

/** A profile for one vendor's copy of the draft BGP4v2 peer table. */
export function bgp4v2DraftProfile(copy: Bgp4v2DraftCopy): Profile {
  const e = copy.peerEntry;
  return {
    id: copy.id,
    mib: copy.mib,
    vendors: copy.vendors,
    columns: {
      remoteAs: { oid: `${e}.10`, type: 'gauge' },
      admin: { oid: `${e}.12`, type: 'int' },
      state: { oid: `${e}.13`, type: 'int' },
    },
    extract: [
      {
        kind: 'bgpPeer',
        rows: 'state',
        index: [{ name: 'instance', kind: 'int' }, { name: 'peer', kind: 'inetAddress' }],
        peer: { index: 'peer' },
        vrf: { index: 'instance' },
        defaultVrf: copy.defaultVrf,
        state: { column: 'state', map: BGP_FSM_STATE },
        admin: { column: 'admin', map: BGP_ADMIN_HALTED_RUNNING },
        remoteAs: { column: 'remoteAs' },
      },
    ],
  };
}
