/**
 * The ledger's SQLite file: how it is opened (WAL, `synchronous=FULL` so an acknowledged write
 * survives a power cut or kill -9, a busy timeout), versioned migrations per component (the
 * ledger, the audit trail and accounts each keep their own list, so each part's schema upgrades
 * from any earlier version on its own), and the audit append every write makes in its own
 * transaction. Only SQLite implementations import this file.
 */
import Database from 'better-sqlite3';
import { errorMessage } from '../common/errors.js';
import { nextRecord, storedEntry } from './audit-chain.js';
import { LedgerStoreError } from './errors.js';
import { auditRecordOf, type AuditRow } from './store-common.js';
import type { AuditEntry, AuditRecord } from './types.js';

export { auditRecordOf };

/** A SQLite database handle (better-sqlite3). */
export type LedgerDb = Database.Database;

/** How long a writer waits for another connection's write lock before failing as busy (ms). */
export const LEDGER_BUSY_TIMEOUT_MS = 5000;

/** Opens (creating if needed) the ledger file with its durability settings and brings the audit schema up to date. */
export function openLedgerDb(file: string, opts: { readonly readOnly?: boolean } = {}): LedgerDb {
  let db: LedgerDb;
  try {
    db = new Database(file, opts.readOnly === true ? { readonly: true, fileMustExist: true } : {});
  } catch (err) {
    throw new LedgerStoreError(`ledger: cannot open ${file}: ${errorMessage(err)}`, { retryable: false, cause: err });
  }
  db.pragma(`busy_timeout = ${LEDGER_BUSY_TIMEOUT_MS}`);
  if (opts.readOnly !== true) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, 'audit', AUDIT_MIGRATIONS);
  }
  return db;
}

/**
 * Brings `component`'s tables from the version recorded in `schema_migrations` to the last of
 * `migrations` (migration k takes version k to k + 1), in one transaction. Refuses a file that a
 * newer redline wrote. Never edit a released migration; append one.
 */
export function migrate(db: LedgerDb, component: string, migrations: readonly string[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    component  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    applied_at INTEGER NOT NULL,
    PRIMARY KEY (component, version)
  )`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations WHERE component = ?').get(component) as { v: number | null };
  const current = row.v ?? 0;
  if (current > migrations.length) {
    throw new LedgerStoreError(`ledger: ${db.name} has ${component} schema version ${current}, newer than this redline knows (${migrations.length}); upgrade redline`, { retryable: false });
  }
  if (current === migrations.length) return;
  const record = db.prepare('INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let v = current; v < migrations.length; v++) {
      db.exec(migrations[v]!);
      record.run(component, v + 1, Date.now());
    }
  }).immediate();
}

/** The version of `component`'s schema in `db` (0: none). */
export function schemaVersion(db: LedgerDb, component: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (exists === undefined) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations WHERE component = ?').get(component) as { v: number | null };
  return row.v ?? 0;
}

/** The audit trail's schema: the chained records and the signed checkpoints. */
export const AUDIT_MIGRATIONS: readonly string[] = [
  `
  -- Append-only: rows are never updated or deleted (a trigger refuses it; verify-ledger proves it).
  CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
  );
  CREATE INDEX audit_by_actor ON audit (actor, seq);
  CREATE INDEX audit_by_action ON audit (action, seq);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
  -- A checkpoint pins (seq, hash) with an Ed25519 signature over both.
  CREATE TABLE audit_checkpoint (
    seq        INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    key_id     TEXT NOT NULL,
    signature  TEXT NOT NULL
  );
  `,
  `
  -- v2: checkpoints are append-only too; a signed checkpoint once written is never changed or removed.
  CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
  CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
  `,
];

/**
 * Appends audit records after the chain's current head. Call inside the caller's write
 * transaction (an `immediate` one, so no other writer can extend the chain in between).
 */
export function appendAuditSync(db: LedgerDb, entries: readonly AuditEntry[]): AuditRecord[] {
  if (entries.length === 0) return [];
  const head = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const insert = db.prepare('INSERT INTO audit (seq, at, actor, action, target, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let prev: { seq: number; hash: string } | null = head ?? null;
  const out: AuditRecord[] = [];
  for (const e of entries) {
    const rec = nextRecord(prev, storedEntry(e));
    insert.run(rec.seq, rec.at, rec.actor, rec.action, rec.target, rec.before === null ? null : JSON.stringify(rec.before), rec.after === null ? null : JSON.stringify(rec.after), rec.prevHash, rec.hash);
    out.push(rec);
    prev = rec;
  }
  return out;
}

/** Reads audit records in chain order from `afterSeq` (exclusive), `limit` at a time. */
export function* auditRecords(db: LedgerDb, afterSeq = 0, batch = 5000): Generator<AuditRecord> {
  const page = db.prepare('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?');
  let from = afterSeq;
  for (;;) {
    const rows = page.all(from, batch) as AuditRow[];
    for (const r of rows) yield auditRecordOf(r);
    if (rows.length < batch) return;
    from = rows[rows.length - 1]!.seq;
  }
}
