/** SWO rules, table-driven: BFD on routing adjacencies (adminDown and no adjacency stay silent), VRRP/HSRP master and ready backup (no group configured stays silent), drill evidence. */
import { describe, expect, it } from 'vitest';
import type { BfdSession, BgpPeer, FhrpGroup, IsisAdjacency, OspfNeighbor } from '../../collect/observation.js';
import type { Inventory } from '../../inventory/model.js';
import { inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import type { DrillRecord } from '../../snapshot/types.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject } from '../policy.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { RULES } from './index.js';
import { saidBy, type FindingView } from '../../../test/support/finding-view.js';
import { outcomesOf } from '../../../test/support/rule-outcomes.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const DAY = 86_400_000;
const policy = loadPolicy(DEFAULT_POLICY_FILE);

function verdicts(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): Record<string, string> {
  const r = runAnalysis(snapshotOf(inv, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule));
  return Object.fromEntries(r.findings.map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });
const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE', rooms: [{ id: 'a' }, { id: 'b' }] }, { id: 'agg', class: 'PC-AGG' }],
  devices: [
    { id: 'r1', site: 'bj', room: 'a', role: 'router', snmp: snmp(1), redundancyPair: 'r2' },
    { id: 'r2', site: 'bj', room: 'b', role: 'router', snmp: snmp(2), redundancyPair: 'r1' },
    { id: 'solo', site: 'agg', role: 'router', snmp: snmp(3) },
    { id: 'x1', site: 'agg', role: 'router', snmp: snmp(4) },
    { id: 'x2', site: 'agg', role: 'router', snmp: snmp(5) },
  ],
  links: [
    { id: 'w', a: { device: 'r1', interface: 'L1' }, b: { device: 'r2', interface: 'L1' }, protection: { group: 'pg1', leg: 'working' } },
    { id: 'p', a: { device: 'r1', interface: 'L2' }, b: { device: 'r2', interface: 'L2' }, protection: { group: 'pg1', leg: 'protect' } },
  ],
  services: [{ id: 'svc', class: 'PC-AGG', endpoints: ['x1', 'x2'] }],
});

const vrrp = (role: FhrpGroup['role'], extra: Partial<FhrpGroup> = {}): FhrpGroup => ({ protocol: 'vrrp', interface: 'Vlan10', group: 10, role, virtualIp: null, hasStandby: null, ...extra });
const with_ = (...groups: FhrpGroup[]): ReturnType<typeof observation> => observation({ fhrpGroups: groups });

