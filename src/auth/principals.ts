/**
 * Who is calling: the resolvers that turn a request into a `Principal` — a bearer token
 * (`Authorization: Bearer …`, stored or declared in the configuration) and the console's session
 * cookie. The middleware asks each resolver in turn; the first that recognises a credential
 * decides. Single sign-on slots in here as one more resolver (a trusted reverse-proxy header
 * such as `X-Forwarded-User` read only from a configured proxy address — the future
 * `settings.auth.trustProxyHeader` — or an OIDC session), without touching any route.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthStore, SessionRecord } from './token-store.js';
import { sameSecret, secretHash } from './tokens.js';
import type { Principal, Role } from './types.js';

/** A token declared in the configuration (settings.auth.tokens), by hash only. */
export interface ConfigToken {
  readonly name: string;
  readonly role: Role;
  readonly hash: string;
}

/** What a resolver makes of a request. */
export type Resolution =
  /** No credential of this kind: ask the next resolver. */
  | { readonly kind: 'none' }
  /** A credential that does not authenticate (unknown, revoked, expired): counts as a failure. */
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'principal'; readonly principal: Principal; readonly session?: SessionRecord };

/** The parts of a request a resolver reads. */
export interface CredentialSource {
  readonly headers: IncomingHttpHeaders;
  /** The peer address (a proxy resolver would check it is the trusted proxy). */
  readonly remoteAddress: string;
}

/** One way of proving who one is. */
export type PrincipalResolver = (req: CredentialSource) => Promise<Resolution>;

/** The name of the console's session cookie. */
export const SESSION_COOKIE = 'redline_session';

/** Checks tokens and sessions against the store and the configured tokens. */
export interface Authenticator {
  /** The principal a token stands for, or why it does not authenticate. */
  token(token: string): Promise<{ principal: Principal } | { reason: string }>;
  /** The live session of a cookie value (its token still live), or why not. */
  session(cookieValue: string): Promise<{ principal: Principal; session: SessionRecord } | { reason: string }>;
}

/** What the authenticator reads. */
export interface AuthenticatorDeps {
  readonly store: AuthStore;
  /** The tokens of the configuration in force (read per request: a reload applies at once). */
  readonly configTokens: () => readonly ConfigToken[];
  readonly now: () => number;
  /** Called when a token authenticates, to record its last use (failures are logged, never thrown). */
  readonly onUsed?: (name: string, at: number) => void;
}

/** The Authenticator over a store and the configured tokens. */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const fromConfig = (hash: string): ConfigToken | undefined => {
    let found: ConfigToken | undefined;
    // every entry is compared, so timing does not tell which (or whether one) matched
    for (const t of deps.configTokens()) if (sameSecret(t.hash, hash)) found = t;
    return found;
  };
  /** Whether `name` still holds a live token with `role` (sessions end with their token). */
  const stillLive = async (name: string, role: Role, now: number): Promise<boolean> => {
    const c = deps.configTokens().find((t) => t.name === name);
    if (c !== undefined) return c.role === role;
    const s = await deps.store.liveToken(name);
    return s !== null && s.role === role && (s.expiresAt === null || s.expiresAt > now);
  };
  return {
    token: async (token) => {
      const hash = secretHash(token);
      const now = deps.now();
      const c = fromConfig(hash);
      if (c !== undefined) return { principal: { name: c.name, role: c.role, via: 'token' } };
      const s = await deps.store.tokenByHash(hash);
      if (s === null || !sameSecret(s.hash, hash)) return { reason: 'unknown token' };
      if (s.revokedAt !== null) return { reason: 'the token was revoked' };
      if (s.expiresAt !== null && s.expiresAt <= now) return { reason: 'the token has expired' };
      deps.onUsed?.(s.name, now);
      return { principal: { name: s.name, role: s.role, via: 'token' } };
    },
    session: async (cookieValue) => {
      const now = deps.now();
      const s = await deps.store.sessionByHash(secretHash(cookieValue));
      if (s === null) return { reason: 'unknown session' };
      if (s.expiresAt <= now) return { reason: 'the session has expired' };
      if (!await stillLive(s.name, s.role, now)) return { reason: 'the session\'s token was revoked or changed' };
      return { principal: { name: s.name, role: s.role, via: 'session' }, session: s };
    },
  };
}

/** The bearer token of `Authorization: Bearer <token>`, or null. */
export function bearerOf(headers: IncomingHttpHeaders): string | null {
  const h = headers.authorization;
  if (h === undefined) return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(h);
  return m === null ? '' : m[1]!;
}

/** The value of cookie `name` in a Cookie header, or null. */
export function cookieOf(headers: IncomingHttpHeaders, name: string): string | null {
  const h = headers.cookie;
  if (h === undefined) return null;
  for (const part of h.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Resolves `Authorization: Bearer …` (a malformed Authorization header is invalid, not absent). */
export function bearerResolver(auth: Authenticator): PrincipalResolver {
  return async (req) => {
    const token = bearerOf(req.headers);
    if (token === null) return { kind: 'none' };
    if (token === '') return { kind: 'invalid', reason: 'the Authorization header must be "Bearer <token>"' };
    const r = await auth.token(token);
    return 'principal' in r ? { kind: 'principal', principal: r.principal } : { kind: 'invalid', reason: r.reason };
  };
}

/** Resolves the console's session cookie. */
export function sessionResolver(auth: Authenticator): PrincipalResolver {
  return async (req) => {
    const value = cookieOf(req.headers, SESSION_COOKIE);
    if (value === null || value === '') return { kind: 'none' };
    const r = await auth.session(value);
    return 'principal' in r ? { kind: 'principal', principal: r.principal, session: r.session } : { kind: 'invalid', reason: r.reason };
  };
}

/** Asks each resolver in order; the first that recognises a credential decides. */
export async function resolvePrincipal(resolvers: readonly PrincipalResolver[], req: CredentialSource): Promise<Resolution> {
  for (const r of resolvers) {
    const res = await r(req);
    if (res.kind !== 'none') return res;
  }
  return { kind: 'none' };
}
