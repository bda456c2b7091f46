/**
 * Child process of the two-writers test: opens the ledger file (its own connection) and makes
 * `count` rounds of writes, a millisecond apart — each round a filed hazard, then a change to it, then a free-standing
 * audit record — so that two of these running at once contend for the write lock on every write.
 * Usage: node --import tsx ledger-writer.ts <ledger file> <writer name> <count>
 * Prints `ready` once the store is open, starts writing when a line arrives on stdin (so that
 * both writers start together, whatever their start-up times), and prints `done <writes>` at the end.
 */
import { openSqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { testHazard } from './simple-planner.js';

const [file, name, countText] = process.argv.slice(2);
if (file === undefined || name === undefined || countText === undefined) throw new Error('usage: ledger-writer.ts <ledger file> <writer name> <count>');
const count = Number(countText);
const T0 = Date.UTC(2026, 10, 1);
const store = openSqliteLedgerStore(file);
process.stdout.write('ready\n');
await new Promise<void>((go) => process.stdin.once('data', () => { go(); }));
process.stdin.pause();
let writes = 0;
for (let i = 0; i < count; i++) {
  const at = T0 + i * 1000;
  const h = testHazard({ subjectId: `${name}-${i}`, foundAt: at, foundBy: name, foundByMethod: 'patrol' });
  await store.createHazard(h, { at, actor: name, action: 'hazard.create', target: `hazard:${h.id}`, before: null, after: { status: 'open' } });
  await store.updateHazard(h.id, 1, (cur) => ({
    hazard: { ...cur, version: 2, status: 'acknowledged', ownerPerson: name, updatedAt: at + 1 },
    event: { hazardId: cur.id, at: at + 1, actor: name, kind: 'status', from: 'open', to: 'acknowledged' },
    audit: { at: at + 1, actor: name, action: 'hazard.transition', target: `hazard:${cur.id}`, before: { status: 'open' }, after: { status: 'acknowledged' } },
  }));
  await store.appendAudit({ at: at + 2, actor: name, action: 'export', target: `hazard:${h.id}`, before: null, after: null });
  writes += 3;
  // a real writer pauses between writes; without a pause SQLite's busy wait (no queue, no
  // fairness) lets one tight loop keep the lock and the two would run one after the other
  await new Promise((pause) => setTimeout(pause, 1));
}
await store.close();
process.stdout.write(`done ${writes}\n`);
