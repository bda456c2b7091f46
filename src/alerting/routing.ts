/**
 * The routing tree and the dispatcher, after Alertmanager: each alert walks the tree (a child
 * that matches takes it unless `continue` lets its later siblings match too; a node none of
 * whose children match takes it itself); alerts of one route with the same `groupBy` labels form
 * a group, notified after `group_wait`, then at most every `group_interval` when it changed, and
 * every `repeat_interval` while unacknowledged alerts still fire. Alerts gone from the input are
 * resolved and notified once. Pure: the state is a plain serialisable object the outbox persists.
 *
 * Clock jumps: a jump forward flushes each due group once (one repeat, not one per missed
 * interval); a jump back pulls every future deadline to at most one interval ahead, so a group
 * never stalls for the length of the jump, and dedup (what each group last sent) keeps a jump
 * from sending the same thing twice.
 */
import { createHash } from 'node:crypto';
import type { AlertRouteConfig } from '../config/schema.js';
import type { Alert, Notification } from './types.js';

/** Defaults of a route that says nothing (Alertmanager's, with grouping by alert name and site). */
export const ROUTE_DEFAULTS = {
  groupBy: ['alertname', 'site'] as readonly string[],
  groupWaitSeconds: 30,
  groupIntervalSeconds: 300,
  repeatIntervalSeconds: 4 * 3600,
  sendResolved: true,
};

/** A route with its inherited settings filled in; `id` is its path in the tree (`root`, `root.0.2`). */
export interface ResolvedRoute {
  readonly id: string;
  readonly receivers: readonly string[] | null;
  readonly roster: string | null;
  readonly groupBy: readonly string[];
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
  readonly sendResolved: boolean;
}

/** The value an alert has for a matcher key (`colour` and `kind` from the alert, the rest from its labels). */
export function alertValue(alert: Alert, key: string): string | undefined {
  if (key === 'colour') return alert.colour ?? undefined;
  if (key === 'kind') return alert.kind;
  return alert.labels[key];
}

/** Whether an alert matches a matcher: every key listed must hold one of its values. */
export function matchesAlert(match: Readonly<Record<string, readonly string[] | undefined>> | undefined, alert: Alert): boolean {
  if (match === undefined) return true;
  for (const [key, values] of Object.entries(match)) {
    if (values === undefined) continue;
    const v = alertValue(alert, key);
    if (v === undefined || !values.includes(v)) return false;
  }
  return true;
}

function resolve(node: AlertRouteConfig, parent: ResolvedRoute | null, id: string): ResolvedRoute {
  const own = node.receivers !== undefined || node.roster !== undefined;
  return {
    id,
    receivers: own ? node.receivers ?? null : parent?.receivers ?? null,
    roster: own ? node.roster ?? null : parent?.roster ?? null,
    groupBy: node.groupBy ?? parent?.groupBy ?? ROUTE_DEFAULTS.groupBy,
    groupWaitMs: (node.groupWaitSeconds ?? (parent === null ? ROUTE_DEFAULTS.groupWaitSeconds : parent.groupWaitMs / 1000)) * 1000,
    groupIntervalMs: (node.groupIntervalSeconds ?? (parent === null ? ROUTE_DEFAULTS.groupIntervalSeconds : parent.groupIntervalMs / 1000)) * 1000,
    repeatIntervalMs: (node.repeatIntervalSeconds ?? (parent === null ? ROUTE_DEFAULTS.repeatIntervalSeconds : parent.repeatIntervalMs / 1000)) * 1000,
    sendResolved: node.sendResolved ?? parent?.sendResolved ?? ROUTE_DEFAULTS.sendResolved,
  };
}

function walk(node: AlertRouteConfig, parent: ResolvedRoute | null, id: string, alert: Alert): ResolvedRoute[] {
  const here = resolve(node, parent, id);
  const found: ResolvedRoute[] = [];
  for (const [i, child] of (node.routes ?? []).entries()) {
    if (!matchesAlert(child.match, alert)) continue;
    found.push(...walk(child, here, `${id}.${i}`, alert));
    if (child.continue !== true) break;
  }
  return found.length > 0 ? found : [here];
}

