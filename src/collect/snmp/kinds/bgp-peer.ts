/** BGP peers: each (VRF, address) once, the first profile to report it wins. */
import type { BgpPeer, BgpState } from '../../observation.js';
import { mapped, num, rawInt, resolve, rowsOf } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** A BGP peer table. */
export interface BgpExtractor {
  readonly kind: 'bgpPeer';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  readonly peer: ValueRef;
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, BgpState>> };
  /** Raw value → administrative state; missing column means `unknown`. */
  readonly admin?: { readonly column: string; readonly map: Readonly<Record<number, 'up' | 'down'>> };
  readonly remoteAs?: ValueRef;
  readonly vrf?: ValueRef;
  /**
   * Values of `vrf` that name the global routing table (e.g. an instance number 1, 'default'):
   * such peers are reported without a vrf, so that the same peer seen in BGP4-MIB counts once.
   */
  readonly defaultVrf?: readonly string[];
  /** The negotiated hold time in seconds (BGP4-MIB bgpPeerHoldTime). */
  readonly holdTime?: ValueRef;
}

/** The BGP peer kind. */
export const bgpPeerKind = defineKind({
  kind: 'bgpPeer',
  fields: ['bgpPeers'],
  refs: (ex: BgpExtractor) => [ex.peer, ex.remoteAs, ex.vrf, ex.holdTime],
  start: () => new Map<string, BgpPeer>(),
  run(ex, p, view, ctx, seen) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      const peer = resolve(ex.peer, row, view, ctx);
      const rawState = rawInt(view, ex.state.column, row.index);
      const state = rawState === null ? undefined : ex.state.map[rawState];
      if (peer === null || state === undefined) {
        ctx.errors.push({ profile: p.id, message: `${p.mib} peer row ${row.index}: no usable address or state (${rawState ?? 'missing'}); skipped` });
        continue;
      }
      const rawVrf = ex.vrf === undefined ? null : resolve(ex.vrf, row, view, ctx);
      const vrf = rawVrf !== null && ex.defaultVrf?.includes(rawVrf) === true ? null : rawVrf;
      const key = `${vrf ?? ''}|${peer.toLowerCase()}`;
      n++;
      if (seen.has(key)) continue;
      let entry: BgpPeer = {
        peer: peer.toLowerCase(),
        remoteAs: ex.remoteAs === undefined ? null : num(resolve(ex.remoteAs, row, view, ctx)),
        state,
        adminStatus: mapped(view, ex.admin, row.index) ?? 'unknown',
        source: p.id,
        ...(vrf !== null && vrf !== '' ? { vrf } : {}),
      };
      const hold = ex.holdTime === undefined ? null : num(resolve(ex.holdTime, row, view, ctx));
      if (hold !== null) entry = { ...entry, holdTimeSeconds: hold };
      seen.set(key, entry);
    }
    return n;
  },
  finish: (seen) => ({ bgpPeers: [...seen.values()] }),
  empty: () => ({ bgpPeers: [] }),
});
