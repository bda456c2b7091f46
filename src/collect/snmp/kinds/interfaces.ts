/** IF-MIB interfaces (names, states, speeds) and, kept apart from the observation, their octet counters. */
import type { InterfaceState } from '../../observation.js';
import { valueToNumber } from '../decode.js';
import { firstOf, rawInt, rowsOf, textOf, type InterfaceCounters, type ProfileView } from '../extract.js';
import type { ValueRef } from '../profile-parts.js';
import type { SnmpValue } from '../value.js';
import { defineKind } from './kind.js';

/** IF-MIB: interfaces with names, states and speeds. */
export interface InterfaceExtractor {
  readonly kind: 'interfaces';
  readonly rows: string;
  readonly name: readonly ValueRef[];
  readonly oper: { readonly column: string; readonly map: Readonly<Record<number, string>> };
  readonly admin: { readonly column: string; readonly map: Readonly<Record<number, string>> };
  /** Mbit/s column (ifHighSpeed) tried first, then bit/s (ifSpeed). */
  readonly speedMbps?: string;
  readonly speedBps?: string;
  /** Columns of the other names a port goes by (ifDescr, ifAlias), kept to match neighbours' port names. */
  readonly descr?: string;
  readonly alias?: string;
  /**
   * Octet counter columns: 64-bit, then (when given) 32-bit ones, and ifCounterDiscontinuityTime.
   * Each column costs ~one varbind per interface per poll, so profiles name only what they need.
   */
  readonly counters?: { readonly hcIn: string; readonly hcOut: string; readonly in?: string; readonly out?: string; readonly discontinuity?: string };
}

function bigOf(v: SnmpValue | undefined): bigint | null {
  if (v === undefined) return null;
  if (v.kind === 'counter64') return v.value;
  if (v.kind === 'uint' || v.kind === 'int') return BigInt(v.value);
  return null;
}

/** The octet counters of one interface row: 64-bit ones when the agent has them, else 32-bit. */
function readCounters(view: ProfileView, cols: NonNullable<InterfaceExtractor['counters']>, index: string): Omit<InterfaceCounters, 'index' | 'name'> | null {
  const hcIn = bigOf(view.cols.get(cols.hcIn)?.get(index));
  const hcOut = bigOf(view.cols.get(cols.hcOut)?.get(index));
  const disc = cols.discontinuity === undefined ? undefined : view.cols.get(cols.discontinuity)?.get(index);
  const discontinuity = disc === undefined ? null : valueToNumber(disc);
  if (hcIn !== null && hcOut !== null) return { inOctets: hcIn, outOctets: hcOut, bits: 64, discontinuity };
  const lowIn = cols.in === undefined ? null : bigOf(view.cols.get(cols.in)?.get(index));
  const lowOut = cols.out === undefined ? null : bigOf(view.cols.get(cols.out)?.get(index));
  if (lowIn !== null && lowOut !== null) return { inOctets: lowIn, outOctets: lowOut, bits: 32, discontinuity };
  return null;
}

/** The interfaces kind. */
export const interfacesKind = defineKind({
  kind: 'interfaces',
  fields: ['interfaces'],
  refs: (ex: InterfaceExtractor) => [...ex.name],
  start: (): { list: InterfaceState[] } => ({ list: [] }),
  run(ex, p, view, ctx, state) {
    const list: InterfaceState[] = [];
    const counters: InterfaceCounters[] = [];
    for (const row of rowsOf(p, view, ctx, ex.rows, undefined, undefined)) {
      const index = Number(row.index);
      if (!Number.isInteger(index)) continue;
      const oper = rawInt(view, ex.oper.column, row.index);
      const admin = rawInt(view, ex.admin.column, row.index);
      const high = ex.speedMbps === undefined ? null : rawInt(view, ex.speedMbps, row.index);
      const low = ex.speedBps === undefined ? null : rawInt(view, ex.speedBps, row.index);
      let speedMbps: number | null = null;
      if (high !== null && high > 0) speedMbps = high;
      else if (low !== null && low > 0 && low < 4294967295) speedMbps = low / 1e6;
      const name = firstOf(ex.name, row, view, ctx) ?? `ifIndex ${index}`;
      const descr = ex.descr === undefined ? null : textOf(view.cols.get(ex.descr)?.get(row.index))?.trim() ?? null;
      const alias = ex.alias === undefined ? null : textOf(view.cols.get(ex.alias)?.get(row.index))?.trim() ?? null;
      list.push({
        index,
        name,
        operStatus: oper === null ? 'unknown' : (ex.oper.map[oper] ?? 'unknown'),
        adminStatus: admin === null ? 'unknown' : (ex.admin.map[admin] ?? 'unknown'),
        speedMbps,
        ...(descr !== null && descr !== '' && descr !== name ? { descr } : {}),
        ...(alias !== null && alias !== '' ? { alias } : {}),
      });
      const c = ex.counters === undefined ? null : readCounters(view, ex.counters, row.index);
      if (c !== null) counters.push({ index, name, ...c });
    }
    list.sort((a, b) => a.index - b.index);
    if (list.length > 0) state.list = list;
    ctx.counters = counters;
    return list.length;
  },
  finish: (state) => ({ interfaces: state.list }),
  empty: () => ({ interfaces: [] }),
});
