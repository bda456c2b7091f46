/**
 * Offline verification of a ledger file (what `redline verify-ledger` runs): SQLite's own
 * integrity check, then one streaming pass over the audit chain in seq order that names the
 * first bad record — edited, missing, swapped, appended out of band — and checks every signed
 * checkpoint on the way (signature, key, and that it pins the hash actually stored), then that
 * no checkpoint (stored or exported) lies past the end of the trail. Memory stays bounded: records
 * and checkpoints are read a page at a time, all inside one read transaction (one snapshot).
 */
import type { Bilingual } from '../analysis/finding.js';
import { bi, formatTime } from '../analysis/rules/words.js';
import { errorMessage } from '../common/errors.js';
import { GENESIS_HASH, chainHash } from './audit-chain.js';
import { checkpointPayload, checkpoints, readCheckpointFile, type Checkpoint } from './checkpoints.js';
import { fingerprintOf, type LedgerPublicKey } from './signing.js';
import { auditRecords, openLedgerDb, schemaVersion, type LedgerDb } from './sqlite-db.js';
import type { AuditRecord } from './types.js';

/** What is wrong at the first bad place: a stored record, a record that should be there, or a checkpoint. */
export type BadRecordKind = 'record' | 'missing' | 'checkpoint' | 'exportedCheckpoint';

/** The first bad record (or checkpoint) in chain order. */
export interface BadRecord {
  /** The record's seq (for a checkpoint: the seq it pins; for a missing record: the first one missing). */
  readonly seq: number;
  readonly kind: BadRecordKind;
  readonly reason: Bilingual;
  /** The stored record at `seq` (as stored, possibly altered), when there is one. */
  readonly record: { readonly at: number; readonly actor: string; readonly action: string; readonly target: string } | null;
}

/** The outcome of verifying a ledger file. */
export interface VerifyReport {
  /** True when the file is intact: integrity ok, the chain unbroken, every checkpoint genuine and within the trail. */
  readonly ok: boolean;
  /** Records checked (up to the first bad one). */
  readonly records: number;
  /** The last record's seq (null: the trail is empty or could not be read). */
  readonly lastSeq: number | null;
  /** Checkpoints checked (stored ones, plus an exported one when given). */
  readonly checkpoints: number;
  /** Whether signatures were checked (a public key was given). */
  readonly signaturesChecked: boolean;
  /** The key id signatures were checked against. */
  readonly keyId: string | null;
  /** Records after the last verified checkpoint: chained but not yet covered by a signature. */
  readonly unsignedTail: number;
  /** `PRAGMA integrity_check`'s answer: ['ok'] when the file is sound. */
  readonly integrity: readonly string[];
  readonly firstBad: BadRecord | null;
  /** Problems with the file as a whole (not a ledger, unreadable pages). */
  readonly problems: readonly Bilingual[];
  /** Things an inspector should know that do not make the file bad (signatures not checked, triggers missing). */
  readonly warnings: readonly Bilingual[];
}

/** How to verify. */
export interface VerifyOptions {
  /** The key checkpoints must be signed with; without it signatures are not checked (a warning says so). */
  readonly publicKey?: LedgerPublicKey | null;
  /** A checkpoint exported earlier (readCheckpointFile): the trail must reach it and match it. */
  readonly checkpoint?: Checkpoint | null;
  /** The same, read from an exported checkpoint file (readCheckpointFile); `checkpoint` wins when both are given. */
  readonly checkpointFile?: string;
  /** Called every `progressEvery` records with (checked, last seq in the file). */
  readonly onProgress?: (checked: number, total: number) => void;
  readonly progressEvery?: number;
  /** The zone times in the reasons are written in (the operator's, named); UTC by default. */
  readonly timeZone?: string;
}

const TRIGGERS_V1 = ['audit_no_update', 'audit_no_delete'];
const TRIGGERS_V2 = ['audit_checkpoint_no_update', 'audit_checkpoint_no_delete'];

/** A record as walked: read, or unreadable (its JSON was edited). */
export type Walked = AuditRecord | { readonly seq: number; readonly unreadable: string };

