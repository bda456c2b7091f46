/**
 * Signed checkpoints of the audit trail: an Ed25519 signature over the chain head
 * (canonicalJson({ seq, hash, at, keyId })) stored in `audit_checkpoint`, so that cutting records
 * off the end past a checkpoint, or rewriting the chain before one, is caught by verify-ledger.
 * An exported checkpoint (a small JSON file an inspector keeps) catches the same even when the
 * checkpoint rows themselves are removed.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError, errorMessage } from '../common/errors.js';
import { canonicalJson, firstChainBreak } from './audit-chain.js';
import { LedgerStoreError } from './errors.js';
import type { LedgerSigningKey } from './signing.js';
import { auditRecords, type LedgerDb } from './sqlite-db.js';

/** One signed checkpoint: the chain head (seq, hash) at `at` (ms), signed by `keyId`. */
export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  readonly at: number;
  readonly keyId: string;
  /** Ed25519 signature of `checkpointPayload(...)`, base64. */
  readonly signature: string;
}

/** The bytes a checkpoint's signature covers. */
export function checkpointPayload(c: Pick<Checkpoint, 'seq' | 'hash' | 'at' | 'keyId'>): string {
  return canonicalJson({ seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId });
}

/** A row of `audit_checkpoint`. */
export interface CheckpointRow { seq: number; hash: string; at: number; key_id: string; signature: string }

/** A stored checkpoint row (either store's) as a Checkpoint. */
export function checkpointOf(r: CheckpointRow): Checkpoint {
  return { seq: r.seq, hash: r.hash, at: r.at, keyId: r.key_id, signature: r.signature };
}

/** The latest checkpoint in `db`, or null. */
export function latestCheckpoint(db: LedgerDb): Checkpoint | null {
  const row = db.prepare('SELECT * FROM audit_checkpoint ORDER BY seq DESC LIMIT 1').get() as CheckpointRow | undefined;
  return row === undefined ? null : checkpointOf(row);
}

/** Checkpoints in seq order after `afterSeq`, read a page at a time (a long ledger may hold many). */
export function* checkpoints(db: LedgerDb, afterSeq = -Infinity, batch = 5000): Generator<Checkpoint> {
  const page = db.prepare('SELECT * FROM audit_checkpoint WHERE seq > ? ORDER BY seq LIMIT ?');
  let from = afterSeq;
  for (;;) {
    const rows = page.all(Number.isFinite(from) ? from : -1e18, batch) as CheckpointRow[];
    for (const r of rows) yield checkpointOf(r);
    if (rows.length < batch) return;
    from = rows[rows.length - 1]!.seq;
  }
}

function chainHead(db: LedgerDb): { seq: number; hash: string } | null {
  return (db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

/**
 * Signs the chain head and stores the checkpoint, in one immediate transaction. Returns null (and
 * writes nothing) when the trail is empty or its head is already checkpointed. Before signing it
 * checks the records since the previous checkpoint link to it, so a key never blesses a broken chain.
 */
export function writeCheckpoint(db: LedgerDb, key: Pick<LedgerSigningKey, 'keyId' | 'sign'>, at: number): Checkpoint | null {
  try {
    return db.transaction((): Checkpoint | null => {
      const head = chainHead(db);
      if (head === null) return null;
      const last = latestCheckpoint(db);
      if (last !== null && last.seq >= head.seq) return null;
      const broken = firstChainBreak(auditRecords(db, last?.seq ?? 0), last === null ? null : { seq: last.seq, hash: last.hash });
      if (broken !== null) throw brokenChainError(broken);
      const c = signedCheckpoint(head, key, at);
      db.prepare('INSERT INTO audit_checkpoint (seq, hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?)').run(c.seq, c.hash, c.at, c.keyId, c.signature);
      return c;
    }).immediate();
  } catch (err) {
    if (err instanceof LedgerStoreError) throw err;
    const code = (err as { code?: unknown }).code;
    const busy = code === 'SQLITE_BUSY' || code === 'SQLITE_FULL';
    throw new LedgerStoreError(`ledger: cannot write a checkpoint: ${errorMessage(err)}`, { retryable: busy, cause: err, ...(typeof code === 'string' ? { code } : {}) });
  }
}

/** Whether at least `every` audit records were appended since the last checkpoint (or since the start). */
export function checkpointDue(db: LedgerDb, every: number): boolean {
  const head = chainHead(db);
  if (head === null) return false;
  const last = latestCheckpoint(db);
  return head.seq - (last?.seq ?? 0) >= every;
}

/** The refusal to sign over a broken chain (the same words on every store). */
export function brokenChainError(broken: { readonly seq: number; readonly reason: string }): LedgerStoreError {
  return new LedgerStoreError(`ledger: not signing a checkpoint: audit record ${broken.seq} breaks the chain (${broken.reason}); run redline verify-ledger`, { retryable: false });
}

/** The checkpoint of `head` signed with `key` at `at`. */
export function signedCheckpoint(head: { readonly seq: number; readonly hash: string }, key: Pick<LedgerSigningKey, 'keyId' | 'sign'>, at: number): Checkpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at, keyId: key.keyId };
  return { ...unsigned, signature: key.sign(checkpointPayload(unsigned)) };
}

