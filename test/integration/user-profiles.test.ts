/**
 * Profiles an operator writes, end to end: a YAML profile for a table no built-in reads (Moxa
 * EDS-G512E power inputs) in a profile directory; `redline probe --profile-dir` reads the real
 * recording through snmpsim and reports its units; `redline profile check` names every problem
 * of a broken profile with its path.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { runProbe } from '../../src/cli/probe.js';
import { runProfile } from '../../src/cli/profile.js';
import { SNMPREC_WIDE_DIR } from '../support/agreement-wide.js';
import { sharedAvailable } from '../support/shared.js';
import { startSnmpSim, type SnmpSim } from '../support/snmpsim.js';

const RECORDING = 'moxa-etherdevice_edsg512e';
const PROFILE = `# Moxa EDS-G512E (MOXA-EDSG512E-MIB): powerInputStatus of the two DC inputs, at .1.10.<n>.0
id: moxa-edsg512e-power
mib: MOXA-EDSG512E-MIB
vendors: [1.3.6.1.4.1.8691.7.70]
columns:
  input1: { oid: 1.3.6.1.4.1.8691.7.70.1.10.1, type: int }
  input2: { oid: 1.3.6.1.4.1.8691.7.70.1.10.2, type: int }
extract:
  - { kind: component, component: psu, rows: input1, unit: in1, status: { column: input1, map: { 1: ok, 0: absent } }, name: [{ literal: PWR1 }] }
  - { kind: component, component: psu, rows: input2, unit: in2, status: { column: input2, map: { 1: ok, 0: absent } }, name: [{ literal: PWR2 }] }
`;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'redline-profiles-'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', 'moxa.yaml'), PROFILE);
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function cli(run: (argv: readonly string[], io: { out(t: string): void; err(t: string): void }) => Promise<number>, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe.skipIf(!sharedAvailable('snmprec-wide'))('a YAML profile from a profile directory', () => {
  let sim: SnmpSim;
  beforeAll(async () => { sim = await startSnmpSim({ dataDir: SNMPREC_WIDE_DIR, readyCommunity: RECORDING }); });
  afterAll(async () => { await sim.stop(); });

  it('no built-in reads the Moxa power inputs', async () => {
    const r = await cli(runProbe, [`127.0.0.1:${sim.port}`, '--community', RECORDING, '--json']);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as DeviceObservation).powerSupplies).toEqual([]);
  });

  it('probe --profile-dir reports its units', async () => {
    const r = await cli(runProbe, [`127.0.0.1:${sim.port}`, '--community', RECORDING, '--profile-dir', join(dir, 'profiles'), '--json']);
    expect(r.code, r.err).toBe(0);
    const o = JSON.parse(r.out) as DeviceObservation;
    expect(o.powerSupplies.map((p) => [p.name, p.status, p.sources])).toEqual([['PWR1', 'ok', ['moxa-edsg512e-power']], ['PWR2', 'absent', ['moxa-edsg512e-power']]]);
    expect(o.profiles).toContain('moxa-edsg512e-power');
  });
});

describe('redline profile check', () => {
  it('passes a good profile and says what it reads', async () => {
    const r = await cli(runProfile, ['check', join(dir, 'profiles', 'moxa.yaml')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('profile moxa-edsg512e-power');
  });

  it('names every problem of a broken profile, with its path', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, PROFILE.replace('type: int }', 'type: integer }').replace('{ 1: ok, 0: absent }', '{ 1: good, 0: absent }').replace('rows: input2', 'rows: input3').replace('mib: MOXA-EDSG512E-MIB', 'mib: MOXA-EDSG512E-MIB\nfirmware: 5.2'));
    const r = await cli(runProfile, ['check', file]);
    expect(r.code).toBe(1);
    for (const path of ['(root)', 'columns.input1.type', 'extract[0].status.map.1', 'extract[1].rows']) expect(r.err).toContain(`  ${path}: `);
    expect(r.err).toContain('4 problems');
  });
});
