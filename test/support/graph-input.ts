/**
 * Graph inputs for the graph analysis tests (src/analysis/graph/*.test.ts): a compact notation for
 * small graphs, brute-force answers to compare with, and random multigraphs for property tests.
 */
import fc from 'fast-check';
import type { ElementRef, GraphInput } from '../../src/analysis/graph/multigraph.js';
import type { ServiceSpec } from '../../src/analysis/graph/services.js';

/** A graph from a compact description: "a-b b-c" with optional groups "a-b:duct1+duct2". */
export function graph(nodes: string, links: string, nodeGroups: Record<string, string[]> = {}): GraphInput {
  return {
    nodes: nodes.split(/\s+/).filter((x) => x !== '').map((id) => ({ id, ...(nodeGroups[id] !== undefined ? { riskGroups: nodeGroups[id] } : {}) })),
    links: links.split(/\s+/).filter((x) => x !== '').map((spec, i) => {
      const [ends, groups] = spec.split(':');
      const [a, b] = ends!.split('-');
      return { id: `L${i}`, a: a!, b: b!, ...(groups !== undefined ? { riskGroups: groups.split('+') } : {}) };
    }),
  };
}

export const sorted = (xs: readonly string[]): string[] => [...xs].sort();
export const node = (id: string): ElementRef => ({ kind: 'node', id });
export const link = (id: string): ElementRef => ({ kind: 'link', id });
export const group = (id: string): ElementRef => ({ kind: 'riskGroup', id });

/** Brute force: components of the graph with some nodes and links removed (-1 for a removed node). */
export function bruteLabels(input: GraphInput, deadNodes: ReadonlySet<string>, deadLinks: ReadonlySet<string>): Map<string, number> {
  const label = new Map<string, number>();
  const adj = new Map<string, string[]>(input.nodes.map((n) => [n.id, []]));
  for (const l of input.links) {
    if (deadLinks.has(l.id) || l.a === l.b) continue;
    adj.get(l.a)!.push(l.b);
    adj.get(l.b)!.push(l.a);
  }
  let next = 0;
  for (const n of input.nodes) {
    if (deadNodes.has(n.id) || label.has(n.id)) continue;
    const stack = [n.id];
    label.set(n.id, next);
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const w of adj.get(v)!) {
        if (deadNodes.has(w) || label.has(w)) continue;
        label.set(w, next);
        stack.push(w);
      }
    }
    next++;
  }
  return label;
}

export function bruteCount(input: GraphInput, deadNodes: ReadonlySet<string>, deadLinks: ReadonlySet<string>): number {
  return new Set(bruteLabels(input, deadNodes, deadLinks).values()).size;
}

/** The nodes and links an element takes down. */
export function bruteDead(input: GraphInput, e: ElementRef): { nodes: Set<string>; links: Set<string> } {
  if (e.kind === 'node') return { nodes: new Set([e.id]), links: new Set() };
  if (e.kind === 'link') return { nodes: new Set(), links: new Set([e.id]) };
  return {
    nodes: new Set(input.nodes.filter((n) => n.riskGroups?.includes(e.id) === true).map((n) => n.id)),
    links: new Set(input.links.filter((l) => l.riskGroups?.includes(e.id) === true).map((l) => l.id)),
  };
}

/** Brute force: do two surviving nodes that were connected end up disconnected? */
export function bruteSplits(input: GraphInput, dead: { nodes: Set<string>; links: Set<string> }): boolean {
  const before = bruteLabels(input, new Set(), new Set());
  const after = bruteLabels(input, dead.nodes, dead.links);
  const pieces = new Map<number, Set<number>>();
  for (const [v, c] of before) {
    const a = after.get(v);
    if (a === undefined) continue;
    let s = pieces.get(c);
    if (s === undefined) pieces.set(c, (s = new Set()));
    s.add(a);
  }
  return [...pieces.values()].some((s) => s.size > 1);
}

export function allGroups(input: GraphInput): string[] {
  const out = new Set<string>();
  for (const n of input.nodes) for (const x of n.riskGroups ?? []) out.add(x);
  for (const l of input.links) for (const x of l.riskGroups ?? []) out.add(x);
  return [...out];
}

export function allElements(input: GraphInput): ElementRef[] {
  return [...input.nodes.map((n) => node(n.id)), ...input.links.map((l) => link(l.id)), ...allGroups(input).map(group)];
}

/** Brute force: the elements (other than the endpoints) whose loss separates a and b or takes an endpoint. */
export function bruteServiceCuts(input: GraphInput, a: string, b: string): string[] {
  const out: string[] = [];
  for (const e of allElements(input)) {
    if (e.kind === 'node' && (e.id === a || e.id === b)) continue;
    const dead = bruteDead(input, e);
    const labels = bruteLabels(input, dead.nodes, dead.links);
    const la = labels.get(a);
    const lb = labels.get(b);
    if (la === undefined || lb === undefined || la !== lb) out.push(`${e.kind}:${e.id}`);
  }
  return out.sort();
}

export const refKey = (e: ElementRef): string => `${e.kind}:${e.id}`;

// ---------- random multigraphs ----------

const GROUPS = ['g0', 'g1', 'g2', 'g3'];

export const arbGraph = (withNodeGroups: boolean, maxNodes = 8, maxLinks = 14): fc.Arbitrary<GraphInput> =>
  fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.record({
      links: fc.array(fc.record({
        a: fc.nat(n - 1),
        b: fc.nat(n - 1),
        groups: fc.oneof(fc.constant([] as string[]), fc.subarray(GROUPS, { maxLength: 2 })),
      }), { maxLength: maxLinks }),
      nodeGroups: fc.array(withNodeGroups ? fc.oneof(fc.constant([] as string[]), fc.constant([] as string[]), fc.subarray(GROUPS, { maxLength: 1 })) : fc.constant([] as string[]), { minLength: n, maxLength: n }),
    }).map(({ links, nodeGroups }) => ({
      nodes: nodeGroups.map((gs, v) => ({ id: `n${v}`, ...(gs.length > 0 ? { riskGroups: gs } : {}) })),
      links: links.map((l, i) => ({ id: `l${i}`, a: `n${l.a}`, b: `n${l.b}`, ...(l.groups.length > 0 ? { riskGroups: l.groups } : {}) })),
    })));

export const arbWithService = (withNodeGroups: boolean): fc.Arbitrary<{ input: GraphInput; service: ServiceSpec }> =>
  arbGraph(withNodeGroups).filter((g) => g.nodes.length >= 2).chain((input) =>
    fc.tuple(fc.nat(input.nodes.length - 1), fc.nat(input.nodes.length - 2), fc.integer({ min: 1, max: 3 })).map(([x, y, k]) => {
      const b = y >= x ? y + 1 : y;
      return { input, service: { id: 'svc', endpoints: [`n${x}`, `n${b}`] as const, requiredPaths: k } };
    }));
