/**
 * `/api/v1/alerting/…`: maintenance windows, silences, duty rosters and receivers at run time
 * (issue 12, item 10). Everyone reads; operators and admins book, change, end and cancel windows,
 * silences and roster overrides; admins send test notifications; inspectors read and write nothing.
 * A change names the version read (`version` in the body, or `If-Match`): a stale one is 409.
 * Every write appends an audit record (who, what, before and after) in its own transaction. The
 * engine reads the bookings at its next step: no restart, no reload. Times in JSON are UTC; the
 * `local` members show them in the operator's zone, zone named.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { actorOf } from '../../auth/middleware.js';
import { engineWindow, silenceMatcherSchema, silencePhase, windowContent, windowPhase, withOverrides, type BookedWindow, type BookingKind, type BookingKinds, type BookingMeta, type RosterOverride, type Silence } from '../../alerting/bookings.js';
import { dutyTimeline, periodsAt } from '../../alerting/roster-view.js';
import { dutyTiers } from '../../alerting/roster.js';
import { occurrenceAt, touchesCore, type EngineWindow } from '../../alerting/windows.js';
import { formatInZone } from '../../alerting/receivers/message-text.js';
import type { Alert, Notification } from '../../alerting/types.js';
import { maintenanceWindowSchema, PROTECTION_CLASSES, type MaintenanceWindowConfig, type RosterConfig } from '../../config/schema.js';
import { LedgerRuleError } from '../../ledger/errors.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { iso, listParam } from '../params.js';
import type { Route } from '../route.js';
import type { AlertingApi } from './alerting-port.js';
import { bodyOf, ledgerRoute, pathParam } from './ledger-http.js';

/** How far ahead the roster view reaches. */
export const ROSTER_VIEW_DAYS = 7;

/** The alerting port, or a 404 when this daemon runs without it. */
export function alertingOf(deps: ApiDeps): AlertingApi {
  if (deps.alerting === undefined) throw new ApiError(404, 'not_found', 'on-call alerting is not enabled');
  return deps.alerting;
}

const isoTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
const text = z.string().trim().min(1).max(2000);
const version = z.number().int().min(1);

/** A window booked through the API: the configuration's shape; the id is made when not given. */
export const windowCreate = maintenanceWindowSchema.extend({ id: maintenanceWindowSchema.shape.id.optional() });
/** A change to a window: any of its content, at the version read. */
const windowPatch = z.strictObject({
  version: version.optional(),
  mode: maintenanceWindowSchema.shape.mode.optional(),
  scope: maintenanceWindowSchema.shape.scope.optional(),
  schedule: maintenanceWindowSchema.shape.schedule.optional(),
  reason: z.string().nullable().optional(),
  operationPlanRef: z.string().min(1).nullable().optional(),
});
const versionOnly = z.strictObject({ version: version.optional() }).optional();
export const silenceCreate = z.strictObject({
  matchers: z.array(silenceMatcherSchema).min(1).max(20),
  startsAt: isoTime.optional(),
  endsAt: isoTime,
  comment: text,
});
export const overrideCreate = z.strictObject({
  replaces: z.string().min(1).max(64),
  by: z.string().min(1).max(64),
  from: isoTime,
  to: isoTime,
  reason: z.string().trim().max(2000).default(''),
});

/** The version a change names: `If-Match: "3"` or the body's `version` (422 when neither). */
function versionOf(req: Request, body: { version?: number | undefined } | undefined): number {
  const header = req.headers['if-match'];
  if (typeof header === 'string') {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (m === null) throw new ApiError(422, 'invalid_input', 'If-Match: expected the version read, e.g. "3"');
    return Number(m[1]);
  }
  const q = req.query['version'];
  if (body?.version === undefined && typeof q === 'string' && /^\d+$/.test(q)) return Number(q);
  if (body?.version === undefined) throw new ApiError(422, 'invalid_input', 'body.version: send the version you read (or If-Match)');
  return body.version;
}

