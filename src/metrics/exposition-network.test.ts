/**
 * The worker-side renderer of the network families: label escaping, exactly one series per
 * subject with the state in its label (value 1), nothing from a device whose data is not fresh,
 * derived counts (LAG headroom, DC rectifiers, UPS runtime in seconds), and text every line of
 * which belongs to a family declared once with HELP and TYPE.
 */
import { describe, expect, it } from 'vitest';
import { inventoryFromObject, observation, snapshotOf } from '../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../analysis/policy.js';
import { escapeLabelValue, renderNetworkExposition } from './exposition-network.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE', rooms: [{ id: 'a' }, { id: 'b' }] }, { id: 'sh', class: 'PC-AGG' }],
  devices: [
    { id: 'cr1', site: 'bj', room: 'a', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' }, redundancyPair: 'cr2' },
    { id: 'cr2', site: 'bj', room: 'b', role: 'core', snmp: { host: '10.0.0.2', credentials: 'c' }, redundancyPair: 'cr1' },
    { id: 'ups1', site: 'bj', role: 'ups', snmp: { host: '10.0.0.3', credentials: 'c' } },
    { id: 'agg1', site: 'sh', role: 'aggregation', snmp: { host: '10.0.0.4', credentials: 'c' } },
    { id: 'agg2', site: 'sh', role: 'aggregation', snmp: { host: '10.0.0.5', credentials: 'c' } },
    { id: 'inv-only', site: 'sh', role: 'server' },
  ],
});

const CR1 = observation({
  powerSupplies: [
    { id: '1', name: 'PSU 1', status: 'ok', sources: ['entity'] },
    { id: 'odd"\\\nid', name: 'PSU 2', status: 'failed', sources: ['entity'] },
  ],
  fans: [{ id: '1', name: 'Fan 1', status: 'ok', sources: ['entity'] }],
  bgpPeers: [
    { peer: '192.0.2.1', remoteAs: 65001, state: 'established', adminStatus: 'up', source: 'bgp4' },
    { peer: '192.0.2.1', remoteAs: 65001, state: 'idle', adminStatus: 'up', source: 'vendor' },
    { peer: '192.0.2.2', remoteAs: 65002, state: 'active', adminStatus: 'up', source: 'bgp4', vrf: 'cust-a' },
  ],
  ospfNeighbors: [{ neighborId: '10.9.9.9', address: '10.1.1.2', state: 'full' }],
  isisAdjacencies: [{ neighborId: '0000.0000.0002', interface: 'Gi0/1', state: 'up', level: 'level2' }],
  fhrpGroups: [{ protocol: 'vrrp', interface: 'Vlan10', group: 10, role: 'master', virtualIp: '10.0.10.1', hasStandby: true }],
  lagMembers: [
    { aggregate: 'Po1', member: 'Gi0/1', inBundle: true },
    { aggregate: 'Po1', member: 'Gi0/2', inBundle: false },
    { aggregate: 'Po2', member: 'Gi0/3', inBundle: true },
    { aggregate: 'Po2', member: 'Gi0/4', inBundle: true },
  ],
  errors: [{ profile: 'entity', message: 'timeout' }, { profile: 'entity', message: 'timeout' }, { profile: 'bgp4', message: 'x' }],
});

const UPS = observation({
  ups: { outputSource: 'battery', batteryStatus: 'low', minutesRemaining: 12, inputLineBads: 1 },
  dcPower: [{
    source: 'dc', rectifiers: { ok: 3, failed: 1, unknown: 0 }, moduleRatingAmps: 50, loadAmps: 80, capacityUsedPercent: 40,
    battery: { state: 'discharging', minutesRemaining: 90, strings: 2 }, mains: 'failed',
  }],
});

function render(devices: NonNullable<Parameters<typeof snapshotOf>[1]['devices']>, pollSeconds?: Record<string, number>): string {
  const snap = snapshotOf(NET, { now: NOW, devices });
  const report = runAnalysis(snap, policy, NOW);
  return renderNetworkExposition({ at: NOW, snapshot: snap, findings: report.findings, coverage: report.coverage, ...(pollSeconds !== undefined ? { pollSeconds } : {}) });
}

/** One sample as the test reads it. */
interface Sample { labels: Record<string, string>; value: number }