describe('SWO-003 BFD on routing adjacencies', () => {
  const bgp = (peer: string, state: BgpPeer['state'] = 'established'): BgpPeer => ({ peer, remoteAs: 65000, state, adminStatus: 'up', source: 'bgp4-mib' });
  const ospf = (address: string, state: OspfNeighbor['state'] = 'full'): OspfNeighbor => ({ neighborId: address, address, state });
  const bfd = (neighbor: string, state: BfdSession['state'] = 'up', detectionMs: number | null = 150): BfdSession => ({ neighbor, interface: 'xe-0/0/1', state, detectionMs });
  // a device that implements BFD-STD-MIB (its table may be empty)
  const dev = (bgpPeers: BgpPeer[], ospfNeighbors: OspfNeighbor[], bfdSessions: BfdSession[], isisAdjacencies: IsisAdjacency[] = []): ReturnType<typeof observation> =>
    observation({ bgpPeers, ospfNeighbors, bfdSessions, isisAdjacencies, exposes: ['bgpPeers', 'ospfNeighbors', 'bfdSessions', 'isisAdjacencies'] });
  const isis = (id: string, iface: string, state: IsisAdjacency['state'] = 'up'): IsisAdjacency => ({ neighborId: id, interface: iface, state, level: 'level2' });
  it.each([
    ['CORE: BGP and OSPF neighbours with BFD up at 150 ms', { r1: dev([bgp('10.0.0.2')], [ospf('10.0.1.2')], [bfd('10.0.0.2'), bfd('10.0.1.2')]) }, { r1: 'protected' }],
    ['CORE: detection 300 ms is over the 150 ms limit', { r1: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'up', 300)]) }, { r1: 'degraded orange' }],
    ['AGG: detection 300 ms is within 1 s', { solo: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'up', 300)]) }, { solo: 'protected' }],
    ['AGG: detection 1500 ms is over 1 s', { solo: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'up', 1500)]) }, { solo: 'degraded yellow' }],
    ['CORE: no BFD at all', { r1: dev([bgp('10.0.0.2')], [ospf('10.0.1.2')], []) }, { r1: 'degraded orange' }],
    ['AGG: no BFD at all', { solo: dev([], [ospf('10.0.1.2')], []) }, { solo: 'degraded yellow' }],
    ['a session down', { r1: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'down')]) }, { r1: 'degraded orange' }],
    ['a session initialising', { r1: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'init')]) }, { r1: 'degraded orange' }],
    ['a session failing', { r1: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'failing')]) }, { r1: 'degraded orange' }],
    ['one neighbour covered, the other not', { r1: dev([bgp('10.0.0.2')], [ospf('10.0.1.2')], [bfd('10.0.0.2')]) }, { r1: 'degraded orange' }],
    ['no detection time reported: the state alone is judged', { r1: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'up', null)]) }, { r1: 'protected' }],
    ['a session shut by the operator (adminDown): silent', { r1: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'adminDown')]) }, {}],
    ['adminDown excuses only its own neighbour', { r1: dev([bgp('10.0.0.2')], [ospf('10.0.1.2')], [bfd('10.0.0.2', 'adminDown'), bfd('10.0.1.2')]) }, { r1: 'protected' }],
    ['no established/full adjacency: silent even without BFD', { r1: dev([bgp('10.0.0.2', 'active')], [ospf('10.0.1.2', 'twoWay')], []), solo: dev([], [], []) }, {}],
    ['a neighbour address matches case-insensitively (IPv6)', { r1: dev([bgp('2001:DB8::2')], [], [bfd('2001:db8::2')]) }, { r1: 'protected' }],
    ['BGP speaker with an empty BFD table (MIB implemented): degraded', { r1: dev([bgp('10.0.0.2')], [], []) }, { r1: 'degraded orange' }],
    ['BGP speaker that exposes no BFD table: unknown, not "no BFD"', { r1: observation({ bgpPeers: [bgp('10.0.0.2')] }) }, { r1: 'unknown yellow' }],
    ['IS-IS adjacency with BFD up on its interface', { r1: dev([], [], [bfd('10.9.9.9')], [isis('0000.0000.0002', 'xe-0/0/1.0')]) }, { r1: 'protected' }],
    ['IS-IS adjacency without BFD on its interface', { r1: dev([], [], [bfd('10.0.0.2')], [isis('0000.0000.0002', 'xe-0/0/7')]) }, { r1: 'degraded orange' }],
    ['IS-IS adjacency still initialising: not yet an adjacency to protect', { r1: dev([], [], [], [isis('0000.0000.0002', 'xe-0/0/7', 'initializing')]) }, {}],
  ] as const)('%s', (_n, devices, want) => {
    expect(verdicts('SWO-003', NET, { devices })).toEqual(want);
  });

  it('says why: no BFD table is no_data with its reason, an empty table is a finding', () => {
    const unknown = outcomesOf('SWO-003', snapshotOf(NET, { now: NOW, devices: { r1: observation({ bgpPeers: [bgp('10.0.0.2')] }) } }));
    expect(unknown.map((o) => [o.state, o.reason])).toEqual([['unknown', 'no_data']]);
    expect(unknown[0]!.explanation.en).toBe('r1: the device exposes no BFD session table (BFD-STD-MIB), so whether its 1 routing adjacencies are protected by BFD is unknown');
    // the finding carries the code, so the coverage statement counts it
    const report = runAnalysis(snapshotOf(NET, { now: NOW, devices: { r1: observation({ bgpPeers: [bgp('10.0.0.2')] }) } }), policy, NOW, RULES.filter((x) => x.id === 'SWO-003'));
    expect(report.findings.map((f) => [f.state, f.reason])).toEqual([['unknown', 'no_data']]);
    const empty = outcomesOf('SWO-003', snapshotOf(NET, { now: NOW, devices: { r1: dev([bgp('10.0.0.2')], [], []) } }));
    expect(empty.map((o) => [o.state, o.reason])).toEqual([['degraded', undefined]]);
    expect(empty[0]!.explanation.zh).toBe('r1：设备支持 BFD 但无任何 BFD 会话，1 个路由邻接依赖协议定时器检测故障');
  });

  it('agrees with TOPO-003 on admin-down BGP peers: an established peer an operator shut is judged by neither', () => {
    const shut: BgpPeer = { ...bgp('10.0.0.2'), adminStatus: 'down' };
    const devices = { r1: dev([shut], [], []) };
    expect(verdicts('SWO-003', NET, { devices })).toEqual({});
    expect(verdicts('TOPO-003', NET, { devices })).toEqual({});
    const live = { r1: dev([bgp('10.0.0.2')], [], []) };
    expect(Object.keys(verdicts('SWO-003', NET, { devices: live }))).toEqual(['r1']);
    expect(Object.keys(verdicts('TOPO-003', NET, { devices: live }))).toEqual(['r1:bgp:global:10.0.0.2']);
  });
});

