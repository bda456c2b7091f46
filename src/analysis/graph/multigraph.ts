/**
 * The network as a compact multigraph, and its connectivity structure.
 *
 * Nodes, links and shared-risk groups are addressed by string ids at the edges of the API and by
 * dense integers inside: node `v` in [0, n), link `l` in [0, m), group `r` in [0, groups). Parallel
 * links are kept (each is its own element; a link with a parallel twin is never a bridge).
 * Self-loops are kept as elements (they can be failed by id) but are left out of the adjacency:
 * they never carry a path and never change connectivity.
 *
 * Everything here is pure and linear in the size of the graph: one iterative depth-first search
 * (no recursion, so 100,000-node chains cannot overflow the stack) yields components, articulation
 * points and bridges (Hopcroft–Tarjan low-points), plus the DFS tree that the other analyses
 * (`graph-risk.ts`, `graph-paths.ts`, `graph-whatif.ts`) build on.
 */
import { UsageError } from '../../common/errors.js';

/** The three kinds of element whose loss the analysis considers. */
export type ElementKind = 'node' | 'link' | 'riskGroup';

/** One element of the network, by kind and id (ids of different kinds may coincide). */
export interface ElementRef {
  readonly kind: ElementKind;
  readonly id: string;
}

/** A node as given to `buildGraph`; `riskGroups` puts it in shared-risk groups (devices on one panel). */
export interface NodeInput {
  readonly id: string;
  readonly riskGroups?: readonly string[];
}

/** A link as given to `buildGraph`; `riskGroups` are the shared risks it runs through (duct, cable…). */
export interface LinkInput {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly riskGroups?: readonly string[];
}

/** What `buildGraph` needs: nodes and links by id. */
export interface GraphInput {
  readonly nodes: readonly NodeInput[];
  readonly links: readonly LinkInput[];
}

