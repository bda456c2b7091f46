/**
 * DC power controllers, transfer switches and PDU inlets and phases read through Debian's snmpsim from
 * synthetic agents written from each vendor's MIB (test/fixtures/dc-agents.ts, authored, not
 * recorded from any device): the engine's DC plant and power inputs, and PWR-003 / PWR-004 judging
 * the plants it read.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { RULES } from '../../src/analysis/rules/index.js';
import { runProbe } from '../../src/cli/probe.js';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import { parseUserProfile } from '../../src/collect/snmp/user-profiles.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { writeDcAgents } from '../fixtures/dc-agents.js';
import { haveCommand } from '../support/processes.js';
import { prerequisite } from '../support/shared.js';
import { inventoryFromObject, snapshotOf } from '../support/snapshot-builders.js';
import { startSnmpSim, type SnmpSim } from '../support/snmpsim.js';

const available = prerequisite('snmpsimd', haveCommand('snmpsimd'), 'serves the synthetic DC controller recordings');
const NOW = Date.parse('2026-03-10T04:00:00Z');

/** An operator's profile for a genset controller no built-in reads: its mains sensing and engine state. */
const GENSET_YAML = `
id: my-genset
mib: MY-GENSET-MIB
vendors: [1.3.6.1.4.1.99999]
columns:
  mains: { oid: 1.3.6.1.4.1.99999.7.1.1, type: int }
  engine: { oid: 1.3.6.1.4.1.99999.7.1.2, type: int }
extract:
  - { kind: powerInput, role: mains, rows: mains, name: [{ literal: Mains }], state: { column: mains, map: { 1: ok, 2: failed } } }
  - { kind: powerInput, role: generator, rows: engine, name: [{ literal: Genset }], state: { column: engine, map: { 1: absent, 2: failed, 3: ok } } }
`;

