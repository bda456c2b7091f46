/**
 * Failures of several elements at once: what a set of failed nodes, links and shared-risk groups
 * does to connectivity, and which risk groups are single points of failure of the network.
 *
 * A shared-risk group (a duct, a cable, a panel feeding several devices) counts as ONE element
 * (protection policy §1.2): its loss takes all its links and nodes down together. A failure
 * "splits" the network when two surviving nodes that were connected are no longer connected; for
 * link-only failures that is exactly "the number of connected components increases", and for a
 * single node it is exactly "the node is an articulation point".
 *
 * Risk-group cuts in near-linear time (the cut-space sketch). Give every non-tree link of the DFS
 * forest a random 128-bit label and every tree link the XOR of the labels of the non-tree links
 * whose fundamental cycle runs through it. A link's label is then a random linear image of its
 * row in the cycle-space incidence matrix, and a set F of links contains a cut (its removal
 * disconnects something) exactly when the true rows of F are linearly dependent over GF(2); the
 * number of components added is |F| − rank(F). A random projection can only lower the rank, so the
 * sketch never misses a cut; it may (with probability ≤ 2^(|F|−128)) report a cut that is not
 * one, so every positive not already proven by a member bridge is confirmed by a search
 * (`SplitProver`: searches grown in lock-step from every node next to the failure, whose cost is
 * about the size of the smallest piece cut off). Removing a node is removing its incident links and then the
 * isolated node itself, so a group with nodes N and links L (E = L ∪ links at N) splits the
 * network exactly when |E| − rank(E) > |N| − z, z being the number of components lying wholly
 * inside N.
 *
 * Cost: O(n + m) for the labels, then O(|E| · 128/32 · rank) per group for the elimination (so
 * near-linear in the total size of the groups), plus for each group that really is a cut without
 * containing a bridge O(boundary × smallest piece cut off) — small in real networks, where a
 * duct or panel strands a handful of sites; O(n + m) in the worst case (and for the vanishingly
 * rare false positive of the sketch).
 */
import {
  type ElementRef, type Graph, type Structure, csrRow, structureOf,
} from './multigraph.js';

/** Epoch-stamped membership over 0..size-1, empty when made: `next()` empties it in O(1). */
export class Marks {
  private readonly stamp: Int32Array;
  // Stamps start at 0, so the first epoch is 1: epoch 0 would hold every element.
  private epoch = 1;
  constructor(size: number) {
    this.stamp = new Int32Array(size);
  }
  /** Starts a new, empty set. */
  next(): void {
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    this.epoch++;
  }
  /** Adds i; returns false when it was already in the set. */
  add(i: number): boolean {
    if (this.stamp[i] === this.epoch) return false;
    this.stamp[i] = this.epoch;
    return true;
  }
  /** True when i is in the current set. */
  has(i: number): boolean {
    return this.stamp[i] === this.epoch;
  }
}

/** A set of failed elements with the groups expanded: a node or link is down if it or one of its groups failed. */
export interface FailureSet {
  readonly nodes: Uint8Array;
  readonly links: Uint8Array;
  readonly groups: Uint8Array;
  /** Every failed element as a dense element index (see `elementIndex`), groups expanded. */
  readonly elements: Int32Array;
}

/** The failure set of some elements; throws on an unknown element (a programming error at this level). */
export function failureSet(g: Graph, failed: readonly ElementRef[]): FailureSet {
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  const nodes = new Uint8Array(n);
  const links = new Uint8Array(m);
  const groups = new Uint8Array(g.groupIds.length);
  const elements: number[] = [];
  const downNode = (v: number): void => {
    if (nodes[v] === 1) return;
    nodes[v] = 1;
    elements.push(v);
  };
  const downLink = (l: number): void => {
    if (links[l] === 1) return;
    links[l] = 1;
    elements.push(n + l);
  };
  for (const ref of failed) {
    const index = ref.kind === 'node' ? g.nodeIndex : ref.kind === 'link' ? g.linkIndex : g.groupIndex;
    const i = index.get(ref.id);
    if (i === undefined) throw new RangeError(`unknown ${ref.kind} "${ref.id}"`);
    if (ref.kind === 'node') downNode(i);
    else if (ref.kind === 'link') downLink(i);
    else if (groups[i] === 0) {
      groups[i] = 1;
      elements.push(n + m + i);
      for (const v of csrRow(g.groupNodes, i)) downNode(v);
      for (const l of csrRow(g.groupLinks, i)) downLink(l);
    }
  }
  return { nodes, links, groups, elements: Int32Array.from(elements) };
}

