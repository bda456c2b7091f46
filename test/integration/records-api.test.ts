/**
 * The records API over HTTP on a real server with real tokens per role and a real SQLite ledger
 * file (the accounts' own), and a real state store whose recorded transitions are a drill's
 * evidence: create, read, list with filters and paging, update with the version read (409 when
 * stale), the cutover statuses and the admin's approval, plan reviews and the overdue flag,
 * incident report timeliness, checklist items; inspectors and viewers read and change nothing;
 * each write leaves its audit record with who, what and before/after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../../src/api/app.js';
import { createApiServer } from '../../src/api/server.js';
import type { Role } from '../../src/auth/types.js';
import { auditRecords } from '../../src/ledger/sqlite-db.js';
import type { RecordsApi } from '../../src/records/port.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import { openSqliteStateStore, type StateStore } from '../../src/state/store.js';
import { openTestAuth, type TestAuth } from '../support/auth.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const NOW = Date.parse('2026-09-20T02:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const INV = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }],
  devices: [{ id: 'cr1', site: 'bj', role: 'router' }, { id: 'cr2', site: 'bj', role: 'router' }],
  links: [{ id: 'l1', a: { device: 'cr1', interface: 'L1' }, b: { device: 'cr2', interface: 'L1' } }],
});

let accounts: TestAuth;
let server: Server;
let state: StateStore;
let dir = '';
let base = '';
let now = NOW;
let changes = 0;

beforeAll(async () => {
  accounts = await openTestAuth({ now: () => now });
  dir = mkdtempSync(join(tmpdir(), 'redline-records-api-'));
  state = openSqliteStateStore(join(dir, 'state.db'));
  const records: RecordsApi = { store: openSqliteRecordsStore(accounts.db), timeZone: () => 'Asia/Shanghai', now: () => now, changed: () => { changes++; } };
  const app = createApiApp({
    inventory: () => INV, device: () => null, transitions: (id, opts) => state.transitions(id, opts), health: () => null,
    readiness: () => ({ ready: true, polled: 0, total: 0 }), registry: new Registry(), records,
  }, accounts.auth);
  server = createApiServer(app).listen(0, '127.0.0.1');
  await new Promise<void>((r) => { server.once('listening', () => { r(); }); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => { server.close(() => { r(); }); server.closeAllConnections(); });
  state.close();
  accounts.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(role: Role, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method, headers: { ...accounts.headers(role), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() as Record<string, unknown> };
}

const isoAt = (ms: number): string => new Date(ms).toISOString();
const cutoverBody = (start: number, extra: Record<string, unknown> = {}) => ({
  ref: 'CHG-2026-0912', title: '核心路由器升级 core router upgrade', category: 'upgrade',
  operationPlan: { ref: 'OP-77', summary: 'upgrade cr1, verify, then cr2' }, rollbackPlan: { ref: 'RB-77', summary: 'boot the previous image' },
  windowStart: isoAt(start), windowEnd: isoAt(start + 4 * HOUR), affected: { devices: ['cr1'] }, ...extra,
});

/** The audit records about one target, in order. */
function auditOf(target: string) {
  return [...auditRecords(accounts.db)].filter((a) => a.target === target);
}

