/**
 * Fleet benchmark (prints figures; not a test): the daemon's poller and SQLite state store
 * polling a fleet of simulated devices (50 interfaces + 30 entity rows + 5 BGP peers each)
 * served on loopback by the replay agent in a child process. Prints devices/s, CPU ms per
 * device-poll (profile engine + storing and updating state, this process only), RSS and
 * event-loop delay p99.
 *
 *   npx tsx bench/fleet-bench.ts [devices=2000] [cycles=3] [concurrency=256] [--with-snmp-exporter]   (FLEET_RATE=167 paced polls/s)
 *
 * Burst cycles start every device at once (the worst case); the paced run is the daemon's
 * operating point, with devices spread over the interval. `--with-snmp-exporter` then scrapes
 * the same fleet through Debian's prometheus-snmp-exporter (bench/snmp-exporter/snmp.yml, the
 * same tables) at the same concurrency and prints both CPU figures per device-poll and their ratio.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { silentLogger } from '../src/common/logger.js';
import { SecretRegistry } from '../src/common/secrets.js';
import { PROFILES } from '../src/collect/snmp/profiles/index.js';
import type { Device } from '../src/inventory/model.js';
import { createMetrics } from '../src/metrics/registry.js';
import { createPoller } from '../src/runtime/poller.js';
import { Scheduler } from '../src/runtime/scheduler.js';
import { openSqliteStateStore } from '../src/state/store.js';
import { EXPORTER_BIN, checkExporterConfig, exporterVersion, fleetExporterConfig, processCpuMs, scrapeFleet, startExporter } from './snmp-exporter/exporter-run.js';

const args = process.argv.slice(2);
const withExporter = args.includes('--with-snmp-exporter');
const positional = args.filter((a) => !a.startsWith('--'));
const devices = Number(positional[0] ?? '2000');
const cycles = Number(positional[1] ?? '3');
const concurrency = Number(positional[2] ?? '256');
const exporterVersionLine = withExporter ? exporterVersion() : null;
if (withExporter && exporterVersionLine === null) {
  // A benchmark installs nothing itself: say what is missing before any work is done.
  console.error(`--with-snmp-exporter: "${EXPORTER_BIN}" is not on PATH. Install Debian's package (apt-get install prometheus-snmp-exporter), set SNMP_EXPORTER_BIN, or run without the option.`);
  process.exit(2);
}

const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fleet-agent.ts'), String(devices)], { stdio: ['pipe', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve, reject) => {
  const rl = createInterface({ input: child.stdout });
  rl.once('line', (l) => { resolve(Number(l)); });
  child.once('exit', (c) => { reject(new Error(`agent exited ${c}`)); });
});

const dir = mkdtempSync(join(tmpdir(), 'redline-fleet-bench-'));
const store = openSqliteStateStore(join(dir, 'state.db'));
const inventory = new Map<string, Device>();
for (let k = 0; k < devices; k++) {
  inventory.set(`d${k}`, {
    id: `d${k}`, site: 's', role: 'edge', class: 'PC-AGG', psus: [], tags: [],
    poll: { host: '127.0.0.1', port, credentials: { version: '2c', community: `fleet-${k}` }, timeoutMs: 2000, retries: 1, maxRepetitions: 50, bulk: true },
  });
}
/** The exporter's fleet config (one module per community), checked before any measurement. */
const exporterConfigPath = join(dir, 'snmp-exporter.yml');
if (withExporter) {
  const communities = [...inventory.values()].map((d) => (d.poll?.credentials.version === '2c' ? d.poll.credentials.community : ''));
  // 0600: the file holds communities, which are secrets on a real network.
  writeFileSync(exporterConfigPath, fleetExporterConfig(readFileSync(join(import.meta.dirname, 'snmp-exporter', 'snmp.yml'), 'utf8'), communities), { mode: 0o600 });
  try {
    checkExporterConfig(exporterConfigPath);
  } catch (err) {
    // The file holds the fleet's communities: it must not outlive a failed run.
    rmSync(dir, { recursive: true, force: true });
    child.stdin.end();
    throw err;
  }
}
const metrics = createMetrics({ processMetrics: false });
/** Wall time of each synchronous store write, to tell the store's share of event-loop stalls. */
let storeMs: number[] = [];
const poller = createPoller({
  device: (id) => inventory.get(id),
  profiles: PROFILES,
  sink: {
    recordDevicePoll: (id, at, r) => {
      const t = performance.now();
      const out = store.recordDevicePoll(id, at, r);
      storeMs.push(performance.now() - t);
      return out;
    },
    previousObservation: (id) => store.latestDevice(id)?.observation ?? null,
  },
  metrics, logger: silentLogger, secrets: new SecretRegistry(), now: () => Date.now(),
});

