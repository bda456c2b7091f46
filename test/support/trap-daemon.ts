/**
 * A daemon that receives traps, on loopback: one provider-edge router `pe1` served by the replay
 * agent (v2c, two PSUs that a test can fail), optionally `pe3` polled over SNMPv3 from Debian's
 * snmpd (traps from it authenticate with the same v3 user), the API and the trap receiver on free
 * ports, state and ledger in a fresh temp directory. snmpd answers pe3's ENTITY-MIB and
 * CISCO-ENTITY-FRU-CONTROL-MIB by proxying them (v2c, its own community) to a second router of the
 * replay agent, so a test can fail pe3's PSU 2 too and see it over SNMPv3. Used by the trap
 * integration tests and scripts/trap-latency.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../../src/app.js';
import { silentLogger } from '../../src/common/logger.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { syntheticTable, type DeviceDescription, type UnitState } from '../../src/sim/synthetic-devices.js';
import { freeUdpPort, haveCommand, stopProcess } from './processes.js';

/** The credentials of the daemon's devices (given to it through the environment, as secrets are). */
export const TRAP_DAEMON_SECRETS = {
  community: 'trap-daemon-community-5b1e',
  user: 'trap-noc',
  authKey: 'trap-daemon-auth-key-88',
  privKey: 'trap-daemon-priv-key-31',
} as const;

/** What to start. */
export interface TrapDaemonOptions {
  readonly pollIntervalSeconds: number;
  readonly minRepollSeconds?: number;
  /** Also poll `pe3` over SNMPv3 from a real snmpd. */
  readonly withSnmpd?: boolean;
  /** Start with the trap receiver off (the "no trap" baseline of the latency script). */
  readonly trapsOff?: boolean;
  /** Top-level YAML lines appended to the configuration (an `alerting:` section). */
  readonly extraYaml?: readonly string[];
}

/** The running daemon and its devices. */
export interface TrapDaemon {
  readonly app: App;
  /** The trap receiver's UDP port. */
  readonly trapPort: number;
  /** The daemon's ledger file (alerting's outbox is in it). */
  readonly ledgerFile: string;
  /** Sets the second PSU of pe1 (default) or pe3 (the replay agent answers with it from the next request). */
  setPsu2(state: UnitState, device?: 'pe1' | 'pe3'): void;
  /** GET on the API (authentication is off on loopback), parsed JSON. */
  get<T>(path: string): Promise<T>;
  /** Device polls completed so far, every device together (redline_polls_total). */
  polls(): Promise<number>;
  stop(): Promise<void>;
}

/** The replay agent's community for pe3, behind snmpd's proxy (between the two helpers only). */
const PE3_PROXY_COMMUNITY = 'trap-daemon-pe3-proxy-6d0a';

const router = (name: 'pe1' | 'pe3', psu2: UnitState): DeviceDescription => ({
  name, sysObjectID: '1.3.6.1.4.1.9.1.1', interfaces: 4,
  entity: { psus: [{ name: 'PSU 1', state: 'ok' }, { name: 'PSU 2', state: psu2 }], fans: ['ok', 'ok'], stateMib: 'cisco-fru' },
});

async function startSnmpdV3(dir: string, agentPort: number): Promise<{ port: number; child: ChildProcess }> {
  const bin = haveCommand('snmpd') ? 'snmpd' : existsSync('/usr/sbin/snmpd') ? '/usr/sbin/snmpd' : null;
  if (bin === null) throw new Error('snmpd is not installed (Debian package snmpd): npm test installs it');
  const port = await freeUdpPort();
  const conf = join(dir, 'snmpd.conf');
  const s = TRAP_DAEMON_SECRETS;
  writeFileSync(conf, [
    `agentAddress udp:127.0.0.1:${port}`, `createUser ${s.user} SHA-256 "${s.authKey}" AES "${s.privKey}"`, `rouser ${s.user} priv`,
    'sysName pe3', 'sysObjectID .1.3.6.1.4.1.9.1.1',
    // pe3's PSUs: ENTITY-MIB and CISCO-ENTITY-FRU-CONTROL-MIB from the replay agent
    ...['.1.3.6.1.2.1.47', '.1.3.6.1.4.1.9.9.117'].map((oid) => `proxy -v 2c -c ${PE3_PROXY_COMMUNITY} 127.0.0.1:${agentPort} ${oid}`),
    '',
  ].join('\n'), { mode: 0o600 });
  const child = spawn(bin, ['-f', '-Lo', '-C', '-c', conf, '-p', join(dir, 'snmpd.pid')], {
    stdio: 'ignore', env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '' },
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`snmpd exited (${child.exitCode})`);
    const t = openSnmpTransport({ host: '127.0.0.1', port }, { version: '3', user: s.user, authProtocol: 'sha256', authKey: s.authKey, privProtocol: 'aes', privKey: s.privKey }, { timeoutMs: 300, retries: 0 }, new SecretRegistry());
    try {
      await t.get(['1.3.6.1.2.1.1.5.0']);
      return { port, child };
    } catch {
      if (Date.now() > deadline) { await stopProcess(child); throw new Error(`snmpd did not answer on 127.0.0.1:${port} within 30 s`); }
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      t.close();
    }
  }
}

