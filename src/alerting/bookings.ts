/**
 * What people book at run time (issue 12, items 3 and 10), beside what the configuration declares:
 * maintenance windows (the config's shape and meaning, `operationPlanRef` kept), silences
 * (Alertmanager-like: label matchers, a start and an end, a comment, who made it) and duty-roster
 * overrides ("X replaces Y from … to …"). They are stored behind the `BookingStore` port
 * (booking-store.ts) and read by the engine at every step, so a booking counts at the next step
 * without a restart. Everything here is pure: time is an argument.
 */
import type { Versioned } from '../common/versioned.js';
import { z } from 'zod';
import { maintenanceWindowSchema, type MaintenanceWindowConfig } from '../config/schema.js';
import { occurrenceAt, windowOver, type EngineWindow } from './windows.js';
import type { Alert } from './types.js';

/** What every booking records besides its content: who made it and when, its version, and how it closed. */
export interface BookingMeta extends Versioned {
  /** When it stopped holding (ended early, cancelled, expired by hand); null while it stands. */
  readonly closedAt: number | null;
  readonly closedBy: string | null;
  readonly closedHow: 'ended' | 'cancelled' | 'expired' | null;
}

/** A maintenance window booked through the API: the configuration's shape plus its record. */
export type BookedWindow = MaintenanceWindowConfig & BookingMeta;

/** A silence matcher on one alert label (Alertmanager's operators: `=`, `!=`, `=~`, `!~`; regexes anchored). */
export const silenceMatcherSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'expected a label name'),
  op: z.enum(['=', '!=', '=~', '!~']).default('='),
  value: z.string().max(256),
}).superRefine((m, ctx) => {
  if (m.op === '=~' || m.op === '!~') {
    try {
      new RegExp(`^(?:${m.value})$`, 'u');
    } catch {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'not a valid regular expression' });
    }
  }
});
/** One silence matcher. */
export type SilenceMatcher = z.output<typeof silenceMatcherSchema>;

/** A silence: alerts whose labels match every matcher are raised but not sent from `startsAt` until `endsAt`. */
export interface Silence extends BookingMeta {
  readonly matchers: readonly SilenceMatcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly comment: string;
}

/** A roster override: in roster `roster`, receiver `by` is paged instead of `replaces` from `from` until `to`. */
export interface RosterOverride extends BookingMeta {
  readonly roster: string;
  readonly replaces: string;
  readonly by: string;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

/** The kinds of booking and their shapes. */
export interface BookingKinds {
  readonly window: BookedWindow;
  readonly silence: Silence;
  readonly rosterOverride: RosterOverride;
}
/** One booking kind. */
export type BookingKind = keyof BookingKinds;
/** Every booking kind. */
export const BOOKING_KINDS: readonly BookingKind[] = ['window', 'silence', 'rosterOverride'];

/** What the engine reads of the bookings at one step. */
export interface Bookings {
  readonly windows: readonly BookedWindow[];
  readonly silences: readonly Silence[];
  readonly overrides: readonly RosterOverride[];
}

/** No bookings. */
export const NO_BOOKINGS: Bookings = { windows: [], silences: [], overrides: [] };

/** A booked window's content as the configuration would declare it (its record left out). */
export function windowContent(w: BookedWindow): MaintenanceWindowConfig {
  return maintenanceWindowSchema.parse({
    id: w.id, mode: w.mode, scope: w.scope, schedule: w.schedule,
    ...(w.reason === undefined ? {} : { reason: w.reason }),
    ...(w.operationPlanRef === undefined ? {} : { operationPlanRef: w.operationPlanRef }),
  });
}

/** A booked window as the engine applies it: stopped at its close, if it closed. */
export function engineWindow(w: BookedWindow): EngineWindow {
  return { ...windowContent(w), ...(w.closedAt === null ? {} : { stoppedAt: w.closedAt }) };
}

/** Where a window stands at `now`: holding now, still to come, or over (ended, cancelled, past its last occurrence). */
export function windowPhase(w: EngineWindow, now: number, zone: string): 'active' | 'upcoming' | 'past' {
  if (occurrenceAt(w, now, zone) !== null) return 'active';
  return windowOver(w, now, zone) ? 'past' : 'upcoming';
}

/** Whether one matcher holds for an alert (a missing label reads as ""). */
function matcherHolds(m: SilenceMatcher, alert: Alert): boolean {
  const v = alert.labels[m.name] ?? (m.name === 'kind' ? alert.kind : m.name === 'colour' ? alert.colour ?? '' : '');
  switch (m.op) {
    case '=': return v === m.value;
    case '!=': return v !== m.value;
    case '=~': return new RegExp(`^(?:${m.value})$`, 'u').test(v);
    case '!~': return !new RegExp(`^(?:${m.value})$`, 'u').test(v);
  }
}

/** Whether a silence holds `alert` at `now` (in force and every matcher holds). Meta alerts are about redline: never silenced. */
export function silences(s: Silence, alert: Alert, now: number): boolean {
  return silencePhase(s, now) === 'active' && alert.kind !== 'meta' && s.matchers.every((m) => matcherHolds(m, alert));
}

/** Where a silence stands at `now`. */
export function silencePhase(s: Silence, now: number): 'active' | 'pending' | 'expired' {
  const end = Math.min(s.endsAt, s.closedAt ?? Number.POSITIVE_INFINITY);
  if (now >= end) return 'expired';
  return now >= s.startsAt ? 'active' : 'pending';
}

/** Which alerts silences hold: plain data kept between steps (alert key → silence id). */
export type SilenceState = Readonly<Record<string, string>>;

/** The silences' verdict on this step's alerts: which to keep quiet, which were held and are free now (sent again). */
export function applySilences(state: SilenceState, alerts: readonly Alert[], list: readonly Silence[], now: number): { silenced: Set<string>; released: Set<string>; state: SilenceState } {
  const held: Record<string, string> = {};
  const silenced = new Set<string>();
  const released = new Set<string>();
  for (const a of alerts) {
    const s = list.find((x) => silences(x, a, now));
    if (s === undefined) {
      if (state[a.key] !== undefined) released.add(a.key);
      continue;
    }
    held[a.key] = s.id;
    silenced.add(a.key);
  }
  return { silenced, released, state: held };
}

/** Whether an override is in force at `now`. */
export function overrideActive(o: RosterOverride, now: number): boolean {
  return now >= o.from && now < Math.min(o.to, o.closedAt ?? Number.POSITIVE_INFINITY);
}

/** A roster's tiers with the overrides in force applied: each replaced receiver swapped for its stand-in (once per tier). */
export function withOverrides(roster: string, tiers: readonly (readonly string[])[], overrides: readonly RosterOverride[], now: number): string[][] {
  const swaps = overrides.filter((o) => o.roster === roster && overrideActive(o, now));
  if (swaps.length === 0) return tiers.map((t) => [...t]);
  return tiers.map((t) => [...new Set(t.map((r) => swaps.find((o) => o.replaces === r)?.by ?? r))]);
}
