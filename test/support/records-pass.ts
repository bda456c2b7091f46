/**
 * One analysis pass over the records as the daemon runs it, for tests on real files: the records'
 * evidence read (drills, cutover windows, what appeared in each ended window from the ledger's
 * findings history), the analysis over the state store's latest polls and recent changes, and
 * the pass reconciled into the ledger — at a fixed time.
 */
import { createAnalysisLoop } from '../../src/analysis/analysis-pass.js';
import type { AnalysisReport } from '../../src/analysis/analyze.js';
import type { Policy } from '../../src/analysis/policy.js';
import { CHECKED_SUBJECTS } from '../../src/analysis/rules/ops.js';
import type { Component } from '../../src/collect/observation.js';
import type { Inventory } from '../../src/inventory/model.js';
import { reconcile } from '../../src/ledger/reconcile.js';
import type { SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import { recordsEvidenceSource, type RecordsEvidence } from '../../src/records/evidence.js';
import { appearedViaSqlite } from '../../src/records/findings-history.js';
import type { RecordsStore } from '../../src/records/port.js';
import type { StateStore } from '../../src/state/store.js';
import { observation } from './snapshot-builders.js';

/** What a pass runs over. */
export interface RecordsPassParts {
  readonly inventory: Inventory;
  readonly policy: Policy;
  readonly state: StateStore;
  readonly ledger: SqliteLedgerStore;
  readonly records: RecordsStore;
  /** The configuration directory the analysis may read (a temporary one). */
  readonly dir: string;
}

/** One pass at `at`: its report, each rule's verdict by subject id, and the records' evidence it used. */
export async function recordsPass(p: RecordsPassParts, at: number): Promise<{ report: AnalysisReport; verdict: (rule: string) => Record<string, string>; evidence: RecordsEvidence }> {
  const evidence = await recordsEvidenceSource({ records: p.records, appeared: appearedViaSqlite(p.ledger.db), now: () => at }).refresh();
  const loop = createAnalysisLoop({
    inventory: () => p.inventory, policy: () => p.policy, devices: () => p.state.latestDevices(), health: () => [],
    records: () => evidence, changes: (since) => p.state.transitionsSince(since, 100_000, CHECKED_SUBJECTS),
    pollIntervalMs: () => 60_000, staleAfterMissed: () => 3, healthIntervalMs: () => undefined, configDir: () => p.dir, now: () => at,
  });
  const report = loop.runNow().report;
  await p.ledger.applyPass({ at, policyHash: 'p'.repeat(64), findings: report.findings }, (s, q) => reconcile(s, q, DEFAULT_LEDGER_POLICY));
  const verdict = (rule: string): Record<string, string> => Object.fromEntries(report.findings.filter((f) => f.rule === rule).map((f) => [f.subject.id, f.state]));
  return { report, verdict, evidence };
}

const psu = (name: string, status: Component['status']): Component => ({ id: name, name, status, sources: [] });

/** Stores a poll of device `id` at `at` with its uptime (s; smaller than the last: a reboot) and whether its PSU 2 works. */
export function pollDevice(state: StateStore, id: string, at: number, uptimeSeconds: number, psu2: Component['status'] = 'ok'): void {
  state.recordDevicePoll(id, at, { answered: true, observation: observation({ target: id, system: { name: id, descr: null, objectId: null, uptimeSeconds }, powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', psu2)] }) });
}
