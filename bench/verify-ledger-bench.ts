/**
 * verify-ledger benchmark (prints figures; not a test): builds a ledger file of N audit records
 * (1,000,000 by default) with appendAuditSync in large transactions, as the store writes them,
 * with a signed checkpoint every `checkpointEvery` records, then times verifyLedger on it —
 * SQLite's integrity check plus the streaming chain walk with every signature checked — and
 * prints records/s and the heap and RSS high-water marks (memory stays bounded: records are read
 * a page at a time). Figures on the shared 2-core machine are inflated by the other work on it.
 *
 *   npx tsx bench/verify-ledger-bench.ts [records=1000000] [checkpointEvery=1000] [--keep]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCheckpoint } from '../src/ledger/checkpoints.js';
import { loadOrCreateSigningKey } from '../src/ledger/signing.js';
import { appendAuditSync, openLedgerDb } from '../src/ledger/sqlite-db.js';
import type { AuditEntry } from '../src/ledger/types.js';
import { verifyLedger } from '../src/ledger/verify.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const records = Number(positional[0] ?? '1000000');
const checkpointEvery = Number(positional[1] ?? '1000');
const keep = process.argv.includes('--keep');
const TXN = 20_000;
const START = Date.UTC(2026, 0, 1);

/** A record shaped like a hazard transition: before/after of a few fields, as the API writes. */
function entry(seq: number): AuditEntry {
  return {
    at: START + seq * 1000,
    actor: seq % 5 === 0 ? 'daemon' : `operator-${seq % 40}`,
    action: seq % 3 === 0 ? 'hazard.transition' : 'hazard.update',
    target: `hazard:SWO-001:device:bj-core-${seq % 10_000}:2026-01-01T00:00:00.000Z`,
    before: { status: 'acknowledged', version: seq % 17, ownerPerson: '张三', deadline: START + 86_400_000 },
    after: { status: 'rectifying', version: (seq % 17) + 1, ownerPerson: '张三', remediationPlan: '更换故障电源模块 / replace the failed PSU' },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'redline-verify-bench-'));
const file = join(dir, 'ledger.db');
const key = loadOrCreateSigningKey(join(dir, 'ledger-signing.key'), { now: START });
const db = openLedgerDb(file);
let t0 = performance.now();
for (let seq = 1; seq <= records;) {
  // large transactions, cut at each multiple of checkpointEvery so the checkpoint pins exactly there
  const stop = Math.min(records, seq - 1 + TXN, (Math.floor((seq - 1) / checkpointEvery) + 1) * checkpointEvery);
  const batch: AuditEntry[] = [];
  for (; seq <= stop; seq++) batch.push(entry(seq));
  db.transaction(() => appendAuditSync(db, batch)).immediate();
  if (stop % checkpointEvery === 0) writeCheckpoint(db, key, START + stop * 1000);
  if (stop % 200_000 === 0) process.stdout.write(`  built ${stop} records\n`);
}
const checkpointCount = (db.prepare('SELECT COUNT(*) AS n FROM audit_checkpoint').get() as { n: number }).n;
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
const buildS = (performance.now() - t0) / 1000;
process.stdout.write(`built ${records} audit records (${checkpointCount} signed checkpoints) in ${buildS.toFixed(1)} s; file ${(statSync(file).size / 1e6).toFixed(1)} MB\n`);

let heapMax = 0;
let rssMax = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  heapMax = Math.max(heapMax, m.heapUsed);
  rssMax = Math.max(rssMax, m.rss);
};
sample();
const heapBefore = heapMax;
t0 = performance.now();
const report = verifyLedger(file, { publicKey: key, onProgress: sample, progressEvery: 10_000 });
const verifyS = (performance.now() - t0) / 1000;
sample();
process.stdout.write(`verifyLedger: ok=${report.ok}, ${report.records} records, ${report.checkpoints} checkpoints, integrity ${report.integrity.join('; ')}\n`);
process.stdout.write(`  ${verifyS.toFixed(1)} s, ${Math.round(report.records / verifyS)} records/s (integrity check included; shared machine, figures inflated)\n`);
// the integrity check alone, to tell its share from the chain walk's
const raw = new Database(file, { readonly: true, fileMustExist: true });
t0 = performance.now();
raw.pragma('integrity_check');
const integrityS = (performance.now() - t0) / 1000;
raw.close();
process.stdout.write(`  of which PRAGMA integrity_check alone ≈ ${integrityS.toFixed(1)} s; the chain walk ≈ ${Math.round(report.records / Math.max(0.001, verifyS - integrityS))} records/s\n`);
process.stdout.write(`  heap high-water ${(heapMax / 1e6).toFixed(0)} MB (${(heapBefore / 1e6).toFixed(0)} MB before), RSS high-water ${(rssMax / 1e6).toFixed(0)} MB\n`);
if (keep) process.stdout.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
