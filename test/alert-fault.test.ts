import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAlertFault } from './support/alert-fault-loop.js';

describe('alert delivery under kill -9 and a webhook failing half the time', () => {
  it('1,000 notifications, 5 kills: none lost, duplicates only as the same notification under its delivery id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-alert-fault-'));
    try {
      const seed = Date.now() % 1_000_000;
      const r = await runAlertFault(dir, { total: 1000, kills: 5, seed, drainTimeoutMs: 120_000 });
      expect(r.lost, `seed ${seed}`).toEqual([]);
      expect(r.arrived).toBe(1000);
      expect(r.rows).toEqual({ delivered: 1000 });
      expect(r.mismatchedDuplicates).toBe(0);
      expect(r.headerMismatches).toBe(0);
      expect(r.badSignatures).toBe(0);
      // the webhook really failed about half: the run exercised retries
      expect(r.refusedOnPurpose).toBeGreaterThan(300);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
