/**
 * `redline probe` from the built binary against the replay agent: secrets from a file or the
 * environment (no warning), from a flag (a warning on stderr, never the value), never echoed;
 * and a device whose sysDescr, sysName, PSU names and ifAlias are hostile (10 KiB of text full of
 * line breaks, C1 controls and bidi overrides): capped at 1 KiB in the observation (`--json`
 * keeps the exact capped string and notes the cut) and shown neutralised in the text summary.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../../src/cli/probe.js';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { hasUnsafeText } from '../../src/common/text.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { fleetDevice, syntheticTable } from '../../src/sim/synthetic-devices.js';
import { leaks } from '../support/canary.js';
import { ensureBuilt, runCli } from '../support/cli.js';

const COMMUNITY = 'CANARY-probe-community-6b2e';
const HOSTILE_COMMUNITY = 'CANARY-hostile-community-0d91';
const AUTH = 'CANARY-probe-auth-91fe';
const PRIV = 'CANARY-probe-priv-3c7a';
const CANARIES = [COMMUNITY, HOSTILE_COMMUNITY, AUTH, PRIV];

/** 10 KiB of text a hostile or broken agent could send: line breaks, C1 controls, bidi overrides and isolates. */
const PIECE = 'Huawei VRP\r\n[ok] \u202eSSAP\u202c \u2066evil\u2069 \u0085\u009b31m ';
const HOSTILE = PIECE.repeat(Math.ceil(10 * 1024 / Buffer.byteLength(PIECE))).slice(0, 10 * 1024);

