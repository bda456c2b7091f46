/** The route search and route comparison behind NODE-005 and RTE-001a, on small hand-made graphs. */
import { describe, expect, it } from 'vitest';
import type { InterfaceState, Neighbor } from '../../collect/observation.js';
import { inventoryFromObject, observation, snapshotOf } from '../../../test/support/snapshot-builders.js';
import { adjacency, apart, apartPair, commonTo, homingRoutes, type HomingRoute } from './homing.js';

type Edge = { id: string; to: string; risks: string[]; known: boolean };
/** An undirected graph from `[id, a, b, risks?, known?]` rows. */
function graph(rows: readonly (readonly [string, string, string, string[]?, boolean?])[]): Map<string, Edge[]> {
  const m = new Map<string, Edge[]>();
  const add = (a: string, e: Edge): void => { m.set(a, [...(m.get(a) ?? []), e]); };
  for (const [id, a, b, risks = [], known = true] of rows) {
    add(a, { id, to: b, risks, known });
    add(b, { id, to: a, risks, known });
  }
  return m;
}
const isCore = (id: string): boolean => id.startsWith('cr');
const route = (core: string, via: string[], links: string[], risks: string[] = [], known = true): HomingRoute => ({ core, via, links, risks, known });

describe('homingRoutes', () => {
  it('finds every simple route to a core device, stopping at the first core it reaches', () => {
    const g = graph([['l1', 'a1', 'cr1', ['duct:D1']], ['l2', 'a1', 'a2', ['duct:D2']], ['l3', 'a2', 'cr2', ['duct:D3', 'duct:D2']], ['l4', 'cr1', 'cr2']]);
    expect(homingRoutes(g, 'a1', isCore)).toEqual({
      routes: [
        route('cr1', [], ['l1'], ['duct:D1']),
        route('cr2', ['a2'], ['l2', 'l3'], ['duct:D2', 'duct:D3']),
      ],
      truncated: false,
    });
  });

  it('marks a route through a link of unknown state as not known, and only that route', () => {
    const g = graph([['l1', 'a1', 'cr1', [], false], ['l2', 'a1', 'a2'], ['l3', 'a2', 'cr2']]);
    expect(homingRoutes(g, 'a1', isCore).routes.map((r) => [r.core, r.known])).toEqual([['cr1', false], ['cr2', true]]);
    const g2 = graph([['l1', 'a1', 'a2', [], false], ['l2', 'a2', 'cr1'], ['l3', 'a1', 'cr2']]);
    expect(homingRoutes(g2, 'a1', isCore).routes.map((r) => [r.core, r.known])).toEqual([['cr1', false], ['cr2', true]]);
  });

  it('never visits a device twice on one route, but may on another', () => {
    const g = graph([['l1', 'a1', 'a2'], ['l2', 'a2', 'a3'], ['l3', 'a3', 'a1'], ['l4', 'a3', 'cr1']]);
    expect(homingRoutes(g, 'a1', isCore).routes.map((r) => r.links)).toEqual([['l1', 'l2', 'l4'], ['l3', 'l4']]);
  });

  it.each([
    ['under the limit', 3, 2, false],
    ['exactly at the limit: the next route found truncates', 2, 2, false],
    ['over the limit', 1, 1, true],
  ] as const)('a route limit %s', (_n, limit, routes, truncated) => {
    const g = graph([['l1', 'a1', 'cr1'], ['l2', 'a1', 'cr2']]);
    const h = homingRoutes(g, 'a1', isCore, limit);
    expect([h.routes.length, h.truncated]).toEqual([routes, truncated]);
  });

  it('bounds the search at 40 steps per allowed route: a maze of dead ends explored first truncates it', () => {
    // 6 + 36 + 216 = 258 steps through parallel links to a dead end before the uplink listed last
    const rows: [string, string, string][] = [];
    for (let i = 0; i < 6; i++) rows.push([`p${i}`, 'a1', 'a2'], [`q${i}`, 'a2', 'a3'], [`r${i}`, 'a3', 'a4']);
    rows.push(['up', 'a1', 'cr1']);
    expect(homingRoutes(graph(rows), 'a1', isCore, 6)).toEqual({ routes: [], truncated: true }); // 240 steps
    expect(homingRoutes(graph(rows), 'a1', isCore, 7)).toEqual({ routes: [route('cr1', [], ['up'])], truncated: false }); // 280 steps
  });

  it.each([
    ['exactly 40 steps for a limit of 1: the route found at the 40th step counts', 39, { routes: [route('cr1', [], ['up'])], truncated: false }],
    ['the 41st step is over the bound', 40, { routes: [], truncated: true }],
  ] as const)('%s', (_n, deadEnds, want) => {
    // each parallel link to the dead end a2 is one step (a2's links lead back to a1, already on the route)
    const rows: [string, string, string][] = Array.from({ length: deadEnds }, (_, k) => [`p${k}`, 'a1', 'a2']);
    rows.push(['up', 'a1', 'cr1']);
    expect(homingRoutes(graph(rows), 'a1', isCore, 1)).toEqual(want);
  });

  it('a node with no adjacency has no route', () => {
    expect(homingRoutes(new Map(), 'a1', isCore)).toEqual({ routes: [], truncated: false });
  });
});