describe('SWO-004 first-hop redundancy', () => {
  it.each([
    ['master and backup across the pair', { r1: with_(vrrp('master')), r2: with_(vrrp('backup')) }, { 'vrrp:10@r1+r2': 'protected' }],
    ['the partner has no such group: no backup', { r1: with_(vrrp('master')), r2: with_() }, { 'vrrp:10@r1+r2': 'unprotected red' }],
    ['the partner is still initialising', { r1: with_(vrrp('master')), r2: with_(vrrp('init')) }, { 'vrrp:10@r1+r2': 'unprotected red' }],
    ['two masters: the routers do not hear each other', { r1: with_(vrrp('master')), r2: with_(vrrp('master')) }, { 'vrrp:10@r1+r2': 'unprotected red' }],
    ['no master at all', { r1: with_(vrrp('backup')), r2: with_(vrrp('backup')) }, { 'vrrp:10@r1+r2': 'down red' }],
    ['the partner is stale: unknown', { r1: with_(vrrp('master')), r2: 'stale' }, { 'vrrp:10@r1+r2': 'unknown yellow' }],
    ['VRRP never configured: silent', { r1: with_(), r2: with_(), solo: with_() }, {}],
    ['a lone master whose backup is not monitored: unknown', { solo: with_(vrrp('master')) }, { 'vrrp:10@solo': 'unknown blue' }],
    ['HSRP master that reports a standby router', { solo: with_(vrrp('master', { protocol: 'hsrp', hasStandby: true })) }, { 'hsrp:10@solo': 'protected' }],
    ['HSRP master that reports no standby router', { solo: with_(vrrp('master', { protocol: 'hsrp', hasStandby: false })) }, { 'hsrp:10@solo': 'unprotected orange' }],
    ['the same virtual IP on two unpaired routers is one group',
      { x1: with_(vrrp('master', { virtualIp: '10.9.0.1' })), x2: with_(vrrp('backup', { virtualIp: '10.9.0.1' })) }, { 'vrrp:10:10.9.0.1': 'protected' }],
  ] as const)('%s', (_n, devices, want) => {
    expect(verdicts('SWO-004', NET, { devices })).toEqual(want);
  });
});

describe('SWO-006 drill evidence', () => {
  const drill = (group: string, ageDays: number, result: 'pass' | 'fail' = 'pass'): DrillRecord => ({ group, at: NOW - ageDays * DAY, result });
  it('is not judged without a drill register', () => {
    expect(verdicts('SWO-006', NET, {})).toEqual({});
  });
  it.each([
    ['fresh passing drills', [drill('pg1', 30), drill('r1+r2', 100), drill('svc', 200)], { pg1: 'protected', 'r1+r2': 'protected', svc: 'protected' }],
    ['CORE limit is 183 days, AGG 365', [drill('pg1', 200), drill('r1+r2', 200), drill('svc', 200)], { pg1: 'degraded yellow', 'r1+r2': 'degraded yellow', svc: 'protected' }],
    // a failed drill: the switchover did not work, a protection failure (not a paperwork gap)
    ['the last drill failed (an older pass does not count)', [drill('pg1', 10, 'fail'), drill('pg1', 40), drill('r1+r2', 1), drill('svc', 1)], { pg1: 'unprotected red', 'r1+r2': 'protected', svc: 'protected' }],
    ['groups missing from the register are evidence gaps', [drill('pg1', 1)], { pg1: 'protected', 'r1+r2': 'degraded yellow', svc: 'degraded blue' }],
  ] as const)('%s', (_n, drills, want) => {
    expect(verdicts('SWO-006', NET, { options: { evidence: { drills: [...drills] } } })).toEqual(want);
  });
});

describe('SWO-006 dates in the operator\'s zone', () => {
  // the policy reads 2026-09-12 as local midnight (+08:00), i.e. 2026-09-11T16:00Z: a UTC slice said the 11th
  const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
  raw['evidence'] = { drills: [{ group: 'pg1', date: '2026-09-12', result: 'pass', measuredMs: 38 }] };
  const p = policyFromObject(raw);
  const at = Date.parse('2026-10-01T04:00:00Z');
  const run = (timeZone?: string) => {
    const inv = timeZone === undefined ? NET : { ...NET, timeZone };
    return runAnalysis(snapshotOf(inv, { now: at, options: { evidence: { drills: [...p.evidence.drills!] } } }), p, at, RULES.filter((x) => x.id === 'SWO-006' || x.id === 'SWO-002'));
  };
  it('shows a drill dated 2026-09-12 as 2026-09-12, with the zone named', () => {
    const f = run().findings.find((x) => x.rule === 'SWO-006' && x.subject.id === 'pg1')!;
    expect(f.explanation).toEqual({ zh: 'pg1：2026-09-12（Asia/Shanghai 时间）演练通过', en: 'pg1: drilled 2026-09-12 (Asia/Shanghai), passed' });
    expect(f.evidence.find((e) => e.what === 'last drill')?.value).toBe('2026-09-12 (Asia/Shanghai)');
  });
  it('follows settings.timeZone', () => {
    const f = run('Asia/Urumqi').findings.find((x) => x.rule === 'SWO-006' && x.subject.id === 'pg1')!;
    expect(f.explanation.en).toBe('pg1: drilled 2026-09-11 (Asia/Urumqi), passed');
  });
});

