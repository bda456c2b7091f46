/**
 * Maintenance windows and cutovers (维护窗口、割接): one-off or recurring (daily, weekly) in the
 * operator's zone, DST-safe (a recurring window starts at its local time every day; its length
 * is real time), booked ahead, scoped by device, site, class or risk colour. `mute`: the alert is
 * raised but not sent; `skip`: it is not raised at all. When a window ends, whatever still fires
 * is sent again (`windowEnded`). Scope: device, site, class, colour, and shared risk groups
 * (a duct, a room, a PDU) through the devices in them. A window that can touch a PC-CORE element without a reference to
 * an approved operation plan is itself a meta alert, from booking until it ends. Pure.
 */
import type { MaintenanceWindowConfig } from '../config/schema.js';
import type { ProtectionClass } from '../config/schema.js';
import { windowWithoutPlan } from './alert-words.js';
import { addDays, instantOf, localParts, minuteOf, weekdayOf } from './local-time.js';
import { matchesAlert } from './routing.js';
import type { Alert } from './types.js';

/**
 * A window as the engine applies it: configured or booked (src/alerting/bookings.ts). A booked
 * window ended early or cancelled carries `stoppedAt`: from then on it holds nothing and is over.
 */
export type EngineWindow = MaintenanceWindowConfig & { readonly stoppedAt?: number };

/** One occurrence of a window, as instants. */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
}

/** The occurrence of a window in force at `now`, or null. */
export function occurrenceAt(w: EngineWindow, now: number, zone: string): Occurrence | null {
  if (w.stoppedAt !== undefined && now >= w.stoppedAt) return null;
  const o = scheduledOccurrenceAt(w, now, zone);
  return o === null || w.stoppedAt === undefined ? o : { start: o.start, end: Math.min(o.end, w.stoppedAt) };
}

/** The occurrence of a window's schedule in force at `now`, or null. */
function scheduledOccurrenceAt(w: MaintenanceWindowConfig, now: number, zone: string): Occurrence | null {
  const s = w.schedule;
  if (s.every === 'once') {
const [sd, st] = s.start.split('T');
const [ed, et] = s.end.split('T');
const start = instantOf(sd!, minuteOf(st!), zone);
const end = instantOf(ed!, minuteOf(et!), zone);
return now >= start && now < end ? { start, end } : null;
  }
  const today = localParts(now, zone).date;
  const lengthMs = s.durationMinutes * 60_000;
  // an occurrence that began up to its length (in days, plus one for DST and midnight) ago may still run
  for (let back = 0; back <= Math.ceil(s.durationMinutes / 1440) + 1; back++) {
const date = addDays(today, -back);
if (s.every === 'weekly' && !s.days.includes(weekdayOf(date))) continue;
if (s.from !== undefined && date < s.from) continue;
if (s.until !== undefined && date > s.until) continue;
const start = instantOf(date, minuteOf(s.at), zone);
if (now >= start && now < start + lengthMs) return { start, end: start + lengthMs };
  }
  return null;
}

/** Whether a window has ended for good (a one-off past its end, a recurring one past its last day). */
export function windowOver(w: EngineWindow, now: number, zone: string): boolean {
  if (w.stoppedAt !== undefined && now >= w.stoppedAt) return true;
  const s = w.schedule;
  if (s.every === 'once') {
const [ed, et] = s.end.split('T');
return now >= instantOf(ed!, minuteOf(et!), zone);
  }
  if (s.until === undefined) return false;
  return now >= instantOf(s.until, minuteOf(s.at), zone) + s.durationMinutes * 60_000;
}

/** A device as windows see it: where it is, its class, and the shared risks it sits in (`deviceRiskGroups`). */
export interface WindowDevice {
  readonly id: string;
  readonly site: string;
  readonly class: ProtectionClass;
  readonly riskGroups?: readonly string[];
}

