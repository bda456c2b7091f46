/**
 * `redline import netbox` against a local server speaking NetBox's REST shapes: paging through
 * `next`, waiting out a 429, mapping sites, rooms, devices, cables, a circuit and the power
 * chain; the imported inventory gives the same PWR-001b findings as a hand-written one of the
 * same data; a second run with one change prints that change as a dry-run diff and writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { RULES } from '../../src/analysis/rules/index.js';
import type { Inventory } from '../../src/inventory/model.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { beijingNetbox, startFakeNetbox, type FakeNetbox } from '../support/fake-netbox.js';
import { inventoryFromObject, snapshotOf } from '../support/snapshot-builders.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const TOKEN = '0123456789abcdef0123456789abcdef01234567';

function pwr001b(inv: Inventory): Record<string, string> {
  const report = runAnalysis(snapshotOf(inv, { now: NOW }), loadPolicy(DEFAULT_POLICY_FILE), NOW, RULES.filter((r) => r.id === 'PWR-001b'));
  return Object.fromEntries(report.findings.map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

/** The same Beijing data as beijingNetbox(), written by hand in redline's own terms. */
const HAND_WRITTEN = {
  sites: [{ id: 'bj-core', class: 'PC-CORE', rooms: [{ id: 'core-a' }] }],
  power: [
    { id: 'panel-a', kind: 'panel', site: 'bj-core' },
    { id: 'panel-b', kind: 'panel', site: 'bj-core' },
    { id: 'pdu-a', kind: 'pdu', site: 'bj-core', upstream: ['panel-a'] },
    { id: 'pdu-b', kind: 'pdu', site: 'bj-core', upstream: ['panel-b'] },
    { id: 'pdu-c', kind: 'pdu', site: 'bj-core', upstream: ['panel-a'] },
  ],
  devices: [
    { id: 'BJ-CR-01', site: 'bj-core', role: 'core-router', psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-b' }] },
    { id: 'BJ-CR-02', site: 'bj-core', role: 'core-router', psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-a' }] },
    { id: 'BJ-CR-03', site: 'bj-core', role: 'core-router', psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-c' }] },
    { id: 'BJ-SW-01', site: 'bj-core', role: 'switch', psus: [{ match: 'PSU 1', feed: 'panel-a' }, { match: 'PSU 2', feed: 'panel-b' }] },
  ],
};

describe('redline import netbox', () => {
  let nb: FakeNetbox;
  const dir = mkdtempSync(join(tmpdir(), 'redline-netbox-'));
  const tokenFile = join(dir, 'token');
  const out = join(dir, 'config');
  beforeAll(async () => {
    writeFileSync(tokenFile, `${TOKEN}\n`);
    nb = await startFakeNetbox(beijingNetbox(), TOKEN);
    await ensureBuilt();
  }, 240_000);
  afterAll(async () => {
    await nb.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the inventory with its power chain: PWR-001b as for the hand-written inventory', async () => {
    nb.throttleNext('/api/dcim/devices/', 1);
    const r = await runCli(['import', 'netbox', '--url', nb.url, '--token-file', tokenFile, '--out', out, '--page-size', '2', '--credentials', 'env:NB_SNMP']);
    expect(r.stderr).toContain('(1 rate-limit waits)');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+ devices BJ-CR-01');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    // paged through next (page size 2), every request authenticated, one 429 waited out
    expect(nb.requests.filter((q) => q.path.startsWith('/api/dcim/power-ports/')).map((q) => q.path)).toHaveLength(6);
    expect(nb.requests.every((q) => q.auth === `Token ${TOKEN}`)).toBe(true);
    expect(nb.requests.filter((q) => q.status === 429)).toHaveLength(1);

    const imported = parseDocument(readFileSync(join(out, 'redline.yaml'), 'utf8')).toJS() as Record<string, unknown>;
    const want = { 'BJ-CR-01': 'protected', 'BJ-CR-02': 'unprotected red', 'BJ-CR-03': 'unprotected red', 'BJ-SW-01': 'protected' };
    expect(pwr001b(inventoryFromObject(HAND_WRITTEN))).toEqual(want);
    expect(pwr001b(inventoryFromObject(imported))).toEqual(want);

    const devices = imported.devices as Record<string, unknown>[];
    expect(devices.find((d) => d.id === 'BJ-CR-01')).toMatchObject({ site: 'bj-core', room: 'core-a', role: 'core-router', expectedPsus: 2, snmp: { host: '192.0.2.1', credentials: 'netbox' }, tags: ['platform:iosxr'] });
    expect(devices.find((d) => d.id === 'BJ-CR-03')).not.toHaveProperty('snmp'); // no primary IP: not polled
    const links = imported.links as Record<string, unknown>[];
    expect(links).toContainEqual({ id: 'CR1-CR2', a: { device: 'BJ-CR-01', interface: 'Hu0/0/0/0' }, b: { device: 'BJ-CR-02', interface: 'Hu0/0/0/0' }, risks: [{ kind: 'duct', id: 'D-1' }, { kind: 'cable', id: 'BJ-F1' }] });
    expect(links).toContainEqual({ id: 'CT-BJ-0001', a: { device: 'BJ-CR-01', interface: 'Hu0/0/0/1' }, b: { device: 'BJ-CR-03', interface: 'Hu0/0/0/1' }, risks: [{ kind: 'provider', id: 'china-telecom' }, { kind: 'duct', id: 'D-9' }] });
    expect(existsSync(join(out, 'redline.yaml'))).toBe(true);
    const check = await runCli(['check-config', out, '--skip-secrets']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('4 devices, 2 links, 5 power elements');
  }, 120_000);

  it('prints the one change of a second run as a dry-run diff and writes nothing', async () => {
    // its own NetBox and its own first import: no other test's run or change is relied on (shuffled order)
    const nb = await startFakeNetbox(beijingNetbox(), TOKEN);
    const out = join(dir, 'dry-run');
    try {
    const first = await runCli(['import', 'netbox', '--url', nb.url, '--token-file', tokenFile, '--out', out, '--credentials', 'env:NB_SNMP']);
    expect(first.code).toBe(0);
    const before = readFileSync(join(out, 'redline.yaml'), 'utf8');
    // BJ-CR-03's second PSU moves from PDU-C (panel A) to PDU-B (panel B)
    const cables = nb.objects['/api/dcim/cables/']!;
    const moved = cables.find((c) => JSON.stringify(c.b_terminations) === JSON.stringify([{ object_type: 'dcim.poweroutlet', object_id: 721 }]))!;
    moved.b_terminations = [{ object_type: 'dcim.poweroutlet', object_id: 712 }];
    const r = await runCli(['import', 'netbox', '--url', nb.url, '--token-file', tokenFile, '--out', out, '--credentials', 'env:NB_SNMP', '--dry-run']);
    expect(r.code).toBe(0);
    const diff = r.stdout.split('\n').filter((l) => /^ {2}[+~-] /.test(l));
    expect(diff).toEqual(['  ~ devices BJ-CR-03: psus: [{"match":"PSU 1","feed":"PDU-A"},{"match":"PSU 2","feed":"PDU-C"}] → [{"match":"PSU 1","feed":"PDU-A"},{"match":"PSU 2","feed":"PDU-B"}]']);
    expect(r.stdout).toContain('dry run: nothing written');
    expect(readFileSync(join(out, 'redline.yaml'), 'utf8')).toBe(before);
    } finally {
      await nb.stop();
    }
  }, 120_000);

  it('names every object it cannot map and writes nothing', async () => {
    const data = beijingNetbox();
    data['/api/dcim/sites/']!.push({ id: 2, name: 'Shanghai', slug: 'sh-core', status: { value: 'active' }, tags: [], custom_fields: {} });
    data['/api/dcim/devices/']!.push({ id: 900, name: null, site: { id: 1 }, role: { id: 1, slug: 'x' }, tags: [], custom_fields: {} });
    data['/api/dcim/devices/']!.push({ id: 901, name: 'SH-CR-01', site: { id: 2 }, role: { id: 1, slug: 'x' }, tags: [], custom_fields: {} });
    data['/api/dcim/cables/']!.push({ id: 999, status: { value: 'connected' }, a_terminations: [{ object_type: 'dcim.interface', object_id: 1001 }], b_terminations: [{ object_type: 'dcim.interface', object_id: 4242 }], tags: [], custom_fields: { shared_risks: 'tunnel:T1' } });
    const bad = await startFakeNetbox(data, TOKEN);
    const target = join(dir, 'bad');
    try {
      const r = await runCli(['import', 'netbox', '--url', bad.url, '--token-file', tokenFile, '--out', target]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('dcim.site #2 "Shanghai": no protection class');
      expect(r.stderr).toContain('dcim.device #900: has no name');
      expect(r.stderr).toContain('dcim.device #901 "SH-CR-01": its site #2 was not imported');
      expect(r.stderr).toContain('dcim.cable #999: interface #4242 is not in /api/dcim/interfaces/');
      expect(r.stderr).toContain('nothing written');
      expect(existsSync(join(target, 'redline.yaml'))).toBe(false);
      writeFileSync(join(dir, 'not-a-token'), 'version: 1\nsettings: {}\n');
      const notAToken = await runCli(['import', 'netbox', '--url', bad.url, '--token-file', join(dir, 'not-a-token'), '--out', target]);
      expect(notAToken.code).toBe(1);
      expect(notAToken.stderr).toContain('must hold one token on one line');
      writeFileSync(join(dir, 'wrong-token'), 'not-the-token\n');
      const denied = await runCli(['import', 'netbox', '--url', bad.url, '--token-file', join(dir, 'wrong-token'), '--out', target]);
      expect(denied.code).toBe(2);
      expect(denied.stderr).toContain('refused the token (403)');
    } finally {
      await bad.stop();
    }
  }, 60_000);
});
