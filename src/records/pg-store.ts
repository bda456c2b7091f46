/**
 * The records store on PostgreSQL, in the ledger's database: the same tables as SQLite's
 * (component `records`, the same versions), a record's JSON beside the columns its queries use
 * and one row per element it concerns. A record and its audit record are written in one
 * transaction under the ledger's write lock, on the ledger's chain; the version check reads what
 * is stored after the lock is held, so of two writers at the same version one wins and the other
 * gets LedgerConflictError (the API's 409). `appearedViaPg` reads the PostgreSQL ledger's findings
 * history as `appearedViaSqlite` reads SQLite's.
 */
import type pg from 'pg';
import type { Page } from '../ledger/port.js';
import { describePgPool, openPgAudited } from '../ledger/pg-audited.js';
import { appendPgAudit, pgLedgerStoreError } from '../ledger/pg-store.js';
import { inPgTransaction, type PgTx } from '../store/postgres/pool.js';
import { appearedSql, type AppearedReader } from './findings-history.js';
import type { RecordQuery, RecordsStore } from './port.js';
import { changedRecord, checkNewRecord, checkRecordsPage, RECORDS_COMPONENT, recordRow, recordsWhere } from './sqlite-store.js';
import { elementKeysOf, type AnyRecord, type RecordKind, type RecordOfKind } from './types.js';

/** The records' schema on PostgreSQL; append, never edit (keep the versions in step with RECORDS_MIGRATIONS). */
export const PG_RECORDS_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE record (
    kind       TEXT COLLATE "C" NOT NULL,
    id         TEXT COLLATE "C" NOT NULL,
    version    INTEGER NOT NULL,
    status     TEXT COLLATE "C" NOT NULL,
    start_at   BIGINT NOT NULL,
    end_at     BIGINT,
    updated_at BIGINT NOT NULL,
    json       TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX record_by_start ON record (kind, start_at DESC, id);
  CREATE INDEX record_by_status ON record (kind, status, start_at DESC);
  CREATE TABLE record_element (
    kind      TEXT COLLATE "C" NOT NULL,
    record_id TEXT COLLATE "C" NOT NULL,
    element   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, record_id, element),
    FOREIGN KEY (kind, record_id) REFERENCES record (kind, id) ON DELETE CASCADE
  );
  CREATE INDEX record_element_by_element ON record_element (element, kind, record_id);
  `,
];

async function writeElements(tx: PgTx, r: AnyRecord): Promise<void> {
  await tx.query('DELETE FROM record_element WHERE kind = $1 AND record_id = $2', [r.kind, r.id]);
  await tx.query('INSERT INTO record_element (kind, record_id, element) SELECT $1, $2, e FROM unnest($3::text[]) AS e ON CONFLICT DO NOTHING', [r.kind, r.id, elementKeysOf(r)]);
}

async function recordOrNull<K extends RecordKind>(q: pg.Pool | PgTx, kind: K, id: string): Promise<RecordOfKind[K] | null> {
  const { rows } = await q.query<{ json: string }>('SELECT json FROM record WHERE kind = $1 AND id = $2', [kind, id]);
  return rows[0] === undefined ? null : JSON.parse(rows[0].json) as RecordOfKind[K];
}

/** The records store on `pool` (the ledger's); migrates the records' tables (and the audit trail's). */
export async function openPgRecordsStore(pool: pg.Pool): Promise<RecordsStore> {
  const db = await openPgAudited(pool, RECORDS_COMPONENT, PG_RECORDS_MIGRATIONS);
  return {
    create: (record, audit) => db.write(`creating ${record.kind} ${record.id}`, async (tx) => {
      const { rows } = await tx.query<{ version: number }>('SELECT version FROM record WHERE kind = $1 AND id = $2', [record.kind, record.id]);
      checkNewRecord(record, rows[0]?.version);
      const r = recordRow(record);
      await tx.query('INSERT INTO record (kind, id, version, status, start_at, end_at, updated_at, json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [r.kind, r.id, r.version, r.status, r.start, r.end, r.updated, r.json]);
      await writeElements(tx, record);
      await appendPgAudit(tx, [audit]);
      return record;
    }),
    update: (kind, id, expectedVersion, change) => db.write(`updating ${kind} ${id}`, async (tx) => {
      const { record, audit } = changedRecord(kind, id, expectedVersion, await recordOrNull(tx, kind, id), change);
      const r = recordRow(record);
      await tx.query('UPDATE record SET version = $3, status = $4, start_at = $5, end_at = $6, updated_at = $7, json = $8 WHERE kind = $1 AND id = $2',
        [r.kind, r.id, r.version, r.status, r.start, r.end, r.updated, r.json]);
      await writeElements(tx, record);
      await appendPgAudit(tx, [audit]);
      return record;
    }),
    get: (kind, id) => db.read(`reading ${kind} ${id}`, (q) => recordOrNull(q, kind, id)),
    list: <K extends RecordKind>(q: RecordQuery<K>) => db.read(`listing ${q.kind}`, (pool) => inPgTransaction(pool, null, async (tx): Promise<Page<RecordOfKind[K]>> => {
      checkRecordsPage(q.limit, q.offset);
      // one snapshot, so the total and its page agree
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { sql, params } = recordsWhere(q, 'pg');
      const total = (await tx.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM record ${sql}`, params)).rows[0]!.n;
      const n = params.length;
      const { rows } = await tx.query<{ json: string }>(`SELECT json FROM record ${sql} ORDER BY start_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, q.limit, q.offset]);
      return { total, items: rows.map((r) => JSON.parse(r.json) as RecordOfKind[K]) };
    })),
  };
}

/** "Which findings began failing in a window" in SQL on the PostgreSQL ledger's findings history (same answer as appearedViaSqlite). */
export function appearedViaPg(pool: pg.Pool): AppearedReader {
  const sql = appearedSql('$1::bigint', '$2::bigint');
  return async (start, at) => {
    try {
      return (await pool.query<{ fingerprint: string }>(sql, [start, at])).rows.map((r) => r.fingerprint);
    } catch (err) {
      throw pgLedgerStoreError('reading the findings history', describePgPool(pool), err);
    }
  };
}
