/**
 * The HTTP API (an express app factory; `listen` belongs to the composition root).
 * Errors have one stable shape: `{ "error": { "code": "...", "message": "..." } }`.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Registry } from 'prom-client';
import type { AnalysisReport } from '../analysis/analyze.js';
import { COLOURS, FINDING_STATES, type Finding } from '../analysis/finding.js';
import type { DeviceObservation } from '../collect/observation.js';
import { PROTECTION_CLASSES } from '../config/schema.js';
import type { Inventory } from '../inventory/model.js';
import { WHATIF_PATH, whatIfHandler, type WhatIfView } from './whatif-route.js';

/** The latest known state of one device, as the API reads it from the store. */
export interface DeviceState {
  readonly observation: DeviceObservation | null;
  readonly observedAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly consecutiveFailures: number;
  readonly stale: boolean;
}

/** One recorded change of state. */
export interface TransitionView {
  readonly at: number;
  /** Order among transitions recorded at the same time (the paging cursor). */
  readonly seq: number;
  readonly subject: string;
  readonly from: string | null;
  readonly to: string;
}

/** The latest result of one health check. */
export interface HealthView {
  readonly ok: boolean;
  readonly at: number;
  readonly httpStatus: number | null;
  readonly latencyMs: number | null;
  readonly reasons: readonly string[];
  readonly stale: boolean;
}

/** The latest analysis report, when it ran, and whether later passes failed (then it is the last good one). */
export interface LatestReport {
  readonly report: AnalysisReport;
  readonly analysedAt: number;
  readonly stale: boolean;
}

/** The protection analysis, as the API reads it (what-if: whatif-route.ts). */
export interface AnalysisView extends WhatIfView {
  /** The latest report, or null before the first analysis. */
  readonly latest: () => LatestReport | null;
}

/** What the API reads. */
export interface ApiDeps {
  readonly inventory: () => Inventory;
  readonly device: (id: string) => DeviceState | null;
  readonly transitions: (id: string, opts: { limit: number; before?: number; beforeSeq?: number }) => TransitionView[];
  readonly health: (id: string) => HealthView | null;
  /** Ready, or why not (the app decides: first cycle, store writes, stalled polling). */
  readonly readiness: () => { ready: boolean; reason?: string; polled: number; total: number };
  readonly registry: Registry;
  /** The protection analysis (findings, what-if); without it those endpoints answer 404. */
  readonly analysis?: AnalysisView;
}

/** An API error with its HTTP status and stable code. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The state word of a device for lists: pending (never polled), ok, unreachable, stale. */
export function deviceStatus(s: DeviceState | null): 'pending' | 'ok' | 'unreachable' | 'stale' {
  if (s === null || s.observedAt === null) return 'pending';
  if (s.stale) return 'stale';
  return s.consecutiveFailures > 0 ? 'unreachable' : 'ok';
}

function summary(o: DeviceObservation | null): Record<string, number> | null {
  if (o === null) return null;
  const count = <T>(list: readonly T[], f: (x: T) => boolean): number => list.filter(f).length;
  return {
    psuOk: count(o.powerSupplies, (p) => p.status === 'ok'),
    psuFailed: count(o.powerSupplies, (p) => p.status === 'failed'),
    psuAbsent: count(o.powerSupplies, (p) => p.status === 'absent'),
    fansFailed: count(o.fans, (p) => p.status === 'failed'),
    bgpPeers: o.bgpPeers.length,
    bgpEstablished: count(o.bgpPeers, (p) => p.state === 'established'),
    ospfNeighbors: o.ospfNeighbors.length,
    ospfFull: count(o.ospfNeighbors, (n) => n.state === 'full'),
    interfaces: o.interfaces.length,
    interfacesUp: count(o.interfaces, (i) => i.operStatus === 'up'),
    neighbors: o.neighbors.length,
    errors: o.errors.length,
  };
}