/** Records in order; a row whose JSON cannot be read ends the walk as an unreadable record. */
function* walkRecords(db: LedgerDb): Generator<Walked> {
  let last = -Infinity;
  try {
    for (const r of auditRecords(db, -1e18)) {
      last = r.seq;
      yield r;
    }
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const row = db.prepare('SELECT seq FROM audit WHERE seq > ? ORDER BY seq LIMIT 1').get(Number.isFinite(last) ? last : -1e18) as { seq: number } | undefined;
    yield { seq: row?.seq ?? (Number.isFinite(last) ? last + 1 : 1), unreadable: errorMessage(err) };
  }
}

function recordSummary(r: AuditRecord): BadRecord['record'] {
  return { at: r.at, actor: r.actor, action: r.action, target: r.target };
}

function checkCheckpoint(cp: Checkpoint, hashAt: string, kind: 'checkpoint' | 'exportedCheckpoint', key: LedgerPublicKey | null | undefined, rec: AuditRecord): BadRecord | null {
  const what = kind === 'checkpoint' ? bi('签名检查点', 'signed checkpoint') : bi('导出的检查点', 'exported checkpoint');
  const bad = (reason: Bilingual): BadRecord => ({ seq: cp.seq, kind, reason, record: recordSummary(rec) });
  if (key !== null && key !== undefined) {
    if (cp.keyId !== key.keyId) {
      return bad(bi(
        `记录 ${cp.seq} 处的${what.zh}由密钥 ${fingerprintOf(cp.keyId)} 签名，而不是所给公钥 ${key.fingerprint}（伪造的检查点，或公钥不对）`,
        `the ${what.en} at record ${cp.seq} was signed by key ${fingerprintOf(cp.keyId)}, not by the key given (${key.fingerprint}): a forged checkpoint, or the wrong public key`,
      ));
    }
    if (!key.verify(checkpointPayload(cp), cp.signature)) {
      return bad(bi(
        `记录 ${cp.seq} 处的${what.zh}签名验证失败（检查点被伪造或改动）`,
        `the ${what.en} at record ${cp.seq} has a signature that does not verify (the checkpoint was forged or altered)`,
      ));
    }
  }
  if (cp.hash !== hashAt) {
    return bad(bi(
      `记录 ${cp.seq} 处的${what.zh}固定的哈希与该记录现存的哈希不符：签名之后，截至该记录的链被改写`,
      `the ${what.en} at record ${cp.seq} pins a hash that differs from the record's stored hash: the chain up to it was rewritten after it was signed`,
    ));
  }
  return null;
}

/** Verifies a ledger (an open handle, or a file opened read-only and closed again). */
export function verifyLedger(source: LedgerDb | string, options: VerifyOptions = {}): VerifyReport {
  const opts = options.checkpoint == null && options.checkpointFile !== undefined ? { ...options, checkpoint: readCheckpointFile(options.checkpointFile) } : options;
  const db = typeof source === 'string' ? openLedgerDb(source, { readOnly: true }) : source;
  // one read transaction: a ledger being written meanwhile is seen as one snapshot, so a
  // checkpoint committed during the walk cannot look like one past the end of the trail
  const own = !db.inTransaction;
  try {
    if (own) db.exec('BEGIN');
    return verifyOpen(db, opts);
  } finally {
    // nothing was written: rolling back only ends the snapshot
    if (own && db.inTransaction) db.exec('ROLLBACK');
    if (typeof source === 'string') db.close();
  }
}

