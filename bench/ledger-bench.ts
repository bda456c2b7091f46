/**
 * Ledger store benchmark (issue 9): fills a ledger file with 100,000 hazards (spread over
 * statuses, risk colours, sites, classes, owners and rules, written through applyPass) and
 * 1,000,000 audit records (appendAuditSync in large transactions), then prints p50/p95 of
 * `hazards()` for each filter on the first page and a deep page, `findingsAt` p50/p95, the time
 * of `applyPass` for a 10,000-device pass (~65,000 findings) reconciled by the daemon's own
 * planner (src/ledger/reconcile.ts, default ledger policy), with its CPU time beside the wall
 * time, and the file size. The passes "with nothing changed" still write while hazards count their
 * protected passes towards verification (policy verifyPasses, 3); the last of them is the steady state. Figures only, no
 * assertions; on a shared machine they are inflated by whatever else runs.
 * Run: npx tsx bench/ledger-bench.ts [--keep]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLOURS, type Colour, type FindingState } from '../src/analysis/finding.js';
import { PROTECTION_CLASSES } from '../src/config/schema.js';
import type { HazardQuery, PassInput, ReconcilePlan } from '../src/ledger/port.js';
import { appendAuditSync } from '../src/ledger/sqlite-db.js';
import { openSqliteLedgerStore } from '../src/ledger/sqlite-store.js';
import { fillHazards } from './ledger-fill.js';
import { DEFAULT_LEDGER_POLICY, HAZARD_STATUSES, type AuditEntry, type Hazard } from '../src/ledger/types.js';
import { reconcile } from '../src/ledger/reconcile.js';
import { testFinding, testHazard } from '../test/ledger/simple-planner.js';

const DEVICES = 10_000;
const RULES = 10;
const HAZARDS = DEVICES * RULES;
const AUDIT_TARGET = 1_000_000;
const SITES = 400;
const OWNERS = 60;
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const MIN = 60_000;
const POLICY = 'c'.repeat(64);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function sample(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await timeMs(fn));
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} p50 ${quantile(ms, 0.5).toFixed(2).padStart(9)} ms   p95 ${quantile(ms, 0.95).toFixed(2).padStart(9)} ms   (${runs} runs)`);
}

function fileSize(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** Hazard number n: device n / RULES, rule n % RULES, spread over every filter's values. */
function benchHazard(n: number): Hazard {
  const device = Math.floor(n / RULES);
  const rule = `R${n % RULES}`;
  const colour: Colour = COLOURS[(n * 7) % 4]!;
  const status = HAZARD_STATUSES[(n * 13) % HAZARD_STATUSES.length]!;
  const site = `site-${device % SITES}`;
  const foundAt = T0 + (n % 90) * DAY;
  return testHazard({
    subjectId: `dev-${device}`, rule, foundAt, colour, status,
    location: n % 10 === 0 ? { siteId: null, sites: [site, `site-${(device + 1) % SITES}`] } : { siteId: site, sites: [site] },
    protectionClass: PROTECTION_CLASSES[n % PROTECTION_CLASSES.length]!,
    ownerPerson: n % 5 === 0 ? null : `owner-${n % OWNERS}`,
    deadline: foundAt + [7, 15, 30, 90][(n * 7) % 4]! * DAY,
    fixedAt: status === 'pendingVerification' || status === 'closed' ? foundAt + 3 * DAY : null,
    closedAt: status === 'closed' ? foundAt + 5 * DAY : null,
  });
}

