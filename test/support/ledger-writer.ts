/**
 * Child process of the kill -9 and backup tests: writes to a real ledger file through the SQLite
 * LedgerStore (each write one immediate transaction holding the hazard and its audit record) and
 * prints `ack <n> <hazard id>` on stdout only after the write returned: a new hazard, and for
 * every third one its acknowledgement too (so that acknowledged hazards are `acknowledged`).
 * Every `--checkpoint-every` writes it signs a checkpoint, as the daemon does. Runs until killed
 * (or `--max` writes).
 * Usage: node --import tsx ledger-writer.ts <ledger.db> [--key file] [--checkpoint-every N] [--pause-ms N] [--max N]
 */
import { parseArgs } from 'node:util';
import { writeCheckpoint } from '../../src/ledger/checkpoints.js';
import { loadOrCreateSigningKey } from '../../src/ledger/signing.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { testHazard } from '../ledger/simple-planner.js';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2), allowPositionals: true, strict: true,
  options: { key: { type: 'string' }, 'checkpoint-every': { type: 'string' }, 'pause-ms': { type: 'string' }, max: { type: 'string' } },
});
const file = positionals[0];
if (file === undefined) throw new Error('usage: ledger-writer.ts <ledger.db> [--key file] [--checkpoint-every N] [--pause-ms N] [--max N]');
const every = Number(values['checkpoint-every'] ?? '25');
const pauseMs = Number(values['pause-ms'] ?? '0');
const max = Number(values.max ?? 'Infinity');

const store = openSqliteLedgerStore(file);
const key = values.key === undefined ? null : loadOrCreateSigningKey(values.key, { now: Date.now() });
// write numbers only need to be unique and increasing across restarts: the chain head is both
let n = ((store.db.prepare('SELECT MAX(seq) AS m FROM audit').get() as { m: number | null }).m ?? 0) + 1;
for (let done = 0; done < max; done++, n++) {
  const at = Date.now();
  const h = testHazard({ subjectId: `kill9-${n}`, foundAt: at, remediationPlan: 'x'.repeat(Math.floor(Math.random() * 3000)) });
  await store.createHazard(h, { at, actor: 'daemon', action: 'hazard.create', target: `hazard:${h.id}`, before: null, after: { status: 'open', n } });
  if (n % 3 === 0) {
    await store.updateHazard(h.id, 1, (cur) => ({
      hazard: { ...cur, version: cur.version + 1, status: 'acknowledged', ownerPerson: '张三', updatedAt: at + 1 },
      event: { hazardId: cur.id, at: at + 1, actor: 'cli:kill9', kind: 'status', from: 'open', to: 'acknowledged' },
      audit: { at: at + 1, actor: 'cli:kill9', action: 'hazard.transition', target: `hazard:${cur.id}`, before: { status: 'open' }, after: { status: 'acknowledged' } },
    }));
  }
  process.stdout.write(`ack ${n} ${h.id}\n`);
  if (key !== null && done % every === every - 1) {
    const c = writeCheckpoint(store.db, key, Date.now());
    if (c !== null) process.stdout.write(`checkpoint ${c.seq}\n`);
  }
  if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
}
await store.close();
