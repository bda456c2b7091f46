/**
 * Disjoint routes between two endpoints, by max-flow with node splitting.
 *
 * Routes are always link-disjoint and internally node-disjoint (the endpoints are shared by every
 * route; parallel links between the two endpoints count as separate routes). Two notions:
 *
 * - `node`: exactly that. A unit-capacity max-flow where every node v is split into v_in → v_out
 *   (capacity 1, unbounded for the endpoints) and every link into two arcs u_out → v_in and
 *   v_out → u_in. The value is exact (Menger) and so are the routes.
 *
 * - `srlg`: additionally no two routes may touch the same shared-risk group (a group touched by
 *   an endpoint is therefore touched by every route, and allows at most one). Finding the maximum
 *   number of SRLG-disjoint routes is NP-hard in general, so two bounds are computed:
 *   `upper` is the exact max-flow of a network where each risk group is one unit-capacity element
 *   (g_in → g_out) shared by its members: every arc of a member passes through its groups' vertices
 *   in turn. Any set of SRLG-disjoint routes is a feasible flow there, so the value is an upper
 *   bound; it exceeds the truth when the flow enters a group through one member and leaves through
 *   another (a "teleport" along a duct that no real route can take). It is exact when no group has
 *   more than one member, or when the flow it found has no teleport.
 *   `lower` is the size of an actual set of SRLG-disjoint routes: the teleport-free routes of that
 *   flow, extended greedily (shortest route avoiding every node, link and group already used), or a
 *   greedy set built from scratch or from routes known to survive a failure, whichever is largest.
 *   `exact` says lower = upper. Judging protection on `lower` never calls a network protected
 *   without showing the routes.
 *
 * Counting stops at `limit` routes (both bounds). Each augmentation costs O(n + m + memberships).
 */
import { type ElementRef, type Graph, csrRow } from './multigraph.js';
import { type FailureSet, Marks, failureSet } from './risk-groups.js';

/** How routes must differ from each other. */
export type Disjointness = 'node' | 'srlg';

/** A route from one endpoint to the other: its nodes in order, the links between them, the risk groups it touches. */
export interface Route {
  readonly nodes: readonly string[];
  readonly links: readonly string[];
  readonly riskGroups: readonly string[];
}

/** The number of disjoint routes, with the routes that make up the lower bound. */
export interface PathCount {
  readonly lower: number;
  readonly upper: number;
  /** True when lower = upper (always for `node`). */
  readonly exact: boolean;
  readonly routes: readonly Route[];
}

/** Options of `disjointPaths`. */
export interface PathOptions {
  /** `srlg` (default) also keeps routes apart in risk groups; `node` ignores risk groups. */
  readonly disjointness?: Disjointness;
  /** Elements considered lost (a lost group takes its members with it). */
  readonly failed?: readonly ElementRef[];
  /** Stop counting at this many routes (default: no limit). */
  readonly limit?: number;
}

/** A route as dense indices: nodes v0 … vL and links e1 … eL (links[i] joins nodes[i] and nodes[i+1]). */
export interface RouteIndices {
  readonly nodes: Int32Array;
  readonly links: Int32Array;
}

/** The bounds and the routes behind `lower`, as dense indices. */
export interface RawCount {
  readonly lower: number;
  readonly upper: number;
  readonly routes: readonly RouteIndices[];
}

const BIG = 1 << 28;

/** The split flow network of a graph, built once per graph and disjointness. */
interface FlowNetwork {
  readonly vertices: number;
  /** Arcs of vertex u: first[u] … first[u+1]-1; `rev` pairs each arc with its residual twin. */
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly rev: Int32Array;
  readonly cap: Int32Array;
  /** Element (dense index) whose gadget the arc belongs to; -1 on residual twins. */
  readonly tag: Int32Array;
  /** Arcs that carry an element's capacity: zeroed when it fails, raised for an endpoint. */
  readonly capArcs: { readonly start: Int32Array; readonly items: Int32Array };
  /** For a risk group's capacity arc, the group; otherwise -1. */
  readonly groupOfArc: Int32Array;
}

