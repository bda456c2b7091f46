/**
 * OPS-003 and OPS-004 at a fixed time: a reboot inside an approved cutover window is covered (no
 * failing finding), a reboot outside any plan is a finding; adjacency and FHRP churn likewise;
 * a draft, a cancelled plan or one approved after the change does not cover it (an emergency one
 * may be approved after); a finding that began failing in a cutover window and still fails is
 * reported after the window, one that cleared is not.
 */
import { describe, expect, it } from 'vitest';
import type { Component } from '../../collect/observation.js';
import type { CutoverWindow, DeviceChange } from '../../snapshot/types.js';
import { inventoryFromObject, observation, snapshotOf } from '../../../test/support/snapshot-builders.js';
import { fingerprint, runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy.js';
import { RULES } from './index.js';

const NOW = Date.parse('2026-09-12T10:00:00Z');
const HOUR = 3_600_000;
const policy = loadPolicy(DEFAULT_POLICY_FILE);
const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });
const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'acc', class: 'PC-ACC' }],
  devices: [
    { id: 'cr1', site: 'bj', role: 'router', snmp: snmp(1) },
    { id: 'cr2', site: 'bj', role: 'router', snmp: snmp(2) },
    { id: 'a1', site: 'acc', role: 'switch', snmp: snmp(3) },
  ],
  links: [{ id: 'l1', a: { device: 'cr1', interface: 'L1' }, b: { device: 'cr2', interface: 'L1' }, risks: [{ kind: 'duct', id: 'D-7' }] }],
});

const cutover = (extra: Partial<CutoverWindow> = {}): CutoverWindow => ({
  id: 'c1', ref: 'CHG-17', title: 'cr1 software upgrade', status: 'done', emergency: false,
  start: NOW - 6 * HOUR, end: NOW - 2 * HOUR, approvedAt: NOW - 48 * HOUR,
  affected: { devices: ['cr1'], links: [], sites: [], riskGroups: [] }, appeared: [], ...extra,
});
const reboot = (deviceId: string, at: number): DeviceChange => ({ deviceId, at, subject: 'reboot', from: '8640000', to: '120' });

function ops(rule: string, evidence: { cutovers?: CutoverWindow[]; changes?: DeviceChange[] }, devices: Record<string, ReturnType<typeof observation>> = {}, rules = RULES.filter((r) => r.id === rule)) {
  const snap = snapshotOf(NET, { now: NOW, devices: { cr1: observation(), cr2: observation(), a1: observation(), ...devices }, options: { evidence } });
  const report = runAnalysis(snap, policy, NOW, rules);
  return { findings: report.findings.filter((f) => f.rule === rule), report };
}
const states = (r: ReturnType<typeof ops>): Record<string, string> => Object.fromEntries(r.findings.map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));