/** A booking's record with ISO times. */
function metaView(b: BookingMeta): Record<string, unknown> {
  return { version: b.version, createdAt: iso(b.createdAt), createdBy: b.createdBy, updatedAt: iso(b.updatedAt), updatedBy: b.updatedBy, closedAt: iso(b.closedAt), closedBy: b.closedBy, closedHow: b.closedHow };
}

/** Problems of a window's content the schema cannot see: a one-off that ends before it starts, or in the past. */
function windowProblems(w: MaintenanceWindowConfig, now: number, zone: string): string[] {
  const s = w.schedule;
  const out: string[] = [];
  if (s.every === 'once' && s.end <= s.start) out.push('schedule.end: a window ends after it starts');
  else if (s.every === 'once' && occurrenceAt(w, now, zone) === null && windowPhase(w, now, zone) === 'past') out.push('schedule.end: the window would be over already');
  if (s.every !== 'once' && s.from !== undefined && s.until !== undefined && s.until < s.from) out.push('schedule.until: before schedule.from');
  return out;
}

/** The meta-alert warning of a window: PC-CORE elements in its scope and no operation plan. */
function windowWarnings(w: EngineWindow, a: AlertingApi, now: number): string[] {
  if (w.operationPlanRef !== undefined || windowPhase(w, now, a.timeZone()) === 'past' || !touchesCore(w, a.devices())) return [];
  return ['operationPlanRef: the window covers PC-CORE elements without an approved operation plan (割接方案); a WindowWithoutOperationPlan meta alert is raised until it ends'];
}

/** A window as the API answers it, configured or booked. */
export function windowView(w: MaintenanceWindowConfig, booked: BookedWindow | null, a: AlertingApi, now: number): Record<string, unknown> {
  const zone = a.timeZone();
  const ew: EngineWindow = booked === null ? w : engineWindow(booked);
  const occ = occurrenceAt(ew, now, zone);
  return {
    ...windowContent({ ...w, ...(booked ?? {}) } as BookedWindow),
    source: booked === null ? 'config' : 'api',
    state: windowPhase(ew, now, zone),
    current: occ === null ? null : { start: iso(occ.start), end: iso(occ.end), local: `${formatInZone(occ.start, zone)} – ${formatInZone(occ.end, zone)}` },
    timeZone: zone,
    warnings: windowWarnings(ew, a, now),
    ...(booked === null ? {} : metaView(booked)),
  };
}

/** A silence as the API answers it. */
export function silenceView(s: Silence, now: number, zone: string): Record<string, unknown> {
  return {
    id: s.id, matchers: s.matchers, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), comment: s.comment, createdBy: s.createdBy,
    state: silencePhase(s, now), timeZone: zone, local: { startsAt: formatInZone(s.startsAt, zone), endsAt: formatInZone(s.endsAt, zone) }, ...metaView(s),
  };
}

/** An override as the API answers it. */
export function overrideView(o: RosterOverride, now: number, zone: string): Record<string, unknown> {
  const state = o.closedAt !== null && o.closedAt <= now ? 'cancelled' : now >= o.to ? 'past' : now >= o.from ? 'active' : 'upcoming';
  return {
    id: o.id, roster: o.roster, replaces: o.replaces, by: o.by, from: iso(o.from), to: iso(o.to), reason: o.reason, state,
    local: { from: formatInZone(o.from, zone), to: formatInZone(o.to, zone) }, ...metaView(o),
  };
}

/** The new record of a booking changed by `actor` at `at` (version + 1). */
function touched<T extends BookingMeta>(b: T, actor: string, at: number, extra: Partial<T> = {}): T {
  return { ...b, ...extra, version: b.version + 1, updatedAt: at, updatedBy: actor };
}

/** A fresh record for a new booking. */
function fresh(id: string, actor: string, at: number): BookingMeta {
  return { id, version: 1, createdAt: at, createdBy: actor, updatedAt: at, updatedBy: actor, closedAt: null, closedBy: null, closedHow: null };
}

