/** NODE rules, table-driven: members up, members apart, control-plane standby (HA never configured stays silent). */
import { describe, expect, it } from 'vitest';
import type { RedundancyState } from '../../collect/observation.js';
import { inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import type { Inventory } from '../../inventory/model.js';
import { runAnalysis } from '../analyze.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject } from '../policy.js';
import { RULES } from './index.js';
import { saidBy, type FindingView } from '../../../test/support/finding-view.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

/** `subject → state colour` of one rule's findings. */
function verdicts(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): Record<string, string> {
  const r = runAnalysis(snapshotOf(inv, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule));
  return Object.fromEntries(r.findings.map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });

const NET = inventoryFromObject({
  sites: [
    { id: 'bj', class: 'PC-CORE', rooms: [{ id: 'a' }, { id: 'b' }, { id: 'c', fireCompartment: 'F1' }, { id: 'd', fireCompartment: 'F1' }] },
    { id: 'sms-a', class: 'PC-SMS', rooms: [{ id: 'r1' }] },
    { id: 'sms-b', class: 'PC-SMS', rooms: [{ id: 'r1' }] },
  ],
  devices: [
    { id: 'cr1', site: 'bj', room: 'a', role: 'core', snmp: snmp(1), redundancyPair: 'cr2' },
    { id: 'cr2', site: 'bj', room: 'b', role: 'core', snmp: snmp(2), redundancyPair: 'cr1' },
    { id: 'cr3', site: 'bj', room: 'a', role: 'core', snmp: snmp(3), redundancyPair: 'cr4' },
    { id: 'cr4', site: 'bj', room: 'a', role: 'core', snmp: snmp(4), redundancyPair: 'cr3' },
    { id: 'cr5', site: 'bj', room: 'c', role: 'core', snmp: snmp(5), redundancyPair: 'cr6' },
    { id: 'cr6', site: 'bj', room: 'd', role: 'core', snmp: snmp(6), redundancyPair: 'cr5' },
    { id: 'smsc-a', site: 'sms-a', room: 'r1', role: 'smsc' },
    { id: 'smsc-b', site: 'sms-b', room: 'r1', role: 'smsc' },
    { id: 'smsc-c', site: 'sms-a', room: 'r1', role: 'smsc' },
  ],
  services: [
    { id: 'core', class: 'PC-CORE', endpoints: ['cr1', 'cr2'] },
    { id: 'sms', class: 'PC-SMS', endpoints: ['smsc-a', 'smsc-b'], health: ['hc-a', 'hc-b'] },
    { id: 'sms-one-site', class: 'PC-SMS', endpoints: ['smsc-a', 'smsc-c'] },
  ],
  health: [
    { id: 'hc-a', url: 'http://127.0.0.1:1/a', standsFor: { service: 'sms', device: 'smsc-a' } },
    { id: 'hc-b', url: 'http://127.0.0.1:1/b', standsFor: { service: 'sms', device: 'smsc-b' } },
  ],
});

const up = observation();

describe('NODE-001 members up', () => {
  it.each([
    ['both members answer', { cr1: up, cr2: up }, {}, { 'cr1+cr2': 'protected' }],
    ['one member stops answering: up, one failure from an outage', { cr1: up, cr2: 'unreachable' }, {}, { 'cr1+cr2': 'unprotected red' }],
    ['both stop answering', { cr1: 'unreachable', cr2: 'unreachable' }, {}, { 'cr1+cr2': 'down red' }],
    ['one member stale: unknown, never a guess', { cr1: up, cr2: 'stale' }, {}, { 'cr1+cr2': 'unknown yellow' }],
    ['one member missed a single poll: unknown, not down', { cr1: up, cr2: 'missed-one' }, {}, { 'cr1+cr2': 'unknown yellow' }],
  ] as const)('%s', (_n, devices, health, want) => {
    const v = verdicts('NODE-001', NET, { devices, health });
    expect(Object.fromEntries(Object.entries(v).filter(([k]) => k in want))).toEqual(want);
  });

  it.each([
    ['SMS site B health check fails', { 'hc-a': 'up', 'hc-b': 'down' }, 'unprotected red'],
    ['both SMS sites up', { 'hc-a': 'up', 'hc-b': 'up' }, 'protected'],
    ['site B result stale', { 'hc-a': 'up', 'hc-b': 'stale' }, 'unknown yellow'],
    ['both down', { 'hc-a': 'down', 'hc-b': 'down' }, 'down red'],
  ] as const)('service by health checks: %s', (_n, health, want) => {
    expect(verdicts('NODE-001', NET, { devices: { cr1: up, cr2: up }, health })['sms']).toBe(want);
  });

  it('reports a service that is exactly a redundancy pair once, as the pair; an unmonitored member is unknown', () => {
    const v = verdicts('NODE-001', NET, { devices: { cr1: up, cr2: up, cr3: up, cr4: up, cr5: up, cr6: up }, health: { 'hc-a': 'up', 'hc-b': 'up' } });
    expect(v).toEqual({ 'cr1+cr2': 'protected', 'cr3+cr4': 'protected', 'cr5+cr6': 'protected', sms: 'protected', 'sms-one-site': 'unknown yellow' });
  });

  it('does not judge a set none of whose members is monitored', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 'x', class: 'PC-NE' }],
      devices: [{ id: 'n1', site: 'x', role: 'amf' }, { id: 'n2', site: 'x', role: 'amf' }],
      services: [{ id: 'amf', class: 'PC-NE', endpoints: ['n1', 'n2'] }],
    });
    expect(verdicts('NODE-001', inv, {})).toEqual({});
  });
});