/** The routes that take an alert (the root's `match` is ignored: the root takes everything). */
export function routesFor(alert: Alert, root: AlertRouteConfig): ResolvedRoute[] {
  return walk(root, null, 'root', alert);
}

/** The route with this id, resolved (for a group whose route is needed again at flush). */
export function routeById(root: AlertRouteConfig, id: string): ResolvedRoute | null {
  const parts = id.split('.').slice(1).map(Number);
  let node: AlertRouteConfig | undefined = root;
  let here = resolve(root, null, 'root');
  let path = 'root';
  for (const i of parts) {
    node = node.routes?.[i];
    if (node === undefined) return null;
    path = `${path}.${i}`;
    here = resolve(node, here, path);
  }
  return here;
}

/** One group's memory: its alerts, what it last sent, and when it may send next. */
export interface GroupState {
  readonly routeId: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  /** Alerts by key; a resolved one (endsAt set) stays until the flush that reports it. */
  readonly alerts: Readonly<Record<string, Alert>>;
  /** What each alert was last notified as. */
  readonly sent: Readonly<Record<string, 'firing' | 'resolved'>>;
  readonly nextFlushAt: number;
  readonly lastSentAt: number | null;
}

/** The dispatcher's state: plain data (JSON round-trips it). */
export interface DispatchState {
  readonly groups: Readonly<Record<string, GroupState>>;
  /** Counts notifications decided, so each delivery id is unique. */
  readonly seq: number;
}

/** A dispatcher that has seen nothing. */
export const EMPTY_DISPATCH: DispatchState = { groups: {}, seq: 0 };

/** What dispatch needs besides the alerts. */
export interface DispatchOptions {
  readonly route: AlertRouteConfig;
  /** Receivers on duty now, per roster name, tier 0 first (from roster.ts). */
  readonly duty: Readonly<Record<string, readonly (readonly string[])[]>>;
  /** A special period is in force: a red alert pages at once (no group_wait, no group_interval). */
  readonly redAtOnce?: boolean;
  /**
   * Alerts that fire but are not to be sent (muted or skipped by a window, inhibited): they stay
   * in their group, so they are not taken for resolved, and what was sent of them is forgotten,
   * so they are sent again when set free.
   */
  readonly silenced?: ReadonlySet<string>;
  /** Alerts just released from a maintenance window: their notification says `windowEnded`. */
  readonly released?: ReadonlySet<string>;
}

/** A stable delivery id: the same decision always gets the same id. */
export function deliveryIdOf(groupKey: string, receiver: string, at: number, seq: number): string {
  return createHash('sha256').update(`${groupKey}\u0000${receiver}\u0000${at}\u0000${seq}`).digest('hex').slice(0, 32);
}

/** The receivers of tier 0 of a route now. */
export function routeReceivers(route: ResolvedRoute, duty: DispatchOptions['duty']): readonly string[] {
  if (route.roster !== null) return duty[route.roster]?.[0] ?? [];
  return route.receivers ?? [];
}

function groupKeyOf(route: ResolvedRoute, alert: Alert): { key: string; labels: Record<string, string> } {
  const labels: Record<string, string> = {};
  for (const name of route.groupBy) {
    const v = alertValue(alert, name);
    if (v !== undefined) labels[name] = v;
  }
  const body = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
  return { key: `${route.id}:{${body}}`, labels };
}

/**
 * One dispatcher step: `alerts` are all alerts firing now (already inhibited, windowed and
 * flap-damped); the result is the next state and the notifications decided at `now`.
 */