/** Closes a booking (end, cancel, expire) at the version read, with its audit record. */
async function close<K extends BookingKind>(a: AlertingApi, kind: K, id: string, expected: number, how: 'ended' | 'cancelled' | 'expired', actor: string): Promise<BookingKinds[K]> {
  const at = a.now();
  return a.store.update(kind, id, expected, (cur) => {
    if (cur.closedAt !== null) throw new LedgerRuleError(`${kind} "${id}" was ${cur.closedHow ?? 'closed'} already`);
    const item = touched(cur, actor, at, { closedAt: at, closedBy: actor, closedHow: how } as Partial<BookingKinds[K]>);
    return { item, audit: { at, actor, action: `${kind}.${how === 'ended' ? 'end' : how === 'cancelled' ? 'cancel' : 'expire'}`, target: `${kind}:${id}`, before: cur, after: item } };
  });
}

/** Every receiver a roster may page (any slot, any special period). */
function rosterMembers(r: RosterConfig): Set<string> {
  return new Set([...r.slots, ...r.specialPeriods.flatMap((p) => p.slots)].flatMap((s) => s.tiers.flat()));
}

/** A booked window, 409 for a configured one, 404 for none. */
async function bookedOr404(a: AlertingApi, id: string): Promise<BookedWindow> {
  const w = await a.store.get('window', id);
  if (w !== null) return w;
  if (a.config().windows.some((c) => c.id === id)) throw new ApiError(409, 'conflict', `window "${id}" is declared in the configuration; change it there`);
  throw new ApiError(404, 'not_found', `no window "${id}"`);
}

/** Every window, configured then booked, as the API answers them (shared with the console). */
export async function allWindowViews(a: AlertingApi, now: number): Promise<Record<string, unknown>[]> {
  return (await allWindows(a)).map((view) => view(now));
}

/** Every window, configured then booked, each with its view made on demand (a page computes only its rows). */
export async function allWindows(a: AlertingApi): Promise<((now: number) => Record<string, unknown>)[]> {
  const booked = await a.store.list('window');
  return [...a.config().windows.map((w) => (now: number) => windowView(w, null, a, now)), ...booked.map((b) => (now: number) => windowView(b, b, a, now))];
}

/** Books a window for `actor` (audited as `window.create`); 409 for a configured id, 422 for a schedule over or backwards. */
export async function bookWindow(a: AlertingApi, body: z.output<typeof windowCreate>, actor: string): Promise<BookedWindow> {
  const now = a.now();
  const id = body.id ?? `mw-${randomUUID().slice(0, 8)}`;
  if (a.config().windows.some((w) => w.id === id)) throw new ApiError(409, 'conflict', `window "${id}" is declared in the configuration; choose another id`);
  const content = maintenanceWindowSchema.parse({ ...body, id });
  const problems = windowProblems(content, now, a.timeZone());
  if (problems.length > 0) throw new ApiError(422, 'invalid_input', problems.map((p) => `body.${p}`).join('; '));
  const w: BookedWindow = { ...content, ...fresh(id, actor, now) };
  return a.store.create('window', w, { at: now, actor, action: 'window.create', target: `window:${id}`, before: null, after: w });
}

/** Ends a window in force now (`window.end`); one not in force is refused (cancel it instead). */
export async function endWindow(a: AlertingApi, id: string, expected: number, actor: string): Promise<BookedWindow> {
  const w = await bookedOr404(a, id);
  if (windowPhase(engineWindow(w), a.now(), a.timeZone()) !== 'active') throw new LedgerRuleError(`window "${id}" is not in force now; cancel it instead`, ['cancel']);
  return close(a, 'window', id, expected, 'ended', actor);
}

/** Cancels a booked window (`window.cancel`). */
export async function cancelWindow(a: AlertingApi, id: string, expected: number, actor: string): Promise<BookedWindow> {
  await bookedOr404(a, id);
  return close(a, 'window', id, expected, 'cancelled', actor);
}

