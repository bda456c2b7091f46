/** RTE rules, table-driven: SRLG-disjoint routes on the live network, multihoming, protection legs apart. */
import { describe, expect, it } from 'vitest';
import type { InterfaceState } from '../../collect/observation.js';
import type { Inventory } from '../../inventory/model.js';
import { inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analyze.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject, type Policy } from '../policy.js';
import { RULES } from './index.js';
import { saidBy, type FindingView } from '../../../test/support/finding-view.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

function findings(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): ReturnType<typeof runAnalysis>['findings'] {
  return runAnalysis(snapshotOf(inv, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule)).findings;
}
function verdicts(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): Record<string, string> {
  return Object.fromEntries(findings(rule, inv, s).map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });
const iface = (name: string, oper = 'up', admin = 'up'): InterfaceState => ({ index: 1, name, operStatus: oper, adminStatus: admin, speedMbps: 10_000 });
const link = (id: string, a: string, b: string, risks: string[] = []): Record<string, unknown> => ({
  id, a: { device: a, interface: `to-${b}` }, b: { device: b, interface: `to-${a}` }, risks: risks.map((r) => ({ kind: 'duct', id: r })),
});

/** A square a–b–c–d–a; service a↔c. Without `monitored` the devices have no SNMP target (design data only). */
function square(links: Record<string, unknown>[], monitored = false): Inventory {
  return inventoryFromObject({
    sites: [{ id: 's', class: 'PC-CORE' }],
    devices: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, site: 's', role: 'router', ...(monitored ? { snmp: snmp(i + 1) } : {}) })),
    links,
    services: [{ id: 'svc', class: 'PC-CORE', endpoints: ['a', 'c'] }],
  });
}

describe('RTE-001 routes of a service', () => {
  it.each([
    ['two disjoint routes', [link('ab', 'a', 'b'), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a')], 'protected'],
    ['two routes through one duct', [link('ab', 'a', 'b', ['D1']), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a', ['D1'])], 'unprotected red'],
    ['one route only (b–c missing)', [link('ab', 'a', 'b'), link('cd', 'c', 'd'), link('da', 'd', 'a')], 'unprotected red'],
  ] as const)('%s', (_n, links, want) => {
    expect(verdicts('RTE-001', square([...links]), {})['svc']).toBe(want);
  });

  it('lists the single points of failure, in words', () => {
    const inv = square([link('ab', 'a', 'b', ['D1']), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a', ['D1'])]);
    const f = findings('RTE-001', inv, {}).find((x) => x.subject.id === 'svc')!;
    expect(f.explanation.en).toBe('svc: only 1 SRLG-disjoint route(s) between a and c (2 required); the loss of duct D1 cuts it');
    expect(f.evidence).toContainEqual(expect.objectContaining({ what: 'single points of failure', value: 'riskGroup:duct:D1' }));
  });

  const ring = [link('ab', 'a', 'b'), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a')];
  const obs = (...ifaces: InterfaceState[]): ReturnType<typeof observation> => observation({ interfaces: ifaces });
  const fresh = { a: obs(iface('to-b'), iface('to-d')), b: obs(iface('to-a'), iface('to-c')), c: obs(iface('to-b'), iface('to-d')), d: obs(iface('to-c'), iface('to-a')) };
  it.each([
    ['all ends fresh and up', {}, 'protected'],
    ['a link of the ring is down: live, the service is one failure from an outage', { a: obs(iface('to-b', 'down'), iface('to-d')) }, 'unprotected red'],
    ['a link an operator shut carries nothing either', { a: obs(iface('to-b', 'down', 'down'), iface('to-d')) }, 'unprotected red'],
    ['links down on both sides of a: cut', { a: obs(iface('to-b', 'down'), iface('to-d', 'down')) }, 'down red'],
    ['the verdict hangs on links no fresh end vouches for', { a: observation(), c: observation(), b: 'stale', d: 'stale' }, 'unknown yellow'],
    ['one stale device whose links the far ends vouch for', { b: 'stale' }, 'protected'],
  ] as const)('%s', (_n, devices, want) => {
    expect(verdicts('RTE-001', square(ring, true), { devices: { ...fresh, ...devices } })['svc']).toBe(want);
  });

  it('does not judge a service whose endpoints have no links in the inventory', () => {
    expect(verdicts('RTE-001', square([link('ab', 'a', 'b')]), {})).toEqual({});
  });

  it('judges services of classes outside RTE-001 not at all (TRUNK relies on RTE-002)', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 's', class: 'PC-TRUNK' }],
      devices: [{ id: 'a', site: 's', role: 'otn' }, { id: 'b', site: 's', role: 'otn' }],
      links: [link('ab', 'a', 'b')],
      services: [{ id: 'trunk', class: 'PC-TRUNK', endpoints: ['a', 'b'] }],
    });
    expect(verdicts('RTE-001', inv, {})).toEqual({});
  });
});

describe('RTE-001 multihomed devices', () => {
  const inv = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
    sites: [{ id: 's', class: 'PC-CORE' }],
    devices: [{ id: 'm', site: 's', role: 'router', multihomed: true }, { id: 'p', site: 's', role: 'router' }, { id: 'q', site: 's', role: 'router' }],
    links,
  });
  it.each([
    ['links to two neighbours in different ducts', [link('mp', 'm', 'p', ['D1']), link('mq', 'm', 'q', ['D2'])], 'protected'],
    ['links to two neighbours through one duct', [link('mp', 'm', 'p', ['D1']), link('mq', 'm', 'q', ['D1'])], 'unprotected red'],
    ['two links to one neighbour: single-homed', [link('mp', 'm', 'p'), { ...link('mp2', 'm', 'p'), a: { device: 'm', interface: 'x2' }, b: { device: 'p', interface: 'y2' } }], 'unprotected red'],
  ] as const)('%s', (_n, links, want) => {
    expect(verdicts('RTE-001', inv([...links]), {})['m']).toBe(want);
  });
});

