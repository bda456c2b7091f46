/**
 * SNMPv3 against snmpsim serving a shared recording (chosen by context name): authPriv with
 * SHA-256+AES and SHA-1+AES, authNoPriv, and DES as the legacy case (only where node has
 * OpenSSL's legacy provider). Each must read what the v2c poll of the same recording reads,
 * including its sysName and its failed PSU.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createCipheriv } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import { openSnmpTransport, type SnmpCredentials } from '../../src/collect/snmp/transport.js';
import { expectedFailedPsus, loadExpected } from '../support/agreement.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { SNMPREC_DIR, prerequisite, sharedAvailable } from '../support/shared.js';
import { startSnmpSim, type SnmpSim } from '../support/snmpsim.js';

const RECORDING = 'iosxe_c9500h-svl'; // Catalyst 9500 stack with one failed PSU
const USERS = {
  sha256aes: { auth: 'SHA256', authKey: 'redline-sha256-auth', priv: 'AES', privKey: 'redline-aes-priv' },
  shaaes: { auth: 'SHA', authKey: 'redline-sha1-auth', priv: 'AES', privKey: 'redline-aes1-priv' },
  authnopriv: { auth: 'SHA256', authKey: 'redline-nopriv-auth', priv: null, privKey: null },
  md5des: { auth: 'MD5', authKey: 'redline-md5-auth', priv: 'DES', privKey: 'redline-des-priv' },
} as const;

/** Whether `node <flags>` can use DES (OpenSSL 3 keeps it in the legacy provider). */
function desWorks(nodeFlags: readonly string[]): boolean {
  const r = spawnSync(process.execPath, [...nodeFlags, '-e', "require('crypto').createCipheriv('des-cbc', Buffer.alloc(8), Buffer.alloc(8))"], { stdio: 'ignore' });
  return r.status === 0;
}

