/**
 * The console over HTTP for tests: the real API app (hygiene, auth, console router) on 127.0.0.1
 * port 0 with real accounts (a token per role in a temporary ledger file), and a login as a
 * browser does it (POST /login with the token → session cookie; the CSRF token read from a page's
 * form), so page tests send what a browser sends.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiApp, type ApiDeps } from '../../src/api/app.js';
import { createApiServer } from '../../src/api/server.js';
import type { ConsoleParts } from '../../src/console/app.js';
import type { Role } from '../../src/auth/types.js';
import type { Inventory } from '../../src/inventory/model.js';
import { Registry } from 'prom-client';
import { openTestAuth, type TestAuth, type TestAuthOptions } from './auth.js';

/** A console served for a test. */
export interface ServedConsole {
  readonly base: string;
  readonly accounts: TestAuth;
  /** Logs in as `role` through the login form; the session's cookie and CSRF token. */
  login(role: Role): Promise<ConsoleSession>;
  close(): Promise<void>;
}

/** A logged-in browser, reduced to what it sends. */
export interface ConsoleSession {
  readonly cookie: string;
  /** GET a console path with the session (redirects not followed). */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** POST a form (`_csrf` added unless given) with the session; `Origin` is this server's. */
  post(path: string, fields: Record<string, string>, opts?: { readonly csrf?: string | null }): Promise<Response>;
  /** The CSRF token of this session (read from a page's hidden field). */
  csrf(): Promise<string>;
}

/** Serves the API app with the console (`parts`: the console's pages; default the shipped ones). */
export async function serveConsole(deps: ApiDeps, opts: { readonly parts?: ConsoleParts; readonly auth?: TestAuthOptions } = {}): Promise<ServedConsole> {
  const accounts = await openTestAuth(opts.auth);
  const app = createApiApp(deps, accounts.auth, ...(opts.parts !== undefined ? [opts.parts] : []));
  const server: Server = createApiServer(app).listen(0, '127.0.0.1');
  await new Promise<void>((r) => { server.once('listening', () => { r(); }); });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    accounts,
    login: (role) => loginAs(base, accounts.tokens[role]),
    close: async () => {
      await new Promise<void>((r) => { server.close(() => { r(); }); server.closeAllConnections(); });
      accounts.close();
    },
  };
}

/** The `_csrf` hidden field's value in a page, or null. */
export function csrfIn(page: string): string | null {
  return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? null;
}

/** Logs in at `base` with `token` as the login form does; throws unless the console answers 303 with a cookie. */
export async function loginAs(base: string, token: string): Promise<ConsoleSession> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ token, next: '/' }).toString(),
  });
  const set = res.headers.get('set-cookie') ?? '';
  const cookie = /redline_session=[^;]+/.exec(set)?.[0];
  if (res.status !== 303 || cookie === undefined) throw new Error(`login answered ${res.status} without a session cookie`);
  let csrfToken: string | null = null;
  const session: ConsoleSession = {
    cookie,
    get: (path, headers = {}) => fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie, ...headers } }),
    post: async (path, fields, opts = {}) => {
      const csrf = opts.csrf === undefined ? await session.csrf() : opts.csrf;
      const body = new URLSearchParams({ ...fields, ...(csrf !== null ? { _csrf: csrf } : {}) });
      return fetch(`${base}${path}`, {
        method: 'POST', redirect: 'manual',
        headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      });
    },
    csrf: async () => {
      if (csrfToken !== null) return csrfToken;
      // every page's logout form carries it; the account page is always there
      const page = await (await fetch(`${base}/account`, { headers: { cookie } })).text();
      const found = csrfIn(page);
      if (found === null) throw new Error('no CSRF token on /account');
      return (csrfToken = found);
    },
  };
  return session;
}

/** API deps around an inventory for console tests (no analysis, no ledger unless given; Asia/Shanghai, a fixed clock). */
export function consoleDeps(inventory: Inventory, part: Partial<ApiDeps> = {}): ApiDeps {
  return {
    inventory: () => inventory,
    device: () => null,
    transitions: () => [],
    health: () => null,
    readiness: () => ({ ready: true, polled: 1, total: 1 }),
    registry: new Registry(),
    timeZone: () => 'Asia/Shanghai',
    now: () => Date.UTC(2026, 11, 4, 12),
    ...part,
  };
}
