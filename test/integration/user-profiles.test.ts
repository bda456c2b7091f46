/**
 * Profiles an operator writes, end to end: a YAML profile for a table no built-in reads (a
 * SiteBoss's relay power outputs, feeding other devices' PSUs) in a profile directory; `redline probe --profile-dir` reads the real
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

const RECORDING = 'siteboss571_siteboss571-2';
// A table no built-in reads: the SiteBoss's relay power outputs (point class 6), which feed other
// devices' PSUs; an operator who tracks those feeds as supplies writes this profile.
const PROFILE = `# SiteBoss 571 (SITEBOSS-571-STD-MIB): relay power outputs named after the PSU they feed
id: siteboss-psu-feeds
mib: SITEBOSS-571-STD-MIB
vendors: [1.3.6.1.4.1.3052]
columns:
  pointClass: { oid: 1.3.6.1.4.1.3052.14.1.1.1.1.2, type: int }
  pointName: { oid: 1.3.6.1.4.1.3052.14.1.1.1.1.4, type: string }
  energised: { oid: 1.3.6.1.4.1.3052.14.1.1.1.1.6, type: int }
extract:
  - kind: component
    component: psu
    rows: pointClass
    where: [{ column: pointClass, in: [6] }, { column: pointName, matches: PSU }]
    status: { column: energised, map: { 1: ok, 0: failed } }
    name: [{ column: pointName }]
`;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'redline-profiles-'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', 'siteboss.yaml'), PROFILE);
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

  it('no built-in reads the relay outputs as supplies', async () => {
    const r = await cli(runProbe, [`127.0.0.1:${sim.port}`, '--community', RECORDING, '--json']);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as DeviceObservation).powerSupplies).toEqual([]);
  });

  it('probe --profile-dir reports its units', async () => {
    const r = await cli(runProbe, [`127.0.0.1:${sim.port}`, '--community', RECORDING, '--profile-dir', join(dir, 'profiles'), '--json']);
    expect(r.code, r.err).toBe(0);
    const o = JSON.parse(r.out) as DeviceObservation;
    const src = ['siteboss-psu-feeds'];
    expect(o.powerSupplies.map((p) => [p.name, p.status, p.sources])).toEqual([
      ['TEST01-PE02 PSU1', 'ok', src], ['TEST01-PE01 PSU1', 'ok', src], ['TEST01-PE02 PSU0', 'ok', src], ['TEST01-PE01 PSU0', 'ok', src],
    ]);
    expect(o.profiles).toContain('siteboss-psu-feeds');
  });
});

describe('redline profile check', () => {
  it('passes a good profile and says what it reads', async () => {
    const r = await cli(runProfile, ['check', join(dir, 'profiles', 'siteboss.yaml')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('profile siteboss-psu-feeds');
  });

  it('names every problem of a broken profile, with its path', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, PROFILE.replace('type: int }', 'type: integer }').replace('{ 1: ok, 0: failed }', '{ 1: good, 0: failed }').replace('rows: pointClass', 'rows: pointKlass').replace('mib: SITEBOSS-571-STD-MIB', 'mib: SITEBOSS-571-STD-MIB\nfirmware: 5.2'));
    const r = await cli(runProfile, ['check', file]);
    expect(r.code).toBe(1);
    for (const path of ['(root)', 'columns.pointClass.type', 'extract[0].status.map.1', 'extract[0].rows']) expect(r.err).toContain(`  ${path}: `);
    expect(r.err).toContain('4 problems');
  });
});
