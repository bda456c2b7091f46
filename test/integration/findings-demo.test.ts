/**
 * The demo network's deliberate gaps (config/demo/redline.yaml header) are all found, and its
 * healthy parts produce no failing finding. The observations come from the real engine polling
 * the demo's simulated devices (src/demo/network.ts) over SNMP on loopback, the health results
 * from the real checker against endpoints that answer like the demo's; both go through the state
 * store, as in the daemon; then buildSnapshot and analyze with the shipped policy.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis, type AnalysisReport } from '../../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { runHealthCheck } from '../../src/collect/http/health.js';
import { loadConfig } from '../../src/config/load.js';
import { DEMO_CONFIG_DIR, listenSmsHealth } from '../../src/demo/simulated-network.js';
import { DEMO_DEVICES } from '../../src/demo/network.js';
import { buildInventory } from '../../src/inventory/model.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { syntheticTable } from '../../src/sim/synthetic-devices.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { createMemoryStateStore } from '../../src/state/memory-store.js';
import { pollReplay } from '../support/replay.js';

/** A weekday outside every special period of the shipped calendar. */
const NOW = Date.parse('2026-03-10T04:00:00Z');
const COMMUNITY = 'demo-findings-community-7f3a';

let agent: ReplayAgent;
let http: Server;
let report: AnalysisReport;
let loaded: { inventory: ReturnType<typeof buildInventory> };

beforeAll(async () => {
  const config = loadConfig(DEMO_CONFIG_DIR, { env: { REDLINE_DEMO_COMMUNITY: COMMUNITY }, readFile: () => { throw new Error('no secret files'); } });
  const inventory = buildInventory(config);
  loaded = { inventory };
  // one agent serves every simulated device, each under its own community
  agent = new ReplayAgent(Object.entries(DEMO_DEVICES).map(([id, d]) => ({ community: `${COMMUNITY}-${id}`, table: syntheticTable(d) })));
  const port = await agent.start();
  // the SMS platform's health endpoints, the demo's own: site A up, site B down
  http = await listenSmsHealth(0);
  const httpPort = (http.address() as AddressInfo).port;

  const store = createMemoryStateStore();
  for (const d of inventory.devices.values()) {
    if (d.poll === undefined) continue;
    const r = await pollReplay(port, `${COMMUNITY}-${d.id}`);
    store.recordDevicePoll(d.id, NOW - 5_000, { answered: r.answered, observation: r.observation });
  }
  for (const h of inventory.health.values()) {
    const url = new URL(h.url);
    url.port = String(httpPort);
    const result = await runHealthCheck(
      { id: h.id, url: url.toString(), method: h.method, timeoutMs: h.timeoutMs, followRedirects: false, tlsInsecure: false, ...(h.expectStatus !== undefined ? { expectStatus: h.expectStatus } : {}), ...(h.expectBody !== undefined ? { expectBody: h.expectBody } : {}) },
      { now: () => NOW - 3_000, secrets: new SecretRegistry() },
    );
    store.recordHealth(result);
  }
  const intervalMs = config.config.settings.poll.intervalSeconds * 1000;
  const snapshot = buildSnapshot(inventory, store.latestDevices({ now: NOW, intervalMs }), store.latestHealthAll({ now: NOW, intervalMs }), NOW, { pollIntervalMs: intervalMs });
  report = runAnalysis(snapshot, loadPolicy(DEFAULT_POLICY_FILE), NOW);
});

afterAll(async () => {
  await agent.stop();
  await new Promise<void>((r) => { http.close(() => { r(); }); });
});

const FAILING = new Set(['degraded', 'unprotected', 'down']);

