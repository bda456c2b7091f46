/**
 * What the stores beside the ledger on PostgreSQL share (accounts, alert bookings, records): they
 * live in the ledger's database and schema (the caller's pool), bring the `audit` component and
 * their own up to date, and write through `write`: one transaction holding the ledger's write lock
 * (AUDIT_WRITE_LOCK), so their audit records and the ledger's extend one chain, one writer at a
 * time across every process, never forked. Database errors come out as LedgerStoreError (with
 * whether a retry can help), naming host and database only, never the URL's password.
 */
import type pg from 'pg';
import { errorMessage } from '../common/errors.js';
import { describePgUrl, inPgTransaction, migratePg, type PgTx } from '../store/postgres/pool.js';
import { LedgerStoreError } from './errors.js';
import { AUDIT_WRITE_LOCK, pgLedgerStoreError } from './pg-store.js';
import { PG_AUDIT_MIGRATIONS } from './pg-schema.js';

/** A store's access to its pool: audited writes, plain reads, both with the ledger's errors. */
export interface PgAudited {
  readonly pool: pg.Pool;
  /** host:port/database of the pool (no user, no password). */
  readonly where: string;
  /** Runs `fn` in one transaction holding the audit write lock (call appendPgAudit inside it). */
  write<T>(op: string, fn: (tx: PgTx) => Promise<T>): Promise<T>;
  /** Runs a read (or an unaudited write) on the pool, mapping the database's errors. */
  read<T>(op: string, fn: (q: pg.Pool) => Promise<T>): Promise<T>;
}

/** host:port/database of the server `pool` connects to. */
export function describePgPool(pool: pg.Pool): string {
  const o = pool.options;
  if (typeof o.connectionString === 'string') return describePgUrl(o.connectionString);
  return `postgres ${o.host ?? 'localhost'}:${o.port ?? 5432}/${o.database ?? ''}`;
}

/**
 * Migrates the audit trail and `component` on `pool` (the same versions as SQLite's) and returns
 * the store's access to it. A failure to migrate is a LedgerStoreError; the pool stays open (the
 * caller owns it).
 */
export async function openPgAudited(pool: pg.Pool, component: string, migrations: readonly string[]): Promise<PgAudited> {
  const where = describePgPool(pool);
  try {
    await migratePg(pool, 'audit', PG_AUDIT_MIGRATIONS);
    await migratePg(pool, component, migrations);
  } catch (err) {
    const mapped = pgLedgerStoreError(`opening ${component}`, where, err);
    throw mapped instanceof LedgerStoreError ? mapped : new LedgerStoreError(`${component}: opening ${where} failed: ${errorMessage(err)}`, { retryable: false, cause: err });
  }
  const guard = async <T>(op: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw pgLedgerStoreError(op, where, err);
    }
  };
  return {
    pool,
    where,
    write: (op, fn) => guard(op, () => inPgTransaction(pool, AUDIT_WRITE_LOCK, fn)),
    read: (op, fn) => guard(op, () => fn(pool)),
  };
}
