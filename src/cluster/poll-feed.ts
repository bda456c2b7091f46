/**
 * Poll results through PostgreSQL. Pollers publish each poll (device, poller, lease epoch, the
 * poll's start and end, answered, observation) into `poll_result`, batched: one multi-row INSERT
 * per flush. Inserts take a transaction advisory lock, so `seq` (bigserial) is committed in
 * order and a reader that has seen seq n never later meets a smaller one. The active analyst
 * tails the table by seq and applies each row to its own SQLite state store (a replica file)
 * with `recordDevicePolls`, skipping a poll not newer than what the replica holds for that
 * device, so applying twice (a restart, a takeover) changes nothing. Rows are pruned once the
 * analyst applied them and they are older than the retention.
 */
import type pg from 'pg';
import { inPgTransaction } from '../store/postgres/pool.js';
import type { DevicePollResult, DevicePollWrite } from '../state/types.js';
import type { StateStore } from '../state/store.js';
import { PG_NOW_MS } from './schema.js';

/** One poll as a poller publishes it. */
export interface PublishedPoll {
  readonly deviceId: string;
  readonly epoch: number;
  /** Wall time the poll started and ended (ms since the epoch); `endedAt` is the result's time. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly result: DevicePollResult;
}

/** One row read back by the analyst. */
export interface FeedRow extends PublishedPoll {
  readonly seq: number;
  readonly poller: string;
}

const ADVISORY = 'redline.poll_result';

/** Inserts `polls` of `poller` in one statement (and one transaction holding the feed's lock). */
export async function insertPolls(pool: pg.Pool, poller: string, polls: readonly PublishedPoll[]): Promise<void> {
  if (polls.length === 0) return;
  await inPgTransaction(pool, ADVISORY, async (tx) => {
    await tx.query(`INSERT INTO poll_result (poller, device_id, epoch, started_at, ended_at, answered, observation, written_at)
      SELECT $1, d, e, s, t, a, o, ${PG_NOW_MS} FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::boolean[], $7::text[]) AS u(d, e, s, t, a, o)`, [
      poller,
      polls.map((p) => p.deviceId),
      polls.map((p) => p.epoch),
      polls.map((p) => p.startedAt),
      polls.map((p) => p.endedAt),
      polls.map((p) => p.result.answered),
      polls.map((p) => JSON.stringify(p.result.observation)),
    ]);
  });
}

/** The publisher as the poller uses it. */
export interface PollPublisher {
  /** Queues a poll; resolves once the batch holding it is committed (rejects when it could not be). */
  publish(poll: PublishedPoll): Promise<void>;
  /** Writes what is queued and waits for it (stop). */
  flush(): Promise<void>;
  /** Rows committed so far. */
  written(): number;
}

/** Batches polls into multi-row INSERTs: a batch waits `flushAfterMs` for company, at most `maxBatch` rows, one INSERT at a time. */
export function createPollPublisher(pool: pg.Pool, poller: string, opts: { readonly flushAfterMs?: number; readonly maxBatch?: number } = {}): PollPublisher {
  const flushAfterMs = opts.flushAfterMs ?? 50;
  const maxBatch = opts.maxBatch ?? 500;
  let queue: { poll: PublishedPoll; resolve: () => void; reject: (e: Error) => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;
  let rows = 0;
  const writeNext = (): Promise<void> => {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    if (writing !== null || queue.length === 0) return writing ?? Promise.resolve();
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    writing = insertPolls(pool, poller, batch.map((b) => b.poll)).then(
      () => { rows += batch.length; for (const b of batch) b.resolve(); },
      (err: unknown) => { const e = err instanceof Error ? err : new Error(String(err)); for (const b of batch) b.reject(e); },
    ).finally(() => {
      writing = null;
      if (queue.length >= maxBatch) void writeNext();
      else if (queue.length > 0) timer ??= setTimeout(() => { void writeNext(); }, flushAfterMs);
    });
    return writing;
  };
  return {
    publish: (poll) => new Promise<void>((resolve, reject) => {
      queue.push({ poll, resolve, reject });
      if (queue.length >= maxBatch) void writeNext();
      else timer ??= setTimeout(() => { void writeNext(); }, flushAfterMs);
    }),
    flush: async () => {
      while (queue.length > 0 || writing !== null) await (writing ?? writeNext());
    },
    written: () => rows,
  };
}

interface FeedDbRow {
  readonly seq: number;
  readonly poller: string;
  readonly device_id: string;
  readonly epoch: number;
  readonly started_at: number;
  readonly ended_at: number;
  readonly answered: boolean;
  readonly observation: string;
}

/** Up to `limit` rows after `afterSeq`, in seq order. */
export async function readPolls(pool: pg.Pool, afterSeq: number, limit: number): Promise<FeedRow[]> {
  const { rows } = await pool.query<FeedDbRow>(
    'SELECT seq, poller, device_id, epoch, started_at, ended_at, answered, observation FROM poll_result WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]);
  return rows.map((r) => ({
    seq: r.seq, poller: r.poller, deviceId: r.device_id, epoch: r.epoch, startedAt: r.started_at, endedAt: r.ended_at,
    result: { answered: r.answered, observation: JSON.parse(r.observation) as DevicePollResult['observation'] },
  }));
}

/** The analyst's applier of the feed to its replica store. */
export interface FeedApplier {
  /** Applies every row committed after the cursor, page by page; resolves to how many rows were applied (not skipped). */
  catchUp(): Promise<number>;
  /** The last seq applied. */
  cursor(): number;
}

/**
 * Applies the feed to `store` for analyst `memberId`, starting after the cursor it saved in
 * `analyst_cursor` (0 when none). `isDevice` drops rows of devices no longer configured.
 */
export async function openFeedApplier(pool: pg.Pool, store: StateStore, memberId: string, opts: { readonly page?: number; readonly isDevice?: (id: string) => boolean } = {}): Promise<FeedApplier> {
  const page = opts.page ?? 1000;
  const saved = await pool.query<{ applied: number }>('SELECT applied FROM analyst_cursor WHERE member_id = $1', [memberId]);
  let cursor = saved.rows[0]?.applied ?? 0;
  const lastAt = new Map<string, number>();
  const latestAt = (id: string): number => {
    let t = lastAt.get(id);
    if (t === undefined) { t = store.latestDevice(id)?.observedAt ?? -Infinity; lastAt.set(id, t); }
    return t;
  };
  return {
    cursor: () => cursor,
    catchUp: async () => {
      let applied = 0;
      for (;;) {
        const rows = await readPolls(pool, cursor, page);
        if (rows.length === 0) return applied;
        const writes: DevicePollWrite[] = [];
        for (const r of rows) {
          if (opts.isDevice !== undefined && !opts.isDevice(r.deviceId)) continue;
          if (r.endedAt <= latestAt(r.deviceId)) continue; // already in the replica, or older than what is
          lastAt.set(r.deviceId, r.endedAt);
          writes.push({ deviceId: r.deviceId, at: r.endedAt, result: r.result });
        }
        if (writes.length > 0) {
          let outcomes;
          try { outcomes = store.recordDevicePolls(writes); } catch (err) { lastAt.clear(); throw err; }
          for (const o of outcomes) if (!o.ok) { lastAt.clear(); throw o.error; }
          applied += writes.length;
        }
        cursor = rows[rows.length - 1]!.seq;
        await pool.query(`INSERT INTO analyst_cursor (member_id, applied, updated_at) VALUES ($1, $2, ${PG_NOW_MS})
          ON CONFLICT (member_id) DO UPDATE SET applied = EXCLUDED.applied, updated_at = EXCLUDED.updated_at`, [memberId, cursor]);
        if (rows.length < page) return applied;
      }
    },
  };
}

/**
 * Deletes rows older than `keepMs` (PostgreSQL's clock) that every analyst heard from within
 * `analystWindowMs` has applied, at most `limit` at a time; resolves to how many went.
 */
export async function prunePolls(pool: pg.Pool, keepMs: number, opts: { readonly analystWindowMs?: number; readonly limit?: number } = {}): Promise<number> {
  const r = await pool.query(`DELETE FROM poll_result WHERE seq IN (
      SELECT seq FROM poll_result
      WHERE written_at < ${PG_NOW_MS} - $1::bigint
        AND seq <= COALESCE((SELECT MIN(applied) FROM analyst_cursor WHERE updated_at > ${PG_NOW_MS} - $2::bigint), 0)
      ORDER BY seq LIMIT $3)`, [keepMs, opts.analystWindowMs ?? 3_600_000, opts.limit ?? 10_000]);
  return r.rowCount ?? 0;
}