describe('OPS-003 changes on protected elements are covered by an approved plan', () => {
  it('a reboot inside an approved cutover window produces no failing finding', () => {
    const r = ops('OPS-003', { cutovers: [cutover()], changes: [reboot('cr1', NOW - 4 * HOUR)] });
    expect(states(r)).toEqual({ cr1: 'protected', cr2: 'protected' });
    expect(r.findings.find((f) => f.subject.id === 'cr1')!.explanation.en).toContain('all within approved cutover windows (CHG-17)');
  });

  it('a reboot of a protected element outside any plan is a finding (orange on a core device), in both languages with the local time', () => {
    const r = ops('OPS-003', { cutovers: [cutover()], changes: [reboot('cr2', NOW - 4 * HOUR), reboot('cr1', NOW - 1 * HOUR)] });
    expect(states(r)).toEqual({ cr1: 'degraded orange', cr2: 'degraded orange' });
    const f = r.findings.find((x) => x.subject.id === 'cr2')!;
    expect(f.explanation.en).toBe('cr2: 1 change(s) outside any approved cutover or upgrade plan (reboot (sysUpTime reset) @ 2026-09-12 14:00 (Asia/Shanghai)); file the plan or find the cause');
    expect(f.explanation.zh).toContain('不在任何已审批的割接/升级方案窗口内');
    expect(f.evidence).toContainEqual({ what: 'reboot (sysUpTime reset)', value: 'no approved plan', observedAt: new Date(NOW - 4 * HOUR).toISOString() });
    expect(f.clause).toBe('MIIT-2023-46/2.3');
    // the access switch is not a protected class for OPS-003: its reboot is not judged
    expect(states(ops('OPS-003', { cutovers: [], changes: [reboot('a1', NOW - HOUR)] }))['a1']).toBeUndefined();
  });

  it.each([
    ['a draft plan', { status: 'draft', approvedAt: null }],
    ['a cancelled plan', { status: 'cancelled' }],
    ['a plan approved after the change', { approvedAt: NOW - 3 * HOUR }],
    ['a plan for another device', { affected: { devices: ['cr2'], links: [], sites: [], riskGroups: [] } }],
    ['a window that ended 40 minutes before the change was seen', { end: NOW - 5 * HOUR - 40 * 60_000 }],
  ] as const)('%s does not cover a reboot', (_n, extra) => {
    expect(states(ops('OPS-003', { cutovers: [cutover(extra)], changes: [reboot('cr1', NOW - 4 * HOUR - 10 * 60_000), reboot('cr1', NOW - 5 * HOUR)] }))['cr1']).toBe('degraded orange');
  });

  it.each([
    ['an emergency change approved afterwards', { emergency: true, approvedAt: NOW - 3 * HOUR }],
    ['a plan naming the site', { affected: { devices: [], links: [], sites: ['bj'], riskGroups: [] } }],
    ['a plan naming a link of the device', { affected: { devices: [], links: ['l1'], sites: [], riskGroups: [] } }],
    ['a plan naming a shared risk of the device\'s link', { affected: { devices: [], links: [], sites: [], riskGroups: ['duct:D-7'] } }],
    ['a change seen at the first poll after the window (grace)', { end: NOW - 4 * HOUR - 20 * 60_000 }],
  ] as const)('%s covers it', (_n, extra) => {
    expect(states(ops('OPS-003', { cutovers: [cutover(extra)], changes: [reboot('cr1', NOW - 4 * HOUR)] }))['cr1']).toBe('protected');
  });

  it('adjacency and FHRP churn count; first sightings, shut peers and older changes do not', () => {
    const ch = (subject: string, from: string | null, to: string, at = NOW - HOUR, adminDown = false): DeviceChange => ({ deviceId: 'cr1', at, subject, from, to, ...(adminDown ? { adminDown: true } : {}) });
    expect(states(ops('OPS-003', { cutovers: [], changes: [ch('fhrp:vrrp|Vlan10|10', 'master', 'backup')] }))['cr1']).toBe('degraded orange');
    expect(states(ops('OPS-003', { cutovers: [], changes: [ch('bgp:|10.0.0.2', 'established', 'idle')] }))['cr1']).toBe('degraded orange');
    expect(states(ops('OPS-003', { cutovers: [], changes: [ch('trap:restart', null, 'coldStart')] }))['cr1']).toBe('degraded orange');
    expect(states(ops('OPS-003', { cutovers: [], changes: [
      ch('bgp:|10.0.0.3', null, 'established'), ch('bgp:|10.0.0.2', 'established', 'idle', NOW - HOUR, true), ch('psu:1', 'ok', 'failed'), reboot('cr1', NOW - 80 * HOUR),
    ] }))['cr1']).toBe('protected');
  });

  it('without the state history it judges nothing', () => {
    const r = ops('OPS-003', { cutovers: [cutover()] });
    expect(r.findings).toEqual([]);
    expect(r.report.summary.rules[0]!.notEvaluated).toEqual([{ reason: 'no state history read (changes unknown)', code: 'no_data', count: 2 }]);
  });
});

describe('OPS-004 protection restored after a cutover window', () => {
  const psu = (name: string, status: Component['status']): Component => ({ id: name, name, status, sources: [] });
  const onePsuFailed = { cr1: observation({ powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', 'failed')] }) };
  const bothOk = { cr1: observation({ powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')] }) };
  const pwr = fingerprint('PWR-001', { kind: 'device', id: 'cr1' });
  const rules = RULES.filter((r) => r.id === 'PWR-001' || r.id === 'OPS-004');

  it('reports a finding that began failing in the window and still fails after it', () => {
    const r = ops('OPS-004', { cutovers: [cutover({ appeared: [pwr] })] }, onePsuFailed, rules);
    expect(states(r)).toEqual({ cr1: 'degraded orange' });
    expect(r.findings[0]!.explanation.en).toBe('cr1: what failed during cutover CHG-17 is still failing after its window (PWR-001 degraded)');
    expect(r.findings[0]!.evidence).toContainEqual({ what: 'window', value: '2026-09-12 12:00 (Asia/Shanghai) – 2026-09-12 16:00 (Asia/Shanghai)', observedAt: null });
  });

  it('is satisfied when it cleared, when it failed before the window, and before the window ends', () => {
    expect(states(ops('OPS-004', { cutovers: [cutover({ appeared: [pwr] })] }, bothOk, rules))).toEqual({ cr1: 'protected' });
    expect(states(ops('OPS-004', { cutovers: [cutover({ appeared: [] })] }, onePsuFailed, rules))).toEqual({ cr1: 'protected' });
    expect(states(ops('OPS-004', { cutovers: [cutover({ appeared: null, end: NOW + HOUR })] }, onePsuFailed, rules))).toEqual({});
    // a week after the window it is no longer this rule's business (the hazard of PWR-001 tracks it)
    expect(states(ops('OPS-004', { cutovers: [cutover({ appeared: [pwr], start: NOW - 9 * 24 * HOUR, end: NOW - 8 * 24 * HOUR })] }, onePsuFailed, rules))).toEqual({});
  });

  it('without records it is skipped as having no register', () => {
    const r = ops('OPS-004', {}, onePsuFailed, rules);
    expect(r.findings).toEqual([]);
    expect(r.report.summary.rules.find((x) => x.rule === 'OPS-004')!.notEvaluated[0]!.code).toBe('no_register_configured');
  });
});