describe('RTE-002 working and protect legs', () => {
  const leg = (id: string, risks: string[], l: 'working' | 'protect'): Record<string, unknown> => ({
    id, a: { device: 'o1', interface: id }, b: { device: 'o2', interface: id },
    risks: risks.map((r) => (r.startsWith('F') ? { kind: 'cable', id: r } : { kind: 'duct', id: r })), protection: { group: 'g', leg: l },
  });
  const inv = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
    sites: [{ id: 's', class: 'PC-TRUNK' }],
    devices: [{ id: 'o1', site: 's', role: 'otn' }, { id: 'o2', site: 's', role: 'otn' }],
    links,
  });
  it.each([
    ['legs in different ducts and cables', [leg('w', ['D1', 'F1'], 'working'), leg('p', ['D2', 'F2'], 'protect')], 'protected'],
    ['legs through one duct', [leg('w', ['D7', 'F1'], 'working'), leg('p', ['D7', 'F2'], 'protect')], 'unprotected red'],
    ['no protect leg declared', [leg('w', ['D1'], 'working')], 'unprotected red'],
  ] as const)('%s', (_n, links, want) => {
    expect(verdicts('RTE-002', inv([...links]), {})).toEqual({ g: want });
  });

  it('explains the demo case concretely', () => {
    const f = findings('RTE-002', inv([leg('w', ['D-7', 'F1'], 'working'), leg('p', ['D-7', 'F2'], 'protect')]), {})[0]!;
    expect(f.explanation).toEqual({ en: 'g: working and protect legs both run through duct D-7; one cut there takes down both', zh: 'g：工作与保护路由同经管道 D-7，该处单点中断即导致两路同时中断' });
  });
});