function desInProcess(): boolean {
  try {
    createCipheriv('des-cbc', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}

const available = sharedAvailable();

describe.skipIf(!available)('SNMPv3 against snmpsim', () => {
  let sim: SnmpSim;
  let dataDir = '';
  let v2c: DeviceObservation;
  const sysName = available ? /^1\.3\.6\.1\.2\.1\.1\.5\.0\|4\|(.*)$/m.exec(readFileSync(join(SNMPREC_DIR, `${RECORDING}.snmprec`), 'utf8'))?.[1] : undefined;
  const failedPsus = available ? expectedFailedPsus(loadExpected().get(RECORDING)!) : 0;

  const poll = async (creds: SnmpCredentials): Promise<DeviceObservation> => {
    const t = openSnmpTransport({ host: sim.host, port: sim.port }, creds, { timeoutMs: 5000, retries: 1 }, new SecretRegistry());
    try {
      const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => performance.now() });
      expect(r.answered, JSON.stringify(r.observation.errors)).toBe(true);
      return r.observation;
    } finally {
      t.close();
    }
  };
  const facts = (o: DeviceObservation): unknown => ({
    system: { ...o.system, uptimeSeconds: null },
    powerSupplies: o.powerSupplies,
    fans: o.fans.length,
    interfaces: o.interfaces.length,
    bgpPeers: o.bgpPeers,
    neighbors: o.neighbors.length,
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'redline-v3-'));
    copyFileSync(join(SNMPREC_DIR, `${RECORDING}.snmprec`), join(dataDir, `${RECORDING}.snmprec`));
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, `${RECORDING}.snmprec`), 0o644);
    const args: string[] = [];
    for (const [user, u] of Object.entries(USERS)) {
      args.push(`--v3-user=${user}`, `--v3-auth-key=${u.authKey}`, `--v3-auth-proto=${u.auth}`);
      if (u.priv !== null) args.push(`--v3-priv-key=${u.privKey}`, `--v3-priv-proto=${u.priv}`);
    }
    sim = await startSnmpSim({ dataDir, readyCommunity: RECORDING, extraArgs: args });
    v2c = await poll({ version: '2c', community: RECORDING });
    await ensureBuilt();
  }, 180_000);
  afterAll(async () => {
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the v2c baseline has the recording’s sysName and failed PSU', () => {
    expect(sysName).toBeDefined();
    expect(v2c.system.name).toBe(sysName);
    expect(v2c.powerSupplies.filter((p) => p.status === 'failed')).toHaveLength(failedPsus);
  });

  const cases: readonly [string, SnmpCredentials][] = [
    ['authPriv SHA-256 + AES', { version: '3', user: 'sha256aes', authProtocol: 'sha256', authKey: USERS.sha256aes.authKey, privProtocol: 'aes', privKey: USERS.sha256aes.privKey, context: RECORDING }],
    ['authPriv SHA-1 + AES', { version: '3', user: 'shaaes', authProtocol: 'sha', authKey: USERS.shaaes.authKey, privProtocol: 'aes', privKey: USERS.shaaes.privKey, context: RECORDING }],
    ['authNoPriv SHA-256', { version: '3', user: 'authnopriv', authProtocol: 'sha256', authKey: USERS.authnopriv.authKey, context: RECORDING }],
  ];
  for (const [name, creds] of cases) {
    it(`${name}: reads sysName, the failed PSU and the rest as v2c does`, async () => {
      const o = await poll(creds);
      expect(o.system.name).toBe(sysName);
      expect(o.powerSupplies.filter((p) => p.status === 'failed')).toHaveLength(failedPsus);
      expect(facts(o)).toEqual(facts(v2c));
    }, 120_000);
  }

  it('a wrong auth key gets no answer, cleanly', async () => {
    const t = openSnmpTransport({ host: sim.host, port: sim.port }, {
      version: '3', user: 'sha256aes', authProtocol: 'sha256', authKey: 'not-the-key', privProtocol: 'aes', privKey: USERS.sha256aes.privKey, context: RECORDING,
    }, { timeoutMs: 1500, retries: 0 }, new SecretRegistry());
    try {
      const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => performance.now() });
      expect(r.answered).toBe(false);
      expect(r.observation.errors.length).toBeGreaterThan(0);
    } finally {
      t.close();
    }
  }, 60_000);

  const legacy = prerequisite('DES (OpenSSL legacy provider)', desWorks(['--openssl-legacy-provider']), 'node --openssl-legacy-provider cannot use des-cbc; the legacy DES case is not run');
  it.skipIf(!legacy)('authPriv MD5 + DES, the legacy case, with node --openssl-legacy-provider', async () => {
    const r = await runCli([
      'probe', `${sim.host}:${sim.port}`, '--v3-user', 'md5des', '--auth-protocol', 'md5', '--auth-key', USERS.md5des.authKey,
      '--priv-protocol', 'des', '--priv-key', USERS.md5des.privKey, '--context', RECORDING, '--timeout-ms', '5000', '--json',
    ], 120_000, ['--openssl-legacy-provider']);
    expect(r.hung).toBe(false);
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout) as DeviceObservation;
    expect(o.system.name).toBe(sysName);
    expect(o.powerSupplies.filter((p) => p.status === 'failed')).toHaveLength(failedPsus);
    expect(facts(o)).toEqual(facts(v2c));
  }, 150_000);

  it.skipIf(desInProcess())('DES without the legacy provider fails cleanly (no crash, no hang)', async () => {
    const t = openSnmpTransport({ host: sim.host, port: sim.port }, {
      version: '3', user: 'md5des', authProtocol: 'md5', authKey: USERS.md5des.authKey, privProtocol: 'des', privKey: USERS.md5des.privKey, context: RECORDING,
    }, { timeoutMs: 1500, retries: 0 }, new SecretRegistry());
    try {
      const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => performance.now() });
      expect(r.answered).toBe(false);
      expect(r.observation.errors.map((e) => e.message).join('\n')).not.toBe('');
    } finally {
      t.close();
    }
  }, 60_000);
});
