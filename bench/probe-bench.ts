/**
 * Probe benchmark (`npm run bench`, i.e. `tsx bench/probe-bench.ts [--devices N]`): prints
 * figures, asserts nothing. The replay agent runs in a child process so that only the poller's
 * CPU is counted here.
 *
 * 1. One device of 50 interfaces + 30 ENTITY-MIB rows + 5 BGP peers: CPU ms per `collectDevice`
 *    poll and values per CPU second, against a bare net-snmp subtree walk of the same device.
 * 2. The fleet: N such devices (2,000 by default) on one agent socket, each polled once,
 *    32 at a time: poller CPU and agent CPU per device poll (the poller must be the bottleneck).
 * 3. Debian snmpd (its own MIB): CPU ms per probe and values per CPU second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import snmp from 'net-snmp';
import type { Session, Varbind } from 'net-snmp';
import { SecretRegistry } from '../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../src/collect/snmp/engine.js';
import { PROFILES } from '../src/collect/snmp/profiles/index.js';
import { openSnmpTransport, type SnmpCredentials, type SnmpTransport } from '../src/collect/snmp/transport.js';
import { ReplayAgent } from '../src/sim/replay-agent.js';
import { fleetDevice, syntheticTable } from '../src/sim/synthetic-devices.js';

const SELF = fileURLToPath(import.meta.url);

interface AgentReady { readonly kind: 'ready'; readonly port: number; readonly buildMs: number; readonly rssMb: number }
interface AgentCpu { readonly kind: 'cpu'; readonly cpu: NodeJS.CpuUsage; readonly requests: number }
type AgentMessage = AgentReady | AgentCpu;

/** The child: serves `devices` fleet devices (communities edge-0 …) and reports its CPU on request. */
async function agentChild(devices: number): Promise<void> {
  const started = performance.now();
  const agent = new ReplayAgent();
  for (let n = 0; n < devices; n++) agent.addDevice({ community: `edge-${n}`, table: syntheticTable(fleetDevice(n)) });
  const port = await agent.start();
  const send = (m: AgentMessage): void => { process.send?.(m); };
  send({ kind: 'ready', port, buildMs: performance.now() - started, rssMb: process.memoryUsage().rss / 2 ** 20 });
  process.on('message', (m: unknown) => {
    if (m === 'cpu') send({ kind: 'cpu', cpu: process.cpuUsage(), requests: agent.stats.requests });
    if (m === 'stop') void agent.stop().then(() => process.exit(0));
  });
}

/** Starts the agent child; resolves when it serves. */
function startAgent(devices: number): Promise<{ child: ChildProcess; ready: AgentReady; cpu: () => Promise<AgentCpu> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, SELF, '--agent', String(devices)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (code) => { reject(new Error(`agent exited with ${code}`)); });
    const cpu = (): Promise<AgentCpu> => new Promise((r) => {
      const on = (m: AgentMessage): void => {
        if (m.kind !== 'cpu') return;
        child.off('message', on);
        r(m);
      };
      child.on('message', on);
      child.send('cpu');
    });
    child.once('message', (m: AgentMessage) => {
      if (m.kind === 'ready') resolve({ child, ready: m, cpu });
    });
  });
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function agentCpuMs(a: AgentCpu, b: AgentCpu): number {
  return (b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1000;
}

const fmt = (n: number, digits = 2): string => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** `polls` collectDevice polls through one transport: CPU ms per poll, varbinds per poll, wall ms per poll. */
async function measurePolls(open: () => SnmpTransport, polls: number, warmup: number): Promise<{ cpuMs: number; varbinds: number; requests: number; wallMs: number }> {
  const t = open();
  try {
    let varbinds = 0;
    let requests = 0;
    const run = async (): Promise<void> => {
      const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => performance.now() });
      if (!r.answered) throw new Error(`device did not answer: ${JSON.stringify(r.observation.errors)}`);
      varbinds = r.stats.varbinds;
      requests = r.stats.requests;
    };
    for (let k = 0; k < warmup; k++) await run();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let k = 0; k < polls; k++) await run();
    return { cpuMs: cpuMs(cpu0) / polls, varbinds, requests, wallMs: (performance.now() - wall0) / polls };
  } finally {
    t.close();
  }
}

