/**
 * The audit chain on PostgreSQL under `redline verify-ledger` (run in-process on a fresh schema):
 * records appended through the PostgreSQL ledger store with signed checkpoints written to
 * PostgreSQL pass, named by `--postgres-url-env` or by a configuration's settings.store.postgres;
 * an attacker with superuser rights who disables the append-only trigger and edits a record, or
 * deletes the records past a checkpoint, is caught at the exact record (exit 1, the disabled
 * trigger warned), and no checkpoint is signed over the edited chain. The URL's password never
 * appears in what the command prints, even when the server cannot be reached.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runVerifyLedger } from '../../src/cli/verify-ledger.js';
import { pgCheckpoints } from '../../src/ledger/pg-checkpoints.js';
import { openPgLedgerStore, type PgLedgerStore } from '../../src/ledger/pg-store.js';
import { loadOrCreateSigningKey, type LedgerSigningKey } from '../../src/ledger/signing.js';
import { entryFor } from '../support/ledger-builder.js';
import { dropSchema, freshSchema, pgAvailable, PG_TEST_URL } from '../support/postgres.js';

const CANARY = 'canary-verify-pw-2f9a';
const ENV = 'REDLINE_VERIFY_PG_TEST_URL';

interface Report { ok: boolean; records: number; checkpoints: number; unsignedTail: number; firstBad: { seq: number; kind: string; record: { actor: string } | null } | null; warnings: { en: string }[] }

async function verify(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runVerifyLedger(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe.skipIf(!pgAvailable)('verify-ledger on PostgreSQL', () => {
  let schema: string;
  let dir: string;
  let store: PgLedgerStore;
  let key: LedgerSigningKey;
  let keyFile: string;
  let raw: pg.Client;

  beforeEach(async () => {
    schema = freshSchema();
    dir = mkdtempSync(join(tmpdir(), 'redline-verify-pg-'));
    keyFile = join(dir, 'ledger-signing.key');
    key = loadOrCreateSigningKey(keyFile, { now: Date.UTC(2026, 11, 1) });
    store = await openPgLedgerStore({ url: PG_TEST_URL, schema });
    const checkpoints = pgCheckpoints(store.pool, store.where);
    for (let seq = 1; seq <= 30; seq++) {
      await store.appendAudit(entryFor(seq));
      if (seq === 10 || seq === 20) expect((await checkpoints.write(key, entryFor(seq).at))?.seq).toBe(seq);
    }
    const url = new URL(PG_TEST_URL);
    if (url.username === '') url.username = 'postgres';
    url.password = CANARY;
    process.env[ENV] = url.toString();
    raw = new pg.Client({ connectionString: PG_TEST_URL });
    await raw.connect();
    await raw.query(`SET search_path = ${schema}`);
  });
  afterEach(async () => {
    await raw.end();
    await store.close();
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  const json = async (...more: string[]): Promise<{ code: number; report: Report; printed: string }> => {
    const r = await verify('--postgres-url-env', ENV, '--schema', schema, '--public-key', keyFile, '--json', ...more);
    expect(r.err).toBe('');
    return { code: r.code, report: JSON.parse(r.out) as Report, printed: r.out };
  };

  it('passes an intact chain with its PostgreSQL checkpoints, from the flag or from the configuration', async () => {
    const r = await json();
    expect(r.code).toBe(0);
    expect(r.report).toMatchObject({ ok: true, records: 30, checkpoints: 2, unsignedTail: 10, firstBad: null, warnings: [] });
    expect(r.printed).not.toContain(CANARY);

    writeFileSync(join(dir, 'redline.yaml'), `version: 1\nsettings:\n  timeZone: Asia/Shanghai\n  store: { postgres: { url: { env: ${ENV} }, schema: ${schema} } }\n`);
    const text = await verify('--config', dir, '--public-key', keyFile);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^ledger postgres 127\.0\.0\.1:5432\/postgres schema redline_test_/);
    expect(text.out).toContain('signed checkpoints: 2 checked');
    expect(text.out).toMatch(/result: OK/);
    expect(text.out).not.toMatch(/integrity/);
    expect(text.out + text.err).not.toContain(CANARY);
  });

  it('an edited record, its trigger disabled by a superuser: named exactly, the trigger warned, no checkpoint signed over an edit it covers', async () => {
    await expect(raw.query("UPDATE audit SET actor = 'mallory' WHERE seq = 17")).rejects.toThrow(/append-only/);
    await raw.query('ALTER TABLE audit DISABLE TRIGGER audit_no_update');
    await raw.query("UPDATE audit SET actor = 'mallory' WHERE seq = 17");
    const r = await json();
    expect(r.code).toBe(1);
    expect(r.report.ok).toBe(false);
    expect(r.report.firstBad).toMatchObject({ seq: 17, kind: 'record', record: { actor: 'mallory' } });
    expect(r.report.warnings.map((w) => w.en).join('\n')).toMatch(/append-only triggers are missing or disabled: audit_no_update/);
    // a checkpoint walks only what it newly covers (21–30, intact): verify-ledger is what reaches back to 17
    const checkpoints = pgCheckpoints(store.pool, store.where);
    expect((await checkpoints.write(key, Date.UTC(2026, 11, 2)))?.seq).toBe(30);
    await store.appendAudit(entryFor(31));
    await store.appendAudit(entryFor(32));
    await raw.query("UPDATE audit SET actor = 'mallory' WHERE seq = 31");
    await expect(checkpoints.write(key, Date.UTC(2026, 11, 3))).rejects.toThrow(/not signing a checkpoint: audit record 31 breaks the chain/);
    expect((await raw.query('SELECT MAX(seq) AS m FROM audit_checkpoint')).rows[0]).toEqual({ m: '30' });
  });

  it('records deleted past a signed checkpoint: the cut is named', async () => {
    await raw.query('ALTER TABLE audit DISABLE TRIGGER audit_no_update');
    await raw.query('DELETE FROM audit WHERE seq > 15');
    const r = await json();
    expect(r.code).toBe(1);
    expect(r.report.firstBad).toMatchObject({ seq: 16, kind: 'missing' });
  });

  it('an unreachable server or a missing variable is a usage error that never prints the password', async () => {
    process.env[ENV] = `postgres://postgres:${CANARY}@127.0.0.1:1/postgres`;
    const down = await verify('--postgres-url-env', ENV, '--schema', schema);
    expect(down.code).toBe(2);
    expect(down.err).toMatch(/cannot read the ledger on postgres 127\.0\.0\.1:1\/postgres/);
    expect(down.out + down.err).not.toContain(CANARY);
    process.env[ENV] = '';
    const unset = await verify('--postgres-url-env', ENV);
    expect(unset).toMatchObject({ code: 2, err: expect.stringMatching(/environment variable REDLINE_VERIFY_PG_TEST_URL is not set/) as unknown });
    expect((await verify('x.db', '--postgres-url-env', ENV)).code).toBe(2);
  });
});
