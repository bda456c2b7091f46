/**
 * The periods of the safety summaries (安全生产工作总结, 工信厅通信函〔2023〕46号 三、（三）): the first or
 * second half of a year, or the whole year, each from midnight of its first day to midnight after
 * its last day in the operator's zone. `2026-H1`, `2026-H2`, `2026`.
 */
import { UsageError } from '../common/errors.js';
import { dateIn, startOfDay } from '../ledger/clearance.js';

/** What a summary covers. */
export interface SummaryPeriod {
  /** `2026-H1`, `2026-H2` or `2026`. */
  readonly id: string;
  readonly kind: 'H1' | 'H2' | 'year';
  readonly year: number;
  /** The first instant (midnight of its first day, operator's zone). */
  readonly from: number;
  /** The instant after it (midnight after its last day, operator's zone): the period is [from, to). */
  readonly to: number;
}

/** The instant a local calendar date begins in `zone`. */
export function localMidnight(year: number, month: number, day: number, zone: string): number {
  return startOfDay(Date.UTC(year, month - 1, day), zone);
}

/** Parses `2026-H1`, `2026-H2` or `2026` in `zone`; throws a UsageError naming the forms. */
export function parsePeriod(text: string, zone: string): SummaryPeriod {
  const m = /^(\d{4})(?:-(H1|H2))?$/.exec(text.trim());
  if (m === null) throw new UsageError(`--period ${text}: write a half year (2026-H1, 2026-H2) or a year (2026)`);
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) throw new UsageError(`--period ${text}: the year must be between 2000 and 2100`);
  const half = m[2] as 'H1' | 'H2' | undefined;
  const from = localMidnight(year, half === 'H2' ? 7 : 1, 1, zone);
  const to = half === 'H1' ? localMidnight(year, 7, 1, zone) : localMidnight(year + 1, 1, 1, zone);
  return { id: half === undefined ? String(year) : `${year}-${half}`, kind: half ?? 'year', year, from, to };
}

/** The half year an instant falls in, in `zone` (the default period: the one under way). */
export function periodOf(at: number, zone: string): SummaryPeriod {
  const date = dateIn(at, zone);
  return parsePeriod(`${date.slice(0, 4)}-${Number(date.slice(5, 7)) <= 6 ? 'H1' : 'H2'}`, zone);
}

/** The last instant the summary covers: the period's last millisecond, or `now` while it is under way. */
export function periodEnd(p: SummaryPeriod, now: number): number {
  return Math.min(p.to - 1, now);
}

/** The month ends of a period up to `end` (the last one is `end` itself), each with its label YYYY-MM: where the trend is sampled. */
export function monthEnds(p: SummaryPeriod, end: number, zone: string): { readonly label: string; readonly at: number }[] {
  const out: { label: string; at: number }[] = [];
  const firstMonth = p.kind === 'H2' ? 7 : 1;
  for (let month = firstMonth; ; month++) {
    const start = localMidnight(p.year, month, 1, zone);
    if (start > end) break;
    const next = localMidnight(month === 12 ? p.year + 1 : p.year, month === 12 ? 1 : month + 1, 1, zone);
    out.push({ label: `${p.year}-${String(month).padStart(2, '0')}`, at: Math.min(next - 1, end) });
    if (month === 12 || next > end) break;
  }
  return out;
}