/** A compressed-sparse-row list: the items of row `i` are `items[start[i]] … items[start[i+1]-1]`. */
export interface Csr {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** The compact multigraph. Treat it as immutable: analyses cache results per graph object. */
export interface Graph {
  readonly nodeIds: readonly string[];
  readonly linkIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly linkIndex: ReadonlyMap<string, number>;
  readonly groupIndex: ReadonlyMap<string, number>;
  /** Endpoints of each link (equal for a self-loop). */
  readonly linkA: Int32Array;
  readonly linkB: Int32Array;
  /** Incidence without self-loops: for node v, neighbours `adjNode` over links `adjLink`. */
  readonly adjStart: Int32Array;
  readonly adjNode: Int32Array;
  readonly adjLink: Int32Array;
  /** Members of each risk group, and the groups of each link and node (each list sorted, no duplicates). */
  readonly groupLinks: Csr;
  readonly groupNodes: Csr;
  readonly linkGroups: Csr;
  readonly nodeGroups: Csr;
}

/** The input of `buildGraph` was inconsistent; `problems` lists every problem found. */
export class GraphInputError extends UsageError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid graph: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Number of nodes. */
export function nodeCount(g: Graph): number {
  return g.nodeIds.length;
}

/** Number of links (self-loops included). */
export function linkCount(g: Graph): number {
  return g.linkIds.length;
}

/** Number of shared-risk groups. */
export function groupCount(g: Graph): number {
  return g.groupIds.length;
}

/** The items of row `i` of a CSR list (a view, not a copy). */
export function csrRow(c: Csr, i: number): Int32Array {
  return c.items.subarray(c.start[i], c.start[i + 1]);
}

/** A CSR list from parallel arrays of (row, item) pairs; each row sorted, duplicates dropped. */
function buildCsr(rows: number, rowOf: readonly number[], itemOf: readonly number[]): Csr {
  const start = new Int32Array(rows + 1);
  for (const r of rowOf) start[r + 1]!++;
  for (let i = 0; i < rows; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, rows);
  const items = new Int32Array(rowOf.length);
  rowOf.forEach((r, k) => {
    items[fill[r]!++] = itemOf[k]!;
  });
  // Sort rows of two or more (rare and short) and squeeze out duplicates in place.
  let out = 0;
  let from = 0;
  for (let i = 0; i < rows; i++) {
    const to = start[i + 1]!;
    if (to - from > 1) items.subarray(from, to).sort();
    start[i] = out;
    for (let k = from; k < to; k++) if (k === from || items[k] !== items[k - 1]) items[out++] = items[k]!;
    from = to;
  }
  start[rows] = out;
  return { start, items: out === items.length ? items : items.slice(0, out) };
}

/** Builds the compact multigraph; throws GraphInputError listing every duplicate or unknown id. */
export function buildGraph(input: GraphInput): Graph {
  const problems: string[] = [];
  const nodeIds: string[] = [];
  const nodeIndex = new Map<string, number>();
  input.nodes.forEach((node, i) => {
    if (nodeIndex.has(node.id)) problems.push(`nodes[${i}].id: duplicate node id "${node.id}"`);
    else {
      nodeIndex.set(node.id, nodeIds.length);
      nodeIds.push(node.id);
    }
  });
  const n = nodeIds.length;
  const m = input.links.length;
  const linkIds: string[] = new Array<string>(m);
  const linkIndex = new Map<string, number>();
  const linkA = new Int32Array(m);
  const linkB = new Int32Array(m);
  const degree = new Int32Array(n + 1);
  input.links.forEach((link, l) => {
    const a = nodeIndex.get(link.a);
    const b = nodeIndex.get(link.b);
    if (a === undefined) problems.push(`links[${l}].a: unknown node "${link.a}"`);
    else linkA[l] = a;
    if (b === undefined) problems.push(`links[${l}].b: unknown node "${link.b}"`);
    else linkB[l] = b;
    if (linkIndex.has(link.id)) problems.push(`links[${l}].id: duplicate link id "${link.id}"`);
    else linkIndex.set(link.id, l);
    linkIds[l] = link.id;
    if (a !== undefined && b !== undefined && a !== b) {
      degree[a + 1]!++;
      degree[b + 1]!++;
    }
  });
  if (problems.length > 0) throw new GraphInputError(problems);

  const adjStart = degree;
  for (let v = 0; v < n; v++) adjStart[v + 1]! += adjStart[v]!;
  const adjNode = new Int32Array(adjStart[n]!);
  const adjLink = new Int32Array(adjStart[n]!);
  const fill = adjStart.slice(0, n);
  for (let l = 0; l < m; l++) {
    const a = linkA[l]!;
    const b = linkB[l]!;
    if (a === b) continue;
    let k = fill[a]!++;
    adjNode[k] = b;
    adjLink[k] = l;
    k = fill[b]!++;
    adjNode[k] = a;
    adjLink[k] = l;
  }

  const groupIds: string[] = [];
  const groupIndex = new Map<string, number>();
  const groupOf = (id: string): number => {
    let r = groupIndex.get(id);
    if (r === undefined) {
      r = groupIds.length;
      groupIndex.set(id, r);
      groupIds.push(id);
    }
    return r;
  };
  const linkMemberGroup: number[] = [];
  const linkMember: number[] = [];
  const nodeMemberGroup: number[] = [];
  const nodeMember: number[] = [];
  input.nodes.forEach((node, v) => {
    if (node.riskGroups === undefined) return;
    for (const id of node.riskGroups) {
      nodeMemberGroup.push(groupOf(id));
      nodeMember.push(v);
    }
  });
  input.links.forEach((link, l) => {
    if (link.riskGroups === undefined) return;
    for (const id of link.riskGroups) {
      linkMemberGroup.push(groupOf(id));
      linkMember.push(l);
    }
  });
  const r = groupIds.length;
  return {
    nodeIds, linkIds, groupIds, nodeIndex, linkIndex, groupIndex, linkA, linkB, adjStart, adjNode, adjLink,
    groupLinks: buildCsr(r, linkMemberGroup, linkMember),
    groupNodes: buildCsr(r, nodeMemberGroup, nodeMember),
    linkGroups: buildCsr(m, linkMember, linkMemberGroup),
    nodeGroups: buildCsr(n, nodeMember, nodeMemberGroup),
  };
}

/**
 * Elements as one dense index space: node v → v, link l → n + l, group r → n + m + r.
 * Used by the analyses that treat all three kinds alike.
 */
export function elementIndex(g: Graph, ref: ElementRef): number | undefined {
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  switch (ref.kind) {
    case 'node':
      return g.nodeIndex.get(ref.id);
    case 'link': {
      const l = g.linkIndex.get(ref.id);
      return l === undefined ? undefined : n + l;
    }
    case 'riskGroup': {
      const r = g.groupIndex.get(ref.id);
      return r === undefined ? undefined : n + m + r;
    }
  }
}

/** The element at a dense element index (inverse of `elementIndex`). */
export function elementAt(g: Graph, e: number): ElementRef {
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  if (e < n) return { kind: 'node', id: g.nodeIds[e]! };
  if (e < n + m) return { kind: 'link', id: g.linkIds[e - n]! };
  return { kind: 'riskGroup', id: g.groupIds[e - n - m]! };
}

/** Every element (of any kind) whose id is `id`: what a bare id on a command line may mean. */
export function elementsNamed(g: Graph, id: string): ElementRef[] {
  const out: ElementRef[] = [];
  if (g.nodeIndex.has(id)) out.push({ kind: 'node', id });
  if (g.linkIndex.has(id)) out.push({ kind: 'link', id });
  if (g.groupIndex.has(id)) out.push({ kind: 'riskGroup', id });
  return out;
}

/**
 * The connectivity structure of a graph, from one iterative DFS. Node arrays are indexed by node,
 * link arrays by link. The DFS numbers nodes in preorder, so the subtree of v is exactly the nodes
 * whose `pre` lies in [pre[v], end[v]].
 */
export interface Structure {
  readonly componentCount: number;
  /** Component of each node (components numbered in order of their first node). */
  readonly componentOf: Int32Array;
  /** Number of nodes of each component. */
  readonly componentSize: Int32Array;
  /** Nodes grouped by component, as a CSR list (component → nodes in DFS preorder). */
  readonly componentNodes: Csr;
  /** DFS preorder number of each node, the last preorder number in its subtree, and its low-point. */
  readonly pre: Int32Array;
  readonly end: Int32Array;
  readonly low: Int32Array;
  /** DFS tree parent node and the link to it (-1 at a root). */
  readonly parent: Int32Array;
  readonly parentLink: Int32Array;
  /** Children of each node in the DFS tree, in increasing preorder. */
  readonly children: Csr;
  /** 1 for an articulation point (its loss splits its component). */
  readonly articulation: Uint8Array;
  /** 1 for a bridge (its loss splits its component). */
  readonly bridge: Uint8Array;
}

const structureCache = new WeakMap<Graph, Structure>();

/** The connectivity structure of `g` (computed once per graph, in O(n + m)). */
export function structureOf(g: Graph): Structure {
  const cached = structureCache.get(g);
  if (cached !== undefined) return cached;
  const s = computeStructure(g);
  structureCache.set(g, s);
  return s;
}

function computeStructure(g: Graph): Structure {
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  const { adjStart, adjNode, adjLink } = g;
  const pre = new Int32Array(n).fill(-1);
  const end = new Int32Array(n);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const parentLink = new Int32Array(n).fill(-1);
  const componentOf = new Int32Array(n);
  const order = new Int32Array(n);
  const it = new Int32Array(n);
  const stack = new Int32Array(n);
  const articulation = new Uint8Array(n);
  const bridge = new Uint8Array(m);
  const rootChildren = new Int32Array(n);
  const sizes: number[] = [];
  const compStart: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (pre[root] !== -1) continue;
    const comp = sizes.length;
    compStart.push(counter);
    let sp = 0;
    stack[sp++] = root;
    pre[root] = low[root] = counter;
    order[counter++] = root;
    componentOf[root] = comp;
    it[root] = adjStart[root]!;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      const k = it[v]!;
      if (k < adjStart[v + 1]!) {
        it[v] = k + 1;
        const l = adjLink[k]!;
        if (l === parentLink[v]) continue;
        const w = adjNode[k]!;
        if (pre[w] === -1) {
          parent[w] = v;
          parentLink[w] = l;
          pre[w] = low[w] = counter;
          order[counter++] = w;
          componentOf[w] = comp;
          it[w] = adjStart[w]!;
          stack[sp++] = w;
        } else if (pre[w]! < low[v]!) {
          low[v] = pre[w]!;
        }
        continue;
      }
      sp--;
      end[v] = counter - 1;
      const p = parent[v]!;
      if (p === -1) continue;
      if (low[v]! < low[p]!) low[p] = low[v]!;
      if (low[v]! > pre[p]!) bridge[parentLink[v]!] = 1;
      if (p === root) rootChildren[root]!++;
      else if (low[v]! >= pre[p]!) articulation[p] = 1;
    }
    if (rootChildren[root]! >= 2) articulation[root] = 1;
    sizes.push(counter - compStart[comp]!);
  }
  const componentCount = sizes.length;
  const cStart = new Int32Array(componentCount + 1);
  for (let c = 0; c < componentCount; c++) cStart[c + 1] = cStart[c]! + sizes[c]!;
  // Children in preorder: walking nodes in preorder appends each to its parent's row in order.
  const childCount = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) if (parent[v] !== -1) childCount[parent[v]! + 1]!++;
  for (let v = 0; v < n; v++) childCount[v + 1]! += childCount[v]!;
  const childFill = childCount.slice(0, n);
  const childItems = new Int32Array(childCount[n]!);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    const p = parent[v]!;
    if (p !== -1) childItems[childFill[p]!++] = v;
  }
  return {
    componentCount,
    componentOf,
    componentSize: Int32Array.from(sizes),
    componentNodes: { start: cStart, items: order },
    pre, end, low, parent, parentLink,
    children: { start: childCount, items: childItems },
    articulation,
    bridge,
  };
}

