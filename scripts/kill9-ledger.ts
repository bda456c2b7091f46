/**
 * The kill -9 loop as a script, for more kills than the test suite runs:
 * `npx tsx scripts/kill9-ledger.ts [--kills=100] [--keep]`. A writer child appends acknowledged
 * ledger writes to a real file in a fresh temporary directory and is SIGKILLed at random
 * moments; after each kill the file must pass SQLite's integrity check and verify-ledger and hold
 * every acknowledged write. Prints a line per kill and a summary; exits 1 on any failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killLoop, roundOk } from '../test/support/kill9-loop.js';

const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { kills: { type: 'string', default: '100' }, keep: { type: 'boolean' } } });
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1) {
  process.stderr.write('--kills must be a positive integer\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'redline-kill9-'));
process.stdout.write(`kill -9 loop: ${kills} kills on ${join(dir, 'ledger.db')}\n`);
const started = Date.now();
let failed = 0;
const rounds = await killLoop(dir, kills, {
  onRound: (r) => {
    const ok = roundOk(r);
    if (!ok) failed++;
    const when = r.killedBeforeFirstAck ? 'before its first ack' : 'while writing';
    process.stdout.write(`kill ${String(r.round).padStart(String(kills).length)}/${kills}: ${ok ? 'ok ' : 'BAD'} killed ${when} after ${r.killedAfterMs} ms, ` +
      `${r.acked} acked, ${r.verify.records} records, ${r.verify.checkpoints} checkpoints, integrity ${r.integrity}` +
      `${r.lost.length > 0 ? `, LOST ${r.lost.join(',')}` : ''}${r.verify.firstBad !== null ? `, first bad record ${r.verify.firstBad.seq}: ${r.verify.firstBad.reason.en}` : ''}` +
      `${r.unexpectedExit !== null ? `, ${r.unexpectedExit}` : ''}\n`);
  },
});
const acked = rounds.reduce((n, r) => n + r.acked, 0);
const early = rounds.filter((r) => r.killedBeforeFirstAck).length;
const last = rounds.at(-1);
process.stdout.write(`\nsummary: ${rounds.length} kills (${early} before the writer's first ack), ${failed} failed; ${acked} writes acknowledged, none may be lost; ` +
  `final ledger ${last?.verify.records ?? 0} audit records, ${last?.verify.checkpoints ?? 0} checkpoints; ${((Date.now() - started) / 1000).toFixed(1)} s (machine shared, timings inflated)\n`);
if (values.keep === true) process.stdout.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
process.exitCode = failed === 0 ? 0 : 1;
