/**
 * DC power plants (动环 rectifier controllers): rectifier modules counted by state, module
 * rating, load current, battery state, strings and minutes left, and the mains status, each
 * read from a scalar or a table the profile names. A field a profile does not name stays null.
 */
import type { ComponentStatus, DcBatteryState, DcPowerPlant } from '../../observation.js';
import { valueToNumber } from '../decode.js';
import { rawInt, rowsOf, type ProfileView } from '../extract.js';
import type { RowFilter } from '../profile-parts.js';
import { defineKind } from './kind.js';

/**
 * A number read from a scalar, times `scale` (e.g. 0.1 for a value in tenths of an ampere).
 * `invalid` lists raw values that mean "no reading" (many controllers send 2147483647).
 */
export interface ScaledScalar {
  readonly scalar: string;
  readonly scale?: number;
  readonly invalid?: readonly number[];
}

/** The mains as one scalar, or as a table of AC inputs (failed when any input has lost power). */
export type MainsSource =
  | { readonly scalar: string; readonly map: Readonly<Record<number, 'ok' | 'failed'>> }
  | { readonly rows: string; readonly status: { readonly column: string; readonly map: Readonly<Record<number, 'ok' | 'failed'>> } };

/** A rectifier controller's MIB, as a profile declares it. */
export interface DcPowerExtractor {
  readonly kind: 'dcPower';
  /** The rectifier module table: its rows, and each module's state. Empty bays map to `absent`. */
  readonly rectifiers?: { readonly rows: string; readonly where?: readonly RowFilter[]; readonly status: { readonly column: string; readonly map: Readonly<Record<number, ComponentStatus>> } };
  /** Rated current of one module (amperes), or a constant when the controller knows only its model. */
  readonly moduleRatingAmps?: ScaledScalar | { readonly literal: number };
  readonly loadAmps?: ScaledScalar;
  readonly capacityUsedPercent?: ScaledScalar;
  readonly batteryMinutes?: ScaledScalar;
  readonly batteryState?: { readonly scalar: string; readonly map: Readonly<Record<number, DcBatteryState>> };
  /** Battery strings: the rows of this column (one per string), or a scalar count. */
  readonly batteryStrings?: { readonly rows: string } | { readonly scalar: string };
  readonly mains?: MainsSource;
}

function scalarNumber(view: ProfileView, ref: ScaledScalar | undefined): number | null {
  if (ref === undefined) return null;
  const v = view.scalars.get(ref.scalar);
  const n = v === undefined ? null : valueToNumber(v);
  if (n === null || ref.invalid?.includes(n) === true) return null;
  return Math.round(n * (ref.scale ?? 1) * 1000) / 1000;
}

function mainsOf(view: ProfileView, src: MainsSource | undefined): 'ok' | 'failed' | 'unknown' {
  if (src === undefined) return 'unknown';
  if ('scalar' in src) return scalarEnum(view, src) ?? 'unknown';
  const states = [...(view.cols.get(src.rows)?.keys() ?? [])].map((i) => {
    const raw = rawInt(view, src.status.column, i);
    return raw === null ? undefined : src.status.map[raw];
  });
  if (states.includes('failed')) return 'failed';
  return states.includes('ok') ? 'ok' : 'unknown';
}

function scalarEnum<T>(view: ProfileView, spec: { readonly scalar: string; readonly map: Readonly<Record<number, T>> } | undefined): T | undefined {
  if (spec === undefined) return undefined;
  const v = view.scalars.get(spec.scalar);
  const n = v === undefined ? null : valueToNumber(v);
  return n === null ? undefined : spec.map[n];
}

/** The DC power plant kind. */
export const dcPowerKind = defineKind({
  kind: 'dcPower',
  fields: ['dcPower'],
  refs: () => [],
  start: (): DcPowerPlant[] => [],
  run(ex: DcPowerExtractor, p, view, ctx, state) {
    let rectifiers: DcPowerPlant['rectifiers'] = null;
    if (ex.rectifiers !== undefined) {
      const counts = { ok: 0, failed: 0, unknown: 0 };
      let rows = 0;
      for (const row of rowsOf(p, view, ctx, ex.rectifiers.rows, undefined, ex.rectifiers.where)) {
        rows++;
        const raw = rawInt(view, ex.rectifiers.status.column, row.index);
        const s = raw === null ? 'unknown' : (ex.rectifiers.status.map[raw] ?? 'unknown');
        if (s !== 'absent') counts[s]++;
      }
      if (rows > 0) rectifiers = counts;
    }
    const rating = ex.moduleRatingAmps === undefined ? null : 'literal' in ex.moduleRatingAmps ? ex.moduleRatingAmps.literal : scalarNumber(view, ex.moduleRatingAmps);
    let strings: number | null = null;
    if (ex.batteryStrings !== undefined) {
      if ('rows' in ex.batteryStrings) {
        const n = view.cols.get(ex.batteryStrings.rows)?.size ?? 0;
        strings = n > 0 ? n : null;
      } else {
        strings = scalarNumber(view, { scalar: ex.batteryStrings.scalar });
      }
    }
    const plant: DcPowerPlant = {
      source: p.id,
      rectifiers,
      moduleRatingAmps: rating,
      loadAmps: scalarNumber(view, ex.loadAmps),
      capacityUsedPercent: scalarNumber(view, ex.capacityUsedPercent),
      battery: {
        state: scalarEnum(view, ex.batteryState) ?? 'unknown',
        minutesRemaining: scalarNumber(view, ex.batteryMinutes),
        strings,
      },
      mains: mainsOf(view, ex.mains),
    };
    // a controller that answered none of the plant's objects is not a DC plant
    const scalars = [ex.loadAmps, ex.capacityUsedPercent, ex.batteryMinutes, ex.batteryState, ex.mains, ex.batteryStrings, ex.moduleRatingAmps]
      .flatMap((r) => (r !== undefined && 'scalar' in r ? [r.scalar] : []));
    const mainsRows = ex.mains !== undefined && 'rows' in ex.mains && (view.cols.get(ex.mains.rows)?.size ?? 0) > 0;
    const any = rectifiers !== null || mainsRows || scalars.some((name) => view.scalars.has(name));
    if (!any) return 0;
    state.push(plant);
    return 1;
  },
  finish: (state) => ({ dcPower: state }),
  empty: () => ({ dcPower: [] }),
});
