/**
 * Benchmark of the protection analysis (`npx tsx bench/analysis-bench.ts [devices]`): a generated
 * carrier network of 10,000 devices by default — core pairs, dual-homed aggregation, access rings,
 * UPSs, a power chain, services — with an observation for every device (PSUs, interfaces, LLDP
 * neighbours, BGP/OSPF, LAGs, VRRP, some failures, 1 % stale or unreachable), counter samples for
 * the core LAGs, drills and backups. Prints the time of buildSnapshot and of analyze (median of
 * the runs after a warm-up), the finding counts and the heap. A script, not a timed test.
 */
import { runAnalysis } from '../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../src/analysis/policy.js';
import type { Component, DeviceObservation, InterfaceState, Neighbor } from '../src/collect/observation.js';
import { buildSnapshot } from '../src/snapshot/build.js';
import { deviceState, observation } from '../test/support/snapshot-builders.js';
import { carrierNetwork } from './carrier-network.js';
import type { BackupRecord, DrillRecord, LoadInput, MemberCounters } from '../src/snapshot/types.js';
import type { DeviceState } from '../src/state/types.js';

const TARGET = Number(process.argv[2] ?? 10_000);
const NOW = Date.parse('2026-03-10T04:00:00Z');
const RUNS = 5;

let seed = 20_260_310;
const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 4_294_967_296;
};

const { devices, links, services, inventory } = carrierNetwork(TARGET, rand);

// observations: what each device would answer
const byDevice = new Map<string, { ifs: InterfaceState[]; nbrs: Neighbor[] }>();
const entry = (id: string): { ifs: InterfaceState[]; nbrs: Neighbor[] } => {
  let e = byDevice.get(id);
  if (e === undefined) {
    e = { ifs: [], nbrs: [] };
    byDevice.set(id, e);
  }
  return e;
};
for (const l of links) {
  const down = rand() < 0.003;
  entry(l.a).ifs.push({ index: entry(l.a).ifs.length + 1, name: l.ai, operStatus: down ? 'down' : 'up', adminStatus: 'up', speedMbps: 10_000 });
  entry(l.b).ifs.push({ index: entry(l.b).ifs.length + 1, name: l.bi, operStatus: 'up', adminStatus: 'up', speedMbps: 10_000 });
  if (!down) {
    entry(l.a).nbrs.push({ protocol: 'lldp', localPort: l.ai, remoteName: l.b, remotePort: l.bi });
    entry(l.b).nbrs.push({ protocol: 'lldp', localPort: l.bi, remoteName: l.a, remotePort: l.ai });
  }
}
const states: DeviceState[] = [];
const members: MemberCounters[] = [];
for (const d of devices) {
  const e = entry(d.id);
  const spares = Array.from({ length: d.role === 'bts' ? 4 : 20 }, (_, k): InterfaceState => ({ index: 100 + k, name: `Gi9/${k}`, operStatus: k % 3 === 0 ? 'down' : 'up', adminStatus: k % 3 === 0 ? 'down' : 'up', speedMbps: 1000 }));
  const psus: Component[] = d.role === 'ups' ? [] : [
    { id: 'p1', name: 'PSU 1', status: 'ok', sources: ['entity'] },
    { id: 'p2', name: 'PSU 2', status: rand() < 0.02 ? 'failed' : 'ok', sources: ['entity'] },
    { id: 'p3', name: 'PSU 3', status: 'absent', sources: ['entity'] },
  ];
  const part: { -readonly [K in keyof DeviceObservation]?: DeviceObservation[K] } = {
    system: { name: d.id, descr: 'bench', objectId: '1.3.6.1.4.1.8072.3.2.10', uptimeSeconds: 1_000_000 },
    interfaces: [...e.ifs, ...spares],
    neighbors: e.nbrs,
    powerSupplies: psus,
  };
  if (d.role === 'core' || d.role === 'agg') {
    part.bgpPeers = Array.from({ length: 4 }, (_, k) => ({ peer: `10.${k}.0.1`, remoteAs: 4134, state: k === 3 ? 'idle' as const : rand() < 0.01 ? 'active' as const : 'established' as const, adminStatus: k === 3 ? 'down' as const : 'up' as const, source: 'bgp4-mib' }));
    part.ospfNeighbors = [{ neighborId: '10.255.0.1', address: '10.1.0.1', state: 'full' }, { neighborId: '10.255.0.2', address: '10.1.0.5', state: 'full' }];
  }
  if (d.role === 'core') {
    part.interfaces = [...part.interfaces!, { index: 90, name: 'Hu0/9/0', operStatus: 'up', adminStatus: 'up', speedMbps: 100_000 }, { index: 91, name: 'Hu0/9/1', operStatus: 'up', adminStatus: 'up', speedMbps: 100_000 }];
    part.lagMembers = [{ aggregate: 'Bundle-Ether1', member: 'Hu0/9/0', inBundle: true }, { aggregate: 'Bundle-Ether1', member: 'Hu0/9/1', inBundle: true }];
    for (const m of ['Hu0/9/0', 'Hu0/9/1']) {
      const gbps = 20 + rand() * 30;
      let octets = BigInt(Math.floor(rand() * 1e12));
      const samples = [];
      for (let k = 15; k >= 0; k--) {
        samples.push({ at: NOW - k * 60_000, inOctets: octets, outOctets: octets / 2n });
        octets += BigInt(Math.round((gbps * 1e9 * 60) / 8));
      }
      members.push({ device: d.id, interface: m, counterBits: 64, samples });
    }
  }
  if (d.role === 'agg') part.fhrpGroups = [{ protocol: 'vrrp', interface: 'Vlan100', group: 1, role: d.id.endsWith('-1') ? 'master' : 'backup', virtualIp: null, hasStandby: null }];
  if (d.role === 'ups') part.ups = { outputSource: rand() < 0.1 ? 'battery' : 'normal', batteryStatus: 'normal', minutesRemaining: 10 + Math.floor(rand() * 60), inputLineBads: 0 };
  const r = rand();
  states.push(deviceState(d.id, observation(part), NOW - 5_000, r < 0.005 ? 'unreachable' : r < 0.01 ? 'stale' : 'fresh'));
}
const load: LoadInput = { members };
const drills: DrillRecord[] = services.slice(0, 60).map((s, k) => ({ group: String(s['id']), at: NOW - k * 5 * 86_400_000, result: k % 17 === 0 ? 'fail' : 'pass' }));
const backups = new Map<string, BackupRecord>(devices.filter((_, k) => k % 50 !== 0).map((d, k) => [d.id, { device: d.id, at: NOW - (k % 30) * 3_600_000 }]));

