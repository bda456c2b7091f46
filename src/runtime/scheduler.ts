/**
 * The poll scheduler. A tick (every second, see `startTicker`) asks which devices are due on the
 * monotonic clock, so setting the system clock neither stops nor floods polling; each device
 * has a stable phase inside its interval (jitter from a hash of its id, so load is spread and
 * restarts keep the same rhythm), polls run with bounded concurrency, one device is never polled
 * twice at once, and each poll gets a deadline below the interval.
 */

/** What the scheduler runs for one device. */
export type PollRunner = (deviceId: string, opts: { readonly deadlineMs: number; readonly profiles: ReadonlySet<string> | undefined; readonly cycle: number }) => Promise<void>;

/** Scheduler settings (all times in ms). */
export interface SchedulerOptions {
  readonly intervalMs: number;
  readonly jitterMs: number;
  readonly concurrency: number;
  readonly deadlineFraction: number;
  /** Profiles polled less often: profile id → interval in ms. */
  readonly profileIntervals: Readonly<Record<string, number>>;
  /** Monotonic time in ms (`Clock.monotonicMs`): never the wall clock, which can step. */
  readonly now: () => number;
  /** A device's own interval in ms (a health check's `intervalSeconds`); default `intervalMs`. */
  readonly intervalOf?: (id: string) => number | undefined;
  /** Told when a runner rejects (the runner should record its own failures; this is the backstop). */
  readonly onError?: (id: string, err: unknown) => void;
}

/** Counters the scheduler keeps for metrics and /readyz. */
export interface SchedulerStats {
  readonly devices: number;
  readonly inFlight: number;
  readonly queued: number;
  readonly started: number;
  readonly completed: number;
  readonly skippedOverlap: number;
  /** Devices that completed at least one poll since they were added. */
  readonly polledOnce: number;
  readonly lastCycleSeconds: number | null;
  /** Monotonic time the latest poll finished; null before the first. */
  readonly lastCompletedAt: number | null;
}

/**
 * What `Scheduler.pollNow` did: `queued` (first in line), `after_current` (the device's poll in
 * flight is followed by another at once), `already_queued` (a poll waiting to start covers it),
 * `rate_limited` (the device was asked for within the minimum gap), `unknown` (not polled here),
 * `stopped`.
 */
export type PollNowResult = 'queued' | 'after_current' | 'already_queued' | 'rate_limited' | 'unknown' | 'stopped';

/** Polls started in one event-loop turn (see `Scheduler.drain`). */
const STARTS_PER_TURN = 1;

/** FNV-1a hash of a string, for stable per-device phases. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface DeviceSlot {
  readonly id: string;
  phase: number;
  intervalMs: number;
  /** Monotonic time from which the next poll is due. */
  nextDue: number;
  inFlight: boolean;
  queued: boolean;
  polledOnce: boolean;
  readonly profileLast: Map<string, number>;
  /** Monotonic time of the latest `pollNow` that asked for a poll (its rate limit). */
  askedAt?: number;
  /** A `pollNow` came while a poll was in flight: poll again as soon as it ends. */
  again?: boolean;
  /** The queued poll was asked for (not due): it does not count in the cycle's progress. */
  asked?: boolean;
}

/** Bounded-concurrency scheduler of device polls. Pure of I/O except through `run`. */
export class Scheduler {
  private readonly slots = new Map<string, DeviceSlot>();
  private readonly queue: DeviceSlot[] = [];
  private inFlight = 0;
  private started = 0;
  private completed = 0;
  private skippedOverlap = 0;
  private stopped = false;
  private readonly idle: (() => void)[] = [];
  private readonly cycleProgress = new Map<number, { start: number; done: number; total: number }>();
  private lastCycleSeconds: number | null = null;
  private lastCompletedAt: number | null = null;

  constructor(private opts: SchedulerOptions, private readonly run: PollRunner) {}