/** Connected components: the count and the component of every node id. */
export function connectedComponents(g: Graph): { count: number; of: ReadonlyMap<string, number> } {
  const s = structureOf(g);
  return { count: s.componentCount, of: new Map(g.nodeIds.map((id, v) => [id, s.componentOf[v]!])) };
}

/** Ids of the articulation points: nodes whose loss increases the number of components. */
export function articulationPoints(g: Graph): string[] {
  const s = structureOf(g);
  const out: string[] = [];
  for (let v = 0; v < g.nodeIds.length; v++) if (s.articulation[v] === 1) out.push(g.nodeIds[v]!);
  return out;
}

/** Ids of the bridges: links whose loss increases the number of components (never one with a parallel twin). */
export function bridges(g: Graph): string[] {
  const s = structureOf(g);
  const out: string[] = [];
  for (let l = 0; l < g.linkIds.length; l++) if (s.bridge[l] === 1) out.push(g.linkIds[l]!);
  return out;
}

/** True when node x lies in the DFS subtree of node v (v itself included). */
export function inSubtree(s: Structure, v: number, x: number): boolean {
  const p = s.pre[x]!;
  return p >= s.pre[v]! && p <= s.end[v]!;
}

/**
 * Which part of its component node x falls into once node v is removed: the DFS child of v whose
 * subtree holds x when that subtree is cut off from the rest (low ≥ pre[v]), otherwise -1 (the
 * part holding v's parent, or v's only part). Two nodes of v's component are separated by the
 * loss of v exactly when their parts differ. O(log deg v).
 */