describe('cutovers', () => {
  it('draft → approved (admin only) → in progress → done, each write audited with who and before/after', async () => {
    const c = await call('operator', 'POST', '/api/v1/records/cutovers', cutoverBody(NOW + DAY));
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ status: 'draft', version: 1, createdBy: 'test-operator', windowStart: isoAt(NOW + DAY), allowedActions: ['approve', 'cancel'] });
    expect(c.json['labels']).toMatchObject({ status: { zh: '草稿', en: 'draft' }, category: { zh: '升级改造' }, windowStart: { en: '2026-09-21 10:00 (Asia/Shanghai)' } });
    const id = c.json['id'] as string;
    const before = changes;
    // an operator cannot approve; an inspector cannot do anything
    expect((await call('operator', 'POST', `/api/v1/records/cutovers/${id}/approve`, { version: 1 })).status).toBe(403);
    expect((await call('inspector', 'POST', `/api/v1/records/cutovers/${id}/actions`, { version: 1, action: 'cancel' })).status).toBe(403);
    expect((await call('inspector', 'PATCH', `/api/v1/records/cutovers/${id}`, { version: 1, title: 'x' })).status).toBe(403);
    expect((await call('viewer', 'POST', '/api/v1/records/cutovers', cutoverBody(NOW))).status).toBe(403);
    // a non-emergency draft does not start before approval: 422 naming what is allowed
    const early = await call('operator', 'POST', `/api/v1/records/cutovers/${id}/actions`, { version: 1, action: 'start' });
    expect(early.status).toBe(422);
    expect((early.json['error'] as Record<string, unknown>)['allowed']).toEqual(['approve', 'cancel']);
    const approved = await call('admin', 'POST', `/api/v1/records/cutovers/${id}/approve`, { version: 1 });
    expect(approved.json).toMatchObject({ status: 'approved', approvedBy: 'test-admin', approvedAt: isoAt(NOW), version: 2 });
    // a stale version is a conflict with the current one
    const stale = await call('operator', 'POST', `/api/v1/records/cutovers/${id}/actions`, { version: 1, action: 'start' });
    expect(stale.status).toBe(409);
    expect((stale.json['error'] as Record<string, unknown>)['currentVersion']).toBe(2);
    expect((await call('operator', 'POST', `/api/v1/records/cutovers/${id}/actions`, { version: 2, action: 'start' })).json).toMatchObject({ status: 'in_progress', version: 3 });
    const done = await call('operator', 'POST', `/api/v1/records/cutovers/${id}/actions`, { version: 3, action: 'finish', outcome: 'done', notes: 'both upgraded' });
    expect(done.json).toMatchObject({ status: 'done', notes: 'both upgraded', labels: { status: { zh: '已完成', en: 'done' } } });
    expect(changes - before).toBe(3);
    const trail = auditOf(`cutover:${id}`);
    expect(trail.map((a) => `${a.action} by ${a.actor}`)).toEqual([
      'record.cutover.create by test-operator', 'record.cutover.approve by test-admin', 'record.cutover.start by test-operator', 'record.cutover.finish by test-operator',
    ]);
    expect(trail[1]).toMatchObject({ before: { status: 'draft' }, after: { status: 'approved', approvedBy: 'test-admin' } });
    // everyone reads, the inspector included
    for (const role of ['viewer', 'inspector'] as const) expect((await call(role, 'GET', `/api/v1/records/cutovers/${id}`)).json).toMatchObject({ id, status: 'done' });
  });

  it('an edit of an approved plan sends it back to draft; a bad input names every bad path', async () => {
    const c = await call('operator', 'POST', '/api/v1/records/cutovers', cutoverBody(NOW + 2 * DAY));
    const id = c.json['id'] as string;
    await call('admin', 'POST', `/api/v1/records/cutovers/${id}/approve`, { version: 1 });
    const edited = await call('operator', 'PATCH', `/api/v1/records/cutovers/${id}`, { version: 2, affected: { devices: ['cr1', 'cr2'] } });
    expect(edited.json).toMatchObject({ status: 'draft', approvedBy: null, version: 3, affected: { devices: ['cr1', 'cr2'] } });
    const bad = await call('operator', 'POST', '/api/v1/records/cutovers', { ...cutoverBody(NOW), windowStart: '2026-09-21 10:00', category: 'swap', operationPlan: {} });
    expect(bad.status).toBe(422);
    const msg = (bad.json['error'] as Record<string, string>)['message']!;
    for (const p of ['body.windowStart', 'body.category', 'body.operationPlan.ref', 'body.operationPlan.summary']) expect(msg).toContain(p);
    const backwards = await call('operator', 'POST', '/api/v1/records/cutovers', cutoverBody(NOW, { windowEnd: isoAt(NOW - HOUR) }));
    expect(backwards.status).toBe(422);
    expect((backwards.json['error'] as Record<string, string>)['message']).toContain('windowEnd: must be after windowStart');
  });

  it('an admin rejects a plan with a reason (operators cannot); it stays a draft with the rejection until approved', async () => {
    const id = (await call('operator', 'POST', '/api/v1/records/cutovers', cutoverBody(NOW + 3 * DAY))).json['id'] as string;
    expect((await call('operator', 'POST', `/api/v1/records/cutovers/${id}/reject`, { version: 1, reason: 'no' })).status).toBe(403);
    expect((await call('admin', 'POST', `/api/v1/records/cutovers/${id}/reject`, { version: 1, reason: ' ' })).status).toBe(422);
    const rejected = await call('admin', 'POST', `/api/v1/records/cutovers/${id}/reject`, { version: 1, reason: 'the rollback plan is untested' });
    expect(rejected.json).toMatchObject({ status: 'draft', version: 2, approvedAt: null, rejection: { by: 'test-admin', at: isoAt(NOW), reason: 'the rollback plan is untested' }, allowedActions: ['approve', 'cancel'] });
    expect((rejected.json['labels'] as Record<string, unknown>)['rejectedAt']).toMatchObject({ en: '2026-09-20 10:00 (Asia/Shanghai)' });
    const approved = await call('admin', 'POST', `/api/v1/records/cutovers/${id}/approve`, { version: 2 });
    expect(approved.json).toMatchObject({ status: 'approved', rejection: null });
    expect(auditOf(`cutover:${id}`).map((a) => `${a.action} by ${a.actor}`)).toEqual(['record.cutover.create by test-operator', 'record.cutover.reject by test-admin', 'record.cutover.approve by test-admin']);
  });

  it('lists with filters and paging', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await call('operator', 'POST', '/api/v1/records/cutovers', cutoverBody(NOW + (100 + i) * DAY, { affected: { devices: [i % 2 === 0 ? 'cr1' : 'cr2'] } }))).json['id'] as string);
    const window = `from=${isoAt(NOW + 100 * DAY)}&to=${isoAt(NOW + 104 * DAY)}`;
    const page1 = await call('viewer', 'GET', `/api/v1/records/cutovers?${window}&limit=2`);
    expect(page1.json).toMatchObject({ total: 5, limit: 2, offset: 0, timeZone: 'Asia/Shanghai' });
    const page3 = await call('viewer', 'GET', `/api/v1/records/cutovers?${window}&limit=2&offset=4`);
    expect((page3.json['items'] as { id: string }[]).map((r) => r.id)).toEqual([ids[0]]);
    const cr2 = await call('viewer', 'GET', `/api/v1/records/cutovers?${window}&device=cr2&status=draft`);
    expect((cr2.json['items'] as { id: string }[]).map((r) => r.id)).toEqual([ids[3], ids[1]]);
    expect((await call('viewer', 'GET', '/api/v1/records/cutovers?status=bogus')).status).toBe(400);
  });
});

