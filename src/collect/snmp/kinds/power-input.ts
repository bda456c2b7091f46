/**
 * Power inputs (动环): the AC inputs a rectifier controller watches, the sources of a transfer
 * switch and the inlets of a PDU, each with whether power is on it and, for a transfer switch,
 * whether the load is on it now. Read from a table, or from scalars walked as one-row columns; the
 * power on an input comes from a state enumeration or, where the MIB has none (a PDU's phases),
 * from a measurement such as the phase voltage. For a generator (role `generator`) the state is
 * whether it is running with power on its output: running `ok`, fault `failed`, stopped on
 * standby `absent` (not on the bus), unreadable `unknown`.
 */
import type { ComponentStatus, PowerInput, PowerInputRole } from '../../observation.js';
import { firstOf, rawInt, rowsOf } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/**
 * Whether power is on an input from a measured value: above `okAbove` is power; at or below
 * `failedAtOrBelow` (when set) is none; anything between, or no reading, is unknown — a zero
 * current only says nothing draws, not that the line is dead.
 */
export interface PowerInputReading {
  readonly column: string;
  readonly okAbove: number;
  readonly failedAtOrBelow?: number;
}

/** How a power input's state is read: an enumeration, or a measurement (exactly one). */
export type PowerInputStateSource =
  | { /** Raw value → whether power is on the input; unmapped values are `unknown`. */ readonly state: { readonly column: string; readonly map: Readonly<Record<number, ComponentStatus>> }; readonly reading?: never }
  | { readonly reading: PowerInputReading; readonly state?: never };

/** The state of one input from its measurement (pure; null is no reading). */
export function stateFromReading(value: number | null, r: PowerInputReading): ComponentStatus {
  if (value === null) return 'unknown';
  if (value > r.okAbove) return 'ok';
  if (r.failedAtOrBelow !== undefined && value <= r.failedAtOrBelow) return 'failed';
  return 'unknown';
}

/** A table (or one-row column) of power inputs, as a profile declares it. */
export type PowerInputExtractor = PowerInputStateSource & {
  readonly kind: 'powerInput';
  readonly role: PowerInputRole;
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  /** Keeps only rows whose decoded index part is one of these numbers (a sensor type in the index). */
  readonly whereIndex?: { readonly part: string; readonly in: readonly number[] };
  readonly name: readonly ValueRef[];
  /** Put before the name read (e.g. `Phase ` before a phase number). */
  readonly namePrefix?: string;
  /** The load is on this input when `column` (read at index `at`, default the row's) equals `equals`. */
  readonly feedsLoad?: { readonly column: string; readonly at?: string; readonly equals: number };
};

/** The power input kind. */
export const powerInputKind = defineKind({
  kind: 'powerInput',
  fields: ['powerInputs'],
  refs: (ex: PowerInputExtractor) => [...ex.name],
  start: (): PowerInput[] => [],
  run(ex, p, view, ctx, state) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      if (ex.whereIndex !== undefined) {
        const part = Number(row.parts[ex.whereIndex.part]);
        if (!ex.whereIndex.in.includes(part)) continue;
      }
      let stateOf: ComponentStatus;
      if (ex.reading !== undefined) stateOf = stateFromReading(rawInt(view, ex.reading.column, row.index), ex.reading);
      else {
        const raw = rawInt(view, ex.state.column, row.index);
        stateOf = raw === null ? 'unknown' : (ex.state.map[raw] ?? 'unknown');
      }
      let feedsLoad: boolean | null = null;
      if (ex.feedsLoad !== undefined) {
        const f = rawInt(view, ex.feedsLoad.column, ex.feedsLoad.at ?? row.index);
        feedsLoad = f === null ? null : f === ex.feedsLoad.equals;
      }
      const named = firstOf(ex.name, row, view, ctx);
      state.push({ name: named === null ? `input ${row.index}` : `${ex.namePrefix ?? ''}${named}`, role: ex.role, state: stateOf, feedsLoad, source: p.id });
      n++;
    }
    return n;
  },
  finish: (state) => ({ powerInputs: state }),
  empty: () => ({ powerInputs: [] }),
});
