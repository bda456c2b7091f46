/**
 * Builds the daemon from its configuration, part by part: each part registers how it stops
 * (the teardown list) and subscribes to the configuration holder for reloads. Scheduling,
 * staleness and readiness run on the monotonic clock; wall time is what is stored and shown.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { policyWarnings } from '../analysis/policy.js';
import { createAnalysisRunner, type LatestAnalysis } from '../analysis/worker/analysis-runner.js';
import { analysisSetupOf, DEFAULT_MAX_WHATIF_ELEMENTS } from '../analysis/worker/analysis-setup.js';
import { createApiApp, type DeviceState, type HealthView } from '../api/app.js';
import { createApiServer } from '../api/server.js';
import { checkAuthConfig, openDaemonAuth } from '../auth/daemon-auth.js';
import { healthCheckSpecOf } from '../config/schema.js';
import { systemClock, type Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { SecretRegistry } from '../common/secrets.js';
import { runHealthCheck } from '../collect/http/health.js';
import type { Profile } from '../collect/snmp/profiles/types.js';
import type { LoadedConfig } from '../config/load.js';
import { createMetrics } from '../metrics/registry.js';
import { createNetworkExposition } from '../metrics/network-exposition.js';
import { CounterHistory } from '../runtime/counter-history.js';
import { createPoller } from '../runtime/poller.js';
import { Scheduler, startTicker, type PollRunner } from '../runtime/scheduler.js';
import { createWriteBehind } from '../runtime/write-behind.js';
import { openSqliteStateStore } from '../state/store.js';
import { recordsEvidenceSource } from '../records/evidence.js';
import type { DevicePollWrite } from '../state/types.js';
import { ConfigHolder } from './config-holder.js';
import { configSecrets, healthIntervalMs, healthSchedulerOptions, parseListen, pollSchedulerOptions, pollableDevices, type Running } from './options.js';
import { startDaemonAlerting } from './alerting.js';
import { openDaemonLedger } from './ledger.js';
import { openDaemonStores } from './stores.js';
import { describePgUrl } from '../store/postgres/pool.js';
import { judgeReadiness, type Readiness } from './readiness.js';
import { createReloader, loadRunning } from './reload.js';
import { forgetUnconfigured, pruneNow, scheduleDaily } from './retention.js';
import type { Teardown } from './teardown.js';
import { startDaemonTraps } from './traps.js';
import type { App, AppDeps } from './types.js';
import { watchStore } from './watched-store.js';
import { startFeed } from '../cluster/analyst.js';
import { policyHash } from '../analysis/worker/after-pass.js';
import { dirname, isAbsolute, join } from 'node:path';
import { ledgerPaths } from '../ledger/paths.js';
import { latestOf } from '../api/routes/reports.js';
import { createSummarySchedule, writeSignedSummary } from '../reports/summary-schedule.js';

/** The clock of `deps`: `clock`, else `now` as wall time with the system's monotonic clock. */
function clockOf(deps: AppDeps): Clock {
  if (deps.clock !== undefined) return deps.clock;
  const now = deps.now;
  return now === undefined ? systemClock : { monotonicMs: () => systemClock.monotonicMs(), wallMs: now };
}

