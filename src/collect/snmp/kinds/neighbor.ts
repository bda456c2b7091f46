/**
 * LLDP and CDP neighbours. One adjacency (protocol, local port, remote name and port) counts
 * once even when two MIBs list it (LLDP-MIB and LLDP-V2-MIB or a vendor copy on one agent).
 */
import type { Neighbor } from '../../observation.js';
import { firstOf, rowsOf } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** LLDP / CDP neighbour table. */
export interface NeighborExtractor {
  readonly kind: 'neighbor';
  readonly protocol: 'lldp' | 'cdp';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  readonly localPort: readonly ValueRef[];
  readonly remoteName: readonly ValueRef[];
  readonly remotePort: readonly ValueRef[];
}

/** The neighbour kind. */
export const neighborKind = defineKind({
  kind: 'neighbor',
  fields: ['neighbors'],
  refs: (ex: NeighborExtractor) => [...ex.localPort, ...ex.remoteName, ...ex.remotePort],
  start: () => new Map<string, Neighbor>(),
  run(ex, p, view, ctx, state) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      const remoteName = firstOf(ex.remoteName, row, view, ctx);
      if (remoteName === null) continue;
      const localPort = firstOf(ex.localPort, row, view, ctx) ?? '';
      const remotePort = firstOf(ex.remotePort, row, view, ctx) ?? '';
      const key = `${ex.protocol}|${localPort}|${remoteName}|${remotePort}`;
      n++;
      if (!state.has(key)) state.set(key, { protocol: ex.protocol, localPort, remoteName, remotePort });
    }
    return n;
  },
  finish: (state) => ({ neighbors: [...state.values()] }),
  empty: () => ({ neighbors: [] }),
});