describe('plans, drills, incidents, checklists', () => {
  it('flags an overdue plan review and clears it with a review', async () => {
    const p = await call('operator', 'POST', '/api/v1/records/plans', {
      title: '核心机房失火 core room fire', scenario: 'loss of the bj core room', planVersion: 'v3', owner: 'wang', lastReviewedAt: isoAt(NOW - 200 * DAY), reviewIntervalDays: 180,
    });
    expect(p.json).toMatchObject({ reviewOverdue: true, nextReviewDue: isoAt(NOW - 20 * DAY), labels: { flag: { zh: '预案评审已逾期' } } });
    const id = p.json['id'] as string;
    expect((await call('viewer', 'GET', '/api/v1/records/plans?overdue=true')).json['items']).toEqual([expect.objectContaining({ id })]);
    const reviewed = await call('operator', 'POST', `/api/v1/records/plans/${id}/actions`, { version: 1, action: 'review', planVersion: 'v4', note: 'updated contacts' });
    expect(reviewed.json).toMatchObject({ reviewOverdue: false, planVersion: 'v4', lastReviewedAt: isoAt(NOW), reviews: [{ by: 'test-operator', planVersion: 'v4', note: 'updated contacts' }] });
    expect((await call('viewer', 'GET', '/api/v1/records/plans?overdue=true')).json['total']).toBe(0);
  });

  it('keeps with a drill the transitions redline recorded on its elements in its window', async () => {
    const t0 = NOW - 10 * DAY;
    state.recordDeviceEvent({ deviceId: 'cr1', at: t0 - HOUR, subject: 'fhrp:vrrp|Vlan10|10', from: 'backup', to: 'master' }); // before the window
    state.recordDeviceEvent({ deviceId: 'cr1', at: t0 + 10 * 60_000, subject: 'fhrp:vrrp|Vlan10|10', from: 'master', to: 'backup' });
    state.recordDeviceEvent({ deviceId: 'cr2', at: t0 + 10 * 60_000, subject: 'fhrp:vrrp|Vlan10|10', from: 'backup', to: 'master' });
    state.recordDeviceEvent({ deviceId: 'cr2', at: t0 + 20 * 60_000, subject: 'psu:2', from: 'ok', to: 'failed' });
    const d = await call('operator', 'POST', '/api/v1/records/drills', {
      title: 'VRRP 倒换演练', scenario: 'cr1 uplink pulled', group: 'cr1+cr2', elements: { links: ['l1'] }, start: isoAt(t0), end: isoAt(t0 + HOUR),
      participants: ['li', 'zhao'], status: 'done', result: 'pass', measuredSwitchMs: 900, reportRef: 'DR-2026-17',
    });
    expect(d.status).toBe(201);
    expect(d.json['observed']).toEqual([
      { deviceId: 'cr1', at: isoAt(t0 + 10 * 60_000), subject: 'fhrp:vrrp|Vlan10|10', from: 'master', to: 'backup' },
      { deviceId: 'cr2', at: isoAt(t0 + 10 * 60_000), subject: 'fhrp:vrrp|Vlan10|10', from: 'backup', to: 'master' },
      { deviceId: 'cr2', at: isoAt(t0 + 20 * 60_000), subject: 'psu:2', from: 'ok', to: 'failed' },
    ]);
    expect(d.json['labels']).toMatchObject({ result: { zh: '通过' }, status: { en: 'done' } });
    expect((await call('viewer', 'GET', '/api/v1/records/drills?group=cr1%2Bcr2')).json['total']).toBe(1);
    const bad = await call('operator', 'POST', '/api/v1/records/drills', { title: 't', scenario: 's', start: isoAt(t0), end: isoAt(t0 + HOUR), status: 'done' });
    expect((bad.json['error'] as Record<string, string>)['message']).toContain('result: a done drill has a result');
  });

  it('says whether an incident was reported within its required time', async () => {
    const start = NOW - 3 * HOUR;
    const late = await call('operator', 'POST', '/api/v1/records/incidents', { title: '光缆中断 fibre cut', start: isoAt(start), grade: 'major', reportedAt: isoAt(start + 90 * 60_000), elements: { links: ['l1'] } });
    expect(late.json).toMatchObject({ reportDeadlineMinutes: 60, reportedInTime: false, labels: { grade: { zh: '重大' }, report: { zh: '迟报' } } });
    const open = await call('operator', 'POST', '/api/v1/records/incidents', { title: 'PSU loss', start: isoAt(start), grade: 'general' });
    expect(open.json).toMatchObject({ reportedInTime: null, reportDue: isoAt(start + DAY) });
    const id = open.json['id'] as string;
    const reported = await call('operator', 'PATCH', `/api/v1/records/incidents/${id}`, { version: 1, reportedAt: isoAt(NOW), status: 'resolved', end: isoAt(NOW - HOUR) });
    expect(reported.json).toMatchObject({ reportedInTime: true, status: 'resolved', labels: { report: { en: 'reported in time' } } });
    expect(auditOf(`incident:${id}`).map((a) => a.action)).toEqual(['record.incident.create', 'record.incident.update']);
  });

  it('records who checked which checklist item and when; complete when all are', async () => {
    const c = await call('operator', 'POST', '/api/v1/records/checklists', {
      title: '国庆保障准备 National Day preparation', periodId: 'national-day-2026', dueAt: '2026-09-30T00:00:00+08:00', sites: ['bj'],
      items: [{ category: 'generatorFuel', text: '储油满足 24 小时', site: 'bj' }, { category: 'patrol', text: '机房巡检' }],
    });
    const id = c.json['id'] as string;
    const one = await call('operator', 'POST', `/api/v1/records/checklists/${id}/items/i1/check`, { version: 1, result: 'ok', note: '26 h' });
    expect(one.json).toMatchObject({ status: 'open', items: [{ id: 'i1', checkedBy: 'test-operator', checkedAt: isoAt(NOW), result: 'ok' }, { id: 'i2', checkedBy: null }] });
    expect((await call('operator', 'POST', `/api/v1/records/checklists/${id}/items/i9/check`, { version: 2, result: 'ok' })).status).toBe(422);
    now = NOW + HOUR;
    const two = await call('admin', 'POST', `/api/v1/records/checklists/${id}/items/i2/check`, { version: 2, result: 'problem', note: 'door seal' });
    now = NOW;
    expect(two.json).toMatchObject({ status: 'complete', labels: { status: { zh: '已完成' } } });
    expect((two.json['items'] as Record<string, unknown>[])[1]).toMatchObject({ checkedBy: 'test-admin', checkedAt: isoAt(NOW + HOUR), labels: { category: { zh: '巡检' }, result: { zh: '发现问题' } } });
    expect(auditOf(`checklist:${id}`).map((a) => `${a.action} ${a.actor}`)).toEqual(['record.checklist.create test-operator', 'record.checklist.check test-operator', 'record.checklist.check test-admin']);
  });
});