describe('SWO-002 measured switchover time (drill half)', () => {
  const drill = (group: string, ms: number | undefined, ageDays = 5): DrillRecord => ({ group, at: NOW - ageDays * DAY, result: 'pass', ...(ms !== undefined ? { measuredMs: ms } : {}) });
  it.each([
    ['within 50 ms', [drill('pg1', 38)], { pg1: 'protected' }],
    ['exactly 50 ms', [drill('pg1', 50)], { pg1: 'protected' }],
    ['above the target', [drill('pg1', 51)], { pg1: 'degraded orange' }],
    ['the latest measured drill counts', [drill('pg1', 120, 30), drill('pg1', 40, 2)], { pg1: 'protected' }],
    ['no measurement: not judged', [drill('pg1', undefined)], {}],
  ] as const)('%s', (_n, drills, want) => {
    expect(verdicts('SWO-002', NET, { options: { evidence: { drills: [...drills] } } })).toEqual(want);
  });
  it('is not judged without a drill register', () => {
    expect(verdicts('SWO-002', NET, {})).toEqual({});
  });
});

describe('SWO-005 BGP sessions: BFD or a short hold time', () => {
  const peer = (addr: string, hold?: number, state: BgpPeer['state'] = 'established'): BgpPeer => ({ peer: addr, remoteAs: 65001, state, adminStatus: 'up', source: 'bgp4-mib', ...(hold !== undefined ? { holdTimeSeconds: hold } : {}) });
  const bfd = (neighbor: string, state: BfdSession['state'] = 'up'): BfdSession => ({ neighbor, interface: null, state, detectionMs: 150 });
  it.each([
    ['BFD up on the session', [peer('10.1.1.1', 90)], [bfd('10.1.1.1')], 'protected'],
    ['hold time 9 s', [peer('10.1.1.1', 9)], [], 'protected'],
    ['hold time 10 s, no BFD', [peer('10.1.1.1', 10)], [], 'degraded yellow'],
    ['default 90 s, BFD down', [peer('10.1.1.1', 90)], [bfd('10.1.1.1', 'down')], 'degraded yellow'],
    ['no hold timer at all', [peer('10.1.1.1', 0)], [], 'degraded yellow'],
    ['hold time not reported, no BFD', [peer('10.1.1.1')], [], 'unknown yellow'],
    ['session not established: silent', [peer('10.1.1.1', 90, 'active')], [], undefined],
  ] as const)('%s', (_n, peers, sessions, want) => {
    const v = verdicts('SWO-005', NET, { devices: { r1: observation({ bgpPeers: [...peers], bfdSessions: [...sessions] }) } });
    expect(v['r1']).toBe(want);
  });
});