describe('redline probe: secrets from files and the environment, hostile device text', () => {
  const agent = new ReplayAgent([
    { community: COMMUNITY, table: syntheticTable(fleetDevice(3)) },
    {
      community: HOSTILE_COMMUNITY,
      table: syntheticTable({
        name: `core\u202e1rc\r\nforged line`,
        sysDescr: HOSTILE,
        interfaces: [{ name: 'Gi0/0' }, { name: 'Gi0/1' }],
        lldp: [{ localIfIndex: 1, remoteName: HOSTILE, remotePort: 'Gi9/9\u202e\r\n' }],
        entity: { psus: [{ name: `PSU\u20661\u2069\r\nFAN OK`, state: 'failed' }, 'ok'] },
      }),
    },
  ]);
  let target = '';
  let dir = '';

  beforeAll(async () => {
    target = `127.0.0.1:${await agent.start()}`;
    dir = mkdtempSync(join(tmpdir(), 'redline-probe-secrets-'));
    writeFileSync(join(dir, 'community'), `${COMMUNITY}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'hostile'), `${HOSTILE_COMMUNITY}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'empty'), '\n', { mode: 0o600 });
    await ensureBuilt();
  });
  afterAll(async () => {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--community-file: exit 0, no warning, the community nowhere in the output', async () => {
    const r = await runCli(['probe', target, '--community-file', join(dir, 'community'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as DeviceObservation).system.name).toBe('edge-0003');
    expect(leaks(r.stdout + r.stderr, CANARIES)).toEqual([]);
  });

  it('REDLINE_COMMUNITY: exit 0, no warning', async () => {
    const r = await runCli(['probe', target, '--json'], 30_000, [], { REDLINE_COMMUNITY: COMMUNITY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(leaks(r.stdout + r.stderr, CANARIES)).toEqual([]);
  });

  it('--community on the command line: works, warns on stderr in English and Chinese, never echoes it', async () => {
    const r = await runCli(['probe', target, '--community', COMMUNITY, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: --community on the command line is visible to other users \(ps\) and kept in shell history; use --community-file or REDLINE_COMMUNITY\n警告/);
    expect((JSON.parse(r.stdout) as DeviceObservation).system.name).toBe('edge-0003');
    expect(leaks(r.stdout + r.stderr, CANARIES)).toEqual([]);
  });

  it('a flag wins over the environment (and still warns)', async () => {
    const r = await runCli(['probe', target, '--community', COMMUNITY, '--json', '--timeout-ms', '500'], 30_000, [], { REDLINE_COMMUNITY: 'wrong-community' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: --community/);
  });

  it('usage errors name the file, never a secret (in process)', async () => {
    const cases: [string[], RegExp, Record<string, string>][] = [
      [['--community', COMMUNITY, '--community-file', join(dir, 'community')], /--community and --community-file exclude each other/, {}],
      [['--community-file', join(dir, 'missing')], /--community-file: cannot read .*missing/, {}],
      [['--community-file', join(dir, 'empty')], /--community-file: .*empty first line/, {}],
      [['--v3-user', 'noc', '--priv-key-file', join(dir, 'community')], /privacy key needs an auth key/, {}],
      [['--v3-user', 'noc'], /privacy key needs an auth key/, { REDLINE_PRIV_KEY: PRIV }],
      [['--v3-user', 'noc', '--community-file', join(dir, 'community')], /--community and --v3-user exclude each other/, { REDLINE_AUTH_KEY: AUTH }],
    ];
    for (const [args, message, env] of cases) {
      let out = '';
      let err = '';
      const code = await runProbe([target, ...args], { out: (t) => { out += t; }, err: (t) => { err += t; } }, { env, readFile: (p) => readFileSync(p, 'utf8') });
      expect(code, `${args.join(' ')}: ${err}`).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(leaks(out + err, CANARIES)).toEqual([]);
    }
  });

  it('v3 keys from files and the environment reach the agent, and never the output', async () => {
    writeFileSync(join(dir, 'auth'), `${AUTH}\n`, { mode: 0o600 });
    // the replay agent speaks v1/v2c only: a v3 request goes unanswered, which is enough to see the keys were taken
    const r = await runCli(['probe', target, '--v3-user', 'noc', '--auth-protocol', 'sha', '--auth-key-file', join(dir, 'auth'), '--priv-protocol', 'aes', '--timeout-ms', '300', '--retries', '0'], 30_000, [], { REDLINE_PRIV_KEY: PRIV });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^no answer from /);
    expect(leaks(r.stdout + r.stderr, CANARIES)).toEqual([]);
  });

  it('a hostile 10 KiB sysDescr: capped at 1 KiB in --json (exact prefix, the cut noted)', async () => {
    const r = await runCli(['probe', target, '--community-file', join(dir, 'hostile'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout) as DeviceObservation;
    expect(Buffer.byteLength(o.system.descr!)).toBeLessThanOrEqual(1024);
    expect(Buffer.byteLength(o.system.descr!)).toBeGreaterThan(1020);
    expect(HOSTILE.trim().startsWith(o.system.descr!)).toBe(true);
    expect(o.system.descr).toContain('\u202e');
    const lldp = o.neighbors.find((n) => n.protocol === 'lldp');
    expect(Buffer.byteLength(lldp?.remoteName ?? '')).toBeLessThanOrEqual(1024);
    const notes = o.errors.filter((e) => e.profile === 'redline').map((e) => e.message);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^system\.descr: the device sent \d+ bytes; the first 1024 kept/), expect.stringMatching(/^neighbors\[0\]\.remoteName: /)]));
  });

  it('the text summary shows no raw line break, control or bidi character from the device', async () => {
    const r = await runCli(['probe', target, '--community-file', join(dir, 'hostile')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('\r');
    for (const line of r.stdout.split('\n')) expect(hasUnsafeText(line), JSON.stringify(line)).toBe(false);
    // the device's fake lines did not become lines of ours
    expect(r.stdout.split('\n').some((l) => l.startsWith('forged line') || l.startsWith('FAN OK'))).toBe(false);
    expect(r.stdout).toContain('core\\u202e1rc\\x0d\\x0aforged line');
    expect(r.stdout).toMatch(/FAILED +PSU\\u20661\\u2069\\x0d\\x0aFAN OK/);
    expect(r.stdout).toMatch(/Problems: .*\n.*\[redline\] system\.descr: the device sent/);
  });
});
