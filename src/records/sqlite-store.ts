/**
 * The records store on SQLite, in the ledger's file (its own migration component, `records`, so
 * its schema upgrades on its own) and on the ledger's connection: a record and its audit record
 * are written in one `immediate` transaction, on the same hash chain as the ledger's. Each record
 * is kept as JSON beside the columns its queries use (kind, status, span) and one row per element
 * it concerns, so filters and paging run in SQL.
 */
import type Database from 'better-sqlite3';
import { LedgerConflictError, LedgerNotFoundError, LedgerStoreError } from '../ledger/errors.js';
import type { Page } from '../ledger/port.js';
import { appendAuditSync, migrate, type LedgerDb } from '../ledger/sqlite-db.js';
import { ledgerStoreError } from '../ledger/sqlite-store.js';
import type { AuditEntry } from '../ledger/types.js';
import type { RecordChange, RecordQuery, RecordsStore } from './port.js';
import { elementKeysOf, spanOf, type AnyRecord, type RecordKind, type RecordOfKind } from './types.js';

/** The migration component of the records' tables. */
export const RECORDS_COMPONENT = 'records';

/** The records' schema; never edit a released migration, append one. */
export const RECORDS_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE record (
    kind       TEXT NOT NULL,
    id         TEXT NOT NULL,
    version    INTEGER NOT NULL,
    status     TEXT NOT NULL,
    start_at   INTEGER NOT NULL,
    end_at     INTEGER,
    updated_at INTEGER NOT NULL,
    json       TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX record_by_start ON record (kind, start_at DESC, id);
  CREATE INDEX record_by_status ON record (kind, status, start_at DESC);
  CREATE TABLE record_element (
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    element   TEXT NOT NULL,
    PRIMARY KEY (kind, record_id, element),
    FOREIGN KEY (kind, record_id) REFERENCES record (kind, id) ON DELETE CASCADE
  );
  CREATE INDEX record_element_by_element ON record_element (element, kind, record_id);
  `,
];

/** Refuses a page that is not a positive limit and a non-negative offset. */
export function checkRecordsPage(limit: number, offset: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`records: limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`records: offset must be a non-negative integer, got ${offset}`);
}

/** The WHERE clause of a query, in SQLite's (?) or PostgreSQL's ($n) parameters; an empty "any of" list matches nothing. */
export function recordsWhere(q: RecordQuery<RecordKind>, dialect: 'sqlite' | 'pg'): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (v: unknown): string => {
    params.push(v);
    return dialect === 'pg' ? `$${params.length}` : '?';
  };
  const list = (values: readonly unknown[]): string => values.map(param).join(', ');
  const parts = [`kind = ${param(q.kind)}`];
  if (q.status !== undefined) parts.push(q.status.length === 0 ? 'FALSE' : `status IN (${list(q.status)})`);
  if (q.to !== undefined) parts.push(`start_at <= ${param(q.to)}`);
  if (q.from !== undefined) parts.push(`(end_at IS NULL OR end_at >= ${param(q.from)})`);
  if (q.endBefore !== undefined) parts.push(`end_at < ${param(q.endBefore)}`);
  if (q.element !== undefined) {
    parts.push(q.element.length === 0 ? 'FALSE' : `id IN (SELECT record_id FROM record_element WHERE kind = ${param(q.kind)} AND element IN (${list(q.element)}))`);
  }
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}

/** The stored columns of a record (both stores). */
export function recordRow(r: AnyRecord): { kind: RecordKind; id: string; version: number; status: string; start: number; end: number | null; updated: number; json: string } {
  const span = spanOf(r);
  return { kind: r.kind, id: r.id, version: r.version, status: r.status, start: span.start, end: span.end, updated: r.updatedAt, json: JSON.stringify(r) };
}

/** Refuses a new record that is not at version 1 or whose id is taken (`storedVersion`: the stored one's). */
export function checkNewRecord(record: AnyRecord, storedVersion: number | undefined): void {
  if (record.version !== 1) throw new RangeError(`records: a new record has version 1, got ${record.version}`);
  if (storedVersion !== undefined) throw new LedgerConflictError(`records: ${record.kind} "${record.id}" exists already`, storedVersion);
}

/**
 * Decides a change against the stored record (null: none): not found, a stale version, or the
 * change's result, which must keep kind and id and take the next version.
 */
