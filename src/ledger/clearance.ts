/**
 * 动态清零 (cleared to zero), computed from the hazards themselves (pure; `now` is an argument):
 * open hazards by risk colour and status, overdue ones by colour, 重大隐患 still open and those
 * lacking what rectification needs, what closed in the window, time to close (median, p90, mean
 * days), the closure rate, and the daily trend in the operator's zone (open at the end of each
 * day, opened and closed that day).
 *
 * Reopens: a hazard's stored fields keep only its latest closure. Given its status events, each
 * closed spell is known exactly; without them a hazard reopened after closing is counted as open
 * from when it was first found (its earlier closed spell is not seen), and its time to close runs
 * from when it was found. The report says which applied (`reopenHistory`).
 */
import { COLOURS, type Colour } from '../analysis/finding.js';
import { isTimeZone } from '../config/schema.js';
import { DAY_MS, isOverdue } from './deadlines.js';
import { missingForRectification } from './lifecycle.js';
import type { Hazard, HazardEvent, HazardStatus } from './types.js';

/** The statuses of a hazard not yet closed. */
export const OPEN_STATUSES = ['open', 'acknowledged', 'rectifying', 'pendingVerification', 'reopened'] as const satisfies readonly HazardStatus[];
/** One of OPEN_STATUSES. */
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** What the clearance report covers. */
export interface ClearanceOptions {
  /** Days of the window and the trend, ending today (operator's zone); 1–366. */
  readonly days: number;
  /** The operator's IANA zone: days begin at midnight there. */
  readonly timeZone: string;
  /** The hazards' history (status events), for exact closed spells of reopened hazards. */
  readonly events?: readonly Pick<HazardEvent, 'hazardId' | 'at' | 'kind' | 'from' | 'to'>[];
}

/** Summary figures of time to close, in days. */
export interface TimeToClose {
  readonly count: number;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  readonly meanDays: number | null;
}

/** One day of the trend (YYYY-MM-DD in the operator's zone). */
export interface ClearanceDay {
  readonly date: string;
  /** Hazards not closed at the end of the day. */
  readonly open: number;
  /** Found or reopened that day. */
  readonly opened: number;
  readonly closed: number;
}

/** The 动态清零 report. */
export interface ClearanceReport {
  readonly at: number;
  readonly timeZone: string;
  /** The window: from the start of its first day (operator's zone) to `at`. */
  readonly window: { readonly days: number; readonly from: number; readonly to: number };
  readonly open: {
    readonly total: number;
    readonly byColour: Readonly<Record<Colour, number>>;
    readonly byStatus: Readonly<Record<OpenStatus, number>>;
    readonly byColourAndStatus: Readonly<Record<Colour, Readonly<Record<OpenStatus, number>>>>;
  };
  readonly overdue: { readonly total: number; readonly byColour: Readonly<Record<Colour, number>> };
  /** 重大隐患 not closed, and those still lacking what rectification needs (owner, plan, the six parts, the report). */
  readonly major: { readonly open: number; readonly withoutCompletePlan: number; readonly withoutCompletePlanIds: readonly string[] };
  readonly openedInWindow: number;
  readonly closedInWindow: number;
  /** Of the hazards closed in the window: from (re)opening to closing. */
  readonly timeToClose: TimeToClose;
  /** Closed in the window ÷ (open at its start + opened in it); null when nothing was to close. */
  readonly closureRate: number | null;
  readonly trend: readonly ClearanceDay[];
  /** `events` when reopened hazards' closed spells came from their history, else `approximated`. */
  readonly reopenHistory: 'events' | 'approximated';
}