describe('RTE-005 inter-site replication on disjoint routes', () => {
  /** Two SMS sites x and y joined through transit nodes p and q; the replication service x1↔y1. */
  const net = (links: Record<string, unknown>[], replication = true, sameSite = false): Inventory => inventoryFromObject({
    sites: [{ id: 'x', class: 'PC-SMS' }, { id: 'y', class: 'PC-SMS' }, { id: 't', class: 'PC-CORE' }],
    devices: [
      { id: 'x1', site: 'x', role: 'smsc' }, { id: 'y1', site: sameSite ? 'x' : 'y', role: 'smsc' },
      { id: 'p', site: 't', role: 'router' }, { id: 'q', site: 't', role: 'router' },
    ],
    links,
    services: [{ id: 'sync', class: 'PC-SMS', endpoints: ['x1', 'y1'], replication }],
  });
  const ring = [link('xp', 'x1', 'p', ['D1']), link('py', 'p', 'y1', ['D2']), link('xq', 'x1', 'q', ['D3']), link('qy', 'q', 'y1', ['D4'])];
  it.each([
    ['two risk-disjoint routes', ring, true, false, { sync: 'protected' }],
    ['both routes through one duct: 较大, not 重大', [link('xp', 'x1', 'p', ['D1']), link('py', 'p', 'y1', ['D2']), link('xq', 'x1', 'q', ['D1']), link('qy', 'q', 'y1', ['D4'])], true, false, { sync: 'unprotected orange' }],
    ['a single route', [link('xp', 'x1', 'p'), link('py', 'p', 'y1')], true, false, { sync: 'unprotected orange' }],
    ['not declared as replication: not this rule', ring, false, false, {}],
    ['both ends on one site: not applicable', ring, true, true, {}],
  ] as const)('%s', (_n, links, replication, sameSite, want) => {
    expect(verdicts('RTE-005', net([...links], replication, sameSite), {})).toEqual(want);
  });
});

describe('RTE-001a aggregation ring or dual uplinks on risk-disjoint routes', () => {
  const net = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
    sites: [{ id: 'core', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
    devices: [{ id: 'cr1', site: 'core', role: 'r' }, { id: 'cr2', site: 'core', role: 'r' }, { id: 'a1', site: 'agg', role: 'r' }, { id: 'a2', site: 'agg', role: 'r' }],
    links,
  });
  it.each([
    ['closed ring on separate ducts', [link('l1', 'cr1', 'a1', ['D1']), link('l2', 'a1', 'a2', ['D2']), link('l3', 'a2', 'cr2', ['D3'])], { a1: 'protected', a2: 'protected' }],
    ['dual uplinks to one core on separate ducts (ring closure, not distinct cores)', [link('l1', 'cr1', 'a1', ['D1']), link('l2', 'cr1', 'a1', ['D2']), link('l3', 'a1', 'a2', ['D3']), link('l4', 'a2', 'cr1', ['D4'])], { a1: 'protected', a2: 'protected' }],
    ['ring whose two ends share duct D9', [link('l1', 'cr1', 'a1', ['D9']), link('l2', 'a1', 'a2', ['D2']), link('l3', 'a2', 'cr2', ['D9'])], { a1: 'unprotected orange', a2: 'unprotected orange' }],
    ['open ring: one route each', [link('l1', 'cr1', 'a1', ['D1']), link('l2', 'a1', 'a2', ['D2'])], { a1: 'unprotected orange', a2: 'unprotected orange' }],
    ['no uplink at all', [link('l2', 'a1', 'a2', ['D2'])], { a1: 'down orange', a2: 'down orange' }],
  ] as const)('%s', (_n, links, want) => {
    expect(verdicts('RTE-001a', net([...links]), {})).toEqual(want);
  });

  it('names the shared duct in Chinese', () => {
    const f = findings('RTE-001a', net([link('l1', 'cr1', 'a1', ['D9']), link('l2', 'a1', 'a2', ['D2']), link('l3', 'a2', 'cr2', ['D9'])]), {}).find((x) => x.subject.id === 'a1')!;
    expect(f.explanation.zh).toBe('a1：上联核心的路由共用管道 D9，该处中断即导致失去上联，存在单点故障');
  });
});

