/**
 * Tampering with a real ledger file, as an attacker with write access would (a raw connection,
 * the append-only triggers dropped first): `redline verify-ledger`, run as a child process, must
 * exit 1 and name the first bad record exactly, for an edited, deleted, swapped or
 * out-of-band-appended row, a rewritten chain, a truncation past a checkpoint (caught by the
 * stored checkpoint, or by an exported one when the stored ones were removed too), a forged
 * checkpoint, and the wrong public key; an untouched file passes and is not written.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainHash } from '../../src/ledger/audit-chain.js';
import { checkpointPayload, exportCheckpoint } from '../../src/ledger/checkpoints.js';
import { openLedgerDb, auditRecordOf } from '../../src/ledger/sqlite-db.js';
import { loadOrCreateSigningKey } from '../../src/ledger/signing.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { FIRST_AT, attackerConnection, buildLedger, type BuiltLedger } from '../support/ledger-builder.js';

/** 100 records; signed checkpoints after records 40 and 80. */
const RECORDS = 100;
const CHECKPOINTS = [40, 80];

interface FirstBad { seq: number; kind: string; reason: { en: string; zh: string }; record: { actor: string; at: string } | null }

async function verifyJson(file: string, ...more: string[]): Promise<{ code: number | null; ok: boolean; firstBad: FirstBad | null; stderr: string }> {
  const r = await runCli(['verify-ledger', file, '--json', ...more]);
  if (r.code === 2) return { code: r.code, ok: false, firstBad: null, stderr: r.stderr };
  const report = JSON.parse(r.stdout) as { ok: boolean; firstBad: FirstBad | null };
  return { code: r.code, ok: report.ok, firstBad: report.firstBad, stderr: r.stderr };
}

