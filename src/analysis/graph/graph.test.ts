/**
 * The graph analysis: table-driven cases on small graphs, then properties on random multigraphs
 * checked against brute force (remove each element, search again).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ElementRef, type GraphInput, GraphInputError, articulationPoints, bridges, buildGraph, connectedComponents, structureOf,
} from './multigraph.js';
import { disjointPaths } from './disjoint-paths.js';
import { SplitProver, failureSet, riskGroupCuts, splitAfter } from './risk-groups.js';
import { type ServiceSpec, singleLossCuts, sweep, whatIf } from './services.js';
import {
  allElements, allGroups, arbGraph, arbWithService, bruteCount, bruteDead, bruteLabels, bruteServiceCuts, bruteSplits, graph, group, link, node,
  refKey, sorted,
} from '../../../test/support/graph-input.js';

// ---------- table-driven ----------

describe('buildGraph', () => {
  it('lists every unknown and duplicate id at once', () => {
    const bad: GraphInput = {
      nodes: [{ id: 'a' }, { id: 'a' }, { id: 'b' }],
      links: [{ id: 'x', a: 'a', b: 'zz' }, { id: 'x', a: 'b', b: 'a' }, { id: 'y', a: 'qq', b: 'a' }],
    };
    expect(() => buildGraph(bad)).toThrow(GraphInputError);
    try {
      buildGraph(bad);
    } catch (err) {
      expect((err as GraphInputError).problems).toEqual([
        'nodes[1].id: duplicate node id "a"',
        'links[0].b: unknown node "zz"',
        'links[1].id: duplicate link id "x"',
        'links[2].a: unknown node "qq"',
      ]);
    }
  });
});

describe('structure of small graphs', () => {
  const cases: { name: string; input: GraphInput; components: number; aps: string[]; bridges: string[] }[] = [
    { name: 'empty', input: { nodes: [], links: [] }, components: 0, aps: [], bridges: [] },
    { name: 'single node', input: graph('a', ''), components: 1, aps: [], bridges: [] },
    { name: 'isolated nodes', input: graph('a b c', ''), components: 3, aps: [], bridges: [] },
    { name: 'one link', input: graph('a b', 'a-b'), components: 1, aps: [], bridges: ['L0'] },
    { name: 'path', input: graph('a b c d', 'a-b b-c c-d'), components: 1, aps: ['b', 'c'], bridges: ['L0', 'L1', 'L2'] },
    { name: 'cycle', input: graph('a b c d', 'a-b b-c c-d d-a'), components: 1, aps: [], bridges: [] },
    { name: 'parallel twin is not a bridge', input: graph('a b c', 'a-b a-b b-c'), components: 1, aps: ['b'], bridges: ['L2'] },
    { name: 'self-loops are ignored', input: graph('a b', 'a-a a-b b-b'), components: 1, aps: [], bridges: ['L1'] },
    { name: 'self-loop on an isolated node', input: graph('a b', 'a-a'), components: 2, aps: [], bridges: [] },
    { name: 'bowtie', input: graph('a b c d e', 'a-b b-c c-a c-d d-e e-c'), components: 1, aps: ['c'], bridges: [] },
    { name: 'disconnected with isolated node', input: graph('a b c d e f g', 'a-b b-c c-a d-e e-f f-d'), components: 3, aps: [], bridges: [] },
    { name: 'two components each a path', input: graph('a b c x y z', 'a-b b-c x-y y-z'), components: 2, aps: ['b', 'y'], bridges: ['L0', 'L1', 'L2', 'L3'] },
    { name: 'star', input: graph('h a b c', 'h-a h-b h-c'), components: 1, aps: ['h'], bridges: ['L0', 'L1', 'L2'] },
    { name: 'two cycles joined by a bridge', input: graph('a b c d e f', 'a-b b-c c-a c-d d-e e-f f-d'), components: 1, aps: ['c', 'd'], bridges: ['L3'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const g = buildGraph(c.input);
      expect(connectedComponents(g).count).toBe(c.components);
      expect(sorted(articulationPoints(g))).toEqual(sorted(c.aps));
      expect(sorted(bridges(g))).toEqual(sorted(c.bridges));
    });
  }

  it('a 100,000-node chain does not overflow the stack', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `v${i}` }));
    const links = Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, a: `v${i}`, b: `v${i + 1}` }));
    const g = buildGraph({ nodes, links });
    expect(articulationPoints(g)).toHaveLength(n - 2);
    expect(bridges(g)).toHaveLength(n - 1);
    expect(singleLossCuts(g, { id: 's', endpoints: ['v0', `v${n - 1}`] })).toHaveLength(2 * n - 3);
  });
});

describe('risk-group cuts', () => {
  const cases: { name: string; input: GraphInput; cuts: string[] }[] = [
    { name: 'two links of a ring in one duct', input: graph('a b c d', 'a-b:d1 b-c c-d:d1 d-a'), cuts: ['d1'] },
    { name: 'two adjacent ring links in one duct strand a node', input: graph('a b c d', 'a-b:d1 b-c:d1 c-d d-a'), cuts: ['d1'] },
    { name: 'one ring link alone is no cut', input: graph('a b c d', 'a-b:d1 b-c c-d:d2 d-a'), cuts: [] },
    { name: 'both parallel links in one duct', input: graph('a b', 'a-b:d1 a-b:d1'), cuts: ['d1'] },
    { name: 'parallel links in different ducts', input: graph('a b', 'a-b:d1 a-b:d2'), cuts: [] },
    { name: 'a group holding a bridge', input: graph('a b c', 'a-b:d1 b-c'), cuts: ['d1'] },
    { name: 'a panel feeding both middle nodes of a ladder', input: graph('a b c d', 'a-b a-c b-d c-d', { b: ['p1'], c: ['p1'] }), cuts: ['p1'] },
    { name: 'a panel feeding a leaf and its hub strands nobody', input: graph('h x y', 'h-x h-y x-y', { h: ['p1'], x: ['p1'] }), cuts: [] },
    { name: 'a panel feeding a leaf', input: graph('a b', 'a-b', { a: ['p1'] }), cuts: [] },
    { name: 'a panel feeding an isolated node', input: graph('a b c', 'a-b', { c: ['p1'] }), cuts: [] },
    { name: 'a panel feeding a whole component and a hub elsewhere', input: graph('a b c x y', 'a-b b-c x-y', { b: ['p1'], x: ['p1'], y: ['p1'] }), cuts: ['p1'] },
    { name: 'self-loop only', input: graph('a b', 'a-a:d1 a-b'), cuts: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(riskGroupCuts(buildGraph(c.input))).toEqual(c.cuts);
    });
  }
});

describe('disjoint paths', () => {
  const cases: { name: string; input: GraphInput; a: string; b: string; node: number; srlg: [number, number] }[] = [
    { name: 'path', input: graph('a b c', 'a-b b-c'), a: 'a', b: 'c', node: 1, srlg: [1, 1] },
    { name: 'ring, opposite corners', input: graph('a b c d', 'a-b b-c c-d d-a'), a: 'a', b: 'c', node: 2, srlg: [2, 2] },
    { name: 'K4', input: graph('a b c d', 'a-b a-c a-d b-c b-d c-d'), a: 'a', b: 'b', node: 3, srlg: [3, 3] },
    { name: 'parallel direct links', input: graph('a b', 'a-b a-b a-b'), a: 'a', b: 'b', node: 3, srlg: [3, 3] },
    { name: 'disconnected', input: graph('a b c', 'a-c'), a: 'a', b: 'b', node: 0, srlg: [0, 0] },
    { name: 'shared middle node', input: graph('a m b x y', 'a-x x-m a-y y-m m-b m-b'), a: 'a', b: 'b', node: 1, srlg: [1, 1] },
    // The trap: the shortest route a-p-q-b blocks both others; max-flow finds a-p-r-b and a-s-q-b.
    { name: 'trap topology', input: graph('a p q b r s', 'a-p p-q q-b p-r r-b a-s s-q'), a: 'a', b: 'b', node: 2, srlg: [2, 2] },
    { name: 'ring with both sides in one duct', input: graph('a b c d', 'a-b:d1 b-c c-d:d1 d-a'), a: 'a', b: 'c', node: 2, srlg: [1, 1] },
    { name: 'ring, panel feeds both sides', input: graph('a b c d', 'a-b b-c c-d d-a', { b: ['p'], d: ['p'] }), a: 'a', b: 'c', node: 2, srlg: [1, 1] },
    { name: 'endpoint on a panel allows one route', input: graph('a b c d', 'a-b b-c c-d d-a', { a: ['p'] }), a: 'a', b: 'c', node: 2, srlg: [1, 1] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const g = buildGraph(c.input);
      const nd = disjointPaths(g, c.a, c.b, { disjointness: 'node' });
      expect([nd.lower, nd.upper, nd.routes.length]).toEqual([c.node, c.node, c.node]);
      const sr = disjointPaths(g, c.a, c.b);
      expect([sr.lower, sr.upper]).toEqual(c.srlg);
      for (const r of sr.routes) {
        expect(r.nodes[0]).toBe(c.a);
        expect(r.nodes[r.nodes.length - 1]).toBe(c.b);
      }
    });
  }

  it('reports an upper bound it cannot prove when a duct joins two far parts', () => {
    // d1 holds s-x and y-t; the flow can "teleport" through the duct, a real route cannot.
    const g = buildGraph(graph('s x y t m', 's-x:d1 y-t:d1 s-m m-t x-m m-y'));
    const r = disjointPaths(g, 's', 't');
    expect(r.lower).toBe(1);
    expect(r.upper).toBeGreaterThanOrEqual(1);
    expect(r.exact).toBe(r.lower === r.upper);
  });

  it('counts with failed elements and stops at the limit', () => {
    const g = buildGraph(graph('a b c d', 'a-b a-c a-d b-c b-d c-d'));
    expect(disjointPaths(g, 'a', 'b', { failed: [node('c')] }).lower).toBe(2);
    expect(disjointPaths(g, 'a', 'b', { failed: [link('L0'), node('d')] }).lower).toBe(1);
    expect(disjointPaths(g, 'a', 'b', { limit: 2 }).upper).toBe(2);
  });
});

describe('single-loss cuts of a service', () => {
  it('path through a bridge, a hub and a duct', () => {
    const input = graph('a b c d e', 'a-b b-c:d1 c-d c-e:d1 e-d');
    const g = buildGraph(input);
    expect(singleLossCuts(g, { id: 's', endpoints: ['a', 'd'] }).map(refKey).sort()).toEqual(bruteServiceCuts(input, 'a', 'd'));
    expect(singleLossCuts(g, { id: 's', endpoints: ['a', 'd'] }).map(refKey).sort()).toEqual(['link:L0', 'link:L1', 'node:b', 'node:c', 'riskGroup:d1']);
  });
  it('a panel holding an endpoint cuts the service; the endpoint itself is not listed', () => {
    const input = graph('a b c d', 'a-b b-c c-d d-a', { a: ['p'] });
    expect(singleLossCuts(buildGraph(input), { id: 's', endpoints: ['a', 'c'] }).map(refKey)).toEqual(['riskGroup:p']);
  });
});

describe('whatIf', () => {
  const input = graph('a b c d', 'a-b b-c c-d d-a');
  const svc: ServiceSpec = { id: 'ac', endpoints: ['a', 'c'], requiredPaths: 2 };
  const g = buildGraph(input);
  const cases: { name: string; failed: ElementRef[]; cut: string[]; unprotected: string[]; after: string; stranded: number; components: number }[] = [
    { name: 'nothing failed', failed: [], cut: [], unprotected: [], after: 'protected', stranded: 0, components: 1 },
    { name: 'N-1: one side of the ring', failed: [node('b')], cut: [], unprotected: ['ac'], after: 'unprotected', stranded: 0, components: 1 },
    { name: 'N-1: one link', failed: [link('L0')], cut: [], unprotected: ['ac'], after: 'unprotected', stranded: 0, components: 1 },
    { name: 'N-2: both sides', failed: [node('b'), node('d')], cut: ['ac'], unprotected: [], after: 'cut', stranded: 1, components: 2 },
    { name: 'N-2: two links of one side strand its middle', failed: [link('L0'), link('L1')], cut: [], unprotected: ['ac'], after: 'unprotected', stranded: 1, components: 2 },
    { name: 'N-2: one link each side', failed: [link('L0'), link('L2')], cut: ['ac'], unprotected: [], after: 'cut', stranded: 2, components: 2 },
    { name: 'an endpoint', failed: [node('a')], cut: ['ac'], unprotected: [], after: 'cut', stranded: 0, components: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = whatIf(g, c.failed, [svc]);
      expect(r.cut).toEqual(c.cut);
      expect(r.unprotected).toEqual(c.unprotected);
      expect(r.services[0]!.after).toBe(c.after);
      expect(r.services[0]!.before).toBe('protected');
      expect(r.stranded).toBe(c.stranded);
      expect(r.componentsAfter).toBe(c.components);
    });
  }
  it('a duct under both sides of the ring cuts the services; none was protected, so none is reported unprotected', () => {
    const g2 = buildGraph(graph('a b c d', 'a-b:d1 b-c c-d:d1 d-a'));
    const r = whatIf(g2, [group('d1')], [svc, { id: 'ab', endpoints: ['a', 'b'], requiredPaths: 2 }]);
    expect(r.cut).toEqual(['ac', 'ab']);
    expect(r.services.find((s) => s.id === 'ab')!.before).toBe('unprotected');
    expect(r.services.find((s) => s.id === 'ac')!.before).toBe('unprotected');
    expect(r.unprotected).toEqual([]);
  });
});

describe('sweep', () => {
  it('ranks by services cut, then unprotected, then stranded nodes', () => {
    // Ring a-b-c with a tail c-d-e. Service ae needs 1 route, ab needs 2 (a-b and a-c-b).
    const g = buildGraph(graph('a b c d e', 'a-b b-c c-a c-d d-e'));
    const spofs = sweep(g, [{ id: 'ae', endpoints: ['a', 'e'], requiredPaths: 1 }, { id: 'ab', endpoints: ['a', 'b'] }]);
    expect(spofs.map((s) => `${s.kind}:${s.id}:${s.cuts.join('+')}:${s.unprotects.join('+')}:${s.stranded}`)).toEqual([
      'node:c:ae:ab:2',
      'link:L3:ae::2',
      'node:d:ae::1',
      'link:L4:ae::1',
      'link:L0::ab:0',
      'link:L1::ab:0',
      'link:L2::ab:0',
    ]);
    expect(spofs.find((s) => s.id === 'L3')!.endpoints).toEqual(['c', 'd']);
    expect(spofs.find((s) => s.id === 'c')!.endpoints).toBeUndefined();
  });

  it('without services lists exactly the articulation points, bridges and risk-group cuts', () => {
    const g = buildGraph(graph('a b c d e f', 'a-b:d1 b-c c-a:d1 c-d d-e e-f f-d'));
    expect(sweep(g).map((s) => `${s.kind}:${s.id}`).sort()).toEqual(['link:L3', 'node:c', 'node:d', 'riskGroup:d1']);
  });
});

// ---------- properties ----------

/** More runs for a deeper search: REDLINE_FC_RUNS=5000 npx vitest run src/analysis/graph/ */
const RUNS = { numRuns: Number(process.env['REDLINE_FC_RUNS'] ?? 300) };
const FEWER = { numRuns: Math.ceil(RUNS.numRuns * 2 / 3) };