describe('NODE-002 members apart', () => {
  it('checks rooms for CORE pairs (a shared fire compartment is one room) and sites for SMS', () => {
    expect(verdicts('NODE-002', NET, {})).toEqual({
      'cr1+cr2': 'protected',
      'cr3+cr4': 'unprotected orange', // §4.1: 较大 for CORE
      'cr5+cr6': 'unprotected orange',
      sms: 'protected',
      'sms-one-site': 'unprotected red', // §4.1: 重大 for SMS on one site
    });
  });

  it('explains concretely, in both languages', () => {
    const r = runAnalysis(snapshotOf(NET, { now: NOW }), policy, NOW, RULES.filter((x) => x.id === 'NODE-002'));
    const f = r.findings.find((x) => x.subject.id === 'cr3+cr4')!;
    expect(f.explanation.en).toBe('cr3+cr4: both members of the redundancy pair sit in room a (site bj); one room incident (fire, flood, power) takes down both');
    expect(f.explanation.zh).toBe('cr3+cr4：冗余对两台设备均位于 bj 站点 a 机房，单一机房事故（火灾、水浸、停电）即导致两台同时中断');
    expect(f.clause).toBe('MIIT-2023-46/2.3');
    expect(f.riskLevel).toBe('较大风险');
  });

  it('does not judge a pair whose rooms the inventory does not give', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 'bj', class: 'PC-CORE' }],
      devices: [{ id: 'x1', site: 'bj', role: 'r', redundancyPair: 'x2' }, { id: 'x2', site: 'bj', role: 'r', redundancyPair: 'x1' }],
    });
    expect(verdicts('NODE-002', inv, {})).toEqual({});
  });
});

