/**
 * A small network for the console's page tests, analysed for real: a core site whose two routers
 * share a room and whose cr1 has lost a PSU, an SMS pair, an aggregation site of `aggDevices`
 * routers (enough to page), a power chain, a hazard ledger on a real SQLite file, transitions to
 * page through, and device strings taken from a hostile corpus (sysName, sysDescr, ifAlias, LLDP
 * names, PSU and fan names) so every page that shows them is tested for escaping.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { runAnalysis } from '../../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { inProcessReportView } from '../../src/analysis/worker/report-queries.js';
import type { ApiDeps, TransitionView } from '../../src/api/deps.js';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import type { DeviceState } from '../../src/state/types.js';
import { hazardFixture } from './ledger-api.js';
import { deviceState, inventoryFromObject, observation } from './snapshot-builders.js';

/** Strings a device (or a person) might send to break a page: every one must come out as text. */
export const XSS_CORPUS = [
  '<script>alert("x1")</script>',
  '"><img src=x onerror=alert("x2")>',
  'javascript:alert("x3")',
  '</script><script>alert("x4")</script>',
  '\u202Eevil\u202C bidi',
  "{{constructor.constructor('alert(\"x5\")')()}}",
  '<svg onload=alert("x6")>',
  "' onmouseover='alert(\"x7\")",
] as const;

/** The fixture's clock: 2026-12-04 12:00 UTC, outside every special period of the shipped calendar. */
export const FIXTURE_AT = Date.UTC(2026, 11, 4, 12);
const DAY = 86_400_000;

/** A built fixture: the deps to serve and a way to remove its ledger file. */
export interface ConsoleFixture {
  readonly deps: ApiDeps;
  readonly close: () => Promise<void>;
}

/** cr1's observation: one PSU failed, every device string hostile. */
function cr1Observation(): DeviceObservation {
  const x = XSS_CORPUS;
  return observation({
    target: '127.0.0.1:161',
    system: { name: `${x[0]}${x[1]}`, descr: x.join(' | '), objectId: '1.3.6.1.4.1.9.1.1', uptimeSeconds: 864_000 },
    powerSupplies: [
      { id: 'psu-1', name: `PSU 1 ${x[1]}`, status: 'ok', sources: ['entity'] },
      { id: 'psu-2', name: `PSU 2 ${x[3]}`, status: 'failed', sources: ['entity'] },
    ],
    fans: [{ id: 'fan-1', name: `Fan ${x[6]}`, status: 'ok', sources: ['entity'] }],
    interfaces: Array.from({ length: 70 }, (_, i) => ({
      index: i + 1, name: `Te0/0/${i + 1}`, operStatus: i % 7 === 6 ? 'down' : 'up', adminStatus: 'up', speedMbps: 10_000,
      ...(i === 0 ? { alias: `uplink ${x[0]}` } : i === 1 ? { alias: x[2], descr: x[4] } : {}),
    })),
    neighbors: [
      { protocol: 'lldp', localPort: 'Te0/0/1', remoteName: 'cr2', remotePort: 'Te0/0/1' },
      { protocol: 'lldp', localPort: 'Te0/0/3', remoteName: `${x[1]}${x[0]}`, remotePort: x[3] },
    ],
    bgpPeers: [{ peer: '10.0.0.2', remoteAs: 65000, state: 'established', adminStatus: 'up', source: 'bgp4-mib', vrf: x[5] }],
    ospfNeighbors: [{ neighborId: '10.255.0.2', address: '10.0.0.2', state: 'full' }],
    bfdSessions: [{ neighbor: '10.0.0.2', interface: 'Te0/0/1', state: 'up', detectionMs: 150 }],
    fhrpGroups: [{ protocol: 'vrrp', interface: 'Vlan10', group: 10, role: 'master', virtualIp: '10.10.0.1', hasStandby: true }],
    lagMembers: [{ aggregate: 'Bundle-Ether1', member: 'Te0/0/5', inBundle: true }, { aggregate: 'Bundle-Ether1', member: 'Te0/0/6', inBundle: false }],
  });
}

