/**
 * `redline record` and `redline probe --snmprec`: a real agent (Debian snmpd) and a real-device
 * recording served by snmpsim are recorded, then read back offline through the same engine; the
 * observation is the one the live probe makes. `--anonymise` leaves no original address or name.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { runProbe } from '../../src/cli/probe.js';
import { runRecord } from '../../src/cli/record.js';
import { DEFAULT_COLLECT, collectDevice } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { sharedAvailable } from '../support/shared.js';
import { startSnmpd, type Snmpd } from '../support/snmpd.js';
import { startSnmpSim, type SnmpSim } from '../support/snmpsim.js';

const ID = { community: 'redline-record-ro-9c1e', sysName: 'redline-record-agent', sysContact: 'noc-record@example.net', sysLocation: 'Xicheng record lab' };

let dir = '';
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'redline-record-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

/** Runs a CLI command in-process, capturing what it writes. */
async function cli(run: (argv: readonly string[], io: { out(t: string): void; err(t: string): void }) => Promise<number>, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

async function live(port: number, community: string): Promise<DeviceObservation> {
  const t = openSnmpTransport({ host: '127.0.0.1', port }, { version: '2c', community }, { timeoutMs: 3000, retries: 1 }, new SecretRegistry());
  try {
    return (await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => Date.now() })).observation;
  } finally {
    t.close();
  }
}

/** What must be equal between a live probe and a probe of its recording (the target and the clock differ). */
function comparable(o: DeviceObservation): unknown {
  return { ...o, target: null, system: { ...o.system, uptimeSeconds: null }, errors: o.errors.filter((e) => e.profile !== 'transport') };
}

describe('record a running Debian snmpd, read it back offline', () => {
  let agent: Snmpd;
  beforeAll(async () => { agent = await startSnmpd(ID); }, 60_000);
  afterAll(async () => { await agent.stop(); });

  it('probe --snmprec of the recording sees what the live probe sees', async () => {
    const file = join(dir, 'snmpd.snmprec');
    const rec = await cli(runRecord, [`127.0.0.1:${agent.port}`, '--community', ID.community, '--out', file]);
    expect(rec.code, rec.err).toBe(0);
    expect(rec.out + rec.err).not.toContain(ID.community);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(ID.community);
    expect(text).toContain(ID.sysName);
    const offline = await cli(runProbe, ['--snmprec', file, '--json']);
    expect(offline.code, offline.err).toBe(0);
    const fromFile = JSON.parse(offline.out) as DeviceObservation;
    expect(fromFile.interfaces.some((i) => i.name === 'lo')).toBe(true);
    expect(comparable(fromFile)).toEqual(comparable(await live(agent.port, ID.community)));
  });

  it('reads the community from a file as probe does, without the command-line warning', async () => {
    const secret = join(dir, 'community');
    writeFileSync(secret, `${ID.community}\n`);
    const file = join(dir, 'snmpd-file.snmprec');
    const rec = await cli(runRecord, [`127.0.0.1:${agent.port}`, '--community-file', secret, '--out', file]);
    expect(rec.code, rec.err).toBe(0);
    expect(rec.err).not.toMatch(/visible to other users/);
    expect(readFileSync(file, 'utf8')).toContain(ID.sysName);
    const flag = await cli(runRecord, [`127.0.0.1:${agent.port}`, '--community', ID.community, '--out', join(dir, 'snmpd-flag.snmprec')]);
    expect(flag.err).toMatch(/--community on the command line is visible to other users/);
    expect(flag.out + flag.err).not.toContain(ID.community);
  });

  it('--anonymise leaves no original address or name, and the recording still reads the same shape', async () => {
    const file = join(dir, 'snmpd-anon.snmprec');
    const rec = await cli(runRecord, [`127.0.0.1:${agent.port}`, '--community', ID.community, '--out', file, '--anonymise']);
    expect(rec.code, rec.err).toBe(0);
    const text = readFileSync(file, 'utf8');
    for (const original of [ID.sysName, ID.sysContact, ID.sysLocation, '127.0.0.1', ID.community]) expect(text).not.toContain(original);
    const fromFile = JSON.parse((await cli(runProbe, ['--snmprec', file, '--json'])).out) as DeviceObservation;
    expect(fromFile.system.name).toBe('host-1');
    expect(fromFile.interfaces.map((i) => i.name)).toContain('lo');
  });
});

describe.skipIf(!sharedAvailable())('record a real-device recording served by snmpsim', () => {
  let sim: SnmpSim;
  beforeAll(async () => { sim = await startSnmpSim(); });
  afterAll(async () => { await sim.stop(); });

  it.each(['ios_c3560', 'junos_qfx5100'])('%s: recorded and read back offline, the same observation as live', async (name) => {
    const file = join(dir, `${name}.snmprec`);
    const rec = await cli(runRecord, [`127.0.0.1:${sim.port}`, '--community', name, '--out', file]);
    expect(rec.code, rec.err).toBe(0);
    const offline = await cli(runProbe, ['--snmprec', file, '--json']);
    expect(offline.code, offline.err).toBe(0);
    expect(comparable(JSON.parse(offline.out) as DeviceObservation)).toEqual(comparable(await live(sim.port, name)));
  });

  it('probe --snmprec refuses a file that is no device recording', async () => {
    const file = join(dir, 'empty.snmprec');
    (await import('node:fs')).writeFileSync(file, '1.3.6.1.2.1.2.1.0|2|3\n');
    expect((await cli(runProbe, ['--snmprec', file])).code).toBe(2);
  });
});
