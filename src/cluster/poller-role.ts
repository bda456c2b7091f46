/**
 * `redline run --role poller`: a process that only polls. It takes part in the lease protocol
 * (src/cluster/leases.ts) every ttl/4, polls the devices it holds with the daemon's own poller
 * and scheduler, keeps its own SQLite state (the previous observation a partial poll carries
 * fields over from) and publishes every result to PostgreSQL (src/cluster/poll-feed.ts), where
 * the active analyst applies it. It answers /metrics, /healthz and /readyz on its listen address.
 * No analysis, ledger, alerting or API here: those belong to the analyst.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { systemClock, type Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import { createLogger, type Logger } from '../common/logger.js';
import { SecretRegistry } from '../common/secrets.js';
import type { LoadedConfig } from '../config/load.js';
import { createMetrics, type RedlineMetrics } from '../metrics/registry.js';
import { createPoller, type TransportFactory } from '../runtime/poller.js';
import { Scheduler, startTicker, type PollRunner } from '../runtime/scheduler.js';
import { createWriteBehind } from '../runtime/write-behind.js';
import { openSqliteStateStore } from '../state/store.js';
import type { DevicePollWrite } from '../state/types.js';
import { ConfigHolder } from '../app/config-holder.js';
import { configSecrets, parseListen, pollSchedulerOptions, pollableDevices, type Running } from '../app/options.js';
import { judgeReadiness, type Readiness } from '../app/readiness.js';
import { createReloader, loadRunning } from '../app/reload.js';
import { Teardown } from '../app/teardown.js';
import { watchStore } from '../app/watched-store.js';
import { LeaseKeeper } from './leases.js';
import { clusterMetrics } from './metrics.js';
import { createPollPublisher } from './poll-feed.js';

/** What a poller process takes. */
export interface PollerRoleDeps {
  readonly configPath: string;
  readonly pool: pg.Pool;
  /** This poller's id: its shard label and lease owner (unique among the live pollers). */
  readonly memberId: string;
  readonly listen?: string;
  readonly stateFile?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly openTransport?: TransportFactory;
  /** Lease time (ms); default the poll interval. Renewed every quarter of it. */
  readonly leaseTtlMs?: number;
}

/** A running poller (the shape `runUntilSignalled` needs, and what tests look at). */
export interface PollerRole {
  readonly address: () => { host: string; port: number };
  readonly metrics: RedlineMetrics;
  readonly logger: Logger;
  reload(): boolean;
  readiness(): Readiness;
  /** Devices whose lease this poller holds now. */
  held(): string[];
  stop(): Promise<void>;
}

/** Starts a poller; whatever was started is stopped again when starting fails. */
export async function startPollerRole(deps: PollerRoleDeps): Promise<PollerRole> {
  const teardown = new Teardown();
  try {
    return await buildPoller(deps, teardown);
  } catch (err) {
    await teardown.run(() => undefined);
    throw err;
  }
}

