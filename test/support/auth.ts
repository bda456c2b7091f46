/**
 * Accounts for tests: a real SQLite accounts store in a fresh temporary ledger file with one
 * token per role (for tests that call the API as somebody), or the same with authentication off
 * (for API tests that are not about authentication), and a configured token for daemon tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiAuth, type ApiAuth, type AuthSettings } from '../../src/auth/middleware.js';
import { FailureLimiter, type FailureLimitOptions } from '../../src/auth/rate-limit.js';
import { sqliteAuthStore, type AuthStore } from '../../src/auth/token-store.js';
import { newToken, secretHash } from '../../src/auth/tokens.js';
import { ROLES, type Role } from '../../src/auth/types.js';
import { openLedgerDb, type LedgerDb } from '../../src/ledger/sqlite-db.js';

/** A test's accounts: the API's authentication, a live token per role, and how to clean up. */
export interface TestAuth {
  readonly auth: ApiAuth;
  readonly store: AuthStore;
  readonly db: LedgerDb;
  /** A live token per role, named `test-<role>`. */
  readonly tokens: Readonly<Record<Role, string>>;
  /** `{ authorization: 'Bearer …' }` for a role. */
  headers(role: Role): Record<string, string>;
  close(): void;
}

/** What a test may change about its accounts. */
export interface TestAuthOptions {
  readonly settings?: Partial<AuthSettings>;
  readonly metricsRequireToken?: boolean;
  readonly limit?: FailureLimitOptions;
  /** The clock the authentication reads (default Date.now). */
  readonly now?: () => number;
}

/** Opens accounts in a fresh temporary ledger file with a token for each role. */
export async function openTestAuth(opts: TestAuthOptions = {}): Promise<TestAuth> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-auth-'));
  const db = openLedgerDb(join(dir, 'ledger.db'));
  const store = sqliteAuthStore(db);
  const now = opts.now ?? Date.now;
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const token = newToken();
    await store.createToken({ name: `test-${role}`, role, hash: secretHash(token), expiresAt: null }, { at: now(), actor: 'test' });
    tokens[role] = token;
  }
  const settings: AuthSettings = { enabled: true, sessionHours: 12, secureCookies: false, ...opts.settings };
  const auth = createApiAuth({
    store,
    configTokens: () => [],
    settings: () => settings,
    metricsRequireToken: opts.metricsRequireToken ?? false,
    now,
    ...(opts.limit !== undefined ? { limiter: new FailureLimiter(opts.limit) } : {}),
  });
  return {
    auth, store, db, tokens,
    headers: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
    close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** Accounts with authentication off: every route public (API tests that are not about authentication). */
export function openAuthOff(): Promise<TestAuth> {
  return openTestAuth({ settings: { enabled: false } });
}

/**
 * A viewer token for a daemon test's configuration: the token is written to a file in `dir`
 * and `settingsYaml` is the `auth:` block to put under `settings:` (indented by `indent`).
 */
export function configuredTestToken(dir: string, role: Role = 'viewer', indent = '  '): { token: string; settingsYaml: string; headers: Record<string, string> } {
  const token = newToken();
  writeFileSync(join(dir, `test-${role}.token`), `${token}\n`, { mode: 0o600 });
  return {
    token,
    settingsYaml: `${indent}auth: { tokens: [{ name: test-${role}, role: ${role}, token: { file: test-${role}.token } }] }\n`,
    headers: { authorization: `Bearer ${token}` },
  };
}
