/**
 * The console's frame over HTTP with real accounts: an anonymous page redirects to the login, a
 * wrong token is refused, the login sets the session cookie and comes back; every answer carries
 * the strict Content-Security-Policy; the console's files are served from the package; the
 * language switch sticks and only ever goes back to this server; roles are checked on pages and
 * again on actions; a form without its CSRF token is refused; device text is escaped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiDeps } from '../../src/api/app.js';
import { CONSOLE_CSP, type ConsoleParts } from '../../src/console/app.js';
import { html } from '../../src/console/html.js';
import { csrfField } from '../../src/console/layout.js';
import { consoleParts } from '../../src/console/pages/index.js';
import { csrfIn, serveConsole, type ServedConsole, consoleDeps } from '../support/console.js';
import type { TestAuthOptions } from '../support/auth.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const HOSTILE = '<script>alert("x")</script>';
const NOW = Date.UTC(2026, 11, 4, 12);

const deps: ApiDeps = consoleDeps(inventoryFromObject({ sites: [{ id: 's1', class: 'PC-AGG' }], devices: [{ id: 'd1', site: 's1', role: 'edge' }] }), { now: () => NOW });

/** The shipped pages plus a work page with a form and an action that records what it was given. */
function testParts(done: string[]): ConsoleParts {
  const shipped = consoleParts();
  return {
    pages: [
      ...shipped.pages,
      {
        path: '/test-work',
        access: 'work',
        nav: { label: { zh: '测试', en: 'Test' }, order: 999 },
        render: (ctx) => ({ title: { zh: '测试页', en: 'Test page' }, body: html`<p class="device">${HOSTILE}</p><p class="time">${ctx.time(NOW)}</p><form method="post" action="/test-work/act">${csrfField(ctx)}<button>go</button></form>` }),
      },
    ],
    actions: [
      ...shipped.actions,
      { path: '/test-work/act', access: 'work', handle: (ctx, form) => { done.push(`${ctx.principal.name}:${form.get('what') ?? ''}`); return { redirect: '/test-work?done=1' }; } },
    ],
  };
}

let served: ServedConsole | null = null;
afterEach(async () => { await served?.close(); served = null; });

async function serve(done: string[] = [], auth?: TestAuthOptions): Promise<ServedConsole> {
  served = await serveConsole(deps, { parts: testParts(done), auth: { now: () => NOW, ...auth } });
  return served;
}

describe('login', () => {
  it('sends an anonymous page to the login form and back after it', async () => {
    const c = await serve();
    const res = await fetch(`${c.base}/test-work?x=1`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Ftest-work%3Fx%3D1');
    const form = await fetch(`${c.base}/login?next=%2Ftest-work%3Fx%3D1`);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    const page = await form.text();
    expect(page).toContain('name="next" value="/test-work?x=1"');
    expect(page).toContain('<html lang="zh-CN">');
    const login = await fetch(`${c.base}/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: c.base },
      body: new URLSearchParams({ token: c.accounts.tokens.operator, next: '/test-work?x=1' }).toString(),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/test-work?x=1');
    expect(login.headers.get('set-cookie')).toMatch(/^redline_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
  });

  it('refuses a wrong token with 401 and says so, without echoing it', async () => {
    const c = await serve();
    const res = await fetch(`${c.base}/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'rl_not-a-token-secret', next: '/' }).toString(),
    });
    expect(res.status).toBe(401);
    const page = await res.text();
    expect(page).toContain('登录被拒绝');
    expect(page).not.toContain('rl_not-a-token-secret');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a login posted from another site', async () => {
    const c = await serve();
    const res = await fetch(`${c.base}/login`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ token: c.accounts.tokens.admin }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('never sends a login anywhere but this server', async () => {
    const c = await serve();
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const res = await fetch(`${c.base}/login`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: c.accounts.tokens.viewer, next }).toString(),
      });
      expect(res.headers.get('location')).toBe('/');
    }
  });

  it('logs out with the CSRF token, and the cookie no longer works', async () => {
    const c = await serve();
    const s = await c.login('viewer');
    expect((await s.get('/account')).status).toBe(200);
    const out = await s.post('/logout', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login?out=1');
    const after = await s.get('/account');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login\?next=%2Faccount/);
  });
});

