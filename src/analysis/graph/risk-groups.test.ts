/**
 * Failures of several elements at once, case by case: what a failure set takes down (a lost group
 * takes its members), the components after it and how many nodes it strands, which risk groups
 * split the network, and the split prover's answers between two nodes. The agreement with brute
 * force on random graphs is in graph.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { type ElementRef, buildGraph, structureOf } from './multigraph.js';
import { Marks, SplitProver, failureSet, riskGroupCutIndices, riskGroupCuts, splitAfter } from './risk-groups.js';
import { graph, group, link, node } from '../../../test/support/graph-input.js';

describe('Marks', () => {
  it('is empty when made', () => {
    const m = new Marks(3);
    expect([m.has(0), m.has(2), m.add(1), m.has(1)]).toEqual([false, false, true, true]);
  });

  it('adds once, answers membership, and empties on next()', () => {
    const m = new Marks(4);
    m.next();
    expect([m.add(1), m.add(1), m.has(1), m.has(2)]).toEqual([true, false, true, false]);
    m.next();
    expect([m.has(1), m.add(1), m.has(1)]).toEqual([false, true, true]);
  });
});

describe('failureSet', () => {
  // Ring a-b-c-d; panel p feeds b and c; duct d1 holds a-b and c-d; duct d2 holds b-c.
  const g = buildGraph(graph('a b c d', 'a-b:d1 b-c:d2 c-d:d1 d-a', { b: ['p'], c: ['p'] }));
  const cases: { name: string; failed: ElementRef[]; nodes: number[]; links: number[]; groups: number[]; elements: number[] }[] = [
    { name: 'nothing', failed: [], nodes: [0, 0, 0, 0], links: [0, 0, 0, 0], groups: [0, 0, 0], elements: [] },
    { name: 'a node', failed: [node('d')], nodes: [0, 0, 0, 1], links: [0, 0, 0, 0], groups: [0, 0, 0], elements: [3] },
    { name: 'a link', failed: [link('L3')], nodes: [0, 0, 0, 0], links: [0, 0, 0, 1], groups: [0, 0, 0], elements: [7] },
    // Groups are numbered p (0), d1 (1), d2 (2); elements: nodes 0-3, links 4-7, groups 8-10.
    { name: 'a panel takes its nodes', failed: [group('p')], nodes: [0, 1, 1, 0], links: [0, 0, 0, 0], groups: [1, 0, 0], elements: [8, 1, 2] },
    { name: 'a duct takes its links', failed: [group('d1')], nodes: [0, 0, 0, 0], links: [1, 0, 1, 0], groups: [0, 1, 0], elements: [9, 4, 6] },
    {
      name: 'each element once, however often it is named',
      failed: [node('b'), group('p'), group('p'), link('L0'), group('d1'), link('L2')],
      nodes: [0, 1, 1, 0], links: [1, 0, 1, 0], groups: [1, 1, 0], elements: [1, 8, 2, 4, 9, 6],
    },
  ];
  it.each(cases)('$name', ({ failed, nodes, links, groups, elements }) => {
    const f = failureSet(g, failed);
    expect([[...f.nodes], [...f.links], [...f.groups], [...f.elements]]).toEqual([nodes, links, groups, elements]);
  });

  it.each([
    { ref: node('zz'), error: 'unknown node "zz"' },
    { ref: link('a'), error: 'unknown link "a"' },
    { ref: group('L0'), error: 'unknown riskGroup "L0"' },
  ])('$error', ({ ref, error }) => {
    expect(() => failureSet(g, [ref])).toThrow(new RangeError(error));
  });
});

describe('splitAfter', () => {
  // Two components: a ring a-b-c-d with a tail d-e-f, and a path x-y-z.
  const g = buildGraph(graph('a b c d e f x y z', 'a-b b-c c-d d-a d-e e-f x-y y-z'));
  const cases: { name: string; failed: ElementRef[]; label: number[]; components: number; stranded: number }[] = [
    { name: 'nothing', failed: [], label: [0, 0, 0, 0, 0, 0, 1, 1, 1], components: 2, stranded: 0 },
    { name: 'a ring node', failed: [node('b')], label: [0, -1, 0, 0, 0, 0, 1, 1, 1], components: 2, stranded: 0 },
    { name: 'the tail', failed: [link('L5')], label: [0, 0, 0, 0, 0, 1, 2, 2, 2], components: 3, stranded: 1 },
    // Both components lose nodes: strands counted in each and added.
    { name: 'in both components', failed: [node('d'), node('y')], label: [0, 0, 0, -1, 1, 1, 2, -1, 3], components: 4, stranded: 3 },
    // Two ring links strand b; the largest part is the rest (a, d, e, f).
    { name: 'two ring links', failed: [link('L0'), link('L2')], label: [0, 1, 1, 0, 0, 0, 2, 2, 2], components: 3, stranded: 2 },
    { name: 'a whole component', failed: [node('x'), node('y'), node('z')], label: [0, 0, 0, 0, 0, 0, -1, -1, -1], components: 1, stranded: 0 },
  ];
  it.each(cases)('$name', ({ failed, label, components, stranded }) => {
    const r = splitAfter(g, failureSet(g, failed));
    expect([[...r.label], r.componentsAfter, r.stranded]).toEqual([label, components, stranded]);
  });
});

describe('riskGroupCuts', () => {
  const cases: { name: string; g: ReturnType<typeof buildGraph>; cuts: string[] }[] = [
    // A bridge whose end is in the group proves nothing by itself: the sketch and the search decide.
    { name: 'a group of a leaf and its only link strands nobody', g: buildGraph(graph('a b c x', 'a-b b-c c-a b-x:g', { x: ['g'] })), cuts: [] },
    { name: 'a group of a hub and one of its links', g: buildGraph(graph('h a b', 'h-a h-b:g', { h: ['g'] })), cuts: ['g'] },
    { name: 'a group of a ring node and the ring link beyond it', g: buildGraph(graph('h a b c', 'h-a a-b:g b-c c-a', { h: ['g'] })), cuts: [] },
    { name: 'a group of two ring links and a tail link', g: buildGraph(graph('a b c d', 'a-b:g b-c c-a:g c-d:g')), cuts: ['g'] },
    { name: 'a group of one link of each of two rings', g: buildGraph(graph('a b c x y z', 'a-b:g b-c c-a x-y:g y-z z-x')), cuts: [] },
    { name: 'a group of both links of a two-link ring', g: buildGraph(graph('a b', 'a-b:g a-b:g a-b')), cuts: [] },
    { name: 'groups in order of their first mention', g: buildGraph(graph('a b c d', 'a-b:z b-c:y c-d:x')), cuts: ['z', 'y', 'x'] },
  ];
  it.each(cases)('$name', ({ g, cuts }) => {
    expect(riskGroupCuts(g)).toEqual(cuts);
  });

  it('is computed once per graph', () => {
    const g = buildGraph(graph('a b', 'a-b:g'));
    expect(riskGroupCutIndices(g)).toBe(riskGroupCutIndices(g));
  });
});

describe('SplitProver', () => {
  // Ring a-b-c-d with a tail d-e, and a separate pair x-y.
  const g = buildGraph(graph('a b c d e x y', 'a-b b-c c-d d-a d-e x-y'));
  const v = (id: string): number => g.nodeIndex.get(id)!;
  const l = (id: string): number => g.linkIndex.get(id)!;

  it('answers which survivors a failure separates', () => {
    const p = new SplitProver(g, structureOf(g));
    expect(p.alive(v('a'))).toBe(true);
    // Losing b and d: a, c and e end up apart; x-y is untouched.
    expect(p.strand([v('b'), v('d')], [])).toBe(2);
    expect([p.alive(v('b')), p.alive(v('a')), p.alive(v('x'))]).toEqual([false, true, true]);
    expect([p.separated(v('a'), v('c')), p.separated(v('a'), v('e')), p.separated(v('c'), v('e'))]).toEqual([true, true, true]);
    // Nodes of different components were never connected; an untouched component is not split.
    expect([p.separated(v('a'), v('x')), p.separated(v('x'), v('y'))]).toEqual([false, false]);
    expect(p.splits([v('b'), v('d')], [])).toBe(true);
  });

  it.each([
    { name: 'one ring link', nodes: [], links: ['L0'], splits: false, stranded: 0 },
    { name: 'the tail link', nodes: [], links: ['L4'], splits: true, stranded: 1 },
    { name: 'two ring links', nodes: [], links: ['L0', 'L2'], splits: true, stranded: 2 },
    { name: 'the ring node before the tail', nodes: ['d'], links: [], splits: true, stranded: 1 },
    { name: 'the separate pair', nodes: [], links: ['L5'], splits: true, stranded: 1 },
    { name: 'a leaf', nodes: ['e'], links: [], splits: false, stranded: 0 },
  ])('$name', ({ nodes, links, splits, stranded }) => {
    const p = new SplitProver(g, structureOf(g));
    expect(p.splits(nodes.map(v), links.map(l))).toBe(splits);
    expect(p.strand(nodes.map(v), links.map(l))).toBe(stranded);
  });
});