/** CPU ms per device-poll of redline's last burst cycle (steady state), for the side-by-side. */
let redlineSteadyCpuPerPoll = 0;
console.log(`fleet: ${devices} devices × (50 interfaces + 30 entity rows + 5 BGP peers), concurrency ${concurrency}, ${PROFILES.length} profiles`);
const loop = monitorEventLoopDelay({ resolution: 10 });
for (let c = 0; c < cycles; c++) {
  // One cycle: every device due at once (no jitter), the worst case for the event loop.
  let now = 0;
  const scheduler = new Scheduler({ intervalMs: 3_600_000, jitterMs: 0, concurrency, deadlineFraction: 0.5, profileIntervals: {}, now: () => now }, poller);
  scheduler.setDevices([...inventory.keys()]);
  global.gc?.();
  loop.reset();
  loop.enable();
  storeMs = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  now = 1;
  scheduler.tick();
  await new Promise<void>((resolve) => {
    const check = setInterval(() => { if (scheduler.stats().completed === devices) { clearInterval(check); resolve(); } }, 5);
  });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  redlineSteadyCpuPerPoll = cpuMs / devices;
  const polls = await metrics.polls.get();
  const ok = polls.values.find((v) => v.labels.result === 'ok')?.value ?? 0;
  console.log(
    `cycle ${c + 1}${c === 0 ? ' (first: every state new)' : ' (steady: state unchanged)'}: ` +
    `${(devices / (wall / 1000)).toFixed(0)} devices/s, ${(cpuMs / devices).toFixed(2)} ms CPU per device-poll, ` +
    `wall ${(wall / 1000).toFixed(2)} s, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, ` +
    `event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms (max ${(loop.max / 1e6).toFixed(1)}), polls ok so far ${ok}`,
  );
  storeMs.sort((a, b) => a - b);
  console.log(`  store write per poll: p50 ${(storeMs[Math.floor(storeMs.length / 2)] ?? 0).toFixed(2)} ms, p99 ${(storeMs[Math.floor(storeMs.length * 0.99)] ?? 0).toFixed(2)} ms, max ${(storeMs.at(-1) ?? 0).toFixed(1)} ms`);
}
// Paced: the daemon's operating point. Devices spread over the interval by their phases,
// the clock ticking every second as node-cron does in the daemon; 10,000 devices every 60 s
// is 167 device-polls/s.
const rate = Number(process.env['FLEET_RATE'] ?? '167');
{
  const intervalMs = Math.round((devices / rate) * 1000);
  const scheduler = new Scheduler({ intervalMs, jitterMs: intervalMs, concurrency, deadlineFraction: 0.8, profileIntervals: {}, now: () => Date.now() }, poller);
  scheduler.setDevices([...inventory.keys()]);
  // first pass (every device once) warms up; the second interval is measured
  const tick = setInterval(() => { scheduler.tick(); }, 1000);
  scheduler.tick();
  await new Promise<void>((resolve) => {
    const check = setInterval(() => { if (scheduler.stats().completed >= devices) { clearInterval(check); resolve(); } }, 50);
  });
  loop.reset();
  loop.enable();
  const cpu0 = process.cpuUsage();
  const done0 = scheduler.stats().completed;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, intervalMs));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  const polled = scheduler.stats().completed - done0;
  clearInterval(tick);
  await scheduler.stop();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `paced at ${rate} device-polls/s (${devices} devices every ${(intervalMs / 1000).toFixed(0)} s, as 10,000 every 60 s): ` +
    `${(polled / (wall / 1000)).toFixed(0)} polls/s, ${(cpuMs / polled).toFixed(2)} ms CPU per device-poll, ` +
    `one core ${(cpuMs / wall * 100).toFixed(0)} % busy, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, ` +
    `event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms (max ${(loop.max / 1e6).toFixed(1)})`,
  );
}
const v = (await metrics.snmpVarbinds.get()).values[0]?.value ?? 0;
const r = (await metrics.snmpRequests.get()).values[0]?.value ?? 0;
const total = ((await metrics.polls.get()).values.reduce((a, x) => a + x.value, 0));
console.log(`per device-poll: ${(v / total).toFixed(0)} varbinds in ${(r / total).toFixed(1)} requests`);
console.log('10,000 devices every 60 s fit in one core when CPU per device-poll ≤ 6 ms (target ≤ 5 ms).');
store.close();
try {
  if (withExporter) await compareWithSnmpExporter(v / total, r / total);
} finally {
  child.stdin.end();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The same fleet scraped through snmp_exporter, after redline's runs so the two never share
 * the CPU: one module per device community in the temporary config (removed with `dir`),
 * `cycles` burst rounds at the same concurrency, the exporter's CPU read from /proc.
 */
async function compareWithSnmpExporter(redlineVarbinds: number, redlineRequests: number): Promise<void> {
  const exporter = await startExporter(exporterConfigPath);
  try {
    console.log(`snmp_exporter: ${exporterVersionLine ?? ''}, pid ${exporter.pid}, ${devices} modules (one per community)`);
    let exporterCpuPerPoll = 0;
    let round = { ok: 0, failed: 0, varbinds: 0, packets: 0 };
    for (let c = 0; c < cycles; c++) {
      const cpu0 = processCpuMs(exporter.pid);
      const t0 = performance.now();
      round = await scrapeFleet(exporter, `127.0.0.1:${port}`, devices, concurrency);
      const wall = performance.now() - t0;
      const cpuMs = processCpuMs(exporter.pid) - cpu0;
      exporterCpuPerPoll = cpuMs / devices;
      console.log(
        `snmp_exporter cycle ${c + 1}: ${(devices / (wall / 1000)).toFixed(0)} devices/s, ${exporterCpuPerPoll.toFixed(2)} ms CPU per device-scrape ` +
        `(exporter process, ${cpuMs.toFixed(0)} ms in all), wall ${(wall / 1000).toFixed(2)} s, ` +
        `${round.ok} ok, ${round.failed} failed`,
      );
    }
    if (round.ok === 0) throw new Error('snmp_exporter answered no scrape with data: no figure to compare (see its module in bench/snmp-exporter/snmp.yml)');
    const scraped = round.ok;
    // With one cycle redline's only cycle stores every state new: say so rather than call it steady.
    console.log(`side by side, last burst cycle of each (${cycles > 1 ? 'steady state' : 'redline: first cycle, every state new'}), same fleet, same concurrency:`);
    console.log(`  redline:       ${redlineSteadyCpuPerPoll.toFixed(2)} ms CPU per device-poll, ${redlineVarbinds.toFixed(0)} varbinds in ${redlineRequests.toFixed(1)} requests (poll, profiles, SQLite state)`);
    console.log(`  snmp_exporter: ${exporterCpuPerPoll.toFixed(2)} ms CPU per device-scrape, ${(round.varbinds / scraped).toFixed(0)} varbinds in ${(round.packets / scraped).toFixed(1)} requests (walk, text exposition; Prometheus' own ingest not counted)`);
    console.log(`  ratio snmp_exporter / redline: ${(exporterCpuPerPoll / redlineSteadyCpuPerPoll).toFixed(2)}`);
  } finally {
    await exporter.stop();
  }
}
