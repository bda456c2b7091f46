/**
 * Signed checkpoints of the audit trail on PostgreSQL (the `audit_checkpoint` table of
 * pg-schema.ts): the same checkpoints as checkpoints.ts writes on SQLite, signed the same way. A
 * checkpoint is written in one transaction holding the ledger's write lock, so the head it signs is
 * the true head and two processes never sign over each other; the records since the previous
 * checkpoint are checked first (a page at a time), so a key never blesses a broken chain.
 */
import type pg from 'pg';
import { errorMessage } from '../common/errors.js';
import { inPgTransaction, type PgTx } from '../store/postgres/pool.js';
import { firstChainBreak } from './audit-chain.js';
import { brokenChainError, checkpointOf, signedCheckpoint, type Checkpoint, type CheckpointRow, type CheckpointStore } from './checkpoints.js';
import { LedgerStoreError } from './errors.js';
import { AUDIT_WRITE_LOCK, pgLedgerStoreError } from './pg-store.js';
import { auditRecordOf, type AuditRow } from './store-common.js';
import type { AuditRecord } from './types.js';

/** The latest checkpoint, or null. */
export async function latestPgCheckpoint(q: pg.Pool | PgTx): Promise<Checkpoint | null> {
  const { rows } = await q.query<CheckpointRow>('SELECT * FROM audit_checkpoint ORDER BY seq DESC LIMIT 1');
  return rows[0] === undefined ? null : checkpointOf(rows[0]);
}

/** Audit records after `afterSeq`, in seq order, `batch` at a time. */
export async function* pgAuditRecords(q: pg.Pool | PgTx, afterSeq = 0, batch = 5000): AsyncGenerator<AuditRecord> {
  let from = afterSeq;
  for (;;) {
    const { rows } = await q.query<AuditRow>('SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2', [from, batch]);
    for (const r of rows) yield auditRecordOf(r);
    if (rows.length < batch) return;
    from = rows[rows.length - 1]!.seq;
  }
}

/** Every checkpoint in seq order (one row per `checkpointEvery` records: few enough to hold). */
export async function pgCheckpointList(q: pg.Pool | PgTx): Promise<Checkpoint[]> {
  return (await q.query<CheckpointRow>('SELECT * FROM audit_checkpoint ORDER BY seq')).rows.map(checkpointOf);
}

async function chainHead(q: pg.Pool | PgTx): Promise<{ seq: number; hash: string } | null> {
  return (await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1')).rows[0] ?? null;
}

/** The checkpoints of the PostgreSQL ledger on `pool` (`where`: host:port/database, for errors). */
export function pgCheckpoints(pool: pg.Pool, where: string): CheckpointStore {
  const guard = async <T>(op: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      const mapped = pgLedgerStoreError(op, where, err);
      throw mapped instanceof LedgerStoreError ? mapped : new LedgerStoreError(`ledger: cannot write a checkpoint: ${errorMessage(err)}`, { retryable: false, cause: err });
    }
  };
  return {
    latest: () => guard('reading the latest checkpoint', () => latestPgCheckpoint(pool)),
    due: (every) => guard('checking whether a checkpoint is due', async () => {
      const { rows } = await pool.query<{ head: number | null; last: number | null }>(
        'SELECT (SELECT MAX(seq) FROM audit) AS head, (SELECT MAX(seq) FROM audit_checkpoint) AS last');
      const head = rows[0]?.head ?? null;
      return head !== null && head - (rows[0]?.last ?? 0) >= every;
    }),
    write: (key, at) => guard('writing a checkpoint', () => inPgTransaction(pool, AUDIT_WRITE_LOCK, async (tx) => {
      const head = await chainHead(tx);
      if (head === null) return null;
      const last = await latestPgCheckpoint(tx);
      if (last !== null && last.seq >= head.seq) return null;
      let prev: { seq: number; hash: string } | null = last === null ? null : { seq: last.seq, hash: last.hash };
      let page: AuditRecord[] = [];
      const check = (): void => {
        const broken = firstChainBreak(page, prev);
        if (broken !== null) throw brokenChainError(broken);
        const end = page[page.length - 1];
        if (end !== undefined) prev = end;
        page = [];
      };
      for await (const r of pgAuditRecords(tx, last?.seq ?? 0)) {
        page.push(r);
        if (page.length >= 5000) check();
      }
      check();
      const c = signedCheckpoint(head, key, at);
      await tx.query('INSERT INTO audit_checkpoint (seq, hash, at, key_id, signature) VALUES ($1, $2, $3, $4, $5)', [c.seq, c.hash, c.at, c.keyId, c.signature]);
      return c;
    })),
  };
}
