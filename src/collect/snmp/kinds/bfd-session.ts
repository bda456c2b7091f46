/** BFD sessions: each (interface, neighbour) once, with the negotiated detection time. */
import type { BfdSession, BfdSessionState } from '../../observation.js';
import { mapped, rawInt, resolve, rowsOf } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** A BFD session table. */
export interface BfdExtractor {
  readonly kind: 'bfdSession';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  /** The remote address. */
  readonly neighbor: ValueRef;
  /** The interface, named from the ifIndex this ref yields; ifIndex values in `none` (e.g. 0 for multihop) mean none. */
  readonly interface?: { readonly ifIndex: ValueRef; readonly none?: readonly string[] };
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, BfdSessionState>> };
  /**
   * Detection time = interval column × multiplier column × `intervalUnitMs` (e.g. 0.001 for an
   * interval in microseconds); null when either is missing or zero.
   */
  readonly detection?: { readonly interval: string; readonly multiplier: string; readonly intervalUnitMs: number };
}

/** The BFD session kind. */
export const bfdSessionKind = defineKind({
  kind: 'bfdSession',
  fields: ['bfdSessions'],
  refs: (ex: BfdExtractor) => [ex.neighbor, ex.interface === undefined ? undefined : { ifName: ex.interface.ifIndex }],
  start: () => new Map<string, BfdSession>(),
  run(ex, p, view, ctx, seen) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      const state = mapped(view, ex.state, row.index);
      const neighbor = resolve(ex.neighbor, row, view, ctx)?.toLowerCase() ?? null;
      if (state === undefined || neighbor === null) continue;
      let iface: string | null = null;
      if (ex.interface !== undefined) {
        const ifIndex = resolve(ex.interface.ifIndex, row, view, ctx);
        if (ifIndex !== null && ex.interface.none?.includes(ifIndex) !== true) iface = resolve({ ifName: ex.interface.ifIndex }, row, view, ctx);
      }
      let detectionMs: number | null = null;
      if (ex.detection !== undefined) {
        const interval = rawInt(view, ex.detection.interval, row.index);
        const mult = rawInt(view, ex.detection.multiplier, row.index);
        if (interval !== null && mult !== null && interval > 0 && mult > 0) detectionMs = Math.round(interval * mult * ex.detection.intervalUnitMs * 1000) / 1000;
      }
      const key = `${iface ?? ''}|${neighbor}`;
      n++;
      if (!seen.has(key)) seen.set(key, { neighbor, interface: iface, state, detectionMs });
    }
    return n;
  },
  finish: (seen) => ({ bfdSessions: [...seen.values()] }),
  empty: () => ({ bfdSessions: [] }),
});