describe('what SWO findings say: evidence, sites and both sentences', () => {
  const said = (rule: string, s: Omit<SyntheticSnapshot, 'now'>): Record<string, FindingView> =>
    saidBy(runAnalysis(snapshotOf(NET, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule)).findings);
  const bgp = (peer: string, state: BgpPeer['state'] = 'established'): BgpPeer => ({ peer, remoteAs: 65000, state, adminStatus: 'up', source: 'bgp4-mib' });
  const ospf = (address: string, state: OspfNeighbor['state'] = 'full'): OspfNeighbor => ({ neighborId: address, address, state });
  const bfd = (neighbor: string, state: BfdSession['state'] = 'up', detectionMs: number | null = 150): BfdSession => ({ neighbor, interface: 'xe-0/0/1', state, detectionMs });
  const dev = (bgpPeers: BgpPeer[], ospfNeighbors: OspfNeighbor[], bfdSessions: BfdSession[], isisAdjacencies: IsisAdjacency[] = []): ReturnType<typeof observation> =>
    observation({ bgpPeers, ospfNeighbors, bfdSessions, isisAdjacencies, exposes: ['bgpPeers', 'ospfNeighbors', 'bfdSessions', 'isisAdjacencies'] });
  const isis = (id: string, iface: string, state: IsisAdjacency['state'] = 'up'): IsisAdjacency => ({ neighborId: id, interface: iface, state, level: 'level2' });
  const drill = (group: string, ageDays: number, result: 'pass' | 'fail' = 'pass', measuredMs?: number): DrillRecord => ({ group, at: NOW - ageDays * DAY, result, ...(measuredMs !== undefined ? { measuredMs } : {}) });
  const peer = (addr: string, hold?: number): BgpPeer => ({ peer: addr, remoteAs: 65001, state: 'established', adminStatus: 'up', source: 'bgp4-mib', ...(hold !== undefined ? { holdTimeSeconds: hold } : {}) });

  it('SWO-003: detection over the class limit, no session, no table, an empty table', () => {
    expect(said('SWO-003', { devices: { r1: dev([bgp('10.0.0.2')], [ospf('10.0.1.2')], [bfd('10.0.0.2', 'up', 300)]), r2: dev([], [], [bfd('10.0.0.2', 'down')], [isis('0000.0000.0002', 'xe-0/0/7')]), solo: dev([bgp('10.0.0.2')], [], [bfd('10.0.0.2', 'up', 1500)]), x1: observation({ bgpPeers: [bgp('10.0.0.2')] }), x2: dev([bgp('10.0.0.9')], [], []) } })).toEqual({
      r1: {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'BGP 10.0.0.2 BFD = "up 300 ms" @ 2026-03-10T03:59:59.000Z',
          'OSPF 10.0.1.2 BFD = "none" @ 2026-03-10T03:59:59.000Z',
          'max detection (ms) = 150',
        ],
        en: 'r1: BGP 10.0.0.2 BFD detection 300 ms > 150 ms and OSPF 10.0.1.2 has no BFD session',
        zh: 'r1：BGP 10.0.0.2 的 BFD 检测时间 300 ms，超过 150 ms 和 OSPF 10.0.1.2 无 BFD 会话',
      },
      r2: {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'IS-IS 0000.0000.0002 (xe-0/0/7) BFD = "none" @ 2026-03-10T03:59:59.000Z',
          'max detection (ms) = 150',
        ],
        en: 'r2: IS-IS 0000.0000.0002 (xe-0/0/7) has no BFD session',
        zh: 'r2：IS-IS 0000.0000.0002（xe-0/0/7） 无 BFD 会话',
      },
      solo: {
        verdict: 'degraded yellow', severity: 'degraded', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'BGP 10.0.0.2 BFD = "up 1500 ms" @ 2026-03-10T03:59:59.000Z',
          'max detection (ms) = 1000',
        ],
        en: 'solo: BGP 10.0.0.2 BFD detection 1500 ms > 1000 ms',
        zh: 'solo：BGP 10.0.0.2 的 BFD 检测时间 1500 ms，超过 1000 ms',
      },
      x1: {
        verdict: 'unknown blue', severity: 'evidenceGap', reason: 'no_data', site: 'agg', sites: ['agg'],
        evidence: [
          'BGP 10.0.0.2 = "BFD table not exposed" @ 2026-03-10T03:59:59.000Z',
          'max detection (ms) = 1000',
        ],
        en: 'x1: the device exposes no BFD session table (BFD-STD-MIB), so whether its 1 routing adjacencies are protected by BFD is unknown',
        zh: 'x1：设备未提供标准 BFD 会话表，无法判断 1 个路由邻接是否有 BFD 保护',
      },
      x2: {
        verdict: 'degraded yellow', severity: 'degraded', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'BGP 10.0.0.9 = "no BFD session" @ 2026-03-10T03:59:59.000Z',
          'max detection (ms) = 1000',
        ],
        en: 'x2: the device supports BFD but has no BFD session; 1 routing adjacencies rely on protocol timers to detect a failure',
        zh: 'x2：设备支持 BFD 但无任何 BFD 会话，1 个路由邻接依赖协议定时器检测故障',
      },
    });
  });

  it('SWO-003: a session initialising; IS-IS protected on its interface', () => {
    expect(said('SWO-003', { devices: { r1: dev([bgp('10.0.0.2')], [ospf('10.0.1.2')], [bfd('10.0.0.2', 'init'), bfd('10.0.1.2')]), r2: dev([], [], [bfd('10.9.9.9')], [isis('0000.0000.0002', 'xe-0/0/1.0')]) } })).toEqual({
      r1: {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'BGP 10.0.0.2 BFD = "init 150 ms" @ 2026-03-10T03:59:59.000Z',
          'OSPF 10.0.1.2 BFD = "up 150 ms" @ 2026-03-10T03:59:59.000Z',
          'max detection (ms) = 150',
        ],
        en: 'r1: BGP 10.0.0.2 BFD init',
        zh: 'r1：BGP 10.0.0.2 的 BFD 会话初始化',
      },
      r2: {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'IS-IS 0000.0000.0002 (xe-0/0/1.0) BFD = "up 150 ms" @ 2026-03-10T03:59:59.000Z',
          'max detection (ms) = 150',
        ],
        en: 'r2: 1 routing adjacencies protected by BFD (≤150 ms)',
        zh: 'r2：1 个路由邻接均有 BFD 保护（≤150 ms）',
      },
    });
  });

  it('SWO-004: no ready backup, an HSRP master alone, one group by its virtual IP', () => {
    expect(said('SWO-004', { devices: { r1: with_(vrrp('master')), r2: with_(vrrp('init')), solo: with_(vrrp('master', { protocol: 'hsrp', hasStandby: false })), x1: with_(vrrp('master', { virtualIp: '10.9.0.1' })), x2: with_(vrrp('backup', { virtualIp: '10.9.0.1' })) } })).toEqual({
      'hsrp:10@solo': {
        verdict: 'unprotected orange', severity: 'spof', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'solo Vlan10 role = "master"',
        ],
        en: 'HSRP 10: master solo has no backup router; its failure takes the gateway down',
        zh: 'HSRP 10：主用 solo 无备用路由器，其故障即导致网关中断',
      },
      'vrrp:10:10.9.0.1': {
        verdict: 'protected', severity: null, reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'x1 Vlan10 role = "master"',
          'x2 Vlan10 role = "backup"',
        ],
        en: 'VRRP 10: master x1, backup x2',
        zh: 'VRRP 10：主用 x1，备用 x2',
      },
      'vrrp:10@r1+r2': {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'r1 Vlan10 role = "master"',
          'r2 Vlan10 role = "init"',
        ],
        en: 'VRRP 10: master r1 has no ready backup (r2 not in backup state)',
        zh: 'VRRP 10：主用 r1 无就绪备用（r2 未处于备用状态）',
      },
    });
  });

  it('SWO-004: no master; a lone master whose backup is not monitored', () => {
    expect(said('SWO-004', { devices: { r1: with_(vrrp('backup')), r2: with_(vrrp('backup')), solo: with_(vrrp('master')) } })).toEqual({
      'vrrp:10@r1+r2': {
        verdict: 'down red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'r1 Vlan10 role = "backup"',
          'r2 Vlan10 role = "backup"',
        ],
        en: 'VRRP 10: no router is master; the virtual gateway is not served',
        zh: 'VRRP 10：无主用路由器，虚拟网关不可用',
      },
      'vrrp:10@solo': {
        verdict: 'unknown blue', severity: 'evidenceGap', reason: 'backup_unmonitored', site: 'agg', sites: ['agg'],
        evidence: [
          'solo Vlan10 role = "master"',
        ],
        en: 'VRRP 10: master solo; its backup router is not monitored (declare a redundancy pair)',
        zh: 'VRRP 10：主用 solo，其备用路由器未纳入监测（请在清单中声明冗余对）',
      },
    });
  });

  it('SWO-004: two masters; HSRP with a standby', () => {
    expect(said('SWO-004', { devices: { r1: with_(vrrp('master')), r2: with_(vrrp('master')), solo: with_(vrrp('master', { protocol: 'hsrp', hasStandby: true })) } })).toEqual({
      'hsrp:10@solo': {
        verdict: 'protected', severity: null, reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'solo Vlan10 role = "master"',
        ],
        en: 'HSRP 10: master solo; the device reports a standby router',
        zh: 'HSRP 10：主用 solo，设备报告存在备用路由器',
      },
      'vrrp:10@r1+r2': {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'r1 Vlan10 role = "master"',
          'r2 Vlan10 role = "master"',
        ],
        en: 'VRRP 10: 2 masters (r1 and r2); the routers do not hear each other, so failover will not work',
        zh: 'VRRP 10：出现 2 个主用（r1 和 r2），路由器之间互不可见，倒换无法生效',
      },
    });
  });

  it('SWO-004: the partner stale', () => {
    expect(said('SWO-004', { devices: { r1: with_(vrrp('master')), r2: 'stale' } })).toEqual({
      'vrrp:10@r1+r2': {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'bj', sites: ['bj'],
        evidence: [
          'r1 Vlan10 role = "master"',
          'r2 data = "stale"',
        ],
        en: 'VRRP 10: master r1, backup not confirmed; r2: its data is stale (last answer 2026-03-09 12:00 (Asia/Shanghai))',
        zh: 'VRRP 10：主用 r1，备用未确认；r2：数据已过期（最后一次响应于 2026-03-09 12:00（Asia/Shanghai 时间））',
      },
    });
  });

  it('SWO-004: the partner has no such group', () => {
    expect(said('SWO-004', { devices: { r1: with_(vrrp('master')), r2: with_() } })).toEqual({
      'vrrp:10@r1+r2': {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'r1 Vlan10 role = "master"',
        ],
        en: 'VRRP 10: master r1 has no backup router; its failure takes the gateway down',
        zh: 'VRRP 10：主用 r1 无备用路由器，其故障即导致网关中断',
      },
    });
  });

  it('SWO-006: a failed drill, an old one, none', () => {
    expect(said('SWO-006', { options: { evidence: { drills: [drill('pg1', 10, 'fail'), drill('pg1', 40), drill('r1+r2', 200)] } } })).toEqual({
      pg1: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'last drill = "2026-02-28 (Asia/Shanghai)"',
          'result = "fail"',
          'age (days) = 10',
          'max age (days) = 183',
        ],
        en: 'pg1: the last switchover drill (2026-02-28 (Asia/Shanghai)) failed; the switchover did not protect the service',
        zh: 'pg1：最近一次倒换演练（2026-02-28（Asia/Shanghai 时间））未通过，倒换保护未能生效',
      },
      'r1+r2': {
        verdict: 'degraded yellow', severity: 'evidenceGap', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'last drill = "2025-08-22 (Asia/Shanghai)"',
          'result = "pass"',
          'age (days) = 200',
          'max age (days) = 183',
        ],
        en: 'r1+r2: last switchover drill 2025-08-22 (Asia/Shanghai), 200 days ago (max 183)',
        zh: 'r1+r2：最近一次倒换演练为 2025-08-22（Asia/Shanghai 时间），已过 200 天（上限 183 天）',
      },
      svc: {
        verdict: 'degraded blue', severity: 'evidenceGap', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'last drill = null',
          'max age (days) = 365',
        ],
        en: 'svc: no switchover drill on record',
        zh: 'svc：无倒换演练记录',
      },
    });
  });

  it('SWO-002: the latest measured drill over the target', () => {
    expect(said('SWO-002', { options: { evidence: { drills: [drill('pg1', 30, 'pass', 120), drill('pg1', 2, 'pass', 51), drill('r1+r2', 3, 'pass', 50)] } } })['pg1']).toEqual({
      verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
      evidence: [
        'drill = "2026-03-08 (Asia/Shanghai)"',
        'measured switchover (ms) = 51',
        'target (ms) = 50',
      ],
      en: 'pg1: switchover measured at 51 ms in the drill of 2026-03-08 (Asia/Shanghai), above the 50 ms target',
      zh: 'pg1：2026-03-08（Asia/Shanghai 时间）演练实测倒换时间 51 毫秒，超过 50 毫秒的要求',
    });
  });

  it('SWO-005: BFD up, a hold time over the limit, exactly at it', () => {
    expect(said('SWO-005', { devices: { r1: observation({ bgpPeers: [peer('10.1.1.1', 90)], bfdSessions: [bfd('10.1.1.1')] }), r2: observation({ bgpPeers: [peer('10.1.1.2', 10), peer('10.1.1.5', 9)] }) } })).toEqual({
      r1: {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'BGP 10.1.1.1 = "BFD up; hold time 90 s" @ 2026-03-10T03:59:59.000Z',
          'max hold time (s) = 9',
        ],
        en: 'r1: 1 BGP session(s) protected by BFD or a hold time of at most 9 s',
        zh: 'r1：1 个 BGP 会话均有 BFD 检测或保持时间不超过 9 秒',
      },
      r2: {
        verdict: 'degraded yellow', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'BGP 10.1.1.2 = "no BFD; hold time 10 s" @ 2026-03-10T03:59:59.000Z',
          'BGP 10.1.1.5 = "no BFD; hold time 9 s" @ 2026-03-10T03:59:59.000Z',
          'max hold time (s) = 9',
        ],
        en: 'r2: peer 10.1.1.2 has no BFD and a hold time of 10 s; a failure is detected later than 9 s',
        zh: 'r2：对端 10.1.1.2 无 BFD 检测且保持时间为 10 秒；故障检测将慢于 9 秒',
      },
    });
  });

  it('SWO-005: hold time not reported; no hold timer and BFD down', () => {
    expect(said('SWO-005', { devices: { r1: observation({ bgpPeers: [peer('10.1.1.3'), peer('10.1.1.7', 9)] }), r2: observation({ bgpPeers: [peer('10.1.1.4', 0)], bfdSessions: [bfd('10.1.1.4', 'down')] }) } })).toEqual({
      r1: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_hold_time', site: 'bj', sites: ['bj'],
        evidence: [
          'BGP 10.1.1.3 = "no BFD; hold time not reported" @ 2026-03-10T03:59:59.000Z',
          'BGP 10.1.1.7 = "no BFD; hold time 9 s" @ 2026-03-10T03:59:59.000Z',
          'max hold time (s) = 9',
        ],
        en: 'r1: peer 10.1.1.3 has no BFD and its hold time is not reported',
        zh: 'r1：对端 10.1.1.3 无 BFD 检测且保持时间未知',
      },
      r2: {
        verdict: 'degraded yellow', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'BGP 10.1.1.4 = "no BFD; hold time 0 s" @ 2026-03-10T03:59:59.000Z',
          'max hold time (s) = 9',
        ],
        en: 'r2: peer 10.1.1.4 has no BFD and no hold timer; a failure is detected later than 9 s',
        zh: 'r2：对端 10.1.1.4 无 BFD 检测且未启用保持定时器；故障检测将慢于 9 秒',
      },
    });
  });
});