/** The windows endpoints. */
function windowRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'GET', path: '/api/v1/alerting/windows', access: 'read',
      // ?state=active,upcoming,past &source=config,api &site= &class= &device= (a window whose scope names one, or has no such key)
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const now = a.now();
        const states = listParam(req, 'state', ['active', 'upcoming', 'past'] as const);
        const sources = listParam(req, 'source', ['config', 'api'] as const);
        const site = listParam(req, 'site');
        const cls = listParam(req, 'class', PROTECTION_CLASSES);
        const device = listParam(req, 'device');
        const hits = (list: readonly string[] | undefined, want: Set<string> | null): boolean => want === null || list === undefined || list.some((x) => want.has(x));
        const all = await allWindowViews(a, now);
        const items = all.filter((v) => {
          const scope = v['scope'] as MaintenanceWindowConfig['scope'];
          return (states === null || states.has(v['state'] as 'active')) && (sources === null || sources.has(v['source'] as 'api'))
            && hits(scope.site, site) && hits(scope.class, cls) && hits(scope.device, device);
        });
        res.json({ at: iso(now), timeZone: a.timeZone(), total: items.length, items });
      },
    },
    {
      method: 'POST', path: '/api/v1/alerting/windows', access: 'work', body: windowCreate,
      handler: async (_req, res) => {
        const a = alertingOf(deps);
        const saved = await bookWindow(a, bodyOf(windowCreate, res), actorOf(res));
        res.status(201).setHeader('Location', `/api/v1/alerting/windows/${encodeURIComponent(saved.id)}`);
        res.json(windowView(saved, saved, a, saved.createdAt));
      },
    },
    {
      method: 'GET', path: '/api/v1/alerting/windows/:id', access: 'read',
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const id = pathParam(req, 'id');
        const now = a.now();
        const configured = a.config().windows.find((w) => w.id === id);
        if (configured !== undefined) {
          res.json(windowView(configured, null, a, now));
          return;
        }
        const w = await bookedOr404(a, id);
        res.setHeader('ETag', `"${w.version}"`);
        res.json(windowView(w, w, a, now));
      },
    },
    {
      method: 'PATCH', path: '/api/v1/alerting/windows/:id', access: 'work', body: windowPatch,
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const id = pathParam(req, 'id');
        const body = bodyOf(windowPatch, res);
        const expected = versionOf(req, body);
        await bookedOr404(a, id);
        const now = a.now();
        const actor = actorOf(res);
        const saved = await a.store.update('window', id, expected, (cur) => {
          if (cur.closedAt !== null) throw new LedgerRuleError(`window "${id}" was ${cur.closedHow ?? 'closed'}; book a new one`);
          const { reason, operationPlanRef, mode, scope, schedule } = body;
          const merged: Record<string, unknown> = { ...windowContent(cur), ...(mode === undefined ? {} : { mode }), ...(scope === undefined ? {} : { scope }), ...(schedule === undefined ? {} : { schedule }) };
          if (reason !== undefined) merged['reason'] = reason ?? undefined;
          if (operationPlanRef !== undefined) merged['operationPlanRef'] = operationPlanRef ?? undefined;
          const content = maintenanceWindowSchema.parse(JSON.parse(JSON.stringify(merged)));
          const problems = windowProblems(content, now, a.timeZone());
          if (problems.length > 0) throw new ApiError(422, 'invalid_input', problems.map((p) => `body.${p}`).join('; '));
          const base = touched(cur, actor, now);
          const item: BookedWindow = { ...content, ...metaOf(base) };
          return { item, audit: { at: now, actor, action: 'window.update', target: `window:${id}`, before: cur, after: item } };
        });
        res.setHeader('ETag', `"${saved.version}"`);
        res.json(windowView(saved, saved, a, now));
      },
    },
    {
      method: 'POST', path: '/api/v1/alerting/windows/:id/end', access: 'work', body: versionOnly,
      // ends the window now: what it still holds is sent again at the engine's next step
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const id = pathParam(req, 'id');
        const expected = versionOf(req, bodyOf(versionOnly, res));
        const saved = await endWindow(a, id, expected, actorOf(res));
        res.json(windowView(saved, saved, a, a.now()));
      },
    },
    {
      method: 'DELETE', path: '/api/v1/alerting/windows/:id', access: 'work', body: versionOnly,
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const id = pathParam(req, 'id');
        const expected = versionOf(req, bodyOf(versionOnly, res));
        const saved = await cancelWindow(a, id, expected, actorOf(res));
        res.json(windowView(saved, saved, a, a.now()));
      },
    },
  ];
}

