/**
 * The console's sessions: a token exchanged for an HttpOnly, SameSite=Strict cookie holding a
 * random session id (stored hashed, with its expiry), a CSRF token the console sends back in
 * `X-CSRF-Token` on unsafe methods, and logout. Bearer-token requests need no CSRF token: a
 * browser never attaches one by itself.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Authenticator } from './principals.js';
import { SESSION_COOKIE } from './principals.js';
import type { AuthStore, SessionRecord } from './token-store.js';
import { randomSecret, sameSecret, secretHash } from './tokens.js';
import type { Principal } from './types.js';

/** Default session lifetime (settings.auth.sessionHours). */
export const DEFAULT_SESSION_HOURS = 12;

/** Methods that change something: a cookie-authenticated one needs the CSRF token. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** A session just opened: the cookie value (shown once, in Set-Cookie) and what the console needs. */
export interface OpenedSession {
  readonly cookieValue: string;
  readonly csrfToken: string;
  readonly principal: Principal;
  readonly expiresAt: number;
}

/** Exchanges a token for a session; `{ reason }` when the token does not authenticate. */
export async function openSession(auth: Authenticator, store: AuthStore, token: string, now: number, hours: number): Promise<OpenedSession | { reason: string }> {
  const r = await auth.token(token);
  if (!('principal' in r)) return r;
  const cookieValue = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = now + hours * 3_600_000;
  await store.createSession({ hash: secretHash(cookieValue), name: r.principal.name, role: r.principal.role, csrfToken, createdAt: now, expiresAt });
  // an opportunity to forget the expired ones; the table stays as small as the live sessions
  await store.deleteExpiredSessions(now);
  return { cookieValue, csrfToken, principal: { ...r.principal, via: 'session' }, expiresAt };
}

/** The Set-Cookie value for a session (or, with `value` null, the one that deletes it). */
export function sessionCookie(value: string | null, opts: { secure: boolean; maxAgeSeconds?: number }): string {
  const parts = [`${SESSION_COOKIE}=${value ?? ''}`, 'HttpOnly', 'SameSite=Strict', 'Path=/'];
  if (value === null) parts.push('Max-Age=0');
  else if (opts.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`);
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Why a request's `Origin`, when sent, is not this server (scheme and Host), or null. */
export function originProblem(headers: IncomingHttpHeaders, secure: boolean): string | null {
  const origin = headers.origin;
  if (origin === undefined) return null;
  const expected = `${secure ? 'https' : 'http'}://${headers.host ?? ''}`;
  return origin.toLowerCase() === expected.toLowerCase() ? null : `the Origin ${origin} is not this server`;
}

/**
 * Why a cookie-authenticated request is refused as a possible cross-site request forgery, or
 * null when it may go on: an unsafe method needs `X-CSRF-Token` equal to the session's (the
 * console's HTML forms send it as the `_csrf` field instead: `form`), and an `Origin`, when sent,
 * naming this server (scheme and Host).
 */
export function csrfProblem(method: string, headers: IncomingHttpHeaders, session: SessionRecord, secure: boolean, form?: { readonly csrf: string | null }): string | null {
  if (!UNSAFE_METHODS.has(method.toUpperCase())) return null;
  const origin = originProblem(headers, secure);
  if (origin !== null) return origin;
  if (form !== undefined) {
    if (form.csrf === null || form.csrf === '') return 'the form carries no CSRF token (reload the page and try again)';
    return sameSecret(form.csrf, session.csrfToken) ? null : 'the form\'s CSRF token does not match the session (reload the page and try again)';
  }
  const sent = headers['x-csrf-token'];
  if (typeof sent !== 'string' || sent === '') return 'the X-CSRF-Token header is missing (the console gets it from POST /api/v1/session)';
  if (!sameSecret(sent, session.csrfToken)) return 'the X-CSRF-Token header does not match the session';
  return null;
}