describe('NODE-003 control-plane standby', () => {
  const card = (state: RedundancyState['state'], configured: RedundancyState['configured'], subject = 'supervisor'): RedundancyState =>
    ({ subject, name: `${subject} redundancy`, state, configured, source: 'cisco-rf' });
  it.each([
    ['hot standby', [card('redundant', 'redundant')], 'protected'],
    ['standby cold or booting', [card('nonRedundant', 'redundant')], 'degraded orange'],
    ['HA never configured (single supervisor): silent', [card('notApplicable', null)], undefined],
    ['HA never configured, mode says non-redundant: silent', [card('notApplicable', 'nonRedundant')], undefined],
    // the catalogue: "degraded level", not a single point of failure
    ['configured redundant but no peer takes part: degraded', [card('notApplicable', 'redundant')], 'degraded orange'],
    // a fixed switch: peer notKnown and no redundancy mode: not applicable, silent (counted in coverage)
    ['fixed switch, peer state not known, no mode: silent', [card('unknown', null)], undefined],
    ['peer state not known, mode not readable: silent', [card('unknown', 'unknown')], undefined],
    ['peer state not known on a device configured redundant: unknown', [card('unknown', 'redundant')], 'unknown yellow'],
    ['power redundancy is PWR-001\'s business', [card('nonRedundant', 'redundant', 'power')], undefined],
  ] as const)('%s', (_n, redundancy, want) => {
    const v = verdicts('NODE-003', NET, { devices: { cr1: observation({ redundancy: [...redundancy] }) } });
    expect(Object.values(v)[0]).toBe(want);
  });

  it('counts the silent fixed switch as not applicable in the summary', () => {
    const r = runAnalysis(snapshotOf(NET, { now: NOW, devices: { cr1: observation({ redundancy: [card('unknown', null)] }) } }), policy, NOW, RULES.filter((x) => x.id === 'NODE-003'));
    expect(r.findings).toEqual([]);
    expect(r.summary.rules[0]!.notEvaluated.map((n) => [n.code, n.count])).toEqual([['not_applicable', 1]]);
  });

  it('names the supervisor in Chinese in the Chinese sentence', () => {
    const r = runAnalysis(snapshotOf(NET, { now: NOW, devices: { cr1: observation({ redundancy: [card('notApplicable', 'redundant')] }) } }), policy, NOW, RULES.filter((x) => x.id === 'NODE-003'));
    expect(r.findings[0]!.explanation.zh).toBe('cr1：主控板冗余已配置冗余，但无备用单元参与，冗余降级');
    expect(r.findings[0]!.suggestedHazardGrade).toBe('一般隐患');
  });

  it('says nothing about a device without fresh data (its cards are not known to exist)', () => {
    expect(verdicts('NODE-003', NET, { devices: { cr1: 'stale' } })).toEqual({});
  });
});

describe('NODE-005 aggregation node homed to two distinct cores', () => {
  const link = (id: string, a: string, b: string, risks: string[] = []): Record<string, unknown> => ({ id, a: { device: a, interface: `to-${b}` }, b: { device: b, interface: `to-${a}` }, ...(risks.length > 0 ? { risks: risks.map((r) => ({ kind: 'duct', id: r })) } : {}) });
  const dev = (id: string, site: string): Record<string, unknown> => ({ id, site, role: 'r' });
  const net = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
    sites: [{ id: 'core', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
    devices: [dev('cr1', 'core'), dev('cr2', 'core'), dev('a1', 'agg'), dev('a2', 'agg'), dev('a3', 'agg')],
    links,
  });
  it.each([
    ['closed ring between two cores', [link('l1', 'cr1', 'a1'), link('l2', 'a1', 'a2'), link('l3', 'a2', 'a3'), link('l4', 'a3', 'cr2')], { a1: 'protected', a2: 'protected', a3: 'protected' }],
    ['dual uplinks to two cores', [link('l1', 'cr1', 'a1'), link('l2', 'cr2', 'a1')], { a1: 'protected', a2: 'down orange', a3: 'down orange' }],
    ['open ring: every node hangs off cr1 alone', [link('l1', 'cr1', 'a1'), link('l2', 'a1', 'a2'), link('l3', 'a2', 'a3')], { a1: 'unprotected orange', a2: 'unprotected orange', a3: 'unprotected orange' }],
    ['two uplinks, both to cr1', [link('l1', 'cr1', 'a1'), link('l2', 'cr1', 'a1')], { a1: 'unprotected orange', a2: 'down orange', a3: 'down orange' }],
    ['a spur off the ring passes through one node', [link('l1', 'cr1', 'a1'), link('l2', 'a1', 'cr2'), link('l3', 'a1', 'a2')], { a1: 'protected', a2: 'unprotected orange', a3: 'down orange' }],
  ] as const)('%s', (_n, links, want) => {
    expect(verdicts('NODE-005', net([...links]), {})).toEqual(want);
  });

  it('names the node every route passes through', () => {
    const r = runAnalysis(snapshotOf(net([link('l1', 'cr1', 'a1'), link('l2', 'a1', 'cr2'), link('l3', 'a1', 'a2')]), { now: NOW }), policy, NOW, RULES.filter((x) => x.id === 'NODE-005'));
    const f = r.findings.find((x) => x.subject.id === 'a2')!;
    expect(f.explanation.zh).toBe('a2：至核心节点 cr1 和 cr2 的路由均经过 a1 和 l3，该处故障即导致失去上联，存在单点故障');
  });

  it('does not judge without a core device in the inventory', () => {
    const inv = inventoryFromObject({ sites: [{ id: 'agg', class: 'PC-AGG' }], devices: [dev('a1', 'agg')] });
    const r = runAnalysis(snapshotOf(inv, { now: NOW }), policy, NOW, RULES.filter((x) => x.id === 'NODE-005'));
    expect(r.summary.rules[0]!.notEvaluated).toEqual([{ reason: 'no core device (PC-CORE) in the inventory to home to', code: 'no_data', count: 1 }]);
  });
});

