/** UPS state: output source, battery, minutes left; the first source that knows a field wins. */
import type { UpsBatteryStatus, UpsOutputSource, UpsState } from '../../observation.js';
import { valueToNumber } from '../decode.js';
import { defineKind } from './kind.js';

/** UPS scalars (or single-row tables read at a fixed index). */
export interface UpsExtractor {
  readonly kind: 'ups';
  readonly outputSource?: { readonly scalar: string; readonly map: Readonly<Record<number, UpsOutputSource>> };
  readonly batteryStatus?: { readonly scalar: string; readonly map: Readonly<Record<number, UpsBatteryStatus>> };
  /** Minutes of battery left: the scalar's value divided by `divide` (6000 for TimeTicks). */
  readonly minutesRemaining?: { readonly scalar: string; readonly divide?: number };
  readonly inputLineBads?: { readonly scalar: string };
}

type UpsReading = Partial<Record<keyof UpsState, unknown>>;

function upsState(readings: readonly UpsReading[]): UpsState | null {
  if (readings.length === 0) return null;
  const pick = <K extends keyof UpsState>(key: K, unknown: UpsState[K]): UpsState[K] => {
    for (const u of readings) {
      const v = u[key] as UpsState[K] | undefined;
      if (v !== undefined && v !== unknown) return v;
    }
    return unknown;
  };
  return {
    outputSource: pick('outputSource', 'unknown'),
    batteryStatus: pick('batteryStatus', 'unknown'),
    minutesRemaining: pick('minutesRemaining', null),
    inputLineBads: pick('inputLineBads', null),
  };
}

/** The UPS kind. */
export const upsKind = defineKind({
  kind: 'ups',
  fields: ['ups'],
  refs: () => [],
  start: (): UpsReading[] => [],
  run(ex: UpsExtractor, _p, view, _ctx, state) {
    const u: Partial<Record<keyof UpsState, unknown>> = {};
    const sc = (name: string): number | null => {
      const v = view.scalars.get(name);
      return v === undefined ? null : valueToNumber(v);
    };
    let any = false;
    if (ex.outputSource !== undefined) {
      const r = sc(ex.outputSource.scalar);
      if (r !== null) { u.outputSource = ex.outputSource.map[r] ?? 'unknown'; any = true; }
    }
    if (ex.batteryStatus !== undefined) {
      const r = sc(ex.batteryStatus.scalar);
      if (r !== null) { u.batteryStatus = ex.batteryStatus.map[r] ?? 'unknown'; any = true; }
    }
    if (ex.minutesRemaining !== undefined) {
      const r = sc(ex.minutesRemaining.scalar);
      if (r !== null) { u.minutesRemaining = Math.round((r / (ex.minutesRemaining.divide ?? 1)) * 10) / 10; any = true; }
    }
    if (ex.inputLineBads !== undefined) {
      const r = sc(ex.inputLineBads.scalar);
      if (r !== null) { u.inputLineBads = r; any = true; }
    }
    if (any) state.push(u);
    return any ? 1 : 0;
  },
  finish: (state) => ({ ups: upsState(state) }),
  empty: () => ({ ups: null }),
});