function verifyOpen(db: LedgerDb, opts: VerifyOptions): VerifyReport {
  const key = opts.publicKey ?? null;
  const problems: Bilingual[] = [];
  const warnings: Bilingual[] = [];
  let integrity: string[];
  try {
    integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (err) {
    integrity = [errorMessage(err)];
  }
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    problems.push(bi(`SQLite 完整性检查未通过：${integrity.slice(0, 5).join('; ')}`, `SQLite integrity check failed: ${integrity.slice(0, 5).join('; ')}`));
  }
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").all() as { name: string }[]).map((r) => r.name));
  const base = { signaturesChecked: key !== null, keyId: key?.keyId ?? null, integrity };
  if (!tables.has('audit') || !tables.has('audit_checkpoint')) {
    problems.push(bi('这不是 redline 台账文件（没有 audit 或 audit_checkpoint 表）', 'this is not a redline ledger file (no audit or audit_checkpoint table)'));
    return { ...base, ok: false, records: 0, lastSeq: null, checkpoints: 0, unsignedTail: 0, firstBad: null, problems, warnings };
  }
  if (key === null) warnings.push(bi('未给公钥：检查点签名未校验（--public-key）', 'no public key given: checkpoint signatures were not checked (--public-key)'));
  const expectedTriggers = schemaVersion(db, 'audit') >= 2 ? [...TRIGGERS_V1, ...TRIGGERS_V2] : TRIGGERS_V1;
  const missingTriggers = expectedTriggers.filter((t) => !tables.has(t));
  if (missingTriggers.length > 0) {
    warnings.push(bi(`只追加触发器缺失：${missingTriggers.join(', ')}（有人绕过 redline 改过此文件）`, `append-only triggers are missing: ${missingTriggers.join(', ')} (someone changed this file outside redline)`));
  }
  const total = (db.prepare('SELECT MAX(seq) AS m FROM audit').get() as { m: number | null }).m ?? 0;
  const walker = new ChainWalker(checkpoints(db), opts, { ...base, problems, warnings }, total);
  try {
    for (const r of walkRecords(db)) if (!walker.visit(r)) return walker.report();
  } catch (err) {
    return walker.failed(err);
  }
  return walker.finish();
}

/** What a walk reports besides its own counts. */
type WalkBase = Pick<VerifyReport, 'signaturesChecked' | 'keyId' | 'integrity' | 'problems' | 'warnings'> & { readonly problems: Bilingual[] };

/**
 * One walk over the audit chain in seq order, whichever store holds it: `visit` each record (it
 * answers false at the first bad one), then `finish` (checkpoints past the end), or `failed` when
 * reading broke off. Checkpoints come from `cps` in seq order.
 */
export class ChainWalker {
  private readonly key: LedgerPublicKey | null;
  private readonly exported: Checkpoint | null;
  private readonly every: number;
  private cp: IteratorResult<Checkpoint>;
  private records = 0;
  private checked: number;
  private prev: AuditRecord | null = null;
  private lastSigned = 0;
  private firstBad: BadRecord | null = null;

  constructor(private readonly cps: Iterator<Checkpoint>, private readonly opts: VerifyOptions, private readonly base: WalkBase, private readonly total: number) {
    this.key = opts.publicKey ?? null;
    this.exported = opts.checkpoint ?? null;
    this.every = opts.progressEvery ?? 50_000;
    this.checked = this.exported === null ? 0 : 1;
    this.cp = cps.next();
  }

  report(): VerifyReport {
    const { prev } = this;
    return {
      ...this.base, ok: this.base.problems.length === 0 && this.firstBad === null, records: this.records, lastSeq: prev?.seq ?? null,
      checkpoints: this.checked, unsignedTail: (prev?.seq ?? 0) - this.lastSigned, firstBad: this.firstBad,
    };
  }

