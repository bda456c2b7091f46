/**
 * The compact multigraph itself: how `buildGraph` numbers and lists nodes, links and risk groups,
 * the dense element index the what-if and sweep answers are built on, and the connectivity
 * structure's helpers (which part a node falls into, how many nodes a loss strands) checked
 * against a full search after the failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ElementRef, GraphInputError, buildGraph, connectedComponents, csrRow, elementAt, elementIndex, elementsNamed, groupCount,
  inSubtree, linkCount, nodeCount, partWithout, strandedByLink, strandedByNode, structureOf,
} from './multigraph.js';
import { failureSet, splitAfter } from './risk-groups.js';
import { arbGraph, bruteLabels, graph } from '../../../test/support/graph-input.js';

const RUNS = { numRuns: Number(process.env['REDLINE_FC_RUNS'] ?? 200) };

describe('GraphInputError', () => {
  it.each([
    { problems: ['links[0].a: unknown node "x"'], message: 'invalid graph: 1 problem\n  links[0].a: unknown node "x"' },
    {
      problems: ['nodes[1].id: duplicate node id "a"', 'links[0].b: unknown node "y"'],
      message: 'invalid graph: 2 problems\n  nodes[1].id: duplicate node id "a"\n  links[0].b: unknown node "y"',
    },
  ])('says how many problems and lists each on its own line ($problems.length)', ({ problems, message }) => {
    const err = new GraphInputError(problems);
    expect(err.message).toBe(message);
    expect(err.problems).toEqual(problems);
  });

  it('a link with both ends unknown reports both ends', () => {
    expect(() => buildGraph({ nodes: [{ id: 'a' }], links: [{ id: 'l', a: 'p', b: 'q' }] })).toThrow(
      'invalid graph: 2 problems\n  links[0].a: unknown node "p"\n  links[0].b: unknown node "q"',
    );
  });
});

describe('buildGraph numbering and lists', () => {
  it('counts nodes, links (self-loops included) and groups', () => {
    const g = buildGraph(graph('a b c', 'a-b:d1 b-b:d2 b-c', { c: ['p'] }));
    expect([nodeCount(g), linkCount(g), groupCount(g)]).toEqual([3, 3, 3]);
  });

  it('numbers groups in order of first mention (nodes first), keeps each list sorted and without duplicates', () => {
    const g = buildGraph({
      nodes: [{ id: 'a', riskGroups: ['p2', 'p1'] }, { id: 'b' }, { id: 'c', riskGroups: ['p1', 'p1'] }],
      links: [
        { id: 'x', a: 'a', b: 'b', riskGroups: ['d9', 'p2', 'd9'] },
        { id: 'y', a: 'b', b: 'c' },
        { id: 'z', a: 'c', b: 'a', riskGroups: ['d9'] },
      ],
    });
    expect(g.groupIds).toEqual(['p2', 'p1', 'd9']);
    expect([...g.groupIndex]).toEqual([['p2', 0], ['p1', 1], ['d9', 2]]);
    const rows = (c: typeof g.linkGroups, count: number): number[][] => Array.from({ length: count }, (_, i) => [...csrRow(c, i)]);
    expect(rows(g.nodeGroups, 3)).toEqual([[0, 1], [], [1]]);
    expect(rows(g.linkGroups, 3)).toEqual([[0, 2], [], [2]]);
    expect(rows(g.groupNodes, 3)).toEqual([[0], [0, 2], []]);
    expect(rows(g.groupLinks, 3)).toEqual([[0], [], [0, 2]]);
  });

  it('keeps parallel links and self-loops as elements, and leaves self-loops out of the adjacency', () => {
    const g = buildGraph(graph('a b c', 'a-b b-a c-c b-c'));
    expect([...g.linkA]).toEqual([0, 1, 2, 1]);
    expect([...g.linkB]).toEqual([1, 0, 2, 2]);
    const neighbours = (v: number): string[] =>
      Array.from({ length: g.adjStart[v + 1]! - g.adjStart[v]! }, (_, k) => `${g.nodeIds[g.adjNode[g.adjStart[v]! + k]!]!}/${g.linkIds[g.adjLink[g.adjStart[v]! + k]!]!}`);
    expect(neighbours(0)).toEqual(['b/L0', 'b/L1']);
    expect(neighbours(1)).toEqual(['a/L0', 'a/L1', 'c/L3']);
    expect(neighbours(2)).toEqual(['b/L3']);
  });
});

describe('elements as one index space', () => {
  // "x" is at once a node, a link and a group; "y" only a link; "d" only a group.
  const g = buildGraph({
    nodes: [{ id: 'x' }, { id: 'b', riskGroups: ['d'] }],
    links: [{ id: 'x', a: 'x', b: 'b', riskGroups: ['x'] }, { id: 'y', a: 'b', b: 'x' }],
  });
  const cases: { ref: ElementRef; index: number | undefined }[] = [
    { ref: { kind: 'node', id: 'x' }, index: 0 },
    { ref: { kind: 'node', id: 'b' }, index: 1 },
    { ref: { kind: 'link', id: 'x' }, index: 2 },
    { ref: { kind: 'link', id: 'y' }, index: 3 },
    { ref: { kind: 'riskGroup', id: 'd' }, index: 4 },
    { ref: { kind: 'riskGroup', id: 'x' }, index: 5 },
    { ref: { kind: 'node', id: 'y' }, index: undefined },
    { ref: { kind: 'link', id: 'b' }, index: undefined },
    { ref: { kind: 'riskGroup', id: 'y' }, index: undefined },
  ];
  it.each(cases)('$ref.kind $ref.id ↔ $index', ({ ref, index }) => {
    expect(elementIndex(g, ref)).toBe(index);
    if (index !== undefined) expect(elementAt(g, index)).toEqual(ref);
  });

  it.each([
    { id: 'x', named: [{ kind: 'node', id: 'x' }, { kind: 'link', id: 'x' }, { kind: 'riskGroup', id: 'x' }] },
    { id: 'b', named: [{ kind: 'node', id: 'b' }] },
    { id: 'y', named: [{ kind: 'link', id: 'y' }] },
    { id: 'd', named: [{ kind: 'riskGroup', id: 'd' }] },
    { id: 'nothing', named: [] },
  ])('a bare id "$id" names every element of that id', ({ id, named }) => {
    expect(elementsNamed(g, id)).toEqual(named);
  });
});

describe('connectivity structure', () => {
  it('numbers components in order of their first node and lists their nodes', () => {
    const g = buildGraph(graph('a b c d e', 'c-d a-e'));
    const { count, of } = connectedComponents(g);
    expect(count).toBe(3);
    expect([...of]).toEqual([['a', 0], ['b', 1], ['c', 2], ['d', 2], ['e', 0]]);
    const s = structureOf(g);
    expect([...s.componentSize]).toEqual([2, 1, 2]);
    expect(Array.from({ length: 3 }, (_, c) => [...csrRow(s.componentNodes, c)].map((v) => g.nodeIds[v]))).toEqual([['a', 'e'], ['b'], ['c', 'd']]);
  });

  it('computes the structure once per graph', () => {
    const g = buildGraph(graph('a b', 'a-b'));
    expect(structureOf(g)).toBe(structureOf(g));
  });

  it('a subtree of the DFS tree holds its root and its descendants only', () => {
    // DFS from a: a → b → c → d (a path), so c's subtree is {c, d}.
    const g = buildGraph(graph('a b c d', 'a-b b-c c-d'));
    const s = structureOf(g);
    const holds = (v: number): number[] => [0, 1, 2, 3].filter((x) => inSubtree(s, v, x));
    expect([holds(0), holds(1), holds(2), holds(3)]).toEqual([[0, 1, 2, 3], [1, 2, 3], [2, 3], [3]]);
    expect([...s.parent]).toEqual([-1, 0, 1, 2]);
    expect([...s.parentLink]).toEqual([-1, 0, 1, 2]);
  });

  it('a hub strands all but its largest branch; a bridge strands the smaller side', () => {
    // Hub h with branches of 3 (a1-a2-a3), 2 (b1-b2) and 1 (c1); the tail link h-c1 strands 1.
    const g = buildGraph(graph('h a1 a2 a3 b1 b2 c1', 'h-a1 a1-a2 a2-a3 h-b1 b1-b2 h-c1'));
    const s = structureOf(g);
    const v = (id: string): number => g.nodeIndex.get(id)!;
    const l = (id: string): number => g.linkIndex.get(id)!;
    expect(strandedByNode(s, v('h'))).toBe(3);
    expect(strandedByNode(s, v('a1'))).toBe(2);
    expect(strandedByNode(s, v('a3'))).toBe(0);
    expect(strandedByLink(g, s, l('L0'))).toBe(3);
    expect(strandedByLink(g, s, l('L1'))).toBe(2);
    expect(strandedByLink(g, s, l('L5'))).toBe(1);
  });

  it('a node that is the DFS root strands the smaller side too', () => {
    // a is the DFS root and the middle of a path b-a-c-d.
    const g = buildGraph(graph('a b c d', 'a-b a-c c-d'));
    expect(strandedByNode(structureOf(g), 0)).toBe(1);
  });

  it('stranded counts equal a full search after losing each node and each link', () => {
    fc.assert(fc.property(arbGraph(false, 10, 16), (input) => {
      const g = buildGraph(input);
      const s = structureOf(g);
      for (let v = 0; v < g.nodeIds.length; v++) {
        expect(strandedByNode(s, v)).toBe(splitAfter(g, failureSet(g, [{ kind: 'node', id: g.nodeIds[v]! }])).stranded);
      }
      for (let l = 0; l < g.linkIds.length; l++) {
        expect(strandedByLink(g, s, l)).toBe(splitAfter(g, failureSet(g, [{ kind: 'link', id: g.linkIds[l]! }])).stranded);
      }
    }), RUNS);
  });

  it('two nodes fall into different parts without v exactly when losing v separates them', () => {
    fc.assert(fc.property(arbGraph(false, 10, 16), (input) => {
      const g = buildGraph(input);
      const s = structureOf(g);
      const before = bruteLabels(input, new Set(), new Set());
      for (let v = 0; v < g.nodeIds.length; v++) {
        const after = bruteLabels(input, new Set([g.nodeIds[v]!]), new Set());
        expect(partWithout(s, v, v)).toBe(-1);
        for (let x = 0; x < g.nodeIds.length; x++) {
          for (let y = x + 1; y < g.nodeIds.length; y++) {
            if (x === v || y === v || before.get(g.nodeIds[x]!) !== before.get(g.nodeIds[v]!) || before.get(g.nodeIds[y]!) !== before.get(g.nodeIds[v]!)) continue;
            const apart = after.get(g.nodeIds[x]!) !== after.get(g.nodeIds[y]!);
            expect(partWithout(s, v, x) !== partWithout(s, v, y)).toBe(apart);
          }
        }
      }
    }), RUNS);
  });
});
