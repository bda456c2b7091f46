/** IS-IS adjacencies: each (neighbour, interface) once. */
import type { IsisAdjacency, IsisAdjacencyState } from '../../observation.js';
import { mapped, resolve, rowsOf } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** An IS-IS adjacency table. */
export interface IsisExtractor {
  readonly kind: 'isisAdjacency';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  /** The neighbour's system id. */
  readonly neighborId: ValueRef;
  readonly interface: ValueRef;
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, IsisAdjacencyState>> };
  /** Raw value → the level(s) the adjacency serves; missing means null. */
  readonly level?: { readonly column: string; readonly map: Readonly<Record<number, 'level1' | 'level2' | 'level1and2'>> };
}

/** The IS-IS adjacency kind. */
export const isisAdjacencyKind = defineKind({
  kind: 'isisAdjacency',
  fields: ['isisAdjacencies'],
  refs: (ex: IsisExtractor) => [ex.neighborId, ex.interface],
  start: () => new Map<string, IsisAdjacency>(),
  run(ex, p, view, ctx, seen) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      const state = mapped(view, ex.state, row.index);
      const neighborId = resolve(ex.neighborId, row, view, ctx);
      if (state === undefined || neighborId === null) continue;
      const iface = resolve(ex.interface, row, view, ctx) ?? '';
      const key = `${neighborId}|${iface}`;
      n++;
      if (!seen.has(key)) seen.set(key, { neighborId, interface: iface, state, level: mapped(view, ex.level, row.index) ?? null });
    }
    return n;
  },
  finish: (seen) => ({ isisAdjacencies: [...seen.values()] }),
  empty: () => ({ isisAdjacencies: [] }),
});
