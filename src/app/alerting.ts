/**
 * On-call alerting in the daemon. The engine's step runs in the analysis worker
 * (src/alerting/after-pass.ts): after each pass, after the ledger's hook, and on a timer there
 * every `ALERTING_TICK_SECONDS` for group wait, repeat, escalation, windows ending and the nil
 * report; each step writes the engine's state and its notifications to the outbox (the ledger
 * file's, or PostgreSQL's: src/app/stores.ts) in one transaction. Here, on the daemon's thread: the hook's options from the running
 * configuration, the receivers built from `alerting.receivers` (secrets registered for
 * redaction), and the dispatcher that delivers the outbox (heartbeat per `alerting.heartbeat`,
 * permanent failures told to the root route's receivers), with its counters; a reload that
 * changes the receivers restarts the dispatcher with the new ones.
 */
import type { AfterPassOutcome, AfterPassSpec } from '../analysis/worker/after-pass.js';
import { deviceRiskGroups, inhibitionParents } from '../analysis/network/inventory-graph.js';
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { SecretRegistry } from '../common/secrets.js';
import type { AlertingHookOptions, AlertingStepResult } from '../alerting/after-pass.js';
import { receiverSpecOf } from '../alerting/config-receivers.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../alerting/delivery-dispatcher.js';
import { DEFAULT_BACKOFF } from '../alerting/delivery-policy.js';
import type { AlertingConfig } from '../config/schema.js';
import { OUTBOX_STATES, type OutboxStore } from '../alerting/outbox.js';
import { buildReceivers } from '../alerting/receivers/index.js';
import { readSecretRef } from '../alerting/receivers/receiver-kit.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import { dirname, isAbsolute, join } from 'node:path';
import { ackKeyFromSecret, ackLinkMaker, loadOrCreateAckKey } from '../alerting/ack-link.js';
import type { BookingStore } from '../alerting/booking-store.js';
import type { AlertingApi } from '../api/routes/alerting-port.js';
import type { WindowDevice } from '../alerting/windows.js';
import type { SecretRef } from '../config/schema.js';
import type { Running } from './options.js';
import type { HookStores } from './stores.js';