/** Builds the fixture (`aggDevices` aggregation routers; some unreachable, some stale) at `now` (default FIXTURE_AT). */
export async function consoleFixture(opts: { readonly aggDevices?: number; readonly analysis?: boolean; readonly now?: number } = {}): Promise<ConsoleFixture> {
  const FIXTURE_NOW = opts.now ?? FIXTURE_AT;
  const aggCount = opts.aggDevices ?? 120;
  const aggIds = Array.from({ length: aggCount }, (_, i) => `ag${String(i).padStart(3, '0')}`);
  const inventory = inventoryFromObject({
    sites: [
      { id: 'core', name: `Core hub ${XSS_CORPUS[0]}`, class: 'PC-CORE', rooms: [{ id: 'r1' }, { id: 'r2' }] },
      { id: 'sms-a', class: 'PC-SMS', rooms: [{ id: 'r1' }] },
      { id: 'sms-b', class: 'PC-SMS', rooms: [{ id: 'r1' }] },
      { id: 'agg', class: 'PC-AGG', rooms: [{ id: 'r1' }] },
    ],
    devices: [
      { id: 'cr1', name: `CR-01 ${XSS_CORPUS[1]}`, site: 'core', room: 'r1', role: 'core-router', expectedPsus: 2, redundancyPair: 'cr2', snmp: { host: '127.0.0.1', credentials: 'c' }, psus: [{ match: 'psu-1', feed: 'pdu-a' }, { match: 'psu-2', feed: 'pdu-b' }] },
      { id: 'cr2', name: 'CR-02', site: 'core', room: 'r1', role: 'core-router', expectedPsus: 2, redundancyPair: 'cr1', snmp: { host: '127.0.0.1', credentials: 'c' }, psus: [{ match: 'psu-1', feed: 'pdu-a' }, { match: 'psu-2', feed: 'pdu-a' }] },
      { id: 'sms1', site: 'sms-a', room: 'r1', role: 'smsc', snmp: { host: '127.0.0.1', credentials: 'c' } },
      { id: 'sms2', site: 'sms-b', room: 'r1', role: 'smsc', snmp: { host: '127.0.0.1', credentials: 'c' } },
      ...aggIds.map((id) => ({ id, site: 'agg', room: 'r1', role: 'aggregation-router', expectedPsus: 2, snmp: { host: '127.0.0.1', credentials: 'c' } })),
    ],
    links: [
      { id: 'cr1-cr2', a: { device: 'cr1', interface: 'Te0/0/1' }, b: { device: 'cr2', interface: 'Te0/0/1' } },
      { id: 'cr1-ag000', a: { device: 'cr1', interface: 'Te0/0/2' }, b: { device: 'ag000', interface: 'Te0/0/1' } },
    ],
    power: [
      { id: 'mains-1', kind: 'mains', site: 'core' },
      { id: 'panel-1', kind: 'panel', site: 'core', upstream: ['mains-1'] },
      { id: 'pdu-a', kind: 'pdu', site: 'core', upstream: ['panel-1'] },
      { id: 'pdu-b', kind: 'pdu', site: 'core', upstream: ['panel-1'] },
    ],
  });
  const psuPair = (a: 'ok' | 'failed' = 'ok'): DeviceObservation['powerSupplies'] => [
    { id: 'psu-1', name: 'PSU 1', status: 'ok', sources: ['entity'] }, { id: 'psu-2', name: 'PSU 2', status: a, sources: ['entity'] },
  ];
  const states = new Map<string, DeviceState>();
  states.set('cr1', deviceState('cr1', cr1Observation(), FIXTURE_NOW - 5_000));
  states.set('cr2', deviceState('cr2', observation({ system: { name: 'cr2', descr: 'router', objectId: null, uptimeSeconds: 100 }, powerSupplies: psuPair(), interfaces: [{ index: 1, name: 'Te0/0/1', operStatus: 'up', adminStatus: 'up', speedMbps: 10_000 }], neighbors: [{ protocol: 'lldp', localPort: 'Te0/0/1', remoteName: 'cr1', remotePort: 'Te0/0/1' }] }), FIXTURE_NOW - 5_000));
  aggIds.forEach((id, i) => {
    // ag005 and ag017 stopped answering, ag006 is stale, ag009 was never polled
    if (id === 'ag009') return;
    const how = id === 'ag005' || id === 'ag017' ? 'unreachable' : id === 'ag006' ? 'stale' : 'fresh';
    states.set(id, deviceState(id, observation({ system: { name: `sys-${id}`, descr: 'agg', objectId: null, uptimeSeconds: 100 }, powerSupplies: psuPair(i === 3 ? 'failed' : 'ok') }), FIXTURE_NOW - 5_000, how));
  });
  const view = (s: DeviceState): NonNullable<ReturnType<ApiDeps['device']>> => ({ observation: s.observation, observedAt: s.observedAt, lastSuccessAt: s.lastSuccessAt, consecutiveFailures: s.consecutiveFailures, stale: s.stale });

  // cr1's changes: 120 of them, one an hour back from now, seq 0 (the first a hostile trap text)
  const cr1Transitions: TransitionView[] = Array.from({ length: 120 }, (_, k) => ({
    at: FIXTURE_NOW - (k + 1) * 3_600_000, seq: 0, subject: k === 0 ? `trap:${XSS_CORPUS[0]}` : k % 2 === 0 ? 'psu:psu-2' : 'if:Te0/0/7',
    from: k % 2 === 0 ? 'ok' : 'up', to: k % 2 === 0 ? 'failed' : 'down',
  }));
  const transitions: ApiDeps['transitions'] = (id, q) => (id !== 'cr1' ? [] : cr1Transitions
    .filter((t) => q.before === undefined || t.at < q.before || (t.at === q.before && t.seq < (q.beforeSeq ?? Number.MAX_SAFE_INTEGER)))
    .slice(0, q.limit));

  const snapshot = buildSnapshot(inventory, [...states.values()], [], FIXTURE_NOW, { pollIntervalMs: 60_000 });
  const report = runAnalysis(snapshot, loadPolicy(DEFAULT_POLICY_FILE), FIXTURE_NOW);

  const dir = mkdtempSync(join(tmpdir(), 'redline-console-fixture-'));
  const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const audit = (id: string): Parameters<typeof store.createHazard>[1] => ({ at: FIXTURE_NOW, actor: 'daemon', action: 'hazard.open', target: `hazard:${id}`, before: null, after: null });
  // two red (one overdue), one orange, one closed yesterday
  await store.createHazard(hazardFixture({ id: 'h-red-late', colour: 'red' }, FIXTURE_NOW - 20 * DAY), audit('h-red-late'));
  await store.createHazard(hazardFixture({ id: 'h-red', colour: 'red' }, FIXTURE_NOW - 2 * DAY), audit('h-red'));
  await store.createHazard(hazardFixture({ id: 'h-orange', colour: 'orange' }, FIXTURE_NOW - 5 * DAY), audit('h-orange'));
  await store.createHazard(hazardFixture({ id: 'h-closed', colour: 'yellow', status: 'closed', closedAt: FIXTURE_NOW - DAY }, FIXTURE_NOW - 10 * DAY), audit('h-closed'));

  const deps: ApiDeps = {
    inventory: () => inventory,
    device: (id) => { const s = states.get(id); return s === undefined ? null : view(s); },
    transitions,
    health: () => null,
    readiness: () => ({ ready: true, polled: states.size, total: inventory.devices.size }),
    registry: new Registry(),
    timeZone: () => 'Asia/Shanghai',
    now: () => FIXTURE_NOW,
    ...(opts.analysis === false ? {} : {
      analysis: {
        latest: () => inProcessReportView(report, FIXTURE_NOW),
        sweep: () => null,
        whatIf: () => Promise.reject(new Error('what-if is not part of this fixture')),
      },
    }),
    ledger: {
      store,
      policy: () => DEFAULT_LEDGER_POLICY,
      timeZone: () => 'Asia/Shanghai',
      maxAttachmentKB: () => 512,
      now: () => FIXTURE_NOW,
      latestCheckpoint: () => Promise.resolve(null),
      waiversChanged: () => undefined,
    },
  };
  return {
    deps,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