const counts = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** One formatter per zone (building one costs far more than using it). */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock time minus UTC at an instant, in ms. */
export function zoneOffset(at: number, zone: string): number {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p['year'] ?? 0, (p['month'] ?? 1) - 1, p['day'] ?? 1, p['hour'] ?? 0, p['minute'] ?? 0, p['second'] ?? 0);
  return wall - Math.floor(at / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateIn(at: number, zone: string): string {
  return new Date(at + zoneOffset(at, zone)).toISOString().slice(0, 10);
}

/** The instant a calendar day (UTC-midnight ms of its date) begins in a zone. */
export function startOfDay(utcMidnight: number, zone: string): number {
  const guess = utcMidnight - zoneOffset(utcMidnight, zone);
  return utcMidnight - zoneOffset(guess, zone);
}

/** How many of the sorted values are below `x`. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The spells a hazard was not closed: [start, end) with end null while still open. */
function openSpells(h: Hazard, history: readonly Pick<HazardEvent, 'at' | 'kind' | 'from' | 'to'>[] | undefined): [number, number | null][] {
  const status = history?.filter((e) => e.kind === 'status' && e.to !== undefined).sort((a, b) => a.at - b.at);
  if (status === undefined || status.length === 0) return [[h.foundAt, h.status === 'closed' ? h.closedAt ?? h.updatedAt : null]];
  const spells: [number, number | null][] = [];
  let start: number | null = h.foundAt;
  for (const e of status) {
    if (e.to === 'closed' && start !== null) {
      spells.push([start, e.at]);
      start = null;
    } else if (e.to !== 'closed' && start === null) {
      start = e.at;
    }
  }
  if (start !== null) spells.push([start, null]);
  return spells;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 动态清零 report of these hazards at `now`; see the module comment for how reopens are counted. */
export function clearance(hazards: readonly Hazard[], now: number, opts: ClearanceOptions): ClearanceReport {
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 366) throw new RangeError(`clearance: days must be a whole number from 1 to 366, got ${opts.days}`);
  if (!isTimeZone(opts.timeZone)) throw new RangeError(`clearance: timeZone must be an IANA zone such as Asia/Shanghai, got "${opts.timeZone}"`);
  const zone = opts.timeZone;
  const byHazard = new Map<string, Pick<HazardEvent, 'at' | 'kind' | 'from' | 'to'>[]>();
  for (const e of opts.events ?? []) {
    const list = byHazard.get(e.hazardId);
    if (list === undefined) byHazard.set(e.hazardId, [e]);
    else list.push(e);
  }

  const byColour = counts(COLOURS);
  const byStatus = counts(OPEN_STATUSES);
  const byColourAndStatus = Object.fromEntries(COLOURS.map((c) => [c, counts(OPEN_STATUSES)])) as Record<Colour, Record<OpenStatus, number>>;
  const overdueByColour = counts(COLOURS);
  const majorIncomplete: string[] = [];
  let open = 0;
  let overdue = 0;
  let majorOpen = 0;

  const today = Date.parse(`${dateIn(now, zone)}T00:00:00Z`);
  const firstDay = today - (opts.days - 1) * DAY_MS;
  const windowFrom = startOfDay(firstDay, zone);
  const starts: number[] = [];
  const ends: number[] = [];
  const closeDays: number[] = [];

  for (const h of hazards) {
    if (h.status !== 'closed') {
      open += 1;
      byColour[h.colour] += 1;
      byStatus[h.status] += 1;
      byColourAndStatus[h.colour][h.status] += 1;
      if (isOverdue(h, now)) {
        overdue += 1;
        overdueByColour[h.colour] += 1;
      }
      if (h.grade === '重大隐患') {
        majorOpen += 1;
        if (missingForRectification(h).length > 0) majorIncomplete.push(h.id);
      }
    }
    for (const [s, e] of openSpells(h, byHazard.get(h.id))) {
      starts.push(s);
      if (e === null) continue;
      ends.push(e);
      if (e >= windowFrom && e <= now) closeDays.push((e - s) / DAY_MS);
    }
  }
  starts.sort((a, b) => a - b);
  ends.sort((a, b) => a - b);
  closeDays.sort((a, b) => a - b);

  const openAt = (t: number): number => countBelow(starts, t) - countBelow(ends, t);
  const trend: ClearanceDay[] = [];
  for (let d = firstDay; d <= today; d += DAY_MS) {
    const from = startOfDay(d, zone);
    const to = startOfDay(d + DAY_MS, zone);
    trend.push({
      date: new Date(d).toISOString().slice(0, 10),
      open: openAt(to),
      opened: countBelow(starts, to) - countBelow(starts, from),
      closed: countBelow(ends, to) - countBelow(ends, from),
    });
  }
  const openedInWindow = countBelow(starts, now + 1) - countBelow(starts, windowFrom);
  const closedInWindow = closeDays.length;
  const toClose = openAt(windowFrom) + openedInWindow;
  return {
    at: now,
    timeZone: zone,
    window: { days: opts.days, from: windowFrom, to: now },
    open: { total: open, byColour, byStatus, byColourAndStatus },
    overdue: { total: overdue, byColour: overdueByColour },
    major: { open: majorOpen, withoutCompletePlan: majorIncomplete.length, withoutCompletePlanIds: majorIncomplete },
    openedInWindow,
    closedInWindow,
    timeToClose: {
      count: closeDays.length,
      medianDays: median(closeDays),
      p90Days: percentile(closeDays, 0.9),
      meanDays: closeDays.length === 0 ? null : closeDays.reduce((a, b) => a + b, 0) / closeDays.length,
    },
    closureRate: toClose === 0 ? null : closedInWindow / toClose,
    trend,
    reopenHistory: opts.events !== undefined ? 'events' : 'approximated',
  };
}
