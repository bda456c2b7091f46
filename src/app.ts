/**
 * The composition root: builds every part of the daemon from a configuration, starts them,
 * reloads the configuration on demand (keeping the running one when the new one is invalid)
 * and stops everything in reverse order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnalysisReport } from './analysis/analyze.js';
import { policyFileFor, policyWarnings } from './analysis/policy.js';
import { createAnalysisRunner, type LatestAnalysis } from './analysis/worker/analysis-runner.js';
import { analysisSetupOf, loadPolicyWithText } from './analysis/worker/analysis-setup.js';
import { createApiApp, type DeviceState, type HealthView } from './api/app.js';
import { createLogger, type Logger } from './common/logger.js';
import { SecretRegistry } from './common/secrets.js';
import { errorMessage } from './common/errors.js';
import { runHealthCheck, type HealthCheckSpec } from './collect/http/health.js';
import { PROFILES } from './collect/snmp/profiles/index.js';
import type { Profile } from './collect/snmp/profiles/types.js';
import { ConfigError, loadConfig, type LoadedConfig } from './config/load.js';
import type { HealthConfig } from './config/schema.js';
import { buildInventory, type Inventory } from './inventory/model.js';
import { createMetrics, type RedlineMetrics } from './metrics/registry.js';
import { CounterHistory } from './runtime/counter-history.js';
import { createPoller, type TransportFactory } from './runtime/poller.js';
import { Scheduler, startClock, type SchedulerOptions } from './runtime/scheduler.js';
import { openSqliteStateStore, type StateStore } from './state/store.js';

/** Everything the daemon takes from outside; tests and the demo replace parts. */
export interface AppDeps {
  readonly configPath: string;
  /** Overrides settings.listen (the `--listen` flag). */
  readonly listen?: string;
  readonly now?: () => number;
  readonly logger?: Logger;
  readonly openTransport?: TransportFactory;
  readonly profiles?: readonly Profile[];
  /** Drive the schedulers yourself (tests); otherwise a node-cron tick every second. */
  readonly manualClock?: boolean;
  /** Overrides settings.stateFile (the `--state-file` flag; the demo keeps its state in a temp dir). */
  readonly stateFile?: string;
  /** Secrets to scrub beyond the configuration's (e.g. the demo's generated community). */
  readonly extraSecrets?: readonly string[];
}

/** A running daemon. */
export interface App {
  /** The address the API listens on. */
  readonly address: () => { host: string; port: number };
  /** Runs one scheduling tick (manual clock only). */
  tick(): void;
  /** Reloads the configuration and policy; returns false (and keeps the running ones) when either is invalid. */
  reload(): boolean;
  /** Runs the protection analysis now, in the analysis worker (it also runs after every poll interval once all devices were polled). */
  analyze(): Promise<AnalysisReport>;
  readonly metrics: RedlineMetrics;
  inventory(): Inventory;
  ready(): boolean;
  stop(): Promise<void>;
}

function parseListen(text: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(text);
  if (m === null) throw new ConfigError('--listen', [{ path: 'listen', message: 'expected host:port' }]);
  return { host: m[1]!, port: Number(m[2]) };
}

function schedulerOptions(loaded: LoadedConfig, now: () => number): SchedulerOptions {
  const p = loaded.config.settings.poll;
  const intervalMs = p.intervalSeconds * 1000;
  return {
    intervalMs,
    jitterMs: (p.jitterSeconds ?? p.intervalSeconds * 0.5) * 1000,
    concurrency: p.concurrency,
    deadlineFraction: p.deadlineFraction,
    profileIntervals: Object.fromEntries(Object.entries(p.profileIntervals).map(([k, v]) => [k, v * 1000])),
    now,
  };
}

function healthOptions(loaded: LoadedConfig, now: () => number): SchedulerOptions {
  const h = loaded.config.settings.health;
  return { intervalMs: h.intervalSeconds * 1000, jitterMs: h.intervalSeconds * 500, concurrency: h.concurrency, deadlineFraction: 0.9, profileIntervals: {}, now };
}

