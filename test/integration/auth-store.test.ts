/**
 * The SQLite accounts store on a real ledger file: the AuthStore contract
 * (test/support/auth-store-contract.ts), then what only the file promises: no token in clear in
 * it, and the schema surviving a reopen. The same contract runs on PostgreSQL in auth-store-pg.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteAuthStore, type AuthStore } from '../../src/auth/token-store.js';
import { newToken, secretHash } from '../../src/auth/tokens.js';
import { auditRecords, openLedgerDb, schemaVersion, type LedgerDb } from '../../src/ledger/sqlite-db.js';
import { describeAuthStoreContract } from '../support/auth-store-contract.js';

describeAuthStoreContract('SQLite (a real ledger file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-auth-store-'));
  const db = openLedgerDb(join(dir, 'ledger.db'));
  return Promise.resolve({
    store: sqliteAuthStore(db),
    audit: () => Promise.resolve([...auditRecords(db)]),
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describe('the SQLite accounts store in its file', () => {
  let dir = '';
  let db: LedgerDb;
  let store: AuthStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'redline-auth-store-'));
    db = openLedgerDb(join(dir, 'ledger.db'));
    store = sqliteAuthStore(db);
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps no token in clear in the file', async () => {
    const token = newToken();
    await store.createToken({ name: 'x', role: 'admin', hash: secretHash(token), expiresAt: null }, { at: 1, actor: 'cli:noc' });
    db.close();
    const bytes = Buffer.concat([readFileSync(join(dir, 'ledger.db')), ...['-wal'].map((s) => { try { return readFileSync(join(dir, `ledger.db${s}`)); } catch { return Buffer.alloc(0); } })]);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
  });

  it('reopens an existing file at the same schema version', async () => {
    await store.createToken({ name: 'keep', role: 'inspector', hash: 'h'.repeat(64), expiresAt: null }, { at: 1, actor: 'cli:noc' });
    db.close();
    db = openLedgerDb(join(dir, 'ledger.db'));
    store = sqliteAuthStore(db);
    expect(schemaVersion(db, 'auth')).toBe(1);
    expect((await store.listTokens()).map((t) => t.name)).toEqual(['keep']);
  });
});
