/**
 * The console's record forms over HTTP with real accounts, a real ledger file (the records and
 * the audit trail on it) and a real SQLite state store (the changes a drill or cutover window
 * observed): an operator files each kind through its form (times typed in the operator's zone);
 * a refused form comes back 422 with each problem beside its field and what was typed kept, and
 * stores nothing; an administrator approves or rejects a cutover (with a reason); a stale version
 * is a 409 page; every write is in the audit trail under the person signed in. Every record
 * action × every role: an inspector or viewer (and an operator on an admin's action) gets 403 and
 * nothing changes; a form without its CSRF token or with a wrong one is 403. Hostile record text
 * is shown escaped on the record page and in the edit form. A plan's overdue review, an
 * incident's late report and a drill's observed changes are on their pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/types.js';
import type { Component } from '../../src/collect/observation.js';
import { recordActions } from '../../src/console/pages/records-actions.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import type { RecordsApi } from '../../src/records/port.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import type { AnyRecord, RecordKind } from '../../src/records/types.js';
import { openSqliteStateStore, type StateStore } from '../../src/state/store.js';
import { consoleDeps, serveConsole, type ConsoleSession, type ServedConsole } from '../support/console.js';
import { pollDevice } from '../support/records-pass.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const NOW = Date.parse('2026-09-01T02:00:00Z'); // 10:00 in Shanghai
const SCRIPT = '<script>alert(1)</script>';
const ATTR = '"onmouseover="alert(1)';
const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });
const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }],
  devices: [{ id: 'cr1', site: 'bj', role: 'router', snmp: snmp(1) }, { id: 'cr2', site: 'bj', role: 'router', snmp: snmp(2) }],
});

let dir = '';
let ledger: SqliteLedgerStore;
let state: StateStore;
let records: RecordsApi;
let served: ServedConsole;
let changed = 0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redline-console-record-forms-'));
  ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
  state = openSqliteStateStore(join(dir, 'state.db'));
  changed = 0;
  records = { store: openSqliteRecordsStore(ledger.db), timeZone: () => 'Asia/Shanghai', now: () => NOW, changed: () => { changed++; } };
  served = await serveConsole(consoleDeps(NET, {
    records, now: () => NOW, transitions: (id, opts) => state.transitions(id, opts),
    ledger: {
      store: ledger, policy: () => DEFAULT_LEDGER_POLICY, timeZone: () => 'Asia/Shanghai', maxAttachmentKB: () => 64,
      now: () => NOW, latestCheckpoint: () => Promise.resolve(null), waiversChanged: () => undefined,
    },
  }), { auth: { now: () => NOW } });
});
afterEach(async () => {
  await served.close();
  state.close();
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A cutover form as a person fills it (times in Asia/Shanghai, as the datetime-local inputs send them). */
function cutoverForm(part: Record<string, string> = {}): Record<string, string> {
  return {
    ref: 'CHG-17', title: 'cr1 software upgrade', category: 'upgrade',
    'operationPlan.ref': 'OP-17', 'operationPlan.summary': 'load the new image, reboot', 'rollbackPlan.ref': 'RB-17', 'rollbackPlan.summary': 'boot the previous image',
    windowStart: '2026-09-12T01:00', windowEnd: '2026-09-12T04:00', 'affected.devices': 'cr1', 'affected.links': '', 'affected.sites': '', 'affected.riskGroups': '', notes: '',
    ...part,
  };
}

/** Files a cutover through the form as `s`; its id. */
async function fileCutover(s: ConsoleSession, part: Record<string, string> = {}): Promise<string> {
  const res = await s.post('/records/cutovers/new', cutoverForm(part));
  expect(res.status).toBe(303);
  const m = /^\/records\/cutovers\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '');
  expect(m).not.toBeNull();
  return m![1]!;
}

async function stored<K extends RecordKind>(kind: K, id: string) {
  const r = await records.store.get(kind, id);
  if (r === null) throw new Error(`no ${kind} ${id}`);
  return r;
}

