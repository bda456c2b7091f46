/**
 * The PostgreSQL ledger as the analysis worker's hooks share it: one small pool per connection
 * for the worker's life, reused when a new setup rebuilds the hooks (the ledger's and alerting's),
 * so a reload never leaves a pool behind. The daemon's own pool is separate.
 */
import type { PgConnection } from '../store/postgres/pool.js';
import { openPgLedgerStore, type PgLedgerStore } from './pg-store.js';

/** Connections the worker's pool opens at most (the ledger's pass and alerting's step, one each, plus one spare). */
const WORKER_POOL_SIZE = 3;

let shared: { readonly key: string; readonly store: Promise<PgLedgerStore> } | null = null;

/** The worker's PostgreSQL ledger on `conn` (opened on first use; a different connection closes the previous pool). */
export function workerPgLedger(conn: PgConnection): Promise<PgLedgerStore> {
  const key = JSON.stringify([conn.url, conn.schema ?? null]);
  if (shared?.key === key) return shared.store;
  const previous = shared;
  const store = openPgLedgerStore({ url: conn.url, ...(conn.schema !== undefined ? { schema: conn.schema } : {}), poolSize: WORKER_POOL_SIZE });
  // a failed open is tried again at the next pass, not remembered
  store.catch(() => { if (shared?.store === store) shared = null; });
  shared = { key, store };
  if (previous !== null) void previous.store.then((s) => s.close(), () => undefined);
  return store;
}