/** Signed checkpoints of one ledger's audit trail, whichever store keeps it (SQLite here, PostgreSQL in pg-checkpoints.ts). */
export interface CheckpointStore {
  /** The latest checkpoint, or null. */
  latest(): Promise<Checkpoint | null>;
  /** Whether at least `every` audit records were appended since the last checkpoint. */
  due(every: number): Promise<boolean>;
  /** Signs the chain head (see writeCheckpoint): null when there is nothing new to sign. */
  write(key: Pick<LedgerSigningKey, 'keyId' | 'sign'>, at: number): Promise<Checkpoint | null>;
}

/** The checkpoints of the SQLite ledger on `db`. */
export function sqliteCheckpoints(db: LedgerDb): CheckpointStore {
  return {
    latest: () => Promise.resolve().then(() => latestCheckpoint(db)),
    due: (every) => Promise.resolve().then(() => checkpointDue(db, every)),
    write: (key, at) => Promise.resolve().then(() => writeCheckpoint(db, key, at)),
  };
}

/** The format tag of an exported checkpoint file. */
export const CHECKPOINT_FORMAT = 'redline-ledger-checkpoint/1';

/** A checkpoint as exported for an inspector to keep (times in ISO 8601 UTC). */
export interface ExportedCheckpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly seq: number;
  readonly hash: string;
  /** When it was signed, ISO 8601 UTC (the signature covers the same instant in ms). */
  readonly at: string;
  readonly keyId: string;
  readonly signature: string;
}

/** A checkpoint in its exported form. */
export function exportedForm(c: Checkpoint): ExportedCheckpoint {
  return { format: CHECKPOINT_FORMAT, seq: c.seq, hash: c.hash, at: new Date(c.at).toISOString(), keyId: c.keyId, signature: c.signature };
}

/** The latest signed checkpoint of `db` as exportable JSON, or null when there is none. */
export function exportCheckpoint(db: LedgerDb): ExportedCheckpoint | null {
  const c = latestCheckpoint(db);
  return c === null ? null : exportedForm(c);
}

const exportedSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex characters'),
  at: z.iso.datetime(),
  keyId: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex characters'),
  signature: z.string().min(1),
});

/** Reads an exported checkpoint file, naming every problem with it; returns it as a checkpoint. */
export function readCheckpointFile(file: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`checkpoint file ${file}: not readable JSON (${errorMessage(err)})`);
  }
  const parsed = exportedSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length === 0 ? '(file)' : i.path.join('.')}: ${i.message}`);
    throw new UsageError(`checkpoint file ${file} is not a redline ledger checkpoint: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return { seq: e.seq, hash: e.hash, at: Date.parse(e.at), keyId: e.keyId, signature: e.signature };
}
