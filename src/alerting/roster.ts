/**
 * The duty roster (值班表): who is paged now, by weekday and local time, with a separate roster
 * for special periods (holidays, major events, disaster seasons) that takes precedence while one
 * is in force. Each slot lists tiers: tier 0 is paged first, later tiers are who escalation pages
 * next. Pure: time and the periods in force are arguments.
 */
import type { SpecialPeriod } from '../analysis/policy.js';
import type { RosterConfig } from '../config/schema.js';
import { withOverrides, type RosterOverride } from './bookings.js';
import { addDays, localParts, minuteOf, weekdayOf } from './local-time.js';

/** A special period as the roster needs it. */
export type PeriodRef = Pick<SpecialPeriod, 'id' | 'kind'>;

type Slot = RosterConfig['slots'][number];

/** Whether a slot covers this local moment; a slot whose `to` is not after `from` runs past midnight. */
export function slotCovers(slot: Slot, now: number, zone: string): boolean {
  const { date, weekday, minute } = localParts(now, zone);
  const from = minuteOf(slot.from);
  const to = minuteOf(slot.to);
  if (from === to) return slot.days.includes(weekday);
  if (from < to) return slot.days.includes(weekday) && minute >= from && minute < to;
  // overnight: the evening part belongs to today, the morning part to yesterday's slot
  return (slot.days.includes(weekday) && minute >= from) || (slot.days.includes(weekdayOf(addDays(date, -1))) && minute < to);
}

/** The tiers on duty now in one roster (the special-period roster first); none when no slot covers now. */
export function dutyTiers(roster: RosterConfig, now: number, zone: string, periods: readonly PeriodRef[]): string[][] {
  const special = roster.specialPeriods.find((sp) => periods.some((p) => sp.kinds?.includes(p.kind) === true || sp.ids?.includes(p.id) === true));
  const slots = special?.slots ?? roster.slots;
  const slot = slots.find((s) => slotCovers(s, now, zone)) ?? (special === undefined ? undefined : roster.slots.find((s) => slotCovers(s, now, zone)));
  return slot === undefined ? [] : slot.tiers.map((t) => [...t]);
}

/** The tiers on duty now in every roster, by roster name, with the booked overrides in force applied. */
export function dutyNow(rosters: readonly RosterConfig[], now: number, zone: string, periods: readonly PeriodRef[], overrides: readonly RosterOverride[] = []): Record<string, string[][]> {
  return Object.fromEntries(rosters.map((r) => [r.name, withOverrides(r.name, dutyTiers(r, now, zone, periods), overrides, now)]));
}