/** What a failure does to connectivity. */
export interface SplitResult {
  /** Component of each surviving node after the failure (-1 for failed nodes). */
  readonly label: Int32Array;
  /** Number of components among the surviving nodes. */
  readonly componentsAfter: number;
  /** Surviving nodes cut off from the largest surviving part of their former component. */
  readonly stranded: number;
}

/** The components of the network after a failure, and how many nodes it strands. O(n + m). */
export function splitAfter(g: Graph, f: FailureSet): SplitResult {
  const s = structureOf(g);
  const n = g.nodeIds.length;
  const label = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  let stranded = 0;
  const { start, items } = s.componentNodes;
  for (let c = 0; c < s.componentCount; c++) {
    let survivors = 0;
    let largest = 0;
    for (let k = start[c]!; k < start[c + 1]!; k++) {
      const root = items[k]!;
      if (f.nodes[root] === 1 || label[root] !== -1) continue;
      const size = fill(g, f.nodes, f.links, label, queue, root, sizes.length);
      sizes.push(size);
      survivors += size;
      if (size > largest) largest = size;
    }
    stranded += survivors - largest;
  }
  return { label, componentsAfter: sizes.length, stranded };
}

function fill(g: Graph, deadNode: Uint8Array, deadLink: Uint8Array, label: Int32Array, queue: Int32Array, root: number, id: number): number {
  let head = 0;
  let tail = 0;
  queue[tail++] = root;
  label[root] = id;
  while (head < tail) {
    const v = queue[head++]!;
    for (let k = g.adjStart[v]!; k < g.adjStart[v + 1]!; k++) {
      const w = g.adjNode[k]!;
      if (label[w] !== -1 || deadNode[w] === 1 || deadLink[g.adjLink[k]!] === 1) continue;
      label[w] = id;
      queue[tail++] = w;
    }
  }
  return tail;
}

/** Lanes of 32 bits in a sketch label. */
const LANES = 4;
const BITS = LANES * 32;

/** The cut-space sketch of a graph: a random 128-bit label per link (see the module comment). */
interface CutSketch {
  readonly label: Int32Array;
}

/** A small, seeded generator (a Weyl sequence through the murmur3 finaliser): reproducible labels. */
function random32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
}

const sketchCache = new WeakMap<Graph, CutSketch>();

function sketchOf(g: Graph, s: Structure): CutSketch {
  const cached = sketchCache.get(g);
  if (cached !== undefined) return cached;
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  const next = random32(0x5eed);
  const label = new Int32Array(m * LANES);
  const acc = new Int32Array(n * LANES);
  const tree = new Uint8Array(m);
  for (let v = 0; v < n; v++) if (s.parentLink[v] !== -1) tree[s.parentLink[v]!] = 1;
  for (let l = 0; l < m; l++) {
    const a = g.linkA[l]!;
    const b = g.linkB[l]!;
    if (tree[l] === 1 || a === b) continue;
    for (let k = 0; k < LANES; k++) {
      const r = next();
      label[l * LANES + k] = r;
      acc[a * LANES + k]! ^= r;
      acc[b * LANES + k]! ^= r;
    }
  }
  const order = s.componentNodes.items;
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i]!;
    const p = s.parent[v]!;
    if (p === -1) continue;
    const l = s.parentLink[v]!;
    for (let k = 0; k < LANES; k++) {
      const x = acc[v * LANES + k]!;
      label[l * LANES + k] = x;
      acc[p * LANES + k]! ^= x;
    }
  }
  const sketch = { label };
  sketchCache.set(g, sketch);
  return sketch;
}

/** Gaussian elimination over GF(2) on 128-bit vectors: counts the rank of the vectors inserted. */
class Gf2Basis {
  private readonly rows = new Int32Array(BITS * LANES);
  private readonly used = new Uint8Array(BITS);
  private readonly pivots: number[] = [];
  private readonly v = new Int32Array(LANES);
  /** Empties the basis. */
  reset(): void {
    for (const p of this.pivots) this.used[p] = 0;
    this.pivots.length = 0;
  }
  get rank(): number {
    return this.pivots.length;
  }
  /** Inserts a vector; returns true when it raised the rank. */
  insert(src: Int32Array, offset: number): boolean {
    const v = this.v;
    for (let k = 0; k < LANES; k++) v[k] = src[offset + k]!;
    for (;;) {
      let p = -1;
      for (let k = LANES - 1; k >= 0; k--) {
        if (v[k] !== 0) {
          p = k * 32 + 31 - Math.clz32(v[k]!);
          break;
        }
      }
      if (p === -1) return false;
      if (this.used[p] === 0) {
        this.used[p] = 1;
        this.pivots.push(p);
        for (let k = 0; k < LANES; k++) this.rows[p * LANES + k] = v[k]!;
        return true;
      }
      for (let k = 0; k < LANES; k++) v[k]! ^= this.rows[p * LANES + k]!;
    }
  }
}

