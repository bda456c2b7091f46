/**
 * Special periods (§5 of the policy: holidays, major events, disaster seasons), as alerting
 * sees them: while one is in force a red alert pages at once (routing.ts `redAtOnce`), the
 * special-period roster is on duty (roster.ts), and the duty receivers get a daily nil report
 * (零报告) at a configured local time — one per local day, even when nothing fires. A clock jump
 * forward over several days sends one report (today's), never a backlog; a jump back never sends
 * a day twice. The periods in force come from `activePeriods` in src/analysis/policy.ts. Pure.
 */
import type { SpecialPeriod } from '../analysis/policy.js';
import type { AlertingConfig } from '../config/schema.js';
import { nilReport } from './alert-words.js';
import { localParts, minuteOf } from './local-time.js';
import { deliveryIdOf } from './routing.js';
import type { Alert, Notification } from './types.js';

/** A special period as alerting needs it. */
export type PeriodInForce = Pick<SpecialPeriod, 'id' | 'kind' | 'name'>;

/** Whether red alerts page at once now: a special period is in force. */
export function redAtOnce(periods: readonly PeriodInForce[]): boolean {
  return periods.length > 0;
}

/** The last local day a nil report went out (YYYY-MM-DD), null before the first. */
export interface NilReportState {
  readonly lastDate: string | null;
}

/** No report sent yet. */
export const EMPTY_NIL_REPORT: NilReportState = { lastDate: null };

/** The nil report due at `now`, if any, to the duty receivers (`duty`: the roster's tiers now). */
export function nilReportStep(
  state: NilReportState,
  now: number,
  zone: string,
  config: AlertingConfig['nilReport'],
  periods: readonly PeriodInForce[],
  duty: Readonly<Record<string, readonly (readonly string[])[]>>,
  firing: number,
): { state: NilReportState; notifications: Notification[] } {
  if (config === undefined) return { state, notifications: [] };
  const { date, minute } = localParts(now, zone);
  const due = minute >= minuteOf(config.at) && (state.lastDate === null || date > state.lastDate) && (!config.onlyInSpecialPeriods || periods.length > 0);
  if (!due) return { state, notifications: [] };
  const receivers = config.roster !== undefined ? duty[config.roster]?.[0] ?? [] : config.receivers ?? [];
  const words = nilReport(date, zone, firing, periods.map((p) => p.name));
  const report: Alert = { key: `meta:nil-report:${date}`, kind: 'meta', severity: 'info', colour: null, labels: { alertname: 'NilReport', date }, ...words, startsAt: now, endsAt: null };
  const groupKey = `nil-report:${date}`;
  const notifications = receivers.map((receiver): Notification => ({
    deliveryId: deliveryIdOf(groupKey, receiver, now, 0), receiver, groupKey, groupLabels: { date }, status: 'firing', alerts: [report], at: now, reason: 'nilReport', tier: 0,
  }));
  return { state: { lastDate: date }, notifications };
}
