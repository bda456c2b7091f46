/** OSPF (v2 and v3) neighbours: each (router id, address) once. */
import type { OspfNeighbor, OspfNeighborState } from '../../observation.js';
import { mapped, resolve, rowsOf } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** An OSPF (v2 or v3) neighbour table. */
export interface OspfExtractor {
  readonly kind: 'ospfNeighbor';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  readonly neighborId: ValueRef;
  readonly address: ValueRef;
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, OspfNeighborState>> };
}

/** The OSPF neighbour kind. */
export const ospfNeighborKind = defineKind({
  kind: 'ospfNeighbor',
  fields: ['ospfNeighbors'],
  refs: (ex: OspfExtractor) => [ex.neighborId, ex.address],
  start: () => new Map<string, OspfNeighbor>(),
  run(ex, p, view, ctx, seen) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      const state = mapped(view, ex.state, row.index);
      const neighborId = resolve(ex.neighborId, row, view, ctx);
      const address = resolve(ex.address, row, view, ctx);
      if (state === undefined || neighborId === null) continue;
      const key = `${neighborId}|${address ?? ''}`;
      n++;
      if (!seen.has(key)) seen.set(key, { neighborId, address: address ?? '', state });
    }
    return n;
  },
  finish: (seen) => ({ ospfNeighbors: [...seen.values()] }),
  empty: () => ({ ospfNeighbors: [] }),
});
