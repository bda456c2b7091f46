/**
 * SQLite vs PostgreSQL behind the same LedgerStore (issue 14, item 1): rows written per second by
 * `applyPass` reconciling `--findings` findings (first pass: every finding and hazard new; then
 * passes where a tenth of them change state), and by single audit appends (`--appends`, one
 * transaction each). SQLite on a temporary file (WAL, synchronous=FULL); PostgreSQL at
 * REDLINE_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) in a fresh schema,
 * dropped afterwards. Figures only, no assertions; on a shared machine they are inflated by
 * whatever else runs.
 * Run: npx tsx bench/pg-store-bench.ts [--findings=2000] [--passes=5] [--appends=500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgLedgerStore } from '../src/ledger/pg-store.js';
import type { LedgerStore, PassInput } from '../src/ledger/port.js';
import { openSqliteLedgerStore } from '../src/ledger/sqlite-store.js';
import { simplePlanner, testFinding } from '../test/ledger/simple-planner.js';
import { dropSchema, freshSchema, PG_TEST_URL } from '../test/support/postgres.js';

const arg = (name: string, fallback: number): number => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a === undefined ? fallback : Number(a.split('=')[1]);
};
const FINDINGS = arg('findings', 2000);
const PASSES = arg('passes', 5);
const APPENDS = arg('appends', 500);
const T0 = Date.UTC(2026, 11, 5, 0);
const POLICY = 'b'.repeat(64);

function passAt(k: number): PassInput {
  // pass 0: all unprotected; odd passes: a rotating tenth becomes protected (and is unprotected again next pass)
  const findings = Array.from({ length: FINDINGS }, (_, i) => testFinding({
    id: `ne-${i}`, state: k > 0 && i % 10 === k % 10 && k % 2 === 1 ? 'protected' : 'unprotected', colour: 'orange', site: `site-${i % 40}`,
  }));
  return { at: T0 + k * 60_000, policyHash: POLICY, findings };
}

interface Figures { firstPass: number; laterPasses: number; appends: number }

async function measure(store: LedgerStore): Promise<Figures> {
  const plan = simplePlanner();
  let t = performance.now();
  const first = await store.applyPass(passAt(0), plan);
  const firstRows = FINDINGS + first.findingChanges + first.hazardsChanged + first.auditRecords;
  const firstPass = firstRows / ((performance.now() - t) / 1000);
  t = performance.now();
  let rows = 0;
  for (let k = 1; k <= PASSES; k++) {
    const o = await store.applyPass(passAt(k), plan);
    rows += o.findingChanges * 2 + o.hazardsChanged + o.auditRecords + 1;
  }
  const laterPasses = rows / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < APPENDS; i++) await store.appendAudit({ at: T0 + i, actor: 'bench', action: 'note', target: `n${i}`, before: null, after: { i } });
  const appends = APPENDS / ((performance.now() - t) / 1000);
  return { firstPass, laterPasses, appends };
}

const dir = mkdtempSync(join(tmpdir(), 'redline-pg-bench-'));
const sqlite = openSqliteLedgerStore(join(dir, 'ledger.db'));
const s = await measure(sqlite).finally(() => sqlite.close());
rmSync(dir, { recursive: true, force: true });
const schema = freshSchema();
const pgStore = await openPgLedgerStore({ url: PG_TEST_URL, schema });
const p = await measure(pgStore).finally(() => pgStore.close());
await dropSchema(schema);

const row = (label: string, a: number, b: number): string => `${label.padEnd(44)} ${a.toFixed(0).padStart(10)} ${b.toFixed(0).padStart(12)}`;
console.log(`findings per pass: ${FINDINGS}, later passes: ${PASSES}, audit appends: ${APPENDS}`);
console.log(`${''.padEnd(44)} ${'SQLite'.padStart(10)} ${'PostgreSQL'.padStart(12)}`);
console.log(row('applyPass, first pass (rows/s)', s.firstPass, p.firstPass));
console.log(row('applyPass, later passes (rows/s)', s.laterPasses, p.laterPasses));
console.log(row('appendAudit, one per transaction (records/s)', s.appends, p.appends));
