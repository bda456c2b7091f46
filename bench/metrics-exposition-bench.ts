/**
 * Benchmark of `/metrics` at fleet scale (`npx tsx bench/metrics-exposition-bench.ts [devices…]`,
 * 1,000 and 10,000 by default): a generated carrier network (bench/carrier-network.ts) with an
 * observation for every device (PSUs, fans, BGP/OSPF, LAGs, VRRP, UPSs, some failures, 1 % stale
 * or unreachable) is analysed once; its network families are rendered as the analysis worker
 * renders them (timed, but off the daemon's loop in production), then the real `/metrics` route
 * on an express server on 127.0.0.1 port 0 is scraped by `curl` in a child process (so the client
 * costs this loop nothing). Prints the render time, the bytes and series, the scrape time, and
 * the event-loop delay (max and p99, monitorEventLoopDelay) while scraping, beside the same loop
 * idle; and, for comparison, how long prom-client's own `registry.metrics()` holds the loop for
 * the same series. Figures are wall time on a shared machine: read them as orders of magnitude.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import { Gauge, Registry } from 'prom-client';
import { runAnalysis } from '../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../src/analysis/policy.js';
import type { ApiDeps } from '../src/api/deps.js';
import { metricsRoutes } from '../src/api/routes/metrics.js';
import type { Component, DeviceObservation } from '../src/collect/observation.js';
import { renderNetworkExposition } from '../src/metrics/exposition-network.js';
import { createMetrics } from '../src/metrics/registry.js';
import { buildSnapshot } from '../src/snapshot/build.js';
import type { DeviceState } from '../src/state/types.js';
import { deviceState, observation } from '../test/support/snapshot-builders.js';
import { carrierNetwork } from './carrier-network.js';

const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1_000, 10_000];
const NOW = Date.parse('2026-03-10T04:00:00Z');
const SCRAPES = 10;

let seed = 20_261_204;
const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 4_294_967_296;
};

/** What each generated device answers. */
function statesOf(devices: ReturnType<typeof carrierNetwork>['devices']): DeviceState[] {
  return devices.map((d) => {
    const psus: Component[] = d.role === 'ups' ? [] : [
      { id: '1', name: 'PSU 1', status: 'ok', sources: ['entity'] },
      { id: '2', name: 'PSU 2', status: rand() < 0.02 ? 'failed' : 'ok', sources: ['entity'] },
      { id: '3', name: 'PSU 3', status: 'absent', sources: ['entity'] },
    ];
    const part: { -readonly [K in keyof DeviceObservation]?: DeviceObservation[K] } = {
      powerSupplies: psus,
      fans: d.role === 'ups' ? [] : [1, 2, 3, 4].map((k) => ({ id: String(k), name: `Fan ${k}`, status: 'ok' as const, sources: ['entity'] })),
    };
    if (d.role === 'core' || d.role === 'agg') {
      part.bgpPeers = Array.from({ length: 4 }, (_, k) => ({ peer: `10.${k}.0.1`, remoteAs: 4134, state: k === 3 ? 'idle' as const : 'established' as const, adminStatus: 'up' as const, source: 'bgp4-mib' }));
      part.ospfNeighbors = [{ neighborId: '10.255.0.1', address: '10.1.0.1', state: 'full' }, { neighborId: '10.255.0.2', address: '10.1.0.5', state: 'full' }];
      part.lagMembers = [{ aggregate: 'Bundle-Ether1', member: 'Hu0/9/0', inBundle: true }, { aggregate: 'Bundle-Ether1', member: 'Hu0/9/1', inBundle: rand() > 0.05 }];
    }
    if (d.role === 'agg') part.fhrpGroups = [{ protocol: 'vrrp', interface: 'Vlan100', group: 1, role: d.id.endsWith('-1') ? 'master' : 'backup', virtualIp: null, hasStandby: null }];
    if (d.role === 'ups') part.ups = { outputSource: rand() < 0.1 ? 'battery' : 'normal', batteryStatus: 'normal', minutesRemaining: 10 + Math.floor(rand() * 60), inputLineBads: 0 };
    const r = rand();
    return deviceState(d.id, observation(part), NOW - 5_000, r < 0.005 ? 'unreachable' : r < 0.01 ? 'stale' : 'fresh');
  });
}

/**
 * `n` scrapes by curl, one after another, from a shell started before the measurement: forking a
 * process with this one's heap would itself stall the loop, so the only fork in the window is the
 * shell's own. Resolves with each scrape's wall time (s) and bytes as curl measured them, and the
 * event-loop delay (ms) of this process from just after the spawn to the shell's exit.
 */
