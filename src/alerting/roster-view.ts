/**
 * The effective duty roster as people read it: who is on duty, per tier, over a span of time
 * (the API shows now and the next 7 days), with the special periods and the booked overrides
 * applied exactly as the engine applies them when it pages. Pure: the span, the zone, the periods
 * with their bounds and the overrides are arguments. The span is cut at every moment something can
 * change (a slot's start or end on each local day, a period's bounds, an override's), so each
 * segment has one set of tiers.
 */
import type { RosterConfig } from '../config/schema.js';
import { overrideActive, withOverrides, type RosterOverride } from './bookings.js';
import { addDays, instantOf, localParts, minuteOf } from './local-time.js';
import { dutyTiers, type PeriodRef } from './roster.js';

/** A special period with the instants it runs between (as the after-pass hook has them). */
export interface PeriodSpan extends PeriodRef {
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** One stretch of time with one set of tiers. */
export interface DutySegment {
  readonly from: number;
  readonly to: number;
  /** Tier 0 first; empty: nobody on duty (pages routed to the roster wait). */
  readonly tiers: string[][];
  /** The special periods in force (their ids) and the overrides applied (their ids). */
  readonly periods: string[];
  readonly overrides: string[];
}

/** The periods in force at `t` (bounds inclusive, as the after-pass hook counts them). */
export function periodsAt(periods: readonly PeriodSpan[], t: number): PeriodSpan[] {
  return periods.filter((p) => t >= p.startMs && t <= p.endMs);
}

/** Who is on duty in `roster` from `from` until `to`, as segments. */
export function dutyTimeline(roster: RosterConfig, from: number, to: number, zone: string, periods: readonly PeriodSpan[], overrides: readonly RosterOverride[]): DutySegment[] {
  const cuts = new Set<number>([from]);
  const slots = [...roster.slots, ...roster.specialPeriods.flatMap((p) => p.slots)];
  const minutes = [...new Set(slots.flatMap((s) => [minuteOf(s.from), minuteOf(s.to)]))];
  const first = localParts(from, zone).date;
  const days = Math.ceil((to - from) / 86_400_000) + 2;
  for (let d = -1; d <= days; d++) {
    const date = addDays(first, d);
    for (const m of minutes) cuts.add(instantOf(date, m, zone));
  }
  for (const p of periods) { cuts.add(p.startMs); cuts.add(p.endMs + 1); }
  for (const o of overrides.filter((x) => x.roster === roster.name)) {
    cuts.add(o.from);
    cuts.add(Math.min(o.to, o.closedAt ?? o.to));
  }
  const times = [...cuts].filter((t) => t >= from && t < to).sort((a, b) => a - b);
  const out: DutySegment[] = [];
  times.forEach((t, i) => {
    const end = times[i + 1] ?? to;
    const inForce = periodsAt(periods, t);
    const applied = overrides.filter((o) => o.roster === roster.name && overrideActive(o, t)).map((o) => o.id);
    const tiers = withOverrides(roster.name, dutyTiers(roster, t, zone, inForce), overrides, t);
    const seg: DutySegment = { from: t, to: end, tiers, periods: inForce.map((p) => p.id), overrides: applied };
    const prev = out[out.length - 1];
    if (prev !== undefined && JSON.stringify([prev.tiers, prev.periods, prev.overrides]) === JSON.stringify([tiers, seg.periods, applied])) {
      out[out.length - 1] = { ...prev, to: end };
    } else {
      out.push(seg);
    }
  });
  return out;
}
