/**
 * Benchmark of what the records add to every analysis pass (`npx tsx bench/records-bench.ts
 * [devices] [findings]`): the OPS-003 read of each protected device's recent changes from a real
 * SQLite state store (10,000 devices by default, each with a week of transitions: a few reboots,
 * BGP and VRRP changes, interface flaps), the daemon's read of the records before a pass (500
 * cutovers and 2,000 drills in a real ledger file), and the one-time read of a window's
 * "appeared" findings from a ledger holding 20,000 findings. Prints medians; a script, not a
 * timed test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANGE_LOOKBACK_MS, CHECKED_SUBJECTS, isCheckedChange } from '../src/analysis/rules/ops.js';
import { reconcile } from '../src/ledger/reconcile.js';
import { openSqliteLedgerStore } from '../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../src/ledger/types.js';
import { APPEARED_GRACE_MS, recordsEvidenceSource } from '../src/records/evidence.js';
import { appearedViaPort, appearedViaSqlite } from '../src/records/findings-history.js';
import { approveCutover, newRecord, recordAudit } from '../src/records/lifecycle.js';
import { openSqliteRecordsStore } from '../src/records/sqlite-store.js';
import { openSqliteStateStore } from '../src/state/store.js';
import { testFinding } from '../test/ledger/simple-planner.js';

const DEVICES = Number(process.argv[2] ?? 10_000);
const FINDINGS = Number(process.argv[3] ?? 20_000);
const NOW = Date.parse('2026-09-12T04:00:00Z');
const HOUR = 3_600_000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (runs: number, fn: () => unknown): Promise<number> => {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
};

const dir = mkdtempSync(join(tmpdir(), 'redline-records-bench-'));
try {
  // --- a week of transitions for every device
  const state = openSqliteStateStore(join(dir, 'state.db'));
  const ids = Array.from({ length: DEVICES }, (_, i) => `d${i}`);
  let stored = 0;
  for (const id of ids) {
    const n = Number(id.slice(1));
    for (let k = 0; k < 12; k++) {
      const at = NOW - 7 * 24 * HOUR + k * 13 * HOUR + (n % 600) * 1000;
      // a week of a busy device: one reboot, a BGP and a VRRP change, the rest interface and LLDP churn
      const subject = k === 0 ? 'reboot' : k === 1 ? `bgp:|10.0.${n % 250}.1` : k === 2 ? 'fhrp:vrrp|Vlan10|10' : k % 2 === 0 ? `if:${k}` : `lldp:xe-0/0/${k}|peer|xe-1/0/${k}`;
      state.recordDeviceEvent({ deviceId: id, at, subject, from: subject === 'reboot' ? '900000' : 'up', to: subject === 'reboot' ? '60' : 'down' });
      stored++;
    }
  }
  let kept = 0;
  const changesMs = await time(5, () => {
    kept = 0;
    for (const t of state.transitionsSince(NOW - CHANGE_LOOKBACK_MS, 500_000, CHECKED_SUBJECTS)) if (isCheckedChange(t)) kept++;
  });
  console.log(`OPS-003 changes read: ${DEVICES} devices, ${stored} transitions stored, ${kept} checked changes: ${changesMs.toFixed(1)} ms per pass (median of 5)`);
  state.close();

  // --- records and ledger
  const ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const records = openSqliteRecordsStore(ledger.db);
  const w = { actor: 'bench', now: NOW - 30 * 24 * HOUR };
  for (let i = 0; i < 500; i++) {
    const c = newRecord('cutover', {
      ref: `CHG-${i}`, title: 't', category: 'upgrade', operationPlan: { ref: 'o', summary: 's' }, rollbackPlan: { ref: 'r', summary: 's' }, emergency: false,
      windowStart: NOW - (i % 60) * 24 * HOUR - 4 * HOUR, windowEnd: NOW - (i % 60) * 24 * HOUR, affected: { devices: [`d${i}`], links: [], sites: [], riskGroups: [] }, notes: '',
    }, w);
    await records.create(c, recordAudit('create', null, c));
    await records.update('cutover', c.id, 1, approveCutover(w));
  }
  for (let i = 0; i < 2000; i++) {
    const d = newRecord('drill', {
      title: 't', scenario: 's', planId: null, group: `pg${i % 400}`, elements: { devices: [], links: [], sites: [], riskGroups: [] },
      start: NOW - (i % 300) * 24 * HOUR, end: NOW - (i % 300) * 24 * HOUR + HOUR, participants: [], status: 'done', result: 'pass', measuredSwitchMs: 30, reportRef: 'r', notes: '',
    }, w);
    await records.create(d, recordAudit('create', null, d));
  }
  // a ledger with FINDINGS findings, half failing, over three passes
  for (const [k, at] of [NOW - 3 * 24 * HOUR, NOW - 2 * 24 * HOUR, NOW - 24 * HOUR].entries()) {
    const findings = Array.from({ length: FINDINGS }, (_, i) => testFinding({ rule: 'PWR-001', id: `d${i}`, state: (i + k) % 2 === 0 ? 'degraded' : 'protected' }));
    await ledger.applyPass({ at, policyHash: 'p'.repeat(64), findings }, (s, p) => reconcile(s, p, DEFAULT_LEDGER_POLICY));
  }
  const cold = recordsEvidenceSource({ records, appeared: appearedViaSqlite(ledger.db), now: () => NOW });
  const t0 = performance.now();
  const first = await cold.refresh();
  const firstMs = performance.now() - t0;
  const ended = first.cutovers.filter((c) => c.appeared !== null).length;
  const warmMs = await time(5, () => cold.refresh());
  console.log(`records read before a pass: ${first.cutovers.length} cutovers (${ended} ended, each window's appeared findings read once from ${FINDINGS} findings), ${first.drills.length} drills: first ${firstMs.toFixed(0)} ms, then ${warmMs.toFixed(1)} ms per pass (median of 5)`);
  const c = (await records.list({ kind: 'cutover', limit: 1, offset: 0 })).items[0]!;
  for (const [name, reader] of [['port (findingsAt)', appearedViaPort(ledger)], ['SQL (finding_change)', appearedViaSqlite(ledger.db)]] as const) {
    let n = 0;
    const ms = await time(3, async () => { n = (await reader(c.windowStart - 3 * 24 * HOUR, c.windowEnd + APPEARED_GRACE_MS)).length; });
    console.log(`one window's appeared findings via ${name}: ${n} of ${FINDINGS} findings in ${ms.toFixed(1)} ms (median of 3)`);
  }
  await ledger.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
