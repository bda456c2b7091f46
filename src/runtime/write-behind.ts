/**
 * Write-behind of poll results: polls hand their result to the queue and wait; the queue writes
 * what has gathered in one batch (one store transaction) a few milliseconds after the first
 * item arrived, or on the next turn when a batch is full, one batch per turn. At 10,000 devices a minute that is about one
 * commit per 50 ms instead of ~170 a second, and the store's work comes in a few short slices
 * rather than one per poll. Each item's promise settles only when its batch has been written:
 * a poll is not done (nor counted ok) before its result is stored; a batch that cannot be
 * written rejects every item in it, an item refused alone rejects alone.
 */

/** What writing one item came to. */
export type WriteOutcome<R> = { readonly ok: true; readonly transitions: R } | { readonly ok: false; readonly error: Error };

/** Writes a batch, in order, one outcome per item; throws when none of it could be written. */
export type BatchWriter<T, R> = (items: readonly T[]) => readonly WriteOutcome<R>[];

/** Options of the queue. */
export interface WriteBehindOptions {
  /** How long the first item of a batch waits for company (ms); default 50. */
  readonly flushAfterMs?: number;
  /**
   * A batch this large is written on the next turn, and no batch is larger; default 32. The
   * bound is on the event loop: during the first cycle's burst a batch of 256 polls held the
   * daemon's thread for 200 ms on a loaded machine; 32 keep a write to a few milliseconds.
   */
  readonly maxBatch?: number;
}

/** The queue as pollers use it. */
export interface WriteBehind<T, R> {
  /** Queues one item; resolves with what writing it returned once its batch is written. */
  record(item: T): Promise<R>;
  /** Writes what is queued now (stop, tests). */
  flush(): void;
  /** Items waiting for their batch. */
  pending(): number;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (r: R) => void;
  readonly reject: (err: Error) => void;
}

/** Creates a write-behind queue in front of `write`. */
export function createWriteBehind<T, R>(write: BatchWriter<T, R>, opts: WriteBehindOptions = {}): WriteBehind<T, R> {
  const flushAfterMs = opts.flushAfterMs ?? 50;
  const maxBatch = Math.max(1, opts.maxBatch ?? 32);
  let queue: Waiting<T, R>[] = [];
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;

  /** Writes one batch and settles its items. */
  const writeBatch = (batch: readonly Waiting<T, R>[]): void => {
    let outcomes: readonly WriteOutcome<R>[];
    try {
      outcomes = write(batch.map((w) => w.item));
      if (outcomes.length !== batch.length) throw new Error(`the batch writer answered ${outcomes.length} outcomes for ${batch.length} items`);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      for (const w of batch) w.reject(e);
      return;
    }
    batch.forEach((w, k) => {
      const o = outcomes[k]!;
      if (o.ok) w.resolve(o.transitions);
      else w.reject(o.error);
    });
  };

  /** Writes the first batch; what is left waits for the next turn (or its timer, when not full). */
  const flushBatch = (): void => {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    if (immediate !== null) { clearImmediate(immediate); immediate = null; }
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    if (batch.length > 0) writeBatch(batch);
    schedule();
  };

  /** Arms the next write for what is queued: the next turn when a batch is full, else the timer. */
  const schedule = (): void => {
    if (queue.length === 0) return;
    if (queue.length >= maxBatch) immediate ??= setImmediate(flushBatch);
    else timer ??= setTimeout(flushBatch, flushAfterMs);
  };

  /** Writes everything queued now, batch after batch (stop). */
  const flush = (): void => {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    if (immediate !== null) { clearImmediate(immediate); immediate = null; }
    const all = queue;
    queue = [];
    for (let k = 0; k < all.length; k += maxBatch) writeBatch(all.slice(k, k + maxBatch));
  };

  return {
    record: (item) => new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    }),
    flush,
    pending: () => queue.length,
  };
}
