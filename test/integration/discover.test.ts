/**
 * Discovery over a simulated network of 32 answering devices (replay agents on 127.77.x.y),
 * three silent neighbours and one advertised outside the allowlist: the draft has every
 * reachable device and every two-sided link, passes check-config, reports the rest, and
 * nothing outside the allowlist is ever contacted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../src/common/secrets.js';
import { openSnmpTransport, type SnmpTarget } from '../../src/collect/snmp/transport.js';
import { Allowlist } from '../../src/discover/allowlist.js';
import { buildDiscoveryDraft, type DiscoveryReport } from '../../src/discover/build-draft.js';
import { crawl } from '../../src/discover/crawl.js';
import { checkDraft, renderDraft, type ConfigInput } from '../../src/import/draft.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { startDiscoveryNetwork, type RunningNetwork } from '../support/discovery-network.js';

const ENV = 'REDLINE_DISCO_TEST_COMMUNITY';

describe('redline discover', () => {
  let running: RunningNetwork;
  const dir = mkdtempSync(join(tmpdir(), 'redline-discover-'));
  beforeAll(async () => {
    running = await startDiscoveryNetwork();
    process.env[ENV] = running.net.community;
    await ensureBuilt();
  }, 240_000);
  afterAll(async () => {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const key = (a: string, ap: string, b: string, bp: string): string => [`${a}|${ap}`, `${b}|${bp}`].sort().join('~');

  it('crawls from one seed to every reachable device and two-sided link, within the allowlist', async () => {
    const net = running.net;
    const contacted: string[] = [];
    const secrets = new SecretRegistry();
    const result = await crawl({
      seeds: [{ host: '127.77.0.1', port: running.port }],
      allow: new Allowlist([net.allow]),
      port: running.port, maxDepth: 8, maxDevices: 100, concurrency: 4,
      deadline: performance.now() + 120_000,
    }, {
      open: (t: SnmpTarget) => {
        contacted.push(t.host);
        return openSnmpTransport(t, { version: '2c', community: net.community }, { timeoutMs: 400, retries: 0 }, secrets);
      },
      now: () => performance.now(),
    });
    const { draft, report } = buildDiscoveryDraft(result, { id: 'discovered', version: '2c', community: { env: ENV } });
    expect(checkDraft(draft)).toEqual([]);

    const answering = net.nodes.filter((n) => !n.silent);
    expect(answering.length).toBeGreaterThanOrEqual(30);
    const devices = (draft.devices ?? []) as { id: string; name?: string; snmp?: { host: string } }[];
    const nameOf = new Map(devices.map((d) => [d.id, d.name ?? d.id]));
    expect(devices.map((d) => d.name ?? d.id).sort()).toEqual(answering.map((n) => n.name).sort());
    expect(Object.fromEntries(devices.map((d) => [d.name ?? d.id, d.snmp?.host]))).toEqual(Object.fromEntries(answering.map((n) => [n.name, n.host])));

    const silentNames = new Set(net.nodes.filter((n) => n.silent).map((n) => n.name));
    const expectedLinks = net.links.filter((l) => !silentNames.has(l.a) && !silentNames.has(l.b)).map((l) => key(l.a, l.aPort, l.b, l.bPort)).sort();
    const links = (draft.links ?? []) as { a: { device: string; interface: string }; b: { device: string; interface: string } }[];
    expect(links.map((l) => key(nameOf.get(l.a.device)!, l.a.interface, nameOf.get(l.b.device)!, l.b.interface)).sort()).toEqual(expectedLinks);

    // the silent ones, reported with who saw them; the outside one, reported and never contacted
    expect(report.silent.map((s) => s.name).sort()).toEqual([...silentNames].sort());
    expect(report.outsideAllowlist).toEqual([{ address: `${net.outside.host}:${running.port}`, name: net.outside.name, seenBy: net.outside.seenBy }]);
    const allow = new Allowlist([net.allow]);
    expect(contacted.filter((h) => !allow.allows(h))).toEqual([]);
    expect(contacted).not.toContain(net.outside.host);
    expect(new Set(contacted)).toEqual(new Set(net.nodes.map((n) => n.host)));
    // one-sided links: each silent neighbour and the outside one, from the side that saw them
    expect(report.oneSidedLinks.map((l) => l.neighbour).sort()).toEqual([net.outside.name, ...silentNames].sort());
    // free-text sysLocation is reported, not guessed
    expect(report.unknownSites.map((u) => nameOf.get(u.device)).sort()).toEqual(['ACC-01', 'ACC-02']);
    const sites = (draft.sites ?? []) as { id: string; class: string; rooms?: { id: string }[] }[];
    expect(sites.find((s) => s.id === 'bj-core')).toMatchObject({ class: 'PC-CORE', rooms: [{ id: 'core-a' }, { id: 'core-b' }] });
    expect(sites.find((s) => s.id === 'agg-03')).toMatchObject({ class: 'PC-AGG', rooms: [{ id: 'r1' }] });
    expect(devices.find((d) => (d.name ?? d.id) === 'BJ-CR-01')).toMatchObject({ role: 'core-router', site: 'bj-core', room: 'core-a', expectedPsus: 2 });

    // the draft as a file passes check-config, secrets resolved from the referenced variable
    const cfg = join(dir, 'crawl');
    rmSync(cfg, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(cfg);
    writeFileSync(join(cfg, 'redline.yaml'), renderDraft(draft, ['test draft']));
    const check = await runCli(['check-config', cfg]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain(`${answering.length} devices, ${expectedLinks.length} links`);
  }, 180_000);

  it('stops at the device cap and the depth, and reports what it left', async () => {
    const net = running.net;
    const secrets = new SecretRegistry();
    const contacted: string[] = [];
    const base = {
      seeds: [{ host: '127.77.0.1', port: running.port }], allow: new Allowlist([net.allow]), port: running.port,
      concurrency: 2, deadline: performance.now() + 60_000,
    };
    const deps = {
      open: (t: SnmpTarget) => {
        contacted.push(t.host);
        return openSnmpTransport(t, { version: '2c' as const, community: net.community }, { timeoutMs: 400, retries: 0 }, secrets);
      },
      now: () => performance.now(),
    };
    const capped = await crawl({ ...base, maxDepth: 8, maxDevices: 5 }, deps);
    expect(capped.devices).toHaveLength(5);
    expect(capped.notProbed.some((c) => c.reason === 'device cap')).toBe(true);
    const shallow = await crawl({ ...base, maxDepth: 0, maxDevices: 100 }, deps);
    expect(shallow.devices.map((d) => d.observation.system.name)).toEqual(['BJ-CR-01']);
    expect(shallow.notProbed.filter((c) => c.reason === 'depth')).toHaveLength(7); // CR-02 and the six A-side aggregation routers
    const gone = await crawl({ ...base, maxDepth: 8, maxDevices: 100, deadline: performance.now() - 1 }, deps);
    expect(gone.devices).toEqual([]);
    expect(gone.notProbed.map((c) => c.reason)).toEqual(['deadline']);
  }, 120_000);

  it('runs as a command: --json is one clean object, --out writes a draft that check-config accepts, --merge proposes a diff', async () => {
    const net = running.net;
    const out = join(dir, 'cli', 'redline.yaml');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'cli'), { recursive: true });
    const args = ['discover', '--seed', `127.77.0.1:${running.port}`, '--allow', net.allow, '--credentials', `env:${ENV}`,
      '--port', String(running.port), '--timeout-ms', '400', '--retries', '0', '--concurrency', '4'];
    const json = await runCli([...args, '--json'], 120_000);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain('\r');
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(json.stdout) as { draft: ConfigInput; report: DiscoveryReport };
    expect(parsed.report.devices).toBe(32);
    expect(json.stdout + json.stderr).not.toContain(net.community);

    const written = await runCli([...args, '--out', out], 120_000);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('did not answer · 未应答 (3)');
    expect(written.stdout).toContain('outside the allowed prefixes, not probed · 超出允许网段，未探测 (1)');
    expect(written.stdout + written.stderr).not.toContain(net.community);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Draft inventory/);
    const check = await runCli(['check-config', join(dir, 'cli')]);
    expect(check.code).toBe(0);

    // an existing configuration with one site and one of the devices: the proposal adds the rest, keeps what is there
    const live = join(dir, 'live');
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'redline.yaml'), [
      'version: 1',
      `credentials: { lab: { version: 2c, community: { env: ${ENV} } } }`,
      'sites: [{ id: bj-core, class: PC-CORE, rooms: [{ id: core-a }, { id: core-b }] }]',
      'devices: [{ id: BJ-CR-01, site: bj-core, room: core-a, role: core-router, snmp: { host: 127.77.0.1, credentials: lab } }]',
    ].join('\n'));
    const before = readFileSync(join(live, 'redline.yaml'), 'utf8');
    const merged = await runCli([...args, '--merge', live, '--json'], 120_000);
    expect(merged.code).toBe(0);
    const m = JSON.parse(merged.stdout) as { diff: string[] };
    expect(m.diff).toContain('+ devices BJ-CR-02');
    expect(m.diff.filter((l) => l.startsWith('+ devices'))).toHaveLength(31);
    expect(m.diff.some((l) => l.includes('BJ-CR-01') && l.startsWith('~'))).toBe(false);
    expect(readFileSync(join(live, 'redline.yaml'), 'utf8')).toBe(before); // never writes the live configuration
  }, 300_000);

  it('draws one live progress line on a terminal and clears it before the report', async () => {
    const { runDiscover } = await import('../../src/cli/discover.js');
    let out = '';
    let err = '';
    const code = await runDiscover(['--seed', `127.77.0.1:${running.port}`, '--allow', running.net.allow, '--credentials', `env:${ENV}`, '--port', String(running.port),
      '--timeout-ms', '400', '--retries', '0', '--out', join(dir, 'tty.yaml')], { out: (t) => { out += t; }, err: (t) => { err += t; }, tty: true });
    expect(code).toBe(0);
    expect(err).toMatch(/^\rdiscovering: 1 answered, 1 probed/);
    expect(err).toMatch(/\rdiscovering: 32 answered, 35 probed, 0 queued/);
    expect(err).not.toContain('\n');
    expect(err.endsWith('\r')).toBe(true);
    expect(out).toContain('discovered 32 devices');
  }, 120_000);

  it('refuses to run without an allowlist and never takes a secret on the command line', async () => {
    const noAllow = await runCli(['discover', '--seed', '127.77.0.1', '--credentials', `env:${ENV}`]);
    expect(noAllow.code).toBe(1);
    expect(noAllow.stderr).toContain('--allow is required');
    const inline = await runCli(['discover', '--seed', '127.77.0.1', '--allow', '127.77.0.0/16', '--credentials', 'public']);
    expect(inline.code).toBe(1);
    expect(inline.stderr).toContain('never the secret itself');
    const both = await runCli(['discover', '--seed', '127.77.0.1', '--allow', '127.77.0.0/16', '--credentials', `env:${ENV}`, '--v3-user', 'noc']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--credentials and --v3-user exclude each other');
    writeFileSync(join(dir, 'live.yaml'), 'version: 1\n');
    const over = await runCli(['discover', '--seed', '127.77.0.1', '--allow', '127.77.0.0/16', '--credentials', `env:${ENV}`, '--out', join(dir, 'live.yaml')]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('never over an existing file');
    expect(readFileSync(join(dir, 'live.yaml'), 'utf8')).toBe('version: 1\n');
  });
});
