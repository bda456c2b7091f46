/**
 * Authentication over HTTP, against the real API app on 127.0.0.1 port 0 with a real accounts
 * store (SQLite in a temporary ledger file): anonymous 401 with WWW-Authenticate, a role that
 * is not allowed 403 naming the roles needed, revoked and expired tokens 401, login → cookie →
 * CSRF required for unsafe methods (bearer requests need none), logout, input validation 422,
 * /metrics behind a token when asked, and the failure rate limit's 429 then recovery.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiApp, ApiError, type ApiDeps } from '../../src/api/app.js';
import { createApiServer } from '../../src/api/server.js';
import { errorHandler } from '../../src/api/hygiene.js';
import { authGuard, principalOf } from '../../src/auth/middleware.js';
import { newToken, secretHash } from '../../src/auth/tokens.js';
import { openTestAuth, type TestAuth, type TestAuthOptions } from '../support/auth.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const deps: ApiDeps = {
  inventory: () => inventoryFromObject({ sites: [{ id: 's1', class: 'PC-AGG' }], devices: [{ id: 'd1', site: 's1', role: 'edge' }] }),
  device: () => null,
  transitions: () => [],
  health: () => null,
  readiness: () => ({ ready: true, polled: 1, total: 1 }),
  registry: new Registry(),
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(app: express.Express): Promise<string> {
  const server: Server = createApiServer(app).listen(0, '127.0.0.1');
  await new Promise<void>((r) => { server.once('listening', () => { r(); }); });
  cleanups.push(() => new Promise<void>((r) => { server.close(() => { r(); }); server.closeAllConnections(); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The API with accounts in a fresh ledger file; `clock.now` is what the authentication reads. */
async function serveApi(opts: Omit<TestAuthOptions, 'now'> = {}): Promise<{ base: string; accounts: TestAuth; clock: { now: number } }> {
  const clock = { now: Date.UTC(2026, 11, 4, 12) };
  const accounts = await openTestAuth({ ...opts, now: () => clock.now });
  cleanups.push(() => { accounts.close(); });
  return { base: await listen(createApiApp(deps, accounts.auth)), accounts, clock };
}

async function errorCode(res: Response): Promise<string> {
  const body = await res.json() as { error?: { code?: string; message?: string } };
  return `${body.error?.code ?? '?'}: ${body.error?.message ?? ''}`;
}