const cutCache = new WeakMap<Graph, Int32Array>();

/**
 * Indices of the risk groups whose loss splits the network (ascending). Exact: the sketch can
 * only over-report, and every unproven positive is confirmed by a search (see module comment).
 */
export function riskGroupCutIndices(g: Graph): Int32Array {
  const cached = cutCache.get(g);
  if (cached !== undefined) return cached;
  const s = structureOf(g);
  const sketch = sketchOf(g, s);
  const r = g.groupIds.length;
  const n = g.nodeIds.length;
  const nodeMarks = new Marks(n);
  const linkMarks = new Marks(g.linkIds.length);
  const basis = new Gf2Basis();
  const cuts: number[] = [];
  const perComponent = new Map<number, number>();
  const prover = new SplitProver(g, s);
  for (let grp = 0; grp < r; grp++) {
    const members = csrRow(g.groupNodes, grp);
    const links = csrRow(g.groupLinks, grp);
    nodeMarks.next();
    for (const v of members) nodeMarks.add(v);
    let proven = false;
    for (const l of links) {
      if (s.bridge[l] === 1 && !nodeMarks.has(g.linkA[l]!) && !nodeMarks.has(g.linkB[l]!)) {
        proven = true;
        break;
      }
    }
    if (proven) {
      cuts.push(grp);
      continue;
    }
    linkMarks.next();
    basis.reset();
    let edges = 0;
    const take = (l: number): void => {
      if (g.linkA[l] === g.linkB[l] || !linkMarks.add(l)) return;
      edges++;
      basis.insert(sketch.label, l * LANES);
    };
    for (const l of links) take(l);
    for (const v of members) for (let k = g.adjStart[v]!; k < g.adjStart[v + 1]!; k++) take(g.adjLink[k]!);
    perComponent.clear();
    for (const v of members) {
      const c = s.componentOf[v]!;
      perComponent.set(c, (perComponent.get(c) ?? 0) + 1);
    }
    let whole = 0;
    for (const [c, count] of perComponent) if (count === s.componentSize[c]) whole++;
    const added = edges - basis.rank;
    if (added > members.length - whole && prover.splits(members, links)) cuts.push(grp);
  }
  const out = Int32Array.from(cuts);
  cutCache.set(g, out);
  return out;
}

/** Ids of the risk groups whose loss splits the network (in group order). */
export function riskGroupCuts(g: Graph): string[] {
  return Array.from(riskGroupCutIndices(g), (r) => g.groupIds[r]!);
}

/**
 * What failed nodes and links do to the survivors, found by exploring only the smaller pieces:
 * one breadth-first search per surviving node next to the failure ("boundary" node), all grown
 * one node at a time in turn; searches that meet merge. Every piece of the survivors of a touched
 * component holds a boundary node, so a search that runs out has closed a whole piece, and once a
 * single open search is left in a component, everything it has not closed is one piece. The work
 * is about (number of boundary nodes) × (size of the pieces other than the largest): a duct that
 * strands three sites costs a few dozen steps, not a search of the whole network.
 */
export class SplitProver {
  private readonly deadNode: Marks;
  private readonly deadLink: Marks;
  private readonly seen: Marks;
  private readonly owner: Int32Array;
  private readonly touched: Marks;
  private parent: number[] = [];
  private closed: boolean[] = [];
  constructor(private readonly g: Graph, private readonly s: Structure) {
    const n = g.nodeIds.length;
    this.deadNode = new Marks(n);
    this.deadLink = new Marks(g.linkIds.length);
    this.seen = new Marks(n);
    this.owner = new Int32Array(n);
    this.touched = new Marks(Math.max(1, s.componentCount));
  }

  /** True when two surviving nodes that were connected are no longer connected. */
  splits(nodes: ArrayLike<number>, links: ArrayLike<number>): boolean {
    return this.run(nodes, links, true) > 0;
  }

  /** Surviving nodes cut off from the largest surviving part of their component; then `separated` answers. */
  strand(nodes: ArrayLike<number>, links: ArrayLike<number>): number {
    return this.run(nodes, links, false);
  }

  /** True when node v survived the last `strand` call. */
  alive(v: number): boolean {
    return !this.deadNode.has(v);
  }

  /** After `strand`: true when surviving nodes a and b, connected before, are no longer connected. */
  separated(a: number, b: number): boolean {
    const c = this.s.componentOf[a]!;
    if (c !== this.s.componentOf[b] || !this.touched.has(c)) return false;
    return this.pieceOf(a) !== this.pieceOf(b);
  }

