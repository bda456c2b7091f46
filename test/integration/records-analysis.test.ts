/**
 * The records feeding the analysis, on real files: device polls in a real SQLite state store (a
 * reboot is a sysUpTime reset the store turns into a transition), cutovers and drills in the
 * records of a real ledger file, passes reconciled into that ledger, and the daemon's evidence
 * source read before each pass — at fixed times. A reboot inside an approved cutover window is no
 * finding, a reboot outside any plan is; a PSU that failed in the window and is still failed after
 * it is reported by OPS-004 until it is fixed; a done drill in the records is SWO-006's and
 * SWO-002's evidence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Component } from '../../src/collect/observation.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { approveCutover, moveCutover, newRecord, recordAudit } from '../../src/records/lifecycle.js';
import type { RecordsStore } from '../../src/records/port.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import type { AnyRecord } from '../../src/records/types.js';
import { openSqliteStateStore, type StateStore } from '../../src/state/store.js';
import { pollDevice, recordsPass } from '../support/records-pass.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const T0 = Date.parse('2026-09-12T10:00:00Z');
const HOUR = 3_600_000;
const policy = loadPolicy(DEFAULT_POLICY_FILE);
const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });
const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }],
  devices: [{ id: 'cr1', site: 'bj', role: 'router', snmp: snmp(1) }, { id: 'cr2', site: 'bj', role: 'router', snmp: snmp(2) }],
  links: [
    { id: 'w', a: { device: 'cr1', interface: 'L1' }, b: { device: 'cr2', interface: 'L1' }, protection: { group: 'pg1', leg: 'working' } },
    { id: 'p', a: { device: 'cr1', interface: 'L2' }, b: { device: 'cr2', interface: 'L2' }, protection: { group: 'pg1', leg: 'protect' } },
  ],
});

let dir = '';
let state: StateStore;
let ledger: SqliteLedgerStore;
let records: RecordsStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redline-records-analysis-'));
  state = openSqliteStateStore(join(dir, 'state.db'));
  ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
  records = openSqliteRecordsStore(ledger.db);
});
afterEach(async () => {
  state.close();
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function poll(id: string, at: number, uptimeSeconds: number, psu2: Component['status'] = 'ok'): void {
  pollDevice(state, id, at, uptimeSeconds, psu2);
}

async function write(r: AnyRecord): Promise<void> {
  await records.create(r, recordAudit('create', null, r));
}

/** One pass at `at` as the daemon runs it (test/support/records-pass.ts). */
async function pass(at: number) {
  return recordsPass({ inventory: NET, policy, state, ledger, records, dir }, at);
}

describe('the records in the analysis', () => {
  it('a reboot inside an approved window is no finding, one outside any plan is; what broke in the window and stays broken is reported until fixed', async () => {
    const c = newRecord('cutover', {
      ref: 'CHG-17', title: 'cr1 software upgrade', category: 'upgrade', operationPlan: { ref: 'OP', summary: 'upgrade' }, rollbackPlan: { ref: 'RB', summary: 'previous image' },
      emergency: false, windowStart: T0 - 5 * HOUR, windowEnd: T0 - 2 * HOUR, affected: { devices: ['cr1'], links: [], sites: [], riskGroups: [] }, notes: '',
    }, { actor: 'olga', now: T0 - 12 * HOUR });
    await write(c);
    await records.update('cutover', c.id, 1, approveCutover({ actor: 'ada', now: T0 - 10 * HOUR }));
    await records.update('cutover', c.id, 2, moveCutover({ version: 2, action: 'start' }, { actor: 'olga', now: T0 - 5 * HOUR }));
    await records.update('cutover', c.id, 3, moveCutover({ version: 3, action: 'finish', outcome: 'done' }, { actor: 'olga', now: T0 - 2 * HOUR }));

    const U0 = 1_000_000;
    // before the window: both up for long, PSUs fine
    poll('cr1', T0 - 6 * HOUR, U0);
    poll('cr2', T0 - 6 * HOUR, U0);
    const before = await pass(T0 - 6 * HOUR + 10_000);
    expect(before.verdict('OPS-003')).toEqual({ cr1: 'protected', cr2: 'protected' });
    // in the window: cr1 reboots (its uptime starts again) and comes back with PSU 2 failed
    poll('cr1', T0 - 4 * HOUR, 600, 'failed');
    poll('cr2', T0 - 4 * HOUR, U0 + 2 * 3600);
    const during = await pass(T0 - 4 * HOUR + 10_000);
    expect(during.verdict('OPS-003')).toEqual({ cr1: 'protected', cr2: 'protected' });
    expect(during.verdict('PWR-001')).toMatchObject({ cr1: 'degraded' });
    // after the window: cr2 reboots with no plan; cr1's PSU is still failed
    poll('cr1', T0 - HOUR, 600 + 3 * 3600, 'failed');
    poll('cr2', T0 - HOUR, 300);
    poll('cr1', T0 - 10_000, 600 + 4 * 3600, 'failed');
    poll('cr2', T0 - 10_000, 300 + 3600);
    const after = await pass(T0);
    expect(after.verdict('OPS-003')).toEqual({ cr1: 'protected', cr2: 'degraded' });
    expect(after.report.findings.find((f) => f.rule === 'OPS-003' && f.subject.id === 'cr2')!.colour).toBe('orange');
    expect(after.evidence.cutovers[0]!.appeared).toHaveLength(1);
    expect(after.verdict('OPS-004')).toEqual({ cr1: 'degraded' });
    expect(after.report.findings.find((f) => f.rule === 'OPS-004')!.explanation.en).toBe('cr1: what failed during cutover CHG-17 is still failing after its window (PWR-001 degraded)');
    // PSU 2 replaced: OPS-004 is satisfied
    poll('cr1', T0 + 20 * 60_000, 600 + 4 * 3600 + 1200);
    poll('cr2', T0 + 20 * 60_000, 300 + 3600 + 1200);
    expect((await pass(T0 + 20 * 60_000 + 10_000)).verdict('OPS-004')).toEqual({ cr1: 'protected' });
  });

  it('a done drill in the records is the drill register of SWO-006 and SWO-002; without any, SWO-006 is skipped as before', async () => {
    poll('cr1', T0 - 10_000, 1000);
    poll('cr2', T0 - 10_000, 1000);
    const none = await pass(T0);
    expect(none.verdict('SWO-006')).toEqual({});
    expect(none.report.summary.rules.find((r) => r.rule === 'SWO-006')!.notEvaluated[0]!.code).toBe('no_register_configured');
    const drill = (start: number, measuredSwitchMs: number) => newRecord('drill', {
      title: 'pg1 switchover test', scenario: 'working leg cut', planId: null, group: 'pg1', elements: { devices: [], links: ['w', 'p'], sites: [], riskGroups: [] },
      start, end: start + HOUR, participants: ['li'], status: 'done', result: 'pass', measuredSwitchMs, reportRef: 'DR-9', notes: '',
    }, { actor: 'olga', now: T0 });
    await write(drill(T0 - 40 * 24 * HOUR, 38));
    const fresh = await pass(T0);
    expect(fresh.verdict('SWO-006')).toMatchObject({ pg1: 'protected' });
    expect(fresh.verdict('SWO-002')).toEqual({ pg1: 'protected' });
    await write(drill(T0 - 10 * 24 * HOUR, 80));
    expect((await pass(T0)).verdict('SWO-002')).toEqual({ pg1: 'degraded' });
  });
});
