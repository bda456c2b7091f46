/**
 * The console's hazard, accepted-risk and audit pages over HTTP, with real accounts and a real
 * SQLite ledger: the list's filters and paging, the detail's finding, evidence and history, each
 * action's effect and its audit record under the logged-in person's name, a stale version
 * answering 409, roles refused (the form hidden and the post refused), a post without its CSRF
 * token refused, and hostile text (subjects, explanations, evidence, comments, file names, links)
 * coming out escaped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiDeps } from '../../src/api/app.js';
import type { LedgerApi } from '../../src/api/ledger-port.js';
import { reconcile } from '../../src/ledger/reconcile.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY, type AuditEntry, type Hazard } from '../../src/ledger/types.js';
import { serveConsole, type ConsoleSession, type ServedConsole, consoleDeps } from '../support/console.js';
import { finding } from '../support/hazard-builders.js';
import { hazardFixture } from '../support/ledger-api.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4, 12);

/** Hostile strings as devices and people send them. */
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "'><svg onload=alert(3)>",
  '</script><script>alert(4)</script>',
  '{{constructor.constructor("alert(5)")()}}',
  'evil\u202Egnp.exe',
];

interface Harness {
  readonly c: ServedConsole;
  readonly store: SqliteLedgerStore;
  readonly ledger: LedgerApi;
  checkpoint: unknown;
}

let open: { c: ServedConsole; store: SqliteLedgerStore; dir: string } | null = null;
afterEach(async () => {
  if (open === null) return;
  await open.c.close();
  await open.store.close();
  rmSync(open.dir, { recursive: true, force: true });
  open = null;
});

async function harness(seed: (store: SqliteLedgerStore) => Promise<void> = () => Promise.resolve()): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-console-hazards-'));
  const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const h: Partial<Harness> & { checkpoint: unknown } = { checkpoint: null };
  const ledger: LedgerApi = {
    store,
    policy: () => DEFAULT_LEDGER_POLICY,
    timeZone: () => 'Asia/Shanghai',
    maxAttachmentKB: () => 512,
    now: () => NOW,
    latestCheckpoint: () => Promise.resolve(h.checkpoint),
    waiversChanged: () => undefined,
  };
  const deps: ApiDeps = consoleDeps(inventoryFromObject({ sites: [{ id: 'site-a', class: 'PC-CORE' }], devices: [{ id: 'd1', site: 'site-a', role: 'core' }] }), { now: () => NOW, ledger });
  await seed(store);
  const c = await serveConsole(deps, { auth: { now: () => NOW } });
  open = { c, store, dir };
  const out: Harness = Object.assign(h, { c, store, ledger });
  return out;
}

const audit = (id: string): AuditEntry => ({ at: NOW, actor: 'test', action: 'hazard.file', target: `hazard:${id}`, before: null, after: null });

/** A hazard a person filed (so it can be marked fixed by hand), open since two days ago. */
function filed(id: string, over: Partial<Hazard> = {}): Hazard {
  return hazardFixture({ id, fingerprint: null, rule: null, subject: null, findingState: null, lastMeasuredAt: null, foundByMethod: 'patrol', foundBy: 'li.wei', ...over }, NOW - 2 * DAY);
}

async function text(res: Response): Promise<string> {
  return res.text();
}

/** Posts a form and expects the 303 back to the hazard page. */
async function act(s: ConsoleSession, path: string, fields: Record<string, string>): Promise<void> {
  const res = await s.post(path, fields);
  if (res.status !== 303) throw new Error(`${path} answered ${res.status}: ${(await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600)}`);
}