  /**
   * Replaces the settings (config reload); phases are recomputed, history kept. Every device stays
   * due within one new interval: a lowered interval pulls the next poll in, a raised one keeps the
   * poll already due (the one after follows the new rhythm).
   */
  reconfigure(opts: SchedulerOptions): void {
    this.opts = opts;
    const now = opts.now();
    for (const slot of this.slots.values()) {
      slot.intervalMs = this.intervalFor(slot.id);
      slot.phase = this.phaseOf(slot.id, slot.intervalMs);
      slot.nextDue = Math.min(slot.nextDue, this.nextAligned(now, slot));
    }
  }

  private intervalFor(id: string): number {
    const own = this.opts.intervalOf?.(id);
    return own !== undefined && own > 0 ? own : this.opts.intervalMs;
  }

  private phaseOf(id: string, intervalMs: number): number {
    const window = Math.min(this.opts.jitterMs, intervalMs);
    return window <= 0 ? 0 : stableHash(id) % Math.max(1, Math.floor(window));
  }

  /** The first time after `now` on the slot's rhythm (phase + k · interval): at most one interval away. */
  private nextAligned(now: number, slot: Pick<DeviceSlot, 'phase' | 'intervalMs'>): number {
    return slot.phase + (Math.floor((now - slot.phase) / slot.intervalMs) + 1) * slot.intervalMs;
  }

  /** Sets the devices to poll: new ones are added (due at once, then on their phase), missing ones removed. */
  setDevices(ids: readonly string[]): void {
    const wanted = new Set(ids);
    for (const id of [...this.slots.keys()]) if (!wanted.has(id)) this.slots.delete(id);
    const now = this.opts.now();
    for (const id of ids) {
      if (this.slots.has(id)) continue;
      const intervalMs = this.intervalFor(id);
      // A new device is due at once (the one-start-per-turn drain spreads a crowd of them).
      this.slots.set(id, { id, phase: this.phaseOf(id, intervalMs), intervalMs, nextDue: now, inFlight: false, queued: false, polledOnce: false, profileLast: new Map() });
    }
    for (let k = this.queue.length - 1; k >= 0; k--) if (!wanted.has(this.queue[k]!.id)) this.queue.splice(k, 1);
  }

  /**
   * Polls a device now, out of its rhythm (a trap said something changed), first in line and
   * within the concurrency limit; never twice at once (a poll in flight is followed by one more),
   * and at most once per `minGapMs` of monotonic time however often it is asked. Its rhythm stays.
   */
  pollNow(id: string, minGapMs: number): PollNowResult {
    if (this.stopped) return 'stopped';
    const slot = this.slots.get(id);
    if (slot === undefined) return 'unknown';
    if (slot.queued) return 'already_queued';
    const now = this.opts.now();
    if (slot.askedAt !== undefined && now - slot.askedAt < minGapMs) return 'rate_limited';
    slot.askedAt = now;
    if (slot.inFlight) {
      slot.again = true;
      return 'after_current';
    }
    this.queueFirst(slot);
    this.drain();
    return 'queued';
  }

  private queueFirst(slot: DeviceSlot): void {
    slot.queued = true;
    slot.asked = true;
    this.queue.unshift(slot);
  }

  /** Starts every poll that is due now. Called by the clock tick. */
  tick(): void {
    if (this.stopped) return;
    const now = this.opts.now();
    for (const slot of this.slots.values()) {
      if (now < slot.nextDue) continue;
      slot.nextDue = this.nextAligned(now, slot);
      if (slot.inFlight || slot.queued) {
        this.skippedOverlap++;
        continue;
      }
      slot.queued = true;
      this.queue.push(slot);
      const globalCycle = Math.floor(now / this.opts.intervalMs);
      const p = this.cycleProgress.get(globalCycle) ?? { start: now, done: 0, total: this.slots.size };
      this.cycleProgress.set(globalCycle, p);
    }
    this.drain();
  }

  private profilesDue(slot: DeviceSlot, now: number): ReadonlySet<string> | undefined {
    const entries = Object.entries(this.opts.profileIntervals);
    if (entries.length === 0) return undefined;
    const skip = new Set<string>();
    for (const [profile, every] of entries) {
      const last = slot.profileLast.get(profile);
      // 10 % tolerance so a profile due "at about" this cycle is not pushed a whole cycle later
      if (last !== undefined && now - last < every * 0.9) skip.add(profile);
      else slot.profileLast.set(profile, now);
    }
    return skip.size === 0 ? undefined : skip;
  }