const policy = loadPolicy(DEFAULT_POLICY_FILE);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const snapMs: number[] = [];
const analyzeMs: number[] = [];
let report: ReturnType<typeof runAnalysis> | undefined;
for (let run = 0; run <= RUNS; run++) {
  const t0 = performance.now();
  const snapshot = buildSnapshot(inventory, states, [], NOW, { pollIntervalMs: 60_000, load, evidence: { drills, configBackups: backups } });
  const t1 = performance.now();
  report = runAnalysis(snapshot, policy, NOW);
  const t2 = performance.now();
  if (run === 0) continue; // warm-up
  snapMs.push(t1 - t0);
  analyzeMs.push(t2 - t1);
}
const r = report!;
{
  const snapshot = buildSnapshot(inventory, states, [], NOW, { pollIntervalMs: 60_000, load, evidence: { drills, configBackups: backups } });
  runAnalysis(snapshot, policy, NOW);
  const times = [...policy.registered.values()].map((rule) => {
    const t = performance.now();
    runAnalysis(snapshot, policy, NOW, [rule]);
    return [rule.id, performance.now() - t] as const;
  });
  console.log(`time per rule (ms, shared views warm): ${times.map(([id, ms]) => `${id} ${ms.toFixed(0)}`).join(', ')}`);
  const slowest = times.reduce((a, b) => (b[1] > a[1] ? b : a));
  console.log(`longest step the daemon's stepwise pass holds the event loop for: ${Math.max(slowest[1], median(snapMs)).toFixed(0)} ms (${slowest[1] >= median(snapMs) ? slowest[0] : 'buildSnapshot'})`);
}
console.log(`network: ${inventory.devices.size} devices (${states.length} with an observation), ${inventory.links.length} links, ${inventory.services.size} services, ${inventory.power.size} power elements`);
console.log(`buildSnapshot: median ${median(snapMs).toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...snapMs).toFixed(0)}, max ${Math.max(...snapMs).toFixed(0)})`);
console.log(`analyze:       median ${median(analyzeMs).toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...analyzeMs).toFixed(0)}, max ${Math.max(...analyzeMs).toFixed(0)})`);
console.log(`findings: ${r.findings.length} (${Object.entries(r.summary.byState).map(([k, v]) => `${k} ${v}`).join(', ')}); colours ${Object.entries(r.summary.byColour).map(([k, v]) => `${k} ${v}`).join(', ')}`);
const perRule = r.summary.rules.map((x) => `${x.rule} ${Object.values(x.states).reduce((a, b) => a + b, 0)}`).join(', ');
console.log(`per rule: ${perRule}`);
if (r.summary.rules.some((x) => x.error !== undefined)) console.log(`ERRORS: ${JSON.stringify(r.summary.rules.filter((x) => x.error !== undefined))}`);
const mem = process.memoryUsage();
console.log(`heap used ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB`);
