/**
 * Ledger reconciliation benchmark (prints figures; never a timed test): one analysis pass of
 * 65,000 findings reconciled against 65,000 stored finding records, the pure `reconcile` alone
 * (no SQLite). Target: well under 200 ms per pass.
 *
 * Scenarios, each run 15 times after a warm-up; wall and CPU time (median and min: CPU time and the
 * min are the least disturbed by other load on a shared machine):
 * - steady: every finding already stored and unchanged, 10 % failing with a live hazard (the usual pass);
 * - churn: as steady, with 5 % of the findings changing state (failing ↔ protected, colours);
 * - cold: an empty ledger, every finding new, 10 % failing (the first pass after install);
 * - storm: an empty ledger, every finding new and failing (65,000 hazards opened at once).
 *
 * Run: npx tsx bench/ledger-reconcile-bench.ts
 */
import { performance } from 'node:perf_hooks';
import type { Colour, Finding, FindingState } from '../src/analysis/finding.js';
import type { LedgerState, PassInput } from '../src/ledger/port.js';
import { reconcile } from '../src/ledger/reconcile.js';
import { DEFAULT_LEDGER_POLICY, type FindingRecord, type Hazard } from '../src/ledger/types.js';

const N = 65_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const COLOURS: readonly Colour[] = ['red', 'orange', 'yellow', 'blue'];

function findingOf(i: number, state: FindingState): Finding {
  const colour = state === 'protected' || state === 'unknown' ? null : COLOURS[i % 4]!;
  const subject = { kind: 'device' as const, id: `dev-${i}` };
  const rule = `NODE-00${(i % 3) + 1}`;
  return {
    fingerprint: `${rule}|device|dev-${i}`, rule, subject, state, colour, riskLevel: null, risk: null, severity: colour === null ? null : 'spof',
    class: 'PC-AGG', site: `site-${i % 500}`, sites: [`site-${i % 500}`], measure: 'multipleNodes',
    labels: { measure: { zh: '多重节点', en: 'multiple nodes' }, state: { zh: state, en: state } },
    clause: 'MIIT-2023-46/2.3', clauses: [{ id: 'MIIT-2023-46/2.3', cite: { zh: '工信厅通信函〔2023〕46号 二、（三）', en: 'MIIT Notice No. 46 [2023], section 2(3)' } }],
    basis: ['GB 51194'], suggestedHazardGrade: colour === null ? null : '一般隐患', fault: false,
    evidence: [{ what: 'psu.ok', value: 1, observedAt: null }, { what: 'psu.failed', value: 1, observedAt: null }],
    explanation: { zh: `dev-${i} 只有一个电源`, en: `dev-${i} has one PSU` },
  };
}

const failingAt = (i: number): boolean => i % 10 === 0;

/** The findings of a pass: 10 % failing; `changed` of them flipped. */
function findings(changedEvery = 0): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < N; i++) {
    const flip = changedEvery > 0 && i % changedEvery === 1;
    out.push(findingOf(i, failingAt(i) !== flip ? 'unprotected' : 'protected'));
  }
  return out;
}

/** A ledger that already holds the steady findings and a live hazard for each failing one. */
function storedState(): LedgerState {
  const plan = reconcile({ findings: new Map(), hazards: new Map() }, { at: T0, policyHash: 'p', findings: findings() }, DEFAULT_LEDGER_POLICY);
  const records = new Map<string, FindingRecord>(plan.findings.map((r) => [r.fingerprint, r]));
  const hazards = new Map<string, Hazard>(plan.hazards.map((h) => [h.fingerprint!, { ...h, status: 'rectifying' }]));
  return { findings: records, hazards };
}

/** Median and min of a list of ms figures. */
function stats(xs: number[]): string {
  xs.sort((a, b) => a - b);
  return `median ${xs[xs.length >> 1]!.toFixed(1).padStart(6)} ms, min ${xs[0]!.toFixed(1).padStart(6)} ms`;
}

function measure(name: string, state: LedgerState, pass: PassInput, runs = 15): void {
  let plan = reconcile(state, pass, DEFAULT_LEDGER_POLICY);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    plan = reconcile(state, pass, DEFAULT_LEDGER_POLICY);
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(`${name.padEnd(7)} wall ${stats(wall)} | cpu ${stats(cpu)} | records ${plan.findings.length}, changes ${plan.findingChanges.length}, hazards ${plan.hazards.length}, audit ${plan.audit.length}`);
}

const empty: LedgerState = { findings: new Map(), hazards: new Map() };
const stored = storedState();
const at = T0 + 3_600_000;
console.log(`reconcile: ${N.toLocaleString('en')} findings against ${stored.findings.size.toLocaleString('en')} records and ${stored.hazards.size.toLocaleString('en')} hazards (target well under 200 ms)`);
measure('steady', stored, { at, policyHash: 'p', findings: findings() });
measure('churn', stored, { at, policyHash: 'p', findings: findings(20) });
measure('cold', empty, { at, policyHash: 'p', findings: findings() });
measure('storm', empty, { at, policyHash: 'p', findings: Array.from({ length: N }, (_, i) => findingOf(i, 'unprotected')) });
console.log('(times on a shared 2-core machine under load from other work are inflated)');