describe('the hazard list', () => {
  it('filters by status, risk level, grade, overdue, site, class and owner, pages by 50, and offers the export to roles that may take it', async () => {
    const { c } = await harness(async (s) => {
      for (let i = 0; i < 60; i++) {
        await s.createHazard(hazardFixture({ id: `h-${String(i).padStart(2, '0')}`, colour: i % 2 === 0 ? 'red' : 'yellow', deadline: NOW + (i - 5) * DAY }, NOW - 10 * DAY), audit(`h-${i}`));
      }
      await s.createHazard(hazardFixture({ id: 'h-graded', grade: '重大隐患', status: 'acknowledged', ownerPerson: 'wang.fang', protectionClass: 'PC-AGG', location: { siteId: 'site-b', sites: ['site-b'] }, deadline: NOW + 30 * DAY }, NOW - DAY), audit('h-graded'));
      await s.createHazard(hazardFixture({ id: 'h-closed', status: 'closed', closedAt: NOW - DAY, colour: 'blue' }, NOW - 50 * DAY), audit('h-closed'));
    });
    const viewer = await c.login('viewer');
    const all = await text(await viewer.get('/hazards'));
    expect(all).toContain('符合条件的隐患: 62');
    expect(all.match(/<tr>\n<td class="mono"><a href="\/hazards\//g)).toHaveLength(50);
    expect(all).toContain('rel="next" href="/hazards?offset=50"');
    expect(all).not.toContain('/api/v1/hazards/export');
    // red first, then by deadline: h-00 (red, overdue by 5 days) leads
    expect(all.indexOf('h-00')).toBeLessThan(all.indexOf('h-01'));
    expect(all).toMatch(/class="overdue">[^<]*逾期 5 天/);
    const second = await text(await viewer.get('/hazards?offset=50'));
    expect(second.match(/<tr>\n<td class="mono"><a href="\/hazards\//g)).toHaveLength(12);
    expect(second).toContain('rel="prev" href="/hazards?offset=0"');

    const ids = async (q: string): Promise<string[]> => [...(await text(await viewer.get(`/hazards?${q}`))).matchAll(/<td class="mono"><a href="\/hazards\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(await ids('status=closed')).toEqual(['h-closed']);
    expect(await ids('grade=%E9%87%8D%E5%A4%A7%E9%9A%90%E6%82%A3')).toEqual(['h-graded']);
    expect((await ids('grade=none&colour=yellow')).length).toBe(30);
    expect(await ids('site=site-b')).toEqual(['h-graded']);
    expect(await ids('class=PC-AGG')).toEqual(['h-graded']);
    expect(await ids('owner=wang.fang')).toEqual(['h-graded']);
    expect((await ids('overdue=true')).length).toBe(5);
    // blank fields of the filter form are no filter
    expect(await text(await viewer.get('/hazards?status=&colour=&site=&overdue='))).toContain('符合条件的隐患: 62');
    const bad = await viewer.get('/hazards?colour=purple');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('筛选条件无效');

    const inspector = await c.login('inspector');
    const forInspector = await text(await inspector.get('/hazards?status=open'));
    expect(forInspector).toContain('href="/api/v1/hazards/export?status=open&amp;format=csv"');
    const exported = await inspector.get('/api/v1/hazards/export?status=closed&format=csv');
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain('h-closed');
  });

  it('answers the same grade filter through the API', async () => {
    const { c } = await harness(async (s) => {
      await s.createHazard(hazardFixture({ id: 'h-g', grade: '一般隐患' }, NOW), audit('h-g'));
      await s.createHazard(hazardFixture({ id: 'h-n' }, NOW), audit('h-n'));
    });
    const res = await fetch(`${c.base}/api/v1/hazards?grade=none`, { headers: { authorization: `Bearer ${c.accounts.tokens.viewer}` } });
    expect(((await res.json()) as { items: { id: string }[] }).items.map((h) => h.id)).toEqual(['h-n']);
  });
});

describe('the hazard page', () => {
  it('shows the finding behind a measured hazard with its evidence and explanation in both languages, and its history', async () => {
    const { c, store } = await harness(async (s) => {
      await s.applyPass({ at: NOW - DAY, policyHash: 'p1', findings: [finding({ explanation: { zh: 'cr1 只有一个电源模块', en: 'cr1 has a single PSU' }, evidence: [{ what: 'psu.count', value: 1, observedAt: new Date(NOW - DAY).toISOString() }] })] }, (st, p) => reconcile(st, p, DEFAULT_LEDGER_POLICY));
    });
    const [h] = (await store.hazards({ now: NOW, limit: 1, offset: 0 })).items;
    const operator = await c.login('operator');
    const page = await text(await operator.get(`/hazards/${encodeURIComponent(h!.id)}`));
    expect(page).toContain('cr1 只有一个电源模块');
    expect(page).toContain('cr1 has a single PSU');
    expect(page).toContain('psu.count');
    expect(page).toContain('2026-12-03 20:00（Asia/Shanghai 时间）');
    expect(page).toContain('href="/devices/cr1"');
    expect(page).toContain('操作人 daemon');
    // open: acknowledge, the plan, the grade; not verification (redline measures this one)
    expect(page).toContain(`action="/hazards/${encodeURIComponent(h!.id)}/acknowledge"`);
    expect(page).toContain('/grade"');
    expect(page).not.toContain('/fixed"');
    expect(page).not.toContain('/verify"');
    const en = await text(await operator.get(`/hazards/${encodeURIComponent(h!.id)}`, { cookie: `${operator.cookie}; redline_lang=en` }));
    expect(en).toContain('Work this hazard');
    expect(en).toContain('2026-12-03 20:00 (Asia/Shanghai)');
  });

  it('answers 404 for a hazard that does not exist', async () => {
    const { c } = await harness();
    const res = await (await c.login('viewer')).get('/hazards/nope');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('没有这个隐患');
  });

  it('walks a filed hazard from open to closed through the forms, each step audited under the person who did it', async () => {
    const { c, store } = await harness(async (s) => { await s.createHazard(filed('f-1'), audit('f-1')); });
    const operator = await c.login('operator');
    const v = async (): Promise<string> => String((await store.hazard('f-1'))!.version);
    await act(operator, '/hazards/f-1/acknowledge', { version: await v(), ownerOrg: '无线网络部', ownerPerson: '王工', note: '已知' });
    expect((await store.hazard('f-1'))!).toMatchObject({ status: 'acknowledged', ownerOrg: '无线网络部', ownerPerson: '王工' });
    await act(operator, '/hazards/f-1/assign', { version: await v(), ownerOrg: '无线网络部', ownerPerson: '李工', contractorOrg: '', contractorPerson: '' });
    expect((await store.hazard('f-1'))!.ownerPerson).toBe('李工');
    await act(operator, '/hazards/f-1/plan', { version: await v(), remediationPlan: '加装第二路电源', interimControls: '', deadline: '2026-12-20T18:00', deadlineReason: '等待备件到货，需要延期' });
    const planned = (await store.hazard('f-1'))!;
    expect(planned.remediationPlan).toBe('加装第二路电源');
    expect(planned.deadline).toBe(Date.parse('2026-12-20T18:00:00+08:00'));
    await act(operator, '/hazards/f-1/grade', { version: await v(), grade: '一般隐患' });
    await act(operator, '/hazards/f-1/rectify', { version: await v() });
    await act(operator, '/hazards/f-1/fixed', { version: await v(), note: '已完成' });
    expect((await store.hazard('f-1'))!.status).toBe('pendingVerification');
    await act(operator, '/hazards/f-1/comment', { text: '请验收' });

    const adminPage = await text(await (await c.login('admin')).get('/hazards/f-1'));
    expect(adminPage).toContain('action="/hazards/f-1/verify"');
    expect(adminPage).toContain('data-confirm=');
    await act(await c.login('admin'), '/hazards/f-1/verify', { version: await v(), result: 'passed' });
    const closed = (await store.hazard('f-1'))!;
    expect(closed).toMatchObject({ status: 'closed', verification: { by: 'test-admin', result: 'passed' } });
    expect(closed.closedAt).toBe(NOW);

    const trail = (await store.audit({ limit: 100, target: 'hazard:f-1' })).filter((r) => r.actor !== 'test');
    expect(trail.map((r) => `${r.actor} ${r.action}`)).toEqual([
      'test-operator hazard.acknowledge', 'test-operator hazard.update', 'test-operator hazard.update', 'test-operator hazard.grade',
      'test-operator hazard.rectify', 'test-operator hazard.fixed', 'test-operator hazard.comment', 'test-admin hazard.verify',
    ]);
    const page = await text(await operator.get('/hazards/f-1'));
    expect(page).toContain('请验收');
    expect(page).toContain('等待备件到货');
    expect(page).toContain('action="/hazards/f-1/reopen"');
  });

  it('refuses a stale version with a 409 page that says to reload, and a refused transition with 422 naming it', async () => {
    const { c, store } = await harness(async (s) => { await s.createHazard(filed('f-2'), audit('f-2')); });
    const operator = await c.login('operator');
    await act(operator, '/hazards/f-2/acknowledge', { version: '1', ownerOrg: 'NOC', ownerPerson: '王工' });
    const stale = await operator.post('/hazards/f-2/grade', { version: '1', grade: '一般隐患' });
    expect(stale.status).toBe(409);
    const body = await stale.text();
    expect(body).toContain('有人刚刚修改了此隐患');
    expect(body).toContain('href="/hazards/f-2"');
    expect((await store.hazard('f-2'))!.grade).toBeNull();
    const early = await operator.post('/hazards/f-2/rectify', { version: '2' });
    expect(early.status).toBe(422);
    expect(await early.text()).toMatch(/操作被拒绝：cannot startRectification hazard f-2: missing/);
    // the owner cannot verify their own work
    await store.updateHazard('f-2', 2, (h) => ({ hazard: { ...h, version: 3, status: 'pendingVerification', ownerPerson: 'test-admin' }, event: { hazardId: h.id, at: NOW, actor: 'test', kind: 'status' }, audit: { at: NOW, actor: 'test', action: 'test', target: 'hazard:f-2', before: null, after: null } }));
    const own = await (await c.login('admin')).post('/hazards/f-2/verify', { version: '3', result: 'passed' });
    expect(own.status).toBe(422);
    expect(await own.text()).toContain('separation of duties');
  });

  it('shows an inspector and a viewer no write control, and refuses their posts (403) leaving the hazard as it was', async () => {
    const { c, store } = await harness(async (s) => { await s.createHazard(filed('f-3'), audit('f-3')); });
    for (const role of ['inspector', 'viewer'] as const) {
      const s = await c.login(role);
      const page = await text(await s.get('/hazards/f-3'));
      expect(page).not.toMatch(/<form[^>]*action="\/hazards\//);
      expect(page).toContain('您的角色只能查看');
      const res = await s.post('/hazards/f-3/acknowledge', { version: '1', ownerOrg: 'x', ownerPerson: 'y' });
      expect(res.status).toBe(403);
      const comment = await s.post('/hazards/f-3/comment', { text: 'x' });
      expect(comment.status).toBe(403);
    }
    expect((await store.hazard('f-3'))!).toMatchObject({ version: 1, status: 'open' });
    expect(await store.attachments('f-3')).toEqual([]);
  });

  it('refuses a post without the session\'s CSRF token', async () => {
    const { c, store } = await harness(async (s) => { await s.createHazard(filed('f-4'), audit('f-4')); });
    const operator = await c.login('operator');
    const none = await operator.post('/hazards/f-4/acknowledge', { version: '1', ownerOrg: 'x', ownerPerson: 'y' }, { csrf: null });
    expect(none.status).toBe(403);
    const wrong = await operator.post('/hazards/f-4/acknowledge', { version: '1', ownerOrg: 'x', ownerPerson: 'y' }, { csrf: 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect((await store.hazard('f-4'))!.version).toBe(1);
  });
});

describe('hostile text on the hazard pages', () => {
  it('escapes subjects, explanations, evidence, comments, file names and links, and never links javascript:', async () => {
    const { c, store } = await harness(async (s) => {
      const f = finding({ subject: { kind: 'device', id: XSS[1]! }, explanation: { zh: XSS[0]!, en: XSS[3]! }, evidence: [{ what: XSS[2]!, value: XSS[5]!, observedAt: null }] });
      await s.applyPass({ at: NOW - DAY, policyHash: 'p1', findings: [f] }, (st, p) => reconcile(st, p, DEFAULT_LEDGER_POLICY));
    });
    const [h] = (await store.hazards({ now: NOW, limit: 1, offset: 0 })).items;
    const id = h!.id;
    const operator = await c.login('operator');
    for (const x of XSS) await act(operator, `/hazards/${encodeURIComponent(id)}/comment`, { text: x });
    await store.addAttachment({ id: 'ev-1', hazardId: id, at: NOW, by: XSS[4]!, kind: 'file', text: XSS[0]!, ref: XSS[1]!, mediaType: 'text/plain' }, Buffer.from('abc'), { at: NOW, actor: 'x', action: 'hazard.evidence', target: `hazard:${id}`, before: null, after: null });
    await store.addAttachment({ id: 'ev-2', hazardId: id, at: NOW, by: 'x', kind: 'link', text: '', ref: 'javascript:alert(6)' }, null, { at: NOW, actor: 'x', action: 'hazard.evidence', target: `hazard:${id}`, before: null, after: null });
    await act(operator, `/hazards/${encodeURIComponent(id)}/acknowledge`, { version: String(h!.version), ownerOrg: XSS[2]!, ownerPerson: XSS[1]! });

    for (const path of ['/hazards', `/hazards/${encodeURIComponent(id)}`]) {
      const page = await text(await operator.get(path));
      // the only script elements are the console's own file
      expect(page.match(/<script/g)).toEqual(['<script']);
      expect(page).toContain('<script src="/assets/console.js" defer></script>');
      expect(page).not.toMatch(/<img|<svg/i);
      // no attribute broken out of: a quote is always escaped before an event handler's name
      expect(page).not.toMatch(/["']\s*on[a-z]+=/i);
      expect(page).not.toContain('href="javascript:');
      expect(page).not.toContain('\u202E');
    }
    const detail = await text(await operator.get(`/hazards/${encodeURIComponent(id)}`));
    expect(detail).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(detail).toContain('evil\\u202egnp.exe');
    expect(detail).toContain('href="#"');
    expect(detail).toContain(`href="/api/v1/hazards/${encodeURIComponent(id)}/evidence/ev-1"`);
  });
});

describe('accepted risks', () => {
  it('lets an administrator accept a risk and revoke it through the forms, refuses other roles, and 409s a stale revoke', async () => {
    const { c, store } = await harness();
    const admin = await c.login('admin');
    const operator = await c.login('operator');
    expect(await text(await operator.get('/waivers'))).not.toContain('action="/waivers/create"');
    const refused = await operator.post('/waivers/create', { rule: 'PWR-001', subjectKind: 'device', subjectId: 'd1', reason: 'a reason long enough', until: '2026-12-10T18:00' });
    expect(refused.status).toBe(403);
    expect(await store.waivers({})).toEqual([]);

    expect(await text(await admin.get('/waivers'))).toContain('action="/waivers/create"');
    const tooLong = await admin.post('/waivers/create', { rule: 'PWR-001', subjectKind: 'device', subjectId: 'd1', reason: 'a reason long enough', until: '2028-01-01T00:00' });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain('cannot be accepted for longer than');
    const created = await admin.post('/waivers/create', { rule: 'PWR-001', subjectKind: 'device', subjectId: XSS[0]!, reason: `备件采购中 ${XSS[1]!}`, scope: 'site-a, PC-CORE', until: '2026-12-10T18:00' });
    expect(created.status).toBe(303);
    const [w] = await store.waivers({});
    expect(w).toMatchObject({ approvedBy: 'test-admin', scope: ['site-a', 'PC-CORE'], until: Date.parse('2026-12-10T18:00:00+08:00') });
    expect(created.headers.get('location')).toBe(`/waivers/${w!.id}`);
    const detail = await text(await admin.get(`/waivers/${w!.id}`));
    expect(detail).toContain('生效中');
    expect(detail).toContain('test-admin');
    expect(detail).not.toMatch(/<img|<script>alert/);
    expect(detail).toContain('按最严格的 7 天'.replace('7', String(DEFAULT_LEDGER_POLICY.waiverMaxDays.red)));

    expect((await admin.post(`/waivers/${w!.id}/revoke`, { version: '9' })).status).toBe(409);
    expect((await operator.post(`/waivers/${w!.id}/revoke`, { version: '1' })).status).toBe(403);
    expect((await admin.post(`/waivers/${w!.id}/revoke`, { version: '1' })).status).toBe(303);
    expect((await store.waivers({}))[0]!.revokedAt).toBe(NOW);
    const list = await text(await admin.get('/waivers?state=revoked'));
    expect(list).toContain('已撤销');
    expect(await text(await admin.get('/waivers?state=active'))).toContain('没有符合条件的已接受风险');
    const trail = await store.audit({ limit: 10, action: 'waiver.revoke' });
    expect(trail.map((r) => r.actor)).toEqual(['test-admin']);
  });
});

describe('the audit log', () => {
  it('shows inspectors and admins the writes with their actors, filters them, checks the chain of the page and shows the latest checkpoint; refuses operators', async () => {
    const h = await harness(async (s) => { await s.createHazard(filed('f-5'), audit('f-5')); });
    const { c, store } = h;
    const operator = await c.login('operator');
    await act(operator, '/hazards/f-5/acknowledge', { version: '1', ownerOrg: 'NOC', ownerPerson: '王工' });
    await act(operator, '/hazards/f-5/comment', { text: '已安排' });
    expect((await operator.get('/audit')).status).toBe(403);
    expect(await text(await operator.get('/hazards'))).not.toContain('href="/audit"');

    const last = (await store.audit({ limit: 100 })).at(-1)!;
    h.checkpoint = { format: 'redline-ledger-checkpoint/1', seq: last.seq, hash: last.hash, at: new Date(NOW).toISOString(), keyId: 'ab'.repeat(32), signature: 'x' };
    const inspector = await c.login('inspector');
    const page = await text(await inspector.get('/audit'));
    expect(page).toContain('href="/audit"');
    expect(page).toContain('test-operator');
    expect(page).toContain('hazard.acknowledge');
    expect(page).toMatch(/本页 \d+ 条记录完整/);
    expect(page).toContain('ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab');
    expect(page).toContain('与本页该记录的哈希一致');

    const rows = async (q: string): Promise<number> => ((await text(await inspector.get(`/audit?${q}`))).match(/<td class="num">/g) ?? []).length;
    expect(await rows('actor=test-operator')).toBe(2);
    expect(await rows('action=hazard.comment')).toBe(1);
    expect(await rows('target=hazard%3Af-5')).toBeGreaterThanOrEqual(3);
    expect(await rows('from=2026-12-04T20:00')).toBeGreaterThanOrEqual(3);
    expect(await rows('until=2026-12-04T20:00')).toBe(0);
    expect((await inspector.get('/audit?from=tomorrow')).status).toBe(400);

    // an edited record is named
    store.db.exec('DROP TRIGGER IF EXISTS audit_no_update');
    store.db.prepare("UPDATE audit SET actor = 'mallory' WHERE seq = ?").run(last.seq);
    const broken = await text(await inspector.get('/audit'));
    expect(broken).toContain(`链在第 ${last.seq} 条记录处断开`);
  });
});

describe('the audit API filters the console uses', () => {
  it('filters by target prefix and time range, and refuses a time that is not ISO 8601', async () => {
    const { c } = await harness(async (s) => {
      await s.createHazard(filed('f-6'), audit('f-6'));
      await s.appendAudit({ at: NOW + 1000, actor: 'cli:root', action: 'config.reload', target: 'config', before: null, after: null });
    });
    const get = async (q: string): Promise<{ status: number; body: { items: { target: string }[] } }> => {
      const res = await fetch(`${c.base}/api/v1/audit?${q}`, { headers: { authorization: `Bearer ${c.accounts.tokens.inspector}` } });
      return { status: res.status, body: (await res.json()) as { items: { target: string }[] } };
    };
    expect((await get('target=hazard%3A')).body.items.map((r) => r.target)).toEqual(['hazard:f-6']);
    expect((await get(`from=${new Date(NOW + 1).toISOString()}`)).body.items.map((r) => r.target)).toEqual(['config']);
    expect((await get(`until=${new Date(NOW + 1).toISOString()}&target=config`)).body.items).toEqual([]);
    expect((await get('from=yesterday')).status).toBe(400);
  });
});