/** A bare net-snmp subtree walk of the whole device: the anchor. */
async function measureSubtree(port: number, community: string, walks: number, warmup: number): Promise<{ cpuMs: number; varbinds: number }> {
  const session = snmp.createSession('127.0.0.1', community, { port, version: snmp.Version2c, timeout: 2000, retries: 1 });
  const walker = session as Session & { subtree(oid: string, maxRepetitions: number, feed: (vbs: Varbind[]) => void, done: (err: Error | null) => void): void };
  const once = (): Promise<number> => new Promise((resolve, reject) => {
    let n = 0;
    walker.subtree('1.3.6.1', 50, (vbs) => { n += vbs.length; }, (err) => { if (err) reject(err); else resolve(n); });
  });
  try {
    let n = 0;
    for (let k = 0; k < warmup; k++) n = await once();
    const cpu0 = process.cpuUsage();
    for (let k = 0; k < walks; k++) n = await once();
    return { cpuMs: cpuMs(cpu0) / walks, varbinds: n };
  } finally {
    session.close();
  }
}

/** Polls `devices` fleet devices once each, `width` at a time; poller and agent CPU per device poll. */
async function measureFleet(port: number, devices: number, width: number, agentCpu: () => Promise<AgentCpu>): Promise<{ pollerMs: number; agentMs: number; wallS: number; varbinds: number; failed: number }> {
  const secrets = new SecretRegistry();
  let next = 0;
  let varbinds = 0;
  let failed = 0;
  const a0 = await agentCpu();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < devices) {
      const n = next++;
      const t = openSnmpTransport({ host: '127.0.0.1', port }, { version: '2c', community: `edge-${n}` }, { timeoutMs: 5000, retries: 1 }, secrets);
      try {
        const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => performance.now() });
        if (r.answered) varbinds += r.stats.varbinds;
        else failed++;
      } finally {
        t.close();
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  const wallS = (performance.now() - wall0) / 1000;
  const pollerMs = cpuMs(cpu0) / devices;
  const a1 = await agentCpu();
  return { pollerMs, agentMs: agentCpuMs(a0, a1) / devices, wallS, varbinds, failed };
}