async function auditOf(target: string): Promise<{ actor: string; action: string }[]> {
  return (await ledger.audit({ limit: 1000, target })).map((a) => ({ actor: a.actor, action: a.action }));
}

describe('filing and changing records through the forms', () => {
  it('an operator files a cutover (times in the operator\'s zone), an admin approves it; both writes are audited under their names', async () => {
    const op = await served.login('operator');
    const form = await (await op.get('/records/cutovers/new')).text();
    expect(form).toContain('name="windowStart" type="datetime-local"');
    expect(form).toContain('Asia/Shanghai');
    const id = await fileCutover(op);
    const c = await stored('cutover', id);
    expect(c).toMatchObject({ ref: 'CHG-17', status: 'draft', createdBy: 'test-operator', windowStart: Date.parse('2026-09-11T17:00:00Z'), windowEnd: Date.parse('2026-09-11T20:00:00Z') });
    expect(c.affected.devices).toEqual(['cr1']);
    expect(changed).toBe(1);
    const page = await (await op.get(`/records/cutovers/${id}`)).text();
    expect(page).toContain('2026-09-12 01:00（Asia/Shanghai 时间）');
    expect(page).not.toContain(`action="/records/cutovers/${id}/approve"`);

    const admin = await served.login('admin');
    const adminPage = await (await admin.get(`/records/cutovers/${id}`)).text();
    expect(adminPage).toContain(`action="/records/cutovers/${id}/approve"`);
    const ok = await admin.post(`/records/cutovers/${id}/approve`, { version: '1' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/records/cutovers/${id}`);
    expect(await stored('cutover', id)).toMatchObject({ status: 'approved', approvedBy: 'test-admin', approvedAt: NOW, version: 2 });
    expect(await auditOf(`cutover:${id}`)).toEqual([{ actor: 'test-operator', action: 'record.cutover.create' }, { actor: 'test-admin', action: 'record.cutover.approve' }]);
  });

  it('an admin rejects a plan with a reason (shown escaped, kept until approval); a rejection without a reason is refused and changes nothing', async () => {
    const op = await served.login('operator');
    const id = await fileCutover(op);
    const admin = await served.login('admin');
    const blank = await admin.post(`/records/cutovers/${id}/reject`, { version: '1', reason: '  ' });
    expect(blank.status).toBe(422);
    expect((await stored('cutover', id)).version).toBe(1);
    const res = await admin.post(`/records/cutovers/${id}/reject`, { version: '1', reason: `no rollback test ${SCRIPT}` });
    expect(res.status).toBe(303);
    const c = await stored('cutover', id);
    expect(c).toMatchObject({ status: 'draft', approvedAt: null, rejection: { by: 'test-admin', at: NOW, reason: `no rollback test ${SCRIPT}` } });
    const page = await (await op.get(`/records/cutovers/${id}`)).text();
    expect(page).toContain('驳回');
    expect(page).toContain('no rollback test &lt;script&gt;');
    expect(page).not.toContain(SCRIPT);
    await admin.post(`/records/cutovers/${id}/approve`, { version: '2' });
    expect((await stored('cutover', id)).rejection).toBeNull();
    expect((await auditOf(`cutover:${id}`)).map((a) => a.action)).toEqual(['record.cutover.create', 'record.cutover.reject', 'record.cutover.approve']);
  });

  it('a refused form comes back 422 with each problem beside its field and what was typed kept, and stores nothing', async () => {
    const op = await served.login('operator');
    const res = await op.post('/records/cutovers/new', cutoverForm({ title: '', ref: ATTR, windowStart: 'soon', 'affected.devices': 'cr1, bad id!' }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toMatch(/id="rf-title"[^>]*aria-invalid="true"[^>]*>[^]*?<span class="field-error" id="rf-title-error">必填。<\/span>/);
    expect(page).toMatch(/id="rf-windowStart"[^>]*aria-invalid="true"[^>]*>[^]*?id="rf-windowStart-error">不是有效的日期时间。/);
    expect(page).toMatch(/id="rf-affected-devices"[^>]*aria-invalid="true"/);
    // typed values kept, escaped in their attributes
    expect(page).toContain('value="&quot;onmouseover=&quot;alert(1)"');
    expect(page).toContain('value="soon"');
    expect(page).toContain('value="cr1, bad id!"');
    expect(page).toContain('load the new image, reboot</textarea>');
    expect(page).not.toContain(ATTR);
    // a broken rule of the record (the window ends before it starts; no element): beside those fields
    const rule = await op.post('/records/cutovers/new', cutoverForm({ windowEnd: '2026-09-12T00:30', 'affected.devices': '' }));
    expect(rule.status).toBe(422);
    const rulePage = await rule.text();
    expect(rulePage).toContain('id="rf-windowEnd-error">不符合要求：must be after windowStart');
    expect(rulePage).toMatch(/<fieldset id="rf-affected" aria-describedby="rf-affected-error"><legend>影响的网元<\/legend><span class="field-error" id="rf-affected-error">/);
    expect(rulePage).toContain('value="2026-09-12T00:30"');
    expect((await records.store.list({ kind: 'cutover', limit: 10, offset: 0 })).total).toBe(0);
    expect(await auditOf('cutover:')).toEqual([]);
  });

  it('an edit at a stale version is a 409 page and changes nothing; an edit of an approved plan sends it back to draft', async () => {
    const op = await served.login('operator');
    const id = await fileCutover(op);
    const admin = await served.login('admin');
    await admin.post(`/records/cutovers/${id}/approve`, { version: '1' });
    const edit = await (await op.get(`/records/cutovers/${id}/edit`)).text();
    expect(edit).toContain('value="2026-09-12T01:00"');
    expect(edit).toContain('name="version" value="2"');
    expect(edit).toContain('需要重新审批');
    const stale = await op.post(`/records/cutovers/${id}/edit`, { version: '1', ...cutoverForm({ title: 'changed' }) });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain(`href="/records/cutovers/${id}"`);
    expect(await stored('cutover', id)).toMatchObject({ title: 'cr1 software upgrade', version: 2, status: 'approved' });
    const ok = await op.post(`/records/cutovers/${id}/edit`, { version: '2', ...cutoverForm({ title: 'changed', notes: '' }) });
    expect(ok.status).toBe(303);
    expect(await stored('cutover', id)).toMatchObject({ title: 'changed', version: 3, status: 'draft', approvedAt: null, updatedBy: 'test-operator' });
    expect((await auditOf(`cutover:${id}`)).at(-1)).toEqual({ actor: 'test-operator', action: 'record.cutover.update' });
  });

  it('shows hostile record text escaped on the record page and in its edit form', async () => {
    const op = await served.login('operator');
    const id = await fileCutover(op, { title: `${SCRIPT}${ATTR}`, 'operationPlan.summary': `${SCRIPT} <img src=x onerror=alert(1)>`, notes: ATTR });
    for (const path of [`/records/cutovers/${id}`, `/records/cutovers/${id}/edit`, '/records/cutovers']) {
      const page = await (await op.get(path)).text();
      expect(page).not.toContain(SCRIPT);
      expect(page).not.toContain(ATTR);
      expect(page).not.toMatch(/<img src=x/);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('moves a cutover through start and finish (rolled back, with a note)', async () => {
    const op = await served.login('operator');
    const id = await fileCutover(op);
    await (await served.login('admin')).post(`/records/cutovers/${id}/approve`, { version: '1' });
    expect((await op.post(`/records/cutovers/${id}/start`, { version: '2' })).status).toBe(303);
    expect((await op.post(`/records/cutovers/${id}/finish`, { version: '3', outcome: 'rolled_back', notes: 'BGP did not come back' })).status).toBe(303);
    expect(await stored('cutover', id)).toMatchObject({ status: 'rolled_back', startedAt: NOW, finishedAt: NOW, notes: 'BGP did not come back' });
    expect((await auditOf(`cutover:${id}`)).map((a) => `${a.actor} ${a.action}`)).toEqual(['test-operator record.cutover.create', 'test-admin record.cutover.approve', 'test-operator record.cutover.start', 'test-operator record.cutover.finish']);
    // a move the status does not allow: 422, nothing changed
    expect((await op.post(`/records/cutovers/${id}/start`, { version: '4' })).status).toBe(422);
    expect((await stored('cutover', id)).version).toBe(4);
  });
});

describe('the other kinds', () => {
  it('flags an emergency plan whose review is overdue, and a review through the form clears it', async () => {
    const op = await served.login('operator');
    const res = await op.post('/records/plans/new', {
      title: 'Core room fire', scenario: 'fire in room A', planVersion: 'v2.1', owner: 'Wang', ref: 'EP-3', lastReviewedAt: '2025-06-01T09:00', reviewIntervalDays: '180',
      'scope.devices': 'cr1, cr2', 'scope.links': '', 'scope.sites': 'bj', 'scope.riskGroups': '',
    });
    expect(res.status).toBe(303);
    const path = res.headers.get('location')!;
    const page = await (await op.get(path)).text();
    expect(page).toContain('预案评审已逾期');
    expect(page).toContain('2025-11-28 09:00（Asia/Shanghai 时间）');
    expect(await (await op.get('/records/plans')).text()).toContain('<span class="rec-flag">预案评审已逾期</span>');
    expect((await op.post(`${path}/review`, { version: '1', planVersion: 'v2.2', note: 'reviewed with the NOC' })).status).toBe(303);
    const after = await (await op.get(path)).text();
    expect(after).not.toContain('预案评审已逾期');
    expect(after).toContain('reviewed with the NOC');
    const id = path.split('/').at(-1)!;
    expect(await stored('plan', id)).toMatchObject({ planVersion: 'v2.2', lastReviewedAt: NOW });
    expect((await auditOf(`plan:${id}`)).map((a) => `${a.actor} ${a.action}`)).toEqual(['test-operator record.plan.create', 'test-operator record.plan.review']);
  });

  it('shows whether an incident was reported in time (迟报 after its grade\'s 60 minutes)', async () => {
    const op = await served.login('operator');
    const res = await op.post('/records/incidents/new', {
      title: 'Metro ring outage', summary: 'both fibres cut', grade: 'major', start: '2026-08-30T08:00', end: '2026-08-30T11:00', affectedServices: 'mobile, broadband',
      'elements.devices': 'cr1', 'elements.links': '', 'elements.sites': '', 'elements.riskGroups': '', reportedAt: '2026-08-30T09:30', reportDeadlineMinutes: '',
      linkedAlerts: '', linkedHazards: '', status: 'resolved',
    });
    expect(res.status).toBe(303);
    const page = await (await op.get(res.headers.get('location')!)).text();
    expect(page).toContain('<span class="rec-flag">迟报</span>');
    expect(page).toContain('2026-08-30 09:00（Asia/Shanghai 时间）'); // due 60 minutes after the start
    const r = await stored('incident', res.headers.get('location')!.split('/').at(-1)!);
    expect(r).toMatchObject({ reportDeadlineMinutes: 60, affectedServices: ['mobile', 'broadband'], reportedAt: Date.parse('2026-08-30T01:30:00Z') });
  });

  it('stores and shows what redline observed on a drill\'s devices in its window', async () => {
    const poll = (at: number, uptimeSeconds: number, psu2: Component['status']): void => { pollDevice(state, 'cr1', at, uptimeSeconds, psu2); };
    const start = Date.parse('2026-08-31T06:00:00Z'); // 14:00 in Shanghai
    poll(start - 3_600_000, 100_000, 'ok');
    poll(start + 600_000, 100_600, 'failed'); // PSU 2 pulled in the drill
    poll(start + 1_200_000, 60, 'failed'); // and a reboot
    const op = await served.login('operator');
    const res = await op.post('/records/drills/new', {
      title: 'PSU pull on cr1', scenario: 'one PSU lost', planId: '', group: 'cr1+cr2', 'elements.devices': 'cr1', 'elements.links': '', 'elements.sites': '', 'elements.riskGroups': '',
      start: '2026-08-31T14:00', end: '2026-08-31T15:00', participants: 'Li, Wang', status: 'done', result: 'pass', measuredSwitchMs: '35', reportRef: 'DR-9', notes: '',
    });
    expect(res.status).toBe(303);
    const d = await stored('drill', res.headers.get('location')!.split('/').at(-1)!);
    expect(d.observed.map((o) => o.subject)).toEqual(expect.arrayContaining(['reboot']));
    expect(d.observed.some((o) => o.to === 'failed')).toBe(true);
    const page = await (await op.get(res.headers.get('location')!)).text();
    expect(page).toContain('redline 在演练窗口内观测到的变化');
    expect(page).toContain('2026-08-31 14:20（Asia/Shanghai 时间）');
    expect(page).toContain('<strong>failed</strong>');
  });

  it('files a checklist with its item rows and records who checked an item', async () => {
    const op = await served.login('operator');
    const res = await op.post('/records/checklists/new', {
      title: 'National Day', periodId: 'national-day', dueAt: '2026-09-30T00:00', sites: 'bj',
      'items.0.category': 'patrol', 'items.0.text': 'Patrol room A', 'items.0.site': 'bj',
      'items.1.category': 'generatorFuel', 'items.1.text': '', 'items.1.site': '',
      'items.2.category': 'generatorFuel', 'items.2.text': 'Generator fuel ≥ 8 h', 'items.2.site': '',
    });
    expect(res.status).toBe(303);
    const path = res.headers.get('location')!;
    const id = path.split('/').at(-1)!;
    expect((await stored('checklist', id)).items.map((i) => [i.id, i.category, i.text, i.site])).toEqual([['i1', 'patrol', 'Patrol room A', 'bj'], ['i2', 'generatorFuel', 'Generator fuel ≥ 8 h', null]]);
    expect((await op.post(`${path}/items/i2/check`, { version: '1', result: 'problem', note: 'only 5 h' })).status).toBe(303);
    expect((await stored('checklist', id)).items[1]).toMatchObject({ checkedBy: 'test-operator', checkedAt: NOW, result: 'problem', note: 'only 5 h' });
    const page = await (await op.get(path)).text();
    expect(page).toContain('发现问题');
    expect((await auditOf(`checklist:${id}`)).map((a) => `${a.actor} ${a.action}`)).toEqual(['test-operator record.checklist.create', 'test-operator record.checklist.check']);
    // an item the checklist does not have: 422, nothing changed
    expect((await op.post(`${path}/items/i9/check`, { version: '2', result: 'ok' })).status).toBe(422);
    // no item given: beside the first row
    const none = await op.post('/records/checklists/new', { title: 'x', periodId: 'p', dueAt: '2026-09-30T00:00', sites: '' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('id="rf-items-0-error"');
  });

  it('English forms and pages carry no Chinese label', async () => {
    const op = await served.login('operator');
    const id = await fileCutover(op);
    for (const path of ['/records/cutovers/new', `/records/cutovers/${id}`, `/records/cutovers/${id}/edit`, '/records/plans/new', '/records/drills/new', '/records/incidents/new', '/records/checklists/new']) {
      const page = await (await op.get(path, { cookie: `${op.cookie}; redline_lang=en` })).text();
      expect(page.replace(/<[^>]+>/g, ' ').replace(/中文|切换到中文/g, ''), path).not.toMatch(/[\u4e00-\u9fff\uff01-\uff5e\u3000-\u303f]/);
    }
  });
});

describe('who may write', () => {
  /** Every record action with concrete ids, and the access it needs. */
  async function actionsWithIds(): Promise<{ path: string; access: 'work' | 'admin'; kind: string }[]> {
    const op = await served.login('operator');
    const ids: Record<string, string> = { cutovers: await fileCutover(op) };
    const plan = await op.post('/records/plans/new', { title: 'p', scenario: 's', planVersion: 'v1', owner: 'o', lastReviewedAt: '2026-08-01T00:00' });
    ids['plans'] = plan.headers.get('location')!.split('/').at(-1)!;
    const cl = await op.post('/records/checklists/new', { title: 'c', periodId: 'p', dueAt: '2026-09-30T00:00', 'items.0.category': 'patrol', 'items.0.text': 't' });
    ids['checklists'] = cl.headers.get('location')!.split('/').at(-1)!;
    // what each needs, as docs/records.md says it: an admin approves or rejects a plan; the rest is operators' and admins' work
    const expectedAccess = (path: string): 'work' | 'admin' => (/\/(approve|reject)$/.test(path) ? 'admin' : 'work');
    return recordActions.map((a) => {
      const kind = a.path.split('/')[2]!;
      expect(a.access, a.path).toBe(expectedAccess(a.path));
      return {
        kind,
        access: expectedAccess(a.path),
        path: a.path.replace(':kind', 'cutovers').replace(':id', ids[kind.startsWith(':') ? 'cutovers' : kind] ?? 'x').replace(':item', 'i1'),
      };
    });
  }

  async function snapshot(): Promise<string> {
    const all: AnyRecord[] = [];
    for (const kind of ['cutover', 'plan', 'drill', 'incident', 'checklist'] as const) all.push(...(await records.store.list({ kind, limit: 100, offset: 0 })).items);
    return JSON.stringify({ all, audit: (await ledger.audit({ limit: 1000 })).length });
  }

  it('walks every record action × every role: a role without access gets 403 and nothing changes', async () => {
    const actions = await actionsWithIds();
    expect(actions.length).toBeGreaterThanOrEqual(10);
    const fields = { version: '1', reason: 'r', outcome: 'done', result: 'ok', ...cutoverForm() };
    const roles: Role[] = ['viewer', 'inspector', 'operator', 'admin'];
    const allowed = (role: Role, access: 'work' | 'admin'): boolean => role === 'admin' || (access === 'work' && role === 'operator');
    for (const role of roles) {
      const s = await served.login(role);
      for (const a of actions.filter((x) => !allowed(role, x.access))) {
        const before = await snapshot();
        const res = await s.post(a.path, fields);
        expect(res.status, `${role} POST ${a.path}`).toBe(403);
        expect(await snapshot(), `${role} POST ${a.path}`).toBe(before);
      }
    }
    // and an admitted role is let in (whatever the action then decides)
    const admin = await served.login('admin');
    for (const a of actions) expect((await admin.post(a.path, fields)).status, a.path).not.toBe(403);
  });

  it('shows an inspector every record and no write control; its own forged POST is refused', async () => {
    const op = await served.login('operator');
    const id = await fileCutover(op);
    const inspector = await served.login('inspector');
    for (const path of ['/records/cutovers', `/records/cutovers/${id}`]) {
      const page = await (await inspector.get(path)).text();
      expect(page).toContain('cr1 software upgrade');
      expect(page).not.toMatch(/<form[^>]*method="post"[^>]*action="\/records/);
      expect(page).not.toContain('/records/cutovers/new');
      expect(page).not.toContain(`/records/cutovers/${id}/edit`);
    }
    expect((await inspector.get('/records/cutovers/new')).status).toBe(403);
    expect((await inspector.get(`/records/cutovers/${id}/edit`)).status).toBe(403);
    expect((await inspector.post(`/records/cutovers/${id}/edit`, { version: '1', ...cutoverForm({ title: 'forged' }) })).status).toBe(403);
    expect((await stored('cutover', id)).title).toBe('cr1 software upgrade');
  });

  it('refuses a form without its CSRF token or with a wrong one, and stores nothing', async () => {
    const op = await served.login('operator');
    expect((await op.post('/records/cutovers/new', cutoverForm(), { csrf: null })).status).toBe(403);
    expect((await op.post('/records/cutovers/new', cutoverForm(), { csrf: 'wrong' })).status).toBe(403);
    expect((await records.store.list({ kind: 'cutover', limit: 10, offset: 0 })).total).toBe(0);
    expect(await auditOf('cutover:')).toEqual([]);
  });
});
