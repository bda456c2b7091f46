/**
 * The dispatcher: claims due outbox rows, delivers each through its receiver with a per-receiver
 * concurrency bound and a timeout, and records the outcome — delivered; retry later (exponential
 * backoff with full jitter, at least the receiver's Retry-After); or dead, with a meta alert
 * enqueued in the same transaction and a metric. Outcomes are recorded in batches (one transaction
 * per pass), since one disk sync per delivery would bound throughput by the disk. It also
 * enqueues the dead-man's heartbeat on its schedule, so a silent redline is noticed. Time, randomness and the
 * store are injected; `runOnce` is one deterministic pass for tests, `start` the daemon's loop.
 */
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import { backoffDelayMs, DEFAULT_BACKOFF, transportFailure, type BackoffPolicy } from './delivery-policy.js';
import type { OutboxEntry, OutboxOutcome, OutboxStore } from './outbox.js';
import type { DeliveryResult, Notification, Receiver } from './types.js';

/** What happened to one attempt, for metrics. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'dead';

/** Counters the dispatcher feeds (the metrics registry implements it; labels are receiver names and outcomes only). */
export interface DeliveryMetrics {
  attempt(receiver: string, outcome: DeliveryOutcome): void;
}

/** One line for the operator's log; `error` never holds a secret (receivers keep URLs and keys out of it). */
export interface DeliveryEvent {
  readonly receiver: string;
  readonly deliveryId: string;
  readonly outcome: DeliveryOutcome;
  readonly attempts: number;
  readonly error?: string;
  readonly status?: number;
}

/** The dispatcher's ports. */
export interface DispatcherDeps {
  readonly store: OutboxStore;
  readonly receivers: ReadonlyMap<string, Receiver>;
  readonly clock: Clock;
  /** Uniform in [0, 1): the jitter. */
  readonly random: () => number;
  readonly metrics?: DeliveryMetrics;
  readonly onEvent?: (e: DeliveryEvent) => void;
  /** Scrubs registered secrets from an error before it is stored, logged or put in a meta alert (SecretRegistry.redact). */
  readonly redact?: (text: string) => string;
}

/** The dead-man's heartbeat: a meta notification to `receivers` every `everyMs`. */
export interface HeartbeatSchedule {
  readonly everyMs: number;
  readonly receivers: readonly string[];
}

/** How the dispatcher runs. */
export interface DispatcherOptions {
  /** One attempt's limit; past it the attempt counts as a retryable timeout. */
  readonly timeoutMs: number;
  /** Deliveries in flight at once per receiver. */
  readonly concurrencyPerReceiver: number;
  /** How long a claim holds a row; a crashed dispatcher's rows are claimed again after it. Must exceed timeoutMs. */
  readonly leaseMs: number;
  readonly backoff: BackoffPolicy;
  /** Receivers told when a delivery fails permanently (the meta alert). */
  readonly metaReceivers: readonly string[];
  readonly heartbeat?: HeartbeatSchedule;
  /** How often the loop looks for due rows when idle (ms). */
  readonly pollMs: number;
}

/** Defaults: 10 s per attempt, 4 at once per receiver, 60 s leases, the default backoff, a look every second. */
export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  timeoutMs: 10_000, concurrencyPerReceiver: 4, leaseMs: 60_000, backoff: DEFAULT_BACKOFF, metaReceivers: [], pollMs: 1000,
};

/** A running dispatcher. */
export interface Dispatcher {
  /** One pass: enqueue a due heartbeat, claim what is due, deliver it, wait for those deliveries. Returns how many were attempted. */
  runOnce(): Promise<number>;
  /** Starts the loop (passes until stop). */
  start(): void;
  /** Stops the loop and waits for deliveries in flight. */
  stop(): Promise<void>;
  /** Rows were just enqueued: look for due rows now rather than at the next idle poll (a running loop only). */
  nudge(): void;
}