  /** The closed search holding v, or -1 for the one open piece of its component. */
  private pieceOf(v: number): number {
    if (!this.seen.has(v)) return -1;
    const r = this.find(this.owner[v]!);
    return this.closed[r] === true ? r : -1;
  }

  private find(x: number): number {
    const parent = this.parent;
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const next = parent[x]!;
      parent[x] = r;
      x = next;
    }
    return r;
  }

  private run(nodes: ArrayLike<number>, links: ArrayLike<number>, firstSplit: boolean): number {
    const { g, s, deadNode, deadLink, seen, owner } = this;
    deadNode.next();
    deadLink.next();
    seen.next();
    this.touched.next();
    const survivors = new Map<number, number>();
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i]!;
      if (!deadNode.add(v)) continue;
      const c = s.componentOf[v]!;
      this.touched.add(c);
      survivors.set(c, (survivors.get(c) ?? s.componentSize[c]!) - 1);
    }
    for (let i = 0; i < links.length; i++) deadLink.add(links[i]!);
    const queues: number[][] = [];
    const heads: number[] = [];
    const parent: number[] = [];
    const closed: boolean[] = [];
    const absorbed: number[] = [];
    const size: number[] = [];
    this.parent = parent;
    this.closed = closed;
    const boundary = new Map<number, number>();
    const open = new Map<number, number>();
    const seed = (v: number): void => {
      if (deadNode.has(v) || !seen.add(v)) return;
      owner[v] = queues.length;
      parent.push(queues.length);
      closed.push(false);
      queues.push([v]);
      heads.push(0);
      absorbed.push(1);
      size.push(1);
      const c = s.componentOf[v]!;
      this.touched.add(c);
      boundary.set(c, (boundary.get(c) ?? 0) + 1);
      open.set(c, (open.get(c) ?? 0) + 1);
    };
    for (let i = 0; i < links.length; i++) {
      seed(g.linkA[links[i]!]!);
      seed(g.linkB[links[i]!]!);
    }
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i]!;
      for (let k = g.adjStart[v]!; k < g.adjStart[v + 1]!; k++) seed(g.adjNode[k]!);
    }
    const componentOf = (i: number): number => s.componentOf[queues[i]![0]!]!;
    // Per component: sizes of the closed pieces (their sum and the largest).
    const closedSum = new Map<number, number>();
    const closedMax = new Map<number, number>();
    let active = queues.map((_, i) => i).filter((i) => open.get(componentOf(i))! > 1);
    while (active.length > 0) {
      for (const i of active) {
        if (parent[i] !== i || closed[i] === true) continue;
        const c = componentOf(i);
        if (open.get(c)! <= 1) continue;
        const queue = queues[i]!;
        if (heads[i]! >= queue.length) {
          if (firstSplit && absorbed[i]! < boundary.get(c)!) return 1;
          closed[i] = true;
          open.set(c, open.get(c)! - 1);
          closedSum.set(c, (closedSum.get(c) ?? 0) + size[i]!);
          closedMax.set(c, Math.max(closedMax.get(c) ?? 0, size[i]!));
          continue;
        }
        const v = queue[heads[i]!]!;
        heads[i]!++;
        for (let k = g.adjStart[v]!; k < g.adjStart[v + 1]!; k++) {
          const w = g.adjNode[k]!;
          if (deadLink.has(g.adjLink[k]!) || deadNode.has(w)) continue;
          const r = this.find(i);
          if (seen.add(w)) {
            owner[w] = r;
            queues[r]!.push(w);
            size[r]!++;
            continue;
          }
          const o = this.find(owner[w]!);
          if (o === r) continue;
          // Merge the search with less left to do into the other.
          const [big, small] = queues[r]!.length - heads[r]! >= queues[o]!.length - heads[o]! ? [r, o] : [o, r];
          const from = queues[small]!;
          for (let x = heads[small]!; x < from.length; x++) queues[big]!.push(from[x]!);
          parent[small] = big;
          absorbed[big]! += absorbed[small]!;
          size[big]! += size[small]!;
          open.set(c, open.get(c)! - 1);
        }
      }
      active = active.filter((i) => parent[i] === i && closed[i] !== true && open.get(componentOf(i))! > 1);
    }
    if (firstSplit) return 0;
    let stranded = 0;
    for (const [c, count] of boundary) {
      if (count === 0) continue;
      const alive = survivors.get(c) ?? s.componentSize[c]!;
      const rest = alive - (closedSum.get(c) ?? 0);
      stranded += alive - Math.max(rest, closedMax.get(c) ?? 0);
    }
    return stranded;
  }
}
