/**
 * Tokens declared in the configuration (settings.auth.tokens), checked at start and at every
 * reload: outside the demo a token must come from { env } or { file }, be at least 24
 * characters and not be well known. The demo configuration's documented tokens (`demo-admin`…)
 * pass only when `redline demo` says so (a flag of the command, which no configuration can set).
 */
import type { Role } from './types.js';
import type { ConfigToken } from './principals.js';
import { secretHash, weakTokenReason } from './tokens.js';

/** A configured token with its value resolved (load.ts), before the checks. */
export interface ResolvedConfigToken {
  readonly name: string;
  readonly role: Role;
  readonly token: string;
  /** Written inline in the YAML (only the demo may). */
  readonly inline: boolean;
}

/** One problem with a configured token, with its path. */
export interface ConfigTokenIssue {
  readonly path: string;
  readonly message: string;
}

/** Every problem of the configured tokens; `demo` admits the demo's inline, well-known tokens. */
export function configTokenIssues(tokens: readonly ResolvedConfigToken[], opts: { readonly demo: boolean }): ConfigTokenIssue[] {
  if (opts.demo) return [];
  const issues: ConfigTokenIssue[] = [];
  tokens.forEach((t, i) => {
    const path = `settings.auth.tokens[${i}].token`;
    if (t.inline) {
      issues.push({ path, message: 'a token is never written inline (only the demo configuration does): use { env: NAME } or { file: PATH }' });
      return;
    }
    const weak = weakTokenReason(t.token);
    if (weak !== null) issues.push({ path, message: `token "${t.name}" is refused: ${weak}` });
  });
  return issues;
}

/** The configured tokens as the authenticator keeps them: by hash only. */
export function configTokenTable(tokens: readonly ResolvedConfigToken[]): ConfigToken[] {
  return tokens.map((t) => ({ name: t.name, role: t.role, hash: secretHash(t.token) }));
}
