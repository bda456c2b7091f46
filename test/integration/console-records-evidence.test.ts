/**
 * The issue's last done-when through the console, on real files: an operator files a cutover for
 * cr1 through the console's form and an administrator approves it there; cr1 reboots inside the
 * window (and comes back with a PSU failed), cr2 reboots with no plan. The analysis passes run as
 * the daemon runs them (the records read before each, the ledger reconciled after): the reboot
 * inside the approved window is no finding, the one outside any plan is (OPS-003). The cutover's
 * page then shows what redline observed: the reboot in its window, OPS-003's verdict on cr1
 * (covered by the plan) and OPS-004's (cr1's PSU failed in the window and still fails).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { inProcessReportView, type ReportView } from '../../src/analysis/worker/report-queries.js';
import type { Component } from '../../src/collect/observation.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import type { RecordsApi } from '../../src/records/port.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import { openSqliteStateStore, type StateStore } from '../../src/state/store.js';
import { consoleDeps, serveConsole, type ServedConsole } from '../support/console.js';
import { pollDevice, recordsPass } from '../support/records-pass.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const T0 = Date.parse('2026-09-12T10:00:00Z'); // 18:00 in Shanghai
const HOUR = 3_600_000;
const policy = loadPolicy(DEFAULT_POLICY_FILE);
const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });
const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }],
  devices: [{ id: 'cr1', site: 'bj', role: 'router', snmp: snmp(1) }, { id: 'cr2', site: 'bj', role: 'router', snmp: snmp(2) }],
});

let dir = '';
let state: StateStore;
let ledger: SqliteLedgerStore;
let records: RecordsApi;
let served: ServedConsole;
let now = T0;
let view: ReportView | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redline-console-records-evidence-'));
  state = openSqliteStateStore(join(dir, 'state.db'));
  ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
  records = { store: openSqliteRecordsStore(ledger.db), timeZone: () => 'Asia/Shanghai', now: () => now, changed: () => undefined };
  view = null;
  served = await serveConsole(consoleDeps(NET, {
    records, now: () => now, transitions: (id, opts) => state.transitions(id, opts),
    analysis: { latest: () => view, whatIf: () => Promise.reject(new Error('not used')), sweep: () => null },
  }), { auth: { now: () => now } });
});
afterEach(async () => {
  await served.close();
  state.close();
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function poll(id: string, at: number, uptimeSeconds: number, psu2: Component['status'] = 'ok'): void {
  pollDevice(state, id, at, uptimeSeconds, psu2);
}

/** One pass at `at` as the daemon runs it (test/support/records-pass.ts); the console then reads its report. */
async function pass(at: number): Promise<(rule: string) => Record<string, string>> {
  now = at;
  const { report, verdict } = await recordsPass({ inventory: NET, policy, state, ledger, records: records.store, dir }, at);
  view = inProcessReportView(report, at);
  return verdict;
}

it('a cutover filed and approved on the console covers the reboot in its window, a reboot outside any plan is a finding, and the cutover page shows what redline observed', async () => {
  now = T0 - 12 * HOUR;
  const op = await served.login('operator');
  const admin = await served.login('admin');
  const filed = await op.post('/records/cutovers/new', {
    ref: 'CHG-17', title: 'cr1 software upgrade', category: 'upgrade', 'operationPlan.ref': 'OP', 'operationPlan.summary': 'upgrade', 'rollbackPlan.ref': 'RB', 'rollbackPlan.summary': 'previous image',
    windowStart: '2026-09-12T13:00', windowEnd: '2026-09-12T16:00', 'affected.devices': 'cr1', // T0-5h … T0-2h in Shanghai
  });
  expect(filed.status).toBe(303);
  const path = filed.headers.get('location')!;
  now = T0 - 10 * HOUR;
  expect((await admin.post(`${path}/approve`, { version: '1' })).status).toBe(303);

  const U0 = 1_000_000;
  poll('cr1', T0 - 6 * HOUR, U0);
  poll('cr2', T0 - 6 * HOUR, U0);
  expect((await pass(T0 - 6 * HOUR + 10_000))('OPS-003')).toEqual({ cr1: 'protected', cr2: 'protected' });
  // in the window: cr1 reboots and comes back with PSU 2 failed
  poll('cr1', T0 - 4 * HOUR, 600, 'failed');
  poll('cr2', T0 - 4 * HOUR, U0 + 2 * 3600);
  expect((await pass(T0 - 4 * HOUR + 10_000))('OPS-003')).toEqual({ cr1: 'protected', cr2: 'protected' });
  // after the window: cr2 reboots with no plan; cr1's PSU is still failed
  poll('cr1', T0 - HOUR, 600 + 3 * 3600, 'failed');
  poll('cr2', T0 - HOUR, 300);
  poll('cr1', T0 - 10_000, 600 + 4 * 3600, 'failed');
  poll('cr2', T0 - 10_000, 300 + 3600);
  const after = await pass(T0);
  expect(after('OPS-003')).toEqual({ cr1: 'protected', cr2: 'degraded' });
  expect(after('OPS-004')).toEqual({ cr1: 'degraded' });

  // the morning's sessions have ended: the inspector of the afternoon reads the page
  const inspector = await served.login('inspector');
  const page = await inspector.get(path, { cookie: `${inspector.cookie}; redline_lang=en` });
  expect(page.status).toBe(200);
  const en = await page.text();
  const evidence = en.slice(en.indexOf('What redline observed around the window'));
  const restored = evidence.slice(evidence.indexOf('Protection restored after the window?'), evidence.indexOf('Changes on protected devices'));
  expect(restored).toContain('cr1: what failed during cutover CHG-17 is still failing after its window (PWR-001 degraded)');
  const covered = evidence.slice(evidence.indexOf('Changes on protected devices'), evidence.indexOf('Changes observed in the window'));
  expect(covered).toContain('cr1: 1 recent change(s), all within approved cutover windows (CHG-17)');
  expect(covered).not.toContain('cr2'); // not a device of this cutover
  const observed = evidence.slice(evidence.indexOf('Changes observed in the window'));
  expect(observed).toContain('2026-09-12 14:00 (Asia/Shanghai)');
  expect(observed).toMatch(/>reboot</);
});
