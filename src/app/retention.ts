/**
 * Bounded history: transitions older than `settings.retention.days` are pruned at start and then
 * daily (a calendar schedule, so node-cron, in UTC); devices and checks no longer configured are
 * forgotten at start and on reload.
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

/** Prunes now; returns how many transitions were deleted (0 when the store failed: that is logged and counted by the store's watcher). */
export function pruneNow(deps: { readonly store: StateStore; readonly clock: Clock; readonly days: number; readonly logger: Logger; readonly metrics: RedlineMetrics }): number {
  const cutoff = retentionCutoff(deps.clock.wallMs(), deps.days);
  const started = deps.clock.monotonicMs();
  try {
    const n = deps.store.pruneTransitions(cutoff);
    deps.metrics.transitionsPruned.inc(n);
    deps.logger.info({ deleted: n, olderThan: new Date(cutoff).toISOString(), retentionDays: deps.days, ms: Math.round(deps.clock.monotonicMs() - started) }, 'retention: old transitions pruned');
    return n;
  } catch (err) {
    deps.logger.error({ err: errorMessage(err) }, 'retention: prune failed; will retry at the next schedule');
    return 0;
  }
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
export async function scheduleDaily(job: () => void, onError: (err: unknown) => void): Promise<() => void> {
  const cron = await import('node-cron');
  const task = cron.schedule(PRUNE_SCHEDULE, () => {
    try { job(); } catch (err) { onError(err); }
  }, { timezone: 'Etc/UTC', name: 'redline-retention', noOverlap: true });
  return () => { void task.stop(); };
}
