/**
 * Child process of the kill -9 and backup tests: appends writes to a real ledger file, each in
 * one immediate transaction (a row of its own table plus its audit record, as every ledger
 * write does), and prints `ack <n>` on stdout only after the commit returned. Every
 * `--checkpoint-every` writes it signs a checkpoint. Runs until killed (or `--max` writes).
 * Usage: node --import tsx ledger-writer.ts <ledger.db> [--key file] [--checkpoint-every N] [--pause-ms N] [--max N]
 */
import { parseArgs } from 'node:util';
import { appendAuditSync, migrate, openLedgerDb } from '../../src/ledger/sqlite-db.js';
import { writeCheckpoint } from '../../src/ledger/checkpoints.js';
import { loadOrCreateSigningKey } from '../../src/ledger/signing.js';

/** The writer's own table: one row per acknowledged write, with the audit record that covers it. */
export const WRITER_MIGRATIONS: readonly string[] = [
  'CREATE TABLE writer_item (n INTEGER PRIMARY KEY, at INTEGER NOT NULL, audit_seq INTEGER NOT NULL, payload TEXT NOT NULL)',
];

const { values, positionals } = parseArgs({
  args: process.argv.slice(2), allowPositionals: true, strict: true,
  options: { key: { type: 'string' }, 'checkpoint-every': { type: 'string' }, 'pause-ms': { type: 'string' }, max: { type: 'string' } },
});
const file = positionals[0];
if (file === undefined) throw new Error('usage: ledger-writer.ts <ledger.db> [--key file] [--checkpoint-every N] [--pause-ms N] [--max N]');
const every = Number(values['checkpoint-every'] ?? '25');
const pauseMs = Number(values['pause-ms'] ?? '0');
const max = Number(values.max ?? 'Infinity');

const db = openLedgerDb(file);
migrate(db, 'kill9-writer', WRITER_MIGRATIONS);
const key = values.key === undefined ? null : loadOrCreateSigningKey(values.key, { now: Date.now() });
const insert = db.prepare('INSERT INTO writer_item (n, at, audit_seq, payload) VALUES (?, ?, ?, ?)');
const write = db.transaction((n: number, at: number) => {
  // payloads of varying size so commits touch one page or several
  const payload = 'x'.repeat(Math.floor(Math.random() * 3000));
  const [rec] = appendAuditSync(db, [
    { at, actor: 'daemon', action: 'kill9.write', target: `item:${n}`, before: null, after: { n, size: payload.length } },
    ...(n % 3 === 0 ? [{ at, actor: 'cli:kill9', action: 'kill9.note', target: `item:${n}`, before: { n }, after: { n, note: '第三条 / every third' } }] : []),
  ]);
  insert.run(n, at, rec!.seq, payload);
});

let n = ((db.prepare('SELECT MAX(n) AS m FROM writer_item').get() as { m: number | null }).m ?? 0) + 1;
for (let done = 0; done < max; done++, n++) {
  write.immediate(n, Date.now());
  process.stdout.write(`ack ${n}\n`);
  if (key !== null && n % every === 0) {
    const c = writeCheckpoint(db, key, Date.now());
    if (c !== null) process.stdout.write(`checkpoint ${c.seq}\n`);
  }
  if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
}
db.close();
