/**
 * The AuthStore contract (src/auth/token-store.ts), one suite for every implementation on a real
 * database: tokens kept by hash with name, role and expiry; a live name is unique; revoking ends
 * the token's sessions; expired sessions are forgotten; every token write is in the audit chain
 * (which still verifies) without the token or its hash, and a refused write leaves none.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthStore } from '../../src/auth/token-store.js';
import { newToken, secretHash } from '../../src/auth/tokens.js';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerConflictError, LedgerNotFoundError } from '../../src/ledger/errors.js';
import type { AuditRecord } from '../../src/ledger/types.js';

/** One implementation under test, fresh for each test. */
export interface OpenedAuthStore {
  readonly store: AuthStore;
  /** The audit trail as stored. */
  audit(): Promise<readonly AuditRecord[]>;
  cleanup(): Promise<void>;
}

const stamp = (at: number): { at: number; actor: string } => ({ at, actor: 'cli:noc' });

/** Runs every behaviour of the AuthStore port against the implementation `open` gives. */
export function describeAuthStoreContract(name: string, open: () => Promise<OpenedAuthStore>): void {
  describe(`AuthStore contract: ${name}`, () => {
    let s: OpenedAuthStore;
    let store: AuthStore;
    beforeEach(async () => {
      s = await open();
      store = s.store;
    });
    afterEach(async () => { await s.cleanup(); });

    it('finds a token by its hash, with name, role and expiry', async () => {
      const token = newToken();
      await store.createToken({ name: 'grafana', role: 'viewer', hash: secretHash(token), expiresAt: 5000 }, stamp(1000));
      const found = await store.tokenByHash(secretHash(token));
      expect(found).toEqual({ name: 'grafana', role: 'viewer', createdAt: 1000, expiresAt: 5000, lastUsedAt: null, revokedAt: null, hash: secretHash(token) });
      expect(await store.tokenByHash(secretHash(newToken()))).toBeNull();
    });

    it('refuses a second live token with the same name (no audit record), and allows the name again once revoked', async () => {
      await store.createToken({ name: 'ci', role: 'operator', hash: secretHash(newToken()), expiresAt: null }, stamp(1));
      await expect(store.createToken({ name: 'ci', role: 'admin', hash: secretHash(newToken()), expiresAt: null }, stamp(2))).rejects.toBeInstanceOf(LedgerConflictError);
      expect(await s.audit()).toHaveLength(1);
      await store.revokeToken('ci', stamp(3));
      await store.createToken({ name: 'ci', role: 'admin', hash: secretHash(newToken()), expiresAt: null }, stamp(4));
      expect((await store.listTokens()).map((t) => [t.name, t.role, t.revokedAt])).toEqual([['ci', 'admin', null], ['ci', 'operator', 3]]);
      expect(await store.liveToken('ci')).toMatchObject({ role: 'admin' });
      expect(await store.liveToken('nobody')).toBeNull();
    });

    it('revoking an unknown name is not found', async () => {
      await expect(store.revokeToken('nobody', stamp(1))).rejects.toBeInstanceOf(LedgerNotFoundError);
      expect(await s.audit()).toHaveLength(0);
    });

    it('records when a token was used, only on the live one', async () => {
      await store.createToken({ name: 'prom', role: 'viewer', hash: 'a'.repeat(64), expiresAt: null }, stamp(1));
      await store.touchToken('prom', 50);
      expect((await store.liveToken('prom'))?.lastUsedAt).toBe(50);
      await store.revokeToken('prom', stamp(60));
      await store.touchToken('prom', 70);
      expect((await store.tokenByHash('a'.repeat(64)))?.lastUsedAt).toBe(50);
    });

    it('keeps sessions, ends them one by one, and revoking ends the token\'s sessions', async () => {
      await store.createToken({ name: 'noc', role: 'operator', hash: secretHash(newToken()), expiresAt: null }, stamp(1));
      await store.createSession({ hash: 's1', name: 'noc', role: 'operator', csrfToken: 'c1', createdAt: 1, expiresAt: 10_000 });
      await store.createSession({ hash: 's2', name: 'other', role: 'viewer', csrfToken: 'c2', createdAt: 1, expiresAt: 10_000 });
      await store.createSession({ hash: 's3', name: 'other', role: 'viewer', csrfToken: 'c3', createdAt: 1, expiresAt: 10_000 });
      expect(await store.sessionByHash('s2')).toEqual({ hash: 's2', name: 'other', role: 'viewer', csrfToken: 'c2', createdAt: 1, expiresAt: 10_000 });
      await store.revokeToken('noc', stamp(2));
      expect(await store.sessionByHash('s1')).toBeNull();
      expect(await store.sessionByHash('s2')).not.toBeNull();
      await store.deleteSession('s2');
      expect(await store.sessionByHash('s2')).toBeNull();
      expect(await store.sessionByHash('s3')).not.toBeNull();
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
      const records = await s.audit();
      expect(records.map((r) => [r.action, r.target, r.actor, r.at])).toEqual([['token.create', 'token:prom', 'cli:noc', 10], ['token.revoke', 'token:prom', 'cli:noc', 30]]);
      expect(records[0]!.after).toEqual({ name: 'prom', role: 'viewer', expiresAt: 9000, revokedAt: null });
      expect(records[1]!.before).toEqual({ name: 'prom', role: 'viewer', expiresAt: 9000, revokedAt: null });
      expect(records[1]!.after).toEqual({ name: 'prom', role: 'viewer', expiresAt: 9000, revokedAt: 30 });
      expect(firstChainBreak(records)).toBeNull();
      const text = JSON.stringify(records);
      expect(text).not.toContain(token);
      expect(text).not.toContain(secretHash(token));
    });
  });
}
