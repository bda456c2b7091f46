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
