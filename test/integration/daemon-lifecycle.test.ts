/**
 * The daemon left running: scheduling on the monotonic clock (interval raised and lowered on
 * reload, wall clock stepped either way, each health check at its own interval) and store
 * failures on a real SQLite file (a second connection holding the write lock), against real
 * SNMP agents (the replay agent) and a real HTTP server, with an injected clock driven second by
 * second and the daemon's own tick.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type AppDeps } from '../../src/app.js';
import { silentLogger } from '../../src/common/logger.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { fleetDevice, syntheticTable } from '../../src/sim/synthetic-devices.js';
import { openSqliteStateStore } from '../../src/state/store.js';
import { captureLogger } from '../support/capture-logger.js';
import { ManualClock } from '../support/clock.js';

const N = 6;
const HOUR = 3_600_000;
let agent: ReplayAgent;
let web: Server;
let webPort = 0;
const hits = new Map<string, number>();
const dir = mkdtempSync(join(tmpdir(), 'redline-lifecycle-'));
let files = 0;

beforeAll(async () => {
  agent = new ReplayAgent(Array.from({ length: N }, (_, n) => ({ community: `life-${n}`, table: syntheticTable(fleetDevice(n)), ownSocket: true })));
  await agent.start();
  for (let n = 0; n < N; n++) process.env[`RL_LIFE_${n}`] = `life-${n}`;
  web = createServer((req, res) => {
    hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
    res.end('ok');
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webPort = (web.address() as { port: number }).port;
});
afterAll(async () => {
  await agent.stop();
  await new Promise<void>((r) => web.close(() => { r(); }));
  rmSync(dir, { recursive: true, force: true });
});

/** A configuration of the N agent devices, polled every `interval` s, plus `health` lines. */
function config(interval: number, health: readonly string[] = [], opts: { devices?: number; retentionDays?: number } = {}): string {
  const n = opts.devices ?? N;
  return [
    'version: 1',
    // not about accounts: authentication off, as it may be on a loopback address
    `settings: { listen: "127.0.0.1:0", auth: { enabled: false }, poll: { intervalSeconds: ${interval}, concurrency: 16 }, snmpDefaults: { timeoutMs: 1000, retries: 0 }${opts.retentionDays !== undefined ? `, retention: { days: ${opts.retentionDays} }` : ''} }`,
    'credentials:',
    ...Array.from({ length: n }, (_, k) => `  c${k}: { version: 2c, community: { env: RL_LIFE_${k} } }`),
    'sites: [{ id: s1, class: PC-AGG }]',
    'devices:',
    ...Array.from({ length: n }, (_, k) => `  - { id: d${k}, site: s1, role: edge, snmp: { host: 127.0.0.1, port: ${agent.portOf(`life-${k}`)}, credentials: c${k} } }`),
    ...(health.length > 0 ? ['health:', ...health] : []),
  ].join('\n');
}

