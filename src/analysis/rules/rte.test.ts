/** RTE rules, table-driven: SRLG-disjoint routes on the live network, multihoming, protection legs apart. */
import { describe, expect, it } from 'vitest';
import type { InterfaceState, Neighbor } from '../../collect/observation.js';
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

describe('RTE cases the first tests left out: more routes required, several endpoints, live states, the other disjointness', () => {
  type Run = { said: Record<string, FindingView>; skipped: { reason: string; code: string; count: number }[] };
  const run = (rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'> = {}, p: Policy = policy): Run => {
    const r = runAnalysis(snapshotOf(inv, { now: NOW, ...s }), p, NOW, RULES.filter((x) => x.id === rule));
    return { said: saidBy(r.findings), skipped: r.summary.rules[0]!.notEvaluated.map((n) => ({ reason: n.reason, code: n.code, count: n.count })) };
  };
  const withOverride = (o: Record<string, unknown>): Policy => {
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    raw['overrides'] = [{ ...o, reason: 'test' }];
    return policyFromObject(raw);
  };
  const obs = (...ifaces: InterfaceState[]): ReturnType<typeof observation> => observation({ interfaces: ifaces });
  const up = (...names: string[]): ReturnType<typeof observation> => obs(...names.map((n) => iface(n)));
  const ring = [link('ab', 'a', 'b'), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a')];
  /** The square of `square()` with more devices, sites and service fields. */
  const sq = (links: Record<string, unknown>[], svc: Record<string, unknown> = {}, more: { devices?: Record<string, unknown>[]; sites?: Record<string, unknown>[]; monitored?: boolean } = {}): Inventory => inventoryFromObject({
    sites: [{ id: 's', class: 'PC-CORE' }, ...(more.sites ?? [])],
    devices: [...['a', 'b', 'c', 'd'].map((id, i) => ({ id, site: 's', role: 'router', ...(more.monitored === true ? { snmp: snmp(i + 1) } : {}) })), ...(more.devices ?? [])],
    links,
    services: [{ id: 'svc', class: 'PC-CORE', endpoints: ['a', 'c'], ...svc }],
  });
  const view = (verdict: string, sites: string[], evidence: string[], en: string, zh: string, reason: string | null = null): FindingView => ({
    verdict, severity: verdict.startsWith('protected') ? null : verdict.startsWith('unknown') ? 'evidenceGap' : verdict.startsWith('degraded') ? 'degraded' : 'spof',
    reason, site: sites.length === 1 ? sites[0]! : null, sites, evidence, en, zh,
  });

  it('RTE-001: two routes where three are required is degraded, without single points of failure', () => {
    expect(run('RTE-001', sq(ring, { requiredPaths: 3 })).said).toEqual({
      svc: view('degraded orange', ['s'], ['endpoints = "a, c"', 'disjoint routes (proven) = 2', 'disjoint routes (upper bound) = 2', 'required = 3'],
        'svc: only 2 SRLG-disjoint route(s) between a and c (3 required)', 'svc：a 与 c 之间仅有 2 条不共享风险的路由（要求 3 条）'),
    });
  });

  it('RTE-001: one route where one is required is protected', () => {
    expect(run('RTE-001', sq([link('ab', 'a', 'b'), link('bc', 'b', 'c')], { requiredPaths: 1 })).said).toEqual({
      svc: view('protected', ['s'], ['disjoint routes = 1', 'required = 1'], 'svc: 1 SRLG-disjoint route', 'svc：1 条不共享风险的路由'),
    });
  });

  it('RTE-001: three routes each two of which share a duct: one disjoint route, but no single duct cuts it', () => {
    const links = [link('ab', 'a', 'b', ['D1']), link('bc', 'b', 'c', ['D2']), link('cd', 'c', 'd', ['D3']), link('da', 'd', 'a', ['D2']), link('ae', 'a', 'e', ['D3']), link('ec', 'e', 'c', ['D1'])];
    expect(run('RTE-001', sq(links, {}, { devices: [{ id: 'e', site: 's', role: 'router' }] })).said).toEqual({
      svc: view('unprotected red', ['s'], ['endpoints = "a, c"', 'disjoint routes (proven) = 1', 'disjoint routes (upper bound) = 3', 'required = 2'],
        'svc: only 1 SRLG-disjoint route(s) between a and c (2 required)', 'svc：a 与 c 之间仅有 1 条不共享风险的路由（要求 2 条）'),
    });
  });

  it('RTE-001: a service of three endpoints on two sites is judged by its worst pair, whichever comes first', () => {
    // pairs x~a and x~c hang on the stub link cx; a~c, the last pair, has two routes
    const inv = sq([...ring, link('cx', 'c', 'x')], { endpoints: ['x', 'a', 'c'] }, { devices: [{ id: 'x', site: 't', role: 'router' }], sites: [{ id: 't', class: 'PC-CORE' }] });
    expect(run('RTE-001', inv).said).toEqual({
      svc: view('unprotected red', ['s', 't'], ['endpoints = "x, a"', 'disjoint routes (proven) = 1', 'disjoint routes (upper bound) = 1', 'required = 2', 'single points of failure = "link:cx, node:c"'],
        'svc: only 1 SRLG-disjoint route(s) between x and a (2 required); the loss of any one of link cx or c cuts it', 'svc：x 与 a 之间仅有 1 条不共享风险的路由（要求 2 条），链路 cx 或 c任一中断即导致业务中断'),
    });
  });

  it('RTE-001: a service whose endpoints have no links is counted as not evaluated, for want of data', () => {
    expect(run('RTE-001', sq([link('ab', 'a', 'b')]))).toEqual({ said: {}, skipped: [{ reason: 'service endpoint without links in the inventory (its routes are not described)', code: 'no_data', count: 1 }] });
  });

  it('RTE-001: a link down and another of unknown state off the routes: the down link stays out of the pessimistic count', () => {
    const inv = sq([...ring, link('ae', 'a', 'e')], {}, { devices: [{ id: 'e', site: 's', role: 'router', snmp: snmp(9) }], monitored: true });
    const devices = { a: obs(iface('to-b', 'down'), iface('to-d')), b: obs(iface('to-a', 'down'), iface('to-c')), c: up('to-b', 'to-d'), d: up('to-c', 'to-a'), e: 'stale' as const };
    expect(run('RTE-001', inv, { devices }).said).toEqual({
      svc: view('unprotected red', ['s'], ['endpoints = "a, c"', 'disjoint routes (proven) = 1', 'disjoint routes (upper bound) = 1', 'required = 2', 'links down or shut = "ab"', 'single points of failure = "node:d, link:cd, link:da"'],
        'svc: only 1 SRLG-disjoint route(s) between a and c (2 required); the loss of any one of d, link cd or link da cuts it', 'svc：a 与 c 之间仅有 1 条不共享风险的路由（要求 2 条），d、链路 cd 或 链路 da任一中断即导致业务中断'),
    });
  });

  it('RTE-001: a site whose policy asks node-disjoint routes is judged so, the other site SRLG-disjoint, in one pass', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 's', class: 'PC-CORE' }, { id: 'n', class: 'PC-CORE' }],
      devices: [...['a', 'b', 'c', 'd'].map((id) => ({ id, site: 's', role: 'router' })), ...['na', 'nb', 'nc', 'nd'].map((id) => ({ id, site: 'n', role: 'router' }))],
      links: [link('ab', 'a', 'b', ['D1']), link('bc', 'b', 'c'), link('cd', 'c', 'd'), link('da', 'd', 'a', ['D1']),
        link('nab', 'na', 'nb', ['N1']), link('nbc', 'nb', 'nc'), link('ncd', 'nc', 'nd'), link('nda', 'nd', 'na', ['N1'])],
      services: [{ id: 'svc', class: 'PC-CORE', endpoints: ['a', 'c'] }, { id: 'nsvc', class: 'PC-CORE', endpoints: ['na', 'nc'] }],
    });
    const p = withOverride({ rule: 'RTE-001', site: 'n', thresholds: { disjointness: 'node' } });
    expect(run('RTE-001', inv, {}, p).said).toEqual({
      svc: view('unprotected red', ['s'], ['endpoints = "a, c"', 'disjoint routes (proven) = 1', 'disjoint routes (upper bound) = 1', 'required = 2', 'single points of failure = "riskGroup:duct:D1"'],
        'svc: only 1 SRLG-disjoint route(s) between a and c (2 required); the loss of duct D1 cuts it', 'svc：a 与 c 之间仅有 1 条不共享风险的路由（要求 2 条），管道 D1中断即导致业务中断'),
      nsvc: view('protected', ['n'], ['disjoint routes = 2', 'required = 2'], 'nsvc: 2 node-disjoint routes', 'nsvc：2 条节点不重叠的路由'),
    });
    const single = inventoryFromObject({
      sites: [{ id: 'n', class: 'PC-CORE' }],
      devices: ['na', 'nb', 'nc', 'nd'].map((id) => ({ id, site: 'n', role: 'router' })),
      links: [link('nab', 'na', 'nb', ['N1']), link('ncd', 'nc', 'nd', ['N2']), link('nda', 'nd', 'na', ['N1'])],
      services: [{ id: 'nsvc', class: 'PC-CORE', endpoints: ['na', 'nc'] }],
    });
    expect(run('RTE-001', single, {}, p).said['nsvc']?.en).toBe('nsvc: only 1 node-disjoint route(s) between na and nc (2 required); the loss of any one of link nda, duct N1, nd, link ncd or duct N2 cuts it');
  });

  describe('RTE-001 multihomed devices, live', () => {
    const homed = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
      sites: [{ id: 's', class: 'PC-CORE' }],
      devices: [{ id: 'm', name: 'M', site: 's', role: 'router', multihomed: true, snmp: snmp(1) }, { id: 'p', name: 'P', site: 's', role: 'router', snmp: snmp(2) }, { id: 'q', name: 'Q', site: 's', role: 'router', snmp: snmp(3) }],
      links,
    });
    // pq joins the neighbours: a link of the inventory that is not m's
    const two = [link('mp', 'm', 'p', ['D1']), link('mq', 'm', 'q', ['D2']), link('pq', 'p', 'q', ['D1'])];
    const lldp = (localPort: string, remoteName: string, remotePort: string): Neighbor => ({ protocol: 'lldp', localPort, remoteName, remotePort });
    it.each([
      ['one of two legs down: single-homed on the leg left', two, { m: obs(iface('to-p'), iface('to-q', 'down')), p: up('to-m', 'to-q'), q: obs(iface('to-m', 'down'), iface('to-p')) },
        view('unprotected red', ['s'], ['link mp = "to p via duct:D1"'], 'm: single-homed, every live link goes to p', 'm：单归属，所有可用链路均接至 p，存在单点故障')],
      ['one leg of unknown state: unknown', two, { m: up('to-p'), p: up('to-m', 'to-q'), q: 'stale' as const },
        view('unknown yellow', ['s'], ['link mp = "to p via duct:D1"', 'link mq = "to q via duct:D2 (state unknown)"'], 'm: multihoming depends on links of unknown state', 'm：多归属情况取决于状态未知的链路', 'links_state_unknown')],
      ['every leg down or shut: no live link', two, { m: obs(iface('to-p', 'down'), iface('to-q', 'down', 'down')), p: obs(iface('to-m', 'down'), iface('to-q')), q: obs(iface('to-m', 'down'), iface('to-p')) },
        view('down red', ['s'], [], 'm: no live link', 'm：无可用链路')],
      ['two neighbours sharing one of two ducts: only the shared one is named',
        [{ ...link('mp', 'm', 'p'), risks: [{ kind: 'duct', id: 'D1' }, { kind: 'cable', id: 'F3' }] }, link('mq', 'm', 'q', ['D1'])], { m: up('to-p', 'to-q'), p: up('to-m'), q: up('to-m') },
        view('unprotected red', ['s'], ['link mp = "to p via duct:D1, cable:F3"', 'link mq = "to q via duct:D1"'], 'm: its links to p and q share duct D1', 'm：至 p 和 q 的链路共用管道 D1')],
      ['a link LLDP shows to a second neighbour counts as a leg', [link('mp', 'm', 'p', ['D1'])],
        { m: observation({ interfaces: [iface('to-p'), iface('xe1')], neighbors: [lldp('xe1', 'Q', 'xe9')] }), p: up('to-m'), q: observation({ interfaces: [iface('xe9')], neighbors: [lldp('xe9', 'M', 'xe1')] }) },
        view('protected', ['s'], ['link mp = "to p via duct:D1"', 'link seen:m:xe1~q:xe9 = "to q"'], 'm: multihomed over risk-disjoint links', 'm：经不共享风险的链路多归属接入')],
    ] as const)('%s', (_n, links, devices, want) => {
      expect(run('RTE-001', homed([...links]), { devices }).said).toEqual({ m: want });
    });
    it('counts the legs where the device is the far end of the link, declared or seen by LLDP (an LLDP link has no known risks); a site override silences it', () => {
      // k sorts before m: m is the b end of both the declared link km and the LLDP link k–m
      const inv = inventoryFromObject({
        sites: [{ id: 's', class: 'PC-CORE' }],
        devices: [{ id: 'm', name: 'M', site: 's', role: 'router', multihomed: true, snmp: snmp(1) }, { id: 'k', name: 'K', site: 's', role: 'router', snmp: snmp(2) }, { id: 'p', name: 'P', site: 's', role: 'router', snmp: snmp(3) }],
        links: [link('km', 'k', 'm', ['D1']), link('pm', 'p', 'm', ['D1'])],
      });
      const devices = {
        m: observation({ interfaces: [iface('to-k'), iface('to-p'), iface('xe1')], neighbors: [lldp('xe1', 'K', 'xe9')] }),
        k: observation({ interfaces: [iface('to-m'), iface('xe9')], neighbors: [lldp('xe9', 'M', 'xe1')] }),
        p: up('to-m'),
      };
      // the LLDP link has no known ducts: with the declared one via D1 the device counts as multihomed
      expect(run('RTE-001', inv, { devices }).said).toEqual({
        m: view('protected', ['s'], ['link km = "to k via duct:D1"', 'link pm = "to p via duct:D1"', 'link seen:k:xe9~m:xe1 = "to k"'], 'm: multihomed over risk-disjoint links', 'm：经不共享风险的链路多归属接入'),
      });
      expect(run('RTE-001', inv, { devices }, withOverride({ rule: 'RTE-001', site: 's', enabled: false })).said).toEqual({});
    });
  });

  describe('RTE-002 groups across sites and classes', () => {
    const leg = (id: string, a: string, b: string, risks: string[], l: 'working' | 'protect', group = 'g'): Record<string, unknown> => ({
      id, a: { device: a, interface: id }, b: { device: b, interface: id }, risks: risks.map((r) => (r.startsWith('F') ? { kind: 'cable', id: r } : { kind: 'duct', id: r })), protection: { group, leg: l },
    });
    const net = (links: Record<string, unknown>[]): Inventory => inventoryFromObject({
      sites: [{ id: 's', class: 'PC-TRUNK' }, { id: 'c', class: 'PC-CORE' }, { id: 'a', class: 'PC-TRUNK' }],
      devices: [{ id: 'o1', site: 's', role: 'otn' }, { id: 'o2', site: 's', role: 'otn' }, { id: 'o3', site: 'c', role: 'otn' }, { id: 'o0', site: 'a', role: 'otn' }],
      links,
    });
    it('a protect leg into a core site makes the group core; two working links; several shared risks; a plain link is no leg', () => {
      const inv = net([leg('p', 'o1', 'o3', ['D2', 'D1', 'F1'], 'protect'), leg('w1', 'o1', 'o2', ['D1'], 'working'), leg('w2', 'o2', 'o1', ['F1'], 'working'), leg('p2', 'o2', 'o1', [], 'protect'), link('plain', 'o1', 'o2')]);
      expect(run('RTE-002', inv).said).toEqual({
        g: view('unprotected red', ['c', 's'], ['working leg = "w1, w2"', 'working risks = "duct:D1, cable:F1"', 'protect leg = "p, p2"', 'protect risks = "duct:D2, duct:D1, cable:F1"'],
          'g: working and protect legs share duct D1 and cable F1; one cut in any of them takes down both', 'g：工作与保护路由共用管道 D1 和 光缆 F1，任一处中断即导致两路同时中断'),
      });
      expect(findings('RTE-002', inv, {})[0]!.class).toBe('PC-CORE');
    });
    it('a group with a protect leg only names the working leg missing', () => {
      expect(run('RTE-002', net([leg('p', 'o0', 'o1', ['D2'], 'protect')])).said).toEqual({
        g: view('unprotected red', ['a', 's'], ['working leg = ""', 'working risks = null', 'protect leg = "p"', 'protect risks = "duct:D2"'], 'g: no working leg in the inventory', 'g：资源清单中无工作路由'),
      });
    });
    it('a site override silences the groups at that site only', () => {
      const inv = net([leg('w', 'o1', 'o2', ['D1'], 'working'), leg('p', 'o1', 'o2', ['D1'], 'protect'), leg('hw', 'o0', 'o3', ['D5'], 'working', 'h'), leg('hp', 'o0', 'o3', ['D6'], 'protect', 'h')]);
      expect(Object.keys(run('RTE-002', inv).said)).toEqual(['g', 'h']);
      expect(Object.keys(run('RTE-002', inv, {}, withOverride({ rule: 'RTE-002', site: 's', enabled: false })).said)).toEqual(['h']);
    });
  });

  describe('RTE-005 replication, more cases', () => {
    /** SMS sites y and x (y listed first) joined through p and q at a core site; sync y1↔x1 unless `svc` says otherwise. */
    const sms = (links: Record<string, unknown>[], svc: Record<string, unknown> = {}, monitored = false): Inventory => inventoryFromObject({
      sites: [{ id: 'y', class: 'PC-SMS' }, { id: 'x', class: 'PC-SMS' }, { id: 't', class: 'PC-CORE' }],
      devices: [{ id: 'y1', site: 'y', role: 'smsc' }, { id: 'x1', site: 'x', role: 'smsc' }, { id: 'x2', site: 'x', role: 'smsc' }, { id: 'p', site: 't', role: 'router' }, { id: 'q', site: 't', role: 'router' }]
        .map((d, i) => ({ ...d, ...(monitored ? { snmp: snmp(i + 1) } : {}) })),
      links,
      services: [{ id: 'sync', class: 'PC-SMS', endpoints: ['y1', 'x1'], replication: true, ...svc }],
    });
    const smsRing = [link('xp', 'x1', 'p', ['D1']), link('py', 'p', 'y1', ['D2']), link('xq', 'x1', 'q', ['D3']), link('qy', 'q', 'y1', ['D4'])];
    const fresh = { x1: up('to-p', 'to-q'), y1: up('to-p', 'to-q'), p: up('to-x1', 'to-y1'), q: up('to-x1', 'to-y1'), x2: up() };
    const ev = (a: string, b: string, n: number, req = 2): string[] => [`endpoints = "${a}, ${b}"`, 'sites = "x, y"', `disjoint routes (proven) = ${n}`, `required = ${req}`];
    it.each([
      ['two routes where three are required: degraded', sms(smsRing, { requiredPaths: 3 }), {},
        view('degraded yellow', ['x', 'y'], ev('y1', 'x1', 2, 3), 'sync: only 2 SRLG-disjoint route(s) between y1 and x1 (3 required)', 'sync：y1 与 x1 之间仅有 2 条不共享风险的路由（要求 3 条）')],
      ['three endpoints: the worst pair, first found', sms([...smsRing, link('x12', 'x1', 'x2')], { endpoints: ['x2', 'y1', 'x1'] }), {},
        view('unprotected orange', ['x', 'y'], ev('x2', 'y1', 1), 'sync: only 1 SRLG-disjoint route(s) between x2 and y1 (2 required)', 'sync：x2 与 y1 之间仅有 1 条不共享风险的路由（要求 2 条）')],
      ['three endpoints: the worst pair, found after a better one', sms([...smsRing, link('x12', 'x1', 'x2')], { endpoints: ['y1', 'x1', 'x2'] }), {},
        view('unprotected orange', ['x', 'y'], ev('y1', 'x2', 1), 'sync: only 1 SRLG-disjoint route(s) between y1 and x2 (2 required)', 'sync：y1 与 x2 之间仅有 1 条不共享风险的路由（要求 2 条）')],
      ['both routes down at x1: disconnected', sms(smsRing, {}, true), { ...fresh, x1: obs(iface('to-p', 'down'), iface('to-q', 'down')), p: obs(iface('to-x1', 'down'), iface('to-y1')), q: obs(iface('to-x1', 'down'), iface('to-y1')) },
        view('down orange', ['x', 'y'], ev('y1', 'x1', 0), 'sync: y1 and x1 are no longer connected', 'sync：y1 与 x1 之间已无连通路由')],
      ['every link of unknown state: unknown', sms(smsRing, {}, true), { ...fresh, x1: observation(), y1: observation(), p: 'stale' as const, q: 'stale' as const },
        view('unknown yellow', ['x', 'y'], ev('y1', 'x1', 0), 'sync: the verdict depends on links of unknown state (xp, py, xq and qy)', 'sync：结论取决于状态未知的链路（xp、py、xq 和 qy）', 'links_state_unknown')],
    ] as const)('%s', (_n, inv, devices, want) => {
      expect(run('RTE-005', inv, { devices }).said).toEqual({ sync: want });
    });
    it.each([
      ['endpoints without links: no data', sms([link('xp', 'x1', 'p')]), 'service endpoint without links in the inventory (its routes are not described)', 'no_data'],
      ['both endpoints on one site: not applicable', sms(smsRing, { endpoints: ['x1', 'x2'] }), 'replication service with every endpoint on one site', 'not_applicable'],
    ] as const)('not evaluated: %s', (_n, inv, reason, code) => {
      expect(run('RTE-005', inv)).toEqual({ said: {}, skipped: [{ reason, code, count: 1 }] });
    });
    it('a site override on one of its sites silences it', () => {
      expect(run('RTE-005', sms(smsRing), {}, withOverride({ rule: 'RTE-005', site: 'x', enabled: false }))).toEqual({ said: {}, skipped: [] });
      expect(Object.keys(run('RTE-005', sms(smsRing)).said)).toEqual(['sync']);
    });
  });

  describe('RTE-001a, more cases', () => {
    const agg = (links: Record<string, unknown>[], monitored = false): Inventory => inventoryFromObject({
      sites: [{ id: 'core', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
      devices: [{ id: 'cr1', site: 'core', role: 'r' }, { id: 'cr2', site: 'core', role: 'r' }, { id: 'a1', site: 'agg', role: 'r' }, { id: 'a2', site: 'agg', role: 'r' }, { id: 'a3', site: 'agg', role: 'r' }]
        .map((d, i) => ({ ...d, ...(monitored ? { snmp: snmp(i + 1) } : {}) })),
      links,
    });
    const noRoute = (id: string): FindingView => view('down orange', ['agg'], ['routes to the core = 0'], `${id}: no live route to the core`, `${id}：无可用路由到达核心节点`);
    const parallel = (id: string, a: string, b: string, risks: string[]): Record<string, unknown> => ({ ...link(id, a, b, risks), a: { device: a, interface: `${id}-a` }, b: { device: b, interface: `${id}-b` } });
    it('routes through one neighbour and one link name both as the shared elements', () => {
      expect(run('RTE-001a', agg([link('l1', 'a1', 'a2'), link('u1', 'a2', 'cr1'), link('u2', 'a2', 'cr2')])).said).toEqual({
        a1: view('unprotected orange', ['agg'], ['routes to the core = 2', 'route to cr1 = "l1 → u1"', 'route to cr2 = "l1 → u2"'],
          'a1: its routes to the core share a2 and link l1; one cut there cuts it off', 'a1：上联核心的路由共用a2 和 链路 l1，该处中断即导致失去上联，存在单点故障'),
        a2: view('protected', ['agg'], ['routes to the core = 2', 'route to cr1 = "u1"', 'route to cr2 = "u2"'], 'a2: two risk-disjoint routes to the core (u1; u2)', 'a2：经两条不共享风险的路由上联核心（u1；u2）'),
        a3: noRoute('a3'),
      });
    });
    it('three routes each two of which share a duct, none common to all: not apart, and not called a single route', () => {
      const links = [link('l1', 'a1', 'cr1', ['D1', 'D2']), link('l2', 'a1', 'cr2', ['D2', 'D3']), link('l3', 'a1', 'a3', ['D3', 'D1']), link('l4', 'a3', 'cr1')];
      expect(run('RTE-001a', agg(links)).said['a1']).toEqual(view('unprotected orange', ['agg'],
        ['routes to the core = 3', 'route to cr1 = "l1 via duct:D1, duct:D2"', 'route to cr2 = "l2 via duct:D2, duct:D3"', 'route to cr1 = "l3 → l4 via duct:D3, duct:D1"'],
        'a1: 3 routes to the core, but every two of them share a device, link or risk; neither a closed ring nor dual uplinks',
        'a1：有 3 条上联核心的路由，但任意两条均共用设备、链路或风险，既无闭合环也无双上联'));
    });
    it('lists the first four routes of five', () => {
      const links = [link('l1', 'a1', 'cr1', ['D1']), parallel('l2', 'a1', 'cr1', ['D1']), parallel('l3', 'a1', 'cr1', ['D1']), link('l4', 'a1', 'cr2', ['D1']), parallel('l5', 'a1', 'cr2', ['D1'])];
      expect(run('RTE-001a', agg(links)).said['a1']).toEqual(view('unprotected orange', ['agg'],
        ['routes to the core = 5', 'route to cr1 = "l1 via duct:D1"', 'route to cr1 = "l2 via duct:D1"', 'route to cr1 = "l3 via duct:D1"', 'route to cr2 = "l4 via duct:D1"'],
        'a1: its routes to the core share duct D1; one cut there cuts it off', 'a1：上联核心的路由共用管道 D1，该处中断即导致失去上联，存在单点故障'));
    });
    it('more routes than the route limit, none apart: unknown at the search limit', () => {
      const links = Array.from({ length: 11 }, (_, k) => parallel(`l${k + 1}`, 'a1', 'cr1', ['D1']));
      const p = withOverride({ rule: 'RTE-001a', class: 'PC-AGG', thresholds: { routeLimit: 10 } });
      expect(run('RTE-001a', agg(links), {}, p).said['a1']).toEqual(view('unknown blue', ['agg'],
        ['routes to the core = 10', 'route to cr1 = "l1 via duct:D1"', 'route to cr1 = "l2 via duct:D1"', 'route to cr1 = "l3 via duct:D1"', 'route to cr1 = "l4 via duct:D1"'],
        'a1: too many routes to judge within the search limit', 'a1：路由过多，未能在搜索上限内判定', 'search_limit'));
      expect(run('RTE-001a', agg(links.slice(0, 10)), {}, p).said['a1']?.verdict).toBe('unprotected orange');
      // the same limit set for the aggregation site
      expect(run('RTE-001a', agg(links), {}, withOverride({ rule: 'RTE-001a', site: 'agg', thresholds: { routeLimit: 10 } })).said['a1']?.reason).toBe('search_limit');
    });
    it('without a core device in the inventory no aggregation node is judged, each counted as lacking data', () => {
      const noCore = inventoryFromObject({
        sites: [{ id: 'agg', class: 'PC-AGG' }],
        devices: [{ id: 'a1', site: 'agg', role: 'r' }, { id: 'a2', site: 'agg', role: 'r' }],
        links: [link('l1', 'a1', 'a2')],
      });
      expect(run('RTE-001a', noCore)).toEqual({ said: {}, skipped: [{ reason: 'no core device (PC-CORE) in the inventory to route to', code: 'no_data', count: 2 }] });
    });
    it('two uplinks to one core, apart only through the one of unknown state: unknown (a ring may close on one core)', () => {
      const links = [parallel('u1', 'a1', 'cr1', ['D1']), parallel('u2', 'a1', 'cr1', ['D2'])];
      const devices = { a1: up('u1-a', 'u2-a'), cr1: up('u1-b', 'u2-b'), cr2: up(), a2: up(), a3: up() };
      expect(run('RTE-001a', agg(links, true), { devices }).said['a1']?.verdict).toBe('protected');
      // a1 no longer reports u2 and cr1 is silent: no end vouches for u2
      expect(run('RTE-001a', agg(links, true), { devices: { ...devices, a1: up('u1-a'), cr1: 'stale' as const } }).said['a1']).toEqual(view('unknown blue', ['agg'],
        ['routes to the core = 2', 'route to cr1 = "u1 via duct:D1"', 'route to cr1 = "u2 via duct:D2"'], 'a1: route diversity depends on links of unknown state', 'a1：路由分离情况取决于状态未知的链路', 'links_state_unknown'));
    });
    it('apart only through a link of unknown state: unknown', () => {
      const devices = { a1: up('to-cr1'), cr1: up('to-a1'), cr2: 'stale' as const, a2: up(), a3: up() };
      expect(run('RTE-001a', agg([link('l1', 'a1', 'cr1', ['D1']), link('l2', 'a1', 'cr2', ['D2'])], true), { devices }).said['a1']).toEqual(view('unknown blue', ['agg'],
        ['routes to the core = 2', 'route to cr1 = "l1 via duct:D1"', 'route to cr2 = "l2 via duct:D2"'], 'a1: route diversity depends on links of unknown state', 'a1：路由分离情况取决于状态未知的链路', 'links_state_unknown'));
    });
  });
});
