/** NODE rules, table-driven: members up, members apart, control-plane standby (HA never configured stays silent). */
import { describe, expect, it } from 'vitest';
import type { RedundancyState } from '../../collect/observation.js';
import { inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import type { Inventory } from '../../inventory/model.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy.js';
import { RULES } from './index.js';

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
