/**
 * Child process of the kill -9 durability test: records device polls into the SQLite state store
 * as fast as it can and prints `<i>` on stdout after poll i is committed, until it is killed.
 * Usage: node --import tsx state-store-writer.ts <db> <first i> <devices>
 * Poll i is of device `dev-<i mod devices>` at time T0 + i s; every poll makes at least one transition.
 */
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { DeviceObservation, InterfaceState } from '../../src/collect/observation.js';
import { openSqliteStateStore } from '../../src/state/store.js';

/** Time of poll 0. */
export const WRITER_T0 = Date.UTC(2026, 0, 1);

/** The observation device poll `n` (the device's n-th) reports: the PSU and one interface flip each answered poll. */
export function writerObservation(deviceId: string, n: number): DeviceObservation {
  const interfaces: InterfaceState[] = Array.from({ length: 50 }, (_, k) => ({
    index: k + 1,
    name: `xe-0/0/${k}`,
    operStatus: k === n % 50 ? 'down' : 'up',
    adminStatus: 'up',
    speedMbps: 10_000,
  }));
  return {
    target: `${deviceId}:161`,
    system: { name: deviceId, descr: 'kill -9 writer', objectId: null, uptimeSeconds: 1000 + n },
    profiles: ['system', 'entity', 'if-mib'],
    powerSupplies: [
      { id: 'psu-1', name: 'PSU 1', status: n % 2 === 0 ? 'ok' : 'failed', sources: ['entity'] },
      { id: 'psu-2', name: 'PSU 2', status: 'ok', sources: ['entity'] },
    ],
    fans: [],
    ups: null,
    dcPower: [],
    siteSensors: [],
    powerInputs: [],
    bgpPeers: [],
    ospfNeighbors: [],
    isisAdjacencies: [],
    bfdSessions: [],
    fhrpGroups: [],
    interfaces,
    lagMembers: [],
    neighbors: [],
    redundancy: [],
    errors: [],
  };
}

/** Whether the device's n-th poll goes unanswered (every tenth). */
export function writerUnanswered(n: number): boolean {
  return n % 10 === 9;
}

function main(argv: readonly string[]): void {
  const [db, first, devices] = argv;
  if (db === undefined || first === undefined || devices === undefined) throw new Error('usage: state-store-writer <db> <first i> <devices>');
  const k = Number(devices);
  const store = openSqliteStateStore(db);
  for (let i = Number(first); ; i++) {
    const deviceId = `dev-${i % k}`;
    const n = Math.floor(i / k);
    store.recordDevicePoll(deviceId, WRITER_T0 + i * 1000, { answered: !writerUnanswered(n), observation: writerObservation(deviceId, n) });
    // Synchronous write: once this returns the parent can read the line, even if we die next.
    writeSync(1, `${i}\n`);
  }
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) main(process.argv.slice(2));