describe('properties on random multigraphs', () => {
  it('articulation points and bridges equal brute-force N-1', () => {
    fc.assert(fc.property(arbGraph(false), (input) => {
      const g = buildGraph(input);
      const base = bruteCount(input, new Set(), new Set());
      const aps = input.nodes.filter((n) => bruteCount(input, new Set([n.id]), new Set()) > base).map((n) => n.id);
      const brs = input.links.filter((l) => bruteCount(input, new Set(), new Set([l.id])) > base).map((l) => l.id);
      expect(sorted(articulationPoints(g))).toEqual(sorted(aps));
      expect(sorted(bridges(g))).toEqual(sorted(brs));
      expect(connectedComponents(g).count).toBe(base);
    }), RUNS);
  });

  it('risk-group cuts equal brute-force removal of each group (links and nodes)', () => {
    fc.assert(fc.property(arbGraph(true), (input) => {
      const g = buildGraph(input);
      const expected = allGroups(input).filter((r) => bruteSplits(input, bruteDead(input, group(r))));
      expect(sorted(riskGroupCuts(g))).toEqual(sorted(expected));
      const linkOnly = allGroups(input).filter((r) => !input.nodes.some((n) => n.riskGroups?.includes(r) === true));
      const base = bruteCount(input, new Set(), new Set());
      for (const r of linkOnly) {
        const dead = bruteDead(input, group(r));
        expect(riskGroupCuts(g).includes(r)).toBe(bruteCount(input, dead.nodes, dead.links) > base);
      }
    }), RUNS);
  });

  it('the split prover agrees with brute force and with a full search on any failure (not only cuts)', () => {
    const arb = arbGraph(false, 12, 20).chain((input) => fc.record({
      input: fc.constant(input),
      nodes: fc.subarray(input.nodes.map((_, i) => i), { maxLength: Math.min(3, input.nodes.length) }),
      links: fc.subarray(input.links.map((_, i) => i), { maxLength: Math.min(4, input.links.length) }),
    }));
    fc.assert(fc.property(arb, ({ input, nodes, links }) => {
      const g = buildGraph(input);
      const expected = bruteSplits(input, { nodes: new Set(nodes.map((v) => `n${v}`)), links: new Set(links.map((l) => `l${l}`)) });
      const prover = new SplitProver(g, structureOf(g));
      expect(prover.splits(nodes, links)).toBe(expected);
      const failed = [...nodes.map((v) => node(`n${v}`)), ...links.map((l) => link(`l${l}`))];
      const full = splitAfter(g, failureSet(g, failed));
      expect(prover.strand(nodes, links)).toBe(full.stranded);
      expect(full.stranded > 0).toBe(expected);
      // Pieces: two survivors are separated exactly when the full search labels them apart.
      const before = bruteLabels(input, new Set(), new Set());
      for (let a = 0; a < input.nodes.length; a++) {
        for (let b = 0; b < input.nodes.length; b++) {
          if (!prover.alive(a) || !prover.alive(b)) continue;
          const apart = before.get(`n${a}`) === before.get(`n${b}`) && full.label[a] !== full.label[b];
          expect(prover.separated(a, b)).toBe(apart);
        }
      }
    }), RUNS);
  });

  it('sweep without services is exactly the elements whose loss splits the network', () => {
    fc.assert(fc.property(arbGraph(true), (input) => {
      const expected = allElements(input).filter((e) => bruteSplits(input, bruteDead(input, e))).map(refKey);
      expect(sweep(buildGraph(input)).map(refKey).sort()).toEqual(expected.sort());
    }), RUNS);
  });

  it('adding a path disjoint from everything never adds a single point of failure', () => {
    const arb = arbWithService(true).chain(({ input, service }) =>
      fc.tuple(fc.nat(input.nodes.length - 1), fc.nat(input.nodes.length - 1), fc.integer({ min: 0, max: 3 }))
        .map(([x, y, hops]) => ({ input, service, x, y, hops })));
    fc.assert(fc.property(arb, ({ input, service, x, y, hops }) => {
      // Between two different nodes of one component: a path from a node back to itself would
      // hang a cycle off it (and make it an articulation point).
      const labels = bruteLabels(input, new Set(), new Set());
      fc.pre(x !== y && labels.get(`n${x}`) === labels.get(`n${y}`));
      // A panel feeding both ends would strand the new path's own nodes: a new SPOF, rightly.
      const bothEnds = new Set((input.nodes[x]!.riskGroups ?? []).filter((r) => input.nodes[y]!.riskGroups?.includes(r) === true));
      const extraNodes = Array.from({ length: hops }, (_, i) => ({ id: `p${i}` }));
      const chain = [`n${x}`, ...extraNodes.map((n) => n.id), `n${y}`];
      const extraLinks = chain.slice(1).map((b, i) => ({ id: `pl${i}`, a: chain[i]!, b }));
      const bigger: GraphInput = { nodes: [...input.nodes, ...extraNodes], links: [...input.links, ...extraLinks] };
      const before = new Map(sweep(buildGraph(input), [service]).map((s) => [refKey(s), s]));
      for (const s of sweep(buildGraph(bigger), [service])) {
        const old = before.get(refKey(s));
        if (s.stranded > 0 && !(s.kind === 'riskGroup' && bothEnds.has(s.id))) expect(old?.stranded ?? 0).toBeGreaterThan(0);
        for (const c of s.cuts) expect(old?.cuts ?? []).toContain(c);
      }
    }), RUNS);
  });

  it('merging two risk groups never removes one (link groups; service cuts with any groups)', () => {
    const merged = (input: GraphInput): GraphInput => ({
      nodes: input.nodes.map((n) => ({ ...n, ...(n.riskGroups !== undefined ? { riskGroups: n.riskGroups.map((r) => (r === 'g1' ? 'g0' : r)) } : {}) })),
      links: input.links.map((l) => ({ ...l, ...(l.riskGroups !== undefined ? { riskGroups: l.riskGroups.map((r) => (r === 'g1' ? 'g0' : r)) } : {}) })),
    });
    fc.assert(fc.property(arbGraph(false), (input) => {
      const before = riskGroupCuts(buildGraph(input));
      const after = riskGroupCuts(buildGraph(merged(input)));
      if (before.includes('g0') || before.includes('g1')) expect(after).toContain('g0');
    }), RUNS);
    fc.assert(fc.property(arbWithService(true), ({ input, service }) => {
      const before = singleLossCuts(buildGraph(input), service).map(refKey);
      const after = singleLossCuts(buildGraph(merged(input)), service).map(refKey);
      if (before.includes('riskGroup:g0') || before.includes('riskGroup:g1')) expect(after).toContain('riskGroup:g0');
    }), RUNS);
  });

  it('the single-loss cut elements of a service equal brute-force removal', () => {
    fc.assert(fc.property(arbWithService(true), ({ input, service }) => {
      const [a, b] = service.endpoints;
      const labels = bruteLabels(input, new Set(), new Set());
      const connected = labels.get(a) === labels.get(b);
      const got = singleLossCuts(buildGraph(input), service).map(refKey).sort();
      expect(got).toEqual(connected ? bruteServiceCuts(input, a, b) : []);
    }), RUNS);
  });

  it('node-disjoint route counts equal the smallest separating set of nodes and links (Menger)', () => {
    fc.assert(fc.property(arbWithService(false), ({ input, service }) => {
      const [a, b] = service.endpoints;
      const g = buildGraph(input);
      const count = disjointPaths(g, a, b, { disjointness: 'node' });
      const candidates = [...input.nodes.filter((n) => n.id !== a && n.id !== b).map((n) => node(n.id)), ...input.links.filter((l) => l.a !== l.b).map((l) => link(l.id))];
      const separates = (set: ElementRef[]): boolean => {
        const labels = bruteLabels(input, new Set(set.filter((e) => e.kind === 'node').map((e) => e.id)), new Set(set.filter((e) => e.kind === 'link').map((e) => e.id)));
        return labels.get(a) !== labels.get(b);
      };
      let min = Infinity;
      const search = (from: number, chosen: ElementRef[]): void => {
        if (chosen.length >= min) return;
        if (separates(chosen)) {
          min = chosen.length;
          return;
        }
        if (chosen.length === 3) return;
        for (let i = from; i < candidates.length; i++) search(i + 1, [...chosen, candidates[i]!]);
      };
      search(0, []);
      if (min <= 3) expect(count.lower).toBe(min);
      else expect(count.lower).toBeGreaterThanOrEqual(4);
      expect(count.upper).toBe(count.lower);
    }), FEWER);
  });

  it('SRLG routes are real and disjoint, and the bounds bracket the true maximum', () => {
    fc.assert(fc.property(arbWithService(true), ({ input, service }) => {
      const [a, b] = service.endpoints;
      const g = buildGraph(input);
      const r = disjointPaths(g, a, b);
      expect(r.lower).toBeLessThanOrEqual(r.upper);
      expect(r.routes).toHaveLength(r.lower);
      const linkById = new Map(input.links.map((l) => [l.id, l]));
      const groupsOfNode = new Map(input.nodes.map((n) => [n.id, n.riskGroups ?? []]));
      const usedNodes = new Set<string>();
      const usedLinks = new Set<string>();
      const usedGroups = new Set<string>();
      for (const route of r.routes) {
        expect(route.nodes[0]).toBe(a);
        expect(route.nodes[route.nodes.length - 1]).toBe(b);
        expect(route.links).toHaveLength(route.nodes.length - 1);
        const groups = new Set<string>();
        route.links.forEach((id, i) => {
          const l = linkById.get(id)!;
          expect([l.a, l.b].sort()).toEqual([route.nodes[i]!, route.nodes[i + 1]!].sort());
          expect(usedLinks.has(id)).toBe(false);
          usedLinks.add(id);
          for (const x of l.riskGroups ?? []) groups.add(x);
        });
        route.nodes.forEach((v, i) => {
          if (i > 0 && i < route.nodes.length - 1) {
            expect(usedNodes.has(v)).toBe(false);
            usedNodes.add(v);
          }
          for (const x of groupsOfNode.get(v)!) groups.add(x);
        });
        for (const x of groups) {
          expect(usedGroups.has(x)).toBe(false);
          usedGroups.add(x);
        }
      }
      // Brute force on the simple routes: the largest pairwise SRLG-disjoint family.
      const routes: { nodes: Set<string>; links: Set<string>; groups: Set<string> }[] = [];
      const adj = new Map<string, { to: string; id: string }[]>(input.nodes.map((n) => [n.id, []]));
      for (const l of input.links) {
        if (l.a === l.b) continue;
        adj.get(l.a)!.push({ to: l.b, id: l.id });
        adj.get(l.b)!.push({ to: l.a, id: l.id });
      }
      const walk = (v: string, nodes: string[], links: string[]): void => {
        if (routes.length > 400) return;
        if (v === b) {
          const groups = new Set<string>();
          for (const x of nodes) for (const y of groupsOfNode.get(x)!) groups.add(y);
          for (const id of links) for (const y of linkById.get(id)!.riskGroups ?? []) groups.add(y);
          routes.push({ nodes: new Set(nodes.slice(1, -1)), links: new Set(links), groups });
          return;
        }
        for (const { to, id } of adj.get(v)!) if (!nodes.includes(to)) walk(to, [...nodes, to], [...links, id]);
      };
      walk(a, [a], []);
      fc.pre(routes.length <= 400);
      let best = 0;
      const pick = (from: number, chosen: typeof routes): void => {
        if (chosen.length > best) best = chosen.length;
        for (let i = from; i < routes.length; i++) {
          const x = routes[i]!;
          if (chosen.every((y) => ![...x.nodes].some((v) => y.nodes.has(v)) && ![...x.links].some((l) => y.links.has(l)) && ![...x.groups].some((q) => y.groups.has(q)))) {
            pick(i + 1, [...chosen, x]);
          }
        }
      };
      pick(0, []);
      expect(r.lower).toBeLessThanOrEqual(best);
      expect(r.upper).toBeGreaterThanOrEqual(best);
    }), FEWER);
  });

  it('sweep agrees with whatIf on every single element (N-1), SRLG- and node-disjoint', () => {
    fc.assert(fc.property(arbWithService(true), fc.constantFrom('srlg' as const, 'node' as const), ({ input, service }, disjointness) => {
      const g = buildGraph(input);
      const spofs = new Map(sweep(g, [service], { disjointness }).map((s) => [refKey(s), s]));
      for (const e of allElements(input)) {
        if (e.kind === 'node' && service.endpoints.includes(e.id)) continue;
        const r = whatIf(g, [e], [service], { disjointness });
        const s = spofs.get(refKey(e));
        expect(s?.cuts ?? []).toEqual(r.cut);
        expect(s?.unprotects ?? []).toEqual(r.unprotected);
      }
    }), RUNS);
  });

  it('whatIf N-2 agrees with brute-force connectivity', () => {
    const arb = arbWithService(true).chain(({ input, service }) => {
      const elements = allElements(input);
      return fc.subarray(elements, { minLength: 1, maxLength: 2 }).map((failed) => ({ input, service, failed }));
    });
    fc.assert(fc.property(arb, ({ input, service, failed }) => {
      const [a, b] = service.endpoints;
      const dead = { nodes: new Set<string>(), links: new Set<string>() };
      for (const e of failed) {
        const d = bruteDead(input, e);
        for (const v of d.nodes) dead.nodes.add(v);
        for (const l of d.links) dead.links.add(l);
      }
      const labels = bruteLabels(input, dead.nodes, dead.links);
      const connected = labels.has(a) && labels.get(a) === labels.get(b);
      const r = whatIf(buildGraph(input), failed, [service]);
      expect(r.services[0]!.after === 'cut').toBe(!connected);
      expect(r.componentsAfter).toBe(new Set(labels.values()).size);
    }), RUNS);
  });
});