function buildNetwork(g: Graph, withGroups: boolean): FlowNetwork {
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  const r = withGroups ? g.groupIds.length : 0;
  let vertices = 2 * n;
  const linkVertex = new Int32Array(m).fill(-1);
  if (withGroups) {
    for (let l = 0; l < m; l++) {
      if (g.linkA[l] !== g.linkB[l] && g.linkGroups.start[l + 1]! > g.linkGroups.start[l]!) linkVertex[l] = vertices++;
    }
  }
  const groupIn = new Int32Array(r);
  for (let x = 0; x < r; x++) {
    groupIn[x] = vertices;
    vertices += 2;
  }
  const tails: number[] = [];
  const heads: number[] = [];
  const caps: number[] = [];
  const tags: number[] = [];
  const capOf: [number, number][] = [];
  const groupArc: number[] = [];
  const add = (u: number, v: number, tag: number, isCap: boolean): void => {
    if (isCap) capOf.push([tag, tails.length]);
    tails.push(u);
    heads.push(v);
    caps.push(1);
    tags.push(tag);
  };
  const chain = (from: number, groups: Int32Array, to: readonly number[], tag: number): void => {
    add(from, groupIn[groups[0]!]!, tag, true);
    for (let i = 1; i < groups.length; i++) add(groupIn[groups[i - 1]!]! + 1, groupIn[groups[i]!]!, tag, false);
    for (const t of to) add(groupIn[groups[groups.length - 1]!]! + 1, t, tag, false);
  };
  for (let v = 0; v < n; v++) {
    const groups = withGroups ? csrRow(g.nodeGroups, v) : new Int32Array(0);
    if (groups.length === 0) add(2 * v, 2 * v + 1, v, true);
    else chain(2 * v, groups, [2 * v + 1], v);
  }
  for (let l = 0; l < m; l++) {
    const a = g.linkA[l]!;
    const b = g.linkB[l]!;
    if (a === b) continue;
    const tag = n + l;
    const x = linkVertex[l]!;
    if (x === -1) {
      add(2 * a + 1, 2 * b, tag, true);
      add(2 * b + 1, 2 * a, tag, true);
    } else {
      add(2 * a + 1, x, tag, false);
      add(2 * b + 1, x, tag, false);
      chain(x, csrRow(g.linkGroups, l), [2 * a, 2 * b], tag);
    }
  }
  for (let x = 0; x < r; x++) {
    groupArc[tails.length] = x;
    add(groupIn[x]!, groupIn[x]! + 1, n + m + x, true);
  }
  // Arcs and their residual twins, sorted by tail (counting sort).
  const arcs = tails.length;
  const first = new Int32Array(vertices + 1);
  for (let i = 0; i < arcs; i++) {
    first[tails[i]! + 1]!++;
    first[heads[i]! + 1]!++;
  }
  for (let u = 0; u < vertices; u++) first[u + 1]! += first[u]!;
  const fill = first.slice(0, vertices);
  const head = new Int32Array(2 * arcs);
  const rev = new Int32Array(2 * arcs);
  const cap = new Int32Array(2 * arcs);
  const tag = new Int32Array(2 * arcs);
  const groupOfArc = new Int32Array(2 * arcs).fill(-1);
  const forward = new Int32Array(arcs);
  for (let i = 0; i < arcs; i++) {
    const f = fill[tails[i]!]!++;
    const b = fill[heads[i]!]!++;
    head[f] = heads[i]!;
    head[b] = tails[i]!;
    rev[f] = b;
    rev[b] = f;
    cap[f] = caps[i]!;
    tag[f] = tags[i]!;
    tag[b] = -1;
    forward[i] = f;
    const grp = groupArc[i];
    if (grp !== undefined) groupOfArc[f] = grp;
  }
  const elements = n + m + g.groupIds.length;
  const start = new Int32Array(elements + 1);
  for (const [e] of capOf) start[e + 1]!++;
  for (let e = 0; e < elements; e++) start[e + 1]! += start[e]!;
  const capFill = start.slice(0, elements);
  const items = new Int32Array(capOf.length);
  for (const [e, i] of capOf) items[capFill[e]!++] = forward[i]!;
  return { vertices, first, head, rev, cap, tag, capArcs: { start, items }, groupOfArc };
}