describe('bearer tokens', () => {
  it('anonymous requests get 401 with WWW-Authenticate: Bearer; probes stay open', async () => {
    const { base } = await serveApi();
    const res = await fetch(`${base}/api/v1/devices`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await errorCode(res)).toMatch(/^unauthenticated: .*Authorization: Bearer/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('a live token reads; its last use is recorded', async () => {
    const { base, accounts } = await serveApi();
    const res = await fetch(`${base}/api/v1/devices`, { headers: accounts.headers('viewer') });
    expect(res.status).toBe(200);
    expect((await res.json() as { items: unknown[] }).items).toHaveLength(1);
    await expect.poll(async () => (await accounts.store.liveToken('test-viewer'))?.lastUsedAt).not.toBeNull();
  });

  it('revoked, expired, unknown and malformed credentials get 401', async () => {
    const { base, accounts, clock } = await serveApi();
    const expiring = newToken();
    await accounts.store.createToken({ name: 'short-lived', role: 'viewer', hash: secretHash(expiring), expiresAt: clock.now + 1000 }, { at: clock.now, actor: 'test' });
    expect((await fetch(`${base}/api/v1/devices`, { headers: { authorization: `Bearer ${expiring}` } })).status).toBe(200);
    clock.now += 1000;
    const expired = await fetch(`${base}/api/v1/devices`, { headers: { authorization: `Bearer ${expiring}` } });
    expect(expired.status).toBe(401);
    expect(await errorCode(expired)).toMatch(/expired/);

    await accounts.store.revokeToken('test-operator', { at: clock.now, actor: 'test' });
    const revoked = await fetch(`${base}/api/v1/devices`, { headers: accounts.headers('operator') });
    expect(revoked.status).toBe(401);
    expect(await errorCode(revoked)).toMatch(/revoked/);

    expect((await fetch(`${base}/api/v1/devices`, { headers: { authorization: `Bearer ${newToken()}` } })).status).toBe(401);
    expect((await fetch(`${base}/api/v1/devices`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(401);
  });

  it('a role the route does not admit gets 403 naming the roles needed', async () => {
    const accounts = await openTestAuth();
    cleanups.push(() => { accounts.close(); });
    const app = express();
    const refusal = (status: number, code: string, message: string): Error => new ApiError(status, code, message);
    app.post('/work', authGuard('work', accounts.auth, refusal), (_req, res) => { res.json({ by: principalOf(res)?.name }); });
    app.use(errorHandler(() => undefined));
    const base = await listen(app);
    const inspector = await fetch(`${base}/work`, { method: 'POST', headers: accounts.headers('inspector') });
    expect(inspector.status).toBe(403);
    expect(await errorCode(inspector)).toMatch(/^forbidden: .*operator or admin.*inspector/);
    const operator = await fetch(`${base}/work`, { method: 'POST', headers: accounts.headers('operator') });
    expect(operator.status).toBe(200);
    expect(await operator.json()).toEqual({ by: 'test-operator' });
  });

  it('/metrics needs a token when metricsRequireToken is set', async () => {
    const { base, accounts } = await serveApi({ metricsRequireToken: true });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: accounts.headers('viewer') })).status).toBe(200);
  });

  it('with authentication off every route is public', async () => {
    const { base } = await serveApi({ settings: { enabled: false } });
    expect((await fetch(`${base}/api/v1/devices`)).status).toBe(200);
  });
});

describe('console sessions', () => {
  async function login(base: string, token: string): Promise<{ cookie: string; csrf: string; res: Response; body: Record<string, unknown> }> {
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const body = await res.json() as Record<string, unknown>;
    const set = res.headers.getSetCookie()[0] ?? '';
    return { cookie: set.split(';')[0] ?? '', csrf: String(body['csrfToken']), res, body };
  }

  it('login sets an HttpOnly SameSite=Strict cookie and answers the CSRF token, name, role and expiry', async () => {
    const { base, accounts, clock } = await serveApi();
    const { res, body } = await login(base, accounts.tokens.operator);
    expect(res.status).toBe(201);
    const set = res.headers.getSetCookie();
    expect(set).toHaveLength(1);
    expect(set[0]).toMatch(/^redline_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    expect(body).toEqual({ csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown, name: 'test-operator', role: 'operator', expiresAt: new Date(clock.now + 12 * 3_600_000).toISOString() });
    expect(JSON.stringify(body)).not.toContain(accounts.tokens.operator);
  });

  it('the cookie is Secure when the console is served over https', async () => {
    const { base, accounts } = await serveApi({ settings: { secureCookies: true } });
    expect((await login(base, accounts.tokens.viewer)).res.headers.getSetCookie()[0]).toMatch(/; Secure$/);
  });

  it('the cookie authenticates reads; unsafe methods need X-CSRF-Token and a same-origin Origin; logout ends it', async () => {
    const { base, accounts } = await serveApi();
    const { cookie, csrf } = await login(base, accounts.tokens.operator);
    const who = await fetch(`${base}/api/v1/session`, { headers: { cookie } });
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ authenticated: true, name: 'test-operator', role: 'operator', via: 'session', csrfToken: csrf });
    expect((await fetch(`${base}/api/v1/devices`, { headers: { cookie } })).status).toBe(200);

    const noToken = await fetch(`${base}/api/v1/session`, { method: 'DELETE', headers: { cookie } });
    expect(noToken.status).toBe(403);
    expect(await errorCode(noToken)).toMatch(/^csrf: .*missing/);
    const wrong = await fetch(`${base}/api/v1/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(await errorCode(wrong)).toMatch(/^csrf: .*does not match/);
    const crossSite = await fetch(`${base}/api/v1/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf, origin: 'http://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(await errorCode(crossSite)).toMatch(/^csrf: .*Origin/);

    const logout = await fetch(`${base}/api/v1/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf, origin: base } });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie()[0]).toMatch(/^redline_session=; .*Max-Age=0/);
    expect((await fetch(`${base}/api/v1/devices`, { headers: { cookie } })).status).toBe(401);
  });

  it('bearer requests need no CSRF token', async () => {
    const { base, accounts } = await serveApi();
    expect((await fetch(`${base}/api/v1/session`, { method: 'DELETE', headers: accounts.headers('viewer') })).status).toBe(204);
  });

  it('a session expires with sessionHours and ends when its token is revoked', async () => {
    const { base, accounts, clock } = await serveApi({ settings: { sessionHours: 1 } });
    const a = await login(base, accounts.tokens.viewer);
    clock.now += 3_600_000;
    expect((await fetch(`${base}/api/v1/devices`, { headers: { cookie: a.cookie } })).status).toBe(401);
    const b = await login(base, accounts.tokens.admin);
    expect((await fetch(`${base}/api/v1/devices`, { headers: { cookie: b.cookie } })).status).toBe(200);
    await accounts.store.revokeToken('test-admin', { at: clock.now, actor: 'test' });
    expect((await fetch(`${base}/api/v1/devices`, { headers: { cookie: b.cookie } })).status).toBe(401);
  });

  it('a login from another origin is refused (login CSRF)', async () => {
    const { base, accounts } = await serveApi();
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ token: accounts.tokens.viewer }) });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    const same = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ token: accounts.tokens.viewer }) });
    expect(same.status).toBe(201);
  });

  it('a bad login is 401, a malformed one 422 naming the field', async () => {
    const { base } = await serveApi();
    const bad = await login(base, newToken());
    expect(bad.res.status).toBe(401);
    expect(bad.res.headers.getSetCookie()).toEqual([]);
    const malformed = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokn: 'x' }) });
    expect(malformed.status).toBe(422);
    const msg = await errorCode(malformed);
    expect(msg).toMatch(/^invalid_input: /);
    expect(msg).toContain('body.token');
  });
});

describe('rate limiting of failed authentication', () => {
  it('answers 429 with Retry-After once an address failed too often, even to a good token, then recovers', async () => {
    const { base, accounts, clock } = await serveApi({ limit: { maxFailures: 10, windowMs: 60_000, maxAddresses: 1000 } });
    for (let i = 0; i < 9; i++) expect((await fetch(`${base}/api/v1/devices`, { headers: { authorization: `Bearer ${newToken()}` } })).status).toBe(401);
    // successes do not count
    expect((await fetch(`${base}/api/v1/devices`, { headers: accounts.headers('viewer') })).status).toBe(200);
    // the tenth failure is a failed login
    expect((await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'nope' }) })).status).toBe(401);
    clock.now += 20_000;
    const limited = await fetch(`${base}/api/v1/devices`, { headers: accounts.headers('viewer') });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(30);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(40);
    expect((await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: accounts.tokens.viewer }) })).status).toBe(429);
    // the probes are not behind authentication
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    clock.now += 40_000;
    expect((await fetch(`${base}/api/v1/devices`, { headers: accounts.headers('viewer') })).status).toBe(200);
  });
});
