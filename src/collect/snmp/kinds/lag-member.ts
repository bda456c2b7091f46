/** Link aggregation members and whether each is in its bundle. */
import type { LagMember } from '../../observation.js';
import { bitSet } from '../decode.js';
import { firstOf, passes, refList, resolve, rowsOf } from '../extract.js';
import type { RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** Link aggregation members. */
export interface LagExtractor {
  readonly kind: 'lagMember';
  readonly rows: string;
  readonly where?: readonly RowFilter[];
  /** The aggregate's name; with a list, the first that resolves. */
  readonly aggregate: ValueRef | readonly ValueRef[];
  readonly member: ValueRef;
  /**
   * BITS column and the bit numbers that must all be set for the member to be in the bundle;
   * `where` adds row conditions that must hold too (e.g. the port is attached to an aggregator).
   */
  readonly inBundle: { readonly column: string; readonly bits: readonly number[]; readonly where?: readonly RowFilter[] };
}

/** The LAG member kind. */
export const lagMemberKind = defineKind({
  kind: 'lagMember',
  fields: ['lagMembers'],
  refs: (ex: LagExtractor) => [...refList(ex.aggregate), ex.member],
  start: (): LagMember[] => [],
  run(ex, p, view, ctx, state) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, undefined, ex.where)) {
      const aggregate = firstOf(refList(ex.aggregate), row, view, ctx);
      const member = resolve(ex.member, row, view, ctx);
      if (aggregate === null || member === null) continue;
      const bits = view.cols.get(ex.inBundle.column)?.get(row.index);
      const inBundle = bits !== undefined && bits.kind === 'octets' && ex.inBundle.bits.every((b) => bitSet(bits.value, b))
        && passes(ex.inBundle.where, row.index, view);
      state.push({ aggregate, member, inBundle });
      n++;
    }
    return n;
  },
  finish: (state) => ({ lagMembers: state }),
  empty: () => ({ lagMembers: [] }),
});