describe('what NODE findings say: evidence, sites and both sentences', () => {
  const said = (rule: string, s: Omit<SyntheticSnapshot, 'now'>, inv: Inventory = NET): Record<string, FindingView> =>
    saidBy(runAnalysis(snapshotOf(inv, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule)).findings);

  it('NODE-001: members up, the last one up, unknown, down; by SNMP and by health check', () => {
    expect(said('NODE-001', { devices: { cr1: up, cr2: 'unreachable', cr3: 'stale', cr4: 'missed-one', cr5: 'unreachable', cr6: 'unreachable' }, health: { 'hc-a': 'up', 'hc-b': 'down' } })).toEqual({
      'cr1+cr2': {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'members = "cr1, cr2"',
          'members up = 1',
          'minimum members up = 2',
          'cr1 data = "fresh" @ 2026-03-10T03:59:59.000Z',
          'cr2 data = "unreachable" @ 2026-03-10T04:00:00.000Z',
        ],
        en: 'cr1+cr2: only cr1 is up; cr2 (site bj): it has not answered SNMP for 2 poll(s); one more failure takes it down',
        zh: 'cr1+cr2：仅 cr1 在运行；cr2（站点 bj）已连续 2 次未响应轮询，再有一处故障即导致中断',
      },
      'cr3+cr4': {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'bj', sites: ['bj'],
        evidence: [
          'members = "cr3, cr4"',
          'members up = 0',
          'minimum members up = 2',
          'cr3 data = "stale" @ 2026-03-09T04:00:00.000Z',
          'cr4 data = "unreachable" @ 2026-03-10T04:00:00.000Z',
        ],
        en: 'cr3+cr4: only 0 member(s) known up; cr3: its data is stale (last answer 2026-03-09 12:00 (Asia/Shanghai)) and cr4 (site bj): it has not answered SNMP for 1 poll(s)',
        zh: 'cr3+cr4：仅确认 0 个成员运行；cr3：数据已过期（最后一次响应于 2026-03-09 12:00（Asia/Shanghai 时间）） 和 cr4（站点 bj）已连续 1 次未响应轮询',
      },
      'cr5+cr6': {
        verdict: 'down red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'members = "cr5, cr6"',
          'members up = 0',
          'minimum members up = 2',
          'cr5 data = "unreachable" @ 2026-03-10T04:00:00.000Z',
          'cr6 data = "unreachable" @ 2026-03-10T04:00:00.000Z',
        ],
        en: 'cr5+cr6: no member is up; cr5 (site bj): it has not answered SNMP for 2 poll(s) and cr6 (site bj): it has not answered SNMP for 2 poll(s)',
        zh: 'cr5+cr6：无成员运行；cr5（站点 bj）已连续 2 次未响应轮询 和 cr6（站点 bj）已连续 2 次未响应轮询',
      },
      sms: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: null, sites: ['sms-a', 'sms-b'],
        evidence: [
          'members = "smsc-a, smsc-b"',
          'members up = 1',
          'minimum members up = 2',
          'health check hc-a = "up" @ 2026-03-10T03:59:59.000Z',
          'health check hc-b = "down (HTTP 503)" @ 2026-03-10T03:59:59.000Z',
        ],
        en: 'sms: only smsc-a is up; smsc-b (site sms-b) fails its health check hc-b (HTTP 503); one more failure takes it down',
        zh: 'sms：仅 smsc-a 在运行；smsc-b（站点 sms-b）健康检查 hc-b 失败（返回码 503），再有一处故障即导致中断',
      },
      'sms-one-site': {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'sms-a', sites: ['sms-a'],
        evidence: [
          'members = "smsc-a, smsc-c"',
          'members up = 1',
          'minimum members up = 2',
          'health check hc-a = "up" @ 2026-03-10T03:59:59.000Z',
          'smsc-c data = "unmonitored"',
        ],
        en: 'sms-one-site: only 1 member(s) known up; smsc-c is not monitored',
        zh: 'sms-one-site：仅确认 1 个成员运行；smsc-c 未纳入监测',
      },
    });
  });

  it('NODE-002: rooms, fire compartments, sites', () => {
    expect(said('NODE-002', {})).toEqual({
      'cr1+cr2': {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'cr1 room = "bj/a"',
          'cr2 room = "bj/b"',
        ],
        en: 'cr1+cr2: members in separate rooms',
        zh: 'cr1+cr2：成员分处不同机房',
      },
      'cr3+cr4': {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'cr3 room = "bj/a"',
          'cr4 room = "bj/a"',
        ],
        en: 'cr3+cr4: both members of the redundancy pair sit in room a (site bj); one room incident (fire, flood, power) takes down both',
        zh: 'cr3+cr4：冗余对两台设备均位于 bj 站点 a 机房，单一机房事故（火灾、水浸、停电）即导致两台同时中断',
      },
      'cr5+cr6': {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'cr5 room = "bj/c (fire compartment F1)"',
          'cr6 room = "bj/d (fire compartment F1)"',
        ],
        en: 'cr5+cr6: both members of the redundancy pair sit in fire compartment F1 (site bj); one room incident (fire, flood, power) takes down both',
        zh: 'cr5+cr6：冗余对两台设备均位于 bj 站点 F1 防火分区，单一机房事故（火灾、水浸、停电）即导致两台同时中断',
      },
      sms: {
        verdict: 'protected', severity: null, reason: null, site: null, sites: ['sms-a', 'sms-b'],
        evidence: [
          'smsc-a site = "sms-a"',
          'smsc-b site = "sms-b"',
        ],
        en: 'sms: members at 2 sites',
        zh: 'sms：成员分布于 2 个站点',
      },
      'sms-one-site': {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'sms-a', sites: ['sms-a'],
        evidence: [
          'smsc-a site = "sms-a"',
          'smsc-c site = "sms-a"',
        ],
        en: 'sms-one-site: every member is at site sms-a; one site failure takes the function down',
        zh: 'sms-one-site：所有成员均位于站点 sms-a，单一站点故障即导致该功能中断',
      },
    });
  });

  it('NODE-003: each control-plane subject, named in both languages (a subject redline has no name for keeps the device\'s)', () => {
    const card = (subject: string, state: RedundancyState['state'], configured: RedundancyState['configured'], name = `${subject} redundancy`): RedundancyState => ({ subject, name, state, configured, source: 'cisco-rf' });
    const redundancy = [card('supervisor', 'redundant', 'redundant'), card('stack', 'nonRedundant', 'redundant'), card('fabric', 'notApplicable', 'redundant'), card('rp', 'unknown', 'redundant', 'route processor')];
    expect(said('NODE-003', { devices: { cr1: observation({ redundancy }) } })).toEqual({
      'cr1:fabric': {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'fabric redundancy state = "notApplicable" @ 2026-03-10T03:59:59.000Z',
          'fabric redundancy configured = "redundant" @ 2026-03-10T03:59:59.000Z',
          'source = "cisco-rf"',
        ],
        en: 'cr1: switch fabric redundancy is configured redundant but no peer takes part',
        zh: 'cr1：交换网板冗余已配置冗余，但无备用单元参与，冗余降级',
      },
      'cr1:rp': {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'state_not_reported', site: 'bj', sites: ['bj'],
        evidence: [
          'route processor state = "unknown" @ 2026-03-10T03:59:59.000Z',
          'route processor configured = "redundant" @ 2026-03-10T03:59:59.000Z',
          'source = "cisco-rf"',
        ],
        en: 'cr1: route processor state is not known',
        zh: 'cr1：route processor状态未知',
      },
      'cr1:stack': {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'stack redundancy state = "nonRedundant" @ 2026-03-10T03:59:59.000Z',
          'stack redundancy configured = "redundant" @ 2026-03-10T03:59:59.000Z',
          'source = "cisco-rf"',
        ],
        en: 'cr1: stack ring has no hot standby (the standby is cold, booting or missing)',
        zh: 'cr1：堆叠环无热备单元（备用单元为冷备、启动中或缺失）',
      },
      'cr1:supervisor': {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'supervisor redundancy state = "redundant" @ 2026-03-10T03:59:59.000Z',
          'supervisor redundancy configured = "redundant" @ 2026-03-10T03:59:59.000Z',
          'source = "cisco-rf"',
        ],
        en: 'cr1: supervisor redundancy has a hot standby',
        zh: 'cr1：主控板冗余备用单元处于热备状态',
      },
    });
  });

  describe('NODE-005', () => {
    const link = (id: string, a: string, b: string): Record<string, unknown> => ({ id, a: { device: a, interface: `to-${b}` }, b: { device: b, interface: `to-${a}` } });
    const dev = (id: string, site: string): Record<string, unknown> => ({ id, site, role: 'r' });
    const net = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
      sites: [{ id: 'core', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
      devices: [dev('cr1', 'core'), dev('cr2', 'core'), dev('a1', 'agg'), dev('a2', 'agg'), dev('a3', 'agg')],
      links,
    });
    it('dual homed, behind a shared transit, cut off', () => {
      expect(said('NODE-005', {}, net([link('l1', 'cr1', 'a1'), link('l2', 'a1', 'cr2'), link('l3', 'a1', 'a2')]))).toEqual({
        a1: {
          verdict: 'protected', severity: null, reason: null, site: 'agg', sites: ['agg'],
          evidence: [
            'core nodes reachable = "cr1, cr2"',
            'routes to the core = 2',
            'route to cr1 = "l1"',
            'route to cr2 = "l2"',
          ],
          en: 'a1: homed to distinct core nodes cr1 and cr2 over node-disjoint routes',
          zh: 'a1：经互不重叠的路由分别归属核心节点 cr1 和 cr2',
        },
        a2: {
          verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
          evidence: [
            'core nodes reachable = "cr1, cr2"',
            'routes to the core = 2',
            'single points of failure = "a1, l3"',
          ],
          en: 'a2: every route to core nodes cr1 and cr2 passes through a1 and l3; one failure there cuts it off',
          zh: 'a2：至核心节点 cr1 和 cr2 的路由均经过 a1 和 l3，该处故障即导致失去上联，存在单点故障',
        },
        a3: {
          verdict: 'down orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
          evidence: [
            'core nodes reachable = null',
            'routes to the core = 0',
          ],
          en: 'a3: no live route to any core node',
          zh: 'a3：无可用路由到达任何核心节点',
        },
      });
    });
    it('homed to one core only', () => {
      expect(said('NODE-005', {}, net([link('l1', 'cr1', 'a1'), link('l2', 'a1', 'a2')]))).toEqual({
        a1: {
          verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
          evidence: [
            'core nodes reachable = "cr1"',
            'routes to the core = 1',
          ],
          en: 'a1: homed to core node cr1 only; its failure cuts the aggregation node off',
          zh: 'a1：仅归属核心节点 cr1，该核心节点故障即导致汇聚节点失去上联，存在单点故障',
        },
        a2: {
          verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
          evidence: [
            'core nodes reachable = "cr1"',
            'routes to the core = 1',
          ],
          en: 'a2: homed to core node cr1 only; its failure cuts the aggregation node off',
          zh: 'a2：仅归属核心节点 cr1，该核心节点故障即导致汇聚节点失去上联，存在单点故障',
        },
        a3: {
          verdict: 'down orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
          evidence: [
            'core nodes reachable = null',
            'routes to the core = 0',
          ],
          en: 'a3: no live route to any core node',
          zh: 'a3：无可用路由到达任何核心节点',
        },
      });
    });
  });
});