function scrapesFromShell(url: string, n: number): Promise<{ scrapes: { seconds: number; bytes: number }[]; max: number; p99: number }> {
  return new Promise((resolve, reject) => {
    const script = `sleep 0.5; for i in $(seq ${n}); do curl -s -o /dev/null -w '%{time_total} %{size_download} %{http_code}\\n' '${url}'; done`;
    const child = spawn('sh', ['-c', script]);
    const h = monitorEventLoopDelay({ resolution: 1 });
    setTimeout(() => { h.enable(); }, 200);
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('exit', () => {
      h.disable();
      const scrapes = out.split('\n').filter((line) => line !== '').map((line) => {
        const [t, b, code] = line.split(' ');
        if (code !== '200') throw new Error(`scrape answered ${code ?? '?'}: ${line}`);
        return { seconds: Number(t), bytes: Number(b) };
      });
      resolve({ scrapes, max: h.max / 1e6, p99: h.percentile(99) / 1e6 });
    });
  });
}

/** prom-client's own formatting of the same series: how long `registry.metrics()` holds the loop (ms). */
async function naivePromClient(text: string): Promise<number> {
  const registry = new Registry();
  const gauges = new Map<string, Gauge>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m === null) continue;
    const labels: Record<string, string> = {};
    const re = /([a-z_][a-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    for (let p = re.exec(m[2] ?? ''); p !== null; p = re.exec(m[2] ?? '')) labels[p[1]!] = p[2]!;
    let g = gauges.get(m[1]!);
    if (g === undefined) {
      g = new Gauge({ name: m[1]!, help: 'same series', labelNames: Object.keys(labels), registers: [registry] });
      gauges.set(m[1]!, g);
    }
    g.set(labels, Number(m[3]));
  }
  const t = performance.now();
  await registry.metrics();
  return performance.now() - t;
}

const policy = loadPolicy(DEFAULT_POLICY_FILE);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const size of SIZES) {
  const { devices, inventory } = carrierNetwork(size, rand);
  const snapshot = buildSnapshot(inventory, statesOf(devices), [], NOW, { pollIntervalMs: 60_000 });
  const report = runAnalysis(snapshot, policy, NOW);
  const pollSeconds = Object.fromEntries(devices.map((d) => [d.id, 0.2 + rand()]));
  const renderMs: number[] = [];
  let text = '';
  for (let k = 0; k < 4; k++) {
    const t = performance.now();
    text = renderNetworkExposition({ at: NOW, snapshot, findings: report.findings, coverage: report.coverage, pollSeconds });
    if (k > 0) renderMs.push(performance.now() - t);
  }
  const bytes = new Uint8Array(Buffer.from(text));
  const series = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;

  const metrics = createMetrics();
  const deps = { registry: metrics.registry, networkMetrics: () => bytes } as unknown as ApiDeps;
  const app = express();
  for (const r of metricsRoutes(deps)) app.get(r.path, (req, res, next) => { Promise.resolve(r.handler(req, res)).catch(next); });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => { resolve(); }));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  await scrapesFromShell(url, 3); // warm-up: JIT, sockets
  const idle = await scrapesFromShell(url, 0);
  const during = await scrapesFromShell(url, SCRAPES);
  const scrapes = during.scrapes;
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  const naiveMs = await naivePromClient(text);

  console.log(`--- ${inventory.devices.size} devices, ${report.findings.length} findings`);
  console.log(`network families: ${series} series, ${(bytes.byteLength / 1e6).toFixed(1)} MB; rendered in the analysis worker in ${median(renderMs).toFixed(0)} ms (median of 3; off the daemon's loop)`);
  console.log(`scrape (curl, ${SCRAPES} scrapes): median ${(median(scrapes.map((s) => s.seconds)) * 1000).toFixed(0)} ms, ${(median(scrapes.map((s) => s.bytes)) / 1e6).toFixed(1)} MB each`);
  console.log(`event-loop delay while scraping: max ${during.max.toFixed(1)} ms, p99 ${during.p99.toFixed(1)} ms (the same window without scrapes: max ${idle.max.toFixed(1)} ms, p99 ${idle.p99.toFixed(1)} ms)`);
  console.log(`for comparison, prom-client formatting the same ${series} series holds the loop ${naiveMs.toFixed(0)} ms per scrape`);
}
