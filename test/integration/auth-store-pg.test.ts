/**
 * The accounts store on PostgreSQL (in the ledger's schema, on the ledger's pool): the AuthStore
 * contract, the same migration versions as SQLite, no token in clear in the database, and two
 * processes' pools writing at once: a name is taken by exactly one of two creates racing for it,
 * one of two revokes wins, and the audit chain they share with the ledger stays one unbroken chain.
 */
import { describe, expect, it } from 'vitest';
import { openPgAuthStore, PG_AUTH_MIGRATIONS } from '../../src/auth/token-store-pg.js';
import { AUTH_MIGRATIONS } from '../../src/auth/token-store.js';
import { newToken, secretHash } from '../../src/auth/tokens.js';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerConflictError, LedgerNotFoundError } from '../../src/ledger/errors.js';
import { pgSchemaVersion } from '../../src/store/postgres/pool.js';
import { describeAuthStoreContract } from '../support/auth-store-contract.js';
import { openPgTestLedgers, pgAvailable } from '../support/postgres.js';
import { allAudit } from '../ledger/store-contract.js';

if (pgAvailable) {
  describeAuthStoreContract('PostgreSQL (the ledger\'s schema)', async () => {
    const pg = await openPgTestLedgers();
    const ledger = pg.ledgers[0]!;
    return { store: await openPgAuthStore(ledger.pool), audit: () => allAudit(ledger), cleanup: () => pg.cleanup() };
  });
}

describe.skipIf(!pgAvailable)('the PostgreSQL accounts store', () => {
  it('keeps the same migration versions as SQLite', async () => {
    expect(PG_AUTH_MIGRATIONS).toHaveLength(AUTH_MIGRATIONS.length);
    const pg = await openPgTestLedgers();
    try {
      await openPgAuthStore(pg.ledgers[0]!.pool);
      await openPgAuthStore(pg.ledgers[0]!.pool); // a second open applies nothing again
      expect(await pgSchemaVersion(pg.ledgers[0]!.pool, 'auth')).toBe(AUTH_MIGRATIONS.length);
    } finally {
      await pg.cleanup();
    }
  });

  it('keeps no token in clear in the database', async () => {
    const pg = await openPgTestLedgers();
    try {
      const store = await openPgAuthStore(pg.ledgers[0]!.pool);
      const token = newToken();
      await store.createToken({ name: 'x', role: 'admin', hash: secretHash(token), expiresAt: null }, { at: 1, actor: 'cli:noc' });
      await store.revokeToken('x', { at: 2, actor: 'cli:noc' });
      const { rows } = await pg.ledgers[0]!.pool.query<{ t: string }>(
        "SELECT (SELECT string_agg(t::text, '|') FROM auth_token t) || (SELECT string_agg(a::text, '|') FROM audit a) AS t");
      expect(rows[0]!.t).toContain('token:x');
      expect(rows[0]!.t).not.toContain(token);
    } finally {
      await pg.cleanup();
    }
  });

  it('two pools writing at once: each name taken once, one revoke wins, one unbroken audit chain', async () => {
    const pg = await openPgTestLedgers(2, 3);
    try {
      const [a, b] = await Promise.all(pg.ledgers.map((l) => openPgAuthStore(l.pool)));
      const names = Array.from({ length: 8 }, (_, i) => `svc-${i}`);
      const creates = await Promise.allSettled(names.flatMap((name, i) => [a!, b!].map((s, k) =>
        s.createToken({ name, role: k === 0 ? 'viewer' : 'operator', hash: secretHash(`${name}-${k}`), expiresAt: null }, { at: 100 + i, actor: `cli:p${k}` }))));
      expect(creates.filter((r) => r.status === 'fulfilled')).toHaveLength(names.length);
      for (const r of creates) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LedgerConflictError);
      expect((await a!.listTokens()).map((t) => t.name).sort()).toEqual(names);
      const revokes = await Promise.allSettled([a!.revokeToken('svc-0', { at: 200, actor: 'cli:p0' }), b!.revokeToken('svc-0', { at: 201, actor: 'cli:p1' })]);
      expect(revokes.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of revokes) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LedgerNotFoundError);
      const audit = await allAudit(pg.ledgers[1]!);
      expect(audit.map((r) => r.action).sort()).toEqual([...names.map(() => 'token.create'), 'token.revoke'].sort());
      expect(firstChainBreak(audit)).toBeNull();
    } finally {
      await pg.cleanup();
    }
  });
});