describe('NODE-005 when the verdict is not known, and what the NODE rules do not judge', () => {
  const link = (id: string, a: string, b: string): Record<string, unknown> => ({ id, a: { device: a, interface: `to-${b}-${id}` }, b: { device: b, interface: `to-${a}-${id}` } });
  const dev = (id: string, site: string, monitored = false): Record<string, unknown> => ({ id, site, role: 'r', ...(monitored ? { snmp: snmp(9) } : {}) });
  const sites = [{ id: 'core', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }];

  it('dual homing that hangs on a link of unknown state is unknown, naming the link', () => {
    const inv = inventoryFromObject({ sites, devices: [dev('cr1', 'core', true), dev('cr2', 'core', true), dev('a1', 'agg'), dev('a2', 'agg')], links: [link('l1', 'cr1', 'a1'), link('l2', 'a1', 'cr2')] });
    const cr2 = observation({ interfaces: [{ index: 1, name: 'to-a1-l2', operStatus: 'up', adminStatus: 'up', speedMbps: 1 }] });
    const f = runAnalysis(snapshotOf(inv, { now: NOW, devices: { cr1: 'stale', cr2 } }), policy, NOW, RULES.filter((x) => x.id === 'NODE-005')).findings;
    expect(saidBy(f)['a1']).toEqual({
      verdict: 'unknown blue', severity: 'evidenceGap', reason: 'links_state_unknown', site: 'agg', sites: ['agg'],
      evidence: ['core nodes reachable = "cr1, cr2"', 'routes to the core = 2'],
      en: 'a1: dual homing depends on links of unknown state (l1)',
      zh: 'a1：双归属情况取决于状态未知的链路（l1）',
    });
  });

  it('a search that reaches the route limit is unknown, with the limit in the evidence', () => {
    const mesh = [0, 1, 2, 3].flatMap((i) => [link(`x${i}`, 'a1', 'a2'), link(`y${i}`, 'a2', 'cr1')]);
    const inv = inventoryFromObject({ sites, devices: [dev('cr1', 'core'), dev('a1', 'agg'), dev('a2', 'agg')], links: mesh });
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    raw['overrides'] = [{ rule: 'NODE-005', class: 'PC-AGG', thresholds: { routeLimit: 10 }, reason: 'a small search for the test' }];
    const f = saidBy(runAnalysis(snapshotOf(inv, { now: NOW }), policyFromObject(raw), NOW, RULES.filter((x) => x.id === 'NODE-005')).findings);
    expect(f['a1']).toEqual({
      verdict: 'unknown blue', severity: 'evidenceGap', reason: 'search_limit', site: 'agg', sites: ['agg'],
      evidence: ['core nodes reachable = "cr1"', 'routes to the core = 10', 'route limit reached = 10'],
      en: 'a1: too many routes to judge within the search limit',
      zh: 'a1：路由过多，未能在搜索上限内判定',
    });
    // four routes fit under the limit: judged
    expect(f['a2']?.verdict).toBe('unprotected orange');
  });

  it('says why a set is not judged: no member monitored (NODE-001), a member without a room (NODE-002)', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 'x', class: 'PC-NE' }, { id: 'b', class: 'PC-CORE' }],
      devices: [{ id: 'n1', site: 'x', role: 'amf' }, { id: 'n2', site: 'x', role: 'amf' }, { id: 'p1', site: 'b', role: 'r', redundancyPair: 'p2' }, { id: 'p2', site: 'b', role: 'r', redundancyPair: 'p1' }],
      services: [{ id: 'amf', class: 'PC-NE', endpoints: ['n1', 'n2'] }],
    });
    const r = runAnalysis(snapshotOf(inv, { now: NOW }), policy, NOW, RULES.filter((x) => x.id === 'NODE-001' || x.id === 'NODE-002'));
    expect(r.summary.rules.map((x) => [x.rule, x.notEvaluated])).toEqual([
      ['NODE-001', [{ reason: 'no member is monitored (no SNMP target, no health check)', code: 'no_data', count: 2 }]],
      ['NODE-002', [{ reason: 'a member has no room in the inventory', code: 'no_data', count: 1 }]],
    ]);
  });

  it('NODE-003 reports each device\'s own subjects at its site', () => {
    const card: RedundancyState = { subject: 'supervisor', name: 'supervisor redundancy', state: 'nonRedundant', configured: 'redundant', source: 'cisco-rf' };
    const r = runAnalysis(snapshotOf(NET, { now: NOW, devices: { cr1: observation({ redundancy: [card] }), cr2: observation({ redundancy: [{ ...card, state: 'redundant' }] }) } }), policy, NOW, RULES.filter((x) => x.id === 'NODE-003'));
    expect(r.findings.map((f) => [f.subject.id, f.state, f.site])).toEqual([['cr1:supervisor', 'degraded', 'bj'], ['cr2:supervisor', 'protected', 'bj']]);
  });
});

