/**
 * The console's biggest pages at carrier scale, printed as figures (never a timed test): server
 * time and size of `/` (the overview: matrix, SPOF, hazards, trend, sick devices), `/devices`
 * (first and a middle page, a search) and a device page, on the generated carrier network
 * (bench/carrier-network.ts) of about 10,000 devices analysed for real, with a ledger of hazards
 * on a SQLite file, through the whole app (hygiene, session cookie, console router) over HTTP.
 *
 *   npx tsx bench/console-bench.ts [devices] [requests]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { runAnalysis } from '../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../src/analysis/policy.js';
import { inProcessReportView } from '../src/analysis/worker/report-queries.js';
import type { ApiDeps } from '../src/api/deps.js';
import { loadAssets } from '../src/console/assets.js';
import { openSqliteLedgerStore } from '../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../src/ledger/types.js';
import { buildSnapshot } from '../src/snapshot/build.js';
import type { DeviceState } from '../src/state/types.js';
import { serveConsole } from '../test/support/console.js';
import { hazardFixture } from '../test/support/ledger-api.js';
import { deviceState, observation } from '../test/support/snapshot-builders.js';
import { carrierNetwork } from './carrier-network.js';

const TARGET = Number(process.argv[2] ?? 10_000);
const REQUESTS = Number(process.argv[3] ?? 20);
const NOW = Date.UTC(2026, 11, 4, 12);
const DAY = 86_400_000;

let seed = 42;
const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const { devices, inventory } = carrierNetwork(TARGET, rand);
const states: DeviceState[] = devices.map((d) => {
  const r = rand();
  const obs = observation({
    system: { name: d.id, descr: 'bench', objectId: null, uptimeSeconds: 1_000_000 },
    powerSupplies: d.role === 'ups' ? [] : [
      { id: 'p1', name: 'PSU 1', status: 'ok', sources: ['entity'] },
      { id: 'p2', name: 'PSU 2', status: rand() < 0.02 ? 'failed' : 'ok', sources: ['entity'] },
    ],
    interfaces: Array.from({ length: 24 }, (_, k) => ({ index: k + 1, name: `Gi0/${k}`, operStatus: 'up', adminStatus: 'up', speedMbps: 1000 })),
  });
  return deviceState(d.id, obs, NOW - 5_000, r < 0.005 ? 'unreachable' : r < 0.01 ? 'stale' : 'fresh');
});
const byId = new Map(states.map((s) => [s.deviceId, s]));
const t0 = performance.now();
const report = runAnalysis(buildSnapshot(inventory, states, [], NOW, { pollIntervalMs: 60_000 }), loadPolicy(DEFAULT_POLICY_FILE), NOW);
console.log(`network: ${inventory.devices.size} devices, ${inventory.sites.size} sites; analysis ${(performance.now() - t0).toFixed(0)} ms, ${report.findings.length} findings`);

const dir = mkdtempSync(join(tmpdir(), 'redline-console-bench-'));
const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
const HAZARDS = 2000;
for (let i = 0; i < HAZARDS; i++) {
  const colour = (['red', 'orange', 'yellow', 'blue'] as const)[i % 4]!;
  await store.createHazard(hazardFixture({ id: `h${i}`, colour, ...(i % 5 === 0 ? { status: 'closed' as const, closedAt: NOW - (i % 30) * DAY } : {}) }, NOW - (i % 60) * DAY), { at: NOW, actor: 'daemon', action: 'hazard.open', target: `hazard:h${i}`, before: null, after: null });
}

const deps: ApiDeps = {
  inventory: () => inventory,
  device: (id) => { const s = byId.get(id); return s === undefined ? null : { observation: s.observation, observedAt: s.observedAt, lastSuccessAt: s.lastSuccessAt, consecutiveFailures: s.consecutiveFailures, stale: s.stale }; },
  transitions: () => [],
  health: () => null,
  readiness: () => ({ ready: true, polled: states.length, total: inventory.devices.size }),
  registry: new Registry(),
  timeZone: () => 'Asia/Shanghai',
  now: () => NOW,
  analysis: { latest: () => inProcessReportView(report, NOW), sweep: () => null, whatIf: () => Promise.reject(new Error('not in this bench')) },
  ledger: { store, policy: () => DEFAULT_LEDGER_POLICY, timeZone: () => 'Asia/Shanghai', maxAttachmentKB: () => 512, now: () => NOW, latestCheckpoint: () => Promise.resolve(null), waiversChanged: () => undefined },
};

const served = await serveConsole(deps, { auth: { now: () => NOW } });
const session = await served.login('viewer');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const middle = devices[Math.floor(devices.length / 2)]!.id;
for (const path of ['/', '/devices', `/devices?offset=${Math.floor(devices.length / 2)}`, '/devices?q=agg&status=reachable', `/devices/${encodeURIComponent(middle)}`]) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= REQUESTS; i++) {
    const t = performance.now();
    const res = await session.get(path);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    if (i > 0) ms.push(performance.now() - t); // the first is a warm-up
    bytes = body.length;
  }
  console.log(`${path.padEnd(40)} median ${median(ms).toFixed(1)} ms, min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)} over ${REQUESTS}; ${(bytes / 1024).toFixed(0)} KB of HTML`);
}
const assets = loadAssets();
const script = assets.get('console.js')?.body.length ?? 0;
console.log(`script sent per page: console.js ${script} bytes (budget 64 KB = ${64 * 1024} bytes)`);
await served.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