/** The meta notification saying that `n` could not be delivered to its receiver, addressed to `metaReceiver`. */
export function deadLetterNotification(n: Notification, error: string, metaReceiver: string, now: number): Notification {
  return {
    deliveryId: `dead:${n.deliveryId}:${metaReceiver}`,
    receiver: metaReceiver,
    groupKey: `meta:delivery:${n.receiver}`,
    groupLabels: { alertname: 'RedlineDeliveryFailed', receiver: n.receiver },
    status: 'firing',
    alerts: [{
      key: `meta:delivery:${n.receiver}`,
      kind: 'meta',
      severity: 'critical',
      colour: null,
      labels: { alertname: 'RedlineDeliveryFailed', receiver: n.receiver },
      summary: { zh: `告警无法送达接收方 ${n.receiver}`, en: `An alert could not be delivered to receiver ${n.receiver}` },
      description: {
        zh: `通知 ${n.deliveryId} 被永久拒绝：${error}。请检查该接收方的配置。`,
        en: `Notification ${n.deliveryId} was refused permanently: ${error}. Check the receiver's configuration.`,
      },
      startsAt: now,
      endsAt: null,
    }],
    at: now,
    reason: 'new',
    tier: 0,
  };
}

/** The heartbeat notification for time slot `slot` (one per `everyMs`); its delivery id is stable, so a restart in the same slot does not send it twice. */
export function heartbeatNotification(receiver: string, slot: number, now: number): Notification {
  return {
    deliveryId: `heartbeat:${receiver}:${slot}`,
    receiver,
    groupKey: 'meta:heartbeat',
    groupLabels: { alertname: 'RedlineHeartbeat' },
    status: 'firing',
    alerts: [{
      key: 'meta:heartbeat',
      kind: 'meta',
      severity: 'info',
      colour: null,
      labels: { alertname: 'RedlineHeartbeat' },
      summary: { zh: 'redline 运行中（心跳）', en: 'redline is running (heartbeat)' },
      description: {
        zh: '此心跳按计划发送；若停止收到，说明 redline 已停止发送告警。',
        en: 'This heartbeat is sent on a schedule; if it stops arriving, redline has stopped sending alerts.',
      },
      startsAt: now,
      endsAt: null,
    }],
    at: now,
    reason: 'repeat',
    tier: 0,
  };
}

/** Whether a notification is only about redline itself (its failures raise no further meta alert, so failures cannot loop). */
function isMeta(n: Notification): boolean {
  return n.alerts.length > 0 && n.alerts.every((a) => a.kind === 'meta');
}

