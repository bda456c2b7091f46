/**
 * The half-year safety summary (issue #13 item 5) over a seeded first half of 2026 in
 * Asia/Shanghai: real analysis passes reconciled into a real SQLite ledger (hazards opened by
 * the reconciliation, fixed when their finding turns protected, closed by a person, one closed
 * only after the half year ended), and records (a special-period checklist, cutovers, drills,
 * incidents) in the same file. Every figure of the summary (through the API, then the CLI) is
 * compared with expectations written out by hand from the seed below, and with what the ledger's
 * own queries say: `findingsAt` at each month's end, and the 动态清零 report (`clearance`). The
 * export validates against its schema, draws its trend as inline SVG, keeps its CSV safe, and
 * verifies with verify-report; each export leaves an audit record.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Colour, FindingState } from '../../src/analysis/finding.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { createApiApp } from '../../src/api/app.js';
import { createApiServer } from '../../src/api/server.js';
import { runReport } from '../../src/cli/report.js';
import { runVerifyReport } from '../../src/cli/verify-report.js';
import type { ProtectionClass } from '../../src/config/schema.js';
import { clearance } from '../../src/ledger/clearance.js';
import { reconcile } from '../../src/ledger/reconcile.js';
import { loadOrCreateSigningKey, type LedgerSigningKey } from '../../src/ledger/signing.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY, type Hazard, type HazardEvent, type HazardStatus } from '../../src/ledger/types.js';
import type { RecordsStore } from '../../src/records/port.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import type { ChecklistRecord, CutoverRecord, DrillRecord, IncidentRecord } from '../../src/records/types.js';
import type { SummaryModel } from '../../src/reports/summary-model.js';
import { findChromium } from '../../src/reports/pdf.js';
import { readTar } from '../../src/reports/tar.js';
import { chromium as playwright } from 'playwright-core';
import { openAuthOff, type TestAuth } from '../support/auth.js';
import { finding } from '../support/hazard-builders.js';
import { REPO_ROOT, prerequisite } from '../support/shared.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

/** A local time in Asia/Shanghai. */
const L = (local: string): number => Date.parse(`${local}+08:00`);
const END = L('2026-07-01T00:00:00') - 1;
/** The summary is made after the half year: one hazard was closed in between. */
const NOW = L('2026-07-01T02:00:00');
const POLICY = { ...DEFAULT_LEDGER_POLICY, verifyPasses: 1 };

/** The subjects of the seed: rule, class, colour when failing, and their state over time. */
const SUBJECTS: readonly { id: string; rule: string; cls: ProtectionClass; colour: Colour; timeline: readonly [string, FindingState][] }[] = [
  // before the half year, found and closed: in no figure
  { id: 'y1', rule: 'LOAD-002', cls: 'PC-AGG', colour: 'yellow', timeline: [['2025-11-01T10:00:00', 'degraded'], ['2025-11-20T10:00:00', 'protected']] },
  // the backlog: open at the start, fixed 5 Feb (after its deadline of 27 Dec), closed 10 Feb: closed late
  { id: 'c1', rule: 'NODE-001', cls: 'PC-CORE', colour: 'red', timeline: [['2025-12-20T10:00:00', 'unprotected'], ['2026-02-05T10:00:00', 'protected']] },
  // found 15 Jan, fixed 30 Jan, closed 1 Feb: found and closed in time
  { id: 'g1', rule: 'LOAD-001', cls: 'PC-AGG', colour: 'yellow', timeline: [['2026-01-15T10:00:00', 'degraded'], ['2026-01-30T10:00:00', 'protected']] },
  // found 1 Mar in cutover CO-2's window, never fixed: overdue at the end (deadline 16 Mar), graded 重大隐患
  { id: 't1', rule: 'RTE-002', cls: 'PC-TRUNK', colour: 'orange', timeline: [['2026-03-01T02:00:00', 'unprotected']] },
  // found 10 Apr in cutover CO-1's window, fixed 20 Jun (after its deadline of 17 Apr), closed 1 Jul 01:00 (after the end)
  { id: 'c2', rule: 'NODE-001', cls: 'PC-CORE', colour: 'red', timeline: [['2026-04-10T01:00:00', 'unprotected'], ['2026-06-20T10:00:00', 'protected']] },
  // found 25 Jun, graded 一般隐患: open, not yet due
  { id: 'x1', rule: 'PWR-001', cls: 'PC-AGG', colour: 'blue', timeline: [['2026-06-25T10:00:00', 'degraded']] },
];