interface Daemon {
  readonly app: App;
  readonly clock: ManualClock;
  readonly cfg: string;
  /** Polls started per device (counted where the real transport is opened). */
  readonly polls: Map<string, number>;
  /** Lets `ms` of time pass, one second (and one tick) at a time, waiting for each tick's polls. */
  run(ms: number): Promise<void>;
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

const running: App[] = [];
afterEach(async () => { for (const a of running.splice(0)) await a.stop(); });

async function daemon(yaml: string, extra: Partial<AppDeps> = {}, reuse?: { cfg: string; clock: ManualClock }): Promise<Daemon> {
  const cfg = reuse?.cfg ?? join(dir, `case-${++files}`);
  if (reuse === undefined) mkdirSync(cfg);
  writeFileSync(join(cfg, 'redline.yaml'), yaml);
  const clock = reuse?.clock ?? new ManualClock();
  const polls = new Map<string, number>();
  const byPort = new Map(Array.from({ length: N }, (_, n) => [agent.portOf(`life-${n}`), `d${n}`]));
  const app = await startApp({
    configPath: cfg, stateFile: join(cfg, 'state.db'), manualClock: true, clock, logger: silentLogger,
    openTransport: (target, creds, opts, secrets) => {
      const id = byPort.get(target.port) ?? '?';
      polls.set(id, (polls.get(id) ?? 0) + 1);
      return openSnmpTransport(target, creds, opts, secrets);
    },
    ...extra,
  });
  running.push(app);
  const base = (): string => `http://127.0.0.1:${app.address().port}`;
  return {
    app, clock, cfg, polls,
    run: async (ms) => {
      for (let t = 0; t < ms; t += 1000) {
        clock.advance(1000);
        app.tick();
        await app.settled();
      }
    },
    get: async (path) => {
      const res = await fetch(`${base()}${path}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

const snapshot = (m: ReadonlyMap<string, number>): Map<string, number> => new Map(m);
const ids = Array.from({ length: N }, (_, n) => `d${n}`);
const since = (now: ReadonlyMap<string, number>, then: ReadonlyMap<string, number>): number[] => ids.map((id) => (now.get(id) ?? 0) - (then.get(id) ?? 0));
const statuses = async (d: Daemon): Promise<string[]> => ((await d.get('/api/v1/devices?observation=false')).body['items'] as { status: string }[]).map((i) => i.status);

describe('scheduling on the monotonic clock', () => {
  it('a reload raising the interval (60 → 300 s) and lowering it (300 → 60 s) keeps every device polled within one new interval', async () => {
    const d = await daemon(config(60));
    await d.run(125_000);
    expect(d.app.ready()).toBe(true);

    writeFileSync(join(d.cfg, 'redline.yaml'), config(300));
    expect(d.app.reload()).toBe(true);
    let before = snapshot(d.polls);
    await d.run(300_000);
    const raised = since(d.polls, before);
    expect(raised.every((n) => n >= 1 && n <= 2), `polls per device in the first 300 s: ${raised.join(',')}`).toBe(true);
    before = snapshot(d.polls);
    await d.run(300_000);
    expect(since(d.polls, before)).toEqual(ids.map(() => 1)); // then once per new interval

    writeFileSync(join(d.cfg, 'redline.yaml'), config(60));
    expect(d.app.reload()).toBe(true);
    before = snapshot(d.polls);
    await d.run(60_000);
    expect(since(d.polls, before).every((n) => n >= 1)).toBe(true);
    before = snapshot(d.polls);
    await d.run(300_000);
    expect(since(d.polls, before).every((n) => n >= 4 && n <= 6)).toBe(true);
    expect(await statuses(d)).toEqual(ids.map(() => 'ok'));
  }, 120_000);

  it('a wall clock stepped +1 h or −1 h changes neither polling, staleness, readiness nor analysis', async () => {
    const d = await daemon(config(60));
    await d.run(125_000);
    expect((await d.get('/readyz')).status).toBe(200);
    const runs = async (): Promise<number> => (await d.app.metrics.analysisRuns.get()).values.find((v) => v.labels['result'] === 'ok')?.value ?? 0;

    const stateCounts = async (): Promise<Record<string, number>> => (await d.app.analyze()).summary.byState;
    const analysed0 = await stateCounts();
    for (const step of [HOUR, -HOUR, -HOUR]) {
      d.clock.stepWall(step);
      // right after the step: nothing looks stale (by wall time, the last polls are an hour off),
      // neither in the API nor in the analysis
      expect(await statuses(d)).toEqual(ids.map(() => 'ok'));
      expect(await stateCounts()).toEqual(analysed0);
      const before = snapshot(d.polls);
      const analysed = await runs();
      await d.run(120_000);
      expect(since(d.polls, before).every((n) => n === 2), `polls after a ${step / HOUR} h step`).toBe(true);
      expect(await runs()).toBeGreaterThan(analysed);
      expect((await d.get('/readyz')).status).toBe(200);
    }

    // with the wall clock an hour behind, polling that stops is still seen: stale, and not ready
    d.clock.advance(4 * 60_000); // no ticks: nothing is polled
    expect(await statuses(d)).toEqual(ids.map(() => 'stale'));
    const r = await d.get('/readyz');
    expect(r.status).toBe(503);
    expect(r.body['reason']).toMatch(/polling has stalled: no poll finished for 2\d\d s/);
    await d.run(60_000);
    expect(await statuses(d)).toEqual(ids.map(() => 'ok'));
    expect((await d.get('/readyz')).status).toBe(200);
  }, 120_000);

  it('runs each health check at its own intervalSeconds, so none flaps to stale', async () => {
    const url = (p: string): string => `http://127.0.0.1:${webPort}/${p}`;
    const d = await daemon(config(60, [
      `  - { id: hc-fast, url: "${url('fast')}", intervalSeconds: 10 }`,
      `  - { id: hc-slow, url: "${url('slow')}", intervalSeconds: 300 }`,
      `  - { id: hc-default, url: "${url('default')}" }`,
    ]));
    hits.clear();
    const seen = new Set<string>();
    for (let k = 0; k < 20; k++) {
      await d.run(30_000);
      const checks = (await d.get('/api/v1/health-checks')).body['items'] as { id: string; status: string }[];
      for (const c of checks) seen.add(`${c.id}:${c.status}`);
    }
    // 600 s: every 10 s, every 300 s, every 30 s (settings.health default)
    expect(hits.get('/fast')).toBeGreaterThanOrEqual(59);
    expect(hits.get('/fast')).toBeLessThanOrEqual(61);
    expect(hits.get('/slow')).toBeGreaterThanOrEqual(2);
    expect(hits.get('/slow')).toBeLessThanOrEqual(3);
    expect(hits.get('/default')).toBeGreaterThanOrEqual(19);
    expect(hits.get('/default')).toBeLessThanOrEqual(21);
    expect([...seen].sort()).toEqual(['hc-default:up', 'hc-fast:up', 'hc-slow:up']);
  }, 120_000);
});

describe('bounded history', () => {
  it('prunes transitions past settings.retention.days, and forgets devices removed from the configuration at start', async () => {
    const DAY = 24 * HOUR;
    const d = await daemon(config(60, [], { retentionDays: 30 }));
    await d.run(65_000);
    const firstSeen = await d.app.metrics.transitions.get();
    expect(firstSeen.values.reduce((a, v) => a + v.value, 0)).toBeGreaterThan(N * 10);
    expect(await d.app.prune()).toBe(0); // nothing is 30 days old yet
    await d.app.stop();
    running.splice(running.indexOf(d.app), 1);

    // 31 days later (wall time: the store keeps wall times), with d5 removed from the configuration
    d.clock.stepWall(31 * DAY);
    const again = await daemon(config(60, [], { devices: N - 1, retentionDays: 30 }), {}, d);
    const pruned = async (): Promise<number> => (await again.app.metrics.transitionsPruned.get()).values[0]?.value ?? 0;
    // the prune at start runs in batches in the background: wait for its count, not for time
    while ((await pruned()) === 0) await new Promise((r) => setImmediate(r));
    expect(await pruned()).toBeGreaterThan(N * 10);
    expect(((await again.get('/api/v1/devices/d0/transitions')).body['items'] as unknown[])).toEqual([]);
    await again.app.stop();
    running.splice(running.indexOf(again.app), 1);
    const store = openSqliteStateStore(join(d.cfg, 'state.db'));
    try {
      expect(store.latestDevices().map((s) => s.deviceId)).toEqual(ids.slice(0, N - 1));
      expect(store.latestDevice('d5')).toBeNull();
    } finally {
      store.close();
    }
  }, 120_000);
});

describe('state store failures on a real SQLite file', () => {
  it('a locked database: errors logged and counted, /readyz 503 with the reason, no poll counted ok unwritten, recovery', async () => {
    const log = captureLogger();
    const d = await daemon(config(60), {
      logger: log,
      // a short busy timeout: each refused write costs 20 ms of the event loop, not the default 5 s
      openStore: (path, opts) => openSqliteStateStore(path, { ...opts, busyTimeoutMs: 20 }),
    });
    await d.run(125_000);
    expect((await d.get('/readyz')).status).toBe(200);
    const count = async (result: string): Promise<number> => (await d.app.metrics.polls.get()).values.find((v) => v.labels['result'] === result)?.value ?? 0;
    const storeErrors = async (): Promise<number> => (await d.app.metrics.storeErrors.get()).values.find((v) => v.labels['operation'] === 'recordDevicePoll')?.value ?? 0;
    const okBefore = await count('ok');
    const observedBefore = ((await d.get('/api/v1/devices/d0')).body['observedAt']);

    // another process takes the write lock and keeps it (a backup tool, a sqlite3 shell left open)
    const other = new Database(join(d.cfg, 'state.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      await d.run(120_000);
      expect(await count('ok')).toBe(okBefore);
      expect(await count('unrecorded')).toBeGreaterThanOrEqual(2 * N);
      expect(await storeErrors()).toBeGreaterThanOrEqual(2 * N);
      const r = await d.get('/readyz');
      expect(r.status).toBe(503);
      expect(r.body['reason']).toMatch(/state store is not accepting writes \(recordDevicePoll\): .*database is locked/);
      expect((await d.get('/api/v1/devices/d0')).body['observedAt']).toBe(observedBefore);
      const failed = log.lines.filter((l) => l.level === 'error' && l.msg.startsWith('state store write failed'));
      expect(failed).toHaveLength(1); // once per failing spell, with the cause
      expect(failed[0]!.fields).toMatchObject({ operation: 'recordDevicePoll', code: 'SQLITE_BUSY' });
      expect(log.lines.some((l) => l.msg.startsWith('state store writes still failing'))).toBe(true);
      const metrics = await (await fetch(`http://127.0.0.1:${d.app.address().port}/metrics`)).text();
      expect(metrics).toMatch(/^redline_store_errors_total\{operation="recordDevicePoll"\} \d+/m);
      expect(metrics).toMatch(/^redline_ready 0$/m);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }

    await d.run(60_000);
    expect((await d.get('/readyz')).status).toBe(200);
    expect(await count('ok')).toBeGreaterThanOrEqual(okBefore + N);
    expect((await d.get('/api/v1/devices/d0')).body['observedAt']).not.toBe(observedBefore);
    expect(log.lines.some((l) => l.level === 'info' && l.msg === 'state store writes succeed again')).toBe(true);
  }, 120_000);
});