  private drainScheduled = false;

  /**
   * Starts queued polls up to the concurrency limit, at most STARTS_PER_TURN per event-loop
   * turn: starting a hundred polls at once (a tick's worth) would answer them all at once too,
   * and the event loop would stall on the burst.
   */
  private drain(): void {
    let started = 0;
    while (!this.stopped && this.inFlight < this.opts.concurrency && this.queue.length > 0) {
      if (started >= STARTS_PER_TURN) {
        if (!this.drainScheduled) {
          this.drainScheduled = true;
          setImmediate(() => { this.drainScheduled = false; this.drain(); });
        }
        return;
      }
      started++;
      const slot = this.queue.shift()!;
      slot.queued = false;
      const asked = slot.asked === true;
      slot.asked = false;
      if (!this.slots.has(slot.id)) continue;
      slot.inFlight = true;
      this.inFlight++;
      this.started++;
      const now = this.opts.now();
      const skip = this.profilesDue(slot, now);
      const deadlineMs = Math.max(1000, Math.floor(slot.intervalMs * this.opts.deadlineFraction));
      const globalCycle = Math.floor(now / this.opts.intervalMs);
      let running: Promise<void>;
      try {
        running = this.run(slot.id, { deadlineMs, profiles: skip, cycle: globalCycle });
      } catch (err) {
        running = Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      running
        .catch((err: unknown) => { this.report(slot.id, err); }) // the scheduler must go on
        .finally(() => {
          slot.inFlight = false;
          slot.polledOnce = true;
          this.inFlight--;
          this.completed++;
          this.lastCompletedAt = this.opts.now();
          if (!asked) this.noteCycle(globalCycle);
          if (slot.again === true && !this.stopped && this.slots.has(slot.id)) {
            slot.again = false;
            this.queueFirst(slot);
          }
          this.drain();
        });
    }
    if (this.inFlight === 0 && this.queue.length === 0) for (const f of this.idle.splice(0)) f();
  }

  private report(id: string, err: unknown): void {
    try {
      this.opts.onError?.(id, err);
    } catch {
      // a failing error hook must not stop the scheduler either
    }
  }

  private noteCycle(cycle: number): void {
    const p = this.cycleProgress.get(cycle);
    if (p === undefined) return;
    p.done++;
    if (p.done >= p.total) {
      this.lastCycleSeconds = (this.opts.now() - p.start) / 1000;
      this.cycleProgress.delete(cycle);
    }
    for (const k of this.cycleProgress.keys()) if (k < cycle - 2) this.cycleProgress.delete(k);
  }

  /** True once every current device has completed at least one poll. */
  allPolledOnce(): boolean {
    for (const s of this.slots.values()) if (!s.polledOnce) return false;
    return true;
  }

  stats(): SchedulerStats {
    let polledOnce = 0;
    for (const s of this.slots.values()) if (s.polledOnce) polledOnce++;
    return {
      devices: this.slots.size,
      inFlight: this.inFlight,
      queued: this.queue.length,
      started: this.started,
      completed: this.completed,
      skippedOverlap: this.skippedOverlap,
      polledOnce,
      lastCycleSeconds: this.lastCycleSeconds,
      lastCompletedAt: this.lastCompletedAt,
    };
  }

  /** Resolves once no poll is queued or in flight (at once when none is). */
  async whenIdle(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((r) => this.idle.push(r));
  }

  /** Stops starting polls and resolves when the in-flight ones have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    if (this.inFlight === 0) return;
    await new Promise<void>((r) => this.idle.push(r));
  }
}

/**
 * The tick source: a plain interval timer (Node's timers run on the monotonic clock, so a step of
 * the system clock neither stops nor bunches ticks). `onTick` errors go to `onError`, never out
 * of the timer. Returns a stop function.
 */
export function startTicker(onTick: () => void, onError: (err: unknown) => void, everyMs = 1000): () => void {
  const timer = setInterval(() => {
    try {
      onTick();
    } catch (err) {
      try { onError(err); } catch { /* the ticker must keep ticking */ }
    }
  }, everyMs);
  return () => { clearInterval(timer); };
}
