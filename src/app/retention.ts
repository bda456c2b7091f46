/**
 * Bounded history: transitions older than `settings.retention.days` are pruned at start and then
 * daily (a calendar schedule, so node-cron, in UTC), in batches that leave the event loop free;
 * devices and checks no longer configured are forgotten at start and on reload.
 */
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { Inventory } from '../inventory/model.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import type { StateStore } from '../state/store.js';

const DAY_MS = 86_400_000;

/** When the daily prune runs (UTC, off the hour so it does not meet other hourly jobs). */
export const PRUNE_SCHEDULE = '17 3 * * *';

/** The wall time before which transitions are deleted, for a retention of `days`. */
export function retentionCutoff(wallNowMs: number, days: number): number {
  return wallNowMs - days * DAY_MS;
}

/** Transitions deleted per batch: one batch holds the event loop for tens of milliseconds (bench/retention-bench.ts), not seconds. */
export const PRUNE_BATCH = 5_000;

/** What a prune needs. */
export interface PruneDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly days: number;
  readonly logger: Logger;
  readonly metrics: RedlineMetrics;
  /** Asked between batches: true when the daemon is stopping (the rest waits for the next prune). */
  readonly stopping?: () => boolean;
}

/**
 * Prunes in batches, yielding to the event loop between them (the first prune after an upgrade
 * may have years to delete); resolves to how many transitions were deleted. A store failure is
 * logged (and counted by the store's watcher) and resolves to what was deleted until then.
 */
export async function pruneNow(deps: PruneDeps): Promise<number> {
  const cutoff = retentionCutoff(deps.clock.wallMs(), deps.days);
  const started = deps.clock.monotonicMs();
  let total = 0;
  try {
    for (;;) {
      const n = deps.store.pruneTransitions(cutoff, PRUNE_BATCH);
      total += n;
      deps.metrics.transitionsPruned.inc(n);
      if (n === 0 || deps.stopping?.() === true) break;
      await new Promise<void>((resolve) => { setImmediate(resolve); });
      if (deps.stopping?.() === true) break;
    }
    deps.logger.info({ deleted: total, olderThan: new Date(cutoff).toISOString(), retentionDays: deps.days, ms: Math.round(deps.clock.monotonicMs() - started) }, 'retention: old transitions pruned');
  } catch (err) {
    deps.logger.error({ err: errorMessage(err), deleted: total }, 'retention: prune failed; will retry at the next schedule');
  }
  return total;
}

/** Forgets every device and health check the store knows that `inventory` no longer has; returns how many. */
export function forgetUnconfigured(store: StateStore, inventory: Inventory): number {
  let n = 0;
  for (const d of store.deviceSummaries()) {
    if (inventory.devices.has(d.deviceId)) continue;
    store.forgetDevice(d.deviceId);
    n++;
  }
  for (const h of store.latestHealthAll()) {
    if (inventory.health.has(h.checkId)) continue;
    store.forgetHealth(h.checkId);
    n++;
  }
  return n;
}

/** Runs `job` daily on PRUNE_SCHEDULE (UTC); errors stay inside. Returns a stop function. */
export async function scheduleDaily(job: () => Promise<unknown>, onError: (err: unknown) => void): Promise<() => void> {
  const cron = await import('node-cron');
  const task = cron.schedule(PRUNE_SCHEDULE, async () => {
    try { await job(); } catch (err) { onError(err); }
  }, { timezone: 'Etc/UTC', name: 'redline-retention', noOverlap: true });
  return () => { void task.stop(); };
}