const fp = (id: string): string => SUBJECTS.find((s) => s.id === id)!.rule + `|device|${id}`;

let dir: string;
let store: SqliteLedgerStore;
let records: RecordsStore;
let key: LedgerSigningKey;
let server: Server;
let base: string;
let auth: TestAuth;

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validSummary = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'schemas', 'summary-report.schema.json'), 'utf8')) as object);

async function get(path: string): Promise<{ status: number; bytes: Buffer; type: string }> {
  const r = await fetch(`${base}${path}`);
  return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type') ?? '' };
}

/** A person's change to the hazard of subject `id`. */
async function work(id: string, at: number, fields: Partial<Hazard>): Promise<void> {
  const h = (await store.hazards({ now: at, limit: 10, offset: 0, fingerprint: [fp(id)] })).items[0]!;
  await store.updateHazard(h.id, h.version, (cur) => ({
    hazard: { ...cur, ...fields, version: cur.version + 1, updatedAt: at },
    event: { hazardId: h.id, at, actor: 'li', kind: fields.status !== undefined ? 'status' : 'update', ...(fields.status !== undefined ? { from: cur.status, to: fields.status } : {}) },
    audit: { at, actor: 'li', action: 'hazard.update', target: `hazard:${h.id}`, before: null, after: fields },
  }));
}

const versioned = (id: string, at: number) => ({ id, version: 1, createdAt: at, createdBy: 'olga', updatedAt: at, updatedBy: 'olga' });
const NONE = { devices: [] as string[], links: [] as string[], sites: [] as string[], riskGroups: [] as string[] };

function cutover(id: string, start: string, end: string, devices: string[], over: Partial<CutoverRecord>): CutoverRecord {
  return {
    ...versioned(id, L('2026-01-02T09:00:00')), kind: 'cutover', ref: `CHG-${id}`, title: `cutover ${id}`, category: 'cutover',
    operationPlan: { ref: 'OP', summary: 'plan' }, rollbackPlan: { ref: 'RB', summary: 'rollback' }, emergency: false,
    windowStart: L(start), windowEnd: L(end), affected: { ...NONE, devices }, status: 'done', approvedBy: 'wang', approvedAt: L(start) - 86_400_000,
    startedAt: L(start), finishedAt: L(end), notes: '', ...over,
  };
}

function drill(id: string, start: string, result: 'pass' | 'fail', ms: number | null): DrillRecord {
  return {
    ...versioned(id, L(start)), kind: 'drill', title: `drill ${id}`, scenario: 'core router power loss', planId: null, group: 'c1+c2', elements: { ...NONE, devices: ['c1', 'c2'] },
    start: L(start), end: L(start) + 3_600_000, participants: ['a', 'b', 'c'], status: 'done', result, measuredSwitchMs: ms, reportRef: 'R', notes: '', observed: [],
  };
}

function incident(id: string, start: string, grade: IncidentRecord['grade'], reportedAfterMin: number | null, deadlineMin: number): IncidentRecord {
  return {
    ...versioned(id, L(start)), kind: 'incident', title: `incident ${id}`, summary: '', start: L(start), end: L(start) + 7_200_000, grade, affectedServices: ['voice'],
    elements: NONE, reportedAt: reportedAfterMin === null ? null : L(start) + reportedAfterMin * 60_000, reportDeadlineMinutes: deadlineMin, linkedAlerts: [], linkedHazards: [], status: 'closed',
  };
}