/** Counts disjoint routes on one graph; keeps its work arrays between calls. */
export class PathCounter {
  private readonly net: FlowNetwork;
  private readonly cap: Int32Array;
  private readonly flow: Int32Array;
  private readonly rem: Int32Array;
  private readonly touched: number[] = [];
  private readonly capChanged: number[] = [];
  private readonly parentArc: Int32Array;
  private readonly seen: Marks;
  private readonly queue: Int32Array;
  private readonly pos: Int32Array;
  private readonly usedNode: Marks;
  private readonly usedLink: Marks;
  private readonly usedGroup: Marks;
  private readonly visited: Marks;
  private readonly prevLink: Int32Array;
  private readonly nodeQueue: Int32Array;
  private readonly n: number;
  private readonly m: number;

  constructor(private readonly g: Graph, readonly disjointness: Disjointness) {
    this.n = g.nodeIds.length;
    this.m = g.linkIds.length;
    this.net = buildNetwork(g, disjointness === 'srlg' && g.groupIds.length > 0);
    const arcs = this.net.head.length;
    this.cap = this.net.cap.slice();
    this.flow = new Int32Array(arcs);
    this.rem = new Int32Array(arcs);
    this.parentArc = new Int32Array(this.net.vertices);
    this.seen = new Marks(this.net.vertices);
    this.queue = new Int32Array(this.net.vertices);
    this.pos = new Int32Array(this.net.vertices).fill(-1);
    this.usedNode = new Marks(this.n);
    this.usedLink = new Marks(this.m);
    this.usedGroup = new Marks(g.groupIds.length);
    this.visited = new Marks(this.n);
    this.prevLink = new Int32Array(this.n);
    this.nodeQueue = new Int32Array(this.n);
  }

  /**
   * Bounds on the number of disjoint routes from node s to node t (dense indices, s ≠ t) with the
   * failed elements removed, up to `limit`. `seeds` are sets of routes known to be disjoint and to
   * avoid the failure (routes that survived it): each is tried as a start for the greedy search.
   */
  count(s: number, t: number, failed: FailureSet | null, limit: number, seeds: readonly (readonly RouteIndices[])[] = []): RawCount {
    if (s === t) throw new RangeError('a route needs two different endpoints');
    if (limit <= 0 || (failed !== null && (failed.nodes[s] === 1 || failed.nodes[t] === 1))) return { lower: 0, upper: 0, routes: [] };
    this.reset();
    const { capArcs } = this.net;
    for (const v of [s, t]) {
      const a = capArcs.items[capArcs.start[v]!]!;
      this.setCap(a, BIG);
    }
    if (failed !== null) {
      for (const e of failed.elements) {
        for (let k = capArcs.start[e]!; k < capArcs.start[e + 1]!; k++) this.setCap(capArcs.items[k]!, 0);
      }
    }
    const source = 2 * s;
    const sink = 2 * t + 1;
    let upper = 0;
    while (upper < limit && this.augment(source, sink)) upper++;
    if (upper === 0) return { lower: 0, upper: 0, routes: [] };
    const realized = this.decompose(source, sink, upper);
    let best: readonly RouteIndices[] = realized;
    const tryGreedy = (start: readonly RouteIndices[]): void => {
      if (best.length >= upper) return;
      const found = this.greedy(s, t, failed, limit, start);
      if (found.length > best.length) best = found;
    };
    tryGreedy(realized);
    for (const seed of seeds) tryGreedy(seed);
    tryGreedy([]);
    return { lower: best.length, upper, routes: best };
  }

  /** The dense indices back to ids. */
  route(r: RouteIndices): Route {
    const g = this.g;
    const groups = new Set<number>();
    for (const v of r.nodes) for (const x of csrRow(g.nodeGroups, v)) groups.add(x);
    for (const l of r.links) for (const x of csrRow(g.linkGroups, l)) groups.add(x);
    return {
      nodes: Array.from(r.nodes, (v) => g.nodeIds[v]!),
      links: Array.from(r.links, (l) => g.linkIds[l]!),
      riskGroups: [...groups].sort((a, b) => a - b).map((x) => g.groupIds[x]!),
    };
  }

  /**
   * Marks the resources of routes as used, for `routeAvoiding`: internal nodes, links, and every
   * risk group touched by any node (endpoints included) or link — only in `srlg` mode.
   */
  markUsed(routes: readonly RouteIndices[]): void {
    this.usedNode.next();
    this.usedLink.next();
    this.usedGroup.next();
    for (const r of routes) this.addUsed(r);
  }

  /** Marks a risk group as used, as if a route had taken it: `routeAvoiding` then avoids all its members. */
  blockGroup(r: number): void {
    this.usedGroup.add(r);
  }

