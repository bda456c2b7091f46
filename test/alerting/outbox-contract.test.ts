/**
 * The OutboxStore contract, run against SQLite (a real file) and PostgreSQL (a fresh schema):
 * enqueue skips a delivery id already there, claims lease due rows and re-claim them only after
 * the lease, two claims at once never take the same row, settle records delivered / retry / dead
 * (dead once, with its meta alert), counts and pruning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPgOutbox } from '../../src/alerting/outbox-pg.js';
import { openSqliteOutbox } from '../../src/alerting/outbox-sqlite.js';
import type { OutboxStore } from '../../src/alerting/outbox.js';
import { openLedgerDb } from '../../src/ledger/sqlite-db.js';
import { openPgPool } from '../../src/store/postgres/pool.js';
import { notification } from '../support/alert-notifications.js';
import { dropSchema, freshSchema, pgAvailable, PG_TEST_URL } from '../support/postgres.js';

const T0 = Date.UTC(2026, 11, 4, 8);

interface Opened { readonly outbox: OutboxStore; cleanup(): Promise<void> }

function describeOutboxContract(name: string, open: () => Promise<Opened>): void {
  describe(`OutboxStore contract: ${name}`, () => {
    let opened: Opened;
    beforeEach(async () => { opened = await open(); });
    afterEach(async () => { await opened.cleanup(); });

    it('enqueues once per delivery id and lists the receivers with due rows', async () => {
      const o = opened.outbox;
      expect(await o.enqueue([notification('d-1', 'ops', T0), notification('d-2', 'noc', T0 + 60_000)])).toBe(2);
      expect(await o.enqueue([notification('d-1', 'ops', T0)])).toBe(0);
      expect(await o.receiversDue(T0)).toEqual(['ops']);
      expect((await o.receiversDue(T0 + 60_000)).sort()).toEqual(['noc', 'ops']);
      expect(await o.counts()).toEqual({ pending: 2, inflight: 0, delivered: 0, dead: 0 });
    });

    it('leases claimed rows and claims them again only after the lease ran out', async () => {
      const o = opened.outbox;
      await o.enqueue([notification('d-1', 'ops', T0), notification('d-2', 'ops', T0 + 1)]);
      const first = await o.claim('ops', T0 + 10, 10, 30_000);
      expect(first.map((e) => e.notification.deliveryId)).toEqual(['d-1', 'd-2']);
      expect(first.every((e) => e.attempts === 0)).toBe(true);
      expect(await o.claim('ops', T0 + 20_000, 10, 30_000)).toEqual([]);
      expect((await o.claim('ops', T0 + 30_010, 10, 30_000)).map((e) => e.notification.deliveryId)).toEqual(['d-1', 'd-2']);
    });

    it('two claims at once never take the same row', async () => {
      const o = opened.outbox;
      await o.enqueue(Array.from({ length: 20 }, (_, i) => notification(`d-${i}`, 'ops', T0 + i)));
      const [a, b] = await Promise.all([o.claim('ops', T0 + 100, 12, 30_000), o.claim('ops', T0 + 100, 12, 30_000)]);
      const ids = [...a, ...b].map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(20);
    });

    it('settles delivered, retry and dead (dead once, with its meta alert) and prunes old delivered rows only', async () => {
      const o = opened.outbox;
      await o.enqueue([notification('d-1', 'ops', T0), notification('d-2', 'ops', T0), notification('d-3', 'ops', T0)]);
      const [e1, e2, e3] = await o.claim('ops', T0, 10, 30_000);
      const meta = [notification('meta-1', 'meta', T0 + 5)];
      await o.settle([
        { id: e1!.id, kind: 'delivered', at: T0 + 1 },
        { id: e2!.id, kind: 'retry', dueAt: T0 + 60_000, error: '503' },
        { id: e3!.id, kind: 'dead', at: T0 + 2, error: '400', meta },
      ]);
      // a second settle of the same dead row (a late duplicate claim) raises no second meta alert
      await o.settle([{ id: e3!.id, kind: 'dead', at: T0 + 3, error: '400', meta: [notification('meta-2', 'meta', T0 + 6)] }]);
      expect(await o.counts()).toEqual({ pending: 2, inflight: 0, delivered: 1, dead: 1 });
      const again = await o.claim('ops', T0 + 60_000, 10, 30_000);
      expect(again.map((e) => [e.notification.deliveryId, e.attempts])).toEqual([['d-2', 1]]);
      expect(await o.pruneDelivered(T0 + 1)).toBe(0);
      expect(await o.pruneDelivered(T0 + 2)).toBe(1);
      expect(await o.counts()).toEqual({ pending: 1, inflight: 1, delivered: 0, dead: 1 });
    });
  });
}

describeOutboxContract('sqlite (a real file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-outbox-'));
  const db = openLedgerDb(join(dir, 'ledger.db'));
  return Promise.resolve({
    outbox: openSqliteOutbox(db),
    cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); return Promise.resolve(); },
  });
});

if (pgAvailable) {
  describeOutboxContract('postgres (a fresh schema)', async () => {
    const schema = freshSchema();
    const pool = await openPgPool({ url: PG_TEST_URL, schema, poolSize: 4 });
    return { outbox: await openPgOutbox(pool), cleanup: async () => { await pool.end(); await dropSchema(schema); } };
  });
}