export function changedRecord<K extends RecordKind>(kind: K, id: string, expectedVersion: number, current: RecordOfKind[K] | null,
  change: RecordChange<RecordOfKind[K]>): { readonly record: RecordOfKind[K]; readonly audit: AuditEntry } {
  if (current === null) throw new LedgerNotFoundError(`no ${kind} "${id}"`);
  if (current.version !== expectedVersion) throw new LedgerConflictError(`${kind} "${id}" is at version ${current.version}, not ${expectedVersion}: someone changed it first; read it again`, current.version);
  const out = change(current);
  if (out.record.kind !== kind || out.record.id !== id || out.record.version !== current.version + 1) {
    throw new LedgerStoreError(`records: a change of ${kind} "${id}" must keep its kind and id and take version ${current.version + 1}`, { retryable: false });
  }
  return out;
}

/** Opens the records store on an open ledger connection (migrating its tables); closing the ledger closes it. */
export function openSqliteRecordsStore(db: LedgerDb): RecordsStore {
  try {
    migrate(db, RECORDS_COMPONENT, RECORDS_MIGRATIONS);
  } catch (err) {
    throw ledgerStoreError('opening the records', err);
  }
  const st = {
    get: db.prepare('SELECT json FROM record WHERE kind = ? AND id = ?'),
    head: db.prepare('SELECT version FROM record WHERE kind = ? AND id = ?'),
    insert: db.prepare('INSERT INTO record (kind, id, version, status, start_at, end_at, updated_at, json) VALUES (@kind, @id, @version, @status, @start, @end, @updated, @json)'),
    update: db.prepare('UPDATE record SET version = @version, status = @status, start_at = @start, end_at = @end, updated_at = @updated, json = @json WHERE kind = @kind AND id = @id'),
    clearElements: db.prepare('DELETE FROM record_element WHERE kind = ? AND record_id = ?'),
    addElement: db.prepare('INSERT OR IGNORE INTO record_element (kind, record_id, element) VALUES (?, ?, ?)'),
  };
  const byShape = new Map<string, { page: Database.Statement; count: Database.Statement }>();

  const writeElements = (r: AnyRecord): void => {
    st.clearElements.run(r.kind, r.id);
    for (const e of elementKeysOf(r)) st.addElement.run(r.kind, r.id, e);
  };
  /** Runs `fn` in one immediate transaction, SQLite's errors as LedgerStoreError. */
  const write = <T>(op: string, fn: () => T): T => {
    try {
      return db.transaction(fn).immediate();
    } catch (err) {
      throw ledgerStoreError(op, err);
    }
  };
  const read = <T>(op: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw ledgerStoreError(op, err);
    }
  };

  return {
    create: <K extends RecordKind>(record: RecordOfKind[K], audit: AuditEntry) => Promise.resolve().then(() => write(`creating ${record.kind} ${record.id}`, () => {
      checkNewRecord(record, (st.head.get(record.kind, record.id) as { version: number } | undefined)?.version);
      st.insert.run(recordRow(record));
      writeElements(record);
      appendAuditSync(db, [audit]);
      return record;
    })),
    update: <K extends RecordKind>(kind: K, id: string, expectedVersion: number, change: RecordChange<RecordOfKind[K]>) => Promise.resolve().then(() => write(`updating ${kind} ${id}`, () => {
      const cur = st.get.get(kind, id) as { json: string } | undefined;
      const { record, audit } = changedRecord(kind, id, expectedVersion, cur === undefined ? null : JSON.parse(cur.json) as RecordOfKind[K], change);
      st.update.run(recordRow(record));
      writeElements(record);
      appendAuditSync(db, [audit]);
      return record;
    })),
    get: <K extends RecordKind>(kind: K, id: string) => Promise.resolve().then(() => read(`reading ${kind} ${id}`, () => {
      const r = st.get.get(kind, id) as { json: string } | undefined;
      return r === undefined ? null : JSON.parse(r.json) as RecordOfKind[K];
    })),
    list: <K extends RecordKind>(q: RecordQuery<K>) => Promise.resolve().then(() => read(`listing ${q.kind}`, (): Page<RecordOfKind[K]> => {
      checkRecordsPage(q.limit, q.offset);
      const { sql, params } = recordsWhere(q, 'sqlite');
      let s = byShape.get(sql);
      if (s === undefined) {
        s = {
          page: db.prepare(`SELECT json FROM record ${sql} ORDER BY start_at DESC, id LIMIT ? OFFSET ?`),
          count: db.prepare(`SELECT COUNT(*) AS n FROM record ${sql}`),
        };
        byShape.set(sql, s);
      }
      const total = (s.count.get(...params) as { n: number }).n;
      const items = (s.page.all(...params, q.limit, q.offset) as { json: string }[]).map((r) => JSON.parse(r.json) as RecordOfKind[K]);
      return { total, items };
    })),
  };
}
