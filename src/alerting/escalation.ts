/**
 * Escalation: a red or orange alert (the configured colours) or an incident that nobody
 * acknowledges pages the next tier after each `afterMinutes`. Acknowledging its hazard (status
 * past open/reopened) stops it; a reopened hazard starts it over. A clock jump forward pages every
 * tier it passed, once each (nobody is skipped); a jump back restarts the count from now rather
 * than waiting out the jump, and never pages a tier twice. Pure; the state is plain data.
 */
import type { AlertingConfig, AlertRouteConfig } from '../config/schema.js';
import { deliveryIdOf, routeReceivers, routesFor } from './routing.js';
import type { Alert, Notification } from './types.js';

/** Per alert: since when it waits for an acknowledgement and the highest tier paged. */
export interface EscalationState {
  readonly alerts: Readonly<Record<string, { readonly since: number; readonly tier: number }>>;
}

/** Nothing escalating. */
export const EMPTY_ESCALATION: EscalationState = { alerts: {} };

/** Whether an alert escalates when unacknowledged: an incident always, others by colour. */
export function escalates(a: Alert, colours: readonly string[]): boolean {
  if (a.kind === 'meta' || a.acknowledged === true) return false;
  return a.kind === 'serviceDown' || (a.colour !== null && colours.includes(a.colour));
}

/**
 * The tiers for an alert: a roster route's tiers on duty now, or the route's receivers then the
 * configured escalation tiers. Its first route decides.
 */
export function tiersFor(a: Alert, route: AlertRouteConfig, duty: Readonly<Record<string, readonly (readonly string[])[]>>, extra: readonly (readonly string[])[]): (readonly string[])[] {
  const r = routesFor(a, route)[0];
  if (r === undefined) return [];
  if (r.roster !== null) return [...(duty[r.roster] ?? [])];
  return [routeReceivers(r, duty), ...extra];
}

/** One escalation step over the alerts to notify (not silenced); returns the next state and the pages. */
export function escalate(
  state: EscalationState,
  alerts: readonly Alert[],
  now: number,
  config: AlertingConfig['escalation'],
  tiersOf: (a: Alert) => readonly (readonly string[])[],
): { state: EscalationState; notifications: Notification[] } {
  const afterMs = config.afterMinutes * 60_000;
  const next: Record<string, { since: number; tier: number }> = {};
  const notifications: Notification[] = [];
  for (const a of alerts) {
    if (!escalates(a, config.colours)) continue;
    const prev = state.alerts[a.key];
    let tier = prev?.tier ?? 0;
    // a jump back: keep the tiers already paged, the next one comes one interval from now
    const since = prev === undefined ? now : prev.since > now - tier * afterMs ? Math.min(prev.since, now - tier * afterMs) : prev.since;
    const tiers = tiersOf(a);
    const due = Math.min(tiers.length - 1, Math.floor((now - since) / afterMs));
    for (let t = tier + 1; t <= due; t++) {
      const groupKey = `escalation:${a.key}`;
      for (const receiver of tiers[t] ?? []) {
        notifications.push({ deliveryId: deliveryIdOf(groupKey, receiver, now, t), receiver, groupKey, groupLabels: { alertname: a.labels.alertname }, status: 'firing', alerts: [a], at: now, reason: 'escalation', tier: t });
      }
      tier = t;
    }
    next[a.key] = { since, tier };
  }
  return { state: { alerts: next }, notifications };
}