function checklist(id: string, due: string, checkedAt: string[]): ChecklistRecord {
  return {
    ...versioned(id, L(due) - 20 * 86_400_000), kind: 'checklist', title: `checklist ${id}`, periodId: 'spring-festival', dueAt: L(due), sites: ['sh'], status: 'complete',
    items: checkedAt.map((at, i) => ({ id: `i${i}`, category: 'patrol', text: `item ${i}`, site: 'sh', checkedBy: 'zhao', checkedAt: L(at), result: i === 0 ? 'problem' : 'ok', note: '' })),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redline-summary-'));
  store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  records = openSqliteRecordsStore(store.db);
  key = loadOrCreateSigningKey(join(dir, 'ledger-signing.key'), { now: L('2025-10-01T00:00:00') });
  // one pass at every change of the seed, each with every subject seen so far
  const times = [...new Set(SUBJECTS.flatMap((s) => s.timeline.map(([t]) => L(t))))].sort((a, b) => a - b);
  for (const at of times) {
    const findings = SUBJECTS.flatMap((s) => {
      const seen = s.timeline.filter(([t]) => L(t) <= at);
      if (seen.length === 0) return [];
      const state = seen.at(-1)![1];
      return [finding({ rule: s.rule, subject: { kind: 'device', id: s.id }, state, colour: state === 'protected' ? null : s.colour, class: s.cls, site: 'sh', sites: ['sh'] })];
    });
    await store.applyPass({ at, policyHash: 'a'.repeat(64), findings }, (st, p) => reconcile(st, p, POLICY));
  }
  // people: closures (销号) and grades
  const close = (id: string, at: string): Promise<void> => work(id, L(at), { status: 'closed', closedAt: L(at), verification: { by: 'wang', at: L(at), result: 'passed' } });
  await close('y1', '2025-12-01T10:00:00');
  await close('g1', '2026-02-01T10:00:00');
  await close('c1', '2026-02-10T10:00:00');
  await work('t1', L('2026-03-05T10:00:00'), { grade: '重大隐患' });
  await work('x1', L('2026-06-26T10:00:00'), { grade: '一般隐患' });
  await close('c2', '2026-07-01T01:00:00');
  const audit = (target: string) => ({ at: L('2026-01-02T09:00:00'), actor: 'olga', action: 'record.create', target, before: null, after: null });
  for (const r of [
    checklist('CL-1', '2026-02-10T00:00:00', ['2026-02-01T10:00:00', '2026-02-03T10:00:00', '2026-02-09T10:00:00']),
    checklist('CL-2', '2026-07-15T00:00:00', ['2026-07-10T10:00:00']),
    cutover('CO-1', '2026-04-09T22:00:00', '2026-04-10T02:00:00', ['c2'], {}),
    cutover('CO-2', '2026-02-28T23:00:00', '2026-03-01T03:00:00', ['t1'], { approvedAt: L('2026-03-01T01:00:00') }),
    cutover('CO-3', '2026-05-10T22:00:00', '2026-05-11T02:00:00', ['g1'], { status: 'draft', approvedBy: null, approvedAt: null, startedAt: null, finishedAt: null }),
    drill('D-1', '2026-05-12T03:00:00', 'pass', 38),
    drill('D-2', '2026-06-02T03:00:00', 'fail', null),
    incident('I-1', '2026-03-03T08:00:00', 'general', 120, 1440),
    incident('I-2', '2026-05-20T08:00:00', 'major', 180, 60),
    incident('I-3', '2026-06-28T08:00:00', 'larger', null, 120),
  ]) await records.create(r, audit(`record:${r.id}`));

  auth = await openAuthOff();
  const inventory = inventoryFromObject({
    sites: [{ id: 'sh', class: 'PC-CORE', province: '上海' }],
    devices: SUBJECTS.map((s) => ({ id: s.id, site: 'sh', role: 'core', class: s.cls })),
  });
  const app = createApiApp({
    inventory: () => inventory, device: () => null, transitions: () => [], health: () => null,
    readiness: () => ({ ready: true, polled: 0, total: 0 }), registry: new Registry(),
    ledger: {
      store, policy: () => POLICY, timeZone: () => 'Asia/Shanghai', maxAttachmentKB: () => 64,
      now: () => NOW, latestCheckpoint: () => Promise.resolve(null), waiversChanged: () => undefined,
    },
    records: { store: records, timeZone: () => 'Asia/Shanghai', now: () => NOW, changed: () => undefined },
    reports: { signer: key, policy: () => ({ policy: loadPolicy(DEFAULT_POLICY_FILE), hash: 'b'.repeat(64) }) },
  }, auth.auth);
  server = createApiServer(app);
  await new Promise<void>((r) => { server.listen(0, '127.0.0.1', r); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => { server.close(() => { r(); }); server.closeAllConnections(); });
  auth.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const FIG = (found: number, closed: number, foundAndClosed: number, openAtEnd: number, overdueAtEnd: number, closedLate: number) => ({ found, closed, foundAndClosed, openAtEnd, overdueAtEnd, closedLate });

/** Everything the seed says the summary of 2026-H1 must hold, written out by hand. */
function expectSeededFigures(m: SummaryModel): void {
  expect(m.period).toEqual({ id: '2026-H1', kind: 'H1', year: 2026, from: '2025-12-31T16:00:00.000Z', to: '2026-06-30T16:00:00.000Z', asOf: '2026-06-30T15:59:59.999Z', complete: true });
  const h = m.hazards;
  expect(h.total).toEqual(FIG(4, 2, 1, 3, 2, 1));
  expect(h.byRiskLevel).toEqual({ red: FIG(1, 1, 0, 1, 1, 1), orange: FIG(1, 0, 0, 1, 1, 0), yellow: FIG(1, 1, 1, 0, 0, 0), blue: FIG(1, 0, 0, 1, 0, 0) });
  expect(h.byGrade).toEqual({ 重大隐患: FIG(1, 0, 0, 1, 1, 0), 一般隐患: FIG(1, 0, 0, 1, 0, 0), ungraded: FIG(2, 2, 1, 1, 1, 1) });
  expect(h.clearanceRate).toBe(1 / 4);
  expect(h.backlog).toEqual({ openAtStart: 1, closedByEnd: 1, rateWithFound: 2 / 5 });
  expect(h.lines.map((x) => [x.id.split(':')[2], x.statusAtEnd, x.overdueAtEnd, x.closedLate])).toEqual([
    ['c1', 'closed', false, true], ['g1', 'closed', false, false], ['t1', 'open', true, false], ['c2', 'pendingVerification', true, false], ['x1', 'open', false, false],
  ]);
  expect(m.spofs.months.map((x) => x.label)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  expect(m.spofs.total).toEqual([1, 0, 1, 2, 2, 1]);
  expect(m.spofs.byMeasure.find((x) => x.measure === 'multipleNodes')!.counts).toEqual([1, 0, 0, 1, 1, 0]);
  expect(m.spofs.byMeasure.find((x) => x.measure === 'multipleRoutes')!.counts).toEqual([0, 0, 1, 1, 1, 1]);
  expect(m.spofs.byMeasure.filter((x) => !['multipleNodes', 'multipleRoutes'].includes(x.measure)).every((x) => x.counts.every((n) => n === 0))).toBe(true);
  expect(m.spofs.byClass.find((x) => x.class === 'PC-CORE')!.counts).toEqual([1, 0, 0, 1, 1, 0]);
  expect(m.spofs.byClass.find((x) => x.class === 'PC-TRUNK')!.counts).toEqual([0, 0, 1, 1, 1, 1]);
  const r = m.records;
  expect(r.checklists).toEqual([expect.objectContaining({ id: 'CL-1', items: 3, checked: 3, problems: 1, readyByDue: true })]);
  expect(r.cutovers.map((c) => [c.id, c.approvedInTime, c.restoration])).toEqual([
    ['CO-2', false, { status: 'notRestored', failedInWindow: 1, stillFailing: [fp('t1')] }],
    ['CO-1', true, { status: 'restored', failedInWindow: 1 }],
    ['CO-3', false, { status: 'notApplicable' }],
  ]);
  expect(r.drills.map((d) => [d.id, d.result, d.measuredSwitchMs, d.participants])).toEqual([['D-1', 'pass', 38, 3], ['D-2', 'fail', null, 3]]);
  expect(r.incidents.map((i) => [i.id, i.grade, i.report])).toEqual([['I-1', 'general', 'inTime'], ['I-2', 'major', 'late'], ['I-3', 'larger', 'notReported']]);
  expect(m.totals).toEqual({
    hazardsFound: 4, hazardsClosed: 2, overdueAtEnd: 2, spofsAtEnd: 1, checklists: 1, cutovers: 3, cutoversNotRestored: 1, drills: 2, drillsFailed: 1, incidents: 3, incidentsNotReportedInTime: 2,
  });
}

describe('the summary of a seeded half year', () => {
  it('holds the figures of the seed, and agrees with the ledger\'s own queries', async () => {
    const r = await get('/api/v1/reports/summary?period=2026-H1&format=json');
    expect(r.status, r.bytes.toString()).toBe(200);
    const m = JSON.parse(r.bytes.toString()) as SummaryModel;
    expect(validSummary(m), JSON.stringify(validSummary.errors)).toBe(true);
    expectSeededFigures(m);
    // the ledger's findings history, month by month: the single points of failure it holds then
    for (const [i, month] of m.spofs.months.entries()) {
      const present = await store.findingsAt(Date.parse(month.at), { limit: 1000, offset: 0 });
      expect(present.items.filter((f) => f.state === 'unprotected').length).toBe(m.spofs.total[i]);
    }
    // the ledger's 动态清零 report over the same 181 days, made at the half year's end
    const all = (await store.hazards({ now: NOW, limit: 100, offset: 0 })).items;
    const events: HazardEvent[] = [];
    for (const h of all) events.push(...await store.hazardEvents(h.id, { limit: 1000 }));
    const c = clearance(all, END, { days: 181, timeZone: 'Asia/Shanghai', events });
    expect(c.window.from).toBe(Date.parse(m.period.from));
    expect(c.closedInWindow).toBe(m.hazards.total.closed);
    expect(c.openedInWindow).toBe(m.hazards.total.found);
    // and the overdue query of the ledger now: the hazard closed after the end is overdue only at the end
    const overdueNow = (await store.hazards({ now: END, overdue: true, limit: 100, offset: 0 })).items.map((h) => h.subject?.id);
    expect(overdueNow).toEqual(['t1']);
    expect(m.hazards.lines.filter((x) => x.overdueAtEnd).map((x) => x.id.split(':')[2]).sort()).toEqual(['c2', 't1']);
  });

  it('reads the status at the end from each hazard\'s history, not its status now', async () => {
    const c2 = (await store.hazards({ now: NOW, limit: 10, offset: 0, fingerprint: [fp('c2')] })).items[0]!;
    expect(c2.status satisfies HazardStatus).toBe('closed');
    const m = JSON.parse((await get('/api/v1/reports/summary?period=2026-H1&format=json')).bytes.toString()) as SummaryModel;
    expect(m.hazards.lines.find((x) => x.id === c2.id)).toMatchObject({ statusAtEnd: 'pendingVerification', closedInPeriod: false });
  });

  it('the whole year so far and the second half: the same ledger, other windows', async () => {
    const year = JSON.parse((await get('/api/v1/reports/summary?period=2026&format=json')).bytes.toString()) as SummaryModel;
    expect(validSummary(year)).toBe(true);
    // as of now (1 Jul, 02:00): c2's closure counts, the year is under way
    expect(year.period).toMatchObject({ id: '2026', complete: false, asOf: new Date(NOW).toISOString() });
    expect(year.hazards.total).toEqual(FIG(4, 3, 2, 2, 1, 2));
    expect(year.spofs.months.map((x) => x.label)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
    const h2 = JSON.parse((await get('/api/v1/reports/summary?period=2026-H2&format=json')).bytes.toString()) as SummaryModel;
    expect(h2.hazards.backlog.openAtStart).toBe(3);
    expect(h2.hazards.total).toEqual(FIG(0, 1, 0, 2, 1, 1));
    expect(h2.hazards.clearanceRate).toBeNull();
    expect((await get('/api/v1/reports/summary?period=2027-H1')).status).toBe(400);
    expect((await get('/api/v1/reports/summary?period=2026-Q3')).status).toBe(400);
    expect((await get('/api/v1/reports/audit?period=2026-H1')).status).toBe(400);
    const at = await get('/api/v1/reports/summary?at=2026-06-30T00:00:00Z');
    expect(at.status).toBe(400);
    expect(at.bytes.toString()).toContain('the summary covers a period');
  });

  it('renders: the title of the notice, the trend as inline SVG, English on request, a CSV no spreadsheet runs', async () => {
    const html = (await get('/api/v1/reports/summary?period=2026-H1&format=html')).bytes.toString();
    expect(html).toContain('2026年上半年信息通信业安全生产工作总结');
    expect(html).toContain('工信厅通信函〔2023〕46号 三、（三）');
    expect(html).toContain('25.0%');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toMatch(/<polyline [^>]*points="[^"]+"/);
    expect(html).not.toMatch(/<script|(src|href)=/i);
    const en = (await get('/api/v1/reports/summary?period=2026&format=html&lang=en')).bytes.toString();
    expect(en).toContain('Safety-production work summary for the year 2026');
    expect(en).toContain('Cleared-to-zero rate');
    const csv = (await get('/api/v1/reports/summary?period=2026-H1&format=csv&table=by-risk')).bytes.toString('utf8').replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[1]).toBe('重大风险,1,1,0,1,1,1');
  });

  it('draws in Chromium (two charts, the notice\'s title) and prints to a PDF', async (ctx) => {
    const exe = findChromium();
    if (!prerequisite('chromium', exe !== null, 'the summary is drawn and printed by Debian chromium')) ctx.skip();
    const html = (await get('/api/v1/reports/summary?period=2026-H1&format=html')).bytes.toString();
    const browser = await playwright.launch({ executablePath: exe!, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.setContent(html);
      expect(await page.locator('header.file h1').innerText()).toBe('2026年上半年信息通信业安全生产工作总结（网络冗余保护）');
      expect(await page.locator('figure.chart svg').count()).toBe(2);
      // the measure chart: one line per measure that had a single point of failure, and the total
      expect(await page.locator('#spofs-measure polyline').count()).toBe(3);
      const box = await page.locator('#spofs-measure svg').boundingBox();
      expect(box !== null && box.width > 100 && box.height > 30).toBe(true);
    } finally {
      await browser.close();
    }
    const pdf = await get('/api/v1/reports/summary?period=2026-H1&format=pdf');
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it('is a signed archive that verify-report accepts, and leaves an audit record', async () => {
    const r = await get('/api/v1/reports/summary?period=2026-H1&archive=html,csv,xlsx,json');
    expect(r.type).toBe('application/x-tar');
    const out = join(dir, 'summary.tar');
    writeFileSync(out, r.bytes);
    expect(readTar(r.bytes).map((e) => e.name.split('/')[1]).sort()).toContain('summary-report.json');
    const lines: string[] = [];
    expect(runVerifyReport([out, '--key-id', key.fingerprint], { out: (t) => { lines.push(t); }, err: (t) => { lines.push(t); } }), lines.join('')).toBe(0);
    const records = await store.audit({ limit: 1000, action: 'export', target: 'reports/summary' });
    expect(records.some((x) => (x.after as { period?: string }).period === '2026-H1')).toBe(true);
  });

  it('redline report summary (CLI) writes the same figures from the ledger file', async () => {
    writeFileSync(join(dir, 'redline.yaml'), 'version: 1\nsites:\n  - { id: sh, class: PC-CORE }\n');
    const out = join(dir, 'cli-summary');
    const lines: string[] = [];
    const io = { out: (t: string) => { lines.push(t); }, err: (t: string) => { lines.push(t); }, tty: false, now: () => NOW };
    expect(await runReport(['summary', '--config', dir, '--out', out, '--period', '2026-H1', '--format', 'json,html', '--json'], io), lines.join('')).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'summary-report.json'), 'utf8')) as SummaryModel;
    expect(validSummary(m)).toBe(true);
    expectSeededFigures(m);
    expect(runVerifyReport([out, '--key-id', key.keyId], io)).toBe(0);
    const bad: string[] = [];
    expect(await runReport(['ledger', '--config', dir, '--out', join(dir, 'x'), '--period', '2026'], { out: (t) => { bad.push(t); }, err: (t) => { bad.push(t); }, tty: false, now: () => NOW })).toBe(2);
    expect(bad.join('')).toContain('--period is for the summary only');
  });
});