  private addUsed(r: RouteIndices): void {
    const g = this.g;
    const srlg = this.disjointness === 'srlg';
    for (let i = 0; i < r.nodes.length; i++) {
      const v = r.nodes[i]!;
      if (i > 0 && i < r.nodes.length - 1) this.usedNode.add(v);
      if (srlg) for (const x of csrRow(g.nodeGroups, v)) this.usedGroup.add(x);
    }
    for (const l of r.links) {
      this.usedLink.add(l);
      if (srlg) for (const x of csrRow(g.linkGroups, l)) this.usedGroup.add(x);
    }
  }

  /** True when node v may carry a further route (not used, not failed, no used group). */
  nodeFree(v: number, failed: FailureSet | null): boolean {
    if (this.usedNode.has(v) || (failed !== null && failed.nodes[v] === 1)) return false;
    if (this.disjointness === 'srlg') {
      const { start, items } = this.g.nodeGroups;
      for (let k = start[v]!; k < start[v + 1]!; k++) if (this.usedGroup.has(items[k]!)) return false;
    }
    return true;
  }

  /** True when link l may carry a further route. */
  linkFree(l: number, failed: FailureSet | null): boolean {
    if (this.usedLink.has(l) || (failed !== null && failed.links[l] === 1)) return false;
    if (this.disjointness === 'srlg') {
      const { start, items } = this.g.linkGroups;
      for (let k = start[l]!; k < start[l + 1]!; k++) if (this.usedGroup.has(items[k]!)) return false;
    }
    return true;
  }

  /** A shortest route from s to t avoiding the failure and everything `markUsed` marked, or undefined. */
  routeAvoiding(s: number, t: number, failed: FailureSet | null): RouteIndices | undefined {
    const g = this.g;
    if (failed !== null && (failed.nodes[s] === 1 || failed.nodes[t] === 1)) return undefined;
    if (this.disjointness === 'srlg') {
      for (const v of [s, t]) for (const x of csrRow(g.nodeGroups, v)) if (this.usedGroup.has(x)) return undefined;
    }
    this.visited.next();
    this.visited.add(s);
    let head = 0;
    let tail = 0;
    this.nodeQueue[tail++] = s;
    while (head < tail) {
      const v = this.nodeQueue[head++]!;
      for (let k = g.adjStart[v]!; k < g.adjStart[v + 1]!; k++) {
        const w = g.adjNode[k]!;
        const l = g.adjLink[k]!;
        if (w !== t && this.visited.has(w)) continue;
        if (!this.linkFree(l, failed)) continue;
        if (w === t) {
          const nodes: number[] = [t];
          const links: number[] = [l];
          for (let x = v; x !== s; x = g.linkA[this.prevLink[x]!] === x ? g.linkB[this.prevLink[x]!]! : g.linkA[this.prevLink[x]!]!) {
            nodes.push(x);
            links.push(this.prevLink[x]!);
          }
          nodes.push(s);
          return { nodes: Int32Array.from(nodes.reverse()), links: Int32Array.from(links.reverse()) };
        }
        if (!this.nodeFree(w, failed)) continue;
        this.visited.add(w);
        this.prevLink[w] = l;
        this.nodeQueue[tail++] = w;
      }
    }
    return undefined;
  }

  private greedy(s: number, t: number, failed: FailureSet | null, limit: number, start: readonly RouteIndices[]): RouteIndices[] {
    const routes = start.slice(0, limit);
    this.markUsed(routes);
    while (routes.length < limit) {
      const r = this.routeAvoiding(s, t, failed);
      if (r === undefined) break;
      routes.push(r);
      this.addUsed(r);
    }
    return routes;
  }

  private reset(): void {
    for (const a of this.touched) this.flow[a] = 0;
    this.touched.length = 0;
    for (const a of this.capChanged) this.cap[a] = this.net.cap[a]!;
    this.capChanged.length = 0;
  }

  private setCap(a: number, c: number): void {
    this.capChanged.push(a);
    this.cap[a] = c;
  }

