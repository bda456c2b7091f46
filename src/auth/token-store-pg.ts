/**
 * The accounts store (AuthStore) on PostgreSQL, in the ledger's database: the same tables as
 * SQLite's (component `auth`, the same versions), only hashes stored, and every token write with
 * its audit record (name, role, expiry — never the token or its hash) in one transaction on the
 * ledger's chain, under the ledger's write lock. Sessions and "last used" are not audited and take
 * no lock; "last used" only moves forward, so processes touching one token at once keep the latest.
 */
import type pg from 'pg';
import { LedgerConflictError, LedgerNotFoundError } from '../ledger/errors.js';
import { openPgAudited } from '../ledger/pg-audited.js';
import { appendPgAudit } from '../ledger/pg-store.js';
import type { PgTx } from '../store/postgres/pool.js';
import { auditedToken, sessionOf, tokenInfoOf, type AuthStore, type SessionRow, type TokenInfo, type TokenRow } from './token-store.js';

/** The 'auth' component on PostgreSQL; append, never edit (keep the versions in step with AUTH_MIGRATIONS). */
export const PG_AUTH_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE auth_token (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT COLLATE "C" NOT NULL,
    role         TEXT COLLATE "C" NOT NULL,
    hash         TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
  );
  CREATE UNIQUE INDEX auth_token_live_name ON auth_token (name) WHERE revoked_at IS NULL;
  CREATE TABLE auth_session (
    hash       TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    role       TEXT COLLATE "C" NOT NULL,
    csrf_token TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX auth_session_by_name ON auth_session (name);
  CREATE INDEX auth_session_by_expiry ON auth_session (expires_at);
  `,
];

const liveRow = async (q: pg.Pool | PgTx, name: string): Promise<TokenRow | undefined> =>
  (await q.query<TokenRow>('SELECT * FROM auth_token WHERE name = $1 AND revoked_at IS NULL', [name])).rows[0];

/** The AuthStore on `pool` (the ledger's); brings the 'auth' schema (and the audit trail's) up to date. */
export async function openPgAuthStore(pool: pg.Pool): Promise<AuthStore> {
  const db = await openPgAudited(pool, 'auth', PG_AUTH_MIGRATIONS);
  return {
    createToken: (t, stamp) => db.write('creating a token', async (tx) => {
      if (await liveRow(tx, t.name) !== undefined) throw new LedgerConflictError(`a token named "${t.name}" already exists; revoke it first or choose another name`, 0);
      await tx.query('INSERT INTO auth_token (name, role, hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [t.name, t.role, t.hash, stamp.at, t.expiresAt]);
      const info: TokenInfo = { name: t.name, role: t.role, createdAt: stamp.at, expiresAt: t.expiresAt, lastUsedAt: null, revokedAt: null };
      await appendPgAudit(tx, [{ at: stamp.at, actor: stamp.actor, action: 'token.create', target: `token:${t.name}`, before: null, after: auditedToken(info) }]);
      return info;
    }),
    listTokens: () => db.read('listing tokens', async (q) => (await q.query<TokenRow>('SELECT * FROM auth_token ORDER BY created_at DESC, id DESC')).rows.map(tokenInfoOf)),
    revokeToken: (name, stamp) => db.write('revoking a token', async (tx) => {
      const row = await liveRow(tx, name);
      if (row === undefined) throw new LedgerNotFoundError(`no live token named "${name}"`);
      await tx.query('UPDATE auth_token SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL', [stamp.at, name]);
      await tx.query('DELETE FROM auth_session WHERE name = $1', [name]);
      const before = tokenInfoOf(row);
      const after: TokenInfo = { ...before, revokedAt: stamp.at };
      await appendPgAudit(tx, [{ at: stamp.at, actor: stamp.actor, action: 'token.revoke', target: `token:${name}`, before: auditedToken(before), after: auditedToken(after) }]);
      return after;
    }),
    tokenByHash: (hash) => db.read('reading a token', async (q) => {
      const row = (await q.query<TokenRow>('SELECT * FROM auth_token WHERE hash = $1', [hash])).rows[0];
      return row === undefined ? null : { ...tokenInfoOf(row), hash: row.hash };
    }),
    liveToken: (name) => db.read('reading a token', async (q) => {
      const row = await liveRow(q, name);
      return row === undefined ? null : tokenInfoOf(row);
    }),
    touchToken: (name, at) => db.read('recording a token\'s use', async (q) => {
      await q.query('UPDATE auth_token SET last_used_at = GREATEST(COALESCE(last_used_at, $1), $1) WHERE name = $2 AND revoked_at IS NULL', [at, name]);
    }),
    createSession: (s) => db.read('creating a session', async (q) => {
      await q.query('INSERT INTO auth_session (hash, name, role, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [s.hash, s.name, s.role, s.csrfToken, s.createdAt, s.expiresAt]);
    }),
    sessionByHash: (hash) => db.read('reading a session', async (q) => {
      const row = (await q.query<SessionRow>('SELECT * FROM auth_session WHERE hash = $1', [hash])).rows[0];
      return row === undefined ? null : sessionOf(row);
    }),
    deleteSession: (hash) => db.read('ending a session', async (q) => { await q.query('DELETE FROM auth_session WHERE hash = $1', [hash]); }),
    deleteExpiredSessions: (now) => db.read('forgetting expired sessions', async (q) => (await q.query('DELETE FROM auth_session WHERE expires_at <= $1', [now])).rowCount ?? 0),
  };
}