  /** Checks one record (and the checkpoints pinning it); false when it is bad (the report names it). */
  visit(r: Walked): boolean {
    const { prev, key, exported } = this;
    const expected = prev === null ? 1 : prev.seq + 1;
    if (r.seq > expected) {
      this.firstBad = {
        seq: expected, kind: 'missing', record: null,
        reason: bi(`记录 ${expected} 缺失（下一条是 ${r.seq}）：记录被删除`, `record ${expected} is missing (the next one is ${r.seq}): records were deleted`),
      };
      return false;
    }
    if ('unreadable' in r) {
      this.firstBad = { seq: r.seq, kind: 'record', record: null, reason: bi(`记录 ${r.seq} 的内容不是有效 JSON（记录被改动）`, `record ${r.seq} holds unreadable JSON (the record was edited): ${r.unreadable}`) };
      return false;
    }
    if (r.seq < expected) {
      this.firstBad = { seq: r.seq, kind: 'record', record: recordSummary(r), reason: bi(`记录 ${r.seq} 不应出现在这里（应为 ${expected}）`, `record ${r.seq} does not belong here (expected ${expected})`) };
      return false;
    }
    const prevHash = prev === null ? GENESIS_HASH : prev.hash;
    if (r.prevHash !== prevHash) {
      this.firstBad = {
        seq: r.seq, kind: 'record', record: recordSummary(r),
        reason: bi(`记录 ${r.seq} 与前一条记录的链接不符（记录被调换、插入，或其前面的记录被改动）`, `record ${r.seq} does not link to the record before it (records were swapped or inserted, or the one before was changed)`),
      };
      return false;
    }
    if (chainHash(r.prevHash, r.seq, r) !== r.hash) {
      this.firstBad = {
        seq: r.seq, kind: 'record', record: recordSummary(r),
        reason: bi(`记录 ${r.seq} 的内容与其哈希不符（记录被改动）`, `record ${r.seq}'s content does not match its hash (the record was edited)`),
      };
      return false;
    }
    while (!this.cp.done && this.cp.value.seq <= r.seq) {
      if (this.cp.value.seq < r.seq) {
        // only a checkpoint at seq < 1 can be skipped over: every record seq is visited in order
        this.firstBad = { seq: this.cp.value.seq, kind: 'checkpoint', record: null, reason: bi(`检查点 ${this.cp.value.seq} 不对应任何记录`, `checkpoint ${this.cp.value.seq} does not pin any record`) };
        return false;
      }
      this.checked++;
      this.firstBad = checkCheckpoint(this.cp.value, r.hash, 'checkpoint', key, r);
      if (this.firstBad !== null) return false;
      this.lastSigned = r.seq;
      this.cp = this.cps.next();
    }
    if (exported !== null && exported.seq === r.seq) {
      this.firstBad = checkCheckpoint(exported, r.hash, 'exportedCheckpoint', key, r);
      if (this.firstBad !== null) return false;
      this.lastSigned = Math.max(this.lastSigned, r.seq);
    }
    this.prev = r;
    this.records++;
    if (this.opts.onProgress !== undefined && this.records % this.every === 0) this.opts.onProgress(this.records, this.total);
    return true;
  }

  /** Reading the trail broke off after the records visited. */
  failed(err: unknown): VerifyReport {
    const { prev } = this;
    this.base.problems.push(bi(`读取审计记录失败（${prev === null ? '开头' : `记录 ${prev.seq} 之后`}）：${errorMessage(err)}`, `reading the audit trail failed (${prev === null ? 'at the start' : `after record ${prev.seq}`}): ${errorMessage(err)}`));
    return this.report();
  }

  /** After the last record: no checkpoint (stored or exported) may lie past the end. */
  finish(): VerifyReport {
    const end = this.prev?.seq ?? 0;
    const pastEnd: { c: Checkpoint; kind: 'checkpoint' | 'exportedCheckpoint' }[] = [];
    if (!this.cp.done) pastEnd.push({ c: this.cp.value, kind: 'checkpoint' });
    if (this.exported !== null && this.exported.seq > end) pastEnd.push({ c: this.exported, kind: 'exportedCheckpoint' });
    const beyond = pastEnd[0];
    if (beyond !== undefined) {
      const signedAt = formatTime(beyond.c.at, this.opts.timeZone ?? 'UTC');
      const what = beyond.kind === 'checkpoint' ? bi('签名检查点', 'a signed checkpoint') : bi('导出的检查点', 'the exported checkpoint');
      this.firstBad = {
        seq: end + 1, kind: 'missing', record: null,
        reason: bi(
          `记录 ${end + 1} 缺失：${what.zh}（${signedAt.zh}签名）覆盖到记录 ${beyond.c.seq}，但审计记录止于 ${end}（记录被截断）`,
          `record ${end + 1} is missing: ${what.en} (signed ${signedAt.en}) covers records up to ${beyond.c.seq}, but the trail ends at ${end} (it was cut off)`,
        ),
      };
    }
    if (this.opts.onProgress !== undefined) this.opts.onProgress(this.records, this.total);
    return this.report();
  }
}