/** A booking's record fields alone. */
function metaOf(b: BookingMeta): BookingMeta {
  return { id: b.id, version: b.version, createdAt: b.createdAt, createdBy: b.createdBy, updatedAt: b.updatedAt, updatedBy: b.updatedBy, closedAt: b.closedAt, closedBy: b.closedBy, closedHow: b.closedHow };
}

/** Creates a silence for `actor` (`silence.create`); 422 when it would end before now or its start. */
export async function createSilence(a: AlertingApi, body: z.output<typeof silenceCreate>, actor: string): Promise<Silence> {
  const now = a.now();
  const startsAt = body.startsAt ?? now;
  if (body.endsAt <= Math.max(startsAt, now)) throw new ApiError(422, 'invalid_input', 'body.endsAt: a silence ends in the future and after it starts');
  const id = `si-${randomUUID().slice(0, 8)}`;
  const s: Silence = { ...fresh(id, actor, now), matchers: body.matchers, startsAt, endsAt: body.endsAt, comment: body.comment };
  return a.store.create('silence', s, { at: now, actor, action: 'silence.create', target: `silence:${id}`, before: null, after: s });
}

/** Expires a silence now (`silence.expire`). */
export async function expireSilence(a: AlertingApi, id: string, expected: number, actor: string): Promise<Silence> {
  return close(a, 'silence', id, expected, 'expired', actor);
}

/** The silences endpoints. */
function silenceRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'GET', path: '/api/v1/alerting/silences', access: 'read',
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const now = a.now();
        const states = listParam(req, 'state', ['active', 'pending', 'expired'] as const);
        const items = (await a.store.list('silence')).filter((s) => states === null || states.has(silencePhase(s, now)));
        res.json({ at: iso(now), timeZone: a.timeZone(), total: items.length, items: items.map((s) => silenceView(s, now, a.timeZone())) });
      },
    },
    {
      method: 'POST', path: '/api/v1/alerting/silences', access: 'work', body: silenceCreate,
      handler: async (_req, res) => {
        const a = alertingOf(deps);
        const saved = await createSilence(a, bodyOf(silenceCreate, res), actorOf(res));
        res.status(201).setHeader('Location', `/api/v1/alerting/silences/${saved.id}`);
        res.json(silenceView(saved, saved.createdAt, a.timeZone()));
      },
    },
    {
      method: 'DELETE', path: '/api/v1/alerting/silences/:id', access: 'work', body: versionOnly,
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const id = pathParam(req, 'id');
        const expected = versionOf(req, bodyOf(versionOnly, res));
        const saved = await expireSilence(a, id, expected, actorOf(res));
        res.json(silenceView(saved, a.now(), a.timeZone()));
      },
    },
  ];
}

/** The effective rosters now and for the next ROSTER_VIEW_DAYS days, as the API answers them (shared with the console). */
export async function rosterViews(a: AlertingApi): Promise<Record<string, unknown>> {
  const now = a.now();
  const zone = a.timeZone();
  const until = now + ROSTER_VIEW_DAYS * 86_400_000;
  const overrides = await a.store.list('rosterOverride');
  const periods = a.periods();
  const local = (ms: number): string => formatInZone(ms, zone);
  const items = a.config().rosters.map((r) => ({
    name: r.name,
    now: withOverrides(r.name, dutyTiers(r, now, zone, periodsAt(periods, now)), overrides, now),
    timeline: dutyTimeline(r, now, until, zone, periods, overrides).map((s) => ({ ...s, from: iso(s.from), to: iso(s.to), local: { from: local(s.from), to: local(s.to) } })),
    overrides: overrides.filter((o) => o.roster === r.name && (o.closedAt === null || o.closedAt > now) && o.to > now).map((o) => overrideView(o, now, zone)),
  }));
  return { at: iso(now), until: iso(until), timeZone: zone, periods: periods.map((p) => ({ id: p.id, kind: p.kind, name: p.name, start: iso(p.startMs), end: iso(p.endMs), local: { start: local(p.startMs), end: local(p.endMs) } })), items };
}

