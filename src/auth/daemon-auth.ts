/**
 * Accounts as the daemon runs them: the accounts store the composition root opened
 * (src/app/stores.ts), or the ledger file opened for the 'auth' component, the
 * configured tokens checked (refused with a ConfigError naming their path, unless the demo
 * command admits its own) and kept by hash, and the API's authentication built over both.
 * The composition root calls `openDaemonAuth` at start and `checkAuthConfig` at every reload.
 */
import { ConfigError, type LoadedConfig } from '../config/load.js';
import type { Logger } from '../common/logger.js';
import { openLedgerDb, type LedgerDb } from '../ledger/sqlite-db.js';
import { configTokenIssues, configTokenTable } from './config-tokens.js';
import { isLoopbackHost } from './loopback.js';
import { createApiAuth, type ApiAuth } from './middleware.js';
import type { ConfigToken } from './principals.js';
import { sqliteAuthStore, type AuthStore } from './token-store.js';

/** Accounts of a running daemon. */
export interface DaemonAuth {
  readonly api: ApiAuth;
  /** Puts a reloaded configuration's tokens in force (after `checkAuthConfig` passed). */
  apply(loaded: LoadedConfig): void;
  close(): void;
}

/**
 * Throws ConfigError when the configuration's accounts cannot run: authentication off on a
 * non-loopback listen host (`--listen` included), or a configured token that is inline, short
 * or well known (the demo's documented tokens pass only with `demo`).
 */
export function checkAuthConfig(loaded: LoadedConfig, listenHost: string, opts: { readonly demo: boolean }): void {
  const issues = configTokenIssues(loaded.authTokens, opts);
  if (!loaded.config.settings.auth.enabled && !isLoopbackHost(listenHost)) {
    issues.push({ path: 'settings.auth.enabled', message: `authentication can be off only on a loopback address; redline listens on ${listenHost}` });
  }
  if (issues.length > 0) throw new ConfigError(loaded.file, issues);
}

/** What `openDaemonAuth` takes. */
export type DaemonAuthDeps = DaemonAuthBase & ({
  /** The accounts store already open (the daemon's stores own and close it). */
  readonly store: AuthStore;
} | {
  readonly store?: undefined;
  readonly ledgerFile: string;
  /** An already open ledger file to share (the ledger's own connection); otherwise one is opened and closed here. */
  readonly db?: LedgerDb;
});

/** What every `openDaemonAuth` takes. */
interface DaemonAuthBase {
  readonly loaded: LoadedConfig;
  /** The configuration in force (settings read per request). */
  readonly current: () => LoadedConfig;
  readonly now: () => number;
  readonly logger?: Logger;
}

/** Opens the accounts of the daemon: the store in the ledger file and the configured tokens. */
export function openDaemonAuth(deps: DaemonAuthDeps): DaemonAuth {
  // the connection this function opened itself (and so closes), if any
  const own = deps.store === undefined && deps.db === undefined ? openLedgerDb(deps.ledgerFile) : null;
  try {
    const store = deps.store ?? sqliteAuthStore(deps.db ?? own ?? openLedgerDb(deps.ledgerFile));
    let tokens: readonly ConfigToken[] = configTokenTable(deps.loaded.authTokens);
    const api = createApiAuth({
      store,
      configTokens: () => tokens,
      settings: () => {
        const a = deps.current().config.settings.auth;
        return { enabled: a.enabled, sessionHours: a.sessionHours, secureCookies: a.secureCookies };
      },
      metricsRequireToken: deps.loaded.config.settings.auth.metricsRequireToken,
      now: deps.now,
      ...(deps.logger !== undefined ? { logger: deps.logger } : {}),
    });
    return {
      api,
      apply: (loaded) => { tokens = configTokenTable(loaded.authTokens); },
      close: () => { own?.close(); },
    };
  } catch (err) {
    own?.close();
    throw err;
  }
}
