import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/cli.js';
import { overlapsOf, runClusterFault } from '../support/cluster-fault.js';
import { pgAvailable } from '../support/postgres.js';

describe('overlap check of the recorded polls', () => {
  it('finds two pollers polling one device at once, and nothing in polls one after another', () => {
    expect(overlapsOf([
      { poller: 'p1', device: 'd', start: 0, end: 100 },
      { poller: 'p2', device: 'd', start: 100, end: 200 },
      { poller: 'p1', device: 'e', start: 0, end: 100 },
    ])).toEqual([]);
    expect(overlapsOf([
      { poller: 'p1', device: 'd', start: 0, end: 500 },
      { poller: 'p1', device: 'd', start: 10, end: 20 },
      { poller: 'p2', device: 'd', start: 300, end: 600 },
    ])).toEqual(['d: p1 [0, 500] / p2 [300, 600]']);
  });
});

describe.skipIf(!pgAvailable)('three pollers and two analysts on one PostgreSQL, kill -9 of a poller and of the active analyst', () => {
  beforeAll(async () => { await ensureBuilt(); }, 240_000);
  it('the devices move within two intervals, never polled twice at once; the standby takes over with no notification lost and the ledger chain intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-cluster-fault-'));
    try {
      const seed = Date.now() % 1_000_000;
      const r = await runClusterFault(dir, { devices: 30, seed, pollSeconds: 5 });
      const why = `seed ${seed}`;
      expect(r.orphaned, why).toBeGreaterThan(0);
      expect(r.worstTakeoverMs, why).toBeLessThanOrEqual(2 * r.intervalMs);
      expect(r.overlaps, why).toEqual([]);
      expect(r.pollers, why).toBe(3);
      expect(r.unowned, why).toBe(0);
      expect(r.standbyElected, why).toBe(true);
      expect(r.afterTakeover, why).toBeGreaterThan(0);
      expect(r.lost, why).toEqual([]);
      expect(r.phantom, why).toEqual([]);
      expect(r.mismatchedDuplicates, why).toBe(0);
      expect(r.badSignatures, why).toBe(0);
      expect(r.rows, why).toEqual({ delivered: r.notifications });
      expect(r.verify.ok, `${why}: ${JSON.stringify(r.verify)}`).toBe(true);
      expect(r.verify.records, why).toBeGreaterThan(0);
      expect(r.verify.signaturesChecked, why).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