describe('SWO rules and site overrides', () => {
  const bgp = (peer: string, hold?: number): BgpPeer => ({ peer, remoteAs: 65000, state: 'established', adminStatus: 'up', source: 'bgp4-mib', ...(hold !== undefined ? { holdTimeSeconds: hold } : {}) });
  const dev = (extra: Partial<Parameters<typeof observation>[0]> = {}): ReturnType<typeof observation> => observation({ bgpPeers: [bgp('10.0.0.2', 90)], bfdSessions: [], exposes: ['bgpPeers', 'ospfNeighbors', 'bfdSessions', 'isisAdjacencies'], ...extra });
  const devices = { r1: dev({ fhrpGroups: [vrrp('master')] }), r2: dev({ fhrpGroups: [vrrp('backup')] }), solo: dev({ fhrpGroups: [vrrp('master', { group: 20 })] }), x1: dev(), x2: dev() };
  const drills: DrillRecord[] = [{ group: 'pg1', at: NOW - DAY, result: 'pass', measuredMs: 40 }, { group: 'r1+r2', at: NOW - DAY, result: 'pass' }, { group: 'svc', at: NOW - DAY, result: 'pass', measuredMs: 30 }];
  const swo = RULES.filter((x) => x.id.startsWith('SWO'));
  const judged = (site: string | null): string[] => {
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    if (site !== null) raw['overrides'] = swo.map((x) => ({ rule: x.id, site, enabled: false, reason: 'commissioning' }));
    return runAnalysis(snapshotOf(NET, { now: NOW, devices, options: { evidence: { drills } } }), policyFromObject(raw), NOW, swo).findings.map((f) => `${f.rule} ${f.subject.id}`).sort();
  };
  const everything = ['SWO-002 pg1', 'SWO-003 r1', 'SWO-003 r2', 'SWO-003 solo', 'SWO-003 x1', 'SWO-003 x2', 'SWO-004 vrrp:10@r1+r2', 'SWO-004 vrrp:20@solo', 'SWO-005 r1', 'SWO-005 r2', 'SWO-006 pg1', 'SWO-006 r1+r2', 'SWO-006 svc'];
  it.each([
    ['no override: every subject judged', null, everything],
    ['off at bj: only what lies at agg', 'bj', ['SWO-003 solo', 'SWO-003 x1', 'SWO-003 x2', 'SWO-004 vrrp:20@solo', 'SWO-006 svc']],
    ['off at agg: only what lies at bj', 'agg', ['SWO-002 pg1', 'SWO-003 r1', 'SWO-003 r2', 'SWO-004 vrrp:10@r1+r2', 'SWO-005 r1', 'SWO-005 r2', 'SWO-006 pg1', 'SWO-006 r1+r2']],
  ] as const)('%s', (_n, site, want) => {
    expect(judged(site)).toEqual(want);
  });
});

