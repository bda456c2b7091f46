/**
 * Retention benchmark (prints figures; not a test): the SQLite state file under a simulated year
 * of churn with retention pruning. 10,000 devices (the benchmark device: 50 interfaces, 30
 * ENTITY-MIB rows, 5 BGP peers) on an injected clock, one day per step: a share of devices flaps
 * (an interface down, then up again: two transitions), a share is removed from the inventory and
 * replaced by new devices, and the daily prune deletes transitions older than the retention (and
 * forgotten devices last seen before it). Unchanged polls only rewrite a head row in place and do
 * not grow the file, so they are not simulated. Prints the file size every 30 days, then the
 * free pages and the size after VACUUM.
 *
 *   npx tsx bench/retention-bench.ts [devices=10000] [days=365] [retentionDays=90] [flapShare=0.02] [churnShare=0.003]
 *
 * The default retention here is shorter than the daemon's (400 days) so that a simulated year
 * reaches the steady state; pass 400 and 800 days to see the daemon's own.
 *
 * Vacuuming: none (no auto_vacuum, no scheduled VACUUM). Pages freed by the prune go to SQLite's
 * freelist and are reused by the next transitions and devices, so the file levels off at its
 * peak: measured (2026-12, defaults) 146.9 MB from day 90 to day 365 while 1.24 million
 * transitions were pruned and 11,000 devices replaced. What VACUUM would give back (to 95.8 MB
 * here) is the one-time burst of every subject's first transition at start, not growth; it costs
 * an exclusive lock of the file for seconds and twice the disk while it runs. Incremental
 * auto-vacuum would need a full VACUUM to switch existing files over and then move pages on every
 * prune. An operator who wants the space back runs `sqlite3 <stateFile> VACUUM` with the daemon stopped.
 *
 * Pruning runs in batches (PRUNE_BATCH) as the daemon does: the one-off prune of 620,000 first
 * transitions held the event loop 3.4 s in one statement; in batches of 5,000 the longest batch
 * measured was 194 ms (10,000 devices, 120 days, retention 30, on a loaded 2-core machine).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PRUNE_BATCH, retentionCutoff } from '../src/app/retention.js';
import type { DeviceObservation } from '../src/collect/observation.js';
import { benchObservation } from './bench-observation.js';
import { openSqliteStateStore } from '../src/state/store.js';

const devices = Number(process.argv[2] ?? '10000');
const days = Number(process.argv[3] ?? '365');
const retentionDays = Number(process.argv[4] ?? '90');
const flapShare = Number(process.argv[5] ?? '0.02');
const churnShare = Number(process.argv[6] ?? '0.003');
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);


/** The observation with interface `k` down (or none when k < 0), uptime at `at`. */
function variant(base: DeviceObservation, k: number, at: number): DeviceObservation {
  return {
    ...base,
    system: { ...base.system, uptimeSeconds: Math.floor((at - T0) / 1000) + 1000 },
    interfaces: base.interfaces.map((i, n) => (n === k ? { ...i, operStatus: 'down' as const } : i)),
  };
}

/** A small deterministic PRNG (mulberry32), so runs compare. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const size = (file: string): { db: number; wal: number } => {
  const s = (f: string): number => { try { return statSync(f).size; } catch { return 0; } };
  return { db: s(file), wal: s(`${file}-wal`) };
};

const base = await benchObservation();
const dir = mkdtempSync(join(tmpdir(), 'redline-retention-bench-'));
const file = join(dir, 'state.db');
const store = openSqliteStateStore(file);
const random = prng(46);
try {
  console.log(`retention bench: ${devices} devices × ${base.interfaces.length} interfaces, ${days} days, retention ${retentionDays} days, ${flapShare * 100}% flapping and ${churnShare * 100}% replaced per day`);
  const t0 = performance.now();
  let live: string[] = Array.from({ length: devices }, (_, n) => `dev-${n}`);
  let next = devices;
  for (const id of live) store.recordDevicePoll(id, T0, { answered: true, observation: variant(base, -1, T0) });
  let polls = devices;
  let pruned = 0;
  let removed = 0;
  let longestPrune = { ms: 0, rows: 0 };
  console.log('day  transitions-pruned  file (db + wal)');
  for (let day = 1; day <= days; day++) {
    const at = T0 + day * DAY;
    // flapping: an interface goes down and comes back the same day
    for (const id of live) {
      if (random() >= flapShare) continue;
      const k = Math.floor(random() * base.interfaces.length);
      store.recordDevicePoll(id, at + 3_600_000, { answered: true, observation: variant(base, k, at + 3_600_000) });
      store.recordDevicePoll(id, at + 7_200_000, { answered: true, observation: variant(base, -1, at + 7_200_000) });
      polls += 2;
    }
    // churn: devices leave the inventory (forgotten on reload), new ones arrive
    const leaving = new Set(live.filter(() => random() < churnShare));
    for (const id of leaving) store.forgetDevice(id);
    removed += leaving.size;
    live = live.filter((id) => !leaving.has(id));
    for (let k = 0; k < leaving.size; k++) {
      const id = `dev-${next++}`;
      live.push(id);
      store.recordDevicePoll(id, at + 10_800_000, { answered: true, observation: variant(base, -1, at + 10_800_000) });
      polls++;
    }
    // the daily prune (03:17 UTC in the daemon)
    // in batches, as the daemon does (it yields to the event loop between them)
    for (;;) {
      const p0 = performance.now();
      const rows = store.pruneTransitions(retentionCutoff(at + 11_820_000, retentionDays), PRUNE_BATCH);
      const pruneMs = performance.now() - p0;
      if (pruneMs > longestPrune.ms) longestPrune = { ms: pruneMs, rows };
      pruned += rows;
      if (rows === 0) break;
    }
    if (day % 30 === 0 || day === days) {
      const s = size(file);
      console.log(`${String(day).padStart(3)}  ${String(pruned).padStart(18)}  ${mb(s.db)} + ${mb(s.wal)}`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  store.close();

  const db = new Database(file);
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const transitions = (db.prepare('SELECT count(*) AS n FROM device_transition').get() as { n: number }).n;
  const heads = (db.prepare('SELECT count(*) AS n FROM device_head').get() as { n: number }).n;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const before = size(file);
  const v0 = performance.now();
  db.exec('VACUUM');
  const vacuumMs = performance.now() - v0;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const after = size(file);
  db.close();
  console.log(`${polls} stored polls, ${removed} devices replaced, ${pruned} transitions pruned, in ${seconds.toFixed(1)} s (${Math.round(polls / seconds)} polls/s)`);
  console.log(`longest prune batch: ${Math.round(longestPrune.ms)} ms for ${longestPrune.rows} transitions (the longest the event loop waits for retention)`);
  console.log(`end: ${transitions} transitions kept, ${heads} device rows (${live.length} live), ${pages} pages of ${pageSize} B, ${free} free (${((100 * free) / pages).toFixed(1)}%)`);
  console.log(`file after checkpoint: ${mb(before.db)}; after VACUUM: ${mb(after.db)} (VACUUM took ${Math.round(vacuumMs)} ms)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
