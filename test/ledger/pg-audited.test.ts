/**
 * What the stores beside the PostgreSQL ledger share (src/ledger/pg-audited.ts): an unreachable
 * server is a retryable LedgerStoreError naming host, port and database, never the URL's password,
 * for each of them; and their audited writes and the ledger's extend one chain.
 */
import { describe, expect, it } from 'vitest';
import { openPgBookingStore } from '../../src/alerting/booking-pg.js';
import { openPgAuthStore } from '../../src/auth/token-store-pg.js';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerStoreError } from '../../src/ledger/errors.js';
import { describePgPool } from '../../src/ledger/pg-audited.js';
import { newRecord } from '../../src/records/lifecycle.js';
import { openPgRecordsStore } from '../../src/records/pg-store.js';
import { openPgPool } from '../../src/store/postgres/pool.js';
import { cutoverInputAt } from '../records/store-contract.js';
import { openPgTestLedgers, pgAvailable } from '../support/postgres.js';
import { allAudit } from './store-contract.js';

const T0 = Date.UTC(2026, 11, 5, 8);

describe('the stores beside the PostgreSQL ledger', () => {
  it('refuse an unreachable server with a retryable LedgerStoreError naming host and database, never the password', async () => {
    const pool = await openPgPool({ url: 'postgres://redline:s3cret-pw@127.0.0.1:1/ledgerdb' });
    try {
      expect(describePgPool(pool)).toBe('postgres 127.0.0.1:1/ledgerdb');
      for (const open of [openPgAuthStore, openPgBookingStore, openPgRecordsStore]) {
        const err: unknown = await open(pool).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(LedgerStoreError);
        expect((err as LedgerStoreError).retryable).toBe(true);
        expect((err as Error).message).toContain('127.0.0.1:1/ledgerdb');
        expect((err as Error).message).not.toContain('s3cret-pw');
      }
    } finally {
      await pool.end();
    }
  });

  it.skipIf(!pgAvailable)('write into the ledger\'s chain: ledger, accounts, bookings and records at once leave one unbroken chain', async () => {
    const pg = await openPgTestLedgers(2, 3);
    try {
      const [l0, l1] = pg.ledgers;
      const auth = await openPgAuthStore(l0!.pool);
      const bookings = await openPgBookingStore(l1!.pool);
      const records = await openPgRecordsStore(l0!.pool);
      await Promise.all(Array.from({ length: 5 }, (_, i) => [
        l1!.appendAudit({ at: T0 + i, actor: 'ledger', action: 'note', target: `n${i}`, before: null, after: null }),
        auth.createToken({ name: `t${i}`, role: 'viewer', hash: `h${i}`, expiresAt: null }, { at: T0 + i, actor: 'auth' }),
        bookings.enqueue([], { at: T0 + i, actor: 'bookings', action: 'receiver.test', target: `receiver:r${i}`, before: null, after: null }),
        (async () => {
          const c = newRecord('cutover', cutoverInputAt(T0 + i, 1, [`d${i}`]), { actor: 'records', now: T0 });
          await records.create(c, { at: T0 + i, actor: 'records', action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: null });
        })(),
      ]).flat());
      const trail = await allAudit(l0!);
      expect(trail.map((r) => r.actor).sort()).toEqual(['auth', 'bookings', 'ledger', 'records'].flatMap((a) => Array<string>(5).fill(a)));
      expect(firstChainBreak(trail)).toBeNull();
    } finally {
      await pg.cleanup();
    }
  });
});
