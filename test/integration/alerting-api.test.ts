/**
 * The alerting API over HTTP with real accounts (a token per role), a real SQLite ledger file and
 * an injected clock: booked windows, silences, roster overrides, receivers and the test
 * notification, each write audited; and the signed acknowledgement link's pages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ackLinkMaker } from '../../src/alerting/ack-link.js';
import type { Notification } from '../../src/alerting/types.js';
import type { Role } from '../../src/auth/types.js';
import { startAlertingApi, type AlertingApiHarness } from '../support/alerting-api.js';
import { call, hazardFixture } from '../support/ledger-api.js';

const T0 = Date.parse('2026-12-07T02:00:00Z'); // Monday 10:00 in Shanghai
const MIN = 60_000;
const SECRET_VALUE = 'hook-secret-value-never-shown';

const ALERTING = {
  consoleUrl: 'http://redline.test/',
  receivers: [
    { name: 'noc', type: 'webhook', secrets: { secret: { env: 'REDLINE_TEST_ALERTING_API_HOOK' } }, options: { url: 'http://127.0.0.1:9/hook?token=abc' } },
    { name: 'amy', type: 'slack', secrets: { url: { file: '/etc/redline/amy.url' } } },
    { name: 'bob', type: 'webhook', options: { url: 'http://127.0.0.1:9/bob' } },
  ],
  route: { receivers: ['noc'] },
  rosters: [{ name: 'duty', slots: [{ from: '08:00', to: '20:00', tiers: [['amy'], ['noc']] }, { from: '20:00', to: '08:00', tiers: [['bob'], ['noc']] }] }],
  windows: [{ id: 'cfg-weekly', mode: 'skip', scope: { class: ['PC-ACC'] }, schedule: { every: 'weekly', days: ['sun'], at: '02:00', durationMinutes: 120 } }],
};

let h: AlertingApiHarness;
beforeEach(async () => {
  process.env['REDLINE_TEST_ALERTING_API_HOOK'] = SECRET_VALUE;
  h = await startAlertingApi({ now: T0, alerting: ALERTING, devices: [{ id: 'cr1', site: 'sh-core', class: 'PC-CORE' }, { id: 'acc1', site: 'sh-east', class: 'PC-ACC' }] });
});
afterEach(async () => {
  await h.close();
  delete process.env['REDLINE_TEST_ALERTING_API_HOOK'];
});

const as = (role: Role) => h.accounts.headers(role);
const req = <T = Record<string, unknown>>(role: Role, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => call<T>(h.base, method, path, body, { ...as(role), ...headers });
const auditActions = async () => (await h.store.audit({ limit: 1000 })).map((r) => [r.action, r.actor, r.target]);
const once = (start: string, end: string) => ({ every: 'once', start, end });

describe('maintenance windows booked through the API', () => {
  it('an operator books, edits at the version read, ends early; each write audited with before and after', async () => {
    const created = await req('operator', 'POST', '/api/v1/alerting/windows', { id: 'cut-9', mode: 'mute', scope: { site: ['sh-core'] }, schedule: once('2026-12-07T09:00', '2026-12-07T12:00'), operationPlanRef: 'OP-9' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/alerting/windows/cut-9');
    expect(created.body).toMatchObject({ id: 'cut-9', source: 'api', state: 'active', version: 1, createdBy: 'test-operator', warnings: [], timeZone: 'Asia/Shanghai' });
    expect((created.body['current'] as { local: string }).local).toBe('2026-12-07 09:00:00 Asia/Shanghai – 2026-12-07 12:00:00 Asia/Shanghai');

    const stale = await req('operator', 'PATCH', '/api/v1/alerting/windows/cut-9', { version: 2, mode: 'skip' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'conflict', currentVersion: 1 } });
    const edited = await req('admin', 'PATCH', '/api/v1/alerting/windows/cut-9', { mode: 'skip', reason: 'longer work' }, { 'if-match': '"1"' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ mode: 'skip', reason: 'longer work', version: 2, updatedBy: 'test-admin' });
    expect(edited.headers.get('etag')).toBe('"2"');

    h.setNow(T0 + 30 * MIN);
    const ended = await req('operator', 'POST', '/api/v1/alerting/windows/cut-9/end', { version: 2 });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ state: 'past', closedHow: 'ended', closedAt: new Date(T0 + 30 * MIN).toISOString(), closedBy: 'test-operator' });
    const again = await req('operator', 'POST', '/api/v1/alerting/windows/cut-9/end', { version: 3 });
    expect(again.status).toBe(422);

    const trail = await h.store.audit({ limit: 100 });
    expect(trail.map((r) => [r.action, r.actor])).toEqual([['window.create', 'test-operator'], ['window.update', 'test-admin'], ['window.end', 'test-operator']]);
    expect(trail[1]).toMatchObject({ before: { mode: 'mute', version: 1 }, after: { mode: 'skip', version: 2 } });
  });

  it('lists configured and booked windows with filters; a configured one is changed in the file, not here', async () => {
    await req('operator', 'POST', '/api/v1/alerting/windows', { id: 'later', scope: { site: ['sh-east'] }, schedule: once('2026-12-09T01:00', '2026-12-09T03:00') });
    await req('operator', 'POST', '/api/v1/alerting/windows', { id: 'now', scope: { device: ['acc1'] }, schedule: once('2026-12-07T09:30', '2026-12-07T10:30') });
    const all = await req<{ items: { id: string; source: string; state: string }[] }>('viewer', 'GET', '/api/v1/alerting/windows');
    expect(all.body.items.map((w) => [w.id, w.source, w.state])).toEqual([['cfg-weekly', 'config', 'upcoming'], ['later', 'api', 'upcoming'], ['now', 'api', 'active']]);
    const active = await req<{ items: { id: string }[] }>('inspector', 'GET', '/api/v1/alerting/windows?state=active');
    expect(active.body.items.map((w) => w.id)).toEqual(['now']);
    const east = await req<{ items: { id: string }[] }>('viewer', 'GET', '/api/v1/alerting/windows?site=sh-east&source=api');
    expect(east.body.items.map((w) => w.id)).toEqual(['later', 'now']);
    expect((await req('viewer', 'GET', '/api/v1/alerting/windows?state=soon')).status).toBe(400);
    expect((await req('operator', 'PATCH', '/api/v1/alerting/windows/cfg-weekly', { version: 1, mode: 'mute' })).status).toBe(409);
    expect((await req('operator', 'POST', '/api/v1/alerting/windows', { id: 'cfg-weekly', scope: {}, schedule: once('2026-12-09T01:00', '2026-12-09T03:00') })).status).toBe(409);
    // cancelled before it begins
    const cancelled = await req('operator', 'DELETE', '/api/v1/alerting/windows/later?version=1');
    expect(cancelled.body).toMatchObject({ closedHow: 'cancelled', state: 'past' });
  });

  it('warns about a PC-CORE window without an operation plan, and refuses bad input naming every field', async () => {
    const noPlan = await req('operator', 'POST', '/api/v1/alerting/windows', { scope: { class: ['PC-CORE'] }, schedule: once('2026-12-08T01:00', '2026-12-08T02:00') });
    expect(noPlan.status).toBe(201);
    expect(String((noPlan.body['warnings'] as string[])[0])).toMatch(/PC-CORE.*operation plan/);
    expect(String(noPlan.body['id'])).toMatch(/^mw-[0-9a-f]{8}$/);
    const bad = await req('operator', 'POST', '/api/v1/alerting/windows', { mode: 'sleep', scope: { class: ['PC-X'] }, schedule: { every: 'once', start: 'tomorrow' } });
    expect(bad.status).toBe(422);
    const msg = (bad.body['error'] as { message: string }).message;
    for (const path of ['body.mode', 'body.scope.class[0]', 'body.schedule.start', 'body.schedule.end']) expect(msg).toContain(path);
    const backwards = await req('operator', 'POST', '/api/v1/alerting/windows', { scope: {}, schedule: once('2026-12-08T02:00', '2026-12-08T01:00') });
    expect(backwards.status).toBe(422);
    const past = await req('operator', 'POST', '/api/v1/alerting/windows', { scope: {}, schedule: once('2026-12-01T02:00', '2026-12-01T03:00') });
    expect((past.body['error'] as { message: string }).message).toContain('over already');
  });

  it('inspectors and viewers write nothing (403), and a refused write leaves no audit record', async () => {
    for (const role of ['inspector', 'viewer'] as const) {
      expect((await req(role, 'POST', '/api/v1/alerting/windows', { scope: {}, schedule: once('2026-12-08T01:00', '2026-12-08T02:00') })).status).toBe(403);
      expect((await req(role, 'POST', '/api/v1/alerting/silences', { matchers: [{ name: 'site', value: 'x' }], endsAt: '2026-12-08T00:00:00Z', comment: 'c' })).status).toBe(403);
      expect((await req(role, 'POST', '/api/v1/alerting/receivers/noc/test')).status).toBe(403);
    }
    expect((await req('operator', 'POST', '/api/v1/alerting/receivers/noc/test')).status).toBe(403);
    expect(await auditActions()).toEqual([]);
  });
});

describe('silences', () => {
  it('are created with matchers and a comment, listed by state, expired by hand at the version read', async () => {
    const made = await req('operator', 'POST', '/api/v1/alerting/silences', { matchers: [{ name: 'site', value: 'sh-core' }, { name: 'rule', op: '=~', value: 'PWR-.*' }], endsAt: '2026-12-07T04:00:00Z', comment: 'PSU swap' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ state: 'active', createdBy: 'test-operator', comment: 'PSU swap', startsAt: new Date(T0).toISOString(), local: { endsAt: '2026-12-07 12:00:00 Asia/Shanghai' } });
    const id = String(made.body['id']);
    expect((await req<{ total: number }>('viewer', 'GET', '/api/v1/alerting/silences?state=active')).body.total).toBe(1);
    expect((await req('operator', 'DELETE', `/api/v1/alerting/silences/${id}`, { version: 9 })).status).toBe(409);
    const expired = await req('operator', 'DELETE', `/api/v1/alerting/silences/${id}`, { version: 1 });
    expect(expired.body).toMatchObject({ state: 'expired', closedHow: 'expired' });
    expect((await req<{ total: number }>('viewer', 'GET', '/api/v1/alerting/silences?state=active')).body.total).toBe(0);
    expect((await auditActions()).map((a) => a[0])).toEqual(['silence.create', 'silence.expire']);
    // one that ended on its own reads as expired
    await req('operator', 'POST', '/api/v1/alerting/silences', { matchers: [{ name: 'site', value: 'x' }], endsAt: '2026-12-07T03:00:00Z', comment: 'short' });
    h.setNow(Date.parse('2026-12-07T03:00:00Z'));
    expect((await req<{ total: number }>('viewer', 'GET', '/api/v1/alerting/silences?state=expired')).body.total).toBe(2);
  });

  it('refuse a bad regex, an end in the past, no matcher', async () => {
    const bad = await req('operator', 'POST', '/api/v1/alerting/silences', { matchers: [{ name: 'rule', op: '=~', value: '(' }], endsAt: '2026-12-07T01:00:00Z', comment: '' });
    expect(bad.status).toBe(422);
    const msg = (bad.body['error'] as { message: string }).message;
    expect(msg).toContain('body.matchers[0].value');
    expect(msg).toContain('body.comment');
    const past = await req('operator', 'POST', '/api/v1/alerting/silences', { matchers: [{ name: 'site', value: 'x' }], endsAt: '2026-12-07T01:00:00Z', comment: 'c' });
    expect(past.status).toBe(422);
    expect((await req('operator', 'POST', '/api/v1/alerting/silences', { matchers: [], endsAt: '2026-12-08T01:00:00Z', comment: 'c' })).status).toBe(422);
  });
});

describe('rosters', () => {
  it('shows who is on duty now and for 7 days in the operator zone, and applies an override at once', async () => {
    const before = await req<{ timeZone: string; items: { name: string; now: string[][]; timeline: { from: string; tiers: string[][]; local: { from: string } }[] }[] }>('viewer', 'GET', '/api/v1/alerting/rosters');
    expect(before.body.timeZone).toBe('Asia/Shanghai');
    const duty = before.body.items[0]!;
    expect(duty.now).toEqual([['amy'], ['noc']]);
    expect(duty.timeline.slice(0, 3).map((s) => [s.local.from, s.tiers[0]!.join()])).toEqual([
      ['2026-12-07 10:00:00 Asia/Shanghai', 'amy'], ['2026-12-07 20:00:00 Asia/Shanghai', 'bob'], ['2026-12-08 08:00:00 Asia/Shanghai', 'amy'],
    ]);
    expect(duty.timeline).toHaveLength(15);

    const bad = await req('operator', 'POST', '/api/v1/alerting/rosters/duty/overrides', { replaces: 'zed', by: 'nobody', from: '2026-12-07T01:00:00Z', to: '2026-12-07T00:00:00Z' });
    expect(bad.status).toBe(422);
    expect((bad.body['error'] as { message: string }).message).toMatch(/body\.replaces.*body\.by.*body\.to/);
    expect((await req('operator', 'POST', '/api/v1/alerting/rosters/none/overrides', { replaces: 'amy', by: 'bob', from: '2026-12-07T01:00:00Z', to: '2026-12-07T05:00:00Z' })).status).toBe(404);

    const swap = await req('operator', 'POST', '/api/v1/alerting/rosters/duty/overrides', { replaces: 'amy', by: 'bob', from: '2026-12-07T01:00:00Z', to: '2026-12-07T05:00:00Z', reason: 'amy is sick' });
    expect(swap.status).toBe(201);
    const after = await req<{ items: { now: string[][]; overrides: { id: string; state: string }[] }[] }>('viewer', 'GET', '/api/v1/alerting/rosters');
    expect(after.body.items[0]!.now).toEqual([['bob'], ['noc']]);
    expect(after.body.items[0]!.overrides.map((o) => o.state)).toEqual(['active']);
    const cancel = await req('operator', 'DELETE', `/api/v1/alerting/rosters/duty/overrides/${String(swap.body['id'])}`, { version: 1 });
    expect(cancel.body).toMatchObject({ state: 'cancelled' });
    expect((await req<{ items: { now: string[][] }[] }>('viewer', 'GET', '/api/v1/alerting/rosters')).body.items[0]!.now).toEqual([['amy'], ['noc']]);
    expect((await auditActions()).map((a) => a[0])).toEqual(['rosterOverride.create', 'rosterOverride.cancel']);
  });
});

describe('receivers', () => {
  it('lists secrets as references only and delivery health from the outbox; an admin sends a test through the outbox', async () => {
    const sent = await req('admin', 'POST', '/api/v1/alerting/receivers/noc/test');
    expect(sent.status).toBe(202);
    const id = String(sent.body['deliveryId']);
    const row = h.store.db.prepare('SELECT receiver, state, notification FROM alert_outbox WHERE delivery_id = ?').get(id) as { receiver: string; state: string; notification: string };
    expect(row).toMatchObject({ receiver: 'noc', state: 'pending' });
    expect((JSON.parse(row.notification) as Notification).alerts[0]!.labels.alertname).toBe('RedlineTestNotification');
    expect(await auditActions()).toEqual([['receiver.test', 'test-admin', 'receiver:noc']]);
    expect((await req('admin', 'POST', '/api/v1/alerting/receivers/ghost/test')).status).toBe(404);

    const list = await req<{ items: Record<string, unknown>[] }>('inspector', 'GET', '/api/v1/alerting/receivers');
    expect(list.text).not.toContain(SECRET_VALUE);
    expect(list.text).not.toContain('token=abc');
    expect(list.body.items.map((r) => [r['name'], r['type'], r['secrets']])).toEqual([
      ['noc', 'webhook', [{ name: 'secret', env: 'REDLINE_TEST_ALERTING_API_HOOK' }]],
      ['amy', 'slack', [{ name: 'url', file: '/etc/redline/amy.url' }]],
      ['bob', 'webhook', []],
    ]);
    expect(list.body.items[0]!['delivery']).toMatchObject({ pending: 1, dead: 0, lastDeliveredAt: null });
    expect(list.body.items[0]!['options']).toEqual(['url']);
  });
});

describe('the signed acknowledgement link', () => {
  const HZ = 'NODE-001:device:cr1:2026-12-07T01:00:00.000Z';
  const link = (hazardId = HZ, over: Partial<Notification> = {}): string => {
    const n: Notification = { deliveryId: 'd-1', receiver: 'amy', groupKey: 'g', groupLabels: {}, status: 'firing', alerts: [], at: T0, reason: 'new', tier: 0, ...over };
    return ackLinkMaker(h.ackKey, 'http://redline.test/', 24 * 3_600_000)(hazardId, n).replace('http://redline.test', '');
  };
  const file = async () => h.store.createHazard(hazardFixture({ id: HZ }, T0 - 60 * MIN), { at: T0, actor: 'daemon', action: 'hazard.open', target: `hazard:${HZ}`, before: null, after: null });
  const form = (fields: Record<string, string>) => new TextEncoder().encode(new URLSearchParams(fields).toString());
  const post = (path: string, fields: Record<string, string>) => call(h.base, 'POST', path, form(fields), { 'content-type': 'application/x-www-form-urlencoded' });

  it('GET shows a bilingual confirmation page with no script and changes nothing', async () => {
    await file();
    const auditBefore = await auditActions();
    for (let i = 0; i < 3; i++) {
      const page = await call(h.base, 'GET', link());
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.text).toContain('确认隐患');
      expect(page.text).toContain('Acknowledge the hazard');
      expect(page.text).toContain('<form method="post"');
      expect(page.text).not.toMatch(/<script|\son\w+=|style=/i);
    }
    expect((await h.store.hazard(HZ))).toMatchObject({ status: 'open', version: 1 });
    expect(await auditActions()).toEqual(auditBefore);
  });

  it('POST acknowledges as the receiver named by the link, through the ledger, audited; the link then works no more', async () => {
    await file();
    const missing = await post(link(), { ownerOrg: '', ownerPerson: '' });
    expect(missing.status).toBe(422);
    expect((await h.store.hazard(HZ))?.status).toBe('open');
    const done = await post(link(), { ownerOrg: '北京分公司网络部', ownerPerson: 'zhang.san' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('隐患已确认');
    expect(await h.store.hazard(HZ)).toMatchObject({ status: 'acknowledged', ownerPerson: 'zhang.san', ownerOrg: '北京分公司网络部' });
    const trail = await h.store.audit({ limit: 100 });
    expect(trail.at(-1)).toMatchObject({ action: 'hazard.acknowledge', actor: 'ack-link:amy', target: `hazard:${HZ}` });
    const replay = await post(link(), { ownerOrg: 'x', ownerPerson: 'y' });
    expect(replay.status).toBe(410);
    expect(replay.text).toContain('already');
    expect((await call(h.base, 'GET', link())).status).toBe(410);
    // another notification's link for the hazard: nothing left to acknowledge
    expect((await call(h.base, 'GET', link(HZ, { deliveryId: 'd-2' }))).status).toBe(409);
  });

  it('refuses an expired (410), tampered or foreign (403), or incomplete (400) link, changing nothing', async () => {
    await file();
    const good = link();
    h.setNow(T0 + 24 * 3_600_000);
    expect((await post(good, { ownerOrg: 'o', ownerPerson: 'p' })).status).toBe(410);
    h.setNow(T0);
    expect((await post(good.replace('by=amy', 'by=bob'), { ownerOrg: 'o', ownerPerson: 'p' })).status).toBe(403);
    const other = link('NODE-001:device:cr2:2026-12-07T01:00:00.000Z');
    expect((await post(`/ack/${encodeURIComponent(HZ)}?${other.split('?')[1]!}`, { ownerOrg: 'o', ownerPerson: 'p' })).status).toBe(403);
    expect((await call(h.base, 'GET', `/ack/${encodeURIComponent(HZ)}`)).status).toBe(400);
    expect((await h.store.hazard(HZ))).toMatchObject({ status: 'open', version: 1 });
  });
});
