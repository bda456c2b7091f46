/**
 * Site monitor inputs (动环: SiteBoss-style FSUs): dry contacts (mains fail, door, water, smoke)
 * and environmental sensors, each with its kind, whether it is in alarm, its reading, and what it
 * is for, read from its name in English or Chinese.
 */
import type { SiteSensor, SiteSensorKind, SiteSensorPurpose } from '../../observation.js';
import { firstOf, rawInt, rowsOf } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** A site monitor's point table, as a profile declares it. */
export interface SiteSensorExtractor {
  readonly kind: 'siteSensor';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  /** Raw point class → what the input is; rows of unmapped classes are skipped. */
  readonly sensorKind: { readonly column: string; readonly map: Readonly<Record<number, SiteSensorKind>> };
  readonly name: readonly ValueRef[];
  /** The column saying whether the input is in alarm: `in` values mean alarm, `notApplicable` values mean the monitor does not say. */
  readonly alarm?: { readonly column: string; readonly in: readonly number[]; readonly notApplicable?: readonly number[] };
  /** The reading, times `scale`; read for every kind but a contact. */
  readonly value?: { readonly column: string; readonly scale?: number };
}

const PURPOSES: readonly (readonly [SiteSensorPurpose, RegExp])[] = [
  ['mains', /mains|utility|ac (?:fail|input|power)|power fail|市电|交流停电|停电/i],
  ['water', /water|leak|flood|水浸|漏水/i],
  ['smoke', /smoke|fire|烟|火/i],
  ['door', /door|门/i],
];

/** What an input is for, from its name and kind. */
export function purposeOf(name: string, kind: SiteSensorKind): SiteSensorPurpose {
  for (const [purpose, re] of PURPOSES) if (re.test(name)) return purpose;
  if (kind === 'temperature' || kind === 'humidity') return kind;
  return 'other';
}

/** The site sensor kind. */
export const siteSensorKind = defineKind({
  kind: 'siteSensor',
  fields: ['siteSensors'],
  refs: (ex: SiteSensorExtractor) => [...ex.name],
  start: (): SiteSensor[] => [],
  run(ex, p, view, ctx, state) {
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      const rawKind = rawInt(view, ex.sensorKind.column, row.index);
      const kind = rawKind === null ? undefined : ex.sensorKind.map[rawKind];
      if (kind === undefined) continue;
      const name = firstOf(ex.name, row, view, ctx) ?? `point ${row.index}`;
      let alarm: boolean | null = null;
      if (ex.alarm !== undefined) {
        const a = rawInt(view, ex.alarm.column, row.index);
        alarm = a === null || ex.alarm.notApplicable?.includes(a) === true ? null : ex.alarm.in.includes(a);
      }
      const raw = kind === 'contact' || ex.value === undefined ? null : rawInt(view, ex.value.column, row.index);
      state.push({ name, kind, purpose: purposeOf(name, kind), alarm, value: raw === null ? null : raw * (ex.value?.scale ?? 1), source: p.id });
      n++;
    }
    return n;
  },
  finish: (state) => ({ siteSensors: state }),
  empty: () => ({ siteSensors: [] }),
});
