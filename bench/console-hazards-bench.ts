/**
 * Console page benchmark (issue 10): server time of the console's pages at the scale the issue
 * names. The hazard list (`/hazards`) with 65,000 hazards in a real SQLite ledger file (a
 * 10,000-device network's findings, spread over statuses, risk colours, grades, sites, classes,
 * owners and rules): the first page, a filtered page, an overdue page and a deep page; one
 * hazard's page with its history; the audit log's first and a deep page. Each request goes
 * through the real API app and console router over HTTP on 127.0.0.1 (authentication off, so no
 * login is measured); p50/p95 of the full answer, and its size. Figures only, no assertions; on
 * a shared machine they are inflated by whatever else runs.
 * Run: npx tsx bench/console-hazards-bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { COLOURS, type Colour } from '../src/analysis/finding.js';
import { createApiApp } from '../src/api/app.js';
import type { LedgerApi } from '../src/api/ledger-port.js';
import { createApiServer } from '../src/api/server.js';
import { PROTECTION_CLASSES } from '../src/config/schema.js';
import { openSqliteLedgerStore } from '../src/ledger/sqlite-store.js';
import { fillHazards } from './ledger-fill.js';
import { DEFAULT_LEDGER_POLICY, HAZARD_STATUSES, type Hazard } from '../src/ledger/types.js';
import { openAuthOff } from '../test/support/auth.js';
import { inventoryFromObject } from '../test/support/snapshot-builders.js';
import { testHazard } from '../test/ledger/simple-planner.js';

const HAZARDS = Number(process.env['BENCH_HAZARDS'] ?? 65_000);
const SITES = 400;
const OWNERS = 60;
const T0 = Date.UTC(2026, 0, 1);
const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const POLICY = 'c'.repeat(64);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function benchHazard(n: number): Hazard {
  const device = Math.floor(n / 7);
  const colour: Colour = COLOURS[(n * 7) % 4]!;
  const status = HAZARD_STATUSES[(n * 13) % HAZARD_STATUSES.length]!;
  const site = `site-${device % SITES}`;
  const foundAt = T0 + (n % 120) * DAY;
  const h = testHazard({
    subjectId: `dev-${device}`, rule: `R${n % 7}`, foundAt, colour, status,
    location: { siteId: site, sites: [site] },
    protectionClass: PROTECTION_CLASSES[n % PROTECTION_CLASSES.length]!,
    ownerPerson: n % 5 === 0 ? null : `owner-${n % OWNERS}`,
    deadline: foundAt + [7, 15, 30, 90][(n * 7) % 4]! * DAY,
    fixedAt: status === 'pendingVerification' || status === 'closed' ? foundAt + 3 * DAY : null,
    closedAt: status === 'closed' ? foundAt + 5 * DAY : null,
  });
  return { ...h, grade: n % 3 === 0 ? null : n % 3 === 1 ? '一般隐患' : '重大隐患' };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-console-bench-'));
  const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const off = await openAuthOff();
  let server: Server | null = null;
  try {
    store.db.pragma('synchronous = OFF');
    const fillStart = Date.now();
    await fillHazards(store, HAZARDS, benchHazard, T0, POLICY);
    store.db.pragma('synchronous = NORMAL');
    console.log(`console bench: ${HAZARDS.toLocaleString('en')} hazards (and as many audit records) filled in ${((Date.now() - fillStart) / 1000).toFixed(1)} s`);

    const ledger: LedgerApi = {
      store, policy: () => DEFAULT_LEDGER_POLICY, timeZone: () => 'Asia/Shanghai', maxAttachmentKB: () => 512,
      now: () => NOW, latestCheckpoint: () => Promise.resolve(null), waiversChanged: () => undefined,
    };
    const app = createApiApp({
      inventory: () => inventoryFromObject({ sites: [{ id: 'site-0', class: 'PC-CORE' }], devices: [{ id: 'dev-0', site: 'site-0', role: 'core' }] }),
      device: () => null, transitions: () => [], health: () => null,
      readiness: () => ({ ready: true, polled: 1, total: 1 }), registry: new Registry(),
      timeZone: () => 'Asia/Shanghai', now: () => NOW, ledger,
    }, off.auth);
    const srv = createApiServer(app).listen(0, '127.0.0.1');
    server = srv;
    await new Promise<void>((r) => { srv.once('listening', () => { r(); }); });
    const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    const someId = benchHazard(Math.floor(HAZARDS / 2)).id;

    const cases: [string, string][] = [
      ['/hazards (first page of 65,000)', '/hazards'],
      ['/hazards?colour=red', '/hazards?colour=red'],
      ['/hazards?status=rectifying&colour=red', '/hazards?status=rectifying&colour=red'],
      ['/hazards?overdue=true', '/hazards?overdue=true'],
      ['/hazards?grade=重大隐患&class=PC-CORE', `/hazards?grade=${encodeURIComponent('重大隐患')}&class=PC-CORE`],
      ['/hazards?owner=owner-7', '/hazards?owner=owner-7'],
      ['/hazards?site=site-7', '/hazards?site=site-7'],
      ['/hazards?offset=60000 (deep page)', '/hazards?offset=60000'],
      ['/hazards/:id (detail with history)', `/hazards/${encodeURIComponent(someId)}`],
      ['/audit (first page)', '/audit'],
      ['/audit?afterSeq=60000', '/audit?afterSeq=60000'],
      ['/audit?actor=daemon&action=hazard.open', '/audit?actor=daemon&action=hazard.open&afterSeq=30000'],
    ];
    const RUNS = 30;
    for (const [label, path] of cases) {
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS + 3; i++) {
        const start = process.hrtime.bigint();
        const res = await fetch(`${base}${path}`);
        const body = await res.text();
        const took = Number(process.hrtime.bigint() - start) / 1e6;
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
        bytes = Buffer.byteLength(body);
        if (i >= 3) ms.push(took);
      }
      ms.sort((a, b) => a - b);
      console.log(`${label.padEnd(44)} p50 ${quantile(ms, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(ms, 0.95).toFixed(1).padStart(7)} ms   ${(bytes / 1024).toFixed(0).padStart(4)} KiB   (${RUNS} runs)`);
    }
  } finally {
    if (server !== null) await new Promise<void>((r) => { server!.close(() => { r(); }); server!.closeAllConnections(); });
    off.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
