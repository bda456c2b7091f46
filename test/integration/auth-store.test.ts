/**
 * The SQLite accounts store on a real ledger file: tokens kept by hash with name, role and
 * expiry; a live name is unique; revoking ends the token's sessions; every token write is in the
 * audit chain (which still verifies) without the token or its hash; the schema survives a reopen.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteAuthStore, type AuthStore } from '../../src/auth/token-store.js';
import { newToken, secretHash } from '../../src/auth/tokens.js';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerConflictError, LedgerNotFoundError } from '../../src/ledger/errors.js';
import { auditRecords, openLedgerDb, schemaVersion, type LedgerDb } from '../../src/ledger/sqlite-db.js';

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

const stamp = (at: number): { at: number; actor: string } => ({ at, actor: 'cli:noc' });

describe('the SQLite accounts store', () => {
  it('finds a token by its hash, with name, role and expiry', async () => {
    const token = newToken();
    await store.createToken({ name: 'grafana', role: 'viewer', hash: secretHash(token), expiresAt: 5000 }, stamp(1000));
    const found = await store.tokenByHash(secretHash(token));
    expect(found).toMatchObject({ name: 'grafana', role: 'viewer', createdAt: 1000, expiresAt: 5000, lastUsedAt: null, revokedAt: null });
    expect(await store.tokenByHash(secretHash(newToken()))).toBeNull();
  });

  it('refuses a second live token with the same name, and allows the name again once revoked', async () => {
    await store.createToken({ name: 'ci', role: 'operator', hash: secretHash(newToken()), expiresAt: null }, stamp(1));
    await expect(store.createToken({ name: 'ci', role: 'admin', hash: secretHash(newToken()), expiresAt: null }, stamp(2))).rejects.toBeInstanceOf(LedgerConflictError);
    await store.revokeToken('ci', stamp(3));
    await store.createToken({ name: 'ci', role: 'admin', hash: secretHash(newToken()), expiresAt: null }, stamp(4));
    expect((await store.listTokens()).map((t) => [t.name, t.role, t.revokedAt])).toEqual([['ci', 'admin', null], ['ci', 'operator', 3]]);
    expect(await store.liveToken('ci')).toMatchObject({ role: 'admin' });
  });

  it('revoking an unknown name is not found', async () => {
    await expect(store.revokeToken('nobody', stamp(1))).rejects.toBeInstanceOf(LedgerNotFoundError);
  });

  it('revoking ends the token\'s sessions', async () => {
    await store.createToken({ name: 'noc', role: 'operator', hash: secretHash(newToken()), expiresAt: null }, stamp(1));
    await store.createSession({ hash: 's1', name: 'noc', role: 'operator', csrfToken: 'c', createdAt: 1, expiresAt: 10_000 });
    await store.createSession({ hash: 's2', name: 'other', role: 'viewer', csrfToken: 'c', createdAt: 1, expiresAt: 10_000 });
    await store.revokeToken('noc', stamp(2));
    expect(await store.sessionByHash('s1')).toBeNull();
    expect(await store.sessionByHash('s2')).not.toBeNull();
  });

  it('forgets expired sessions', async () => {
    await store.createSession({ hash: 'old', name: 'a', role: 'viewer', csrfToken: 'c', createdAt: 1, expiresAt: 100 });
    await store.createSession({ hash: 'new', name: 'a', role: 'viewer', csrfToken: 'c', createdAt: 1, expiresAt: 1000 });
    expect(await store.deleteExpiredSessions(100)).toBe(1);
    expect(await store.sessionByHash('old')).toBeNull();
    expect(await store.sessionByHash('new')).not.toBeNull();
  });

  it('audits every token write in the chain, never with the token or its hash', async () => {
    const token = newToken();
    await store.createToken({ name: 'prom', role: 'viewer', hash: secretHash(token), expiresAt: 9000 }, stamp(10));
    await store.touchToken('prom', 20);
    await store.revokeToken('prom', stamp(30));
    const records = [...auditRecords(db)];
    expect(records.map((r) => [r.action, r.target, r.actor, r.at])).toEqual([['token.create', 'token:prom', 'cli:noc', 10], ['token.revoke', 'token:prom', 'cli:noc', 30]]);
    expect(records[0]!.after).toEqual({ name: 'prom', role: 'viewer', expiresAt: 9000, revokedAt: null });
    expect(records[1]!.after).toEqual({ name: 'prom', role: 'viewer', expiresAt: 9000, revokedAt: 30 });
    expect(firstChainBreak(records)).toBeNull();
    const text = JSON.stringify(records);
    expect(text).not.toContain(token);
    expect(text).not.toContain(secretHash(token));
  });

  it('keeps no token in clear in the file', async () => {
    const token = newToken();
    await store.createToken({ name: 'x', role: 'admin', hash: secretHash(token), expiresAt: null }, stamp(1));
    db.close();
    const bytes = Buffer.concat([readFileSync(join(dir, 'ledger.db')), ...['-wal'].map((s) => { try { return readFileSync(join(dir, `ledger.db${s}`)); } catch { return Buffer.alloc(0); } })]);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
  });

  it('reopens an existing file at the same schema version', async () => {
    await store.createToken({ name: 'keep', role: 'inspector', hash: 'h'.repeat(64), expiresAt: null }, stamp(1));
    db.close();
    db = openLedgerDb(join(dir, 'ledger.db'));
    store = sqliteAuthStore(db);
    expect(schemaVersion(db, 'auth')).toBe(1);
    expect((await store.listTokens()).map((t) => t.name)).toEqual(['keep']);
  });
});