/** Family values by one label (`label` → value). */
function byLabel(text: string, family: string, label: string): Record<string, number> {
  return Object.fromEntries(samples(text, family).map((s) => [s.labels[label] ?? '', s.value]));
}

/** The samples of one family: labels (unescaped) and value. */
function samples(text: string, name: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m === null) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const re = /([a-z_][a-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    for (let p = re.exec(m[2] ?? ''); p !== null; p = re.exec(m[2] ?? '')) labels[p[1]!] = p[2]!.replace(/\\(.)/g, (_s, c: string) => (c === 'n' ? '\n' : c));
    out.push({ labels, value: Number(m[3]) });
  }
  return out;
}

describe('network exposition', () => {
  const text = render({ cr1: CR1, cr2: observation(), ups1: UPS, agg1: 'unreachable', agg2: 'stale' }, { cr1: 0.25 });

  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('plain')).toBe('plain');
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(text).toContain('psu="odd\\"\\\\\\nid"');
    expect(samples(text, 'redline_psu_state').find((s) => s.labels['state'] === 'failed')?.labels['psu']).toBe('odd"\\\nid');
  });

  it('gives each PSU, fan, session and group one series, value 1, its state in the label', () => {
    expect(samples(text, 'redline_psu_state').filter((s) => s.labels['device'] === 'cr1').map((s) => [s.labels['psu'], s.labels['state'], s.value]))
      .toEqual([['1', 'ok', 1], ['odd"\\\nid', 'failed', 1]]);
    // the same peer reported by two profiles is one session (the first row wins)
    expect(samples(text, 'redline_bgp_session_state').map((s) => [s.labels['peer'], s.labels['vrf'], s.labels['state'], s.value]))
      .toEqual([['192.0.2.1', '', 'established', 1], ['192.0.2.2', 'cust-a', 'active', 1]]);
    expect(samples(text, 'redline_fan_state')).toHaveLength(1);
    expect(samples(text, 'redline_ospf_neighbor_state')[0]?.labels).toMatchObject({ neighbor: '10.9.9.9', state: 'full' });
    expect(samples(text, 'redline_isis_adjacency_state')[0]?.labels).toMatchObject({ neighbor: '0000.0000.0002', interface: 'Gi0/1', state: 'up' });
    expect(samples(text, 'redline_fhrp_role')[0]?.labels).toMatchObject({ protocol: 'vrrp', interface: 'Vlan10', group: '10', role: 'master' });
    expect(samples(text, 'redline_psu_state')[0]?.labels).toMatchObject({ device: 'cr1', site: 'bj', class: 'PC-CORE' });
  });

  it('removes secrets from label values a device reported', () => {
    const leaky = observation({ powerSupplies: [{ id: 'psu-s3cret-community', name: 'PSU', status: 'ok', sources: ['entity'] }], lagMembers: [{ aggregate: 's3cret-community', member: 'x', inBundle: true }] });
    const snap = snapshotOf(NET, { now: NOW, devices: { cr1: leaky } });
    const report = runAnalysis(snap, policy, NOW);
    const out = renderNetworkExposition({ at: NOW, snapshot: snap, findings: report.findings, coverage: report.coverage, redact: (v) => v.replaceAll('s3cret-community', '[REDACTED]') });
    expect(out).not.toContain('s3cret-community');
    expect(samples(out, 'redline_psu_state')[0]?.labels['psu']).toBe('psu-[REDACTED]');
    expect(samples(out, 'redline_lag_members')[0]?.labels['lag']).toBe('[REDACTED]');
  });

  it('gives each finding exactly one protection-state series', () => {
    const snap = snapshotOf(NET, { now: NOW, devices: { cr1: CR1, cr2: observation(), ups1: UPS, agg1: 'unreachable', agg2: 'stale' } });
    const findings = runAnalysis(snap, policy, NOW).findings;
    const series = samples(text, 'redline_protection_state');
    expect(series).toHaveLength(new Set(findings.map((f) => f.fingerprint)).size);
    expect(series.every((s) => s.value === 1)).toBe(true);
    const keys = series.map((s) => `${s.labels['rule']}|${s.labels['subject_kind']}|${s.labels['subject']}`);
    expect(new Set(keys).size).toBe(keys.length);
    const psu = findings.find((f) => f.subject.id === 'cr1' && f.rule.startsWith('PWR') && f.state !== 'protected');
    expect(psu).toBeDefined();
    expect(series.find((s) => s.labels['rule'] === psu?.rule && s.labels['subject'] === 'cr1')?.labels).toMatchObject({ state: psu?.state, class: 'PC-CORE', site: 'bj', measure: psu?.measure });
  });

  it('says up and stale for every polled device, and nothing else for one whose data is not fresh', () => {
    const up = byLabel(text, 'redline_device_up', 'device');
    expect(up).toEqual({ cr1: 1, cr2: 1, ups1: 1, agg1: 0, agg2: 0 });
    const stale = byLabel(text, 'redline_device_stale', 'device');
    expect(stale).toEqual({ cr1: 0, cr2: 0, ups1: 0, agg1: 0, agg2: 1 });
    // an inventory-only device has findings, never device series
    expect(text.split('\n').filter((x) => x.includes('device="inv-only"'))).toEqual([]);
    for (const family of ['redline_psu_state', 'redline_bgp_session_state', 'redline_lag_members']) {
      expect(samples(text, family).some((s) => s.labels['device'] === 'agg1' || s.labels['device'] === 'agg2')).toBe(false);
    }
  });

  it('counts poll errors by profile and gives the latest poll duration', () => {
    expect(samples(text, 'redline_device_poll_errors').map((s) => [s.labels['profile'], s.value])).toEqual([['entity', 2], ['bgp4', 1]]);
    expect(samples(text, 'redline_device_last_poll_duration_seconds')).toEqual([{ labels: { device: 'cr1', site: 'bj', class: 'PC-CORE' }, value: 0.25 }]);
  });

  it('derives LAG headroom, UPS and DC plant figures in base units', () => {
    const lag = (family: string): Record<string, number> => byLabel(text, family, 'lag');
    expect(lag('redline_lag_members')).toEqual({ Po1: 2, Po2: 2 });
    expect(lag('redline_lag_members_up')).toEqual({ Po1: 1, Po2: 2 });
    expect(lag('redline_lag_n1_headroom')).toEqual({ Po1: 0, Po2: 1 });
    expect(samples(text, 'redline_ups_on_battery')[0]?.value).toBe(1);
    expect(samples(text, 'redline_ups_output_source')[0]?.labels['source']).toBe('battery');
    expect(samples(text, 'redline_ups_battery_runtime_seconds')[0]?.value).toBe(720);
    expect(samples(text, 'redline_dc_rectifiers_ok')[0]).toMatchObject({ labels: { plant: '0' }, value: 3 });
    expect(samples(text, 'redline_dc_rectifiers_installed')[0]?.value).toBe(4);
    expect(samples(text, 'redline_dc_battery_runtime_seconds')[0]?.value).toBe(5400);
    expect(samples(text, 'redline_dc_mains_state')[0]?.labels['state']).toBe('failed');
    expect(samples(text, 'redline_dc_battery_state')[0]?.labels['state']).toBe('discharging');
  });

  it('states coverage per rule and single points of failure by class and site', () => {
    const evaluated = byLabel(text, 'redline_rule_evaluated', 'rule');
    expect(evaluated['NODE-001']).toBe(1);
    expect(evaluated['NODE-004']).toBe(0);
    const skipped = samples(text, 'redline_rule_subjects_skipped').map((s) => `${s.labels['rule']}|${s.labels['reason']}`);
    expect(skipped.length).toBeGreaterThan(0);
    expect(new Set(skipped).size).toBe(skipped.length);
    const spof = samples(text, 'redline_single_points_of_failure');
    expect(spof.length).toBeGreaterThan(0);
    expect(spof.every((s) => s.labels['class'] !== undefined && s.labels['site'] !== undefined)).toBe(true);
  });

  it('declares each family once, before its samples, and ends with a line feed', () => {
    expect(text.endsWith('\n')).toBe(true);
    const declared: string[] = [];
    for (const line of text.split('\n').filter((x) => x !== '')) {
      const t = /^# TYPE (\S+) gauge$/.exec(line);
      if (t !== null) { declared.push(t[1]!); continue; }
      if (line.startsWith('# HELP ')) continue;
      const name = /^[a-z_:][a-z0-9_:]*/.exec(line)?.[0];
      expect(declared.at(-1), line).toBe(name);
    }
    expect(new Set(declared).size).toBe(declared.length);
    expect(samples(text, 'redline_network_metrics_timestamp_seconds')[0]?.value).toBe(NOW / 1000);
  });
});