async function buildPoller(deps: PollerRoleDeps, teardown: Teardown): Promise<PollerRole> {
  const clock = deps.clock ?? systemClock;
  const wall = (): number => clock.wallMs();
  const mono = (): number => clock.monotonicMs();
  const first = loadRunning(deps.configPath);
  const holder = new ConfigHolder<Running>(first);
  const settings = (): LoadedConfig['config']['settings'] => holder.current().loaded.config.settings;
  const listen = parseListen(deps.listen ?? settings().listen);
  const secrets = new SecretRegistry();
  const absorbSecrets = (l: LoadedConfig): void => { for (const v of configSecrets(l)) secrets.add(v); };
  absorbSecrets(first.loaded);
  const logger = deps.logger ?? createLogger(secrets, settings().logLevel);
  const metrics = createMetrics();
  const cm = clusterMetrics(metrics.registry, { instance: deps.memberId, role: 'poller', shard: deps.memberId });
  const caught = (part: string, err: unknown): void => {
    metrics.internalErrors.inc({ part });
    logger.error({ part, err: errorMessage(err) }, 'internal error (caught; the poller goes on)');
  };

  // the poller's own state: what the previous poll saw (partial polls carry fields over)
  const rawStore = openSqliteStateStore(deps.stateFile ?? first.loaded.stateFile, { staleAfterMissed: settings().poll.staleAfterMissed });
  teardown.add('state store', () => { rawStore.close(); });
  const store = watchStore(rawStore, { metrics, logger, clock, holdMs: () => settings().poll.intervalSeconds * 1000 });
  const publisher = createPollPublisher(deps.pool, deps.memberId);
  teardown.add('poll feed', () => publisher.flush());
  const localWrites = createWriteBehind((polls: readonly DevicePollWrite[]) => store.recordDevicePolls(polls));
  teardown.add('poll writes', () => { localWrites.flush(); });

  const intervalMs = (): number => settings().poll.intervalSeconds * 1000;
  const ttlMs = deps.leaseTtlMs ?? intervalMs();
  const keeper = new LeaseKeeper({ pool: deps.pool, memberId: deps.memberId, ttlMs, monotonicNow: mono });
  /** Per device in flight: its lease epoch and wall start, for the published row. */
  const polling = new Map<string, { epoch: number; startedAt: number }>();
  const profiles = [...first.profiles];
  holder.subscribe('snmp profiles', (next) => { profiles.splice(0, profiles.length, ...next.profiles); });
  const poller = createPoller({
    device: (id) => holder.current().inventory.devices.get(id),
    profiles,
    sink: {
      recordDevicePoll: async (deviceId, at, result) => {
        const p = polling.get(deviceId);
        const [transitions] = await Promise.all([
          localWrites.record({ deviceId, at, result }),
          publisher.publish({ deviceId, epoch: p?.epoch ?? 0, startedAt: p?.startedAt ?? at, endedAt: at, result }),
        ]);
        cm.feedRows.inc({ direction: 'published' });
        return transitions;
      },
      previousObservation: (id) => store.latestDevice(id)?.observation ?? null,
    },
    metrics, logger, secrets, now: wall, monotonicNow: mono,
    ...(deps.openTransport !== undefined ? { openTransport: deps.openTransport } : {}),
  });
  // a poll runs only inside its lease, with its deadline cut to fit (one request's timeouts kept in reserve)
  const run: PollRunner = async (id, o) => {
    const poll = holder.current().inventory.devices.get(id)?.poll;
    const reserveMs = poll === undefined ? 0 : poll.timeoutMs * (poll.retries + 1);
    const lease = keeper.begin(id, o.deadlineMs, reserveMs);
    if (lease === null) { cm.pollsOutsideLease.inc(); return; }
    polling.set(id, { epoch: lease.epoch, startedAt: wall() });
    try {
      await poller(id, { ...o, deadlineMs: lease.deadlineMs });
    } finally {
      polling.delete(id);
      keeper.end(id);
    }
  };
  const scheduler = new Scheduler({ ...pollSchedulerOptions(first.loaded, mono), onError: (_id, err) => { caught('poll', err); } }, run);
  teardown.add('poll scheduler', () => scheduler.stop());
  holder.subscribe('poll scheduler', (next) => {
    scheduler.reconfigure({ ...pollSchedulerOptions(next.loaded, mono), onError: (_id, err) => { caught('poll', err); } });
  });

  // --- the lease rounds: the scheduler polls exactly the devices held
  let configured = pollableDevices(first.inventory);
  holder.subscribe('lease devices', (next) => { configured = pollableDevices(next.inventory); });
  let stopping = false;
  const leaseRound = async (): Promise<void> => {
    try {
      const r = await keeper.round(configured);
      if (stopping) return;
      scheduler.setDevices(r.held);
      cm.leasesHeld.set(r.held.length);
      cm.livePollers.set(r.livePollers);
      cm.leaseRounds.inc({ result: 'ok' });
      if (r.claimed > 0 || r.released > 0) logger.info({ held: r.held.length, claimed: r.claimed, released: r.released, pollers: r.livePollers }, 'device leases changed');
    } catch (err) {
      cm.leaseRounds.inc({ result: 'failed' });
      // the leases run out locally on their own: polls stop before another poller can take them
      logger.error({ err: errorMessage(err) }, 'lease round failed; polling only while the leases held still last');
    }
  };
  await leaseRound();
  const leaseTimer = setInterval(() => { void leaseRound(); }, Math.max(100, Math.floor(ttlMs / 4)));
  teardown.add('lease rounds', async () => {
    stopping = true;
    clearInterval(leaseTimer);
    await scheduler.stop();
    await publisher.flush();
    await keeper.releaseAll().catch((err: unknown) => { logger.warn({ err: errorMessage(err) }, 'could not release the leases; they expire on their own'); });
  });

  // --- readiness and the HTTP endpoints
  const startedMs = mono();
  const readiness = (): Readiness => {
    const st = scheduler.stats();
    return judgeReadiness({
      firstCycleDone: st.devices > 0 && scheduler.allPolledOnce(), polled: st.polledOnce, total: st.devices,
      writeFailure: store.writeFailure(), nowMs: mono(), startedMs, lastCompletedMs: st.lastCompletedAt, intervalMs: intervalMs(),
    });
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') { res.writeHead(405).end(); return; }
    if (path === '/metrics') {
      metrics.pollsInFlight.set(scheduler.stats().inFlight);
      metrics.devicesConfigured.set(scheduler.stats().devices);
      metrics.registry.metrics().then((text) => { res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text); }, (err: unknown) => { caught('metrics', err); res.writeHead(500).end(); });
      return;
    }
    if (path === '/healthz') { res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n'); return; }
    if (path === '/readyz') {
      const r = readiness();
      res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(r));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => { server.off('error', reject); resolve(); });
  });
  server.on('error', (err) => { caught('http', err); });
  teardown.add('http server', () => new Promise<void>((resolve) => { server.close(() => { resolve(); }); server.closeAllConnections(); }));
  const stopTicker = startTicker(() => { scheduler.tick(); }, (err) => { caught('tick', err); });
  teardown.add('ticker', stopTicker);
  scheduler.tick();
  logger.info({ poller: deps.memberId, devices: configured.length, held: keeper.heldNow().length }, 'redline poller started');

  const reload = createReloader({ configPath: deps.configPath, holder, logger, metrics, absorbSecrets });
  let stopped: Promise<void> | null = null;
  return {
    address: () => { const a = server.address() as AddressInfo; return { host: a.address, port: a.port }; },
    metrics, logger, reload, readiness,
    held: () => keeper.heldNow(),
    stop: () => {
      stopped ??= teardown.run((part, err) => { logger.error({ part, err: errorMessage(err) }, 'error while stopping'); }).then(() => { logger.info({}, 'redline poller stopped'); });
      return stopped;
    },
  };
}