/** Creates a roster override for `actor` (`rosterOverride.create`); 404 for no such roster, 422 naming every problem. */
export async function createOverride(a: AlertingApi, rosterName: string, body: z.output<typeof overrideCreate>, actor: string): Promise<RosterOverride> {
  const roster = a.config().rosters.find((x) => x.name === rosterName);
  if (roster === undefined) throw new ApiError(404, 'not_found', `no roster "${rosterName}"`);
  const now = a.now();
  const problems: string[] = [];
  if (!rosterMembers(roster).has(body.replaces)) problems.push(`body.replaces: "${body.replaces}" is not on roster "${roster.name}"`);
  if (!a.config().receivers.some((r) => r.name === body.by)) problems.push(`body.by: "${body.by}" is not a configured receiver (alerting.receivers)`);
  if (body.by === body.replaces) problems.push('body.by: the stand-in is the one replaced');
  if (body.to <= body.from) problems.push('body.to: an override ends after it starts');
  else if (body.to <= now) problems.push('body.to: the override would be over already');
  if (problems.length > 0) throw new ApiError(422, 'invalid_input', problems.join('; '));
  const id = `ro-${randomUUID().slice(0, 8)}`;
  const o: RosterOverride = { ...fresh(id, actor, now), roster: roster.name, replaces: body.replaces, by: body.by, from: body.from, to: body.to, reason: body.reason };
  return a.store.create('rosterOverride', o, { at: now, actor, action: 'rosterOverride.create', target: `rosterOverride:${id}`, before: null, after: o });
}

/** Cancels a roster override (`rosterOverride.cancel`). */
export async function cancelOverride(a: AlertingApi, rosterName: string, id: string, expected: number, actor: string): Promise<RosterOverride> {
  const o = await a.store.get('rosterOverride', id);
  if (o === null || o.roster !== rosterName) throw new ApiError(404, 'not_found', `no override "${id}" on roster "${rosterName}"`);
  return close(a, 'rosterOverride', id, expected, 'cancelled', actor);
}

/** The roster endpoints: the effective roster, and overrides. */
function rosterRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'GET', path: '/api/v1/alerting/rosters', access: 'read',
      handler: async (_req, res) => {
        res.json(await rosterViews(alertingOf(deps)));
      },
    },
    {
      method: 'POST', path: '/api/v1/alerting/rosters/:name/overrides', access: 'work', body: overrideCreate,
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const saved = await createOverride(a, pathParam(req, 'name'), bodyOf(overrideCreate, res), actorOf(res));
        res.status(201).setHeader('Location', `/api/v1/alerting/rosters/${encodeURIComponent(saved.roster)}/overrides/${saved.id}`);
        res.json(overrideView(saved, saved.createdAt, a.timeZone()));
      },
    },
    {
      method: 'DELETE', path: '/api/v1/alerting/rosters/:name/overrides/:id', access: 'work', body: versionOnly,
      handler: async (req, res) => {
        const a = alertingOf(deps);
        const expected = versionOf(req, bodyOf(versionOnly, res));
        const saved = await cancelOverride(a, pathParam(req, 'name'), pathParam(req, 'id'), expected, actorOf(res));
        res.json(overrideView(saved, a.now(), a.timeZone()));
      },
    },
  ];
}

