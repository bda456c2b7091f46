/**
 * Debian's snmpsim serving the shared recordings of real devices on a free loopback port.
 * The community of each recording is its file name without `.snmprec`.
 */
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretRegistry } from '../../src/common/secrets.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { freeUdpPort, haveCommand, startProcess, stopProcess } from './processes.js';
import { SNMPREC_DIR } from './shared.js';

export interface SnmpSim {
  readonly port: number;
  readonly host: string;
  stop(): Promise<void>;
}

/** Extra snmpsimd arguments (e.g. v3 protocols). */
export interface SnmpSimOptions {
  readonly dataDir?: string;
  readonly extraArgs?: readonly string[];
  /** A community to wait for (must be one of the recordings in dataDir). */
  readonly readyCommunity?: string;
}

/** Starts snmpsimd and waits until it answers; throws with its output when it does not. */
export async function startSnmpSim(opts: SnmpSimOptions = {}): Promise<SnmpSim> {
  if (!haveCommand('snmpsimd')) throw new Error('snmpsimd is not installed (apt-get install snmpsim); run the tests through `npm test`');
  const port = await freeUdpPort();
  const cache = mkdtempSync(join(tmpdir(), 'redline-snmpsim-'));
  chmodSync(cache, 0o777);
  const args = [
    `--data-dir=${opts.dataDir ?? SNMPREC_DIR}`,
    `--agent-udpv4-endpoint=127.0.0.1:${port}`,
    `--cache-dir=${cache}`,
    ...(process.getuid?.() === 0 ? ['--process-user=nobody', '--process-group=nogroup'] : []),
    ...(opts.extraArgs ?? []),
  ];
  const { child, output } = startProcess('snmpsimd', args);
  const community = opts.readyCommunity ?? 'ios_c3560';
  const deadline = Date.now() + 60_000;
  const secrets = new SecretRegistry();
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`snmpsimd exited: ${output()}`);
    const t = openSnmpTransport({ host: '127.0.0.1', port }, { version: '2c', community }, { timeoutMs: 500, retries: 0 }, secrets);
    try {
      await t.get(['1.3.6.1.2.1.1.2.0']);
      return { port, host: '127.0.0.1', stop: () => stopProcess(child) };
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      t.close();
    }
  }
  await stopProcess(child);
  throw new Error(`snmpsimd did not answer within 60 s: ${output()}`);
}
