/**
 * The signing key, checkpoints and verifyLedger in process, on real ledger files: key creation
 * and its refusals, checkpoint writing and export, the audit schema's v1 → v2 upgrade, and
 * what the verification report says beyond the tamper cases (unreadable rows, missing
 * triggers, a file that is not a ledger, a corrupt file, no public key).
 */
import Database from 'better-sqlite3';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointDue, checkpointPayload, exportCheckpoint, readCheckpointFile, writeCheckpoint } from '../../src/ledger/checkpoints.js';
import { LedgerStoreError } from '../../src/ledger/errors.js';
import { loadOrCreateSigningKey, loadPublicKey, signingKeyCreatedMessage } from '../../src/ledger/signing.js';
import { AUDIT_MIGRATIONS, appendAuditSync, migrate, openLedgerDb, schemaVersion } from '../../src/ledger/sqlite-db.js';
import { verifyLedger } from '../../src/ledger/verify.js';
import { FIRST_AT, attackerConnection, buildLedger, entryFor } from '../support/ledger-builder.js';

let dir: string | undefined;
function freshDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'redline-verify-'));
  return dir;
}
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('ledger signing key', () => {
  it('is created once, private (0600), identified by the sha256 of its SPKI DER, and loaded the same afterwards', () => {
    const file = join(freshDir(), 'ledger-signing.key');
    const key = loadOrCreateSigningKey(file, { now: FIRST_AT });
    expect(key.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex'));
    expect(key.fingerprint).toBe(key.keyId.slice(0, 32).match(/../g)!.join(':'));
    expect(signingKeyCreatedMessage(key)).toBe(`ledger signing key ${key.fingerprint} created at ${file}`);
    const again = loadOrCreateSigningKey(file, { now: FIRST_AT + 1 });
    expect(again.created).toBe(false);
    expect(again.keyId).toBe(key.keyId);
    expect(again.verify('payload', key.sign('payload'))).toBe(true);
  });

  it('refuses a key file group or others can read, and a missing directory, with the fix named', () => {
    const d = freshDir();
    const file = join(d, 'k.pem');
    loadOrCreateSigningKey(file, { now: FIRST_AT });
    chmodSync(file, 0o640);
    expect(() => loadOrCreateSigningKey(file, { now: FIRST_AT })).toThrow(/readable by group or others \(mode 640\).*chmod 600/);
    expect(() => loadOrCreateSigningKey(join(d, 'no-such-dir', 'k.pem'), { now: FIRST_AT })).toThrow(/directory .*no-such-dir does not exist/);
  });

  it('gives the same public key from the private key file and from its exported PEM; signatures of other data fail', () => {
    const d = freshDir();
    const key = loadOrCreateSigningKey(join(d, 'k.pem'), { now: FIRST_AT });
    writeFileSync(join(d, 'pub.pem'), key.publicKeyPem);
    const fromPrivate = loadPublicKey(join(d, 'k.pem'));
    const fromPublic = loadPublicKey(join(d, 'pub.pem'));
    expect(fromPrivate.keyId).toBe(key.keyId);
    expect(fromPublic.keyId).toBe(key.keyId);
    const sig = key.sign('seq 1');
    expect(fromPublic.verify('seq 1', sig)).toBe(true);
    expect(fromPublic.verify('seq 2', sig)).toBe(false);
    expect(fromPublic.verify('seq 1', 'not a signature')).toBe(false);
  });

  it('names a file that is not a key, and a key that is not Ed25519', () => {
    const d = freshDir();
    writeFileSync(join(d, 'junk.pem'), 'hello');
    expect(() => loadPublicKey(join(d, 'junk.pem'))).toThrow(/junk\.pem is not a PEM public or private key/);
    writeFileSync(join(d, 'rsa.pem'), generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => loadPublicKey(join(d, 'rsa.pem'))).toThrow(/must be Ed25519, this one is rsa/);
    expect(() => loadPublicKey(join(d, 'absent.pem'))).toThrow(/absent\.pem: cannot read it/);
  });
});

describe('checkpoints', () => {
  it('signs the head once, says when one is due, and exports a file that reads back the same', () => {
    const d = freshDir();
    const key = loadOrCreateSigningKey(join(d, 'k.pem'), { now: FIRST_AT });
    const db = openLedgerDb(join(d, 'ledger.db'));
    try {
      expect(writeCheckpoint(db, key, FIRST_AT)).toBeNull();
      expect(checkpointDue(db, 1)).toBe(false);
      db.transaction(() => appendAuditSync(db, [1, 2, 3, 4, 5].map(entryFor))).immediate();
      expect(checkpointDue(db, 5)).toBe(true);
      expect(checkpointDue(db, 6)).toBe(false);
      const c = writeCheckpoint(db, key, FIRST_AT + 10)!;
      expect(c).toMatchObject({ seq: 5, at: FIRST_AT + 10, keyId: key.keyId });
      expect(key.verify(checkpointPayload(c), c.signature)).toBe(true);
      expect(writeCheckpoint(db, key, FIRST_AT + 20)).toBeNull();
      expect((db.prepare('SELECT COUNT(*) AS n FROM audit_checkpoint').get() as { n: number }).n).toBe(1);
      expect(checkpointDue(db, 1)).toBe(false);

      const exported = exportCheckpoint(db)!;
      expect(exported).toMatchObject({ format: 'redline-ledger-checkpoint/1', seq: 5, at: new Date(FIRST_AT + 10).toISOString() });
      writeFileSync(join(d, 'cp.json'), JSON.stringify(exported));
      expect(readCheckpointFile(join(d, 'cp.json'))).toEqual(c);
    } finally {
      db.close();
    }
  });

  it('names what is wrong with a checkpoint file', () => {
    const d = freshDir();
    writeFileSync(join(d, 'bad.json'), JSON.stringify({ format: 'x', seq: 0, hash: 'zz', at: 'yesterday', keyId: 'k', signature: 's' }));
    let message = '';
    try {
      readCheckpointFile(join(d, 'bad.json'));
    } catch (err) {
      message = (err as Error).message;
    }
    for (const field of ['format', 'seq', 'hash', 'at', 'keyId']) expect(message).toContain(`${field}:`);
    writeFileSync(join(d, 'notjson.json'), '{');
    expect(() => readCheckpointFile(join(d, 'notjson.json'))).toThrow(/not readable JSON/);
  });

  it('refuses to sign a chain broken since the last checkpoint', () => {
    const d = freshDir();
    const { file, key } = buildLedger(d, 30, [10]);
    const raw = attackerConnection(file);
    raw.prepare("UPDATE audit SET action = 'hazard.delete' WHERE seq = 17").run();
    raw.close();
    const db = openLedgerDb(file);
    try {
      expect(() => writeCheckpoint(db, key, FIRST_AT)).toThrow(LedgerStoreError);
      expect(() => writeCheckpoint(db, key, FIRST_AT)).toThrow(/audit record 17 breaks the chain/);
    } finally {
      db.close();
    }
  });

  it('upgrades a v1 audit schema to v2, after which checkpoints can be neither changed nor removed', () => {
    const d = freshDir();
    const file = join(d, 'ledger.db');
    const v1 = new Database(file);
    migrate(v1, 'audit', AUDIT_MIGRATIONS.slice(0, 1));
    v1.prepare('INSERT INTO audit_checkpoint (seq, hash, at, key_id, signature) VALUES (1, ?, 0, ?, ?)').run('0'.repeat(64), 'k', 's');
    v1.prepare('UPDATE audit_checkpoint SET at = 1').run();
    expect(schemaVersion(v1, 'audit')).toBe(1);
    v1.close();
    const db = openLedgerDb(file);
    try {
      expect(schemaVersion(db, 'audit')).toBe(AUDIT_MIGRATIONS.length);
      expect(() => db.prepare('UPDATE audit_checkpoint SET at = 2').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_checkpoint').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});

describe('verifyLedger', () => {
  it('reports an intact ledger: records, checkpoints, the unsigned tail, integrity, and progress on the way', () => {
    const { file, keyFile } = buildLedger(freshDir(), 100, [40, 80]);
    const seen: [number, number][] = [];
    const r = verifyLedger(file, { publicKey: loadPublicKey(keyFile), onProgress: (n, t) => seen.push([n, t]), progressEvery: 25 });
    expect(r).toMatchObject({ ok: true, records: 100, lastSeq: 100, checkpoints: 2, unsignedTail: 20, integrity: ['ok'], firstBad: null, problems: [], warnings: [], signaturesChecked: true });
    expect(seen).toEqual([[25, 100], [50, 100], [75, 100], [100, 100], [100, 100]]);
  });

  it('reads an exported checkpoint file and holds the trail to it', () => {
    const d = freshDir();
    const { file, keyFile } = buildLedger(d, 50, [25, 50]);
    const db = openLedgerDb(file, { readOnly: true });
    writeFileSync(join(d, 'cp.json'), JSON.stringify(exportCheckpoint(db)));
    db.close();
    const publicKey = loadPublicKey(keyFile);
    expect(verifyLedger(file, { publicKey, checkpointFile: join(d, 'cp.json') })).toMatchObject({ ok: true, checkpoints: 3, unsignedTail: 0 });
    const raw = attackerConnection(file);
    raw.prepare('DELETE FROM audit WHERE seq > 30').run();
    raw.prepare('DELETE FROM audit_checkpoint WHERE seq > 30').run();
    raw.close();
    const r = verifyLedger(file, { publicKey, checkpointFile: join(d, 'cp.json'), timeZone: 'Asia/Shanghai' });
    expect(r.firstBad).toMatchObject({ seq: 31, kind: 'missing' });
    expect(r.firstBad!.reason.en).toMatch(/exported checkpoint \(signed 2026-12-01 \d\d:\d\d \(Asia\/Shanghai\)\) covers records up to 50, but the trail ends at 30/);
  });

  it('says when signatures were not checked', () => {
    const { file } = buildLedger(freshDir(), 10, [5]);
    const r = verifyLedger(file);
    expect(r.ok).toBe(true);
    expect(r.signaturesChecked).toBe(false);
    expect(r.warnings.map((w) => w.en)).toEqual([expect.stringMatching(/signatures were not checked/)]);
  });

  it('names a row whose JSON was made unreadable, and warns that the append-only triggers are gone', () => {
    const { file, keyFile } = buildLedger(freshDir(), 20, [10]);
    const raw = attackerConnection(file);
    raw.prepare("UPDATE audit SET after = '{not json' WHERE seq = 12").run();
    raw.close();
    const r = verifyLedger(file, { publicKey: loadPublicKey(keyFile) });
    expect(r.ok).toBe(false);
    expect(r.firstBad).toMatchObject({ seq: 12, kind: 'record' });
    expect(r.firstBad!.reason.en).toMatch(/unreadable JSON/);
    expect(r.records).toBe(11);
    expect(r.warnings.map((w) => w.en).join(' ')).toMatch(/append-only triggers are missing: audit_no_update, audit_no_delete/);
  });

  it('refuses a SQLite file that is not a ledger', () => {
    const file = join(freshDir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE t (x)');
    other.close();
    const r = verifyLedger(file);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.en)).toEqual(['this is not a redline ledger file (no audit or audit_checkpoint table)']);
  });

  it('reports a file with a damaged page', () => {
    const d = freshDir();
    const { file, keyFile } = buildLedger(d, 400, [200]);
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const rootpage = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'audit_by_actor'").get() as { rootpage: number }).rootpage;
    db.close();
    // the actor index's root page overwritten whole: the table still reads, the index is garbage
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    const before = readFileSync(file);
    const r = verifyLedger(file, { publicKey: loadPublicKey(keyFile) });
    expect(r.ok).toBe(false);
    expect(r.integrity).not.toEqual(['ok']);
    expect(r.problems[0]!.en).toMatch(/SQLite integrity check failed/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
