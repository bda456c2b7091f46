/**
 * The replay agent checked by an independent SNMP implementation: Debian's net-snmp tools
 * (snmpwalk, snmpbulkwalk, snmpget, snmpbulkget) must read a real recording served by it
 * exactly, and see RFC 3416 semantics: v2c exceptions, v1 noSuchName, non-repeaters and
 * max-repetitions, tooBig, one socket per device.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { SimTable, parseSnmprec } from '../../src/sim/table.js';
import { fleetDevice, syntheticTable } from '../../src/sim/synthetic-devices.js';
import { haveCommand } from '../support/processes.js';
import { SNMPREC_DIR, sharedAvailable } from '../support/shared.js';

/** Runs a net-snmp tool asynchronously (the agent lives in this process); stdout and stderr together. */
function tool(cmd: string, args: readonly string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const timer = setTimeout(() => { if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL'); }, 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const available = sharedAvailable();
const RECORDING = 'ios_c3560';

describe('replay agent, read by net-snmp’s own tools', () => {
  const synthetic = syntheticTable(fleetDevice(2));
  const recording = available ? SimTable.from(parseSnmprec(readFileSync(join(SNMPREC_DIR, `${RECORDING}.snmprec`), 'utf8')).entries) : synthetic;
  const agent = new ReplayAgent([
    { community: 'rec', table: recording },
    { community: 'syn', table: synthetic },
    { community: 'own', table: synthetic, ownSocket: true },
    { community: 'small', table: synthetic, maxResponseBytes: 120 },
    { community: 'v1only', table: synthetic, versions: ['1'] },
  ]);
  let host = '';

  beforeAll(async () => {
    for (const cmd of ['snmpwalk', 'snmpbulkwalk', 'snmpget', 'snmpbulkget']) {
      if (!haveCommand(cmd)) throw new Error(`${cmd} is not installed (Debian package snmp): run the tests through \`npm test\`, which installs it`);
    }
    host = `127.0.0.1:${await agent.start()}`;
  });
  afterAll(async () => {
    await agent.stop();
  });

  it('snmpbulkwalk (v2c) and snmpwalk (v1) read every object of a real recording, in order', async () => {
    const expected = [...recording.entries()].map((e) => `.${e.oid}`);
    for (const args of [['-v2c', '-Cr25'], ['-v1']]) {
      const r = await tool(args.includes('-v1') ? 'snmpwalk' : 'snmpbulkwalk', [...args, '-c', 'rec', '-On', '-Oqx', '-Cc', host, '.1']);
      expect(r.code, r.out.slice(-500)).toBe(0);
      const oids = r.out.split('\n').filter((l) => l.startsWith('.') && !l.includes('No more variables')).map((l) => l.split(' ')[0]);
      expect(oids).toEqual(expected);
    }
  }, 120_000);

  it('values come back as encoded: strings, integers, counters, OIDs', async () => {
    const r = await tool('snmpget', ['-v2c', '-c', 'syn', '-On', host, '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.2.2.1.5.1', '1.3.6.1.2.1.31.1.1.1.15.1', '1.3.6.1.2.1.2.2.1.8.1']);
    expect(r.out).toMatch(/\.1\.3\.6\.1\.2\.1\.1\.5\.0 = STRING: "edge-0002"/);
    expect(r.out).toMatch(/\.1\.3\.6\.1\.2\.1\.1\.2\.0 = OID: \.1\.3\.6\.1\.4\.1\.8072\.3\.2\.10/);
    expect(r.out).toMatch(/\.1\.3\.6\.1\.2\.1\.2\.2\.1\.5\.1 = Gauge32: 4294967295/);
    expect(r.out).toMatch(/\.1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.15\.1 = Gauge32: 10000/);
    expect(r.out).toMatch(/\.1\.3\.6\.1\.2\.1\.2\.2\.1\.8\.1 = INTEGER: 1/);
  });

  it('v2c GET: noSuchObject and noSuchInstance; v1 GET: noSuchName', async () => {
    const v2 = await tool('snmpget', ['-v2c', '-c', 'syn', '-On', host, '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0', '1.3.6.1.2.1.1.5.1']);
    expect(v2.out).toMatch(/1\.1\.99\.0 = No Such Object/);
    expect(v2.out).toMatch(/1\.1\.5\.1 = No Such Instance/);
    const v1 = await tool('snmpget', ['-v1', '-c', 'syn', '-On', host, '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0']);
    expect(v1.out).toMatch(/noSuchName/);
    expect(v1.out).toMatch(/Failed object: \.1\.3\.6\.1\.2\.1\.1\.99\.0/);
  });

  it('GETBULK honours non-repeaters and max-repetitions, and ends in endOfMibView', async () => {
    const r = await tool('snmpbulkget', ['-v2c', '-c', 'syn', '-On', '-Cn1', '-Cr3', host, '1.3.6.1.2.1.1', '1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.31.1.1.1.1']);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1 + 3 * 2);
    expect(lines[0]).toMatch(/^\.1\.3\.6\.1\.2\.1\.1\.1\.0 = /);
    expect(lines.slice(1).map((l) => l.split(' ')[0])).toEqual([
      '.1.3.6.1.2.1.2.2.1.2.1', '.1.3.6.1.2.1.31.1.1.1.1.1',
      '.1.3.6.1.2.1.2.2.1.2.2', '.1.3.6.1.2.1.31.1.1.1.1.2',
      '.1.3.6.1.2.1.2.2.1.2.3', '.1.3.6.1.2.1.31.1.1.1.1.3',
    ]);
    const end = await tool('snmpbulkget', ['-v2c', '-c', 'syn', '-On', '-Cr3', host, '1.9']);
    expect(end.out).toMatch(/No more variables left in this MIB View/);
  });

  it('a response over the size limit: GETBULK is cut to fit, GET answers tooBig', async () => {
    const bulk = await tool('snmpbulkget', ['-v2c', '-c', 'small', '-On', '-Cr20', host, '1.3.6.1.2.1.2.2.1.8']);
    const n = bulk.out.trim().split('\n').length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(20);
    const get = await tool('snmpget', ['-v2c', '-c', 'small', '-On', host, '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.4.0', '1.3.6.1.2.1.1.6.0']);
    expect(get.out).toMatch(/tooBig/);
  });

  it('a device on its own socket answers there, and only there', async () => {
    const own = `127.0.0.1:${agent.portOf('own')}`;
    expect(own).not.toBe(host);
    expect((await tool('snmpget', ['-v2c', '-c', 'own', '-On', own, '1.3.6.1.2.1.1.5.0'])).out).toMatch(/STRING: "edge-0002"/);
    expect((await tool('snmpget', ['-v2c', '-c', 'syn', '-On', '-t', '0.3', '-r', '0', own, '1.3.6.1.2.1.1.5.0'])).out).toMatch(/Timeout/);
  });

  it('a v1-only device ignores v2c', async () => {
    expect((await tool('snmpget', ['-v1', '-c', 'v1only', '-On', host, '1.3.6.1.2.1.1.5.0'])).out).toMatch(/edge-0002/);
    expect((await tool('snmpget', ['-v2c', '-c', 'v1only', '-On', '-t', '0.3', '-r', '0', host, '1.3.6.1.2.1.1.5.0'])).out).toMatch(/Timeout/);
  });

  it('survives 20,000 garbled requests and still answers', async () => {
    const { createSocket } = await import('node:dgram');
    const socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    // a valid GETBULK request, then mutated copies of it: flipped bits, cut short, random bytes
    const valid = Buffer.from('302902010104037379' + '6ea51f02040bad0bad020100020119301130' + '0f060b2b060102010202010201010500', 'hex');
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const port = Number(host.split(':')[1]);
    for (let k = 0; k < 20_000; k++) {
      const b = Buffer.from(valid);
      const kind = k % 3;
      if (kind === 0) for (let j = 0; j <= rnd(4); j++) b[rnd(b.length)]! ^= 1 << rnd(8);
      const out = kind === 1 ? b.subarray(0, rnd(b.length)) : kind === 2 ? Buffer.from(Array.from({ length: rnd(80) }, () => rnd(256))) : b;
      socket.send(out, port, '127.0.0.1');
      if (k % 200 === 199) await new Promise((r) => setImmediate(r));
    }
    socket.close();
    // a valid request queued behind the garbage: once it is answered, every datagram before it
    // has been read (or dropped by the kernel), no fixed wait needed
    expect((await tool('snmpget', ['-v2c', '-c', 'syn', '-On', host, '1.3.6.1.2.1.1.5.0'])).out).toMatch(/edge-0002/);
    expect(agent.stats.malformed).toBeGreaterThan(1000);
    expect(agent.lastInternalError).toBeNull();
  });

  it('met no internal error', () => {
    expect(agent.lastInternalError).toBeNull();
  });
});