describe.skipIf(!available)('DC controllers, transfer switches and PDU inlets from their MIBs, through snmpsim', () => {
  let sim: SnmpSim | undefined;
  let dir = '';
  const seen = new Map<string, DeviceObservation>();

  beforeAll(async () => {
    // snmpsim indexes its data directory; a private copy keeps its cache apart from other runs
    dir = mkdtempSync(join(tmpdir(), 'redline-dc-'));
    writeDcAgents(dir);
    chmodSync(dir, 0o755); // snmpsimd drops to an unprivileged user when started as root
    sim = await startSnmpSim({ dataDir: dir, readyCommunity: 'vertiv-netsure' });
    const genset = parseUserProfile(GENSET_YAML, 'my-genset.yaml');
    expect(genset.issues).toEqual([]);
    for (const name of ['vertiv-netsure', 'huawei-smu', 'apc-ats', 'raritan-px', 'apc-rpdu2', 'apc-rpdu', 'genset-yaml']) {
      const t = openSnmpTransport({ host: sim.host, port: sim.port }, { version: '2c', community: name }, { timeoutMs: 5000, retries: 1 }, new SecretRegistry());
      try {
        const profiles = name === 'genset-yaml' ? [genset.profile!, ...PROFILES] : PROFILES;
        const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles, now: () => Date.now() });
        expect(r.answered, name).toBe(true);
        seen.set(name, r.observation);
      } finally {
        t.close();
      }
    }
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('reads a Vertiv NetSure plant: failed module, load in mA, used capacity, battery shunts, mains from the battery mode', () => {
    const o = seen.get('vertiv-netsure')!;
    expect(o.dcPower).toEqual([{
      source: 'vertiv-netsure', rectifiers: { ok: 3, failed: 1, unknown: 0 }, moduleRatingAmps: null, loadAmps: 84.5, capacityUsedPercent: 35,
      battery: { state: 'float', minutesRemaining: null, strings: 2 }, mains: 'ok',
    }]);
  });

  it('reads a Huawei SMU plant and both of its AC inputs, one without power; 2147483647 is no reading', () => {
    const o = seen.get('huawei-smu')!;
    expect(o.dcPower).toEqual([{
      source: 'huawei-smu', rectifiers: { ok: 3, failed: 0, unknown: 1 }, moduleRatingAmps: null, loadAmps: null, capacityUsedPercent: 30,
      battery: { state: 'discharging', minutesRemaining: 95, strings: 2 }, mains: 'failed',
    }]);
    expect(o.powerInputs).toEqual([
      { name: 'AC input 1', role: 'mains', state: 'ok', feedsLoad: null, source: 'huawei-smu' },
      { name: 'AC input 2', role: 'mains', state: 'failed', feedsLoad: null, source: 'huawei-smu' },
    ]);
  });

  it('reads an APC transfer switch: source B without power, the load on source A', () => {
    expect(seen.get('apc-ats')!.powerInputs).toEqual([
      { name: 'ATS source A', role: 'mains', state: 'ok', feedsLoad: true, source: 'apc-ats' },
      { name: 'ATS source B', role: 'mains', state: 'failed', feedsLoad: false, source: 'apc-ats' },
    ]);
  });

  it('reads a Raritan PDU\'s inlets from their voltage sensors only', () => {
    expect(seen.get('raritan-px')!.powerInputs).toEqual([
      { name: 'I1', role: 'pduInlet', state: 'ok', feedsLoad: null, source: 'raritan-pdu2' },
      { name: 'I2', role: 'pduInlet', state: 'failed', feedsLoad: null, source: 'raritan-pdu2' },
    ]);
  });

  it('reads an APC rPDU2\'s phases from their voltage: 231 V has power, 0 V has none, no voltage reading is unknown', () => {
    const o = seen.get('apc-rpdu2')!;
    expect(o.powerInputs).toEqual([
      { name: 'Phase 1', role: 'pduInlet', state: 'ok', feedsLoad: null, source: 'apc-rpdu2' },
      { name: 'Phase 2', role: 'pduInlet', state: 'failed', feedsLoad: null, source: 'apc-rpdu2' },
      { name: 'Phase 3', role: 'pduInlet', state: 'unknown', feedsLoad: null, source: 'apc-rpdu2' },
    ]);
    expect(o.powerSupplies.map((p) => p.status)).toEqual(['ok']);
  });

  it('reads a first-generation APC rPDU\'s phase rows only (not its banks): current drawn is power, none drawn is unknown', () => {
    expect(seen.get('apc-rpdu')!.powerInputs).toEqual([
      { name: 'Phase 1', role: 'pduInlet', state: 'ok', feedsLoad: null, source: 'apc-rpdu' },
      { name: 'Phase 2', role: 'pduInlet', state: 'unknown', feedsLoad: null, source: 'apc-rpdu' },
    ]);
  });

  it('reads a generator through an operator\'s YAML profile, and PWR-002 calls the site on its running generator degraded', () => {
    const o = seen.get('genset-yaml')!;
    expect(o.powerInputs).toEqual([
      { name: 'Mains', role: 'mains', state: 'failed', feedsLoad: null, source: 'my-genset' },
      { name: 'Genset', role: 'generator', state: 'ok', feedsLoad: null, source: 'my-genset' },
    ]);
    const inv = inventoryFromObject({
      sites: [{ id: 'bj', class: 'PC-CORE' }],
      devices: [{ id: 'genset', site: 'bj', role: 'site-monitor', snmp: { host: '10.0.0.7', credentials: 'c' } }],
      power: [{ id: 'm1', kind: 'mains', site: 'bj', substation: 'S1' }, { id: 'm2', kind: 'mains', site: 'bj', substation: 'S2' }],
    });
    const snapshot = snapshotOf(inv, { now: NOW, devices: { genset: o } });
    const [f] = runAnalysis(snapshot, loadPolicy(DEFAULT_POLICY_FILE), NOW, RULES.filter((r) => r.id === 'PWR-002')).findings;
    expect([f?.state, f?.explanation.en]).toEqual(['degraded', 'bj: no mains input has power (genset Mains); the site runs on its generator (genset Genset), and only batteries remain if it stops']);
  });

  it('judges the plants it read: PWR-003 headroom and the DC half of PWR-004', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 'bj', class: 'PC-CORE' }],
      devices: [
        { id: 'netsure', site: 'bj', role: 'dc-plant', snmp: { host: '10.0.0.8', credentials: 'c' } },
        { id: 'smu', site: 'bj', role: 'dc-plant', snmp: { host: '10.0.0.9', credentials: 'c' } },
      ],
    });
    const snapshot = snapshotOf(inv, { now: NOW, devices: { netsure: seen.get('vertiv-netsure')!, smu: seen.get('huawei-smu')! } });
    const rules = RULES.filter((r) => r.id === 'PWR-003' || r.id === 'PWR-004');
    const got = runAnalysis(snapshot, loadPolicy(DEFAULT_POLICY_FILE), NOW, rules).findings.map((f) => `${f.rule} ${f.subject.id} ${f.state}`).sort();
    // NetSure: 35 % of 4 installed → 2 needed, 3 ok ≥ 2 + 1 spare; no minutes in its MIB.
    // SMU: 30 % of 4 → 2 needed, 3 ok; discharging with 95 min, 60 required for CORE.
    expect(got).toEqual(['PWR-003 netsure protected', 'PWR-003 smu protected', 'PWR-004 netsure unknown', 'PWR-004 smu protected']);
  });
});

describe('probe --snmprec of a synthetic controller recording', () => {
  it('prints the plant and its power inputs', async () => {
    let out = '';
    let err = '';
    const dir = mkdtempSync(join(tmpdir(), 'redline-dc-probe-'));
    try {
      writeDcAgents(dir);
      const code = await runProbe(['--snmprec', join(dir, 'huawei-smu.snmprec')], { out: (t) => { out += t; }, err: (t) => { err += t; } });
      expect(code, err).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(out).toMatch(/DC power plant \(huawei-smu\)\n +rectifiers 3 ok, 0 failed, 1 unknown; load \? A \(30 % of capacity\); mains failed\n +battery discharging, 95 min remaining, 2 string\(s\)/);
    expect(out).toMatch(/Power inputs: 2, 1 without power\n +ok +AC input 1 +mains\n +failed +AC input 2 +mains/);
  });
});