describe('pages', () => {
  it('shows the account of the logged-in role, its expiry in the operator\'s zone, and what it may do', async () => {
    const c = await serve();
    const s = await c.login('inspector');
    const page = await (await s.get('/account')).text();
    expect(page).toContain('test-inspector');
    expect(page).toContain('检查员');
    expect(page).toContain('2026-12-05 08:00（Asia/Shanghai 时间）');
    expect(page).toContain('查看审计日志并导出报告');
    expect(page).toContain('不能修改任何内容');
    expect(csrfIn(page)).not.toBeNull();
  });

  it('escapes device text, shows times with the zone named, and sends the CSP on every answer', async () => {
    const c = await serve();
    const s = await c.login('operator');
    const res = await s.get('/test-work');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
    const page = await res.text();
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain('2026-12-04 20:00（Asia/Shanghai 时间）');
    // no inline script and no inline style anywhere in the frame
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\sstyle=/);
  });

  it('refuses a page to a role without access and hides it from the navigation', async () => {
    const c = await serve();
    const viewer = await c.login('viewer');
    const res = await viewer.get('/test-work');
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('运维员');
    expect(page).not.toContain('href="/test-work"');
    const operator = await c.login('operator');
    expect(await (await operator.get('/account')).text()).toContain('href="/test-work"');
  });

  it('accepts a bearer token as the API does', async () => {
    const c = await serve();
    const res = await fetch(`${c.base}/account`, { headers: c.accounts.headers('admin') });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('test-admin');
  });

  it('with authentication off, anyone is an administrator and the frame says so', async () => {
    const c = await serve([], { settings: { enabled: false } });
    const page = await (await fetch(`${c.base}/test-work`)).text();
    expect(page).toContain('未启用身份认证');
  });
});

describe('actions', () => {
  it('runs an action with the session\'s CSRF token and answers 303 to a page', async () => {
    const done: string[] = [];
    const c = await serve(done);
    const s = await c.login('operator');
    const res = await s.post('/test-work/act', { what: 'ack' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/test-work?done=1');
    expect(done).toEqual(['test-operator:ack']);
  });

  it('refuses an action without the CSRF token, with a wrong one, or from another site', async () => {
    const done: string[] = [];
    const c = await serve(done);
    const s = await c.login('operator');
    expect((await s.post('/test-work/act', { what: 'x' }, { csrf: null })).status).toBe(403);
    expect((await s.post('/test-work/act', { what: 'x' }, { csrf: 'wrong' })).status).toBe(403);
    const cross = await fetch(`${c.base}/test-work/act`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: s.cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: await s.csrf(), what: 'x' }).toString(),
    });
    expect(cross.status).toBe(403);
    expect(done).toEqual([]);
  });

  it('checks the role again on the action, whatever the page showed', async () => {
    const done: string[] = [];
    const c = await serve(done);
    const inspector = await c.login('inspector');
    const res = await inspector.post('/test-work/act', { what: 'x' });
    expect(res.status).toBe(403);
    expect(done).toEqual([]);
  });
});

describe('language and files', () => {
  it('switches to English and back, keeps the choice in a cookie, and returns only to local paths', async () => {
    const c = await serve();
    const s = await c.login('viewer');
    const sw = await fetch(`${c.base}/lang/en?next=%2Faccount`, { redirect: 'manual' });
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/account');
    const cookie = /redline_lang=[^;]+/.exec(sw.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBe('redline_lang=en');
    const page = await (await s.get('/account', { cookie: `${s.cookie}; ${cookie!}` })).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('My account');
    expect(page).toContain('2026-12-05 08:00 (Asia/Shanghai)');
    const evil = await fetch(`${c.base}/lang/zh-CN?next=%2F%2Fevil.example`, { redirect: 'manual' });
    expect(evil.headers.get('location')).toBe('/');
    const unknown = await fetch(`${c.base}/lang/fr?next=%2Faccount`, { redirect: 'manual' });
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('serves its own stylesheet and script, and nothing it does not list', async () => {
    const c = await serve();
    const css = await fetch(`${c.base}/assets/console.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const js = await fetch(`${c.base}/assets/console.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    for (const bad of ['../package.json', '..%2Fpackage.json', 'app.ts', 'nope.js']) {
      expect((await fetch(`${c.base}/assets/${bad}`)).status).toBe(404);
    }
  });
});
