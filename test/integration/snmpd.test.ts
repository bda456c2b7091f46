/**
 * A real agent with real MIBs: Debian's snmpd, started with a configuration written to a temp
 * directory (v2c community and an SHA-256/AES v3 user) on a free loopback port. `redline
 * probe`'s engine and CLI must read its system group and its interfaces (lo) over v2c and v3.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import { openSnmpTransport, type SnmpCredentials } from '../../src/collect/snmp/transport.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { freeUdpPort, haveCommand, stopProcess } from '../support/processes.js';

const COMMUNITY = 'redline-snmpd-ro';
const USER = 'redline-v3';
const AUTH = 'redline-snmpd-auth-pass';
const PRIV = 'redline-snmpd-priv-pass';
const SYS_NAME = 'redline-snmpd-test';

/** snmpd's path: on PATH or in /usr/sbin (not on a non-root PATH). */
function snmpdPath(): string | null {
  if (haveCommand('snmpd')) return 'snmpd';
  return existsSync('/usr/sbin/snmpd') ? '/usr/sbin/snmpd' : null;
}

describe('Debian snmpd', () => {
  let child: ChildProcess | undefined;
  let dir = '';
  let port = 0;
  let output = '';
  const v3: SnmpCredentials = { version: '3', user: USER, authProtocol: 'sha256', authKey: AUTH, privProtocol: 'aes', privKey: PRIV };

  const poll = async (creds: SnmpCredentials, timeoutMs = 3000): Promise<{ answered: boolean; observation: DeviceObservation }> => {
    const t = openSnmpTransport({ host: '127.0.0.1', port }, creds, { timeoutMs, retries: 1 }, new SecretRegistry());
    try {
      return await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => performance.now() });
    } finally {
      t.close();
    }
  };

  beforeAll(async () => {
    const bin = snmpdPath();
    if (bin === null) throw new Error('snmpd is not installed (Debian package snmpd): run the tests through `npm test`, which installs it');
    dir = mkdtempSync(join(tmpdir(), 'redline-snmpd-'));
    port = await freeUdpPort();
    const conf = join(dir, 'snmpd.conf');
    writeFileSync(conf, [
      `agentAddress udp:127.0.0.1:${port}`,
      `rocommunity ${COMMUNITY} 127.0.0.1`,
      `createUser ${USER} SHA-256 "${AUTH}" AES "${PRIV}"`,
      `rouser ${USER} priv`,
      `sysName ${SYS_NAME}`,
      'sysLocation redline test lab',
      'sysContact noc@example.net',
      '',
    ].join('\n'));
    // -f foreground, -Lo log to stdout, -C only this configuration; persistent state in the temp dir
    child = spawn(bin, ['-f', '-Lo', '-C', '-c', conf, '-p', join(dir, 'snmpd.pid')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '' },
    });
    child.stdout?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-10_000); });
    child.stderr?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-10_000); });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`snmpd exited (${child.exitCode}): ${output}`);
      const t = openSnmpTransport({ host: '127.0.0.1', port }, { version: '2c', community: COMMUNITY }, { timeoutMs: 300, retries: 0 }, new SecretRegistry());
      try {
        await t.get(['1.3.6.1.2.1.1.5.0']);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`snmpd did not answer on 127.0.0.1:${port} within 30 s: ${output}`);
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        t.close();
      }
    }
    await ensureBuilt();
  }, 120_000);

  afterAll(async () => {
    await stopProcess(child);
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const check = (o: DeviceObservation): void => {
    expect(o.system.name).toBe(SYS_NAME);
    expect(o.system.descr).toMatch(/Linux/);
    expect(o.system.objectId).toMatch(/^1\.3\.6\.1\.4\.1\.8072\./);
    expect(o.system.uptimeSeconds).toBeGreaterThanOrEqual(0);
    const lo = o.interfaces.find((i) => i.name === 'lo');
    expect(lo, JSON.stringify(o.interfaces)).toBeDefined();
    expect(lo?.operStatus).toBe('up');
    expect(lo?.adminStatus).toBe('up');
  };

  it('v2c: the engine reads the system group and lo', async () => {
    const r = await poll({ version: '2c', community: COMMUNITY });
    expect(r.answered).toBe(true);
    check(r.observation);
  }, 60_000);

  it('v3 authPriv SHA-256 + AES: the engine reads the system group and lo', async () => {
    const r = await poll(v3);
    expect(r.answered, JSON.stringify(r.observation.errors)).toBe(true);
    check(r.observation);
  }, 60_000);

  it('v3 with a wrong priv key: no answer, cleanly', async () => {
    const r = await poll({ ...v3, privKey: 'wrong-priv-pass' }, 1000);
    expect(r.answered).toBe(false);
  }, 60_000);

  it('the CLI probes it over v2c and v3 (--json)', async () => {
    for (const args of [
      ['--community', COMMUNITY],
      ['--v3-user', USER, '--auth-protocol', 'sha256', '--auth-key', AUTH, '--priv-protocol', 'aes', '--priv-key', PRIV],
    ]) {
      const r = await runCli(['probe', `127.0.0.1:${port}`, ...args, '--timeout-ms', '3000', '--json'], 90_000);
      expect(r.hung).toBe(false);
      expect(r.code, r.stderr).toBe(0);
      check(JSON.parse(r.stdout) as DeviceObservation);
    }
  }, 120_000);
});