/** Builds and starts every part; registers each one's stop on `teardown` (the caller runs it on failure). */
export async function buildApp(deps: AppDeps, teardown: Teardown): Promise<App> {
  const clock = clockOf(deps);
  const wall = (): number => clock.wallMs();
  const mono = (): number => clock.monotonicMs();
  const first = loadRunning(deps.configPath);
  const holder = new ConfigHolder<Running>(first);
  const settings = (): LoadedConfig['config']['settings'] => holder.current().loaded.config.settings;
  // refused before anything starts: authentication off off-loopback, weak configured tokens
  const listen = parseListen(deps.listen ?? settings().listen);
  const demoTokens = { demo: deps.demoTokens === true };
  checkAuthConfig(first.loaded, listen.host, demoTokens);

  const secrets = new SecretRegistry();
  const absorbSecrets = (l: LoadedConfig): void => { for (const v of configSecrets(l)) secrets.add(v); };
  absorbSecrets(first.loaded);
  for (const s of deps.extraSecrets ?? []) secrets.add(s);
  const logger = deps.logger ?? createLogger(secrets, settings().logLevel);
  holder.subscribe('logger', (next) => { logger.setLevel(next.loaded.config.settings.logLevel); });
  const metrics = createMetrics();
  // one list the poller reads at every poll; a reload replaces its contents (a new profile is
  // walked from the device's next full poll, when discovery runs again)
  const profiles: Profile[] = [...(deps.profiles ?? first.profiles)];
  if (deps.profiles === undefined) holder.subscribe('snmp profiles', (next) => { profiles.splice(0, profiles.length, ...next.profiles); });
  /** Logs and counts an error caught in one of the daemon's own timers or handlers. */
  const caught = (part: string, err: unknown): void => {
    try {
      metrics.internalErrors.inc({ part });
      logger.error({ part, err: errorMessage(err) }, 'internal error (caught; the daemon goes on)');
    } catch {
      // nothing left to report through
    }
  };

  // --- the state store
  const maxMB = settings().retention.maxStateFileMB;
  const stateFile = deps.stateFile ?? first.loaded.stateFile;
  const rawStore = (deps.openStore ?? openSqliteStateStore)(stateFile, {
    staleAfterMissed: settings().poll.staleAfterMissed,
    ...(maxMB !== undefined ? { maxSizeBytes: maxMB * 1024 * 1024 } : {}),
  });
  teardown.add('state store', () => { rawStore.close(); });
  const store = watchStore(rawStore, { metrics, logger, clock, holdMs: () => settings().poll.intervalSeconds * 1000 });
  const counterHistory = new CounterHistory();
  const cleanUp = (running: Running): void => {
    const n = forgetUnconfigured(store, running.inventory);
    if (n > 0) logger.info({ forgotten: n }, 'state of devices and checks no longer configured removed from the store');
  };
  try { cleanUp(first); } catch (err) { logger.error({ err: errorMessage(err) }, 'could not remove unconfigured devices from the store; will retry on reload'); }
  holder.subscribe('store cleanup', (next, prev) => {
    for (const id of prev.inventory.devices.keys()) if (!next.inventory.devices.has(id)) counterHistory.forget(id);
    cleanUp(next);
  });

  const pollIntervalMs = (): number => settings().poll.intervalSeconds * 1000;

  // --- a clustered analyst polls nothing: the pollers' results arrive through PostgreSQL
  const polledHere = (inventory: Running['inventory']): string[] => (deps.cluster === undefined ? pollableDevices(inventory) : []);
  if (deps.cluster !== undefined) {
    const stopFeed = await startFeed(deps.cluster, store, metrics, logger, {
      everyMs: Math.min(1000, pollIntervalMs() / 5), keepMs: Math.max(600_000, 3 * pollIntervalMs()), isDevice: (id) => holder.current().inventory.devices.has(id),
    });
    teardown.add('poll feed', stopFeed);
  }

  // --- device polls, their results written behind in batches (one transaction per ~50 ms)
  const pollWrites = createWriteBehind((polls: readonly DevicePollWrite[]) => store.recordDevicePolls(polls));
  // stopped after the poll scheduler (whose polls wait for their batch), before the store closes
  teardown.add('poll writes', () => { pollWrites.flush(); });
  const poller = createPoller({
    device: (id) => holder.current().inventory.devices.get(id),
    profiles,
    sink: {
      recordDevicePoll: (deviceId, at, result) => pollWrites.record({ deviceId, at, result }),
      previousObservation: (id) => store.latestDevice(id)?.observation ?? null,
      recordCounters: (id, at, obs, counters) => {
        const members = new Set(obs.lagMembers.map((m) => m.member));
        counterHistory.record(id, at, obs.system.uptimeSeconds, counters, members, new Map(obs.interfaces.map((i) => [i.name, i.speedMbps])));
      },
    },
    metrics,
    logger,
    secrets,
    now: wall,
    monotonicNow: mono,
    ...(deps.openTransport !== undefined ? { openTransport: deps.openTransport } : {}),
  });
  // a poll a trap asked for asks for an early analysis pass once its result is stored
  const trapAsked = new Set<string>();
  let requestPass = (): void => {};
  const poll: PollRunner = async (id, o) => {
    const asked = trapAsked.delete(id);
    try { await poller(id, o); } finally { if (asked) requestPass(); }
  };
  const scheduler = new Scheduler({ ...pollSchedulerOptions(first.loaded, mono), onError: (_id, err) => { caught('poll', err); } }, poll);
  scheduler.setDevices(polledHere(first.inventory));
  teardown.add('poll scheduler', () => scheduler.stop());
  holder.subscribe('poll scheduler', (next) => {
    scheduler.reconfigure({ ...pollSchedulerOptions(next.loaded, mono), onError: (_id, err) => { caught('poll', err); } });
    scheduler.setDevices(polledHere(next.inventory));
  });

  // --- health checks, each at its own interval
  const healthScheduler = new Scheduler({ ...healthSchedulerOptions(first, mono), onError: (_id, err) => { caught('health', err); } }, async (id) => {
    const running = holder.current();
    const h = running.inventory.health.get(id);
    if (h === undefined) return;
    const result = await runHealthCheck(healthCheckSpecOf(h, running.loaded.healthHeaders.get(id)), { now: wall, secrets });
    let changes;
    try {
      changes = store.recordHealth(result);
    } catch {
      metrics.healthChecks.inc({ result: 'unrecorded' }); // the store's watcher logged and counted the cause
      return;
    }
    metrics.healthChecks.inc({ result: result.ok ? 'ok' : 'failed' });
    if (result.latencyMs !== null) metrics.healthDuration.observe(result.latencyMs / 1000);
    if (changes.length > 0) logger.info({ check: id, ok: result.ok, reasons: result.reasons }, 'health check changed state');
  });
  healthScheduler.setDevices([...first.inventory.health.keys()]);
  teardown.add('health scheduler', () => healthScheduler.stop());
  holder.subscribe('health scheduler', (next) => {
    healthScheduler.reconfigure({ ...healthSchedulerOptions(next, mono), onError: (_id, err) => { caught('health', err); } });
    healthScheduler.setDevices([...next.inventory.health.keys()]);
  });

  // --- readiness
  const startedMs = mono();
  let firstCycleDone = false;
  const readiness = (): Readiness => {
    const st = scheduler.stats();
    if (!firstCycleDone && scheduler.allPolledOnce() && healthScheduler.allPolledOnce()) firstCycleDone = true;
    const failure = store.writeFailure();
    return judgeReadiness({
      firstCycleDone,
      polled: st.polledOnce,
      total: st.devices,
      writeFailure: failure,
      nowMs: mono(),
      startedMs,
      lastCompletedMs: st.lastCompletedAt,
      intervalMs: pollIntervalMs(),
    });
  };

  const deviceState = (id: string): DeviceState | null => {
    const s = store.latestDevice(id, store.deviceClock(pollIntervalMs()));
    if (s === null) return null;
    return { observation: s.observation, observedAt: s.observedAt, lastSuccessAt: s.lastSuccessAt, consecutiveFailures: s.consecutiveFailures, stale: s.stale };
  };
  const healthState = (id: string): HealthView | null => {
    const r = store.latestHealth(id, store.healthClock(healthIntervalMs(holder.current(), id)));
    if (r === null) return null;
    return { ok: r.result.ok, at: r.result.at, httpStatus: r.result.httpStatus, latencyMs: r.result.latencyMs, reasons: r.result.reasons, stale: r.stale };
  };

  // --- the daemon's stores (src/app/stores.ts): the ledger file, or PostgreSQL (settings.store.postgres, read at start)
  const stores = await openDaemonStores({ loaded: first.loaded, stateFile, ...(deps.ledgerFile !== undefined ? { ledgerFile: deps.ledgerFile } : {}) });
  if (first.loaded.postgres !== undefined) logger.info({ store: describePgUrl(first.loaded.postgres.url), schema: first.loaded.postgres.schema ?? null }, 'the ledger, its audit chain and the alert outbox are on PostgreSQL');
  // --- the hazard ledger: passes are reconciled in the worker; closing it closes the stores
  let sendSetup = (): void => {};
  const ledger = await openDaemonLedger({
    first, stores, current: () => holder.current(), now: wall, logger, metrics,
    waiversChanged: () => { sendSetup(); },
  });
  teardown.add('ledger', () => ledger.close());
  metrics.setHazardSource(() => stores.hazardCounts(wall()));
  // the per-device and per-finding families are rendered in the analysis worker after each pass
  const network = createNetworkExposition(metrics);
  holder.subscribe('ledger audit', (next, prev) => { ledger.reloaded(prev, next); });
  // --- the records (cutovers, plans, drills, incidents, checklists): read before each pass
  const records = stores.records;
  const recordsEvidence = recordsEvidenceSource({ records, appeared: stores.appeared, now: wall });
  // --- on-call alerting: stepped in the worker after the ledger's hook; delivered from here
  const alerting = startDaemonAlerting({ first, hooks: stores.hooks, outbox: stores.outbox, bookings: stores.bookings, secrets, clock, logger, metrics });
  teardown.add('alert dispatcher', () => alerting.stop());
  holder.subscribe('alert dispatcher', (next) => { alerting.reloaded(next); });

  // --- analysis: passes and the sweep run in a worker thread that reads the state file itself
  const analysis = createAnalysisRunner({
    logger,
    onFailure: (reason) => { metrics.analysisFailures.inc({ reason }); },
    onSweep: (sw) => { metrics.sweepDuration.observe(sw.ms / 1000); },
    onAfterPass: (o) => { network.onAfterPass(o); ledger.onAfterPass(o); alerting.onAfterPass(o); },
  });
  const setupOf = (running: Running) => ({
    ...analysisSetupOf(running.loaded, running.inventory, running.policyText, stateFile, secrets.values(), DEFAULT_MAX_WHATIF_ELEMENTS, [network.spec(), ledger.afterPass(running), alerting.afterPass(running)]),
    waivers: ledger.waivers(),
  });
  sendSetup = () => { analysis.configure(setupOf(holder.current())); };
  analysis.configure(setupOf(first));
  holder.subscribe('analysis worker', (next) => { analysis.configure(setupOf(next)); });
  teardown.add('analysis worker', () => analysis.stop());
  // the gauges read the counts the worker made; the report itself stays in the worker
  const recordAnalysis = (latest: LatestAnalysis): void => {
    metrics.analysisRuns.inc({ result: 'ok' });
    metrics.analysisDuration.observe(latest.analysisMs / 1000);
    metrics.analysisLastSuccess.set(latest.analysedAt / 1000);
    metrics.findings.reset();
    for (const c of latest.counts) metrics.findings.set({ rule: c.rule, state: c.state, colour: c.colour, class: c.class }, c.count);
  };
  /** Receipt ages by id, read from memory at the start of the pass (the worker cannot see them). */
  const receivedAgoMs = (): { device: Record<string, number>; health: Record<string, number> } => {
    const device: Record<string, number> = {};
    const health: Record<string, number> = {};
    const running = holder.current();
    for (const id of running.inventory.devices.keys()) { const a = store.deviceAgeMs(id); if (a !== undefined) device[id] = a; }
    for (const id of running.inventory.health.keys()) { const a = store.healthAgeMs(id); if (a !== undefined) health[id] = a; }
    return { device, health };
  };
  /** The latest poll's wall time of each inventory device polled since start (seconds). */
  const pollSeconds = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const id of holder.current().inventory.devices.keys()) { const v = metrics.lastPollSeconds.get(id); if (v !== undefined) out[id] = v; }
    return out;
  };
  const readRecords = () => recordsEvidence.refresh().catch((err: unknown) => {
    logger.error({ err: errorMessage(err) }, 'could not read the records for the analysis; the previous ones are used');
    return recordsEvidence.current();
  });
  // true while the records are read before a pass (the worker is not analysing yet, but a pass is under way)
  let readingRecords = false;
  const runAnalysis = (): Promise<void> => {
    readingRecords = true;
    return readRecords().finally(() => { readingRecords = false; }).then((recordsNow) =>
      analysis.analyse(wall(), { load: { members: counterHistory.members() }, receivedAgoMs: receivedAgoMs(), pollSeconds: pollSeconds(), records: recordsNow })).then(recordAnalysis);
  };
  let analysisStopped = false;
  teardown.add('analysis', () => { analysisStopped = true; });
  let lastAnalysis: number | null = null;
  // an early pass (a trap's re-poll is stored): it runs at once, or at the first tick after the running one
  let passRequested = false;
  const analyzeIfDue = (): void => {
    if (analysisStopped || analysis.analysing() || readingRecords) return;
    // monotonic, so a step of the wall clock neither holds analysis off nor repeats it
    if (!passRequested && lastAnalysis !== null && mono() - lastAnalysis < pollIntervalMs()) return;
    if (!readiness().ready) return;
    // claim the interval now, so a slow pass is not started again by the next ticks
    lastAnalysis = mono();
    passRequested = false;
    runAnalysis().catch((err: unknown) => {
      if (analysisStopped) return; // the worker stopped under a pass that was still running
      metrics.analysisRuns.inc({ result: 'failed' });
      logger.error({ err: errorMessage(err) }, 'protection analysis failed; the previous report stays, marked stale');
    });
  };

  // --- traps: a re-poll at once, then an early pass (requests within PASS_DEBOUNCE_MS share one)
  const PASS_DEBOUNCE_MS = 100;
  let passTimer: NodeJS.Timeout | null = null;
  requestPass = () => {
    passRequested = true;
    if (passTimer !== null) return;
    passTimer = setTimeout(() => { passTimer = null; try { analyzeIfDue(); } catch (err) { caught('analysis', err); } }, PASS_DEBOUNCE_MS);
    passTimer.unref();
  };
  teardown.add('early pass timer', () => { if (passTimer !== null) clearTimeout(passTimer); });
  const traps = await startDaemonTraps({
    settings: () => settings().traps,
    inventory: () => holder.current().inventory,
    pollNow: (id, gap) => scheduler.pollNow(id, gap),
    store, metrics, logger, wallMs: wall, monotonicMs: mono, asked: trapAsked,
  });
  if (traps !== null) {
    teardown.add('trap receiver', () => traps.close());
    holder.subscribe('trap receiver', (next) => { traps.reloaded(next.inventory); });
  }

  // --- accounts (tokens and sessions: the stores' accounts) and the API
  const auth = openDaemonAuth({
    store: stores.auth,
    loaded: first.loaded,
    current: () => holder.current().loaded,
    now: wall,
    logger,
  });
  teardown.add('accounts', () => { auth.close(); });
  holder.subscribe('accounts', (next) => { auth.apply(next.loaded); });
  const api = createApiApp({
    inventory: () => holder.current().inventory,
    device: deviceState,
    transitions: (id, opts) => store.transitions(id, opts),
    health: healthState,
    readiness,
    registry: metrics.registry,
    networkMetrics: () => network.bytes(),
    logger,
    hosts: () => ({ listenHost: listen.host, allowed: settings().api.allowedHosts }),
    timeZone: () => settings().timeZone,
    now: wall,
    analysis: {
      latest: () => analysis.latest(),
      sweep: (disjointness) => {
        const sw = analysis.latestSweep();
        return sw === null ? null : { computedAt: sw.computedAt, stale: sw.stale, items: sw.sweep[disjointness] };
      },
      whatIf: (fail, disjointness) => analysis.whatIf(fail, disjointness),
    },
    ledger: ledger.api,
    alerting: alerting.api,
    // a record written is in the next pass: ask for one early (an approved plan clears OPS-003 at once)
    records: { store: records, timeZone: () => settings().timeZone, now: wall, changed: () => { requestPass(); } },
    reports: { signer: ledger.key, policy: () => ({ policy: holder.current().policy, hash: policyHash(holder.current().policyText.text) }) },
  }, auth.api);
  const server: Server = createApiServer(api);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => { server.off('error', reject); resolve(); });
  });
  // for life: an error of the listening server is logged, never thrown into the process
  server.on('error', (err) => { caught('http', err); });
  teardown.add('http server', () => new Promise<void>((resolve) => {
    server.close(() => { resolve(); });
    server.closeAllConnections();
  }));
  logger.info({ listen: `${listen.host}:${(server.address() as AddressInfo).port}`, devices: first.inventory.devices.size, config: first.loaded.file, policy: first.policy.source }, 'redline started');
  for (const w of policyWarnings(first.policy, first.inventory)) logger.warn({ path: w.path }, `policy: ${w.message}`);

  // --- gauges, ticks, retention
  const updateGauges = (): void => {
    const st = scheduler.stats();
    metrics.devicesConfigured.set(st.devices);
    metrics.pollsInFlight.set(st.inFlight);
    if (st.lastCycleSeconds !== null) metrics.lastCycleSeconds.set(st.lastCycleSeconds);
    metrics.ready.set(readiness().ready ? 1 : 0);
    if (!countingDevices) void countDevices().catch((err: unknown) => { caught('gauges', err); });
  };
  // Stale and unreachable devices, from summaries only (no observation is read back), a page of
  // GAUGE_PAGE devices per turn of the event loop: one scan of 10,000 rows held the loop for
  // 35 ms on a loaded machine, every 5 s. A daemon under GAUGE_PAGE devices counts in one go.
  const GAUGE_PAGE = 1000;
  let countingDevices = false;
  const countDevices = async (): Promise<void> => {
    countingDevices = true;
    try {
      let stale = 0;
      let unreachable = 0;
      const clock = store.deviceClock(pollIntervalMs());
      let after: string | undefined;
      for (;;) {
        const inventory = holder.current().inventory;
        const page = store.deviceSummaries(clock, { ...(after !== undefined ? { after } : {}), limit: GAUGE_PAGE });
        for (const d of page) {
          if (!inventory.devices.has(d.deviceId)) continue;
          if (d.stale) stale++;
          else if (d.consecutiveFailures > 0) unreachable++;
        }
        if (page.length < GAUGE_PAGE) break;
        after = page[page.length - 1]!.deviceId;
        await new Promise<void>((resolve) => { setImmediate(resolve); });
      }
      metrics.devicesStale.set(stale);
      metrics.devicesUnreachable.set(unreachable);
    } finally {
      countingDevices = false;
    }
  };
  const guardedGauges = (): void => { try { updateGauges(); } catch (err) { caught('gauges', err); } };
  let lastSkipped = 0;
  const tick = (): void => {
    scheduler.tick();
    healthScheduler.tick();
    analyzeIfDue();
    const skipped = scheduler.stats().skippedOverlap;
    if (skipped > lastSkipped) metrics.pollSkipped.inc({ reason: 'overlap' }, skipped - lastSkipped);
    lastSkipped = skipped;
  };
  // one prune at a time; stopping waits for the batch in hand and leaves the rest for next time
  let pruning: Promise<number> | null = null;
  let stoppingPrune = false;
  const prune = (): Promise<number> => {
    pruning ??= pruneNow({ store, clock, days: settings().retention.days, logger, metrics, stopping: () => stoppingPrune }).finally(() => { pruning = null; });
    return pruning;
  };
  teardown.add('retention', async () => { stoppingPrune = true; await pruning; });
  void prune();
  if (deps.manualClock !== true) {
    const stopTicker = startTicker(tick, (err) => { caught('tick', err); });
    teardown.add('ticker', stopTicker);
    const gaugeTimer = setInterval(guardedGauges, 5000);
    gaugeTimer.unref();
    teardown.add('gauge timer', () => { clearInterval(gaugeTimer); });
    const stopDaily = await scheduleDaily(prune, (err) => { caught('retention', err); });
    teardown.add('retention schedule', stopDaily);
    try { tick(); } catch (err) { caught('tick', err); }
  }

  // --- the safety summaries on a schedule (三、（三）): reminders and signed summaries, told through the alerting outbox
  const summaries = createSummarySchedule({
    config: () => ({ summaries: holder.current().loaded.config.summaries, timeZone: settings().timeZone }),
    now: wall, store: ledger.store, logger,
    enqueue: (n) => stores.outbox.enqueue(n),
    produce: async (period, createdAt) => {
      const running = holder.current();
      const cfg = running.loaded.config.summaries;
      const latest = await latestOf(analysis.latest());
      return writeSignedSummary({
        dir: isAbsolute(cfg.dir) ? cfg.dir : join(dirname(ledgerPaths(stateFile, settings().ledger, deps.ledgerFile).ledgerFile), cfg.dir), signer: ledger.key, period, createdAt, formats: cfg.formats, lang: cfg.lang,
        sources: {
          store: ledger.store, inventory: running.inventory, policy: running.policy, policyHash: policyHash(running.policyText.text), timeZone: settings().timeZone,
          coverage: () => Promise.resolve(latest.coverage), latestFindings: () => Promise.resolve(latest.findings), records,
          signingKey: { keyId: ledger.key.keyId, fingerprint: ledger.key.fingerprint },
        },
      });
    },
  });
  if (deps.manualClock !== true) {
    await summaries.start();
    teardown.add('summary schedule', () => summaries.stop());
  }

  const reload = createReloader({ configPath: deps.configPath, holder, logger, metrics, absorbSecrets, check: (loaded) => { checkAuthConfig(loaded, listen.host, demoTokens); ledger.checkPolicy(loaded); } });

  let stopping: Promise<void> | null = null;
  return {
    address: () => {
      const a = server.address() as AddressInfo;
      return { host: a.address, port: a.port };
    },
    trapAddress: () => traps?.address() ?? null,
    tick: () => { tick(); guardedGauges(); },
    settled: async () => { await Promise.all([scheduler.whenIdle(), healthScheduler.whenIdle(), analysis.idle()]); },
    reload,
    // a pass, then its whole report fetched from the worker (for tests and tools; the daemon never reads it)
    analyze: () => runAnalysis().then(() => analysis.report()),
    prune,
    metrics,
    logger,
    inventory: () => holder.current().inventory,
    ready: () => readiness().ready,
    readiness,
    stop: () => {
      stopping ??= teardown.run((part, err) => { logger.error({ part, err: errorMessage(err) }, 'error while stopping'); })
        .then(() => { logger.info({}, 'redline stopped'); });
      return stopping;
    },
  };
}
