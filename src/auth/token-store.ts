/**
 * Where accounts live: the async `AuthStore` port (tokens and console sessions; PostgreSQL
 * implements it too, token-store-pg.ts) and its SQLite implementation in the ledger file, with the
 * 'auth' component's migrations. Only hashes are stored; every token write appends its audit record
 * (name, role, expiry — never the token or its hash) in the same transaction.
 */
import { LedgerConflictError, LedgerNotFoundError } from '../ledger/errors.js';
import { appendAuditSync, migrate, type LedgerDb } from '../ledger/sqlite-db.js';
import { ROLES, type Role } from './types.js';

/** A stored token as anyone may see it: never the token, never its hash. */
export interface TokenInfo {
  readonly name: string;
  readonly role: Role;
  /** ms since the epoch. */
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** A stored token with its hash, for authentication only. */
export interface StoredToken extends TokenInfo {
  readonly hash: string;
}

/** A console session: the hash of its cookie value, whose token it came from, its CSRF token and expiry. */
export interface SessionRecord {
  readonly hash: string;
  /** The token's name (the principal's name). */
  readonly name: string;
  readonly role: Role;
  /** The CSRF token the console sends back in X-CSRF-Token (only useful with the cookie, which is HttpOnly). */
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** Who did a write and when, for the audit trail. */
export interface AuditStamp {
  readonly at: number;
  /** Principal name, `daemon`, or `cli:<user>`. */
  readonly actor: string;
}

/** The accounts port: tokens and sessions. Async, so a networked database can implement it. */
export interface AuthStore {
  /** Stores a new token by its hash; a live token with the same name is a LedgerConflictError. */
  createToken(token: { name: string; role: Role; hash: string; expiresAt: number | null }, stamp: AuditStamp): Promise<TokenInfo>;
  /** Every token, newest first, revoked ones included. */
  listTokens(): Promise<TokenInfo[]>;
  /** Revokes the live token of this name and ends its sessions; LedgerNotFoundError when there is none. */
  revokeToken(name: string, stamp: AuditStamp): Promise<TokenInfo>;
  /** The token stored under this hash (revoked or expired ones too: the caller judges), or null. */
  tokenByHash(hash: string): Promise<StoredToken | null>;
  /** The live (not revoked) token of this name, or null. */
  liveToken(name: string): Promise<TokenInfo | null>;
  /** Records that a token was used (not audited: it is not a change anyone made). */
  touchToken(name: string, at: number): Promise<void>;
  createSession(session: SessionRecord): Promise<void>;
  sessionByHash(hash: string): Promise<SessionRecord | null>;
  deleteSession(hash: string): Promise<void>;
  /** Deletes sessions expired at `now`; resolves to how many. */
  deleteExpiredSessions(now: number): Promise<number>;
}

/** The 'auth' component's schema, append-only: migration k takes version k to k + 1. */
export const AUTH_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE auth_token (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    hash         TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    revoked_at   INTEGER
  );
  -- a name is reusable once its token is revoked, never twice live
  CREATE UNIQUE INDEX auth_token_live_name ON auth_token (name) WHERE revoked_at IS NULL;
  CREATE TABLE auth_session (
    hash       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX auth_session_by_name ON auth_session (name);
  CREATE INDEX auth_session_by_expiry ON auth_session (expires_at);
  `,
];

/** A row of auth_token (both stores). */
export interface TokenRow {
  name: string; role: string; hash: string; created_at: number;
  expires_at: number | null; last_used_at: number | null; revoked_at: number | null;
}
/** A row of auth_session (both stores). */
export interface SessionRow { hash: string; name: string; role: string; csrf_token: string; created_at: number; expires_at: number }

function roleOf(text: string): Role {
  const r = ROLES.find((x) => x === text);
  // a role this redline does not know reads as the least privileged one
  return r ?? 'viewer';
}

/** A token row as anyone may see it. */
export function tokenInfoOf(row: TokenRow): TokenInfo {
  return { name: row.name, role: roleOf(row.role), createdAt: row.created_at, expiresAt: row.expires_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

/** A session row as the port gives it. */
export function sessionOf(row: SessionRow): SessionRecord {
  return { hash: row.hash, name: row.name, role: roleOf(row.role), csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at };
}

/** What the audit trail keeps of a token: name, role, expiry. */
export function auditedToken(t: TokenInfo): { name: string; role: Role; expiresAt: number | null; revokedAt: number | null } {
  return { name: t.name, role: t.role, expiresAt: t.expiresAt, revokedAt: t.revokedAt };
}

/** The SQLite AuthStore on an open ledger file (openLedgerDb); brings the 'auth' schema up to date. */
export function sqliteAuthStore(db: LedgerDb): AuthStore {
  migrate(db, 'auth', AUTH_MIGRATIONS);
  const byHash = db.prepare('SELECT * FROM auth_token WHERE hash = ?');
  const live = db.prepare('SELECT * FROM auth_token WHERE name = ? AND revoked_at IS NULL');
  const insert = db.prepare('INSERT INTO auth_token (name, role, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const revoke = db.prepare('UPDATE auth_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL');
  const endSessions = db.prepare('DELETE FROM auth_session WHERE name = ?');
  const touch = db.prepare('UPDATE auth_token SET last_used_at = ? WHERE name = ? AND revoked_at IS NULL');
  const list = db.prepare('SELECT * FROM auth_token ORDER BY created_at DESC, id DESC');
  const insertSession = db.prepare('INSERT INTO auth_session (hash, name, role, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const session = db.prepare('SELECT * FROM auth_session WHERE hash = ?');
  const deleteSession = db.prepare('DELETE FROM auth_session WHERE hash = ?');
  const deleteExpired = db.prepare('DELETE FROM auth_session WHERE expires_at <= ?');

  const createTx = db.transaction((t: { name: string; role: Role; hash: string; expiresAt: number | null }, stamp: AuditStamp): TokenInfo => {
    if (live.get(t.name) !== undefined) throw new LedgerConflictError(`a token named "${t.name}" already exists; revoke it first or choose another name`, 0);
    insert.run(t.name, t.role, t.hash, stamp.at, t.expiresAt);
    const info: TokenInfo = { name: t.name, role: t.role, createdAt: stamp.at, expiresAt: t.expiresAt, lastUsedAt: null, revokedAt: null };
    appendAuditSync(db, [{ at: stamp.at, actor: stamp.actor, action: 'token.create', target: `token:${t.name}`, before: null, after: auditedToken(info) }]);
    return info;
  });
  const revokeTx = db.transaction((name: string, stamp: AuditStamp): TokenInfo => {
    const row = live.get(name) as TokenRow | undefined;
    if (row === undefined) throw new LedgerNotFoundError(`no live token named "${name}"`);
    revoke.run(stamp.at, name);
    endSessions.run(name);
    const before = tokenInfoOf(row);
    const after: TokenInfo = { ...before, revokedAt: stamp.at };
    appendAuditSync(db, [{ at: stamp.at, actor: stamp.actor, action: 'token.revoke', target: `token:${name}`, before: auditedToken(before), after: auditedToken(after) }]);
    return after;
  });

  return {
    createToken: (t, stamp) => Promise.resolve().then(() => createTx.immediate(t, stamp)),
    listTokens: () => Promise.resolve().then(() => (list.all() as TokenRow[]).map(tokenInfoOf)),
    revokeToken: (name, stamp) => Promise.resolve().then(() => revokeTx.immediate(name, stamp)),
    tokenByHash: (hash) => Promise.resolve().then(() => {
      const row = byHash.get(hash) as TokenRow | undefined;
      return row === undefined ? null : { ...tokenInfoOf(row), hash: row.hash };
    }),
    liveToken: (name) => Promise.resolve().then(() => {
      const row = live.get(name) as TokenRow | undefined;
      return row === undefined ? null : tokenInfoOf(row);
    }),
    touchToken: (name, at) => Promise.resolve().then(() => { touch.run(at, name); }),
    createSession: (s) => Promise.resolve().then(() => { insertSession.run(s.hash, s.name, s.role, s.csrfToken, s.createdAt, s.expiresAt); }),
    sessionByHash: (hash) => Promise.resolve().then(() => {
      const row = session.get(hash) as SessionRow | undefined;
      return row === undefined ? null : sessionOf(row);
    }),
    deleteSession: (hash) => Promise.resolve().then(() => { deleteSession.run(hash); }),
    deleteExpiredSessions: (now) => Promise.resolve().then(() => deleteExpired.run(now).changes),
  };
}
