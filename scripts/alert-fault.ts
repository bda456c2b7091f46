/**
 * The alerting fault run of issue 12: `npx tsx scripts/alert-fault.ts [--total=10000] [--kills=20]
 * [--seed=N] [--keep]`. A webhook on port 0 verifies signatures and refuses half the deliveries
 * at random; the outbox and dispatcher run in a child on a real ledger file, SIGKILLed `kills`
 * times and restarted, then drained. Prints a line per kill and the counts; exits 1 when any
 * notification was lost, a duplicate differed from its first copy, or a row ended dead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runAlertFault } from '../test/support/alert-fault-loop.js';

const { values } = parseArgs({
  args: process.argv.slice(2), strict: true,
  options: { total: { type: 'string', default: '10000' }, kills: { type: 'string', default: '20' }, seed: { type: 'string' }, keep: { type: 'boolean' } },
});
const total = Number(values.total);
const kills = Number(values.kills);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
for (const [name, v] of [['--total', total], ['--kills', kills], ['--seed', seed]] as const) {
  if (!Number.isInteger(v) || v < 0) {
    process.stderr.write(`${name} must be a non-negative integer\n`);
    process.exit(2);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'redline-alert-fault-'));
process.stdout.write(`alert fault run: ${total} notifications, ${kills} kill -9, webhook failing 50% (seed ${seed}), ledger ${join(dir, 'ledger.db')}\n`);
const r = await runAlertFault(dir, {
  total, kills, seed,
  onKill: (round, afterMs, delivered) => { process.stdout.write(`kill ${String(round).padStart(String(kills).length)}/${kills}: after ${afterMs} ms, ${delivered} delivered so far\n`); },
});
const ok = r.lost.length === 0 && r.mismatchedDuplicates === 0 && r.headerMismatches === 0 && r.badSignatures === 0 && (r.rows['dead'] ?? 0) === 0;
process.stdout.write([
  `notifications:          ${r.total}`,
  `kill -9:                ${r.kills}`,
  `webhook requests:       ${r.requests} (${r.refusedOnPurpose} refused on purpose with 500, ${r.badSignatures} bad signatures)`,
  `arrived (distinct ids): ${r.arrived}`,
  `lost:                   ${r.lost.length}${r.lost.length > 0 ? ` (${r.lost.slice(0, 10).join(', ')}${r.lost.length > 10 ? ', …' : ''})` : ''}`,
  `duplicates:             ${r.duplicates} (all under the same delivery id; ${r.mismatchedDuplicates} differing in content, ${r.headerMismatches} header/body id mismatches)`,
  `outbox rows:            ${Object.entries(r.rows).map(([s, n]) => `${s} ${n}`).join(', ')}`,
  `time:                   ${(r.ms / 1000).toFixed(1)} s (on a shared, loaded machine)`,
  ok ? 'result: OK, 0 lost' : 'result: FAILED',
  '',
].join('\n'));
if (values.keep === true) process.stdout.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
