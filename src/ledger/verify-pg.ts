/**
 * Verification of a ledger on PostgreSQL (what `redline verify-ledger --postgres-url-env` runs):
 * the same walk over the audit chain as verify.ts on SQLite — the first bad record named, every
 * signed checkpoint checked on the way, none allowed past the end — read a page at a time inside
 * one REPEATABLE READ, READ ONLY transaction (one snapshot while the daemon goes on writing). The
 * append-only triggers are checked too: one missing or disabled is a warning (someone changed the
 * tables outside redline). Reads only.
 */
import type pg from 'pg';
import type { Bilingual } from '../analysis/finding.js';
import { bi } from '../analysis/rules/words.js';
import { errorMessage } from '../common/errors.js';
import { inPgTransaction, pgSchemaVersion, type PgTx } from '../store/postgres/pool.js';
import { readCheckpointFile } from './checkpoints.js';
import { pgCheckpointList } from './pg-checkpoints.js';
import { auditRecordOf, type AuditRow } from './store-common.js';
import { ChainWalker, type VerifyOptions, type VerifyReport, type Walked } from './verify.js';

const TRIGGERS_V1 = ['audit_no_update', 'audit_no_truncate'];
const TRIGGERS_V2 = ['audit_checkpoint_no_update'];

/** Audit records in seq order, a page at a time; a row whose JSON cannot be read is walked as unreadable. */
async function* walkPgRecords(tx: PgTx, batch = 5000): AsyncGenerator<Walked> {
  let from = -1e18;
  for (;;) {
    const { rows } = await tx.query<AuditRow>('SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2', [from, batch]);
    for (const row of rows) {
      try {
        yield auditRecordOf(row);
      } catch (err) {
        if (!(err instanceof SyntaxError)) throw err;
        yield { seq: row.seq, unreadable: errorMessage(err) };
        return;
      }
    }
    if (rows.length < batch) return;
    from = rows[rows.length - 1]!.seq;
  }
}

/** Verifies the ledger in the schema `pool` connects to (its search_path). */
export async function verifyPgLedger(pool: pg.Pool, options: VerifyOptions = {}): Promise<VerifyReport> {
  const opts = options.checkpoint == null && options.checkpointFile !== undefined ? { ...options, checkpoint: readCheckpointFile(options.checkpointFile) } : options;
  const key = opts.publicKey ?? null;
  const problems: Bilingual[] = [];
  const warnings: Bilingual[] = [];
  const base = { signaturesChecked: key !== null, keyId: key?.keyId ?? null, integrity: [] as string[], problems, warnings };
  return inPgTransaction(pool, null, async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = new Set((await tx.query<{ t: string }>(
      "SELECT c.relname AS t FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relname IN ('audit', 'audit_checkpoint') AND c.relkind = 'r'")).rows.map((r) => r.t));
    if (!tables.has('audit') || !tables.has('audit_checkpoint')) {
      problems.push(bi('此数据库模式中没有 redline 台账（没有 audit 或 audit_checkpoint 表）', 'no redline ledger in this database schema (no audit or audit_checkpoint table)'));
      return { ...base, ok: false, records: 0, lastSeq: null, checkpoints: 0, unsignedTail: 0, firstBad: null };
    }
    if (key === null) warnings.push(bi('未给公钥：检查点签名未校验（--public-key）', 'no public key given: checkpoint signatures were not checked (--public-key)'));
    const enabled = new Set((await tx.query<{ t: string }>(
      `SELECT t.tgname AS t FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relname IN ('audit', 'audit_checkpoint') AND NOT t.tgisinternal AND t.tgenabled <> 'D'`)).rows.map((r) => r.t));
    const expected = await pgSchemaVersion(tx, 'audit') >= 2 ? [...TRIGGERS_V1, ...TRIGGERS_V2] : TRIGGERS_V1;
    const missing = expected.filter((t) => !enabled.has(t));
    if (missing.length > 0) {
      warnings.push(bi(`只追加触发器缺失或被停用：${missing.join(', ')}（有人绕过 redline 改过这些表）`, `append-only triggers are missing or disabled: ${missing.join(', ')} (someone changed these tables outside redline)`));
    }
    const total = (await tx.query<{ m: number | null }>('SELECT MAX(seq) AS m FROM audit')).rows[0]?.m ?? 0;
    const walker = new ChainWalker((await pgCheckpointList(tx))[Symbol.iterator](), opts, base, total);
    try {
      for await (const r of walkPgRecords(tx)) if (!walker.visit(r)) return walker.report();
    } catch (err) {
      return walker.failed(err);
    }
    return walker.finish();
  });
}
