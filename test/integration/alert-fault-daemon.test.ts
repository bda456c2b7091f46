/**
 * The daemon killed, not just its delivery: a real `redline run` (built CLI) on a fleet of
 * replay-agent routers whose PSUs fail and recover, paging each change to a signed webhook that
 * refuses half the deliveries and answers some after the timeout, SIGKILLed 3 times and restarted
 * on the same files. Everything the daemon committed to its outbox arrives; duplicates are the same
 * notification under the same delivery id; nothing arrives that was never committed.
 * `scripts/alert-fault-daemon.ts` runs the same with ≥ 10,000 alerts and ≥ 20 kills.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDaemonAlertFault } from '../support/alert-fault-daemon.js';
import { ensureBuilt } from '../support/cli.js';

describe('alerting across kill -9 of the daemon, webhook failing half the time', () => {
  beforeAll(async () => { await ensureBuilt(); }, 240_000);

  it('≥ 300 alerts from the analysis, 3 kills: none lost, duplicates only under their own delivery id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-alert-fault-daemon-'));
    const seed = Date.now() % 1_000_000;
    try {
      const r = await runDaemonAlertFault(dir, { alerts: 300, kills: 3, devices: 60, seed });
      const why = `seed ${seed}: ${JSON.stringify({ ...r, lost: r.lost.slice(0, 20), phantom: r.phantom.slice(0, 20) })}`;
      expect(r.alertsExpected, why).toBeGreaterThanOrEqual(300);
      expect(r.resolvedNotifications, why).toBeGreaterThan(0);
      expect(r.lost, why).toEqual([]);
      expect(r.phantom, why).toEqual([]);
      expect(r.distinctDelivered, why).toBe(r.notificationsExpected);
      expect(r.alertsDelivered, why).toBe(r.alertsExpected);
      expect(r.rows, why).toEqual({ delivered: r.notificationsExpected });
      expect(r.mismatchedDuplicates, why).toBe(0);
      expect(r.headerMismatches, why).toBe(0);
      expect(r.badSignatures, why).toBe(0);
      expect(r.starts, why).toBeGreaterThanOrEqual(4);
      // the webhook really refused about half: retries were exercised across the kills
      expect(r.refusedOnPurpose, why).toBeGreaterThan(r.notificationsExpected / 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 480_000);
});
