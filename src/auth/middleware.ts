/**
 * The one place that decides who may use a route: resolve the caller (the resolvers of
 * principals.ts, in order), refuse with 401 (`WWW-Authenticate: Bearer`) when nobody is proven,
 * 403 `csrf` when a cookie-authenticated unsafe request lacks its CSRF token, 403 `forbidden`
 * naming the roles needed, 429 while an address is over its failure budget; otherwise put the
 * principal on `res.locals` for the handler (and the audit trail).
 */
import type { RequestHandler, Response } from 'express';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { createAuthenticator, bearerResolver, resolvePrincipal, sessionResolver, type Authenticator, type ConfigToken, type PrincipalResolver } from './principals.js';
import { FailureLimiter } from './rate-limit.js';
import { csrfProblem, DEFAULT_SESSION_HOURS } from './sessions.js';
import type { AuthStore, SessionRecord } from './token-store.js';
import { ACCESS_ROLES, allows, type Principal, type RouteAccess } from './types.js';

/** Settings read per request (a reload applies at once). */
export interface AuthSettings {
  readonly enabled: boolean;
  readonly sessionHours: number;
  /** The console is served over https: the session cookie gets `Secure`, Origin is checked as https. */
  readonly secureCookies: boolean;
}

/** Everything the API needs for authentication. */
export interface ApiAuth {
  readonly settings: () => AuthSettings;
  /** Whether `/metrics` needs a token (read when the app is built: a change takes effect at restart). */
  readonly metricsRequireToken: boolean;
  readonly resolvers: readonly PrincipalResolver[];
  readonly authenticator: Authenticator;
  readonly store: AuthStore;
  readonly limiter: FailureLimiter;
  readonly now: () => number;
}

/** What `createApiAuth` takes. */
export interface ApiAuthDeps {
  readonly store: AuthStore;
  readonly configTokens: () => readonly ConfigToken[];
  readonly settings: () => AuthSettings;
  readonly metricsRequireToken: boolean;
  readonly now: () => number;
  readonly limiter?: FailureLimiter;
  readonly logger?: Logger;
  /**
   * Resolvers tried after the bearer token and the session cookie: the seam for single sign-on
   * (a trusted reverse-proxy header, OIDC). Routes never change when one is added.
   */
  readonly extraResolvers?: readonly PrincipalResolver[];
}

/** How often a token's last use is written at most (per token). */
const TOUCH_EVERY_MS = 60_000;

/** Builds the API's authentication from a store and the configured tokens. */
export function createApiAuth(deps: ApiAuthDeps): ApiAuth {
  const touched = new Map<string, number>();
  const authenticator = createAuthenticator({
    store: deps.store,
    configTokens: deps.configTokens,
    now: deps.now,
    onUsed: (name, at) => {
      const last = touched.get(name);
      if (last !== undefined && at - last < TOUCH_EVERY_MS) return;
      if (touched.size > 10_000) touched.clear();
      touched.set(name, at);
      deps.store.touchToken(name, at).catch((err: unknown) => { deps.logger?.warn({ token: name, err: errorMessage(err) }, 'could not record a token\'s last use'); });
    },
  });
  return {
    settings: deps.settings,
    metricsRequireToken: deps.metricsRequireToken,
    resolvers: [bearerResolver(authenticator), sessionResolver(authenticator), ...(deps.extraResolvers ?? [])],
    authenticator,
    store: deps.store,
    limiter: deps.limiter ?? new FailureLimiter(),
    now: deps.now,
  };
}

/** The default settings block (auth on, 12-hour sessions, plain http). */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = { enabled: true, sessionHours: DEFAULT_SESSION_HOURS, secureCookies: false };

/** The caller of this request, or null when authentication is off (or the route is public). */
export function principalOf(res: Response): Principal | null {
  const p: unknown = res.locals['principal'];
  return typeof p === 'object' && p !== null ? p as Principal : null;
}

/** The session this request came with (cookie-authenticated requests only). */
export function sessionOf(res: Response): SessionRecord | null {
  const s: unknown = res.locals['session'];
  return typeof s === 'object' && s !== null ? s as SessionRecord : null;
}

/** The audit trail's actor for this request: the principal's name, or `anonymous` with authentication off. */
export function actorOf(res: Response): string {
  return principalOf(res)?.name ?? 'anonymous';
}

/** The client address the failure budget is kept by (the seam for a trusted proxy's header, later). */
export function clientAddress(remote: string | undefined): string {
  return remote ?? 'unknown';
}

/** Makes the API's error for a refusal (the API answers it in its one error shape). */
export type RefusalError = (status: number, code: string, message: string) => Error;

/** The middleware guarding one route that needs `access`. */
export function authGuard(access: RouteAccess, auth: ApiAuth, refusal: RefusalError): RequestHandler {
  return (req, res, next) => {
    const settings = auth.settings();
    if (!settings.enabled || access === 'public') { next(); return; }
    const deny = (status: number, code: string, message: string, headers: Record<string, string> = {}): void => {
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      next(refusal(status, code, message));
    };
    const address = clientAddress(req.socket.remoteAddress);
    const wait = auth.limiter.blockedFor(address, auth.now());
    if (wait > 0) {
      deny(429, 'too_many_failures', 'too many failed authentications from this address; try again later', { 'Retry-After': String(Math.ceil(wait / 1000)) });
      return;
    }
    resolvePrincipal(auth.resolvers, { headers: req.headers, remoteAddress: address }).then((r) => {
      if (r.kind === 'none') {
        deny(401, 'unauthenticated', 'this endpoint needs a token: send "Authorization: Bearer <token>" (redline token create) or log in', { 'WWW-Authenticate': 'Bearer realm="redline"' });
        return;
      }
      if (r.kind === 'invalid') {
        auth.limiter.fail(address, auth.now());
        deny(401, 'unauthenticated', `not authenticated: ${r.reason}`, { 'WWW-Authenticate': 'Bearer realm="redline", error="invalid_token"' });
        return;
      }
      if (r.session !== undefined) {
        const csrf = csrfProblem(req.method, req.headers, r.session, settings.secureCookies);
        if (csrf !== null) { deny(403, 'csrf', csrf); return; }
        res.locals['session'] = r.session;
      }
      const p = r.principal;
      if (!allows(access, p.role)) {
        deny(403, 'forbidden', `this endpoint needs the role ${ACCESS_ROLES[access].join(' or ')}; "${p.name}" has the role ${p.role}`);
        return;
      }
      res.locals['principal'] = p;
      next();
    }, (err: unknown) => { next(err); });
  };
}
