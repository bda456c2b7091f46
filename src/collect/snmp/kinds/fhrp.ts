/** First-hop redundancy groups (VRRP, HSRP). */
import type { FhrpGroup } from '../../observation.js';
import { mapped, num, resolve, rowsOf } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** A first-hop redundancy (VRRP/HSRP) group table. */
export interface FhrpExtractor {
  readonly kind: 'fhrp';
  readonly protocol: FhrpGroup['protocol'];
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly interface: ValueRef;
  readonly group: ValueRef;
  readonly role: { readonly column: string; readonly map: Readonly<Record<number, FhrpGroup['role']>> };
  readonly virtualIp?: ValueRef;
  /** A column naming the standby router; these values (e.g. 0.0.0.0) mean there is none. */
  readonly standby?: { readonly ref: ValueRef; readonly none: readonly string[] };
  /** Rows whose admin state says the group is shut are skipped. */
  readonly where?: readonly RowFilter[];
}

/** The FHRP group kind. */
export const fhrpKind = defineKind({
  kind: 'fhrp',
  fields: ['fhrpGroups'],
  refs: (ex: FhrpExtractor) => [ex.interface, ex.group, ex.virtualIp, ex.standby?.ref],
  start: (): FhrpGroup[] => [],
  run(ex, p, view, ctx, state) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      const group = num(resolve(ex.group, row, view, ctx));
      if (group === null) continue;
      let hasStandby: boolean | null = null;
      if (ex.standby !== undefined) {
        const s = resolve(ex.standby.ref, row, view, ctx);
        hasStandby = s === null ? null : !ex.standby.none.includes(s);
      }
      state.push({
        protocol: ex.protocol,
        interface: resolve(ex.interface, row, view, ctx) ?? '',
        group,
        role: mapped(view, ex.role, row.index) ?? 'other',
        virtualIp: ex.virtualIp === undefined ? null : resolve(ex.virtualIp, row, view, ctx),
        hasStandby,
      });
      n++;
    }
    return n;
  },
  finish: (state) => ({ fhrpGroups: state }),
  empty: () => ({ fhrpGroups: [] }),
});
