/**
 * The PostgreSQL ledger: the LedgerStore contract on a real server, each store in its own fresh
 * schema; then what PostgreSQL adds: two processes' worth of writers (separate pools) appending
 * at once never fork the audit chain, two stores migrating the same schema at once apply each
 * migration once, and the URL's password never appears in an error.
 */
import { describe, expect, it } from 'vitest';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerStoreError } from '../../src/ledger/errors.js';
import { openPgLedgerStore } from '../../src/ledger/pg-store.js';
import { LEDGER_MIGRATIONS } from '../../src/ledger/schema.js';
import { AUDIT_MIGRATIONS } from '../../src/ledger/sqlite-db.js';
import { PG_AUDIT_MIGRATIONS, PG_LEDGER_MIGRATIONS } from '../../src/ledger/pg-schema.js';
import { pgSchemaVersion } from '../../src/store/postgres/pool.js';
import { dropSchema, freshSchema, pgAvailable, PG_TEST_URL } from '../support/postgres.js';
import { allAudit, describeLedgerStoreContract } from './store-contract.js';

const T0 = Date.UTC(2026, 10, 1, 8);

if (pgAvailable) {
  describeLedgerStoreContract('postgres (a fresh schema)', async () => {
    const schema = freshSchema();
    const store = await openPgLedgerStore({ url: PG_TEST_URL, schema, poolSize: 4 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
}

describe.skipIf(!pgAvailable)('PostgreSQL ledger store', () => {
  it('keeps the same migration versions as SQLite, so one redline version means one schema on either store', () => {
    expect(PG_LEDGER_MIGRATIONS).toHaveLength(LEDGER_MIGRATIONS.length);
    expect(PG_AUDIT_MIGRATIONS).toHaveLength(AUDIT_MIGRATIONS.length);
  });

  it('two stores opening one new schema at once apply each migration once', async () => {
    const schema = freshSchema();
    try {
      const [a, b] = await Promise.all([openPgLedgerStore({ url: PG_TEST_URL, schema }), openPgLedgerStore({ url: PG_TEST_URL, schema })]);
      expect(await pgSchemaVersion(a.pool, 'ledger')).toBe(PG_LEDGER_MIGRATIONS.length);
      const { rows } = await a.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM schema_migrations');
      expect(rows[0]!.n).toBe(PG_LEDGER_MIGRATIONS.length + PG_AUDIT_MIGRATIONS.length);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await dropSchema(schema);
    }
  });

  it('writers on separate pools appending at once leave one unbroken chain (no fork, no gap)', async () => {
    const schema = freshSchema();
    try {
      const stores = await Promise.all([0, 1, 2].map(() => openPgLedgerStore({ url: PG_TEST_URL, schema, poolSize: 3 })));
      await Promise.all(stores.flatMap((s, i) => Array.from({ length: 20 }, (_, k) =>
        s.appendAudit({ at: T0 + k, actor: `writer-${i}`, action: 'note', target: `n${k}`, before: null, after: { k } }))));
      const records = await allAudit(stores[0]!);
      expect(records).toHaveLength(60);
      expect(firstChainBreak(records)).toBeNull();
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await dropSchema(schema);
    }
  });

  it('refuses to change the audit trail (append-only trigger)', async () => {
    const schema = freshSchema();
    try {
      const s = await openPgLedgerStore({ url: PG_TEST_URL, schema });
      await s.appendAudit({ at: T0, actor: 'a', action: 'note', target: 't', before: null, after: null });
      await expect(s.pool.query("UPDATE audit SET actor = 'mallory'")).rejects.toThrow(/append-only/);
      await expect(s.pool.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
      await s.close();
    } finally {
      await dropSchema(schema);
    }
  });

  it('a server it cannot reach is a retryable LedgerStoreError that names host and database, never the password', async () => {
    const err: unknown = await openPgLedgerStore({ url: 'postgres://redline:s3cret-pw@127.0.0.1:1/ledgerdb', schema: freshSchema() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerStoreError);
    expect((err as LedgerStoreError).retryable).toBe(true);
    expect((err as Error).message).toContain('127.0.0.1:1/ledgerdb');
    expect((err as Error).message).not.toContain('s3cret-pw');
  });
});