describe('the demo network', () => {
  it('finds exactly its deliberate gaps', () => {
    const failing = report.findings.filter((f) => FAILING.has(f.state)).map((f) => [f.rule, `${f.subject.kind}:${f.subject.id}`, f.state, f.colour]);
    expect(failing.sort()).toEqual([
      ['NODE-001', 'service:sms', 'unprotected', 'red'], // SMS site B down: SMS runs on site A alone
      ['NODE-002', 'pair:cr1+cr2', 'unprotected', 'orange'], // the core pair shares room core-a
      ['PWR-001', 'device:cr1', 'degraded', 'orange'], // cr1's PSU 2 failed
      ['PWR-001b', 'device:cr2', 'unprotected', 'red'], // both of cr2's PSUs on pdu-a
      ['RTE-002', 'protectionGroup:bj-sh', 'unprotected', 'red'], // trunk legs both in duct D-7
    ]);
  });

  it('says unknown only where redline collects no data (LAG counters), never on a guess', () => {
    const unknown = report.findings.filter((f) => f.state === 'unknown').map((f) => `${f.rule} ${f.subject.id}`);
    expect(unknown.sort()).toEqual(['LOAD-001 cr1:Bundle-Ether1', 'LOAD-001 cr2:Bundle-Ether1']);
  });

  it('judges the healthy parts protected: the ring, the UPS, the other PSUs, the VRRP pair, BFD on the core, the links', () => {
    const ok = new Set(report.findings.filter((f) => f.state === 'protected').map((f) => `${f.rule} ${f.subject.id}`));
    for (const want of [
      'PWR-001 cr2', 'PWR-001 agg1', 'PWR-001 agg2', 'PWR-001 agg3', 'PWR-001 sh-cr1', 'PWR-001 otn-bj', 'PWR-001 otn-sh',
      'PWR-001b cr1', 'PWR-002 bj-core', 'PWR-004 ups1', 'PWR-005 ups1', 'PWR-003 dc1', 'PWR-004 dc1',
      'RTE-001 core-pair', 'RTE-001 cr1', 'RTE-001 cr2', 'NODE-001 cr1+cr2', 'NODE-002 sms', 'SWO-004 vrrp:10@cr1+cr2', 'SWO-003 cr1', 'SWO-003 cr2',
      'TOPO-001 cr1-agg1', 'TOPO-001 agg1-agg2', 'TOPO-001 agg2-agg3', 'TOPO-001 agg3-cr2', 'TOPO-001 trunk-w', 'TOPO-001 trunk-p',
      'TOPO-003 cr1:bgp:global:10.0.0.2',
    ]) expect(ok).toContain(want);
    expect(report.findings.filter((f) => f.rule === 'TOPO-002')).toEqual([]);
  });

  it('explains each gap concretely in both languages, with the clause and evidence', () => {
    const by = (rule: string): AnalysisReport['findings'][number] => report.findings.find((f) => f.rule === rule && f.state !== 'protected')!;
    expect(by('PWR-001b').explanation).toEqual({ en: 'cr2: both PSUs are fed from pdu-a; one PDU failure takes it down', zh: 'cr2：两路电源均取自 pdu-a，单个PDU故障即导致设备中断' });
    expect(by('RTE-002').explanation.en).toBe('bj-sh: working and protect legs both run through duct D-7; one cut there takes down both');
    expect(by('NODE-001').explanation.en).toBe('sms: only smsc-a is up; smsc-b (site sms-b) fails its health check hc-sms-b (HTTP 503); one more failure takes it down');
    expect(by('PWR-001').explanation.zh).toBe('cr1：PSU 2 故障，仅靠 PSU 1 供电，再有一处故障即中断');
    for (const f of report.findings) {
      expect(f.clause).toBe('MIIT-2023-46/2.3');
      if (f.state !== 'protected') expect(f.evidence.length).toBeGreaterThan(0);
    }
  });

  it('lists what it could not judge, and why', () => {
    const skipped = Object.fromEntries(report.summary.rules.filter((r) => r.notEvaluated.length > 0).map((r) => [r.rule, r.notEvaluated.map((n) => n.reason)]));
    expect(skipped['SWO-006']).toEqual(['no drill register configured (policy evidence.drills)']);
    expect(skipped['CFG-002']).toEqual(['no configuration-backup source configured (policy evidence.configBackups)']);
    expect(skipped['RTE-001']).toEqual(['service endpoint without links in the inventory (its routes are not described)']);
    expect(report.summary.rules.filter((r) => r.error !== undefined)).toEqual([]);
  });

  it('explains in Chinese without English words (device names, ids, units and protocol acronyms excepted)', () => {
    const inv = loaded.inventory;
    // every id the demo's sentences may name: inventory ids, subjects, interfaces, risk groups, component names
    const ids = new Set<string>([
      ...inv.devices.keys(), ...inv.sites.keys(), ...inv.services.keys(), ...inv.health.keys(), ...inv.power.keys(),
      ...inv.links.flatMap((l) => [l.id, l.a.interface, l.b.interface, ...l.risks.map((r) => r.id)]),
      ...[...inv.sites.values()].flatMap((x) => x.rooms.map((r) => r.id)),
      ...report.findings.map((f) => f.subject.id),
      ...report.findings.flatMap((f) => f.evidence.map((e) => e.what)),
      'Asia/Shanghai',
    ]);
    const ACRONYMS = new Set(['SNMP', 'HTTP', 'BFD', 'BGP', 'OSPF', 'VRRP', 'HSRP', 'PDU', 'UPS', 'ATS', 'PSU', 'LAG', 'ECMP', 'LLDP', 'CDP', 'N', 'ms', 's', 'h', 'Mbps', 'Gbps']);
    const bad: string[] = [];
    const scanned = report.findings;
    expect(scanned.length).toBeGreaterThan(15);
    for (const f of scanned) {
      let zh = f.explanation.zh.replaceAll('N-1', ' ');
      for (const id of [...ids].sort((a, b) => b.length - a.length)) zh = zh.split(id).join(' ');
      for (const word of zh.match(/[A-Za-z][A-Za-z-]*/g) ?? []) if (!ACRONYMS.has(word)) bad.push(`${f.rule} ${f.subject.id}: "${word}" in ${f.explanation.zh}`);
    }
    expect(bad).toEqual([]);
  });

  it('never shows the community in a finding', () => {
    expect(JSON.stringify(report)).not.toContain(COMMUNITY);
  });
});