/** Whether a window's scope holds an alert: its matchers, and when it names risk groups, the alert's device in one of them. */
export function windowCovers(w: MaintenanceWindowConfig, alert: Alert, riskGroupsOf: ReadonlyMap<string, readonly string[]>): boolean {
  const { riskGroup, ...matchers } = w.scope;
  if (!matchesAlert(matchers, alert)) return false;
  if (riskGroup === undefined) return true;
  const device = alert.labels.device;
  const groups = device === undefined ? [] : riskGroupsOf.get(device) ?? [];
  return riskGroup.some((g) => groups.includes(g));
}

/** Whether a window's scope takes in any PC-CORE device. */
export function touchesCore(w: MaintenanceWindowConfig, devices: readonly WindowDevice[]): boolean {
  const sc = w.scope;
  return devices.some((d) => d.class === 'PC-CORE'
&& (sc.class === undefined || sc.class.includes('PC-CORE'))
&& (sc.site === undefined || sc.site.includes(d.site))
&& (sc.device === undefined || sc.device.includes(d.id))
&& (sc.riskGroup === undefined || sc.riskGroup.some((g) => d.riskGroups?.includes(g) === true)));
}

/** The meta alerts for windows on PC-CORE elements without an operation plan, booked and not over. */
export function windowMetaAlerts(windows: readonly EngineWindow[], devices: readonly WindowDevice[], now: number, zone: string): Alert[] {
  return windows
.filter((w) => w.operationPlanRef === undefined && !windowOver(w, now, zone) && touchesCore(w, devices))
.map((w) => ({
  key: `meta:window-without-plan:${w.id}`,
  kind: 'meta' as const,
  severity: 'warning' as const,
  colour: null,
  labels: { alertname: 'WindowWithoutOperationPlan', window: w.id, class: 'PC-CORE' as const },
  ...windowWithoutPlan(w.id),
  startsAt: now,
  endsAt: null,
}));
}

/** Which alerts each window holds: plain data, kept between steps. */
export interface WindowState {
  /** Alert key → the window holding it and how. */
  readonly held: Readonly<Record<string, { readonly window: string; readonly mode: 'mute' | 'skip' }>>;
}

/** Nothing held. */
export const EMPTY_WINDOWS: WindowState = { held: {} };

/** The windows' verdict on this step's alerts. */
export interface WindowVerdict {
  /** Alerts raised (everything but the skipped). */
  readonly raised: Alert[];
  /** Keys not to notify now (muted and skipped). */
  readonly silenced: Set<string>;
  /** Keys held before, free now, still firing: sent again with `windowEnded`. */
  readonly released: Set<string>;
  readonly state: WindowState;
}

/** Applies the windows in force at `now` to the alerts (meta alerts are never held: they are about redline). */
export function applyWindows(state: WindowState, alerts: readonly Alert[], windows: readonly EngineWindow[], now: number, zone: string, devices: readonly WindowDevice[] = []): WindowVerdict {
  const active = windows.filter((w) => occurrenceAt(w, now, zone) !== null);
  const riskGroupsOf = new Map(devices.map((d) => [d.id, d.riskGroups ?? []]));
  const held: Record<string, { window: string; mode: 'mute' | 'skip' }> = {};
  const raised: Alert[] = [];
  const silenced = new Set<string>();
  const released = new Set<string>();
  for (const a of alerts) {
// skip wins over mute when both hold an alert: it is the stronger promise
const hits = a.kind === 'meta' ? [] : active.filter((w) => windowCovers(w, a, riskGroupsOf));
const w = hits.find((h) => h.mode === 'skip') ?? hits[0];
if (w === undefined) {
  if (state.held[a.key] !== undefined) released.add(a.key);
  raised.push(a);
  continue;
}
held[a.key] = { window: w.id, mode: w.mode };
silenced.add(a.key);
if (w.mode === 'mute') raised.push(a);
  }
  return { raised, silenced, released, state: { held } };
}