describe('what RTE findings say: evidence, sites and both sentences', () => {
  const said = (rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'> = {}): Record<string, FindingView> => saidBy(findings(rule, inv, s));
  const obs = (...ifaces: InterfaceState[]): ReturnType<typeof observation> => observation({ interfaces: ifaces });
  const ring = [link('ab', 'a', 'b'), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a')];
  const fresh = { a: obs(iface('to-b'), iface('to-d')), b: obs(iface('to-a'), iface('to-c')), c: obs(iface('to-b'), iface('to-d')), d: obs(iface('to-c'), iface('to-a')) };
  const homed = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
    sites: [{ id: 's', class: 'PC-CORE' }],
    devices: [{ id: 'm', site: 's', role: 'router', multihomed: true }, { id: 'p', site: 's', role: 'router' }, { id: 'q', site: 's', role: 'router' }],
    links,
  });
  const leg = (id: string, risks: string[], l: 'working' | 'protect'): Record<string, unknown> => ({
    id, a: { device: 'o1', interface: id }, b: { device: 'o2', interface: id },
    risks: risks.map((r) => (r.startsWith('F') ? { kind: 'cable', id: r } : { kind: 'duct', id: r })), protection: { group: 'g', leg: l },
  });
  const trunk = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
    sites: [{ id: 's', class: 'PC-TRUNK' }],
    devices: [{ id: 'o1', site: 's', role: 'otn' }, { id: 'o2', site: 's', role: 'otn' }],
    links,
  });
  const sms = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
    sites: [{ id: 'x', class: 'PC-SMS' }, { id: 'y', class: 'PC-SMS' }, { id: 't', class: 'PC-CORE' }],
    devices: [{ id: 'x1', site: 'x', role: 'smsc' }, { id: 'y1', site: 'y', role: 'smsc' }, { id: 'p', site: 't', role: 'router' }, { id: 'q', site: 't', role: 'router' }],
    links,
    services: [{ id: 'sync', class: 'PC-SMS', endpoints: ['x1', 'y1'], replication: true }],
  });
  const agg = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
    sites: [{ id: 'core', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
    devices: [{ id: 'cr1', site: 'core', role: 'r' }, { id: 'cr2', site: 'core', role: 'r' }, { id: 'a1', site: 'agg', role: 'r' }, { id: 'a2', site: 'agg', role: 'r' }],
    links,
  });

  it('RTE-001: two disjoint routes', () => {
    expect(said('RTE-001', square(ring))).toEqual({
      svc: {
        verdict: 'protected', severity: null, reason: null, site: 's', sites: ['s'],
        evidence: [
          'disjoint routes = 2',
          'required = 2',
        ],
        en: 'svc: 2 SRLG-disjoint routes',
        zh: 'svc：2 条不共享风险的路由',
      },
    });
  });

  it('RTE-001: two routes through one duct', () => {
    expect(said('RTE-001', square([link('ab', 'a', 'b', ['D1']), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a', ['D1'])]))).toEqual({
      svc: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 's', sites: ['s'],
        evidence: [
          'endpoints = "a, c"',
          'disjoint routes (proven) = 1',
          'disjoint routes (upper bound) = 1',
          'required = 2',
          'single points of failure = "riskGroup:duct:D1"',
        ],
        en: 'svc: only 1 SRLG-disjoint route(s) between a and c (2 required); the loss of duct D1 cuts it',
        zh: 'svc：a 与 c 之间仅有 1 条不共享风险的路由（要求 2 条），管道 D1中断即导致业务中断',
      },
    });
  });

  it('RTE-001: one route only', () => {
    expect(said('RTE-001', square([link('ab', 'a', 'b'), link('cd', 'c', 'd'), link('da', 'd', 'a')]))).toEqual({
      svc: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 's', sites: ['s'],
        evidence: [
          'endpoints = "a, c"',
          'disjoint routes (proven) = 1',
          'disjoint routes (upper bound) = 1',
          'required = 2',
          'single points of failure = "link:da, node:d, link:cd"',
        ],
        en: 'svc: only 1 SRLG-disjoint route(s) between a and c (2 required); the loss of any one of link da, d or link cd cuts it',
        zh: 'svc：a 与 c 之间仅有 1 条不共享风险的路由（要求 2 条），链路 da、d 或 链路 cd任一中断即导致业务中断',
      },
    });
  });

  it('RTE-001 live: a link down', () => {
    expect(said('RTE-001', square(ring, true), { devices: { ...fresh, a: obs(iface('to-b', 'down'), iface('to-d')) } })).toEqual({
      svc: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 's', sites: ['s'],
        evidence: [
          'endpoints = "a, c"',
          'disjoint routes (proven) = 1',
          'disjoint routes (upper bound) = 1',
          'required = 2',
          'links down or shut = "ab"',
          'single points of failure = "link:cd, node:d, link:da"',
        ],
        en: 'svc: only 1 SRLG-disjoint route(s) between a and c (2 required); the loss of any one of link cd, d or link da cuts it',
        zh: 'svc：a 与 c 之间仅有 1 条不共享风险的路由（要求 2 条），链路 cd、d 或 链路 da任一中断即导致业务中断',
      },
    });
  });

  it('RTE-001 live: cut', () => {
    expect(said('RTE-001', square(ring, true), { devices: { ...fresh, a: obs(iface('to-b', 'down'), iface('to-d', 'down')) } })).toEqual({
      svc: {
        verdict: 'down red', severity: 'spof', reason: null, site: 's', sites: ['s'],
        evidence: [
          'endpoints = "a, c"',
          'disjoint routes (proven) = 0',
          'disjoint routes (upper bound) = 0',
          'required = 2',
          'links down or shut = "ab, da"',
        ],
        en: 'svc: a and c are no longer connected',
        zh: 'svc：a 与 c 之间已无连通路由',
      },
    });
  });

  it('RTE-001 live: links no fresh end vouches for', () => {
    expect(said('RTE-001', square(ring, true), { devices: { ...fresh, a: observation(), c: observation(), b: 'stale', d: 'stale' } })).toEqual({
      svc: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'links_state_unknown', site: 's', sites: ['s'],
        evidence: [
          'endpoints = "a, c"',
          'disjoint routes (proven) = 0',
          'disjoint routes (upper bound) = 0',
          'required = 2',
          'links of unknown state = "ab, bc, cd, da"',
        ],
        en: 'svc: the verdict depends on links of unknown state (ab, bc, cd and da)',
        zh: 'svc：结论取决于状态未知的链路（ab、bc、cd 和 da）',
      },
    });
  });

  it('RTE-001 multihomed: two neighbours, two ducts', () => {
    expect(said('RTE-001', homed([link('mp', 'm', 'p', ['D1']), link('mq', 'm', 'q', ['D2'])]))).toEqual({
      m: {
        verdict: 'protected', severity: null, reason: null, site: 's', sites: ['s'],
        evidence: [
          'link mp = "to p via duct:D1"',
          'link mq = "to q via duct:D2"',
        ],
        en: 'm: multihomed over risk-disjoint links',
        zh: 'm：经不共享风险的链路多归属接入',
      },
    });
  });

  it('RTE-001 multihomed: two neighbours, one duct', () => {
    expect(said('RTE-001', homed([link('mp', 'm', 'p', ['D1']), link('mq', 'm', 'q', ['D1'])]))).toEqual({
      m: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 's', sites: ['s'],
        evidence: [
          'link mp = "to p via duct:D1"',
          'link mq = "to q via duct:D1"',
        ],
        en: 'm: its links to p and q share duct D1',
        zh: 'm：至 p 和 q 的链路共用管道 D1',
      },
    });
  });

  it('RTE-001 multihomed: one neighbour', () => {
    expect(said('RTE-001', homed([link('mp', 'm', 'p'), { ...link('mp2', 'm', 'p'), a: { device: 'm', interface: 'x2' }, b: { device: 'p', interface: 'y2' } }]))).toEqual({
      m: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 's', sites: ['s'],
        evidence: [
          'link mp = "to p"',
          'link mp2 = "to p"',
        ],
        en: 'm: single-homed, every live link goes to p',
        zh: 'm：单归属，所有可用链路均接至 p，存在单点故障',
      },
    });
  });

  it('RTE-002: legs apart', () => {
    expect(said('RTE-002', trunk([leg('w', ['D1', 'F1'], 'working'), leg('p', ['D2', 'F2'], 'protect')]))).toEqual({
      g: {
        verdict: 'protected', severity: null, reason: null, site: 's', sites: ['s'],
        evidence: [
          'working leg = "w"',
          'working risks = "duct:D1, cable:F1"',
          'protect leg = "p"',
          'protect risks = "duct:D2, cable:F2"',
        ],
        en: 'g: working and protect legs share no risk',
        zh: 'g：工作与保护路由无共用风险',
      },
    });
  });

  it('RTE-002: legs through one duct', () => {
    expect(said('RTE-002', trunk([leg('w', ['D7', 'F1'], 'working'), leg('p', ['D7', 'F2'], 'protect')]))).toEqual({
      g: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 's', sites: ['s'],
        evidence: [
          'working leg = "w"',
          'working risks = "duct:D7, cable:F1"',
          'protect leg = "p"',
          'protect risks = "duct:D7, cable:F2"',
        ],
        en: 'g: working and protect legs both run through duct D7; one cut there takes down both',
        zh: 'g：工作与保护路由同经管道 D7，该处单点中断即导致两路同时中断',
      },
    });
  });

  it('RTE-002: no protect leg', () => {
    expect(said('RTE-002', trunk([leg('w', ['D1'], 'working')]))).toEqual({
      g: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 's', sites: ['s'],
        evidence: [
          'working leg = "w"',
          'working risks = "duct:D1"',
          'protect leg = ""',
          'protect risks = null',
        ],
        en: 'g: no protect leg in the inventory',
        zh: 'g：资源清单中无保护路由',
      },
    });
  });

  it('RTE-005: two risk-disjoint routes', () => {
    expect(said('RTE-005', sms([link('xp', 'x1', 'p', ['D1']), link('py', 'p', 'y1', ['D2']), link('xq', 'x1', 'q', ['D3']), link('qy', 'q', 'y1', ['D4'])]))).toEqual({
      sync: {
        verdict: 'protected', severity: null, reason: null, site: null, sites: ['x', 'y'],
        evidence: [
          'endpoints = "x1, y1"',
          'sites = "x, y"',
          'disjoint routes (proven) = 2',
          'required = 2',
        ],
        en: 'sync: 2 SRLG-disjoint routes',
        zh: 'sync：2 条不共享风险的路由',
      },
    });
  });

  it('RTE-005: both routes through one duct', () => {
    expect(said('RTE-005', sms([link('xp', 'x1', 'p', ['D1']), link('py', 'p', 'y1', ['D2']), link('xq', 'x1', 'q', ['D1']), link('qy', 'q', 'y1', ['D4'])]))).toEqual({
      sync: {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: null, sites: ['x', 'y'],
        evidence: [
          'endpoints = "x1, y1"',
          'sites = "x, y"',
          'disjoint routes (proven) = 1',
          'required = 2',
        ],
        en: 'sync: only 1 SRLG-disjoint route(s) between x1 and y1 (2 required)',
        zh: 'sync：x1 与 y1 之间仅有 1 条不共享风险的路由（要求 2 条）',
      },
    });
  });

  it('RTE-005: a single route', () => {
    expect(said('RTE-005', sms([link('xp', 'x1', 'p'), link('py', 'p', 'y1')]))).toEqual({
      sync: {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: null, sites: ['x', 'y'],
        evidence: [
          'endpoints = "x1, y1"',
          'sites = "x, y"',
          'disjoint routes (proven) = 1',
          'required = 2',
        ],
        en: 'sync: only 1 SRLG-disjoint route(s) between x1 and y1 (2 required)',
        zh: 'sync：x1 与 y1 之间仅有 1 条不共享风险的路由（要求 2 条）',
      },
    });
  });

  it('RTE-001a: closed ring on separate ducts', () => {
    expect(said('RTE-001a', agg([link('l1', 'cr1', 'a1', ['D1']), link('l2', 'a1', 'a2', ['D2']), link('l3', 'a2', 'cr2', ['D3'])]))).toEqual({
      a1: {
        verdict: 'protected', severity: null, reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'routes to the core = 2',
          'route to cr1 = "l1 via duct:D1"',
          'route to cr2 = "l2 → l3 via duct:D2, duct:D3"',
        ],
        en: 'a1: two risk-disjoint routes to the core (l1; l2 and l3)',
        zh: 'a1：经两条不共享风险的路由上联核心（l1；l2 和 l3）',
      },
      a2: {
        verdict: 'protected', severity: null, reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'routes to the core = 2',
          'route to cr1 = "l2 → l1 via duct:D2, duct:D1"',
          'route to cr2 = "l3 via duct:D3"',
        ],
        en: 'a2: two risk-disjoint routes to the core (l2 and l1; l3)',
        zh: 'a2：经两条不共享风险的路由上联核心（l2 和 l1；l3）',
      },
    });
  });

  it('RTE-001a: a ring whose ends share a duct', () => {
    expect(said('RTE-001a', agg([link('l1', 'cr1', 'a1', ['D9']), link('l2', 'a1', 'a2', ['D2']), link('l3', 'a2', 'cr2', ['D9'])]))).toEqual({
      a1: {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'routes to the core = 2',
          'route to cr1 = "l1 via duct:D9"',
          'route to cr2 = "l2 → l3 via duct:D2, duct:D9"',
        ],
        en: 'a1: its routes to the core share duct D9; one cut there cuts it off',
        zh: 'a1：上联核心的路由共用管道 D9，该处中断即导致失去上联，存在单点故障',
      },
      a2: {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'routes to the core = 2',
          'route to cr1 = "l2 → l1 via duct:D2, duct:D9"',
          'route to cr2 = "l3 via duct:D9"',
        ],
        en: 'a2: its routes to the core share duct D9; one cut there cuts it off',
        zh: 'a2：上联核心的路由共用管道 D9，该处中断即导致失去上联，存在单点故障',
      },
    });
  });

  it('RTE-001a: an open ring, one route each', () => {
    expect(said('RTE-001a', agg([link('l1', 'cr1', 'a1', ['D1']), link('l2', 'a1', 'a2', ['D2'])]))).toEqual({
      a1: {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'routes to the core = 1',
          'route to cr1 = "l1 via duct:D1"',
        ],
        en: 'a1: a single route to the core (l1); neither a closed ring nor dual uplinks',
        zh: 'a1：仅有一条上联核心的路由（l1），既无闭合环也无双上联，存在单点故障',
      },
      a2: {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'routes to the core = 1',
          'route to cr1 = "l2 → l1 via duct:D2, duct:D1"',
        ],
        en: 'a2: a single route to the core (l2 and l1); neither a closed ring nor dual uplinks',
        zh: 'a2：仅有一条上联核心的路由（l2 和 l1），既无闭合环也无双上联，存在单点故障',
      },
    });
  });

  it('RTE-001a: no uplink at all', () => {
    expect(said('RTE-001a', agg([link('l2', 'a1', 'a2', ['D2'])]))).toEqual({
      a1: {
        verdict: 'down orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'routes to the core = 0',
        ],
        en: 'a1: no live route to the core',
        zh: 'a1：无可用路由到达核心节点',
      },
      a2: {
        verdict: 'down orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'routes to the core = 0',
        ],
        en: 'a2: no live route to the core',
        zh: 'a2：无可用路由到达核心节点',
      },
    });
  });
});

