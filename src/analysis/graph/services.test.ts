/**
 * Services on the graph, case by case: what a bad service definition says, each service's state
 * and route bounds (counted up to requiredPaths + 1), what a failure does to each service, and the
 * order in which the sweep ranks single points of failure. The agreement of `sweep` with `whatIf`
 * and with brute force on random graphs is in graph.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from './multigraph.js';
import { type ServiceSpec, DEFAULT_REQUIRED_PATHS, serviceStates, singleLossCuts, sweep, whatIf } from './services.js';
import { graph, group, link, node } from '../../../test/support/graph-input.js';

// A ring a-b-c-d with a tail d-e and an isolated node f.
const ring = buildGraph(graph('a b c d e f', 'a-b b-c c-d d-a d-e'));
// The same ring with a-b and c-d in one duct d1.
const ducted = buildGraph(graph('a b c d e f', 'a-b:d1 b-c c-d:d1 d-a d-e'));

const svc = (id: string, a: string, b: string, requiredPaths?: number): ServiceSpec =>
  ({ id, endpoints: [a, b], ...(requiredPaths !== undefined ? { requiredPaths } : {}) });

describe('a bad service definition', () => {
  it.each([
    { spec: svc('s', 'a', 'zz'), error: 'service "s": unknown endpoint "zz"' },
    { spec: svc('s', 'zz', 'a'), error: 'service "s": unknown endpoint "zz"' },
    { spec: svc('s', 'qq', 'zz'), error: 'service "s": unknown endpoint "qq"' },
    { spec: svc('s', 'a', 'a'), error: 'service "s": both endpoints are "a"' },
    { spec: svc('s', 'a', 'c', 0), error: 'service "s": requiredPaths must be an integer ≥ 1' },
    { spec: svc('s', 'a', 'c', -2), error: 'service "s": requiredPaths must be an integer ≥ 1' },
    { spec: svc('s', 'a', 'c', 1.5), error: 'service "s": requiredPaths must be an integer ≥ 1' },
  ])('$error', ({ spec, error }) => {
    expect(() => serviceStates(ring, [spec])).toThrow(new RangeError(error));
    expect(() => whatIf(ring, [], [spec])).toThrow(new RangeError(error));
    expect(() => sweep(ring, [spec])).toThrow(new RangeError(error));
    expect(() => singleLossCuts(ring, spec)).toThrow(new RangeError(error));
  });
});

describe('serviceStates', () => {
  it('assumes two routes when a service does not say', () => {
    expect(DEFAULT_REQUIRED_PATHS).toBe(2);
  });

  const cases: { name: string; spec: ServiceSpec; srlg: string; node: string }[] = [
    { name: 'two routes, two required (the default)', spec: svc('ac', 'a', 'c'), srlg: 'unprotected 2 1/1', node: 'protected 2 2/2' },
    { name: 'two routes, three required', spec: svc('ac3', 'a', 'c', 3), srlg: 'unprotected 3 1/1', node: 'unprotected 3 2/2' },
    { name: 'one route through the tail, one required', spec: svc('ae', 'a', 'e', 1), srlg: 'protected 1 1/1', node: 'protected 1 1/1' },
    { name: 'one route through the tail, two required', spec: svc('ae2', 'a', 'e', 2), srlg: 'unprotected 2 1/1', node: 'unprotected 2 1/1' },
    // Counted up to requiredPaths + 1: a service needing one route shows its second.
    { name: 'neighbours on the ring, one required', spec: svc('bc', 'b', 'c', 1), srlg: 'protected 1 2/2', node: 'protected 1 2/2' },
    { name: 'no route at all', spec: svc('af', 'a', 'f', 1), srlg: 'cut 1 0/0', node: 'cut 1 0/0' },
  ];
  it.each(cases)('$name', ({ spec, srlg, node: nodeView }) => {
    const view = (s: ReturnType<typeof serviceStates>[number]): string => `${s.status} ${s.required} ${s.paths.lower}/${s.paths.upper}`;
    const [bySrlg] = serviceStates(ducted, [spec]);
    const [byNode] = serviceStates(ducted, [spec], { disjointness: 'node' });
    expect(bySrlg!.id).toBe(spec.id);
    expect([view(bySrlg!), view(byNode!)]).toEqual([srlg, nodeView]);
    // Without the duct the two notions agree.
    expect(serviceStates(ring, [spec]).map(view)).toEqual([nodeView]);
  });

  it('stops counting at requiredPaths + 1', () => {
    const k5 = buildGraph(graph('a b c d e', 'a-b a-c a-d a-e b-c b-d b-e c-d c-e d-e'));
    expect(serviceStates(k5, [svc('ab', 'a', 'b', 1), svc('ab2', 'a', 'b', 2), svc('ab9', 'a', 'b', 9)]).map((s) => [s.status, s.paths.lower, s.paths.upper]))
      .toEqual([['protected', 2, 2], ['protected', 3, 3], ['unprotected', 4, 4]]);
  });
});

describe('whatIf', () => {
  const ac = svc('ac', 'a', 'c');
  const ae = svc('ae', 'a', 'e', 1);
  const ae2 = svc('ae2', 'a', 'e', 2);
  const af = svc('af', 'a', 'f', 1);

  it('reports the failure, the components before and after and each service in full', () => {
    const failed = [node('b')];
    const r = whatIf(ring, failed, [ac, ae]);
    expect(r.failed).toEqual(failed);
    expect([r.componentsBefore, r.componentsAfter, r.stranded]).toEqual([2, 2, 0]);
    expect(r.services).toEqual([
      { id: 'ac', required: 2, before: 'protected', after: 'unprotected', pathsBefore: { lower: 2, upper: 2 }, pathsAfter: { lower: 1, upper: 1 }, endpointLost: false },
      { id: 'ae', required: 1, before: 'protected', after: 'protected', pathsBefore: { lower: 1, upper: 1 }, pathsAfter: { lower: 1, upper: 1 }, endpointLost: false },
    ]);
    expect([r.cut, r.unprotected]).toEqual([[], ['ac']]);
  });

  it('an endpoint lost (either end, directly or with its panel) cuts the service with no route left', () => {
    const paneled = buildGraph(graph('a b c d e f', 'a-b b-c c-d d-a d-e', { a: ['p'] }));
    for (const [g, failed] of [[ring, [node('a')]], [paneled, [group('p')]]] as const) {
      const r = whatIf(g, failed, [ac, ae]);
      expect(r.services.map((s) => [s.id, s.after, s.endpointLost, s.pathsAfter.lower, s.pathsAfter.upper])).toEqual([['ac', 'cut', true, 0, 0], ['ae', 'cut', true, 0, 0]]);
      expect(r.cut).toEqual(['ac', 'ae']);
    }
    // The second endpoint: e of ae.
    const r = whatIf(ring, [node('e')], [ac, ae]);
    expect(r.services.map((s) => [s.id, s.after, s.endpointLost])).toEqual([['ac', 'protected', false], ['ae', 'cut', true]]);
  });

  it.each([
    // The tail link cuts ae and ae2 (ac keeps both sides); af was never connected, so it is not listed as cut.
    { name: 'the tail link', failed: [link('L4')], cut: ['ae', 'ae2'], unprotected: [], after: ['protected', 'cut', 'cut', 'cut'], stranded: 1, components: 3 },
    // ae2 was unprotected and stays so: not listed; ac loses a side.
    { name: 'one side of the ring', failed: [link('L0')], cut: [], unprotected: ['ac'], after: ['unprotected', 'protected', 'unprotected', 'cut'], stranded: 0, components: 2 },
    { name: 'nothing', failed: [], cut: [], unprotected: [], after: ['protected', 'protected', 'unprotected', 'cut'], stranded: 0, components: 2 },
  ])('$name', ({ failed, cut, unprotected, after, stranded, components }) => {
    const r = whatIf(ring, failed, [ac, ae, ae2, af]);
    expect(r.cut).toEqual(cut);
    expect(r.unprotected).toEqual(unprotected);
    expect(r.services.map((s) => s.after)).toEqual(after);
    expect(r.services.map((s) => s.before)).toEqual(['protected', 'protected', 'unprotected', 'cut']);
    expect([r.stranded, r.componentsAfter]).toEqual([stranded, components]);
  });

  it('judges routes SRLG-disjoint unless told node', () => {
    expect(whatIf(ducted, [link('L1')], [ac]).services[0]!.before).toBe('unprotected');
    const r = whatIf(ducted, [link('L1')], [ac], { disjointness: 'node' });
    expect([r.services[0]!.before, r.services[0]!.after, r.unprotected]).toEqual(['protected', 'unprotected', ['ac']]);
  });

  it('without services reports the network only', () => {
    const r = whatIf(ring, [node('d')]);
    expect([r.services, r.cut, r.unprotected, r.componentsAfter, r.stranded]).toEqual([[], [], [], 3, 1]);
  });
});

describe('sweep', () => {
  const view = (g: ReturnType<typeof buildGraph>, services: ServiceSpec[] = [], opts = {}): string[] =>
    sweep(g, services, opts).map((s) => `${s.kind}:${s.id}:${s.cuts.join('+')}:${s.unprotects.join('+')}:${s.stranded}`);

  it('breaks ties by kind (node, link, group), then by id', () => {
    // Path d-c-b-a with links z (d-c), y (c-b), x (b-a); duct g holds z, duct f holds x.
    const g = buildGraph({
      nodes: [{ id: 'd' }, { id: 'c' }, { id: 'b' }, { id: 'a' }],
      links: [{ id: 'z', a: 'd', b: 'c', riskGroups: ['g'] }, { id: 'y', a: 'c', b: 'b' }, { id: 'x', a: 'b', b: 'a', riskGroups: ['f'] }],
    });
    expect(view(g)).toEqual(['link:y:::2', 'node:b:::1', 'node:c:::1', 'link:x:::1', 'link:z:::1', 'riskGroup:f:::1', 'riskGroup:g:::1']);
    expect(sweep(g).filter((s) => s.kind === 'link').map((s) => s.endpoints)).toEqual([['c', 'b'], ['b', 'a'], ['d', 'c']]);
  });

  it('judges routes SRLG-disjoint unless told node', () => {
    const ac = svc('ac', 'a', 'c');
    // SRLG: ac has one route (the duct is under both sides): nothing can leave it unprotected.
    expect(view(ducted, [ac])).toEqual(['riskGroup:d1:ac::2', 'node:d:::1', 'link:L4:::1']);
    // Node-disjoint: ac is protected, and every element of either side leaves it unprotected (d
    // before b: it also strands the tail).
    expect(view(ducted, [ac], { disjointness: 'node' })).toEqual([
      'riskGroup:d1:ac::2', 'node:d::ac:1', 'node:b::ac:0', 'link:L0::ac:0', 'link:L1::ac:0', 'link:L2::ac:0', 'link:L3::ac:0', 'link:L4:::1',
    ]);
  });

  it('node-disjoint: a duct under one side of a protected service leaves it unprotected, as whatIf says', () => {
    // Ring a-b-c-d with a-b alone in duct d2: routes a-b-c and a-d-c are node-disjoint.
    const g = buildGraph(graph('a b c d', 'a-b:d2 b-c c-d d-a'));
    const ac = svc('ac', 'a', 'c');
    expect(whatIf(g, [group('d2')], [ac], { disjointness: 'node' }).unprotected).toEqual(['ac']);
    expect(view(g, [ac], { disjointness: 'node' })).toEqual([
      'node:b::ac:0', 'node:d::ac:0', 'link:L0::ac:0', 'link:L1::ac:0', 'link:L2::ac:0', 'link:L3::ac:0', 'riskGroup:d2::ac:0',
    ]);
  });

  it('node-disjoint: a duct under two of three parallel links leaves a service needing two unprotected', () => {
    const g = buildGraph(graph('a b', 'a-b:g a-b a-b:g'));
    const ab = svc('ab', 'a', 'b');
    expect(whatIf(g, [group('g')], [ab], { disjointness: 'node' }).unprotected).toEqual(['ab']);
    expect(view(g, [ab], { disjointness: 'node' })).toEqual(['riskGroup:g::ab:0']);
    // SRLG-disjoint, the two links in g count as one route: two routes, each link leaves one.
    expect(view(g, [ab])).toEqual(['link:L1::ab:0', 'riskGroup:g::ab:0']);
  });

  it('a panel holding an endpoint cuts the service; a protected service with a route to spare has no single point of failure', () => {
    const k4 = buildGraph(graph('a b c d', 'a-b a-c a-d b-c b-d c-d', { a: ['p'] }));
    expect(view(k4, [svc('ab', 'a', 'b')], { disjointness: 'node' })).toEqual(['riskGroup:p:ab::0']);
  });

  it('lists the cut elements of a service in element order: nodes, links, groups', () => {
    const g = buildGraph(graph('a b c', 'a-b:d b-c'));
    expect(singleLossCuts(g, svc('ac', 'a', 'c'))).toEqual([node('b'), link('L0'), link('L1'), group('d')]);
  });

  it('a service cut from the start lists nothing', () => {
    expect(view(ring, [svc('af', 'a', 'f', 1)])).toEqual(['node:d:::1', 'link:L4:::1']);
    expect(singleLossCuts(ring, svc('af', 'a', 'f', 1))).toEqual([]);
  });
});
