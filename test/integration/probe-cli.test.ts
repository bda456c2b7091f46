/**
 * The `redline probe` contract (README): `--json` prints exactly one JSON object with exactly
 * the keys of `DeviceObservation` in src/collect/observation.ts, each of its declared type;
 * exit 0 when the device answered (a real recording, served by the replay agent), exit 2 and
 * `no answer from <target> within <N> ms` when it never did, exit 1 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { runProbe } from '../../src/cli/probe.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { SimTable, parseSnmprec } from '../../src/sim/table.js';
import { fleetDevice, syntheticTable } from '../../src/sim/synthetic-devices.js';
import { ensureBuilt, runCli, runCliMany } from '../support/cli.js';
import { loadObservationSchema, validate } from '../support/observation-schema.js';
import { SNMPREC_DIR, sharedAvailable } from '../support/shared.js';

const RECORDING = 'ios_c3560';
const available = sharedAvailable();

describe('redline probe: the CLI contract', () => {
  const schema = loadObservationSchema();
  const devices = [
    { community: 'synthetic', table: syntheticTable(fleetDevice(10)) },
    { community: 'silent', table: syntheticTable({ name: 'silent' }), faults: [{ kind: 'silent' as const }] },
  ];
  if (available) devices.push({ community: RECORDING, table: SimTable.from(parseSnmprec(readFileSync(join(SNMPREC_DIR, `${RECORDING}.snmprec`), 'utf8')).entries) });
  const agent = new ReplayAgent(devices);
  let target = '';

  beforeAll(async () => {
    target = `127.0.0.1:${await agent.start()}`;
    await ensureBuilt();
  });
  afterAll(async () => {
    await agent.stop();
  });

  it('the schema parsed from observation.ts has the documented top-level keys', () => {
    const keys = schema.interfaces.get('DeviceObservation')?.map((f) => f.name) ?? [];
    for (const k of ['target', 'system', 'profiles', 'powerSupplies', 'fans', 'ups', 'bgpPeers', 'ospfNeighbors', 'fhrpGroups', 'interfaces', 'lagMembers', 'neighbors', 'redundancy', 'errors']) {
      expect(keys).toContain(k);
    }
  });

  const jsonCases: readonly [string, string, boolean][] = [
    ['a real recording (ios_c3560)', RECORDING, available],
    ['a synthetic device with a failed PSU', 'synthetic', true],
  ];
  for (const [name, community, run] of jsonCases) {
    it.skipIf(!run)(`--json on ${name}: exit 0, exactly one JSON object of the declared shape`, async () => {
      const r = await runCli(['probe', target, '--json'], 30_000, [], { REDLINE_COMMUNITY: community });
      expect(r.hung).toBe(false);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.endsWith('\n')).toBe(true);
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
      const parsed: unknown = JSON.parse(r.stdout);
      expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
      expect(Object.keys(parsed as object).sort()).toEqual(schema.interfaces.get('DeviceObservation')!.map((f) => f.name).sort());
      expect(validate(schema, 'DeviceObservation', parsed)).toEqual([]);
      const o = parsed as DeviceObservation;
      expect(o.target).toBe(target);
      expect(o.interfaces.length).toBeGreaterThan(0);
      if (community === 'synthetic') {
        expect(o.system.name).toBe('edge-0010');
        expect(o.powerSupplies.map((p) => p.status).sort()).toEqual(['failed', 'ok']);
        expect(o.interfaces).toHaveLength(50);
      }
    });
  }

  it('without --json: exit 0 and a human summary, not JSON', async () => {
    const r = await runCli(['probe', target], 30_000, [], { REDLINE_COMMUNITY: 'synthetic' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^127\.0\.0\.1:\d+ {2}edge-0010 {2}up /);
    expect(r.stdout).toMatch(/Power supplies: 1 ok, 1 failed of 2/);
    expect(r.stdout).toMatch(/Interfaces: 50 \(50 up\)/);
    expect(() => JSON.parse(r.stdout) as unknown).toThrow();
  });

  for (const json of [true, false]) {
    it(`silence${json ? ' --json' : ''}: exit 2, the message on stderr, nothing on stdout`, async () => {
      const r = await runCli(['probe', target, '--timeout-ms', '500', ...(json ? ['--json'] : [])], 30_000, [], { REDLINE_COMMUNITY: 'silent' });
      expect(r.hung).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`no answer from ${target} within 500 ms\n`);
    });
  }

  it('an unknown community is silence too (exit 2)', async () => {
    const r = await runCli(['probe', target, '--timeout-ms', '300', '--retries', '0'], 30_000, [], { REDLINE_COMMUNITY: 'nobody-has-this' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`no answer from ${target} within 300 ms\n`);
  });

  const usage: readonly (readonly string[])[] = [
    ['probe'],
    ['probe', '127.0.0.1', '127.0.0.2'],
    ['probe', '127.0.0.1:0'],
    ['probe', '127.0.0.1:99999'],
    ['probe', ':161'],
    ['probe', '127.0.0.1', '--timeout-ms', 'soon'],
    ['probe', '127.0.0.1', '--timeout-ms', '5'],
    ['probe', '127.0.0.1', '--retries', '-1'],
    ['probe', '127.0.0.1', '--max-repetitions', '0'],
    ['probe', '127.0.0.1', '--snmp-version', '3'],
    ['probe', '127.0.0.1', '--community', 'c', '--v3-user', 'u'],
    ['probe', '127.0.0.1', '--v3-user', 'u', '--auth-protocol', 'rot13'],
    ['probe', '127.0.0.1', '--v3-user', 'u', '--priv-protocol', 'rc4'],
    ['probe', '127.0.0.1', '--v3-user', 'u', '--priv-key', 'only-priv'],
    ['probe', '127.0.0.1', '--no-such-option'],
    ['no-such-command'],
  ];
  it('usage errors exit 1 with the usage on stderr and nothing on stdout (runProbe, in process)', async () => {
    for (const args of usage) {
      if (args[0] !== 'probe') continue;
      let out = '';
      let err = '';
      const code = await runProbe(args.slice(1), { out: (t) => { out += t; }, err: (t) => { err += t; } });
      expect(code, `${args.join(' ')}: ${err}`).toBe(1);
      expect(out, args.join(' ')).toBe('');
      expect(err, args.join(' ')).toMatch(/usage: redline probe/);
    }
  });

  it('usage errors exit 1 from the built binary too', async () => {
    const some = [usage[0]!, usage[3]!, usage[14]!, usage[15]!];
    const results = await runCliMany(some);
    results.forEach((r, k) => {
      const args = some[k]!.join(' ');
      expect(r.hung, args).toBe(false);
      expect(r.code, `${args}: ${r.stderr}`).toBe(1);
      expect(r.stdout, args).toBe('');
      expect(r.stderr, args).toMatch(/usage: redline/);
    });
  });

  it('--help exits 0 with the usage on stdout', async () => {
    const r = await runCli(['probe', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: redline probe/);
  });
});
