/**
 * Debian's snmpd on a free loopback port with a configuration written to a temp directory (a
 * v2c community, a known sysName, sysContact and sysLocation); waits until it answers and is
 * stopped by its PID.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretRegistry } from '../../src/common/secrets.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { freeUdpPort, haveCommand, stopProcess } from './processes.js';

/** A running snmpd. */
export interface Snmpd {
  readonly port: number;
  stop(): Promise<void>;
}

/** What the agent is configured to say about itself. */
export interface SnmpdIdentity {
  readonly community: string;
  readonly sysName: string;
  readonly sysContact: string;
  readonly sysLocation: string;
}

/** Starts snmpd; throws with its output when it does not answer within 30 s. */
export async function startSnmpd(id: SnmpdIdentity): Promise<Snmpd> {
  const bin = haveCommand('snmpd') ? 'snmpd' : existsSync('/usr/sbin/snmpd') ? '/usr/sbin/snmpd' : null;
  if (bin === null) throw new Error('snmpd is not installed (Debian package snmpd): run the tests through `npm test`, which installs it');
  const dir = mkdtempSync(join(tmpdir(), 'redline-snmpd-'));
  const port = await freeUdpPort();
  const conf = join(dir, 'snmpd.conf');
  writeFileSync(conf, [`agentAddress udp:127.0.0.1:${port}`, `rocommunity ${id.community} 127.0.0.1`, `sysName ${id.sysName}`, `sysLocation ${id.sysLocation}`, `sysContact ${id.sysContact}`, ''].join('\n'));
  const child = spawn(bin, ['-f', '-Lo', '-C', '-c', conf, '-p', join(dir, 'snmpd.pid')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '' },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-10_000); });
  child.stderr.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-10_000); });
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`snmpd exited (${child.exitCode}): ${output}`);
    const t = openSnmpTransport({ host: '127.0.0.1', port }, { version: '2c', community: id.community }, { timeoutMs: 300, retries: 0 }, new SecretRegistry());
    try {
      await t.get(['1.3.6.1.2.1.1.5.0']);
      return { port, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`snmpd did not answer on 127.0.0.1:${port} within 30 s: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      t.close();
    }
  }
}
