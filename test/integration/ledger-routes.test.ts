/**
 * The ledger routes over real HTTP (port 0): list filters and paging, a stale version (409 with
 * the current one), a refused transition (422 naming the allowed ones), evidence (a link, a file
 * read back byte for byte, a file over the cap: 413), history, the export with its bilingual
 * headers and its audit record, waivers (cap, revoke, stale revoke), the audit trail's paging,
 * and `GET /api/v1/findings?at=` answering an earlier time. Each test builds its own ledger.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerState, LedgerStore, PassInput } from '../../src/ledger/port.js';
import { reconcile } from '../../src/ledger/reconcile.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import { finding } from '../support/hazard-builders.js';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { call, hazardFixture, startLedgerApi, type LedgerApiHarness } from '../support/ledger-api.js';

const T0 = Date.parse('2026-03-10T04:00:00Z');
const DAY = 86_400_000;
const running: LedgerApiHarness[] = [];

afterEach(async () => { await Promise.all(running.splice(0).map((h) => h.close())); });

/** A fresh store and API, with `hazards` filed as they are given. */
async function ledgerWith(seed: (store: LedgerStore) => Promise<void> = () => Promise.resolve(), opts: { maxAttachmentKB?: number; checkpoint?: unknown } = {}): Promise<LedgerApiHarness> {
  const h = await startLedgerApi({ now: T0, ...opts });
  running.push(h);
  await seed(h.store);
  return h;
}

const audit = (id: string) => ({ at: T0, actor: 'daemon', action: 'hazard.open', target: `hazard:${id}`, before: null, after: null });
const seedThree = async (s: LedgerStore): Promise<void> => {
  await s.createHazard(hazardFixture({ id: 'h-red', colour: 'red', ownerPerson: 'li.wei', rule: 'PWR-001' }, T0 - 10 * DAY), audit('h-red'));
  await s.createHazard(hazardFixture({ id: 'h-orange', colour: 'orange', protectionClass: 'PC-AGG', location: { siteId: 'site-b', sites: ['site-b'] }, rule: 'NODE-001' }, T0 - DAY), audit('h-orange'));
  await s.createHazard(hazardFixture({ id: 'h-closed', colour: 'blue', status: 'closed', closedAt: T0 - DAY }, T0 - 200 * DAY), audit('h-closed'));
};

type List = { total: number; items: { id: string; overdue: boolean; allowedActions: string[]; labels: { riskLevel: { zh: string } } }[] };

describe('GET /api/v1/hazards', () => {
  it('filters by status, colour, risk level, site, class, owner, rule and overdue, with paging', async () => {
    const { base } = await ledgerWith(seedThree);
    const ids = async (q: string): Promise<string[]> => (await call<List>(base, 'GET', `/api/v1/hazards${q}`)).body.items.map((i) => i.id).sort();
    expect(await ids('')).toEqual(['h-closed', 'h-orange', 'h-red']);
    expect(await ids('?status=open')).toEqual(['h-orange', 'h-red']);
    expect(await ids('?colour=orange,blue')).toEqual(['h-closed', 'h-orange']);
    expect(await ids(`?riskLevel=${encodeURIComponent('重大风险')}`)).toEqual(['h-red']);
    expect(await ids('?site=site-b')).toEqual(['h-orange']);
    expect(await ids('?class=PC-AGG')).toEqual(['h-orange']);
    expect(await ids('?owner=li.wei')).toEqual(['h-red']);
    expect(await ids('?rule=NODE-001')).toEqual(['h-orange']);
    // h-red's deadline (7 days after T0 − 10 days) has passed; the closed one is never overdue
    expect(await ids('?overdue=true')).toEqual(['h-red']);
    const page = await call<List>(base, 'GET', '/api/v1/hazards?limit=2&offset=2');
    expect(page.body.total).toBe(3);
    expect(page.body.items).toHaveLength(1);
    const red = (await call<List>(base, 'GET', '/api/v1/hazards?colour=red')).body.items[0]!;
    expect(red.overdue).toBe(true);
    expect(red.allowedActions).toContain('acknowledge');
    expect(red.labels.riskLevel.zh).toBe('重大风险');
  });

  it('refuses an unknown filter value with a 400 naming it', async () => {
    const { base } = await ledgerWith();
    const r = await call<{ error: { message: string } }>(base, 'GET', '/api/v1/hazards?status=fixed');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/status: unknown value "fixed"/);
    expect((await call(base, 'GET', '/api/v1/hazards?overdue=yes')).status).toBe(400);
    expect((await call(base, 'GET', '/api/v1/hazards?limit=0')).status).toBe(400);
  });

  it('answers 404 for an unknown hazard', async () => {
    const { base } = await ledgerWith();
    expect((await call(base, 'GET', '/api/v1/hazards/nope')).status).toBe(404);
    expect((await call(base, 'GET', '/api/v1/hazards/nope/history')).status).toBe(404);
  });
});