/** The test notification an admin sends to one receiver. */
function testNotification(receiver: string, actor: string, at: number): Notification {
  const alert: Alert = {
    key: `meta:test:${receiver}`, kind: 'meta', severity: 'info', colour: null,
    labels: { alertname: 'RedlineTestNotification', receiver },
    summary: { zh: `测试通知：接收方 ${receiver}`, en: `Test notification to receiver ${receiver}` },
    description: {
      zh: `这是 ${actor} 发送的测试通知，用于确认接收方 ${receiver} 能收到 redline 的告警。无需处理。`,
      en: `A test notification sent by ${actor} to check that receiver ${receiver} gets redline's alerts. Nothing to do.`,
    },
    startsAt: at, endsAt: null,
  };
  return { deliveryId: `test:${receiver}:${randomUUID()}`, receiver, groupKey: `test:${receiver}`, groupLabels: { receiver }, status: 'firing', alerts: [alert], at, reason: 'new', tier: 0 };
}

/** One receiver as the API and the console show it. */
export interface ReceiverView {
  readonly name: string;
  readonly type: string;
  readonly secrets: readonly { readonly name: string; readonly env?: string; readonly file?: string }[];
  readonly options: readonly string[];
  readonly delivery: { readonly pending: number; readonly retrying: number; readonly inflight: number; readonly delivered: number; readonly dead: number; readonly lastDeliveredAt: string | null; readonly lastDead: { readonly at: string | null; readonly error: string | null } | null; readonly lastRetryError: string | null };
}

/** The receivers with secrets as references only (which variable, which file), never their values; options by name only (URLs may hold keys). */
export async function receiverViews(a: AlertingApi): Promise<ReceiverView[]> {
  const health = await a.store.deliveryHealth();
  const zero = { pending: 0, retrying: 0, inflight: 0, delivered: 0, dead: 0, lastDeliveredAt: null, lastDead: null, lastRetryError: null };
  return a.config().receivers.map((r) => {
    const h = health.find((x) => x.receiver === r.name) ?? { receiver: r.name, ...zero };
    return {
      name: r.name, type: r.type,
      secrets: Object.entries(r.secrets).map(([name, ref]) => ({ name, ...('env' in ref ? { env: ref.env } : { file: ref.file }) })),
      options: Object.keys(r.options).sort(),
      delivery: { ...h, receiver: undefined, lastDeliveredAt: iso(h.lastDeliveredAt), lastDead: h.lastDead === null ? null : { at: iso(h.lastDead.at), error: h.lastDead.error } },
    };
  });
}

/** Queues a test notification to receiver `name` through the outbox like any page (`receiver.test`); 404 for no such receiver. */
export async function sendTestNotification(a: AlertingApi, name: string, actor: string): Promise<Notification> {
  if (!a.config().receivers.some((r) => r.name === name)) throw new ApiError(404, 'not_found', `no receiver "${name}"`);
  const now = a.now();
  const n = testNotification(name, actor, now);
  await a.store.enqueue([n], { at: now, actor, action: 'receiver.test', target: `receiver:${name}`, before: null, after: { deliveryId: n.deliveryId } });
  return n;
}

/** The receivers endpoints. */
function receiverRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'GET', path: '/api/v1/alerting/receivers', access: 'read',
      handler: async (_req, res) => {
        const a = alertingOf(deps);
        const items = await receiverViews(a);
        res.json({ at: iso(a.now()), total: items.length, items });
      },
    },
    {
      method: 'POST', path: '/api/v1/alerting/receivers/:name/test', access: 'admin',
      // retried, counted, a permanent refusal raises the meta alert
      handler: async (req, res: Response) => {
        const n = await sendTestNotification(alertingOf(deps), pathParam(req, 'name'), actorOf(res));
        res.status(202).json({ receiver: n.receiver, deliveryId: n.deliveryId, at: iso(n.at) });
      },
    },
  ];
}

/** Every alerting endpoint. */
export function alertingRoutes(deps: ApiDeps): Route[] {
  return [...windowRoutes(deps), ...silenceRoutes(deps), ...rosterRoutes(deps), ...receiverRoutes(deps)].map(ledgerRoute);
}
