/**
 * The alerting engine: one pure `step` the composition calls after each analysis pass and on a
 * timer. In order: alerts from findings and hazards (with the windows' meta alerts), flap
 * damping, inhibition, maintenance windows, routing and grouping (red at once in a special
 * period), escalation, the nil report. It returns the next state (plain data, persisted by the
 * outbox in the same transaction as the notifications) and the notifications to deliver.
 */
import type { Finding } from '../analysis/finding.js';
import type { AlertingConfig } from '../config/schema.js';
import type { Hazard } from '../ledger/types.js';
import { applySilences, engineWindow, NO_BOOKINGS, type Bookings, type SilenceState } from './bookings.js';
import { nobodyOnDuty } from './alert-words.js';
import { alertsFrom, type StartTimes } from './alerts.js';
import { EMPTY_ESCALATION, escalate, tiersFor, type EscalationState } from './escalation.js';
import { damp, EMPTY_FLAP, type FlapState } from './flap.js';
import { inhibit, type Inhibited, type ParentsOf } from './inhibition.js';
import { EMPTY_NIL_REPORT, nilReportStep, redAtOnce, type NilReportState, type PeriodInForce } from './periods.js';
import { dutyNow } from './roster.js';
import { dispatch, EMPTY_DISPATCH, type DispatchState } from './routing.js';
import type { Alert, Notification } from './types.js';
import { applyWindows, EMPTY_WINDOWS, windowMetaAlerts, type WindowDevice, type WindowState } from './windows.js';

/** Everything alerting remembers between steps: plain data (JSON round-trips it). */
export interface AlertingState {
  /** When each alert's cause was first seen, so `startsAt` holds across passes. */
  readonly firstSeen: StartTimes;
  readonly flap: FlapState;
  readonly windows: WindowState;
  readonly dispatch: DispatchState;
  readonly escalation: EscalationState;
  readonly nilReport: NilReportState;
  /** Alerts held by a booked silence (absent in a state written before silences existed). */
  readonly silences?: SilenceState;
}

/** A fresh start. */
export const EMPTY_ALERTING: AlertingState = { firstSeen: {}, flap: EMPTY_FLAP, windows: EMPTY_WINDOWS, dispatch: EMPTY_DISPATCH, escalation: EMPTY_ESCALATION, nilReport: EMPTY_NIL_REPORT, silences: {} };

/** What a step reads from the rest of redline. */
export interface StepInput {
  readonly findings: readonly Finding[];
  readonly hazards: readonly Hazard[];
  /** Start times known from elsewhere (a trap's time for an incident), by alert key; they win over first-seen. */
  readonly incidents?: StartTimes;
  /** The inventory's parent relation (groups of redundant parents). */
  readonly parentsOf: ParentsOf;
  /** The devices, for windows on PC-CORE elements and on shared risk groups (`deviceRiskGroups`). */
  readonly devices: readonly WindowDevice[];
  /** Special periods in force now (`activePeriods`). */
  readonly periods: readonly PeriodInForce[];
  readonly timeZone: string;
  /** What people booked through the API (windows, silences, roster overrides), merged with the configuration's. */
  readonly booked?: Bookings;
}

/** What a step decides. */
export interface StepResult {
  readonly state: AlertingState;
  readonly notifications: Notification[];
  /** The alerts raised now (skipped ones left out), for the API and metrics. */
  readonly alerts: Alert[];
  readonly inhibited: Inhibited[];
  /** Keys muted or skipped by a window, or muted by a silence, now. */
  readonly silenced: string[];
}

/** A meta alert for each roster with nobody on duty now. */
export function rosterMetaAlerts(duty: Readonly<Record<string, readonly (readonly string[])[]>>, now: number): Alert[] {
  return Object.entries(duty).filter(([, tiers]) => tiers.length === 0).map(([roster]) => ({
    key: `meta:nobody-on-duty:${roster}`, kind: 'meta' as const, severity: 'warning' as const, colour: null,
    labels: { alertname: 'NobodyOnDuty', roster }, ...nobodyOnDuty(roster), startsAt: now, endsAt: null,
  }));
}

/** One alerting step at `now`. */
export function step(state: AlertingState, input: StepInput, now: number, config: AlertingConfig): StepResult {
  const raw = alertsFrom({
    findings: input.findings, hazards: input.hazards, now, timeZone: input.timeZone,
    incidents: { ...state.firstSeen, ...input.incidents },
    ...(config.consoleUrl === undefined ? {} : { consoleUrl: config.consoleUrl }),
  });
  const booked = input.booked ?? NO_BOOKINGS;
  const windows = [...config.windows, ...booked.windows.map(engineWindow)];
  const duty = dutyNow(config.rosters, now, input.timeZone, input.periods, booked.overrides);
  const all = [...raw, ...windowMetaAlerts(windows, input.devices, now, input.timeZone), ...rosterMetaAlerts(duty, now)];
  const firstSeen = Object.fromEntries(all.map((a) => [a.key, Math.min(a.startsAt, state.firstSeen[a.key] ?? a.startsAt)]));
  const damped = damp(state.flap, all, now, config.flap);
  const { kept, inhibited } = inhibit(damped.alerts, input.parentsOf);
  const windowed = applyWindows(state.windows, kept, windows, now, input.timeZone, input.devices);
  // silences mute what windows let through (raised, not sent); one ending sends what still fires again
  const quiet = applySilences(state.silences ?? {}, windowed.raised, booked.silences, now);
  const released = new Set([...windowed.released, ...quiet.released].filter((k) => !windowed.silenced.has(k) && !quiet.silenced.has(k)));
  const muted = new Set([...windowed.silenced, ...quiet.silenced]);
  const silenced = new Set([...muted, ...inhibited.map((i) => i.alert.key)]);
  const notifications: Notification[] = [];
  let dispatchState = state.dispatch;
  let escalationState = state.escalation;
  if (config.enabled && config.route !== undefined) {
    const route = config.route;
    const d = dispatch(state.dispatch, damped.alerts, now, { route, duty, redAtOnce: redAtOnce(input.periods), silenced, released });
    dispatchState = d.state;
    notifications.push(...d.notifications);
    const loud = kept.filter((a) => !silenced.has(a.key));
    const e = escalate(state.escalation, loud, now, config.escalation, (a) => tiersFor(a, route, duty, config.escalation.tiers));
    escalationState = e.state;
    notifications.push(...e.notifications);
  }
  const firing = kept.filter((a) => a.kind !== 'meta' && !silenced.has(a.key)).length;
  const nil = config.enabled ? nilReportStep(state.nilReport, now, input.timeZone, config.nilReport, input.periods, duty, firing) : { state: state.nilReport, notifications: [] };
  notifications.push(...nil.notifications);
  return {
    state: { firstSeen, flap: damped.state, windows: windowed.state, dispatch: dispatchState, escalation: escalationState, nilReport: nil.state, silences: quiet.state },
    notifications,
    alerts: windowed.raised,
    inhibited,
    silenced: [...muted],
  };
}