  private augment(source: number, sink: number): boolean {
    const { first, head } = this.net;
    const { cap, flow, queue, parentArc, seen } = this;
    seen.next();
    seen.add(source);
    let qh = 0;
    let qt = 0;
    queue[qt++] = source;
    let found = false;
    search: while (qh < qt) {
      const u = queue[qh++]!;
      for (let a = first[u]!; a < first[u + 1]!; a++) {
        if (cap[a]! - flow[a]! <= 0) continue;
        const w = head[a]!;
        if (!seen.add(w)) continue;
        parentArc[w] = a;
        if (w === sink) {
          found = true;
          break search;
        }
        queue[qt++] = w;
      }
    }
    if (!found) return false;
    const { rev } = this.net;
    for (let w = sink; w !== source;) {
      const a = parentArc[w]!;
      flow[a]!++;
      flow[rev[a]!]!--;
      this.touched.push(a, rev[a]!);
      w = head[rev[a]!]!;
    }
    return true;
  }

  /** Splits the flow into unit routes and keeps those a real route can take (no teleport). */
  private decompose(source: number, sink: number, units: number): RouteIndices[] {
    const { first, head, tag, groupOfArc } = this.net;
    const { flow, rem, pos } = this;
    for (const a of this.touched) if (flow[a]! > 0) rem[a] = flow[a]!;
    const out: RouteIndices[] = [];
    const vs: number[] = [];
    const as: number[] = [];
    for (let unit = 0; unit < units; unit++) {
      vs.length = 0;
      as.length = 0;
      vs.push(source);
      pos[source] = 0;
      let u = source;
      while (u !== sink) {
        let next = -1;
        for (let a = first[u]!; a < first[u + 1]!; a++) {
          if (rem[a]! > 0) {
            next = a;
            break;
          }
        }
        if (next === -1) break;
        rem[next]!--;
        const w = head[next]!;
        const at = pos[w]!;
        if (at >= 0) {
          for (let i = at + 1; i < vs.length; i++) pos[vs[i]!] = -1;
          vs.length = at + 1;
          as.length = at;
        } else {
          pos[w] = vs.length;
          vs.push(w);
          as.push(next);
        }
        u = w;
      }
      for (const v of vs) pos[v] = -1;
      if (u !== sink) continue;
      let teleport = false;
      for (let i = 0; i < as.length; i++) {
        if (groupOfArc[as[i]!] !== -1 && tag[as[i - 1]!] !== tag[as[i + 1]!]) {
          teleport = true;
          break;
        }
      }
      if (teleport) continue;
      const nodes: number[] = [];
      const links: number[] = [];
      for (const v of vs) if (v < 2 * this.n && (v & 1) === 0) nodes.push(v >> 1);
      // A link's gadget may pass through its groups' vertices: one link per run of its tag.
      let last = -1;
      for (const a of as) {
        const e = tag[a]!;
        if (e < this.n) last = -1;
        else if (e < this.n + this.m && e !== last) {
          links.push(e - this.n);
          last = e;
        }
      }
      out.push({ nodes: Int32Array.from(nodes), links: Int32Array.from(links) });
    }
    for (const a of this.touched) rem[a] = 0;
    return out;
  }
}

const counterCache = new WeakMap<Graph, Partial<Record<Disjointness, PathCounter>>>();

/** The (cached) route counter of a graph for one notion of disjointness. */
export function pathCounterOf(g: Graph, disjointness: Disjointness): PathCounter {
  let entry = counterCache.get(g);
  if (entry === undefined) {
    entry = {};
    counterCache.set(g, entry);
  }
  let counter = entry[disjointness];
  if (counter === undefined) {
    counter = new PathCounter(g, disjointness);
    entry[disjointness] = counter;
  }
  return counter;
}

/** The number of disjoint routes between two nodes (see the module comment for what the bounds mean). */
export function disjointPaths(g: Graph, from: string, to: string, opts: PathOptions = {}): PathCount {
  const s = g.nodeIndex.get(from);
  const t = g.nodeIndex.get(to);
  if (s === undefined) throw new RangeError(`unknown node "${from}"`);
  if (t === undefined) throw new RangeError(`unknown node "${to}"`);
  const counter = pathCounterOf(g, opts.disjointness ?? 'srlg');
  const failed = opts.failed === undefined || opts.failed.length === 0 ? null : failureSet(g, opts.failed);
  const raw = counter.count(s, t, failed, opts.limit ?? Number.MAX_SAFE_INTEGER);
  return { lower: raw.lower, upper: raw.upper, exact: raw.lower === raw.upper, routes: raw.routes.map((r) => counter.route(r)) };
}