describe('NODE rules and site overrides', () => {
  it.each([
    ['NODE-001', { devices: { cr1: up, cr2: up, cr3: up, cr4: up, cr5: up, cr6: up }, health: { 'hc-a': 'up', 'hc-b': 'up' } }],
    ['NODE-002', {}],
  ] as const)('%s off at sms-b: the sets with a member there are not judged', (rule, s) => {
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    const all = Object.keys(verdicts(rule, NET, s));
    raw['overrides'] = [{ rule, site: 'sms-b', enabled: false, reason: 'commissioning' }];
    const left = runAnalysis(snapshotOf(NET, { now: NOW, ...s }), policyFromObject(raw), NOW, RULES.filter((x) => x.id === rule)).findings.map((f) => f.subject.id);
    expect(all).toContain('sms');
    expect(left).toEqual(all.filter((id) => id !== 'sms'));
  });

  it('NODE-003 off at bj: nothing of bj judged', () => {
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    raw['overrides'] = [{ rule: 'NODE-003', site: 'bj', enabled: false, reason: 'commissioning' }];
    const card: RedundancyState = { subject: 'supervisor', name: 'supervisor redundancy', state: 'redundant', configured: 'redundant', source: 'cisco-rf' };
    const s = snapshotOf(NET, { now: NOW, devices: { cr1: observation({ redundancy: [card] }) } });
    expect(runAnalysis(s, policy, NOW, RULES.filter((x) => x.id === 'NODE-003')).findings).toHaveLength(1);
    expect(runAnalysis(s, policyFromObject(raw), NOW, RULES.filter((x) => x.id === 'NODE-003')).findings).toEqual([]);
  });
});