describe('verify-ledger catches tampering', () => {
  let dir: string | undefined;
  let ledger: BuiltLedger;
  beforeAll(async () => { await ensureBuilt(); }, 300_000);
  const fresh = (): BuiltLedger => {
    dir = mkdtempSync(join(tmpdir(), 'redline-tamper-'));
    ledger = buildLedger(dir, RECORDS, CHECKPOINTS);
    return ledger;
  };
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('passes an untouched ledger and leaves the file byte for byte as it was', async () => {
    const { file, keyFile } = fresh();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const r = await verifyJson(file, '--public-key', keyFile);
    expect(r).toMatchObject({ code: 0, ok: true, firstBad: null });
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('an edited row: names it, with its stored actor and time (UTC named without a config, the operator zone with one)', async () => {
    const { file, keyFile } = fresh();
    const raw = attackerConnection(file);
    raw.prepare("UPDATE audit SET actor = 'mallory' WHERE seq = 57").run();
    raw.close();
    const r = await verifyJson(file, '--public-key', keyFile);
    expect(r.code).toBe(1);
    expect(r.firstBad).toMatchObject({ seq: 57, kind: 'record', record: { actor: 'mallory', at: new Date(FIRST_AT + 56 * 60_000).toISOString() } });
    expect(r.firstBad!.reason.en).toMatch(/edited/);

    const text = await runCli(['verify-ledger', file, '--public-key', keyFile]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('first bad record: #57 (record)');
    expect(text.stdout).toContain('2026-12-01 02:56 (UTC)');
    expect(text.stdout).toContain('actor: mallory');
    expect(text.stdout).toContain('result: FAILED');

    writeFileSync(join(dir!, 'redline.yaml'), 'version: 1\nsettings:\n  timeZone: Asia/Shanghai\n');
    const zoned = await runCli(['verify-ledger', file, '--public-key', keyFile, '--config', dir!]);
    expect(zoned.code).toBe(1);
    expect(zoned.stdout).toContain('2026-12-01 10:56 (Asia/Shanghai)');
    expect(zoned.stdout).toContain('2026-12-01 10:56（Asia/Shanghai 时间）');
  });

  it('an edited row whose chain the attacker recomputed to the end: the next signed checkpoint no longer matches', async () => {
    const { file, keyFile } = fresh();
    const raw = attackerConnection(file);
    const rows = raw.prepare('SELECT * FROM audit WHERE seq >= 50 ORDER BY seq').all() as Parameters<typeof auditRecordOf>[0][];
    let prev = (raw.prepare('SELECT hash FROM audit WHERE seq = 49').get() as { hash: string }).hash;
    const update = raw.prepare('UPDATE audit SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    for (const row of rows) {
      const rec = auditRecordOf(row);
      const actor = rec.seq === 50 ? 'mallory' : rec.actor;
      const hash = chainHash(prev, rec.seq, { ...rec, actor });
      update.run(actor, prev, hash, rec.seq);
      prev = hash;
    }
    raw.close();
    const r = await verifyJson(file, '--public-key', keyFile);
    expect(r.code).toBe(1);
    expect(r.firstBad).toMatchObject({ seq: 80, kind: 'checkpoint' });
    expect(r.firstBad!.reason.en).toMatch(/rewritten/);
  });

  it('a deleted row: names the missing record', async () => {
    const { file, keyFile } = fresh();
    const raw = attackerConnection(file);
    raw.prepare('DELETE FROM audit WHERE seq = 33').run();
    raw.close();
    const r = await verifyJson(file, '--public-key', keyFile);
    expect(r.code).toBe(1);
    expect(r.firstBad).toMatchObject({ seq: 33, kind: 'missing', record: null });
  });

  it('two swapped rows: names the first of them', async () => {
    const { file, keyFile } = fresh();
    const raw = attackerConnection(file);
    raw.transaction(() => {
      raw.prepare('UPDATE audit SET seq = -1 WHERE seq = 20').run();
      raw.prepare('UPDATE audit SET seq = 20 WHERE seq = 21').run();
      raw.prepare('UPDATE audit SET seq = 21 WHERE seq = -1').run();
    })();
    raw.close();
    const r = await verifyJson(file, '--public-key', keyFile);
    expect(r.code).toBe(1);
    expect(r.firstBad).toMatchObject({ seq: 20, kind: 'record' });
    expect(r.firstBad!.reason.en).toMatch(/does not link/);
  });

  it('a row appended out of band: names it, whether its hash or its link is wrong', async () => {
    const { file, keyFile } = fresh();
    const raw = attackerConnection(file);
    const head = raw.prepare('SELECT hash FROM audit WHERE seq = ?').get(RECORDS) as { hash: string };
    const insert = raw.prepare('INSERT INTO audit (seq, at, actor, action, target, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(RECORDS + 1, FIRST_AT + RECORDS * 60_000, 'mallory', 'hazard.transition', 'hazard:x', null, '{"status":"closed"}', head.hash, 'f'.repeat(64));
    raw.close();
    const badHash = await verifyJson(file, '--public-key', keyFile);
    expect(badHash.code).toBe(1);
    expect(badHash.firstBad).toMatchObject({ seq: RECORDS + 1, kind: 'record', record: { actor: 'mallory' } });
    expect(badHash.firstBad!.reason.en).toMatch(/does not match its hash/);

    const raw2 = attackerConnection(file);
    const entry = { at: FIRST_AT, actor: 'mallory', action: 'hazard.transition', target: 'hazard:x', before: null, after: { status: 'closed' } };
    raw2.prepare('DELETE FROM audit WHERE seq = ?').run(RECORDS + 1);
    raw2.prepare('INSERT INTO audit (seq, at, actor, action, target, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(RECORDS + 1, entry.at, entry.actor, entry.action, entry.target, null, JSON.stringify(entry.after), GENESIS_HASH, chainHash(GENESIS_HASH, RECORDS + 1, entry));
    raw2.close();
    const badLink = await verifyJson(file, '--public-key', keyFile);
    expect(badLink.code).toBe(1);
    expect(badLink.firstBad).toMatchObject({ seq: RECORDS + 1, kind: 'record' });
    expect(badLink.firstBad!.reason.en).toMatch(/does not link/);
  });

  it('truncation past a checkpoint: the stored checkpoint names the first record cut off', async () => {
    const { file, keyFile } = fresh();
    const raw = attackerConnection(file);
    raw.prepare('DELETE FROM audit WHERE seq > 70').run();
    raw.close();
    const r = await verifyJson(file, '--public-key', keyFile);
    expect(r.code).toBe(1);
    expect(r.firstBad).toMatchObject({ seq: 71, kind: 'missing' });
    expect(r.firstBad!.reason.en).toMatch(/up to 80, but the trail ends at 70/);
  });

  it('truncation with the checkpoints removed too: only the exported checkpoint catches it', async () => {
    const { file, keyFile } = fresh();
    const db = openLedgerDb(file, { readOnly: true });
    const exported = exportCheckpoint(db);
    db.close();
    expect(exported?.seq).toBe(80);
    const cpFile = join(dir!, 'checkpoint.json');
    writeFileSync(cpFile, JSON.stringify(exported));
    const raw = attackerConnection(file);
    raw.prepare('DELETE FROM audit WHERE seq > 70').run();
    raw.prepare('DELETE FROM audit_checkpoint WHERE seq > 70').run();
    raw.close();
    // what the file alone can show: a shorter, self-consistent trail
    expect((await verifyJson(file, '--public-key', keyFile)).code).toBe(0);
    const r = await verifyJson(file, '--public-key', keyFile, '--checkpoint', cpFile);
    expect(r.code).toBe(1);
    expect(r.firstBad).toMatchObject({ seq: 71, kind: 'missing' });
    expect(r.firstBad!.reason.en).toMatch(/exported checkpoint/);
  });

  it('an exported checkpoint that does not match the file is named', async () => {
    const { file, keyFile } = fresh();
    const other = buildLedger(mkdtempSync(join(dir!, 'other-')), RECORDS, CHECKPOINTS);
    const db = openLedgerDb(other.file, { readOnly: true });
    const exported = exportCheckpoint(db);
    db.close();
    const cpFile = join(dir!, 'checkpoint.json');
    writeFileSync(cpFile, JSON.stringify(exported));
    const r = await verifyJson(file, '--public-key', other.keyFile, '--checkpoint', cpFile);
    expect(r.code).toBe(1);
    // the stored checkpoint at 40 was signed by this ledger's key, not the other's
    expect(r.firstBad).toMatchObject({ seq: 40, kind: 'checkpoint' });
    const sameKey = await verifyJson(file, '--public-key', keyFile, '--checkpoint', cpFile);
    expect(sameKey.code).toBe(1);
    expect(sameKey.firstBad).toMatchObject({ seq: 80, kind: 'exportedCheckpoint' });
  });

  it('a forged checkpoint (signed with another key, or with its signature altered) is named', async () => {
    const { file, keyFile } = fresh();
    const forger = loadOrCreateSigningKey(join(dir!, 'forger.key'), { now: FIRST_AT });
    const raw = attackerConnection(file);
    const hash60 = (raw.prepare('SELECT hash FROM audit WHERE seq = 60').get() as { hash: string }).hash;
    const unsigned = { seq: 60, hash: hash60, at: FIRST_AT + 3_600_000, keyId: forger.keyId };
    raw.prepare('INSERT INTO audit_checkpoint (seq, hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?)').run(60, hash60, unsigned.at, forger.keyId, forger.sign(checkpointPayload(unsigned)));
    raw.close();
    const r = await verifyJson(file, '--public-key', keyFile);
    expect(r.code).toBe(1);
    expect(r.firstBad).toMatchObject({ seq: 60, kind: 'checkpoint' });
    expect(r.firstBad!.reason.en).toMatch(/signed by key/);

    const raw2 = attackerConnection(file);
    raw2.prepare('DELETE FROM audit_checkpoint WHERE seq = 60').run();
    // the genuine key id kept, the pinned hash moved to a rewritten chain's: the signature no longer verifies
    raw2.prepare("UPDATE audit_checkpoint SET hash = ? WHERE seq = 40").run('a'.repeat(64));
    raw2.close();
    const altered = await verifyJson(file, '--public-key', keyFile);
    expect(altered.code).toBe(1);
    expect(altered.firstBad).toMatchObject({ seq: 40, kind: 'checkpoint' });
    expect(altered.firstBad!.reason.en).toMatch(/does not verify/);
  });

  it('the wrong public key: the first checkpoint is named as not signed by it', async () => {
    const { file } = fresh();
    const wrong = join(dir!, 'wrong.pem');
    writeFileSync(wrong, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const r = await verifyJson(file, '--public-key', wrong);
    expect(r.code).toBe(1);
    expect(r.firstBad).toMatchObject({ seq: 40, kind: 'checkpoint' });
    expect(r.firstBad!.reason.en).toMatch(/not by the key given/);
  });

  it('usage errors exit 2 naming the problem', async () => {
    const { keyFile } = fresh();
    const missing = await runCli(['verify-ledger', join(dir!, 'nope.db'), '--public-key', keyFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.db/);
    const none = await runCli(['verify-ledger']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/usage: redline verify-ledger/);
    const badFlag = await runCli(['verify-ledger', 'x.db', '--frobnicate']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/frobnicate/);
  });
});
