/**
 * State store benchmark: µs per recordDevicePoll for an unchanged and a changed observation of the
 * benchmark device (50 interfaces, 30 ENTITY-MIB rows, 5 BGP peers: `fleetDevice`, polled once
 * through the real engine), and the database size after 100,000 polls of a fleet.
 * Run: npx tsx bench/store-bench.ts
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceObservation } from '../src/collect/observation.js';
import { benchObservation } from './bench-observation.js';
import { openSqliteStateStore } from '../src/state/store.js';

const T0 = Date.UTC(2026, 0, 1);


/** The observation with its uptime advanced and (when `flip`) interface `k` toggled. */
function variant(base: DeviceObservation, uptime: number, flip: number | null): DeviceObservation {
  return {
    ...base,
    system: { ...base.system, uptimeSeconds: uptime },
    interfaces: flip === null ? base.interfaces : base.interfaces.map((i, k) => (k === flip ? { ...i, operStatus: i.operStatus === 'up' ? 'down' : 'up' } : i)),
  };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function report(label: string, samplesNs: number[]): void {
  const us = samplesNs.map((n) => n / 1000).sort((a, b) => a - b);
  const mean = us.reduce((a, b) => a + b, 0) / us.length;
  console.log(`${label.padEnd(34)} mean ${mean.toFixed(1).padStart(7)} µs   p50 ${quantile(us, 0.5).toFixed(1).padStart(7)} µs   p99 ${quantile(us, 0.99).toFixed(1).padStart(7)} µs   (${us.length} polls)`);
}

function filesSize(dir: string, prefix: string): number {
  return readdirSync(dir).filter((f) => f.startsWith(prefix)).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function main(): Promise<void> {
  const base = await benchObservation();
  const dir = mkdtempSync(join(tmpdir(), 'redline-store-bench-'));
  try {
    console.log(`device: ${base.interfaces.length} interfaces, ${base.powerSupplies.length} PSUs + ${base.fans.length} fans (from 30 ENTITY-MIB rows), ${base.bgpPeers.length} BGP peers; observation JSON ${JSON.stringify(base).length} bytes`);

    // 1. Per-poll cost on a warm store of 1,000 devices.
    const devices = 1000;
    const polls = 20_000;
    const store = openSqliteStateStore(join(dir, 'per-poll.db'));
    for (let d = 0; d < devices; d++) store.recordDevicePoll(`dev-${d}`, T0, { answered: true, observation: base });
    // Poll k of the whole run is at T0 + k minutes, with an uptime that advanced as much.
    const uptime0 = base.system.uptimeSeconds ?? 0;
    let k = 0;
    const run = (label: string, make: (i: number, uptime: number) => { answered: boolean; observation: DeviceObservation }, expectChanges: boolean): void => {
      const samples: number[] = [];
      let changes = 0;
      for (let i = 0; i < polls; i++) {
        k++;
        const poll = make(i, uptime0 + k * 60);
        const t = process.hrtime.bigint();
        changes += store.recordDevicePoll(`dev-${i % devices}`, T0 + k * 60_000, poll).length;
        samples.push(Number(process.hrtime.bigint() - t));
      }
      if ((changes > 0) !== expectChanges) throw new Error(`${label}: ${changes} transitions`);
      report(label, samples);
    };
    run('unchanged observation', (_i, uptime) => ({ answered: true, observation: variant(base, uptime, null) }), false);
    // Each device's polls flip one interface, a different one each time: one transition (or two) per poll.
    run('changed observation (1 interface)', (i, uptime) => ({ answered: true, observation: variant(base, uptime, Math.floor(i / devices) % 50) }), true);
    run('unanswered poll', () => ({ answered: false, observation: base }), true);
    store.close();

    // 2. Size after 100,000 polls: 1,000 devices × 100 polls; 2% of polls flap an interface,
    //    1% go unanswered (both ways make transitions), the rest only advance uptime.
    const file = 'size.db';
    const sized = openSqliteStateStore(join(dir, file));
    let transitions = 0;
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const started = process.hrtime.bigint();
    for (let p = 0; p < 100; p++) {
      for (let d = 0; d < devices; d++) {
        const r = random();
        const observation = variant(base, uptime0 + p * 60, r < 0.02 ? Math.floor(r * 2500) : null);
        transitions += sized.recordDevicePoll(`dev-${d}`, T0 + p * 60_000, { answered: r < 0.02 || r >= 0.03, observation }).length;
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const openSize = filesSize(dir, file);
    sized.close();
    const closedSize = filesSize(dir, file);
    const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;
    console.log(`100,000 polls (1,000 devices × 100; 2% flap, 1% unanswered): ${transitions} transitions, ${(100_000 / seconds).toFixed(0)} polls/s`);
    console.log(`database size: ${mib(closedSize)} after close (${mib(openSize)} with the WAL while open); first poll of each device stored ${devices} observations`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