/** Starts Debian snmpd on a free loopback port with a throw-away configuration. */
async function startSnmpd(): Promise<{ port: number; stop: () => Promise<void> } | null> {
  const bin = existsSync('/usr/sbin/snmpd') ? '/usr/sbin/snmpd' : null;
  if (bin === null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'redline-bench-snmpd-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  writeFileSync(join(dir, 'snmpd.conf'), `agentAddress udp:127.0.0.1:${port}\nrocommunity bench 127.0.0.1\nsysName redline-bench\n`);
  const child = spawn(bin, ['-f', '-Lo', '-C', '-c', join(dir, 'snmpd.conf'), '-p', join(dir, 'pid')], {
    stdio: 'ignore', env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '' },
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const secrets = new SecretRegistry();
  for (let k = 0; k < 50; k++) {
    const t = openSnmpTransport({ host: '127.0.0.1', port }, { version: '2c', community: 'bench' }, { timeoutMs: 300, retries: 0 }, secrets);
    try {
      await t.get(['1.3.6.1.2.1.1.5.0']);
      return { port, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      t.close();
    }
  }
  await stop();
  return null;
}

async function main(): Promise<void> {
  const devicesArg = process.argv.indexOf('--devices');
  const devices = devicesArg > 0 ? Number(process.argv[devicesArg + 1]) : 2000;
  console.log(`redline probe benchmark — node ${process.version}, ${new Date().toISOString()}`);
  console.log(`starting the replay agent (child process) with ${devices} devices of 50 interfaces + 30 entity rows + 5 BGP peers …`);
  const agent = await startAgent(devices);
  console.log(`  agent ready on 127.0.0.1:${agent.ready.port}: tables built in ${fmt(agent.ready.buildMs / 1000, 1)} s, agent RSS ${fmt(agent.ready.rssMb, 0)} MB\n`);
  try {
    const secrets = new SecretRegistry();
    const creds: SnmpCredentials = { version: '2c', community: 'edge-1' };
    const open = (): SnmpTransport => openSnmpTransport({ host: '127.0.0.1', port: agent.ready.port }, creds, { timeoutMs: 2000, retries: 1 }, secrets);

    const a0 = await agent.cpu();
    const poll = await measurePolls(open, 300, 30);
    const a1 = await agent.cpu();
    const agentPerPoll = agentCpuMs(a0, a1) / 330;
    const anchor = await measureSubtree(agent.ready.port, 'edge-1', 300, 30);
    console.log('1. one device, collectDevice with every registered profile (one transport, polls in sequence)');
    console.log(`   poller CPU per device-poll      ${fmt(poll.cpuMs)} ms   (${poll.varbinds} values in ${poll.requests} requests per poll, ${fmt(poll.varbinds / (poll.cpuMs / 1000), 0)} values per CPU second, ${fmt(poll.wallMs)} ms wall)`);
    console.log(`   agent CPU per device-poll       ${fmt(agentPerPoll)} ms   (in the child process, not counted above)`);
    console.log(`   anchor: bare net-snmp subtree walk of the whole device (GETBULK 50): ${fmt(anchor.cpuMs)} ms CPU per walk, ` +
      `${anchor.varbinds} values, ${fmt(anchor.varbinds / (anchor.cpuMs / 1000), 0)} values per CPU second\n`);

    const fleet = await measureFleet(agent.ready.port, devices, 32, agent.cpu);
    console.log(`2. the fleet: ${devices} devices on one agent socket, each polled once, 32 in flight (a transport per device)`);
    console.log(`   poller CPU per device-poll      ${fmt(fleet.pollerMs)} ms`);
    console.log(`   agent CPU per device-poll       ${fmt(fleet.agentMs)} ms   → the poller spends ${fmt(fleet.pollerMs / Math.max(fleet.agentMs, 1e-6), 1)}× the agent's CPU`);
    console.log(`   ${devices - fleet.failed}/${devices} answered, ${fleet.varbinds.toLocaleString('en')} values in ${fmt(fleet.wallS, 1)} s wall ` +
      `(${fmt(devices / fleet.wallS, 0)} device-polls/s, ${fmt(fleet.varbinds / fleet.wallS, 0)} values/s)\n`);
  } finally {
    agent.child.removeAllListeners('exit');
    const exited = new Promise((r) => agent.child.once('exit', r));
    agent.child.send('stop');
    await exited;
  }

  const snmpd = await startSnmpd();
  if (snmpd === null) {
    console.log('3. Debian snmpd: not installed or not answering (apt-get install snmpd); skipped');
    return;
  }
  try {
    const secrets = new SecretRegistry();
    const r = await measurePolls(() => openSnmpTransport({ host: '127.0.0.1', port: snmpd.port }, { version: '2c', community: 'bench' }, { timeoutMs: 3000, retries: 1 }, secrets), 50, 5);
    console.log('3. Debian snmpd, its own MIB (system, IF-MIB with lo and the container’s interfaces, ENTITY-MIB if any)');
    console.log(`   poller CPU per probe            ${fmt(r.cpuMs)} ms   (${r.varbinds} values in ${r.requests} requests per probe, ${fmt(r.varbinds / (r.cpuMs / 1000), 0)} values per CPU second, ${fmt(r.wallMs)} ms wall)`);
  } finally {
    await snmpd.stop();
  }
}

if (process.argv[2] === '--agent') await agentChild(Number(process.argv[3] ?? 1));
else await main();
