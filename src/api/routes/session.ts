/**
 * `/api/v1/session`: the console's login (a token exchanged for an HttpOnly, SameSite=Strict
 * session cookie and a CSRF token), who am I, and logout. Failed logins count against the
 * address's failure budget like any failed authentication.
 */
import { z } from 'zod';
import { clientAddress, principalOf, sessionOf, type ApiAuth } from '../../auth/middleware.js';
import { openSession, originProblem, sessionCookie } from '../../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { Route } from '../route.js';
import { inputOf } from '../route.js';

/** The login path. */
export const SESSION_PATH = '/api/v1/session';

const loginBody = z.strictObject({ token: z.string().min(1).max(1024) });

/** Login, who am I, logout. */
export function sessionRoutes(auth: ApiAuth): Route[] {
  return [
    {
      method: 'POST',
      path: SESSION_PATH,
      access: 'public',
      body: loginBody,
      handler: async (req, res) => {
        const address = clientAddress(req.socket.remoteAddress);
        const wait = auth.limiter.blockedFor(address, auth.now());
        if (wait > 0) {
          res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
          throw new ApiError(429, 'too_many_failures', 'too many failed authentications from this address; try again later');
        }
        const { token } = loginBody.parse(inputOf(res).body);
        const now = auth.now();
        const settings = auth.settings();
        // a cross-site page must not log a browser in under its own token (login CSRF)
        const originRefused = originProblem(req.headers, settings.secureCookies);
        if (originRefused !== null) throw new ApiError(403, 'csrf', originRefused);
        const opened = await openSession(auth.authenticator, auth.store, token, now, settings.sessionHours);
        if ('reason' in opened) {
          auth.limiter.fail(address, auth.now());
          res.setHeader('WWW-Authenticate', 'Bearer realm="redline", error="invalid_token"');
          throw new ApiError(401, 'unauthenticated', `login refused: ${opened.reason}`);
        }
        res.setHeader('Set-Cookie', sessionCookie(opened.cookieValue, { secure: settings.secureCookies, maxAgeSeconds: (opened.expiresAt - now) / 1000 }));
        res.status(201).json({ csrfToken: opened.csrfToken, name: opened.principal.name, role: opened.principal.role, expiresAt: new Date(opened.expiresAt).toISOString() });
      },
    },
    {
      method: 'GET',
      path: SESSION_PATH,
      access: 'read',
      handler: (_req, res) => {
        const p = principalOf(res);
        const s = sessionOf(res);
        if (p === null) {
          res.json({ authenticated: false, authEnabled: auth.settings().enabled });
          return;
        }
        res.json({
          authenticated: true,
          name: p.name,
          role: p.role,
          via: p.via,
          ...(s !== null ? { csrfToken: s.csrfToken, expiresAt: new Date(s.expiresAt).toISOString() } : {}),
        });
      },
    },
    {
      method: 'DELETE',
      path: SESSION_PATH,
      access: 'read',
      handler: async (_req, res) => {
        const s = sessionOf(res);
        if (s !== null) await auth.store.deleteSession(s.hash);
        res.setHeader('Set-Cookie', sessionCookie(null, { secure: auth.settings().secureCookies }));
        res.status(204).end();
      },
    },
  ];
}