/** Creates a dispatcher over `deps.store`. */
export function createDispatcher(deps: DispatcherDeps, options: Partial<DispatcherOptions> = {}): Dispatcher {
  const opts: DispatcherOptions = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  if (opts.leaseMs <= opts.timeoutMs) throw new Error(`dispatcher: leaseMs (${opts.leaseMs}) must exceed timeoutMs (${opts.timeoutMs}), or a slow delivery would be claimed twice`);
  const busy = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let lastHeartbeatSlot = -1;
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: () => void = () => undefined;
  // a nudge while a pass runs: the loop passes again at once instead of sleeping
  let nudged = false;
  let sleeping = false;
  const unrecorded: { outcome: OutboxOutcome; event: DeliveryEvent }[] = [];

  async function attempt(receiver: Receiver, entry: OutboxEntry): Promise<DeliveryResult> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(transportFailure(`timed out after ${opts.timeoutMs} ms`));
      }, opts.timeoutMs);
    });
    try {
      return await Promise.race([receiver.deliver(entry.notification, controller.signal), timedOut]);
    } catch (err) {
      return transportFailure(`receiver ${receiver.name} failed: ${errorMessage(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** What `result` means for `entry`: the row's outcome, queued to be recorded with the others in one transaction. */
  function judge(entry: OutboxEntry, result: DeliveryResult): void {
    const n = entry.notification;
    const now = deps.clock.wallMs();
    const attempts = entry.attempts + 1;
    const scrubbed = result.error === undefined ? undefined : (deps.redact ?? ((t: string) => t))(result.error);
    const detail = { ...(scrubbed === undefined ? {} : { error: scrubbed }), ...(result.status === undefined ? {} : { status: result.status }) };
    let outcome: OutboxOutcome;
    if (result.ok) {
      outcome = { id: entry.id, kind: 'delivered', at: now };
    } else if (result.retryable) {
      outcome = { id: entry.id, kind: 'retry', dueAt: now + backoffDelayMs(opts.backoff, attempts, deps.random, result.retryAfterMs), error: scrubbed ?? 'failed' };
    } else {
      const error = scrubbed ?? 'refused';
      const meta = isMeta(n) ? [] : opts.metaReceivers.filter((r) => r !== n.receiver).map((r) => deadLetterNotification(n, error, r, now));
      outcome = { id: entry.id, kind: 'dead', at: now, error, meta };
    }
    unrecorded.push({ outcome, event: { receiver: n.receiver, deliveryId: n.deliveryId, outcome: outcome.kind, attempts, ...detail } });
  }

  /**
   * Records every outcome so far in one transaction (group commit: one disk sync for many
   * deliveries). Until then a delivered row is still leased, so a crash here means it is
   * delivered again under the same delivery id — at-least-once, never lost.
   */
  async function flush(): Promise<void> {
    if (unrecorded.length === 0) return;
    const batch = unrecorded.splice(0);
    try {
      await deps.store.settle(batch.map((b) => b.outcome));
    } catch (err) {
      // the leases run out and the rows are tried again
      deps.onEvent?.({ receiver: '-', deliveryId: '-', outcome: 'retry', attempts: 0, error: `outbox: ${errorMessage(err)}` });
      return;
    }
    for (const { event } of batch) {
      deps.metrics?.attempt(event.receiver, event.outcome);
      deps.onEvent?.(event);
    }
  }

  async function deliver(entry: OutboxEntry): Promise<void> {
    const receiver = deps.receivers.get(entry.notification.receiver);
    const result = receiver === undefined
      ? { ok: false, retryable: false, error: `no receiver named ${entry.notification.receiver} is configured` }
      : await attempt(receiver, entry);
    judge(entry, result);
  }

  function track(receiver: string, work: Promise<void>): void {
    busy.set(receiver, (busy.get(receiver) ?? 0) + 1);
    const done = work
      .catch((err: unknown) => {
        deps.onEvent?.({ receiver, deliveryId: '-', outcome: 'retry', attempts: 0, error: `delivery: ${errorMessage(err)}` });
      })
      .finally(() => {
        busy.set(receiver, (busy.get(receiver) ?? 1) - 1);
        inFlight.delete(done);
        wake();
      });
    inFlight.add(done);
  }

  async function enqueueHeartbeat(now: number): Promise<void> {
    const hb = opts.heartbeat;
    if (hb === undefined) return;
    const slot = Math.floor(now / hb.everyMs);
    if (slot === lastHeartbeatSlot) return;
    await deps.store.enqueue(hb.receivers.map((r) => heartbeatNotification(r, slot, now)));
    lastHeartbeatSlot = slot;
  }

  /** Claims and starts what is due within the free slots; returns how many started. */
  async function pass(): Promise<number> {
    await flush();
    const now = deps.clock.wallMs();
    await enqueueHeartbeat(now);
    let started = 0;
    for (const receiver of await deps.store.receiversDue(now)) {
      const free = opts.concurrencyPerReceiver - (busy.get(receiver) ?? 0);
      if (free <= 0) continue;
      for (const entry of await deps.store.claim(receiver, now, free, opts.leaseMs)) {
        track(receiver, deliver(entry));
        started++;
      }
    }
    return started;
  }

  const isRunning = (): boolean => running;

  async function runLoop(): Promise<void> {
    while (running) {
      try {
        await pass();
      } catch (err) {
        deps.onEvent?.({ receiver: '-', deliveryId: '-', outcome: 'retry', attempts: 0, error: `outbox: ${errorMessage(err)}` });
      }
      // stop() may have come during the pass; TypeScript cannot see that through the await
      if (!isRunning()) break;
      if (nudged) nudged = false;
      else {
        sleeping = true;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, opts.pollMs);
          wake = () => { clearTimeout(timer); resolve(); };
        });
        sleeping = false;
        wake = () => undefined;
      }
      // let the other deliveries that finished in this turn of the event loop finish too, so
      // one pass records and refills them together instead of one pass per delivery
      await new Promise<void>((resolve) => { setImmediate(resolve); });
    }
  }

  return {
    async runOnce() {
      const started = await pass();
      await Promise.all([...inFlight]);
      await flush();
      return started;
    },
    start() {
      if (running) return;
      running = true;
      loop = runLoop();
    },
    nudge() {
      if (sleeping) wake();
      else nudged = true;
    },
    async stop() {
      running = false;
      wake();
      await loop;
      await Promise.all([...inFlight]);
      await flush();
    },
  };
}