/** The findings of a 10,000-device pass: 6 or 7 rules per device (~65,000), one in `failingEvery` failing; another `shift` picks others. */
function passFindings(at: number, failingEvery: number, shift: number): PassInput {
  const findings = [];
  for (let d = 0; d < DEVICES; d++) {
    const rules = d % 2 === 0 ? 7 : 6;
    for (let r = 0; r < rules; r++) {
      const k = d * RULES + r;
      const state: FindingState = (d * 7 + r + shift) % failingEvery === 0 ? 'unprotected' : 'protected';
      findings.push(testFinding({ rule: `R${r}`, id: `dev-${d}`, state, colour: state === 'protected' ? null : COLOURS[k % 4]!, site: `site-${d % SITES}` }));
    }
  }
  return { at, policyHash: POLICY, findings };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-ledger-bench-'));
  const file = join(dir, 'ledger.db');
  const store = openSqliteLedgerStore(file);
  console.log(`ledger bench: ${file}`);
  try {
    // Filling is not what is measured: no fsync per transaction while filling.
    store.db.pragma('synchronous = OFF');
    const fillStart = Date.now();
    await fillHazards(store, HAZARDS, benchHazard, T0, POLICY);
    const hazardsDone = Date.now();
    console.log(`filled ${HAZARDS.toLocaleString('en')} hazards in ${((hazardsDone - fillStart) / 1000).toFixed(1)} s (10 passes of 10,000 new hazards, synchronous=OFF)`);
    let audited = (store.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
    const AUDIT_BATCH = 50_000;
    while (audited < AUDIT_TARGET) {
      const count = Math.min(AUDIT_BATCH, AUDIT_TARGET - audited);
      const base = audited;
      store.db.transaction(() => {
        const entries: AuditEntry[] = [];
        for (let i = 0; i < count; i++) {
          const n = base + i;
          entries.push({ at: T0 + n * 1000, actor: `owner-${n % OWNERS}`, action: n % 3 === 0 ? 'hazard.update' : 'hazard.comment', target: `hazard:${benchHazard(n % HAZARDS).id}`, before: { ownerPerson: null }, after: { ownerPerson: `owner-${n % OWNERS}`, note: 'remediation plan agreed with the maintenance contractor' } });
        }
        appendAuditSync(store.db, entries);
      }).immediate();
      audited += count;
    }
    console.log(`filled ${audited.toLocaleString('en')} audit records in ${((Date.now() - hazardsDone) / 1000).toFixed(1)} s`);
    store.db.pragma('synchronous = FULL');
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.db.exec('ANALYZE');

    // Passes at 10,000 devices (~65,000 findings), synchronous=FULL as in production.
    const planner = (state: Parameters<typeof reconcile>[0], pass: PassInput): ReconcilePlan => reconcile(state, pass, DEFAULT_LEDGER_POLICY);
    const passAt = (k: number): number => T0 + 200 * DAY + k * 5 * MIN;
    for (const [k, label, failingEvery, shift] of [
      [0, 'first pass (every finding new)', 20, 0],
      [1, 'pass with nothing changed', 20, 0],
      [2, 'pass with ~10% of findings changed', 20, 1],
      [3, 'pass with ~10% of findings changed', 20, 2],
      [4, 'pass with nothing changed', 20, 2],
      [5, 'pass with nothing changed', 20, 2],
      [6, 'pass with nothing changed', 20, 2],
    ] as const) {
      const input = passFindings(passAt(k), failingEvery, shift);
      let outcome;
      const cpu = process.cpuUsage();
      const ms = await timeMs(async () => { outcome = await store.applyPass(input, planner); });
      const used = process.cpuUsage(cpu);
      // CPU time beside wall time: on a shared machine the wall time is mostly waiting for a core
      const cpuMs = (used.user + used.system) / 1000;
      console.log(`applyPass ${input.findings.length.toLocaleString('en')} findings, ${label.padEnd(36)} ${ms.toFixed(0).padStart(7)} ms wall ${cpuMs.toFixed(0).padStart(7)} ms CPU   ${JSON.stringify(outcome)}`);
    }

    const now = T0 + 120 * DAY;
    const deep = 5_000;
    const filters: [string, Partial<HazardQuery>][] = [
      ['(none)', {}],
      ['status=open,reopened', { status: ['open', 'reopened'] }],
      ['colour=red', { colour: ['red'] }],
      ['site=site-17', { site: ['site-17'] }],
      ['class=PC-CORE', { protectionClass: ['PC-CORE'] }],
      ['owner=owner-7', { owner: ['owner-7'] }],
      ['rule=R3', { rule: ['R3'] }],
      ['overdue', { overdue: true }],
      ['status+colour+site', { status: ['open', 'acknowledged', 'rectifying', 'reopened'], colour: ['red', 'orange'], site: ['site-3'] }],
    ];
    for (const [label, filter] of filters) {
      const total = (await store.hazards({ now, limit: 1, offset: 0, ...filter })).total;
      await sample(`hazards ${label} first page (of ${total})`, 20, () => store.hazards({ now, limit: 50, offset: 0, ...filter }));
      const offset = Math.max(0, Math.min(deep, total - 50));
      await sample(`hazards ${label} page at ${offset}`, 20, () => store.hazards({ now, limit: 50, offset, ...filter }));
    }
    for (const k of [0, 2, 3]) {
      await sample(`findingsAt(pass ${k}) first page`, 10, () => store.findingsAt(passAt(k), { limit: 100, offset: 0 }));
    }
    await sample('findingsAt(latest) page at 60,000', 10, () => store.findingsAt(passAt(3), { limit: 100, offset: 60_000 }));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`file size ${(fileSize(dir) / 1024 / 1024).toFixed(1)} MiB (ledger.db + WAL)`);
  } finally {
    await store.close();
    if (process.argv.includes('--keep')) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