export function partWithout(s: Structure, v: number, x: number): number {
  if (x === v || !inSubtree(s, v, x)) return -1;
  const { start, items } = s.children;
  let lo = start[v]!;
  let hi = start[v + 1]! - 1;
  const px = s.pre[x]!;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.pre[items[mid]!]! <= px) lo = mid;
    else hi = mid - 1;
  }
  const c = items[lo]!;
  return s.low[c]! >= s.pre[v]! ? c : -1;
}

/**
 * How many surviving nodes the loss of node v cuts off from the largest surviving part of its
 * component (0 unless v is an articulation point).
 */
export function strandedByNode(s: Structure, v: number): number {
  if (s.articulation[v] !== 1) return 0;
  const total = s.componentSize[s.componentOf[v]!]! - 1;
  const { start, items } = s.children;
  let rest = total;
  let largest = 0;
  for (let k = start[v]!; k < start[v + 1]!; k++) {
    const c = items[k]!;
    if (s.low[c]! >= s.pre[v]!) {
      const size = s.end[c]! - s.pre[c]! + 1;
      rest -= size;
      if (size > largest) largest = size;
    }
  }
  if (rest > largest) largest = rest;
  return total - largest;
}

/** How many nodes the loss of link l cuts off from the larger side (0 unless l is a bridge). */
export function strandedByLink(g: Graph, s: Structure, l: number): number {
  if (s.bridge[l] !== 1) return 0;
  const a = g.linkA[l]!;
  const b = g.linkB[l]!;
  const child = s.parent[a] === b && s.parentLink[a] === l ? a : b;
  const below = s.end[child]! - s.pre[child]! + 1;
  const total = s.componentSize[s.componentOf[child]!]!;
  return Math.min(below, total - below);
}