export function dispatch(state: DispatchState, alerts: readonly Alert[], now: number, opts: DispatchOptions): { state: DispatchState; notifications: Notification[] } {
  const groups = new Map<string, { g: GroupState; route: ResolvedRoute; alerts: Record<string, Alert>; seen: Set<string> }>();
  for (const [key, g] of Object.entries(state.groups)) {
    const route = routeById(opts.route, g.routeId);
    if (route === null) continue; // the tree changed under it: its alerts are routed afresh below
    const lastSentAt = g.lastSentAt !== null && g.lastSentAt > now ? now : g.lastSentAt;
    const nextFlushAt = Math.min(g.nextFlushAt, now + route.groupIntervalMs);
    groups.set(key, { g: { ...g, lastSentAt, nextFlushAt }, route, alerts: { ...g.alerts }, seen: new Set() });
  }
  for (const alert of alerts) {
    for (const route of routesFor(alert, opts.route)) {
      const { key, labels } = groupKeyOf(route, alert);
      const atOnce = opts.redAtOnce === true && alert.colour === 'red';
      let entry = groups.get(key);
      if (entry === undefined) {
        entry = { g: { routeId: route.id, groupLabels: labels, alerts: {}, sent: {}, nextFlushAt: now + (atOnce ? 0 : route.groupWaitMs), lastSentAt: null }, route, alerts: {}, seen: new Set() };
        groups.set(key, entry);
      } else if (atOnce && entry.g.sent[alert.key] !== 'firing') {
        entry.g = { ...entry.g, nextFlushAt: now };
      }
      entry.alerts[alert.key] = alert;
      entry.seen.add(alert.key);
    }
  }
  let seq = state.seq;
  const notifications: Notification[] = [];
  const next: Record<string, GroupState> = {};
  for (const [key, { g, route, alerts: members, seen }] of groups) {
    for (const [k, a] of Object.entries(members)) if (!seen.has(k) && a.endsAt === null) members[k] = { ...a, endsAt: now };
    if (now < g.nextFlushAt) {
      const sent = Object.fromEntries(Object.entries(g.sent).filter(([k]) => opts.silenced?.has(k) !== true));
      next[key] = { ...g, alerts: members, sent };
      continue;
    }
    const quiet = Object.values(members).filter((a) => a.endsAt === null && opts.silenced?.has(a.key) === true);
    const firing = Object.values(members).filter((a) => a.endsAt === null && opts.silenced?.has(a.key) !== true);
    const resolved = Object.values(members).filter((a) => a.endsAt !== null && g.sent[a.key] === 'firing');
    const fresh = firing.filter((a) => g.sent[a.key] !== 'firing');
    const changed = fresh.length > 0 || (route.sendResolved && resolved.length > 0);
    const repeat = !changed && g.lastSentAt !== null && now - g.lastSentAt >= route.repeatIntervalMs && firing.some((a) => a.acknowledged !== true);
    const sent: Record<string, 'firing' | 'resolved'> = {};
    let lastSentAt = g.lastSentAt;
    const receivers = routeReceivers(route, opts.duty);
    // nobody on duty: nothing counts as sent, so the group tries again at its next interval
    if ((changed || repeat) && (firing.length > 0 || route.sendResolved) && receivers.length > 0) {
      const reason: Notification['reason'] = fresh.some((a) => opts.released?.has(a.key) === true) ? 'windowEnded' : g.lastSentAt === null ? 'new' : changed ? 'changed' : 'repeat';
      const shown = [...firing, ...(route.sendResolved ? resolved : [])];
      for (const receiver of receivers) {
        seq += 1;
        notifications.push({ deliveryId: deliveryIdOf(key, receiver, now, seq), receiver, groupKey: key, groupLabels: g.groupLabels, status: firing.length > 0 ? 'firing' : 'resolved', alerts: shown, at: now, reason, tier: 0 });
      }
      lastSentAt = now;
      for (const a of firing) sent[a.key] = 'firing';
    } else {
      for (const a of firing) if (g.sent[a.key] === 'firing') sent[a.key] = 'firing';
    }
    if (firing.length === 0 && quiet.length === 0) continue; // every alert resolved and reported: the group ends
    next[key] = { routeId: g.routeId, groupLabels: g.groupLabels, alerts: Object.fromEntries([...firing, ...quiet].map((a) => [a.key, a])), sent, nextFlushAt: now + route.groupIntervalMs, lastSentAt };
  }
  return { state: { groups: next, seq }, notifications };
}