/** The hook module, beside this one's tree in the same language (dist JS, or TS under tsx/vitest). */
const HOOK_MODULE = new URL(`../alerting/after-pass${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** How often the worker steps between passes (s): the granularity of group wait, repeat and escalation. */
export const ALERTING_TICK_SECONDS = 15;

/** Alerting in a running daemon. */
export interface DaemonAlerting {
  /** The after-pass hook for the analysis setup of `running` (after the ledger's). */
  afterPass(running: Running): AfterPassSpec;
  /** Receives the worker's after-pass outcomes: alerting's are logged and counted. */
  onAfterPass(outcome: AfterPassOutcome): void;
  /** Applies a reload: new receivers or heartbeat restart the dispatcher. Throws (UsageError) when a receiver cannot be built; the old dispatcher then keeps running. */
  reloaded(next: Running): void;
  /** Stops the dispatcher, waiting for deliveries in flight. */
  stop(): Promise<void>;
  /** What the API reads and writes: bookings, rosters, receivers, acknowledgement links. */
  readonly api: AlertingApi;
}

/** What `startDaemonAlerting` takes. */
export interface DaemonAlertingDeps {
  readonly first: Running;
  /** Where the worker's hook finds the outbox, the engine's state and the bookings (the ack-link key file is beside `ledgerFile`). */
  readonly hooks: Pick<HookStores, 'ledgerFile' | 'postgres' | 'bookings'>;
  /** The daemon's outbox (delivered from here) and bookings (the API's). */
  readonly outbox: OutboxStore;
  readonly bookings: BookingStore;
  /** The daemon's registry: receivers' secrets are added, the dispatcher scrubs errors with it. */
  readonly secrets: SecretRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: RedlineMetrics;
  /** Dispatcher options for tests (a faster idle poll); the defaults otherwise. */
  readonly pollMs?: number;
}

/** The devices as windows see them (site, class, shared risk groups). */
function windowDevicesOf(running: Running): WindowDevice[] {
  const groups = deviceRiskGroups(running.inventory);
  return [...running.inventory.devices.values()].map((d) => {
    const g = groups.get(d.id);
    return { id: d.id, site: d.site, class: d.class, ...(g === undefined || g.length === 0 ? {} : { riskGroups: g }) };
  });
}

/** The policy calendar's periods declared in force: they count network-wide for paging (rosters, red at once, nil report). */
function periodSpansOf(running: Running): AlertingHookOptions['periods'] {
  return running.policy.periods.calendar.filter((p) => p.inForce).map((p) => ({ id: p.id, kind: p.kind, name: p.name, startMs: p.startMs, endMs: p.endMs }));
}

/** The hook's options for `running`: the alerting section and what the engine reads of the inventory and calendar. */
export function alertingHookOptions(running: Running, hooks: Pick<HookStores, 'ledgerFile' | 'postgres' | 'bookings'>): AlertingHookOptions {
  const parentsOf = inhibitionParents(running.inventory);
  const parents: Record<string, string[][]> = {};
  for (const d of running.inventory.devices.values()) {
    const p = parentsOf(d.id);
    if (p.length > 0) parents[d.id] = p;
  }
  const devices = windowDevicesOf(running).map((d) => ({ id: d.id, site: d.site, class: d.class, ...(d.riskGroups === undefined ? {} : { riskGroups: [...d.riskGroups] }) }));
  const periods = periodSpansOf(running);
  return {
    ledgerFile: hooks.ledgerFile,
    ...(hooks.postgres !== undefined ? { postgres: hooks.postgres, bookings: hooks.bookings } : {}),
    alerting: JSON.parse(JSON.stringify(running.loaded.config.alerting)) as AlertingHookOptions['alerting'],
    timeZone: running.loaded.config.settings.timeZone,
    parents, devices, periods, tickSeconds: ALERTING_TICK_SECONDS,
  };
}

/** The dispatcher options set by `alerting.delivery` (seconds in the configuration, ms here); unset keys keep the dispatcher's defaults. */
export function deliveryOptions(d: AlertingConfig['delivery']): Partial<DispatcherOptions> {
  if (d === undefined) return {};
  const ms = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s * 1000));
  const out: { -readonly [K in keyof DispatcherOptions]?: DispatcherOptions[K] } = {};
  const timeoutMs = ms(d.timeoutSeconds);
  const leaseMs = ms(d.leaseSeconds);
  if (timeoutMs !== undefined) out.timeoutMs = timeoutMs;
  if (leaseMs !== undefined) out.leaseMs = leaseMs;
  if (d.concurrencyPerReceiver !== undefined) out.concurrencyPerReceiver = d.concurrencyPerReceiver;
  if (d.retryBaseSeconds !== undefined || d.retryMaxSeconds !== undefined) {
    out.backoff = { baseMs: ms(d.retryBaseSeconds) ?? DEFAULT_BACKOFF.baseMs, maxMs: ms(d.retryMaxSeconds) ?? DEFAULT_BACKOFF.maxMs };
  }
  return out;
}

/** Builds the receivers and starts the dispatcher; throws (UsageError) when a receiver cannot be built. */
export function startDaemonAlerting(deps: DaemonAlertingDeps): DaemonAlerting {
  const outbox = deps.outbox;
  const countOutbox = (): void => {
    outbox.counts().then((counts) => {
      for (const s of OUTBOX_STATES) deps.metrics.alertOutbox.set({ state: s }, counts[s]);
    }).catch((err: unknown) => { deps.logger.warn({ err: errorMessage(err) }, 'could not count the alerting outbox'); });
  };

  // what the dispatcher is built from: a reload that leaves it alone keeps the running one
  const keyOf = (running: Running): string => {
    const a = running.loaded.config.alerting;
    return JSON.stringify({ receivers: a.receivers, heartbeat: a.heartbeat, meta: a.route?.receivers, consoleUrl: a.consoleUrl, zone: running.loaded.config.settings.timeZone, dir: running.loaded.dir, ackLinks: a.ackLinks, delivery: a.delivery });
  };
  // a relative secret file is beside the configuration, as everywhere else
  const resolverFor = (running: Running) => (ref: SecretRef): string => readSecretRef('file' in ref && !isAbsolute(ref.file) ? { file: join(running.loaded.dir, ref.file) } : ref);
  // the acknowledgement-link key: a secret reference, or a key file beside the ledger made on first use; kept while its settings stay
  let ack: { readonly key: string; readonly value: Buffer | null } = { key: '', value: null };
  const ackKeyFor = (running: Running): Buffer | null => {
    const a = running.loaded.config.alerting;
    const id = JSON.stringify([a.enabled, a.consoleUrl, a.ackLinks, running.loaded.dir]);
    if (ack.key === id) return ack.value;
    let value: Buffer | null = null;
    if (a.enabled && a.ackLinks.enabled && a.consoleUrl !== undefined) {
      if (a.ackLinks.key !== undefined) {
        const secret = resolverFor(running)(a.ackLinks.key);
        deps.secrets.add(secret);
        value = ackKeyFromSecret(secret);
      } else {
        const file = isAbsolute(a.ackLinks.keyFile) ? a.ackLinks.keyFile : join(dirname(deps.hooks.ledgerFile), a.ackLinks.keyFile);
        const loaded = loadOrCreateAckKey(file);
        if (loaded.created) deps.logger.info({ file }, 'acknowledgement link key created');
        value = loaded.key;
      }
      deps.secrets.add(value.toString('utf8'));
    }
    ack = { key: id, value };
    return value;
  };
  let running = deps.first;

  const dispatcherFor = (running: Running): { dispatcher: Dispatcher; key: string } => {
    const a = running.loaded.config.alerting;
    const ackKey = ackKeyFor(running);
    const receivers = buildReceivers(a.receivers.map(receiverSpecOf), {
      resolveSecret: resolverFor(running),
      secrets: deps.secrets,
      clock: deps.clock,
      timeZone: running.loaded.config.settings.timeZone,
      ...(a.consoleUrl === undefined ? {} : { consoleUrl: a.consoleUrl }),
      ...(ackKey === null || a.consoleUrl === undefined ? {} : { ackLink: ackLinkMaker(ackKey, a.consoleUrl, a.ackLinks.ttlHours * 3_600_000) }),
    }, 'alerting.receivers');
    const dispatcher = createDispatcher({
      store: outbox, receivers, clock: deps.clock, random: Math.random,
      metrics: { attempt: (receiver, outcome) => { deps.metrics.alertDeliveries.inc({ receiver, outcome }); } },
      onEvent: (e) => {
        if (e.outcome === 'delivered') deps.logger.debug({ ...e }, 'alert delivered');
        else deps.logger.warn({ ...e }, e.outcome === 'dead' ? 'alert refused for good by its receiver; a meta alert was raised' : 'alert delivery failed; retried later');
        countOutbox();
      },
      redact: (t) => deps.secrets.redact(t),
    }, {
      metaReceivers: a.route?.receivers ?? [],
      ...(a.heartbeat === undefined ? {} : { heartbeat: { everyMs: a.heartbeat.everyMinutes * 60_000, receivers: a.heartbeat.receivers } }),
      ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
      ...deliveryOptions(a.delivery),
    });
    dispatcher.start();
    deps.logger.info({ receivers: [...receivers.keys()] }, 'alert dispatcher started');
    return { dispatcher, key: keyOf(running) };
  };

  let current = dispatcherFor(deps.first);
  countOutbox();
  const api: AlertingApi = {
    store: deps.bookings,
    config: () => running.loaded.config.alerting,
    timeZone: () => running.loaded.config.settings.timeZone,
    now: () => deps.clock.wallMs(),
    devices: () => windowDevicesOf(running),
    periods: () => periodSpansOf(running),
    ackKey: () => ack.value,
  };
  return {
    api,
    afterPass: (running) => ({ module: HOOK_MODULE, options: JSON.parse(JSON.stringify(alertingHookOptions(running, deps.hooks))) as AfterPassSpec['options'] }),
    onAfterPass: (o) => {
      if (o.module !== HOOK_MODULE) return;
      if (!o.ok) {
        deps.metrics.internalErrors.inc({ part: 'alerting' });
        deps.logger.error({ err: o.error }, 'the alerting step failed after an analysis pass; the next step tries again');
        return;
      }
      const r = o.result as AlertingStepResult;
      if (r.tickError !== null) deps.logger.error({ err: r.tickError }, 'an alerting step between passes failed');
      deps.logger.info({ ...r, ms: Math.round(r.ms) }, 'alerting stepped after an analysis pass');
      // a page just committed (a trap's early pass, say) goes out now, not at the dispatcher's next idle look
      if (r.enqueued > 0) current.dispatcher.nudge();
      countOutbox();
    },
    reloaded: (next) => {
      if (keyOf(next) === current.key) {
        running = next;
        return;
      }
      const replacement = dispatcherFor(next);
      const old = current;
      current = replacement;
      running = next;
      old.dispatcher.stop().catch((err: unknown) => { deps.logger.error({ err: errorMessage(err) }, 'the previous alert dispatcher did not stop cleanly'); });
    },
    stop: () => current.dispatcher.stop(),
  };
}
