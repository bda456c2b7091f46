/**
 * The on-call console page `/alerting` over HTTP with real accounts (a session per role through the
 * login form) and a real SQLite ledger file: an operator books a window, creates and expires a
 * silence, adds and cancels a roster override through the forms; an admin sends a test
 * notification; each write is audited exactly as through the API with the logged-in principal as
 * actor; inspectors and viewers see no write control and a forged POST is refused (403) with no
 * audit record; a POST without the CSRF token is refused; hostile reasons and comments come out
 * escaped; secret values never appear.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlertingApi, type AlertingApiHarness } from '../support/alerting-api.js';
import { loginAs } from '../support/console.js';

const T0 = Date.parse('2026-12-07T02:00:00Z'); // Monday 10:00 in Shanghai
const SECRET_VALUE = 'hook-secret-value-never-shown-console';
const ALERTING = {
  receivers: [
    { name: 'noc', type: 'webhook', secrets: { secret: { env: 'REDLINE_TEST_CONSOLE_ALERTING_HOOK' } }, options: { url: 'http://127.0.0.1:9/hook?token=abc' } },
    { name: 'amy', type: 'slack', secrets: { url: { file: '/etc/redline/amy.url' } } },
    { name: 'bob', type: 'webhook', options: { url: 'http://127.0.0.1:9/bob' } },
  ],
  route: { receivers: ['noc'] },
  rosters: [{ name: 'duty', slots: [{ from: '08:00', to: '20:00', tiers: [['amy'], ['noc']] }, { from: '20:00', to: '08:00', tiers: [['bob'], ['noc']] }] }],
  windows: [{ id: 'cfg-weekly', mode: 'skip', scope: { class: ['PC-ACC'] }, schedule: { every: 'weekly', days: ['sun'], at: '02:00', durationMinutes: 120 } }],
};
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '</script><script>alert(2)</script>', '\u202Egnp.exe'];

let h: AlertingApiHarness;
beforeEach(async () => {
  process.env['REDLINE_TEST_CONSOLE_ALERTING_HOOK'] = SECRET_VALUE;
  h = await startAlertingApi({ now: T0, alerting: ALERTING, devices: [{ id: 'cr1', site: 'sh-core', class: 'PC-CORE' }] });
});
afterEach(async () => {
  await h.close();
  delete process.env['REDLINE_TEST_CONSOLE_ALERTING_HOOK'];
});

const session = (role: 'viewer' | 'operator' | 'inspector' | 'admin') => loginAs(h.base, h.accounts.tokens[role]);
const audit = async () => (await h.store.audit({ limit: 1000 })).map((r) => ({ action: r.action, actor: r.actor, target: r.target }));

describe('/alerting console page', () => {
  it('an operator books a window through the form, ends it early; each write audited as the logged-in principal', async () => {
    const op = await session('operator');
    const page = await (await op.get('/alerting')).text();
    expect(page).toContain('action="/alerting/windows"');
    expect(page).toContain('cfg-weekly');
    const booked = await op.post('/alerting/windows', { id: 'cut-1', mode: 'mute', site: 'sh-core', every: 'once', start: '2026-12-07T09:30', end: '2026-12-07T12:00', reason: 'PSU swap', operationPlanRef: 'OP-1' });
    expect(booked.status).toBe(303);
    expect(booked.headers.get('location')).toBe('/alerting?done=1');
    const w = await h.bookings.get('window', 'cut-1');
    expect(w?.scope.site).toEqual(['sh-core']);
    expect(w?.createdBy).toBe('test-operator');
    const after = await (await op.get('/alerting?state=active')).text();
    expect(after).toContain('cut-1');
    expect(after).not.toContain('cfg-weekly');
    expect((await op.post('/alerting/windows/cut-1/end', { version: '1' })).status).toBe(303);
    expect((await h.bookings.get('window', 'cut-1'))?.closedHow).toBe('ended');
    const actions = (await audit()).filter((a) => a.target === 'window:cut-1');
    expect(actions.map((a) => a.action)).toEqual(['window.create', 'window.end']);
    expect(actions.map((a) => a.actor)).toEqual(['test-operator', 'test-operator']);
  });

  it('a refused form names every bad field and writes nothing; a stale version is 409', async () => {
    const op = await session('operator');
    const bad = await op.post('/alerting/windows', { id: 'x y', every: 'once', start: 'tomorrow', end: '' });
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain('id');
    expect(text).toContain('schedule.start');
    expect(text).toContain('schedule.end');
    const past = await op.post('/alerting/windows', { every: 'once', start: '2026-12-01T09:30', end: '2026-12-01T10:00' });
    expect(past.status).toBe(422);
    await op.post('/alerting/windows', { id: 'later', every: 'daily', at: '01:00', durationMinutes: '60' });
    expect((await op.post('/alerting/windows/later/cancel', { version: '7' })).status).toBe(409);
    expect((await audit()).map((a) => a.action)).toEqual(['window.create']);
  });

  it('silences and roster overrides through the forms, audited; an admin sends a test notification', async () => {
    const op = await session('operator');
    expect((await op.post('/alerting/silences', { matchers: 'site=sh-core\nrule=~PWR-.*', minutes: '90', comment: 'PSU swap' })).status).toBe(303);
    const [s] = await h.bookings.list('silence');
    expect(s?.matchers).toEqual([{ name: 'site', op: '=', value: 'sh-core' }, { name: 'rule', op: '=~', value: 'PWR-.*' }]);
    expect(s?.endsAt).toBe(T0 + 90 * 60_000);
    expect((await op.post(`/alerting/silences/${s?.id ?? ''}/expire`, { version: '1' })).status).toBe(303);
    expect((await op.post('/alerting/silences', { matchers: 'rule=~(', minutes: '10', comment: 'bad' })).status).toBe(422);
    expect((await op.post('/alerting/rosters/duty/overrides', { replaces: 'amy', by: 'bob', from: '2026-12-07T12:00', to: '2026-12-07T18:00', reason: 'doctor' })).status).toBe(303);
    const [o] = await h.bookings.list('rosterOverride');
    expect(o?.from).toBe(Date.parse('2026-12-07T04:00:00Z')); // 12:00 in Shanghai
    const rosters = await (await op.get('/alerting')).text();
    expect(rosters).toContain('bob ⇄ amy');
    expect((await op.post(`/alerting/rosters/duty/overrides/${o?.id ?? ''}/cancel`, { version: '1' })).status).toBe(303);
    expect((await op.post('/alerting/rosters/duty/overrides', { replaces: 'zed', by: 'nobody', from: '2026-12-07T12:00', to: '2026-12-07T11:00' })).status).toBe(422);
    expect((await op.post('/alerting/receivers/noc/test', {})).status).toBe(403);
    const admin = await session('admin');
    expect(await (await admin.get('/alerting')).text()).toContain('action="/alerting/receivers/noc/test"');
    expect((await admin.post('/alerting/receivers/noc/test', {})).status).toBe(303);
    expect((await audit()).map((a) => a.action)).toEqual(['silence.create', 'silence.expire', 'rosterOverride.create', 'rosterOverride.cancel', 'receiver.test']);
  });

  it('inspectors and viewers see no write control; forged POSTs are refused (403) and leave no audit record; no CSRF token is refused', async () => {
    for (const role of ['inspector', 'viewer'] as const) {
      const s = await session(role);
      const page = await (await s.get('/alerting')).text();
      expect(page).toContain('cfg-weekly');
      expect(page).not.toMatch(/method="post" action="\/alerting/);
      expect((await s.post('/alerting/windows', { every: 'daily', at: '01:00', durationMinutes: '60' })).status).toBe(403);
      expect((await s.post('/alerting/silences', { matchers: 'site=x', minutes: '10', comment: 'c' })).status).toBe(403);
      expect((await s.post('/alerting/receivers/noc/test', {})).status).toBe(403);
    }
    const op = await session('operator');
    expect((await op.post('/alerting/windows', { every: 'daily', at: '01:00', durationMinutes: '60' }, { csrf: null })).status).toBe(403);
    expect(await audit()).toEqual([]);
  });

  it('hostile reasons, comments and matcher values come out escaped; secret values never appear', async () => {
    const op = await session('operator');
    for (const [i, bad] of HOSTILE.entries()) {
      expect((await op.post('/alerting/windows', { id: `x-${i}`, every: 'daily', at: '01:00', durationMinutes: '60', reason: bad, site: bad })).status).toBe(303);
      expect((await op.post('/alerting/silences', { matchers: `site=${bad}`, minutes: '10', comment: bad })).status).toBe(303);
    }
    const page = await (await op.get('/alerting')).text();
    expect(page).not.toMatch(/<script>alert|<img src=x|<\/script><script>/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('\u202E');
    expect(page).not.toContain(SECRET_VALUE);
    expect(page).not.toContain('token=abc');
    expect(page).toContain('REDLINE_TEST_CONSOLE_ALERTING_HOOK');
  });

  it('a long list of windows is paged (50 a page), never rendered whole', async () => {
    const op = await session('operator');
    for (let i = 0; i < 60; i++) {
      expect((await op.post('/alerting/windows', { id: `w-${String(i).padStart(2, '0')}`, every: 'daily', at: '01:00', durationMinutes: '30' })).status).toBe(303);
    }
    const first = await (await op.get('/alerting')).text();
    expect(first.match(/<code>w-\d\d<\/code>/g)?.length).toBe(49); // cfg-weekly is the first row
    expect(first).toContain('wo=50');
    const second = await (await op.get('/alerting?wo=50')).text();
    expect(second.match(/<code>w-\d\d<\/code>/g)?.length).toBe(11);
  });

  it('reads in English with no Chinese label left', async () => {
    const v = await session('viewer');
    const page = await (await v.get('/alerting', { cookie: `${v.cookie}; redline_lang=en` })).text();
    expect(page).toContain('Maintenance windows');
    const visible = page.replace(/<[^>]+>/g, ' ').replace(/中文|切换到中文/g, '');
    expect(visible).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