describe('RTE rules and site overrides', () => {
  const off = (rule: string, site: string): Policy => {
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    raw['overrides'] = [{ rule, site, enabled: false, reason: 'commissioning' }];
    return policyFromObject(raw);
  };
  const judged = (rule: string, inv: Inventory, p: Policy): string[] => runAnalysis(snapshotOf(inv, { now: NOW }), p, NOW, RULES.filter((x) => x.id === rule)).findings.map((f) => f.subject.id);
  const ring = [link('ab', 'a', 'b'), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a')];
  const agg = inventoryFromObject({
    sites: [{ id: 'core', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }, { id: 'agg2', class: 'PC-AGG' }],
    devices: [{ id: 'cr1', site: 'core', role: 'r' }, { id: 'cr2', site: 'core', role: 'r' }, { id: 'a1', site: 'agg', role: 'r' }, { id: 'a2', site: 'agg2', role: 'r' }],
    links: [link('l1', 'cr1', 'a1', ['D1']), link('l2', 'a1', 'a2', ['D2']), link('l3', 'a2', 'cr2', ['D3'])],
  });
  it.each([
    ['RTE-001, a service at the site', 'RTE-001', square(ring), 's', ['svc'], []],
    ['RTE-001a, one aggregation site of two', 'RTE-001a', agg, 'agg', ['a1', 'a2'], ['a2']],
  ] as const)('%s: judged without the override, silent with it', (_n, rule, inv, site, before, after) => {
    expect(judged(rule, inv, policy)).toEqual(before);
    expect(judged(rule, inv, off(rule, site))).toEqual(after);
  });
});