function healthSpec(h: HealthConfig, headers: Readonly<Record<string, string>> | undefined): HealthCheckSpec {
  return {
    id: h.id,
    url: h.url,
    method: h.method,
    timeoutMs: h.timeoutMs,
    followRedirects: h.followRedirects,
    tlsInsecure: h.tlsInsecure,
    ...(h.expectStatus !== undefined ? { expectStatus: h.expectStatus } : {}),
    ...(h.expectBody !== undefined ? { expectBody: h.expectBody } : {}),
    ...(h.maxLatencyMs !== undefined ? { maxLatencyMs: h.maxLatencyMs } : {}),
    ...(headers !== undefined && Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

/** Builds and starts the daemon. Throws ConfigError when the configuration is invalid. */
export async function startApp(deps: AppDeps): Promise<App> {
  const now = deps.now ?? (() => Date.now());
  let loaded = loadConfig(deps.configPath);
  const secrets = new SecretRegistry();
  const absorbSecrets = (l: LoadedConfig): void => {
    for (const c of l.credentials.values()) {
      if (c.version === '3') { secrets.add(c.authKey); secrets.add(c.privKey); } else secrets.add(c.community);
    }
    for (const h of l.healthHeaders.values()) for (const v of Object.values(h)) secrets.add(v);
  };
  absorbSecrets(loaded);
  for (const s of deps.extraSecrets ?? []) secrets.add(s);
  const logger = deps.logger ?? createLogger(secrets, loaded.config.settings.logLevel);
  let inventory = buildInventory(loaded);
  let policyText = loadPolicyWithText(policyFileFor(loaded.dir));
  let policy = policyText.policy;
  const metrics = createMetrics();
  const profiles = deps.profiles ?? PROFILES;
  const stateFile = deps.stateFile ?? loaded.stateFile;
  const store: StateStore = openSqliteStateStore(stateFile, { staleAfterMissed: loaded.config.settings.poll.staleAfterMissed });
  const counterHistory = new CounterHistory();

  const intervalOf = (): number => loaded.config.settings.poll.intervalSeconds * 1000;

  const poller = createPoller({
    device: (id) => inventory.devices.get(id),
    profiles,
    sink: {
      recordDevicePoll: (id, at, result) => store.recordDevicePoll(id, at, result),
      previousObservation: (id) => store.latestDevice(id)?.observation ?? null,
      recordCounters: (id, at, obs, counters) => {
        const members = new Set(obs.lagMembers.map((m) => m.member));
        counterHistory.record(id, at, obs.system.uptimeSeconds, counters, members, new Map(obs.interfaces.map((i) => [i.name, i.speedMbps])));
      },
    },
    metrics,
    logger,
    secrets,
    now,
    ...(deps.openTransport !== undefined ? { openTransport: deps.openTransport } : {}),
  });
  const scheduler = new Scheduler(schedulerOptions(loaded, now), poller);
  const pollable = (inv: Inventory): string[] => [...inv.devices.values()].filter((d) => d.poll !== undefined).map((d) => d.id);
  scheduler.setDevices(pollable(inventory));

  const healthScheduler = new Scheduler(healthOptions(loaded, now), async (id) => {
    const h = inventory.health.get(id);
    if (h === undefined) return;
    const result = await runHealthCheck(healthSpec(h, loaded.healthHeaders.get(id)), { now, secrets });
    metrics.healthChecks.inc({ result: result.ok ? 'ok' : 'failed' });
    if (result.latencyMs !== null) metrics.healthDuration.observe(result.latencyMs / 1000);
    const changes = store.recordHealth(result);
    if (changes.length > 0) logger.info({ check: id, ok: result.ok, reasons: result.reasons }, 'health check changed state');
  });
  healthScheduler.setDevices([...inventory.health.keys()]);

  let readyOnce = false;
  const readiness = (): { ready: boolean; polled: number; total: number } => {
    const st = scheduler.stats();
    if (!readyOnce && scheduler.allPolledOnce() && healthScheduler.allPolledOnce()) readyOnce = true;
    return { ready: readyOnce, polled: st.polledOnce, total: st.devices };
  };

  const deviceState = (id: string): DeviceState | null => {
    const s = store.latestDevice(id, { now: now(), intervalMs: intervalOf() });
    if (s === null) return null;
    return { observation: s.observation, observedAt: s.observedAt, lastSuccessAt: s.lastSuccessAt, consecutiveFailures: s.consecutiveFailures, stale: s.stale };
  };
  const healthState = (id: string): HealthView | null => {
    const every = (inventory.health.get(id)?.intervalSeconds ?? loaded.config.settings.health.intervalSeconds) * 1000;
    const r = store.latestHealth(id, { now: now(), intervalMs: every });
    if (r === null) return null;
    return { ok: r.result.ok, at: r.result.at, httpStatus: r.result.httpStatus, latencyMs: r.result.latencyMs, reasons: r.result.reasons, stale: r.stale };
  };

  // the analysis and its sweep run in a worker thread that reads the state file itself
  const analysis = createAnalysisRunner({
    logger,
    onFailure: (reason) => { metrics.analysisFailures.inc({ reason }); },
    onSweep: (s) => { metrics.sweepDuration.observe(s.ms / 1000); },
  });
  analysis.configure(analysisSetupOf(loaded, inventory, policyText, stateFile, secrets.values()));
  const recordAnalysis = (latest: LatestAnalysis): AnalysisReport => {
    metrics.analysisRuns.inc({ result: 'ok' });
    metrics.analysisDuration.observe(latest.analysisMs / 1000);
    metrics.analysisLastSuccess.set(now() / 1000);
    metrics.findings.reset();
    for (const c of latest.counts) metrics.findings.set({ rule: c.rule, state: c.state, colour: c.colour, class: c.class }, c.count);
    return latest.report;
  };
  let analysisStopped = false;
  let lastAnalysis = Number.NEGATIVE_INFINITY;
  const runAnalysis = (): Promise<AnalysisReport> => analysis.analyse(now(), { members: counterHistory.members() }).then(recordAnalysis);
  const analyzeIfDue = (): void => {
    if (analysisStopped || analysis.analysing() || now() - lastAnalysis < intervalOf() || !readiness().ready) return;
    // claim the interval now, so a slow pass is not started again by the next ticks
    lastAnalysis = now();
    runAnalysis().catch((err: unknown) => {
      if (analysisStopped) return;
      metrics.analysisRuns.inc({ result: 'failed' });
      logger.error({ err: errorMessage(err) }, 'protection analysis failed; the previous report stays, marked stale');
    });
  };

  const api = createApiApp({
    inventory: () => inventory,
    device: deviceState,
    transitions: (id, opts) => store.transitions(id, opts),
    health: healthState,
    readiness,
    registry: metrics.registry,
    analysis: {
      latest: () => analysis.latest(),
      sweep: (disjointness) => {
        const s = analysis.latestSweep();
        return s === null ? null : { computedAt: s.computedAt, stale: s.stale, items: s.sweep[disjointness] };
      },
      whatIf: (fail, disjointness) => analysis.whatIf(fail, disjointness),
    },
  });
  const listen = parseListen(deps.listen ?? loaded.config.settings.listen);
  const server: Server = createServer(api);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => { server.off('error', reject); resolve(); });
  });
  logger.info({ listen: `${listen.host}:${(server.address() as AddressInfo).port}`, devices: inventory.devices.size, config: loaded.file, policy: policy.source }, 'redline started');
  for (const w of policyWarnings(policy, inventory)) logger.warn({ path: w.path }, `policy: ${w.message}`);

  const updateGauges = (): void => {
    const st = scheduler.stats();
    metrics.devicesConfigured.set(st.devices);
    metrics.pollsInFlight.set(st.inFlight);
    if (st.lastCycleSeconds !== null) metrics.lastCycleSeconds.set(st.lastCycleSeconds);
    metrics.ready.set(readiness().ready ? 1 : 0);
    // summaries only: no observation is read back for the gauges
    let stale = 0;
    let unreachable = 0;
    for (const d of store.deviceSummaries({ now: now(), intervalMs: intervalOf() })) {
      if (!inventory.devices.has(d.deviceId)) continue;
      if (d.stale) stale++;
      else if (d.consecutiveFailures > 0) unreachable++;
    }
    metrics.devicesStale.set(stale);
    metrics.devicesUnreachable.set(unreachable);
  };
  let lastSkipped = 0;
  const tick = (): void => {
    scheduler.tick();
    healthScheduler.tick();
    analyzeIfDue();
    const skipped = scheduler.stats().skippedOverlap;
    if (skipped > lastSkipped) metrics.pollSkipped.inc({ reason: 'overlap' }, skipped - lastSkipped);
    lastSkipped = skipped;
  };
  let gaugeTimer: NodeJS.Timeout | null = null;
  let stopClock: (() => void) | null = null;
  if (deps.manualClock !== true) {
    stopClock = await startClock(tick);
    gaugeTimer = setInterval(updateGauges, 5000);
    gaugeTimer.unref();
    tick();
  }

  const reload = (): boolean => {
    try {
      const next = loadConfig(deps.configPath);
      const nextPolicy = loadPolicyWithText(policyFileFor(next.dir));
      absorbSecrets(next);
      if (next.stateFile !== loaded.stateFile) logger.warn({}, 'settings.stateFile changed: takes effect at the next restart');
      if (next.config.settings.listen !== loaded.config.settings.listen) logger.warn({}, 'settings.listen changed: takes effect at the next restart');
      const removed = [...inventory.devices.keys()].filter((id) => !next.config.devices.some((d) => d.id === id));
      loaded = next;
      policyText = nextPolicy;
      policy = nextPolicy.policy;
      inventory = buildInventory(next);
      analysis.configure(analysisSetupOf(next, inventory, policyText, stateFile, secrets.values()));
      for (const w of policyWarnings(policy, inventory)) logger.warn({ path: w.path }, `policy: ${w.message}`);
      scheduler.reconfigure(schedulerOptions(next, now));
      scheduler.setDevices(pollable(inventory));
      healthScheduler.reconfigure(healthOptions(next, now));
      healthScheduler.setDevices([...inventory.health.keys()]);
      for (const id of removed) {
        store.forgetDevice(id);
        counterHistory.forget(id);
      }
      logger.setLevel(next.config.settings.logLevel);
      metrics.configReloads.inc({ result: 'applied' });
      logger.info({ devices: inventory.devices.size, removed: removed.length }, 'configuration reloaded');
      return true;
    } catch (err) {
      metrics.configReloads.inc({ result: 'rejected' });
      logger.error({ problems: err instanceof ConfigError ? err.issues.map((i) => `${i.path}: ${i.message}`) : [errorMessage(err)] }, 'configuration reload rejected; keeping the running configuration');
      return false;
    }
  };

  let stopped = false;
  return {
    address: () => {
      const a = server.address() as AddressInfo;
      return { host: a.address, port: a.port };
    },
    tick: () => { tick(); updateGauges(); },
    reload,
    analyze: runAnalysis,
    metrics,
    inventory: () => inventory,
    ready: () => readiness().ready,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      analysisStopped = true;
      stopClock?.();
      if (gaugeTimer !== null) clearInterval(gaugeTimer);
      await Promise.all([scheduler.stop(), healthScheduler.stop(), analysis.stop()]);
      await new Promise<void>((resolve) => {
        server.close(() => { resolve(); });
        server.closeAllConnections();
      });
      store.close();
      logger.info({}, 'redline stopped');
    },
  };
}
