/** TOPO rules, table-driven: declared links against interfaces and LLDP/CDP, undeclared links, routing adjacencies (admin-down stays silent). */
import { describe, expect, it } from 'vitest';
import type { BgpPeer, DeviceObservation, InterfaceState, IsisAdjacency, Neighbor, OspfNeighbor } from '../../collect/observation.js';
import type { Inventory } from '../../inventory/model.js';
import { inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analyze.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject } from '../policy.js';
import { RULES } from './index.js';
import { saidBy, type FindingView } from '../../../test/support/finding-view.js';
import { observeTable } from '../../../test/support/probe-table.js';
import { systemRows } from '../../../test/support/system-rows.js';
import { ifMibProfile } from '../../collect/snmp/profiles/if-mib.js';
import { lldpMibProfile } from '../../collect/snmp/profiles/lldp-mib.js';
import { systemProfile } from '../../collect/snmp/profiles/system.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

function findings(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): ReturnType<typeof runAnalysis>['findings'] {
  return runAnalysis(snapshotOf(inv, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule)).findings;
}
function verdicts(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): Record<string, string> {
  return Object.fromEntries(findings(rule, inv, s).map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

const iface = (name: string, oper = 'up', admin = 'up'): InterfaceState => ({ index: 1, name, operStatus: oper, adminStatus: admin, speedMbps: 10_000 });
const lldp = (localPort: string, remoteName: string, remotePort: string): Neighbor => ({ protocol: 'lldp', localPort, remoteName, remotePort });

const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
  devices: [
    { id: 'cr1', name: 'BJ-CR-01', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' } },
    { id: 'cr2', name: 'BJ-CR-02', site: 'bj', role: 'core', snmp: { host: '10.0.0.2', credentials: 'c' } },
    { id: 'agg1', name: 'E-AGG-01', site: 'agg', role: 'agg', snmp: { host: '10.0.0.3', credentials: 'c' } },
    { id: 'patch', site: 'bj', role: 'odf' },
  ],
  links: [
    { id: 'cr1-cr2', a: { device: 'cr1', interface: 'Hu0/0/0/0' }, b: { device: 'cr2', interface: 'Hu0/0/0/0' } },
    { id: 'cr1-agg1', a: { device: 'cr1', interface: 'Hu0/0/0/1' }, b: { device: 'agg1', interface: 'Te0/0/1' } },
  ],
});

describe('TOPO-001 declared links', () => {
  const cr1 = (ifs: InterfaceState[], nbrs: Neighbor[] = []): ReturnType<typeof observation> => observation({ interfaces: ifs, neighbors: nbrs });
  it.each([
    ['up and confirmed by LLDP (FQDN remote name)',
      { cr1: cr1([iface('Hu0/0/0/0'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/0', 'bj-cr-02.example.net', 'Hu0/0/0/0'), lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-cr2': 'protected', 'cr1-agg1': 'protected' }],
    ['confirmed with port names the inventory spells differently',
      { cr1: cr1([iface('HundredGigE0/0/0/0'), iface('Hu0/0/0/1')], [lldp('HundredGigE0/0/0/0', 'BJ-CR-02', 'HundredGigE0/0/0/0'), lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-cr2': 'protected', 'cr1-agg1': 'protected' }],
    ['an interface down while administratively up',
      { cr1: cr1([iface('Hu0/0/0/0', 'down'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-cr2': 'down orange', 'cr1-agg1': 'protected' }],
    ['an interface an operator shut: silent',
      { cr1: cr1([iface('Hu0/0/0/0', 'down', 'down'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-agg1': 'protected' }],
    ['interfaces up, LLDP runs, but no neighbour shows the link',
      { cr1: cr1([iface('Hu0/0/0/0'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) },
      { 'cr1-cr2': 'degraded orange', 'cr1-agg1': 'protected' }],
    ['interfaces up, no LLDP anywhere: up on the interfaces\' word',
      { cr1: cr1([iface('Hu0/0/0/0'), iface('Hu0/0/0/1')]) },
      { 'cr1-cr2': 'protected', 'cr1-agg1': 'protected' }],
    ['every end stale: unknown', { cr1: 'stale', cr2: 'stale', agg1: 'stale' }, { 'cr1-cr2': 'unknown yellow', 'cr1-agg1': 'unknown yellow' }],
  ] as const)('%s', (_n, devices, want) => {
    expect(verdicts('TOPO-001', NET, { devices })).toEqual(want);
  });
});

/** A second network for the both-ends and duplicate-row cases: OmniSwitch-, Junos- and Huawei-style ports. */
const NET2 = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }],
  devices: ['os1', 'os2', 'jr1', 'hw1', 'sw1'].map((id, k) => ({ id, site: 'bj', role: 'agg', snmp: { host: `10.0.1.${k + 1}`, credentials: 'c' } })),
  links: [
    { id: 'os1-os2', a: { device: 'os1', interface: '1/1/7' }, b: { device: 'os2', interface: '1/1/8' } },
    { id: 'os1-jr1', a: { device: 'os1', interface: '1/1/9' }, b: { device: 'jr1', interface: 'xe-0/0/1' } },
    { id: 'os1-hw1', a: { device: 'os1', interface: '1/1/10' }, b: { device: 'hw1', interface: 'GigabitEthernet0/0/1' } },
    { id: 'os1-sw1', a: { device: 'os1', interface: '1/1/11' }, b: { device: 'sw1', interface: 'Gi0/1' } },
  ],
});
const at = (index: number, name: string, oper = 'up'): InterfaceState => ({ index, name, operStatus: oper, adminStatus: 'up', speedMbps: 10_000 });
const cdp = (localPort: string, remoteName: string, remotePort: string): Neighbor => ({ protocol: 'cdp', localPort, remoteName, remotePort });
const OS_IFS = [at(7, '1/1/7'), at(9, '1/1/9'), at(10, '1/1/10'), at(11, '1/1/11'), at(12, '1/1/12')];
const omni = (port: string): string => `Alcatel-Lucent OS6900 XNI ${port}`;
const net2 = (parts: { os1?: Neighbor[]; os2?: Neighbor[]; jr1?: Neighbor[]; hw1?: Neighbor[]; sw1?: DeviceObservation | 'never' }): NonNullable<SyntheticSnapshot['devices']> => ({
  os1: observation({ interfaces: OS_IFS, neighbors: parts.os1 ?? [] }),
  os2: observation({ interfaces: [at(8, '1/1/8')], neighbors: parts.os2 ?? [] }),
  jr1: observation({ interfaces: [at(501, 'xe-0/0/1'), at(502, 'xe-0/0/2')], neighbors: parts.jr1 ?? [] }),
  hw1: observation({ interfaces: [at(3, 'GigabitEthernet0/0/1'), at(4, 'GigabitEthernet0/0/2')], neighbors: parts.hw1 ?? [] }),
  ...(parts.sw1 === 'never' ? {} : { sw1: parts.sw1 ?? observation({ interfaces: [at(1, 'Gi0/1')] }) }),
});

describe('links judged from both ends (issue 17) and without phantom links (issue 18)', () => {
  const os1Confirms: Neighbor[] = [
    lldp(omni('1/1/7'), 'os2', omni('1/1/8')), lldp(omni('1/1/9'), 'jr1', 'xe-0/0/1.0'),
    lldp(omni('1/1/10'), 'hw1', 'HUAWEI, AR Series, GigabitEthernet0/0/1 Interface'), lldp(omni('1/1/11'), 'sw1', 'Gi0/1'),
  ];
  const all = (v: string): Record<string, string> => ({ 'os1-os2': v, 'os1-jr1': v, 'os1-hw1': v, 'os1-sw1': v });
  it.each([
    ['vendor port descriptions (OmniSwitch, Junos unit, Huawei ifDescr) match the declared ifNames', net2({ os1: os1Confirms }), all('protected'), []],
    ['every OmniSwitch row twice under different remote indexes: still one adjacency each, no phantom',
      net2({ os1: [...os1Confirms, ...os1Confirms] }), all('protected'), []],
    ['CDP and LLDP both report the same adjacency (CDP abbreviates the ports)',
      net2({ os1: os1Confirms, hw1: [cdp('Gi0/0/1', 'os1', '1/1/10'), lldp('GigabitEthernet0/0/1', 'os1', omni('1/1/10'))] }), all('protected'), []],
    ['a genuinely undeclared link next to a declared one, on another port: still reported',
      net2({ os1: [...os1Confirms, lldp(omni('1/1/12'), 'os2', omni('1/1/12'))] }), all('protected'), ['seen:os1:1/1/12~os2:Alcatel-Lucent OS6900 XNI 1/1/12']],
  ] satisfies [string, NonNullable<SyntheticSnapshot['devices']>, Record<string, string>, string[]][])('%s', (_n, devices, want, seen) => {
    const snap = snapshotOf(NET2, { now: NOW, devices });
    expect(verdicts('TOPO-001', NET2, { devices })).toEqual(want);
    expect(snap.discovered.map((d) => d.id)).toEqual(seen);
    expect(findings('TOPO-002', NET2, { devices }).map((f) => f.subject.id)).toEqual(seen);
  });

  it('a link declared on a port the device does not have is a finding naming the port', () => {
    const devices = net2({ os1: os1Confirms.slice(0, 3), sw1: observation({ interfaces: [at(2, 'Gi0/2')] }) });
    const f = findings('TOPO-001', NET2, { devices }).find((x) => x.subject.id === 'os1-sw1')!;
    expect(`${f.state} ${f.colour}`).toBe('degraded yellow');
    expect(f.explanation.en).toBe('os1-sw1: port Gi0/1 declared in the inventory does not exist on sw1 (a mistyped port name, or the link is on another port)');
    expect(f.explanation.zh).toBe('os1-sw1：资源清单登记的端口 Gi0/1 在 sw1 上不存在（端口名写错，或链路接在其他端口）');
    // the other end up does not make it up: the link is unknown to the route analysis
    expect(snapshotOf(NET2, { now: NOW, devices }).links.find((l) => l.link.id === 'os1-sw1')?.state).toBe('unknown');
  });

  it('a link to a device without IF-MIB is unknown on that side, unless LLDP/CDP from the other end confirms it', () => {
    const noIfMib = observation({ interfaces: [] });
    const unconfirmed = findings('TOPO-001', NET2, { devices: net2({ os1: [], sw1: noIfMib }) }).find((f) => f.subject.id === 'os1-sw1')!;
    expect(unconfirmed.state).toBe('unknown');
    expect(unconfirmed.explanation.en).toBe('os1-sw1: sw1 exposes no interface table, so its end is unknown, and LLDP/CDP does not confirm the link');
    const snap = snapshotOf(NET2, { now: NOW, devices: net2({ os1: [], sw1: noIfMib }) });
    expect(snap.links.find((l) => l.link.id === 'os1-sw1')?.ends).toEqual(['up', 'noTable']);
    const confirmed = verdicts('TOPO-001', NET2, { devices: net2({ os1: os1Confirms, sw1: noIfMib }) });
    expect(confirmed['os1-sw1']).toBe('protected');
  });

  it('LLDP on another port than the declared one confirms nothing: the declared link is unconfirmed and the other port\'s link is reported', () => {
    const devices = net2({ os1: [...os1Confirms.slice(1), lldp(omni('1/1/12'), 'os2', '1/1/8')] });
    expect(verdicts('TOPO-001', NET2, { devices })['os1-os2']).toBe('degraded orange');
    expect(findings('TOPO-002', NET2, { devices }).map((f) => f.subject.id)).toEqual(['seen:os1:1/1/12~os2:1/1/8']);
  });

  it('when neither port resolves on its device (no interface tables), the device pair is all that can be matched', () => {
    const bare = observation({ interfaces: [], neighbors: [lldp('Port 11', 'sw1', 'uplink')] });
    const devices = { ...net2({}), os1: bare, sw1: observation({ interfaces: [] }) };
    const f = findings('TOPO-001', NET2, { devices }).find((x) => x.subject.id === 'os1-sw1')!;
    expect(f.state).toBe('protected');
    expect(f.evidence).toContainEqual({ what: 'matched by', value: 'device pair only (neither port resolves on its device)', observedAt: null });
    expect(findings('TOPO-002', NET2, { devices })).toEqual([]);
  });

  it('one end down is down even when the other end and LLDP say up', () => {
    const devices = { ...net2({ os1: os1Confirms }), os2: observation({ interfaces: [at(8, '1/1/8', 'down')] }) };
    expect(verdicts('TOPO-001', NET2, { devices })['os1-os2']).toBe('down orange');
  });

  it('OmniSwitch end to end: two identical lldpRemTable rows under different lldpRemIndex values, read by the engine, are one neighbour and one confirmed link', async () => {
    const REM = '1.0.8802.1.1.2.1.4.1.1';
    const LOC = '1.0.8802.1.1.2.1.3.7.1';
    const table = (name: string, idx: number, port: string, rows = ''): string => `${systemRows('1.3.6.1.4.1.6486.801.1.1.2.1.10.1.1', name)}
1.3.6.1.2.1.2.2.1.2.${idx}|4|Alcatel-Lucent OS6900 XNI ${port}
1.3.6.1.2.1.2.2.1.7.${idx}|2|1
1.3.6.1.2.1.2.2.1.8.${idx}|2|1
1.3.6.1.2.1.31.1.1.1.1.${idx}|4|${port}
${LOC}.3.${idx}|4|${idx}
${LOC}.4.${idx}|4|Alcatel-Lucent OS6900 XNI ${port}
${rows}`;
    const remote = (remIndex: number): string => [
      `${REM}.4.0.1007.${remIndex}|2|4`, `${REM}.5.0.1007.${remIndex}|4x|E8E7320A0B0C`, `${REM}.6.0.1007.${remIndex}|2|7`,
      `${REM}.7.0.1007.${remIndex}|4|1008`, `${REM}.8.0.1007.${remIndex}|4|Alcatel-Lucent OS6900 XNI 1/1/8`, `${REM}.9.0.1007.${remIndex}|4|os2`,
    ].join('\n');
    const profiles = [systemProfile, ifMibProfile, lldpMibProfile];
    const os1 = await observeTable(table('os1', 1007, '1/1/7', `${remote(1)}\n${remote(2)}\n`), profiles);
    const os2 = await observeTable(table('os2', 1008, '1/1/8'), profiles);
    // the neighbour kind already merges the agent's identical rows; the snapshot's own reduction of
    // duplicates is tested on rows fed to it directly (below, and the fast-check property)
    expect(os1.neighbors).toHaveLength(1);
    const devices = { ...net2({}), os1: observation({ ...os1, interfaces: [...os1.interfaces, ...OS_IFS.filter((i) => i.name !== '1/1/7')] }), os2 };
    expect(findings('TOPO-002', NET2, { devices })).toEqual([]);
    expect(verdicts('TOPO-001', NET2, { devices })['os1-os2']).toBe('protected');
  });

  it('a phantom never enters the route analysis: the duplicate rows add no discovered link to the graph', () => {
    const snap = snapshotOf(NET2, { now: NOW, devices: net2({ os1: [...os1Confirms, ...os1Confirms] }) });
    expect(snap.discovered).toEqual([]);
    expect(snap.links.map((l) => [l.link.id, l.state, l.seenBy, l.portsDiffer])).toEqual([
      ['os1-os2', 'up', 'lldp', false], ['os1-jr1', 'up', 'lldp', false], ['os1-hw1', 'up', 'lldp', false], ['os1-sw1', 'up', 'lldp', false],
    ]);
  });
});

describe('TOPO-002 undeclared links', () => {
  it('reports a link seen from both ends once, and ignores neighbours that are not in the inventory', () => {
    const devices = {
      cr1: observation({ interfaces: [iface('Hu0/0/0/0'), iface('Hu0/0/0/9')], neighbors: [lldp('Hu0/0/0/0', 'BJ-CR-02', 'Hu0/0/0/0'), lldp('Hu0/0/0/9', 'BJ-CR-02', 'Hu0/0/0/9'), lldp('Gi0/0', 'some-server', 'eth0')] }),
      cr2: observation({ interfaces: [iface('Hu0/0/0/0'), iface('Hu0/0/0/9')], neighbors: [lldp('Hu0/0/0/0', 'BJ-CR-01', 'Hu0/0/0/0'), lldp('Hu0/0/0/9', 'BJ-CR-01', 'Hu0/0/0/9')] }),
    };
    const f = findings('TOPO-002', NET, { devices });
    expect(f.map((x) => [x.subject.id, x.state, x.colour])).toEqual([['seen:cr1:Hu0/0/0/9~cr2:Hu0/0/0/9', 'degraded', 'yellow']]);
    expect(f[0]!.explanation.en).toBe('LLDP shows cr1 Hu0/0/0/9 connected to cr2 Hu0/0/0/9, a link the inventory does not declare; its ducts and cables are unknown to the route analysis');
  });
});

describe('TOPO-003 routing adjacencies', () => {
  const bgp = (peer: string, state: BgpPeer['state'], adminStatus: BgpPeer['adminStatus'] = 'up'): BgpPeer => ({ peer, remoteAs: 65001, state, adminStatus, source: 'bgp4-mib' });
  const ospf = (id: string, state: OspfNeighbor['state']): OspfNeighbor => ({ neighborId: id, address: id, state });
  const isis = (id: string, state: IsisAdjacency['state']): IsisAdjacency => ({ neighborId: id, interface: 'Hu0/0/0/0', state, level: 'level2' });
  it.each([
    ['BGP established', { bgpPeers: [bgp('10.0.0.2', 'established')] }, 'protected'],
    ['BGP active while admin up', { bgpPeers: [bgp('10.0.0.2', 'active')] }, 'down orange'],
    ['BGP idle, shut by an operator: silent', { bgpPeers: [bgp('10.0.0.2', 'idle', 'down')] }, undefined],
    ['OSPF full', { ospfNeighbors: [ospf('10.255.0.2', 'full')] }, 'protected'],
    ['OSPF 2-way (DROther)', { ospfNeighbors: [ospf('10.255.0.2', 'twoWay')] }, 'protected'],
    ['OSPF stuck in exchange start', { ospfNeighbors: [ospf('10.255.0.2', 'exchangeStart')] }, 'degraded orange'],
    ['OSPF init', { ospfNeighbors: [ospf('10.255.0.2', 'init')] }, 'down orange'],
    ['IS-IS up', { isisAdjacencies: [isis('0000.0000.0002', 'up')] }, 'protected'],
    ['IS-IS failed', { isisAdjacencies: [isis('0000.0000.0002', 'failed')] }, 'down orange'],
  ] satisfies [string, Partial<DeviceObservation>, string | undefined][])('%s', (_n, part, want) => {
    const v = verdicts('TOPO-003', NET, { devices: { cr1: observation(part) } });
    expect(Object.values(v)[0]).toBe(want);
  });
});

describe('what TOPO findings say: evidence, sites and both sentences', () => {
  const said = (rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): Record<string, FindingView> => saidBy(findings(rule, inv, s));
  const cr1 = (ifs: InterfaceState[], nbrs: Neighbor[] = []): ReturnType<typeof observation> => observation({ interfaces: ifs, neighbors: nbrs });

  it('TOPO-001: a link down on one end, a link confirmed by LLDP', () => {
    expect(said('TOPO-001', NET, { devices: { cr1: cr1([iface('Hu0/0/0/0', 'down'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]) } })).toEqual({
      'cr1-agg1': {
        verdict: 'protected', severity: null, reason: null, site: null, sites: ['agg', 'bj'],
        evidence: [
          'cr1 Hu0/0/0/1 = "up" @ 2026-03-10T03:59:59.000Z',
          'agg1 Te0/0/1 = "unknown" @ 2026-03-10T03:59:59.000Z',
          'seen by = "lldp"',
        ],
        en: 'cr1-agg1: up (seen by LLDP)',
        zh: 'cr1-agg1：正常（LLDP 已确认）',
      },
      'cr1-cr2': {
        verdict: 'down orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'cr1 Hu0/0/0/0 = "down" @ 2026-03-10T03:59:59.000Z',
          'cr2 Hu0/0/0/0 = "unknown" @ 2026-03-10T03:59:59.000Z',
          'seen by = null',
        ],
        en: 'cr1-cr2: cr1 Hu0/0/0/0 is down while administratively up',
        zh: 'cr1-cr2：cr1 Hu0/0/0/0 端口处于启用状态但链路中断',
      },
    });
  });

  it('TOPO-001: interfaces up but no neighbour shows the link', () => {
    expect(said('TOPO-001', NET, { devices: { cr1: cr1([iface('Hu0/0/0/0'), iface('Hu0/0/0/1')], [lldp('Hu0/0/0/1', 'E-AGG-01', 'Te0/0/1')]), cr2: 'stale' } })).toEqual({
      'cr1-agg1': {
        verdict: 'protected', severity: null, reason: null, site: null, sites: ['agg', 'bj'],
        evidence: [
          'cr1 Hu0/0/0/1 = "up" @ 2026-03-10T03:59:59.000Z',
          'agg1 Te0/0/1 = "unknown" @ 2026-03-10T03:59:59.000Z',
          'seen by = "lldp"',
        ],
        en: 'cr1-agg1: up (seen by LLDP)',
        zh: 'cr1-agg1：正常（LLDP 已确认）',
      },
      'cr1-cr2': {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'cr1 Hu0/0/0/0 = "up" @ 2026-03-10T03:59:59.000Z',
          'cr2 Hu0/0/0/0 = "unknown" @ 2026-03-10T03:59:59.000Z',
          'seen by = null',
        ],
        en: 'cr1-cr2: interfaces up, but no LLDP/CDP neighbour on cr1 or cr2 shows this link (miscabled, or the inventory is wrong)',
        zh: 'cr1-cr2：端口正常，但 cr1 与 cr2 的 LLDP/CDP 邻居均未显示该链路（可能错接，或资源清单有误）',
      },
    });
  });

  it('TOPO-001: unknown because an end\'s data is stale', () => {
    expect(said('TOPO-001', NET, { devices: { cr1: 'stale', cr2: 'stale', agg1: 'stale' } })).toEqual({
      'cr1-agg1': {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: null, sites: ['agg', 'bj'],
        evidence: [
          'cr1 Hu0/0/0/1 = "unknown"',
          'agg1 Te0/0/1 = "unknown"',
          'seen by = null',
        ],
        en: 'cr1-agg1: state unknown; cr1 its data is stale (last answer 2026-03-09 12:00 (Asia/Shanghai))',
        zh: 'cr1-agg1：状态未知，cr1 数据已过期（最后一次响应于 2026-03-09 12:00（Asia/Shanghai 时间））',
      },
      'cr1-cr2': {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'bj', sites: ['bj'],
        evidence: [
          'cr1 Hu0/0/0/0 = "unknown"',
          'cr2 Hu0/0/0/0 = "unknown"',
          'seen by = null',
        ],
        en: 'cr1-cr2: state unknown; cr1 its data is stale (last answer 2026-03-09 12:00 (Asia/Shanghai))',
        zh: 'cr1-cr2：状态未知，cr1 数据已过期（最后一次响应于 2026-03-09 12:00（Asia/Shanghai 时间））',
      },
    });
  });

  it('TOPO-001: no interface table, a declared port missing, matched by the device pair only', () => {
    expect(said('TOPO-001', NET2, { devices: { ...net2({}), os1: observation({ interfaces: [], neighbors: [lldp('Port 11', 'sw1', 'uplink')] }), sw1: observation({ interfaces: [] }), os2: observation({ interfaces: [at(2, 'x')] }), jr1: 'never' } })).toEqual({
      'os1-hw1': {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'os1 1/1/10 = "noTable" @ 2026-03-10T03:59:59.000Z',
          'hw1 GigabitEthernet0/0/1 = "up" @ 2026-03-10T03:59:59.000Z',
          'seen by = null',
        ],
        en: 'os1-hw1: os1 exposes no interface table, so its end is unknown, and LLDP/CDP does not confirm the link',
        zh: 'os1-hw1：os1 未提供接口表，该端状态未知，且 LLDP/CDP 未确认该链路',
      },
      'os1-jr1': {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'os1 1/1/9 = "noTable" @ 2026-03-10T03:59:59.000Z',
          'jr1 xe-0/0/1 = "unknown" @ 2026-03-10T03:59:59.000Z',
          'seen by = null',
        ],
        en: 'os1-jr1: os1 exposes no interface table, so its end is unknown, and LLDP/CDP does not confirm the link',
        zh: 'os1-jr1：os1 未提供接口表，该端状态未知，且 LLDP/CDP 未确认该链路',
      },
      'os1-os2': {
        verdict: 'degraded yellow', severity: 'evidenceGap', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'os1 1/1/7 = "noTable" @ 2026-03-10T03:59:59.000Z',
          'os2 1/1/8 = "missing" @ 2026-03-10T03:59:59.000Z',
          'seen by = null',
        ],
        en: 'os1-os2: port 1/1/8 declared in the inventory does not exist on os2 (a mistyped port name, or the link is on another port)',
        zh: 'os1-os2：资源清单登记的端口 1/1/8 在 os2 上不存在（端口名写错，或链路接在其他端口）',
      },
      'os1-sw1': {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'os1 1/1/11 = "noTable" @ 2026-03-10T03:59:59.000Z',
          'sw1 Gi0/1 = "noTable" @ 2026-03-10T03:59:59.000Z',
          'seen by = "lldp"',
          'matched by = "device pair only (neither port resolves on its device)"',
        ],
        en: 'os1-sw1: up (seen by LLDP)',
        zh: 'os1-sw1：正常（LLDP 已确认）',
      },
    });
  });

  it('TOPO-003: BGP, OSPF and IS-IS, up and not', () => {
    const bgp = (peer: string, state: BgpPeer['state']): BgpPeer => ({ peer, remoteAs: 65001, state, adminStatus: 'up', source: 'bgp4-mib' });
    const ospf = (id: string, state: OspfNeighbor['state']): OspfNeighbor => ({ neighborId: id, address: id, state });
    const isis = (id: string, state: IsisAdjacency['state']): IsisAdjacency => ({ neighborId: id, interface: 'Hu0/0/0/0', state, level: 'level2' });
    const cr1 = observation({ bgpPeers: [bgp('10.0.0.2', 'established'), bgp('10.0.0.3', 'active')], ospfNeighbors: [ospf('10.255.0.2', 'full'), ospf('10.255.0.3', 'exchangeStart')], isisAdjacencies: [isis('0000.0000.0002', 'up'), isis('0000.0000.0003', 'failed')] });
    expect(said('TOPO-003', NET, { devices: { cr1 } })).toEqual({
      'cr1:bgp:global:10.0.0.2': {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'state = "established" @ 2026-03-10T03:59:59.000Z',
          'remote AS = 65001',
          'source = "bgp4-mib"',
        ],
        en: 'cr1: BGP peer 10.0.0.2 established',
        zh: 'cr1：BGP 邻居 10.0.0.2 已建立',
      },
      'cr1:bgp:global:10.0.0.3': {
        verdict: 'down orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'state = "active" @ 2026-03-10T03:59:59.000Z',
          'remote AS = 65001',
          'source = "bgp4-mib"',
        ],
        en: 'cr1: BGP peer 10.0.0.3 (AS 65001) is active, not established',
        zh: 'cr1：BGP 邻居 10.0.0.3（AS 65001） 处于主动状态，未建立',
      },
      'cr1:isis:Hu0/0/0/0|0000.0000.0002': {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'state = "up" @ 2026-03-10T03:59:59.000Z',
          'level = "level2"',
        ],
        en: 'cr1: IS-IS adjacency 0000.0000.0002 up',
        zh: 'cr1：IS-IS 邻接 0000.0000.0002 正常',
      },
      'cr1:isis:Hu0/0/0/0|0000.0000.0003': {
        verdict: 'down orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'state = "failed" @ 2026-03-10T03:59:59.000Z',
          'level = "level2"',
        ],
        en: 'cr1: IS-IS adjacency 0000.0000.0003 on Hu0/0/0/0 is failed',
        zh: 'cr1：Hu0/0/0/0 上的 IS-IS 邻接 0000.0000.0003 处于失败状态',
      },
      'cr1:ospf:10.255.0.2|10.255.0.2': {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'state = "full" @ 2026-03-10T03:59:59.000Z',
          'address = "10.255.0.2"',
        ],
        en: 'cr1: OSPF neighbour 10.255.0.2 full',
        zh: 'cr1：OSPF 邻居 10.255.0.2 状态为完全邻接',
      },
      'cr1:ospf:10.255.0.3|10.255.0.3': {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'state = "exchangeStart" @ 2026-03-10T03:59:59.000Z',
          'address = "10.255.0.3"',
        ],
        en: 'cr1: OSPF neighbour 10.255.0.3 (10.255.0.3) is exchange start, not full',
        zh: 'cr1：OSPF 邻居 10.255.0.3（10.255.0.3）处于交换开始状态，未达完全邻接',
      },
    });
  });
});

describe('TOPO across sites: an undeclared link, OSPF without an address, a link of two unmonitored ends, site overrides', () => {
  const NET3 = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
    devices: [
      { id: 'cr1', name: 'BJ-CR-01', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' } },
      { id: 'cr2', name: 'BJ-CR-02', site: 'bj', role: 'core', snmp: { host: '10.0.0.2', credentials: 'c' } },
      { id: 'agg1', name: 'E-AGG-01', site: 'agg', role: 'agg', snmp: { host: '10.0.0.3', credentials: 'c' } },
      { id: 'patch', site: 'bj', role: 'odf' },
      { id: 'patch2', site: 'bj', role: 'odf' },
    ],
    links: [
      { id: 'cr1-cr2', a: { device: 'cr1', interface: 'Hu0/0/0/0' }, b: { device: 'cr2', interface: 'Hu0/0/0/0' } },
      { id: 'cr1-agg1', a: { device: 'cr1', interface: 'Hu0/0/0/1' }, b: { device: 'agg1', interface: 'Te0/0/1' } },
      { id: 'patches', a: { device: 'patch', interface: 'p1' }, b: { device: 'patch2', interface: 'p1' } },
    ],
  });
  const devices = {
    cr1: observation({ interfaces: [iface('Hu0/0/0/1'), iface('Hu0/0/0/9')], neighbors: [{ protocol: 'cdp', localPort: 'Hu0/0/0/9', remoteName: 'E-AGG-01', remotePort: 'Te0/0/9' }] }),
    agg1: observation({ interfaces: [iface('Te0/0/1'), iface('Te0/0/9')], ospfNeighbors: [{ neighborId: '10.255.0.9', address: '', state: 'init' }], isisAdjacencies: [{ neighborId: '0000.0000.0009', interface: 'Te0/0/1', state: 'up', level: null }] }),
  };
  const topo = RULES.filter((x) => x.id.startsWith('TOPO'));

  it('says what each finding is, and skips the link no end of which is monitored', () => {
    const r = runAnalysis(snapshotOf(NET3, { now: NOW, devices }), policy, NOW, topo);
    expect(saidBy(r.findings)).toEqual({
      'agg1:isis:Te0/0/1|0000.0000.0009': {
        verdict: 'protected', severity: null, reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'state = "up" @ 2026-03-10T03:59:59.000Z',
          'level = null',
        ],
        en: 'agg1: IS-IS adjacency 0000.0000.0009 up',
        zh: 'agg1：IS-IS 邻接 0000.0000.0009 正常',
      },
      'agg1:ospf:10.255.0.9|': {
        verdict: 'down yellow', severity: 'degraded', reason: null, site: 'agg', sites: ['agg'],
        evidence: [
          'state = "init" @ 2026-03-10T03:59:59.000Z',
          'address = ""',
        ],
        en: 'agg1: OSPF neighbour 10.255.0.9 () is init, not full',
        zh: 'agg1：OSPF 邻居 10.255.0.9（）处于初始状态，未达完全邻接',
      },
      'cr1-agg1': {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: null, sites: ['agg', 'bj'],
        evidence: [
          'cr1 Hu0/0/0/1 = "up" @ 2026-03-10T03:59:59.000Z',
          'agg1 Te0/0/1 = "up" @ 2026-03-10T03:59:59.000Z',
          'seen by = null',
        ],
        en: 'cr1-agg1: interfaces up, but no LLDP/CDP neighbour on cr1 or agg1 shows this link (miscabled, or the inventory is wrong)',
        zh: 'cr1-agg1：端口正常，但 cr1 与 agg1 的 LLDP/CDP 邻居均未显示该链路（可能错接，或资源清单有误）',
      },
      'cr1-cr2': {
        verdict: 'degraded yellow', severity: 'evidenceGap', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'cr1 Hu0/0/0/0 = "missing" @ 2026-03-10T03:59:59.000Z',
          'cr2 Hu0/0/0/0 = "unknown" @ 2026-03-10T03:59:59.000Z',
          'seen by = null',
        ],
        en: 'cr1-cr2: port Hu0/0/0/0 declared in the inventory does not exist on cr1 (a mistyped port name, or the link is on another port)',
        zh: 'cr1-cr2：资源清单登记的端口 Hu0/0/0/0 在 cr1 上不存在（端口名写错，或链路接在其他端口）',
      },
      'seen:agg1:Te0/0/9~cr1:Hu0/0/0/9': {
        verdict: 'degraded yellow', severity: 'evidenceGap', reason: null, site: null, sites: ['agg', 'bj'],
        evidence: [
          'seen by = "cdp" @ 2026-03-10T03:59:59.000Z',
          'ends = "agg1 Te0/0/9 — cr1 Hu0/0/0/9"',
        ],
        en: 'CDP shows agg1 Te0/0/9 connected to cr1 Hu0/0/0/9, a link the inventory does not declare; its ducts and cables are unknown to the route analysis',
        zh: 'CDP 显示 agg1 Te0/0/9 与 cr1 Hu0/0/0/9 相连，但资源清单未登记该链路，路由分析无法得知其管道或光缆等共用风险',
      },
    });
    expect(r.summary.rules.map((x) => [x.rule, x.notEvaluated])).toEqual([['TOPO-001', [{ reason: 'neither end is monitored', code: 'no_data', count: 1 }]], ['TOPO-002', []], ['TOPO-003', []]]);
  });

  it.each([
    ['bj', ['agg1:ospf:10.255.0.9|', 'agg1:isis:Te0/0/1|0000.0000.0009']],
    ['agg', ['cr1-cr2']],
  ] as const)('turned off for site %s, the TOPO rules say nothing about what touches it', (site, left) => {
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    raw['overrides'] = topo.map((x) => ({ rule: x.id, site, enabled: false, reason: 'commissioning' }));
    expect(runAnalysis(snapshotOf(NET3, { now: NOW, devices }), policyFromObject(raw), NOW, topo).findings.map((f) => f.subject.id)).toEqual(left);
  });
});
