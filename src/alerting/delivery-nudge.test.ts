import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notification } from '../../test/support/alert-notifications.js';
import { ManualClock } from '../../test/support/clock.js';
import { openLedgerDb, type LedgerDb } from '../ledger/sqlite-db.js';
import { createDispatcher, type Dispatcher } from './delivery-dispatcher.js';
import type { OutboxStore } from './outbox.js';
import { openSqliteOutbox } from './outbox-sqlite.js';
import type { Notification, Receiver } from './types.js';

let dir: string;
let db: LedgerDb;
let dispatcher: Dispatcher | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redline-nudge-'));
  db = openLedgerDb(join(dir, 'ledger.db'));
});
afterEach(async () => {
  await dispatcher?.stop();
  dispatcher = undefined;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A receiver whose `next()` resolves with each delivery id it is given, in order. */
function watching(): Receiver & { next(): Promise<string> } {
  const waiting: ((id: string) => void)[] = [];
  const early: string[] = [];
  return {
    name: 'ops', type: 'watching',
    deliver(n: Notification) {
      const w = waiting.shift();
      if (w === undefined) early.push(n.deliveryId);
      else w(n.deliveryId);
      return Promise.resolve({ ok: true, retryable: false });
    },
    next: () => { const e = early.shift(); return e !== undefined ? Promise.resolve(e) : new Promise((r) => { waiting.push(r); }); },
  };
}

describe('a nudge: rows just enqueued go out without waiting for the idle poll', () => {
  it('delivers a row enqueued while the loop sleeps (its idle poll an hour away) as soon as it is nudged', async () => {
    const outbox = openSqliteOutbox(db);
    // told each time a pass of the loop finds nothing due (it goes to sleep right after)
    let idle: () => void = () => undefined;
    const nextIdle = (): Promise<void> => new Promise((r) => { idle = r; });
    const store: OutboxStore = { ...outbox, receiversDue: async (now) => { const due = await outbox.receiversDue(now); if (due.length === 0) idle(); return due; } };
    const ops = watching();
    dispatcher = createDispatcher({ store, receivers: new Map([['ops', ops]]), clock: new ManualClock(), random: () => 0 }, { pollMs: 3_600_000 });
    await outbox.enqueue([notification('d-1', 'ops')]);
    const quiet = nextIdle();
    dispatcher.start();
    expect(await ops.next()).toBe('d-1');
    await quiet;
    await new Promise((r) => { setImmediate(r); });
    // the loop now sleeps for an hour; only the nudge can bring the next row out
    await outbox.enqueue([notification('d-2', 'ops')]);
    dispatcher.nudge();
    expect(await ops.next()).toBe('d-2');
  });

});
