/**
 * Disjoint routes case by case: bad endpoints, the limit, failed endpoints, the routes themselves
 * (nodes, links, the risk groups they touch) and the bounds where a duct lets the flow "teleport".
 * Route validity and the bounds against brute force on random graphs are in graph.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from './multigraph.js';
import { PathCounter, disjointPaths, pathCounterOf } from './disjoint-paths.js';
import { failureSet } from './risk-groups.js';
import { graph, group, link, node } from '../../../test/support/graph-input.js';

describe('disjointPaths: bad endpoints', () => {
  const g = buildGraph(graph('a b', 'a-b'));
  it.each([
    { from: 'zz', to: 'a', error: 'unknown node "zz"' },
    { from: 'a', to: 'zz', error: 'unknown node "zz"' },
    { from: 'a', to: 'a', error: 'a route needs two different endpoints' },
  ])('$from → $to: $error', ({ from, to, error }) => {
    expect(() => disjointPaths(g, from, to)).toThrow(new RangeError(error));
  });
});

describe('disjointPaths: counting', () => {
  // K4 on a, b, c, d: three node-disjoint routes between any two nodes.
  const k4 = buildGraph(graph('a b c d', 'a-b a-c a-d b-c b-d c-d', { c: ['p'] }));
  const cases: { name: string; opts: Parameters<typeof disjointPaths>[3]; bounds: [number, number, boolean] }[] = [
    { name: 'no limit', opts: { disjointness: 'node' }, bounds: [3, 3, true] },
    { name: 'limit 2', opts: { disjointness: 'node', limit: 2 }, bounds: [2, 2, true] },
    { name: 'limit 1', opts: { disjointness: 'node', limit: 1 }, bounds: [1, 1, true] },
    { name: 'limit 0', opts: { disjointness: 'node', limit: 0 }, bounds: [0, 0, true] },
    { name: 'an endpoint failed', opts: { disjointness: 'node', failed: [node('a')] }, bounds: [0, 0, true] },
    { name: 'the other endpoint failed', opts: { disjointness: 'node', failed: [node('b')] }, bounds: [0, 0, true] },
    { name: 'an empty failure', opts: { disjointness: 'node', failed: [] }, bounds: [3, 3, true] },
    { name: 'a middle node failed', opts: { disjointness: 'node', failed: [node('d')] }, bounds: [2, 2, true] },
    { name: 'a panel failed', opts: { disjointness: 'node', failed: [group('p')] }, bounds: [2, 2, true] },
    { name: 'the direct link failed', opts: { disjointness: 'node', failed: [link('L0')] }, bounds: [2, 2, true] },
    { name: 'srlg (default): the panel is one element', opts: {}, bounds: [3, 3, true] },
  ];
  it.each(cases)('$name', ({ opts, bounds }) => {
    const r = disjointPaths(k4, 'a', 'b', opts);
    expect([r.lower, r.upper, r.exact]).toEqual(bounds);
    expect(r.routes).toHaveLength(bounds[0]);
  });

  it('reports an upper bound it cannot prove when a duct joins two far parts', () => {
    // d1 holds s-x and y-t; every real route passes m, but the flow can "teleport" s → d1 → t.
    const g = buildGraph(graph('s x y t m', 's-x:d1 y-t:d1 s-m m-t x-m m-y'));
    const r = disjointPaths(g, 's', 't');
    expect([r.lower, r.upper, r.exact]).toEqual([1, 2, false]);
    expect(disjointPaths(g, 's', 't', { disjointness: 'node' })).toMatchObject({ lower: 1, upper: 1, exact: true });
  });
});

describe('disjointPaths: the lower bound when the flow teleports', () => {
  // Two ducts' worth of "teleport": d holds a-u and v-b, where u and v are dead ends.
  it('keeps the flow\'s real routes when a greedy search from scratch finds fewer', () => {
    // The trap: the shortest route a-p-q-b blocks both others; the flow finds a-p-r-b and a-s-q-b.
    const g = buildGraph(graph('a p q b r s u v', 'a-p p-q q-b p-r r-b a-s s-q a-u:d v-b:d'));
    const r = disjointPaths(g, 'a', 'b');
    expect([r.lower, r.upper, r.exact]).toEqual([2, 3, false]);
    expect(r.routes.map((x) => x.nodes.join('-')).sort()).toEqual(['a-p-r-b', 'a-s-q-b']);
  });

  it('extends the real routes greedily up to the limit, never beyond', () => {
    // Three real routes of three hops; the teleport s → d → t is shorter, so the flow takes it first.
    const g = buildGraph(graph('s t a1 a2 b1 b2 c1 c2 x y', 's-a1 a1-a2 a2-t s-b1 b1-b2 b2-t s-c1 c1-c2 c2-t s-x:d y-t:d'));
    expect(disjointPaths(g, 's', 't', { limit: 2 })).toMatchObject({ lower: 2, upper: 2, exact: true });
    expect(disjointPaths(g, 's', 't', { limit: 3 })).toMatchObject({ lower: 3, upper: 3, exact: true });
    expect(disjointPaths(g, 's', 't')).toMatchObject({ lower: 3, upper: 4, exact: false });
  });
});

describe('disjointPaths: the routes', () => {
  it('lists each route\'s nodes, links and risk groups (in group order)', () => {
    // Ring a-b-c-d: one side in ducts z and y, the other in duct x and through panel p (on d).
    const g = buildGraph(graph('a b c d', 'a-b:z+y b-c c-d:x d-a', { d: ['p'] }));
    const r = disjointPaths(g, 'a', 'c');
    const routes = [...r.routes].sort((p, q) => p.nodes[1]!.localeCompare(q.nodes[1]!));
    expect(routes).toEqual([
      { nodes: ['a', 'b', 'c'], links: ['L0', 'L1'], riskGroups: ['z', 'y'] },
      { nodes: ['a', 'd', 'c'], links: ['L3', 'L2'], riskGroups: ['p', 'x'] },
    ]);
  });

  it('lists a route\'s groups in group order, not in the order the route meets them', () => {
    // c is listed before b, so c's panel r is group 0 and b's panel q group 1; duct w is group 2.
    const g = buildGraph({
      nodes: [{ id: 'a' }, { id: 'c', riskGroups: ['r'] }, { id: 'b', riskGroups: ['q'] }],
      links: [{ id: 'ab', a: 'a', b: 'b', riskGroups: ['w'] }, { id: 'bc', a: 'b', b: 'c' }],
    });
    expect(disjointPaths(g, 'a', 'c').routes).toEqual([{ nodes: ['a', 'b', 'c'], links: ['ab', 'bc'], riskGroups: ['r', 'q', 'w'] }]);
  });

  it('a route between neighbours over parallel links uses each link once', () => {
    const g = buildGraph(graph('a b', 'a-b a-b:d a-b:d'));
    expect(disjointPaths(g, 'a', 'b', { disjointness: 'node' }).routes.map((r) => r.links).sort()).toEqual([['L0'], ['L1'], ['L2']]);
    expect(disjointPaths(g, 'b', 'a').routes.map((r) => [r.nodes, r.riskGroups.length]).length).toBe(2);
  });

  it('a failed group removes every member from every route', () => {
    const g = buildGraph(graph('a b c d e', 'a-b b-e a-c c-e a-d d-e', { b: ['p'], c: ['p'] }));
    const r = disjointPaths(g, 'a', 'e', { disjointness: 'node', failed: [group('p')] });
    expect(r.routes).toEqual([{ nodes: ['a', 'd', 'e'], links: ['L4', 'L5'], riskGroups: [] }]);
  });
});

describe('PathCounter', () => {
  const g = buildGraph(graph('a b c d', 'a-b b-c c-d d-a', { b: ['p'] }));

  it('is cached per graph and disjointness', () => {
    expect(pathCounterOf(g, 'srlg')).toBe(pathCounterOf(g, 'srlg'));
    expect(pathCounterOf(g, 'node')).not.toBe(pathCounterOf(g, 'srlg'));
    expect(pathCounterOf(g, 'node').disjointness).toBe('node');
  });

  it('keeps routes apart: a used group blocks its members, used links and inner nodes are avoided', () => {
    const c = new PathCounter(g, 'srlg');
    const a = g.nodeIndex.get('a')!;
    const cc = g.nodeIndex.get('c')!;
    const first = c.routeAvoiding(a, cc, null)!;
    expect(first).toBeDefined();
    c.markUsed([first]);
    const second = c.routeAvoiding(a, cc, null)!;
    expect([...first.nodes, ...second.nodes].map((v) => g.nodeIds[v]).sort()).toEqual(['a', 'a', 'b', 'c', 'c', 'd']);
    c.markUsed([first, second]);
    expect(c.routeAvoiding(a, cc, null)).toBeUndefined();
    // Blocking the panel alone leaves only the side through d.
    c.markUsed([]);
    c.blockGroup(g.groupIndex.get('p')!);
    expect(Array.from(c.routeAvoiding(a, cc, null)!.nodes, (v) => g.nodeIds[v])).toEqual(['a', 'd', 'c']);
    expect(c.nodeFree(g.nodeIndex.get('b')!, null)).toBe(false);
    expect(c.nodeFree(g.nodeIndex.get('d')!, null)).toBe(true);
    // A failure: d down leaves nothing once the panel is blocked.
    const f = failureSet(g, [node('d')]);
    expect(c.nodeFree(g.nodeIndex.get('d')!, f)).toBe(false);
    expect(c.routeAvoiding(a, cc, f)).toBeUndefined();
    expect(c.routeAvoiding(a, g.nodeIndex.get('d')!, f)).toBeUndefined();
    expect(c.linkFree(g.linkIndex.get('L3')!, failureSet(g, [link('L3')]))).toBe(false);
    expect(c.linkFree(g.linkIndex.get('L3')!, null)).toBe(true);
  });

  it('an endpoint in a used group has no further route', () => {
    const c = new PathCounter(g, 'srlg');
    c.markUsed([]);
    c.blockGroup(g.groupIndex.get('p')!);
    expect(c.routeAvoiding(g.nodeIndex.get('b')!, g.nodeIndex.get('d')!, null)).toBeUndefined();
    // In node mode groups do not count.
    const n = new PathCounter(g, 'node');
    n.markUsed([]);
    n.blockGroup(g.groupIndex.get('p')!);
    expect(n.routeAvoiding(g.nodeIndex.get('b')!, g.nodeIndex.get('d')!, null)).toBeDefined();
    expect(n.nodeFree(g.nodeIndex.get('b')!, null)).toBe(true);
  });

  it('checks only the groups of the node or link asked about', () => {
    // a has no group, b is on panel p; link L0 has no group, L1 is in duct d.
    const h = buildGraph(graph('a b c', 'a-b b-c:d', { b: ['p'] }));
    const c = new PathCounter(h, 'srlg');
    c.markUsed([]);
    c.blockGroup(h.groupIndex.get('p')!);
    c.blockGroup(h.groupIndex.get('d')!);
    expect([c.nodeFree(0, null), c.nodeFree(1, null), c.nodeFree(2, null)]).toEqual([true, false, true]);
    expect([c.linkFree(0, null), c.linkFree(1, null)]).toEqual([true, false]);
    const n = new PathCounter(h, 'node');
    n.markUsed([]);
    n.blockGroup(h.groupIndex.get('d')!);
    expect(n.linkFree(1, null)).toBe(true);
  });

  it('a used route blocks only the groups it touches', () => {
    // Ring a-b-c-d with d on panel p: the route a-b-c touches no group, so a-d-c stays free.
    const h = buildGraph(graph('a b c d', 'a-b b-c c-d d-a', { d: ['p'] }));
    const c = new PathCounter(h, 'srlg');
    c.markUsed([]);
    const first = c.routeAvoiding(0, 2, null)!;
    expect(Array.from(first.nodes, (v) => h.nodeIds[v])).toEqual(['a', 'b', 'c']);
    c.markUsed([first]);
    expect(Array.from(c.routeAvoiding(0, 2, null)!.nodes, (v) => h.nodeIds[v])).toEqual(['a', 'd', 'c']);
  });

  it('rejects one node as both endpoints', () => {
    expect(() => new PathCounter(g, 'node').count(0, 0, null, 2)).toThrow(new RangeError('a route needs two different endpoints'));
  });

  it('starts from seed routes that survived a failure', () => {
    const c = new PathCounter(g, 'node');
    const a = g.nodeIndex.get('a')!;
    const cc = g.nodeIndex.get('c')!;
    const viaD = { nodes: Int32Array.from([a, g.nodeIndex.get('d')!, cc]), links: Int32Array.from([g.linkIndex.get('L3')!, g.linkIndex.get('L2')!]) };
    const r = c.count(a, cc, failureSet(g, [link('L0')]), 3, [[viaD]]);
    expect([r.lower, r.upper]).toEqual([1, 1]);
    expect(Array.from(r.routes[0]!.nodes, (v) => g.nodeIds[v])).toEqual(['a', 'd', 'c']);
  });
});
