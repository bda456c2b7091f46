/**
 * Signed-report benchmark (issue 13): a ledger holding a 2,000-device network judged by six rules
 * (12,000 findings, ~3,000 failing, so ~3,000 hazards with their history), two passes a day apart,
 * and an inventory of those devices on 100 sites. Prints the time to read the sources and build
 * the audit model at a past time, to render each format (PDF only when Chromium is installed), to
 * sign, and to verify the export; the same for the ledger export and the half-year summary; and the sizes. Figures only, no
 * assertions; on a shared machine they are inflated by whatever else runs.
 * Run: npx tsx bench/report-bench.ts (BENCH_NO_PDF=1 skips the PDF; BENCH_KEEP_HTML=1 keeps the HTML in /tmp to look at)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingState } from '../src/analysis/finding.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../src/analysis/policy.js';
import { loadOrCreateSigningKey } from '../src/ledger/signing.js';
import { reconcile } from '../src/ledger/reconcile.js';
import { openSqliteLedgerStore } from '../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../src/ledger/types.js';
import { reportOf, type ReportKind } from '../src/reports/index.js';
import { findChromium } from '../src/reports/pdf.js';
import { parsePeriod } from '../src/reports/summary-period.js';
import { produceSignedReport, renderReport, type RenderableReport, type ReportFormat } from '../src/reports/produce.js';
import { verifyExportFiles } from '../src/reports/signed-export.js';
import { testFinding } from '../test/ledger/simple-planner.js';
import { inventoryFromObject } from '../test/support/snapshot-builders.js';

const DEVICES = 2_000;
const SITES = 100;
const RULES = ['PWR-001', 'NODE-003', 'CFG-002', 'SWO-004', 'LOAD-001', 'RTE-002'];
const T1 = Date.UTC(2026, 5, 1);
const T2 = T1 + 86_400_000;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  const out = await fn();
  console.log(`${label.padEnd(40)} ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0).padStart(7)} ms`);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'redline-report-bench-'));
try {
  const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const key = loadOrCreateSigningKey(join(dir, 'key.pem'), { now: T1 });
  const site = (d: number): string => `site-${d % SITES}`;
  const findings = (flip: boolean) => Array.from({ length: DEVICES * RULES.length }, (_, n) => {
    const d = Math.floor(n / RULES.length);
    const state: FindingState = (n % 4 === 0) !== (flip && n % 8 === 0) ? 'unprotected' : 'protected';
    return testFinding({ id: `dev-${d}`, rule: RULES[n % RULES.length]!, state, site: site(d) });
  });
  const plan = (s: Parameters<typeof reconcile>[0], p: Parameters<typeof reconcile>[1]) => reconcile(s, p, DEFAULT_LEDGER_POLICY);
  await timed('seed: pass 1 (12,000 findings)', () => store.applyPass({ at: T1, policyHash: 'a'.repeat(64), findings: findings(false) }, plan));
  await timed('seed: pass 2 (a day later)', () => store.applyPass({ at: T2, policyHash: 'a'.repeat(64), findings: findings(true) }, plan));
  const inventory = inventoryFromObject({
    sites: Array.from({ length: SITES }, (_, i) => ({ id: `site-${i}`, class: 'PC-CORE', province: i % 2 === 0 ? '上海' : '北京' })),
    devices: Array.from({ length: DEVICES }, (_, d) => ({ id: `dev-${d}`, site: site(d), role: 'core' })),
  });
  const policy = loadPolicy(DEFAULT_POLICY_FILE);
  const src = {
    store, inventory, policy, policyHash: 'a'.repeat(64), timeZone: 'Asia/Shanghai',
    coverage: () => Promise.resolve(null), latestFindings: () => Promise.resolve(null), signingKey: { keyId: key.keyId, fingerprint: key.fingerprint },
  };
  const formats: ReportFormat[] = ['html', 'csv', 'xlsx', 'json', ...(findChromium() === null || process.env['BENCH_NO_PDF'] !== undefined ? [] : ['pdf' as const])];
  for (const kind of ['audit', 'ledger', 'summary'] as ReportKind[]) {
    // the summary: the first half of 2026 as of the second pass (six month-end samples of the findings history)
    const period = kind === 'summary' ? { period: parsePeriod('2026-H1', 'Asia/Shanghai') } : {};
    const report = await timed(`${kind}: read sources + build model`, () => reportOf(kind, src, { window: { at: T1 + 3_600_000 }, scope: {}, lang: 'zh-CN', ...period }, T2)) as RenderableReport<unknown>;
    for (const f of formats) {
      const files = await timed(`${kind}: render ${f}`, () => renderReport(report, { lang: 'zh-CN', formats: [f], createdAt: T2 }));
      if (process.env['BENCH_KEEP_HTML'] !== undefined && f === 'html') (await import('node:fs')).writeFileSync(`/tmp/${kind}-bench.html`, files[0]!.bytes);
      console.log(`${''.padEnd(40)} ${(files.reduce((n, x) => n + x.bytes.length, 0) / 1024).toFixed(0).padStart(7)} KiB`);
    }
    const signed = await timed(`${kind}: render html,csv,xlsx,json + sign`, () => produceSignedReport(report, { lang: 'zh-CN', formats: ['html', 'csv', 'xlsx', 'json'], createdAt: T2 }, key));
    await timed(`${kind}: verify`, () => Promise.resolve(verifyExportFiles(new Map(signed.map((f) => [f.name, f.bytes])), { publicKeyPem: key.publicKeyPem })));
  }
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
