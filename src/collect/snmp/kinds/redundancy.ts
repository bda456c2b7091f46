/** Redundancy states the device itself reports (power mode, supervisors, stack ring). */
import type { RedundancyState } from '../../observation.js';
import { valueToNumber } from '../decode.js';
import { firstOf, rawInt, rowsOf, type Row } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** A device-reported redundancy state (power redundancy mode, supervisor/RE redundancy, stack). */
export interface RedundancyExtractor {
  readonly kind: 'redundancy';
  readonly where?: readonly RowFilter[];
  /** What is redundant: 'power', 'supervisor', 'stack', … */
  readonly subject: string;
  readonly rows?: string;
  readonly scalar?: string;
  readonly index?: readonly IndexPart[];
  /** Raw value → whether the redundancy is intact; values missing from the map are unknown. */
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, 'redundant' | 'nonRedundant' | 'notApplicable'>> };
  /** What the operator configured, when the MIB has it (admin vs oper). */
  readonly configured?: { readonly column: string; readonly map: Readonly<Record<number, 'redundant' | 'nonRedundant' | 'notApplicable'>> };
  readonly name?: readonly ValueRef[];
  /**
   * Report only when some row of this column holds one of these values: the state means
   * something only then (a stack ring exists only while a stack port is up).
   */
  readonly when?: { readonly column: string; readonly in: readonly number[] };
}

/** The redundancy kind. */
export const redundancyKind = defineKind({
  kind: 'redundancy',
  fields: ['redundancy'],
  refs: (ex: RedundancyExtractor) => [...(ex.name ?? [])],
  start: (): RedundancyState[] => [],
  run(ex, p, view, ctx, state) {
    const when = ex.when;
    if (when !== undefined && ![...(view.cols.get(when.column)?.values() ?? [])].some((v) => when.in.includes(valueToNumber(v) ?? NaN))) return 0;
    const read = (index: string, column: string, map: Readonly<Record<number, RedundancyState['state']>>): RedundancyState['state'] => {
      const r = ex.scalar !== undefined ? (() => { const v = view.scalars.get(column); return v === undefined ? null : valueToNumber(v); })() : rawInt(view, column, index);
      return r === null ? 'unknown' : (map[r] ?? 'unknown');
    };
    const rows: Row[] = ex.rows !== undefined ? [...rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)] : (view.scalars.has(ex.state.column) ? [{ index: '0', parts: {} }] : []);
    for (const row of rows) {
      state.push({
        subject: ex.subject,
        name: firstOf(ex.name, row, view, ctx) ?? ex.subject,
        state: read(row.index, ex.state.column, ex.state.map),
        configured: ex.configured === undefined ? null : read(row.index, ex.configured.column, ex.configured.map),
        source: p.id,
      });
    }
    return rows.length;
  },
  finish: (state) => ({ redundancy: state }),
  empty: () => ({ redundancy: [] }),
});