function intParam(req: Request, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError(400, 'bad_request', `${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** Builds the express app. */
export function createApiApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', (_req, res) => {
    const r = deps.readiness();
    res.status(r.ready ? 200 : 503).json({ status: r.ready ? 'ready' : 'not_ready', ...(r.reason !== undefined ? { reason: r.reason } : {}), polled: r.polled, total: r.total });
  });

  app.get('/metrics', (_req, res, next) => {
    deps.registry.metrics().then((text) => {
      res.type(deps.registry.contentType).send(text);
    }, next);
  });

  const deviceView = (id: string, withObservation: boolean): Record<string, unknown> => {
    const inv = deps.inventory();
    const d = inv.devices.get(id);
    if (d === undefined) throw new ApiError(404, 'not_found', `no device "${id}"`);
    const s = deps.device(id);
    return {
      id: d.id,
      name: d.name ?? d.id,
      site: d.site,
      room: d.room ?? null,
      role: d.role,
      class: d.class,
      target: d.poll === undefined ? null : (d.poll.host.includes(':') ? `[${d.poll.host}]:${d.poll.port}` : `${d.poll.host}:${d.poll.port}`),
      status: deviceStatus(s),
      observedAt: iso(s?.observedAt ?? null),
      lastSuccessAt: iso(s?.lastSuccessAt ?? null),
      consecutiveFailures: s?.consecutiveFailures ?? 0,
      summary: summary(s?.observation ?? null),
      ...(withObservation ? { observation: s?.observation ?? null } : {}),
    };
  };

  app.get('/api/v1/devices', (req, res) => {
    const limit = intParam(req, 'limit', 500, 1, 5000);
    const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const withObs = req.query['observation'] !== 'false';
    const ids = [...deps.inventory().devices.keys()].sort();
    const page = ids.slice(offset, offset + limit);
    res.json({
      total: ids.length,
      offset,
      limit,
      items: page.map((id) => deviceView(id, withObs)),
    });
  });

  app.get('/api/v1/devices/:id', (req, res) => {
    res.json(deviceView(req.params.id, true));
  });

  app.get('/api/v1/devices/:id/transitions', (req, res) => {
    const id = req.params.id;
    if (!deps.inventory().devices.has(id)) throw new ApiError(404, 'not_found', `no device "${id}"`);
    const limit = intParam(req, 'limit', 100, 1, 1000);
    const beforeRaw = req.query['before'];
    let before: number | undefined;
    if (beforeRaw !== undefined) {
      before = typeof beforeRaw === 'string' ? Date.parse(beforeRaw) : NaN;
      if (Number.isNaN(before)) throw new ApiError(400, 'bad_request', 'before must be an ISO 8601 time');
    }
    const beforeSeq = req.query['beforeSeq'] === undefined ? undefined : intParam(req, 'beforeSeq', 0, 0, Number.MAX_SAFE_INTEGER);
    if (beforeSeq !== undefined && before === undefined) throw new ApiError(400, 'bad_request', 'beforeSeq needs before');
    const items = deps.transitions(id, { limit, ...(before !== undefined ? { before } : {}), ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    const last = items.at(-1);
    const cursor = last === undefined ? '' : `&before=${encodeURIComponent(new Date(last.at).toISOString())}&beforeSeq=${last.seq}`;
    res.json({
      device: id,
      items: items.map((t) => ({ at: iso(t.at), subject: t.subject, from: t.from, to: t.to })),
      next: items.length === limit && last !== undefined ? `/api/v1/devices/${encodeURIComponent(id)}/transitions?limit=${limit}${cursor}` : null,
    });
  });

  app.get('/api/v1/health-checks', (_req, res) => {
    const inv = deps.inventory();
    res.json({
      items: [...inv.health.values()].map((h) => {
        const r = deps.health(h.id);
        let host: string | null = null;
        try { host = new URL(h.url).host; } catch { host = null; }
        return {
          id: h.id,
          // only the host is shown: paths and queries can carry tokens
          host,
          standsFor: h.standsFor ?? null,
          status: r === null ? 'pending' : r.stale ? 'stale' : r.ok ? 'up' : 'down',
          at: iso(r?.at ?? null),
          httpStatus: r?.httpStatus ?? null,
          latencyMs: r?.latencyMs ?? null,
          reasons: r?.reasons ?? [],
        };
      }),
    });
  });

  const listParam = <T extends string>(req: Request, name: string, allowed?: readonly T[]): Set<T> | null => {
    const raw = req.query[name];
    if (raw === undefined) return null;
    if (typeof raw !== 'string' || raw.trim() === '') throw new ApiError(400, 'bad_request', `${name} must be a comma-separated list`);
    const values = raw.split(',').map((v) => v.trim()).filter((v) => v !== '');
    const bad = allowed === undefined ? [] : values.filter((v) => !(allowed as readonly string[]).includes(v));
    if (bad.length > 0) throw new ApiError(400, 'bad_request', `${name}: unknown value ${bad.map((b) => `"${b}"`).join(', ')} (expected ${allowed!.join(', ')})`);
    return new Set(values as T[]);
  };
  const analysis = (): AnalysisView => {
    if (deps.analysis === undefined) throw new ApiError(404, 'not_found', 'the protection analysis is not enabled');
    return deps.analysis;
  };

  // Findings of the latest analysis. Filters are comma-separated lists; without `state`, every
  // state but `protected` (state=all for every finding, protected included).
  app.get('/api/v1/findings', (req, res) => {
    const latest = analysis().latest();
    if (latest === null) throw new ApiError(503, 'not_ready', 'no analysis yet: it runs once every device has been polled');
    const report = latest.report;
    const stateRaw = req.query['state'];
    const states = stateRaw === 'all' ? new Set(FINDING_STATES) : listParam(req, 'state', FINDING_STATES) ?? new Set(FINDING_STATES.filter((x) => x !== 'protected'));
    const colours = listParam(req, 'colour', COLOURS);
    const classes = listParam(req, 'class', PROTECTION_CLASSES);
    const sites = listParam(req, 'site');
    const rules = listParam(req, 'rule', report.summary.rules.map((r) => r.rule));
    const limit = intParam(req, 'limit', 1000, 1, 10_000);
    const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const keep = (f: Finding): boolean =>
      states.has(f.state) &&
      (colours === null || (f.colour !== null && colours.has(f.colour))) &&
      (classes === null || classes.has(f.class)) &&
      (sites === null || f.sites.some((x) => sites.has(x))) &&
      (rules === null || rules.has(f.rule));
    const items = report.findings.filter(keep);
    res.json({
      at: iso(report.at),
      analysedAt: iso(latest.analysedAt),
      stale: latest.stale,
      total: items.length,
      offset,
      limit,
      items: items.slice(offset, offset + limit),
      summary: report.summary,
      waivers: report.waivers,
      periods: report.periods,
    });
  });

  app.get(WHATIF_PATH, whatIfHandler(deps.analysis));

  app.use((_req, _res, next) => {
    next(new ApiError(404, 'not_found', 'no such endpoint'));
  });

  // express recognises an error handler by its four parameters
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    res.status(status).json({ error: { code: status === 500 ? 'internal' : 'bad_request', message: status === 500 ? 'internal error' : 'bad request' } });
  });
  return app;
}