describe('PATCH /api/v1/hazards/:id', () => {
  it('applies an action at the version read, 409 with the current version when stale, 422 naming the allowed actions when refused', async () => {
    const { base, ledger } = await ledgerWith(seedThree);
    const path = `/api/v1/hazards/${encodeURIComponent('h-red')}`;
    const missing = await call<{ error: { code: string; message: string } }>(base, 'PATCH', path, { version: 1, action: 'acknowledge', ownerOrg: 'NOC' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('invalid_input');
    expect(missing.body.error.message).toMatch(/ownerPerson/);
    const ok = await call<{ version: number; status: string; ownerPerson: string }>(base, 'PATCH', path, { version: 1, action: 'acknowledge', ownerOrg: 'NOC', ownerPerson: 'zhang.san' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, status: 'acknowledged', ownerPerson: 'zhang.san' });
    const stale = await call<{ error: { code: string; currentVersion: number } }>(base, 'PATCH', path, { version: 1, action: 'startRectification' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', currentVersion: 2 });
    const refused = await call<{ error: { code: string; allowed: string[]; message: string } }>(base, 'PATCH', path, { version: 2, action: 'verify', verifier: 'wang.wu', result: 'passed' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('refused');
    expect(refused.body.error.allowed).toEqual(expect.arrayContaining(['startRectification', 'update']));
    expect(refused.body.error.allowed).not.toContain('verify');
    expect((await ledger.store.hazard('h-red'))!.version).toBe(2);
    const history = await call<{ items: { kind: string; actor: string }[] }>(base, 'GET', `${path}/history`);
    expect(history.body.items.map((e) => e.kind)).toEqual(['opened', 'status']);
    expect(history.body.items[1]!.actor).toBe('anonymous');
    expect(history.body.items[1]).toMatchObject({ from: 'open', to: 'acknowledged' });
  });

  it('refuses a body that is not the schema (422), naming the fields', async () => {
    const { base } = await ledgerWith(seedThree);
    const r = await call<{ error: { code: string; message: string } }>(base, 'PATCH', '/api/v1/hazards/h-red', { version: 'one', action: 'fly', colour: 'red' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid_input');
    expect(r.body.error.message).toMatch(/version/);
    expect(r.body.error.message).toMatch(/action/);
    // the action's own fields are the lifecycle's schema: an unknown one is named
    const extra = await call<{ error: { code: string; message: string } }>(base, 'PATCH', '/api/v1/hazards/h-red', { version: 1, action: 'confirmGrade', grade: '重大隐患', colour: 'blue' });
    expect(extra.status).toBe(422);
    expect(extra.body.error.message).toMatch(/colour/);
  });
});

describe('comments and evidence', () => {
  it('keeps a comment, a link and a file (read back byte for byte); a file over the cap is 413 and nothing is kept', async () => {
    const { base, ledger } = await ledgerWith(seedThree, { maxAttachmentKB: 100 });
    expect((await call(base, 'POST', '/api/v1/hazards/h-red/comments', { text: '已派单 / ticket raised' })).status).toBe(201);
    const link = await call<{ id: string; kind: string }>(base, 'POST', '/api/v1/hazards/h-red/evidence', { url: 'https://tickets.example/T-1', text: 'ticket' });
    expect(link.status).toBe(201);
    // 80 KiB: over the API's general 64 KiB body limit, under this ledger's 100 KiB cap
    const bytes = new Uint8Array(80 * 1024).map((_, i) => (i * 31) % 251);
    const file = await call<{ id: string; sha256: string; size: number }>(base, 'POST', '/api/v1/hazards/h-red/evidence?name=psu-photo.png', bytes, { 'content-type': 'image/png' });
    expect(file.status).toBe(201);
    expect(file.body.size).toBe(bytes.length);
    expect(file.body.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const back = await fetch(`${base}/api/v1/hazards/h-red/evidence/${file.body.id}`);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await back.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const tooBig = await call<{ error: { code: string } }>(base, 'POST', '/api/v1/hazards/h-red/evidence?name=big.bin', new Uint8Array(101 * 1024), { 'content-type': 'application/octet-stream' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    const detail = await call<{ attachments: { kind: string }[] }>(base, 'GET', '/api/v1/hazards/h-red');
    expect(detail.body.attachments.map((a) => a.kind).sort()).toEqual(['comment', 'file', 'link']);
    const actions = (await ledger.store.audit({ limit: 100 })).map((r) => r.action);
    expect(actions.filter((a) => a === 'hazard.comment' || a === 'hazard.evidence')).toHaveLength(3);
  });

  it('refuses evidence without a name, and a link that is not http(s)', async () => {
    const { base } = await ledgerWith(seedThree);
    expect((await call(base, 'POST', '/api/v1/hazards/h-red/evidence', new Uint8Array([1, 2]), { 'content-type': 'image/png' })).status).toBe(400);
    expect((await call(base, 'POST', '/api/v1/hazards/h-red/evidence', { url: 'javascript:alert(1)' })).status).toBe(422);
    expect((await call(base, 'POST', '/api/v1/hazards/nope/comments', { text: 'x' })).status).toBe(404);
  });
});

describe('filing a hazard', () => {
  it('files a patrol hazard (201, Location) with its audit record', async () => {
    const { base, ledger } = await ledgerWith();
    const r = await call<{ id: string; status: string; foundByMethod: string; deadline: string }>(base, 'POST', '/api/v1/hazards', {
      foundByMethod: 'patrol', description: { zh: '机房漏水', en: 'water leak in the room' }, category: '防汛', protectionClass: 'PC-CORE',
      colour: 'orange', location: { siteId: 'site-a', roomId: 'room-2' },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/v1/hazards/${encodeURIComponent(r.body.id)}`);
    expect(r.body).toMatchObject({ status: 'open', foundByMethod: 'patrol', deadline: new Date(T0 + 15 * DAY).toISOString() });
    const rec = await ledger.store.audit({ limit: 10, action: 'hazard.file' });
    expect(rec).toHaveLength(1);
    expect((await call(base, 'POST', '/api/v1/hazards', { foundByMethod: 'auto-rule' })).status).toBe(422);
  });
});

describe('GET /api/v1/hazards/export', () => {
  it('exports CSV with bilingual headers and local times (zone named), and records the export in the audit trail', async () => {
    const { base, ledger } = await ledgerWith(seedThree);
    const r = await fetch(`${base}/api/v1/hazards/export?status=open`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await r.text();
    const [header, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toMatch(/^隐患编号 hazard_id,填报单位 reporting_org,排查日期 found_at \(Asia\/Shanghai\)/);
    expect(header).toContain('整改责任单位 owner_org');
    expect(rows).toHaveLength(2);
    // found 10 days before 04:00Z: 12:00 in Shanghai
    expect(rows.find((l) => l.startsWith('h-red'))).toContain('2026-02-28 12:00');
    const rec = await ledger.store.audit({ limit: 10, action: 'export' });
    expect(rec).toHaveLength(1);
    expect(rec[0]!.after).toMatchObject({ format: 'csv', rows: 2, filters: { status: ['open'] } });
    const json = await call<{ rows: Record<string, unknown>[]; columns: { zh: string }[] }>(base, 'GET', '/api/v1/hazards/export?format=json');
    expect(json.body.rows).toHaveLength(3);
    expect(json.body.columns[0]!.zh).toBe('隐患编号');
    expect(await ledger.store.audit({ limit: 10, action: 'export' })).toHaveLength(2);
  });

  it('defuses cells a spreadsheet would run as a formula', async () => {
    const { base } = await ledgerWith(async (s) => { await s.createHazard(hazardFixture({ id: 'h-f', ownerPerson: '=HYPERLINK("x")' }, T0), audit('h-f')); });
    const text = await (await fetch(`${base}/api/v1/hazards/export`)).text();
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('/api/v1/waivers', () => {
  it('creates a waiver within its risk level cap, refuses one past it (422), revokes at the version read (409 when stale)', async () => {
    const h = await ledgerWith(seedThree);
    const body = { rule: 'PWR-001', subject: { kind: 'device', id: 'dev-h-red' }, reason: 'second feed is being installed this month' };
    // the finding is red: 30 days at most
    const tooLong = await call<{ error: { message: string } }>(h.base, 'POST', '/api/v1/waivers', { ...body, until: new Date(T0 + 31 * DAY).toISOString() });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.message).toMatch(/red risk .* longer than 30 days/);
    const ok = await call<{ id: string; version: number; active: boolean; approvedBy: string }>(h.base, 'POST', '/api/v1/waivers', { ...body, until: new Date(T0 + 20 * DAY).toISOString() });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ version: 1, active: true, approvedBy: 'anonymous' });
    expect(h.waiverChanges()).toBe(1);
    expect((await call<{ total: number }>(h.base, 'GET', '/api/v1/waivers?active=true')).body.total).toBe(1);
    const revoked = await call<{ active: boolean; version: number }>(h.base, 'DELETE', `/api/v1/waivers/${ok.body.id}`, { version: 1 });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ active: false, version: 2 });
    expect((await call(h.base, 'DELETE', `/api/v1/waivers/${ok.body.id}?version=1`)).status).toBe(409);
    expect((await call<{ total: number }>(h.base, 'GET', '/api/v1/waivers?active=true')).body.total).toBe(0);
    expect(h.waiverChanges()).toBe(2);
    const actions = (await h.ledger.store.audit({ limit: 100 })).map((r) => r.action);
    expect(actions.filter((a) => a.startsWith('waiver.'))).toEqual(['waiver.create', 'waiver.revoke']);
  });

  it('refuses a waiver without a reason or ending in the past', async () => {
    const { base } = await ledgerWith();
    const r = await call<{ error: { message: string } }>(base, 'POST', '/api/v1/waivers', { rule: 'PWR-001', subject: { kind: 'device', id: 'd' }, reason: 'short', until: '2026-03-11T00:00:00Z' });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/reason/);
    expect((await call(base, 'POST', '/api/v1/waivers', { rule: 'PWR-001', subject: { kind: 'device', id: 'd' }, reason: 'long enough reason here', until: '2026-03-01T00:00:00Z' })).status).toBe(422);
  });
});

describe('/api/v1/audit', () => {
  it('pages by sequence number and filters by action; the records chain', async () => {
    const { base, ledger } = await ledgerWith(seedThree);
    await ledger.store.appendAudit({ at: T0, actor: 'cli:root', action: 'config.reload', target: 'config', before: null, after: null });
    const first = await call<{ items: { seq: number; at: string }[]; next: number | null }>(base, 'GET', '/api/v1/audit?limit=2');
    expect(first.body.items.map((r) => r.seq)).toEqual([1, 2]);
    expect(first.body.next).toBe(2);
    const rest = await call<{ items: { seq: number }[]; next: number | null }>(base, 'GET', '/api/v1/audit?limit=2&afterSeq=2');
    expect(rest.body.items.map((r) => r.seq)).toEqual([3, 4]);
    const reloads = await call<{ items: { action: string; actor: string }[] }>(base, 'GET', '/api/v1/audit?action=config.reload');
    expect(reloads.body.items).toEqual([expect.objectContaining({ action: 'config.reload', actor: 'cli:root' })]);
    expect(firstChainBreak(await ledger.store.audit({ limit: 100 }))).toBeNull();
  });

  it('answers the latest checkpoint, 404 before the first', async () => {
    const none = await ledgerWith();
    expect((await call(none.base, 'GET', '/api/v1/audit/checkpoint')).status).toBe(404);
    const h = await ledgerWith(undefined, { checkpoint: { seq: 4, hash: 'ab', signature: 'cd' } });
    expect((await call(h.base, 'GET', '/api/v1/audit/checkpoint')).body).toEqual({ seq: 4, hash: 'ab', signature: 'cd' });
  });
});

describe('GET /api/v1/findings?at=', () => {
  it('answers what the ledger knew at an earlier time, and 400 for a time that is not ISO 8601', async () => {
    const { base, store } = await ledgerWith();
    const pass = (at: number, state: 'unprotected' | 'protected') => ({ at, policyHash: 'p1', findings: [finding({ state })] });
    const plan = (state: LedgerState, p: PassInput) => reconcile(state, p, DEFAULT_LEDGER_POLICY);
    await store.applyPass(pass(T0, 'unprotected'), plan);
    await store.applyPass(pass(T0 + DAY, 'protected'), plan);
    type At = { source: string; total: number; items: { state: string; since: string }[] };
    const before = await call<At>(base, 'GET', `/api/v1/findings?at=${new Date(T0 + 3_600_000).toISOString()}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ source: 'ledger', total: 1, items: [{ state: 'unprotected', since: new Date(T0).toISOString() }] });
    const after = await call<At>(base, 'GET', `/api/v1/findings?at=${new Date(T0 + 2 * DAY).toISOString()}`);
    expect(after.body.items[0]!).toMatchObject({ state: 'protected', since: new Date(T0 + DAY).toISOString() });
    expect((await call<At>(base, 'GET', `/api/v1/findings?at=${new Date(T0 - DAY).toISOString()}`)).body.total).toBe(0);
    expect((await call(base, 'GET', '/api/v1/findings?at=yesterday')).status).toBe(400);
    const filtered = await call<{ error: { message: string } }>(base, 'GET', `/api/v1/findings?at=${new Date(T0).toISOString()}&rule=NODE-001`);
    expect(filtered.status).toBe(400);
    expect(filtered.body.error.message).toMatch(/only limit and offset/);
    // without ?at= the latest analysis answers, as before (none in this API: 404)
    expect((await call(base, 'GET', '/api/v1/findings')).status).toBe(404);
  });
});
