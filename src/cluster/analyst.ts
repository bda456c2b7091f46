/**
 * `redline run --role analyst`: the analysis, ledger reconciliation, alerting and report schedule
 * run in exactly one process, the one holding the election's lock (src/cluster/election.ts).
 * A standby keeps its replica state file warm from the poll feed while it waits, so on takeover
 * it starts from the latest polls; once elected it waits until the replica holds every
 * configured device (or `readyWithinMs` passed), then the daemon is built as usual with its
 * polling replaced by the feed (`startFeed`). The standby answers nothing on HTTP.
 */
import type pg from 'pg';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import { openSqliteStateStore, type StateStore } from '../state/store.js';
import { campaign, type Campaign } from './election.js';
import { clusterMetrics } from './metrics.js';
import { openFeedApplier, prunePolls } from './poll-feed.js';
import { migrateCluster } from './schema.js';

/** What an analyst needs of the cluster. */
export interface AnalystCluster {
  readonly pool: pg.Pool;
  /** For the election's own session (a secret: never logged). */
  readonly url: string;
  readonly schema?: string;
  /** This analyst's id (its `instance` label and feed cursor). */
  readonly memberId: string;
  /** Told when the leader's election session fails: the process must stop leading at once. */
  readonly onLost: (reason: string) => void;
  /** How often a standby tries for the lock and catches up, ms (default 2000). */
  readonly retryMs?: number;
}

const delay = (ms: number): Promise<void> => new Promise((r) => { setTimeout(r, ms).unref(); });

/**
 * Waits to be elected, applying the feed to the replica at `stateFile` meanwhile; resolves with
 * the won campaign once the replica holds every device of `devices()` or `readyWithinMs` passed
 * after winning. `stop` (from the caller's teardown) ends the wait with an error.
 */
export async function standBy(c: AnalystCluster, stateFile: string, devices: () => readonly string[], logger: Logger, readyWithinMs: number): Promise<Campaign> {
  await migrateCluster(c.pool);
  const retryMs = c.retryMs ?? 2000;
  const election = campaign({ url: c.url, ...(c.schema !== undefined ? { schema: c.schema } : {}), retryMs }, c.onLost);
  const state = { won: false };
  void election.won.then(() => { state.won = true; });
  const store = openSqliteStateStore(stateFile);
  try {
    const applier = await openFeedApplier(c.pool, store, c.memberId);
    logger.info({ analyst: c.memberId }, 'analyst standing by for the lock');
    const missing = (s: StateStore): number => devices().filter((id) => s.latestDevice(id) === null).length;
    let wonAt: number | null = null;
    for (;;) {
      try { await applier.catchUp(); } catch (err) { logger.error({ err: errorMessage(err) }, 'could not apply the poll feed; retrying'); }
      if (state.won) {
        wonAt ??= performance.now();
        const left = missing(store);
        if (left === 0 || performance.now() - wonAt > readyWithinMs) {
          if (left > 0) logger.warn({ missing: left }, 'elected analyst starts with devices the pollers have not reported yet');
          logger.info({ analyst: c.memberId, cursor: applier.cursor() }, 'elected the active analyst');
          return election;
        }
      }
      await Promise.race([delay(state.won ? 200 : retryMs), election.won]);
    }
  } catch (err) {
    await election.stop();
    throw err;
  } finally {
    store.close();
  }
}

/** Applies the poll feed to the daemon's store every `everyMs` and prunes applied rows; returns its stop. */
export async function startFeed(c: AnalystCluster, store: StateStore, metrics: RedlineMetrics, logger: Logger, opts: { readonly everyMs: number; readonly keepMs: number; readonly isDevice: (id: string) => boolean }): Promise<() => Promise<void>> {
  const cm = clusterMetrics(metrics.registry, { instance: c.memberId, role: 'analyst' });
  cm.leader.set(1);
  const applier = await openFeedApplier(c.pool, store, c.memberId, { isDevice: opts.isDevice });
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let lastPrune = 0;
  const step = async (): Promise<void> => {
    try {
      const n = await applier.catchUp();
      if (n > 0) cm.feedRows.inc({ direction: 'applied' }, n);
      if (performance.now() - lastPrune > 60_000) {
        lastPrune = performance.now();
        await prunePolls(c.pool, opts.keepMs);
      }
    } catch (err) {
      metrics.internalErrors.inc({ part: 'poll feed' });
      logger.error({ err: errorMessage(err) }, 'could not apply the poll feed; retrying');
    }
  };
  const loop = (): void => {
    if (stopped) return;
    running = step().finally(() => { if (!stopped) timer = setTimeout(loop, opts.everyMs); });
  };
  loop();
  return async () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    await running;
  };
}