/** Starts the agents and the daemon, and waits for the first analysis pass. */
export async function startTrapDaemon(opts: TrapDaemonOptions): Promise<TrapDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-traps-'));
  const s = TRAP_DAEMON_SECRETS;
  const agent = new ReplayAgent([
    { community: s.community, table: syntheticTable(router('pe1', 'ok')) },
    { community: PE3_PROXY_COMMUNITY, table: syntheticTable(router('pe3', 'ok')) },
  ]);
  let snmpd: { port: number; child: ChildProcess } | null = null;
  let app: App | null = null;
  try {
    const agentPort = await agent.start();
    if (opts.withSnmpd === true) snmpd = await startSnmpdV3(dir, agentPort);
    process.env['REDLINE_TRAP_TEST_COMMUNITY'] = s.community;
    process.env['REDLINE_TRAP_TEST_AUTH'] = s.authKey;
    process.env['REDLINE_TRAP_TEST_PRIV'] = s.privKey;
    writeFileSync(join(dir, 'redline.yaml'), [
      'version: 1',
      'settings:',
      '  listen: 127.0.0.1:0',
      `  poll: { intervalSeconds: ${opts.pollIntervalSeconds}, jitterSeconds: 0 }`,
      '  snmpDefaults: { timeoutMs: 1000, retries: 1 }',
      '  auth: { enabled: false }',
      `  traps: { enabled: ${opts.trapsOff === true ? 'false' : 'true'}, listen: 127.0.0.1:0, minRepollSeconds: ${opts.minRepollSeconds ?? 10} }`,
      'credentials:',
      '  c2: { version: 2c, community: { env: REDLINE_TRAP_TEST_COMMUNITY } }',
      `  v3: { version: '3', user: ${s.user}, authProtocol: sha256, authKey: { env: REDLINE_TRAP_TEST_AUTH }, privProtocol: aes, privKey: { env: REDLINE_TRAP_TEST_PRIV } }`,
      'sites:',
      '  - { id: edge, class: PC-AGG }',
      'devices:',
      `  - { id: pe1, site: edge, role: pe-router, expectedPsus: 2, snmp: { host: 127.0.0.1, port: ${agentPort}, credentials: c2 } }`,
      ...(snmpd !== null ? [`  - { id: pe3, site: edge, role: pe-router, expectedPsus: 2, snmp: { host: 127.0.0.1, port: ${snmpd.port}, credentials: v3 } }`] : []),
      ...(opts.extraYaml ?? []),
      '',
    ].join('\n'));
    app = await startApp({ configPath: dir, logger: silentLogger, stateFile: join(dir, 'state.db'), ledgerFile: join(dir, 'ledger.db') });
    const api = app.address();
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`http://${api.host}:${api.port}${path}`);
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const running = app;
    const polls = async (): Promise<number> => {
      const text = await running.metrics.registry.getSingleMetricAsString('redline_polls_total');
      return [...text.matchAll(/^redline_polls_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
    };
    // the first pass runs once every device has been polled
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(`http://${api.host}:${api.port}/api/v1/findings?state=all&rule=PWR-001`);
      if (res.status === 200) break;
      if (Date.now() > deadline) throw new Error(`no first analysis within 60 s (last status ${res.status})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const trap = app.trapAddress();
    return {
      app,
      trapPort: trap?.port ?? 0,
      ledgerFile: join(dir, 'ledger.db'),
      setPsu2: (state, device = 'pe1') => {
        agent.addDevice({ community: device === 'pe1' ? s.community : PE3_PROXY_COMMUNITY, table: syntheticTable(router(device, state)) });
      },
      get,
      polls,
      stop: async () => {
        await running.stop();
        await agent.stop();
        await stopProcess(snmpd?.child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app?.stop();
    await agent.stop();
    await stopProcess(snmpd?.child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
