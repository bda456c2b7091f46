/**
 * Wall-clock arithmetic in the operator's zone for rosters, windows and the nil report: the
 * local date, weekday and minute of an instant, and the instant of a local date and time.
 * DST-safe: a local time that does not exist (the hour skipped in spring) is taken as the first
 * instant after the gap; one that occurs twice (the hour repeated in autumn) as its first occurrence.
 */

/** The weekdays as configured, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One of WEEKDAYS. */
export type Weekday = (typeof WEEKDAYS)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  return f;
}

/** An instant as the operator's wall clock shows it. */
export interface LocalParts {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly weekday: Weekday;
  /** Minutes since local midnight. */
  readonly minute: number;
}

function parts(at: number, zone: string): Record<string, string> {
  const p: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(at))) p[part.type] = part.value;
  return p;
}

/** The local date, weekday and minute of `at` in `zone`. */
export function localParts(at: number, zone: string): LocalParts {
  const p = parts(at, zone);
  const weekday = (p['weekday'] ?? 'Mon').slice(0, 3).toLowerCase() as Weekday;
  return { date: `${p['year']}-${p['month']}-${p['day']}`, weekday, minute: Number(p['hour']) * 60 + Number(p['minute']) };
}

/** The zone's offset from UTC at `at`, in ms (Asia/Shanghai: +8 h). */
function offsetAt(at: number, zone: string): number {
  const p = parts(at, zone);
  const asUtc = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second']));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** Minutes of an `HH:MM` text. */
export function minuteOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The instant of local `date` (YYYY-MM-DD) at `minute` past midnight in `zone`. */
export function instantOf(date: string, minute: number, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, 0, minute);
  // try the offsets in force a day either side: the earliest candidate that reads back as this wall time wins
  const offsets = [...new Set([offsetAt(wall - 86_400_000, zone), offsetAt(wall, zone), offsetAt(wall + 86_400_000, zone)])];
  const exact = offsets.map((o) => wall - o).filter((t) => wall === t + offsetAt(t, zone)).sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];
  // in a gap: the wall time never happens; take where the clock lands after the jump
  const before = Math.max(...offsets);
  return wall - before + (Math.max(...offsets) - Math.min(...offsets));
}

/** The local date `days` after `date` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (mo ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** The weekday of a local date. */
export function weekdayOf(date: string): Weekday {
  const [y, mo, d] = date.split('-').map(Number);
  return WEEKDAYS[(new Date(Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7]!;
}