describe('apart and apartPair', () => {
  it.each([
    ['nothing shared', route('cr1', ['x'], ['l1'], ['duct:D1']), route('cr2', ['y'], ['l2'], ['duct:D2']), true, true],
    ['a common device', route('cr1', ['x'], ['l1']), route('cr2', ['x'], ['l2']), false, false],
    ['a common link', route('cr1', [], ['l1', 'l2']), route('cr2', ['y'], ['l3', 'l2']), false, false],
    ['a common risk group: apart unless risks count', route('cr1', [], ['l1'], ['duct:D9']), route('cr2', [], ['l2'], ['duct:D9']), true, false],
  ] as const)('%s', (_n, a, b, withoutRisks, withRisks) => {
    expect(apart({ ...a }, { ...b }, false)).toBe(withoutRisks);
    expect(apart({ ...a }, { ...b }, true)).toBe(withRisks);
  });

  const r1 = route('cr1', [], ['l1'], ['duct:D1']);
  const r2 = route('cr1', [], ['l2'], ['duct:D2']);
  const r3 = route('cr2', [], ['l3'], ['duct:D1'], false);
  it.each([
    ['the first pair apart', { distinctCores: false, risks: false, use: () => true }, [r1, r2]],
    ['to distinct cores', { distinctCores: true, risks: false, use: () => true }, [r1, r3]],
    ['to distinct cores and risk-apart: past the first core\'s pairs', { distinctCores: true, risks: true, use: () => true }, [r2, r3]],
    ['only the routes accepted', { distinctCores: true, risks: false, use: (r: HomingRoute) => r.known }, null],
  ] as const)('%s', (_n, opts, want) => {
    expect(apartPair([r1, r2, r3], opts)).toEqual(want);
  });

  it('looks past a candidate that shares a device', () => {
    const shared = route('cr1', ['x'], ['l0']);
    expect(apartPair([shared, route('cr2', ['x'], ['l5']), r1, r3], { distinctCores: true, risks: false, use: () => true })).toEqual([shared, r3]);
    expect(apartPair([r1], { distinctCores: false, risks: false, use: () => true })).toBeNull();
  });
});

describe('commonTo', () => {
  it('the devices, links and risks every route passes through', () => {
    expect(commonTo([route('cr1', ['a', 'b'], ['l1', 'l2'], ['duct:D1', 'duct:D2']), route('cr2', ['b', 'c'], ['l2', 'l3'], ['duct:D2'])]))
      .toEqual({ devices: ['b'], links: ['l2'], risks: ['duct:D2'] });
    expect(commonTo([route('cr1', ['a'], ['l1'], ['duct:D1'])])).toEqual({ devices: ['a'], links: ['l1'], risks: ['duct:D1'] });
    expect(commonTo([])).toEqual({ devices: [], links: [], risks: [] });
  });
});

describe('adjacency', () => {
  const iface = (name: string, oper = 'up', admin = 'up'): InterfaceState => ({ index: 1, name, operStatus: oper, adminStatus: admin, speedMbps: 10_000 });
  const lldp = (localPort: string, remoteName: string, remotePort: string): Neighbor => ({ protocol: 'lldp', localPort, remoteName, remotePort });
  const link = (id: string, a: string, b: string, risks: string[] = []): Record<string, unknown> => ({
    id, a: { device: a, interface: `to-${b}` }, b: { device: b, interface: `to-${a}` }, risks: risks.map((r) => ({ kind: 'duct', id: r })),
  });
  it('leaves out links down or shut, marks a monitored link no end vouches for as unknown, takes an unmonitored one as declared, and adds links LLDP shows', () => {
    const snmp = (n: number): Record<string, unknown> => ({ host: `10.0.0.${n}`, credentials: 'c' });
    const inv = inventoryFromObject({
      sites: [{ id: 's', class: 'PC-AGG' }],
      devices: [
        { id: 'a', name: 'A', site: 's', role: 'r', snmp: snmp(1) }, { id: 'b', name: 'B', site: 's', role: 'r', snmp: snmp(2) },
        { id: 'c', name: 'C', site: 's', role: 'r', snmp: snmp(3) }, { id: 'd', name: 'D', site: 's', role: 'r', snmp: snmp(4) },
        { id: 'e', site: 's', role: 'r' }, { id: 'f', site: 's', role: 'r' },
      ],
      links: [link('ab', 'a', 'b', ['D1']), link('ac', 'a', 'c'), link('ad', 'a', 'd'), link('bd', 'b', 'd'), link('ef', 'e', 'f', ['D2'])],
    });
    const NOW = Date.parse('2026-03-10T04:00:00Z');
    const snap = snapshotOf(inv, { now: NOW, devices: {
      a: observation({ interfaces: [iface('to-b'), iface('to-c', 'down'), iface('to-d', 'down', 'down'), iface('xe1')], neighbors: [lldp('xe1', 'C', 'xe9')] }),
      b: observation({ interfaces: [iface('to-a')] }),
      c: observation({ interfaces: [iface('to-a', 'down'), iface('xe9')], neighbors: [lldp('xe9', 'A', 'xe1')] }),
      d: 'stale',
    } });
    const adj = adjacency(snap);
    const edges = (x: string): string[] => (adj.get(x) ?? []).map((e) => `${e.id}>${e.to}${e.risks.length > 0 ? ` ${e.risks.join(',')}` : ''}${e.known ? '' : ' ?'}`);
    expect(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((x) => [x, edges(x)]))).toEqual({
      a: ['ab>b duct:D1', 'seen:a:xe1~c:xe9>c'],
      b: ['ab>a duct:D1', 'bd>d ?'],
      c: ['seen:a:xe1~c:xe9>a'],
      d: ['bd>b ?'],
      e: ['ef>f duct:D2'],
      f: ['ef>e duct:D2'],
    });
  });
});
