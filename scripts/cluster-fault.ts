/**
 * The cluster fault run of issue 14 with its figures printed:
 * `npx tsx scripts/cluster-fault.ts [--devices=30] [--seed=N] [--poll-seconds=5]`. Three pollers
 * and two analysts (bin/redline.js, built by `npm run build`) on a fresh schema of the PostgreSQL
 * at REDLINE_TEST_PG_URL (default 127.0.0.1:5432); one poller and then the active analyst are
 * SIGKILLed (see test/support/cluster-fault.ts). Prints the report as JSON; exits 1 when a device
 * moved later than two intervals, was polled twice at once, a notification was lost or the ledger
 * chain does not verify.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../test/support/cli.js';
import { runClusterFault } from '../test/support/cluster-fault.js';

const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { devices: { type: 'string', default: '30' }, seed: { type: 'string' }, 'poll-seconds': { type: 'string', default: '5' } } });
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
await ensureBuilt();
const dir = mkdtempSync(join(tmpdir(), 'redline-cluster-fault-'));
try {
  const r = await runClusterFault(dir, { devices: Number(values.devices), seed, pollSeconds: Number(values['poll-seconds']) });
  process.stdout.write(`${JSON.stringify({ seed, ...r, verify: { ok: r.verify.ok, records: r.verify.records, checkpoints: r.verify.checkpoints } }, null, 2)}\n`);
  const ok = r.worstTakeoverMs <= 2 * r.intervalMs && r.overlaps.length === 0 && r.lost.length === 0 && r.phantom.length === 0 && r.mismatchedDuplicates === 0 && r.verify.ok;
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