describe('SWO-003 with several sessions per neighbour', () => {
  it('one adjacency per address (BGP and OSPF to one address, any case), OSPF 2-way left out, the best session shown, a shut session beside a live one not silent, IS-IS matched by interface', () => {
    const bgp = (peer: string): BgpPeer => ({ peer, remoteAs: 65000, state: 'established', adminStatus: 'up', source: 'bgp4-mib' });
    const bfd = (neighbor: string, state: BfdSession['state'], detectionMs: number | null, iface: string | null = null): BfdSession => ({ neighbor, interface: iface, state, detectionMs });
    const r1 = observation({
      bgpPeers: [bgp('2001:DB8::2'), bgp('10.0.0.3')],
      ospfNeighbors: [{ neighborId: '10.255.0.2', address: '2001:db8::2', state: 'full' }, { neighborId: '10.255.0.9', address: '10.0.1.9', state: 'twoWay' }],
      isisAdjacencies: [{ neighborId: '0000.0000.0002', interface: 'xe-0/0/1', state: 'up', level: 'level2' }],
      bfdSessions: [bfd('2001:db8::2', 'down', 50), bfd('2001:db8::2', 'up', 300), bfd('2001:DB8::2', 'up', 100), bfd('10.0.0.3', 'adminDown', null), bfd('10.0.0.3', 'down', null), bfd('0.0.0.0', 'up', 120, 'xe-0/0/1.0')],
    });
    const f = runAnalysis(snapshotOf(NET, { now: NOW, devices: { r1 } }), policy, NOW, RULES.filter((x) => x.id === 'SWO-003')).findings;
    expect(saidBy(f)).toEqual({
      r1: {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'BGP 2001:DB8::2 BFD = "up 100 ms" @ 2026-03-10T03:59:59.000Z',
          'BGP 10.0.0.3 BFD = "down" @ 2026-03-10T03:59:59.000Z',
          'IS-IS 0000.0000.0002 (xe-0/0/1) BFD = "up 120 ms" @ 2026-03-10T03:59:59.000Z',
          'max detection (ms) = 150',
        ],
        en: 'r1: BGP 10.0.0.3 BFD down',
        zh: 'r1：BGP 10.0.0.3 的 BFD 会话中断',
      },
    });
  });
});
