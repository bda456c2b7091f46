/** The route search and route comparison behind NODE-005 and RTE-001a, on small hand-made graphs. */
import { describe, expect, it } from 'vitest';
import { apart, apartPair, commonTo, homingRoutes, type HomingRoute } from './homing.js';

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
