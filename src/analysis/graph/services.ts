/**
 * Services on the graph: which elements' single loss cuts a service, what a given failure
 * (N-1, N-2 …) does to every service, and the network's single points of failure ranked by what
 * they take down.
 *
 * Conventions, shared by every function here so that `sweep` always agrees with `whatIf`:
 * - A service is protected when it has at least `requiredPaths` disjoint routes (by default
 *   SRLG-disjoint, judged on the proven lower bound of `graph-paths.ts`); unprotected when it
 *   is still connected but has fewer; cut when its endpoints are no longer connected (or one of
 *   them is lost).
 * - A service's own endpoint nodes are never listed as its single points of failure: no routing
 *   can survive the loss of an endpoint (node redundancy is the NODE rules' business). A risk
 *   group that contains an endpoint is listed, since the group is a separate, fixable element.
 */
import {
  type ElementKind, type ElementRef, type Graph, csrRow, elementAt, inSubtree, partWithout,
  strandedByLink, strandedByNode, structureOf,
} from './multigraph.js';
import { type Disjointness, type PathCounter, type RouteIndices, pathCounterOf } from './disjoint-paths.js';
import { type FailureSet, Marks, SplitProver, failureSet, riskGroupCutIndices, splitAfter } from './risk-groups.js';

/** Two endpoints that must stay connected over `requiredPaths` disjoint routes (default 2). */
export interface ServiceSpec {
  readonly id: string;
  readonly endpoints: readonly [string, string];
  readonly requiredPaths?: number;
}

/** The number of disjoint routes the analysis assumes when a service does not say. */
export const DEFAULT_REQUIRED_PATHS = 2;

/** The state of a service. */
export type ServiceStatus = 'protected' | 'unprotected' | 'cut';

/** Bounds on a service's disjoint routes (counted up to requiredPaths + 1). */
export interface PathBounds {
  readonly lower: number;
  readonly upper: number;
}

/** One service before and after a failure. */
export interface ServiceImpact {
  readonly id: string;
  readonly required: number;
  readonly before: ServiceStatus;
  readonly after: ServiceStatus;
  readonly pathsBefore: PathBounds;
  readonly pathsAfter: PathBounds;
  /** True when the failure takes down an endpoint itself. */
  readonly endpointLost: boolean;
}

/** What a failure does to the network and to every service. */
export interface WhatIfResult {
  readonly failed: readonly ElementRef[];
  readonly componentsBefore: number;
  readonly componentsAfter: number;
  /** Surviving nodes cut off from the largest surviving part of their former component. */
  readonly stranded: number;
  /** Services connected before and cut after. */
  readonly cut: readonly string[];
  /** Services protected before, still connected but unprotected after. */
  readonly unprotected: readonly string[];
  readonly services: readonly ServiceImpact[];
}

/** An element whose single loss splits the network or cuts or unprotects a service. */
export interface SinglePointOfFailure {
  readonly kind: ElementKind;
  readonly id: string;
  /** A link's two node ids. */
  readonly endpoints?: readonly [string, string];
  /** Services it cuts. */
  readonly cuts: readonly string[];
  /** Services it leaves connected but unprotected. */
  readonly unprotects: readonly string[];
  /** Surviving nodes it cuts off from the largest part of their component. */
  readonly stranded: number;
}

/** Options shared by the service analyses. */
export interface ServiceOptions {
  /** How a service's routes must differ: `srlg` (default) or `node`. */
  readonly disjointness?: Disjointness;
}

interface Resolved {
  readonly id: string;
  readonly s: number;
  readonly t: number;
  readonly k: number;
}

interface Evaluation {
  readonly status: ServiceStatus;
  readonly lower: number;
  readonly upper: number;
  readonly endpointLost: boolean;
  readonly routes: readonly RouteIndices[];
}

function resolve(g: Graph, services: readonly ServiceSpec[]): Resolved[] {
  return services.map((svc) => {
    const [a, b] = svc.endpoints;
    const s = g.nodeIndex.get(a);
    const t = g.nodeIndex.get(b);
    if (s === undefined || t === undefined) throw new RangeError(`service "${svc.id}": unknown endpoint "${s === undefined ? a : b}"`);
    if (s === t) throw new RangeError(`service "${svc.id}": both endpoints are "${a}"`);
    const k = svc.requiredPaths ?? DEFAULT_REQUIRED_PATHS;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`service "${svc.id}": requiredPaths must be an integer ≥ 1`);
    return { id: svc.id, s, t, k };
  });
}

function evaluate(counter: PathCounter, svc: Resolved, failed: FailureSet | null, seeds: readonly (readonly RouteIndices[])[] = []): Evaluation {
  if (failed !== null && (failed.nodes[svc.s] === 1 || failed.nodes[svc.t] === 1)) {
    return { status: 'cut', lower: 0, upper: 0, endpointLost: true, routes: [] };
  }
  const raw = counter.count(svc.s, svc.t, failed, svc.k + 1, seeds);
  const status: ServiceStatus = raw.lower === 0 ? 'cut' : raw.lower >= svc.k ? 'protected' : 'unprotected';
  return { status, lower: raw.lower, upper: raw.upper, endpointLost: false, routes: raw.routes };
}

function survives(r: RouteIndices, f: FailureSet): boolean {
  for (const v of r.nodes) if (f.nodes[v] === 1) return false;
  for (const l of r.links) if (f.links[l] === 1) return false;
  return true;
}

/** What losing these elements together does to the network and to each service. */
export function whatIf(g: Graph, failed: readonly ElementRef[], services: readonly ServiceSpec[] = [], opts: ServiceOptions = {}): WhatIfResult {
  const f = failureSet(g, failed);
  const split = splitAfter(g, f);
  const impacts: ServiceImpact[] = [];
  const cut: string[] = [];
  const unprotected: string[] = [];
  for (const svc of resolve(g, services)) {
    const counter = pathCounterOf(g, opts.disjointness ?? 'srlg');
    const before = evaluate(counter, svc, null);
    const after = evaluate(counter, svc, f, [before.routes.filter((r) => survives(r, f))]);
    impacts.push({
      id: svc.id,
      required: svc.k,
      before: before.status,
      after: after.status,
      pathsBefore: { lower: before.lower, upper: before.upper },
      pathsAfter: { lower: after.lower, upper: after.upper },
      endpointLost: after.endpointLost,
    });
    if (after.status === 'cut' && before.status !== 'cut') cut.push(svc.id);
    if (after.status === 'unprotected' && before.status === 'protected') unprotected.push(svc.id);
  }
  return {
    failed,
    componentsBefore: structureOf(g).componentCount,
    componentsAfter: split.componentsAfter,
    stranded: split.stranded,
    cut,
    unprotected,
    services: impacts,
  };
}

/** Each service's state on the intact network. */
export function serviceStates(g: Graph, services: readonly ServiceSpec[], opts: ServiceOptions = {}): { id: string; required: number; status: ServiceStatus; paths: PathBounds }[] {
  const counter = pathCounterOf(g, opts.disjointness ?? 'srlg');
  return resolve(g, services).map((svc) => {
    const e = evaluate(counter, svc, null);
    return { id: svc.id, required: svc.k, status: e.status, paths: { lower: e.lower, upper: e.upper } };
  });
}

interface Entry {
  readonly cuts: Set<number>;
  readonly unprotects: Set<number>;
  stranded: number;
}

class Ledger {
  readonly entries = new Map<number, Entry>();
  get(e: number): Entry {
    let x = this.entries.get(e);
    if (x === undefined) {
      x = { cuts: new Set(), unprotects: new Set(), stranded: 0 };
      this.entries.set(e, x);
    }
    return x;
  }
  cuts(e: number, svc: number): boolean {
    return this.entries.get(e)?.cuts.has(svc) ?? false;
  }
}

/**
 * Records, for every service, the elements whose single loss cuts it. Exact and near-linear:
 * a separating node or link lies on the DFS-tree path between the endpoints and must be an
 * articulation point (checked with `partWithout`) or a bridge; a separating risk group must split
 * the network, so only the groups of `riskGroupCutIndices` are searched, once each (and only
 * their smaller pieces, see `SplitProver`).
 */
function recordCuts(g: Graph, services: readonly Resolved[], connected: readonly boolean[], ledger: Ledger, verifier: SplitProver): void {
  const st = structureOf(g);
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  services.forEach((svc, j) => {
    if (connected[j] !== true) return;
    const { s, t } = svc;
    const testNode = (v: number): void => {
      if (st.articulation[v] === 1 && partWithout(st, v, s) !== partWithout(st, v, t)) ledger.get(v).cuts.add(j);
    };
    const testLink = (l: number): void => {
      if (st.bridge[l] === 1) ledger.get(n + l).cuts.add(j);
    };
    let x = s;
    while (!inSubtree(st, x, t)) {
      testLink(st.parentLink[x]!);
      x = st.parent[x]!;
      if (!inSubtree(st, x, t)) testNode(x);
    }
    const lca = x;
    for (let y = t; y !== lca;) {
      testLink(st.parentLink[y]!);
      y = st.parent[y]!;
      if (y !== lca) testNode(y);
    }
    if (lca !== s && lca !== t) testNode(lca);
    for (const v of [s, t]) for (const r of csrRow(g.nodeGroups, v)) ledger.get(n + m + r).cuts.add(j);
  });
  for (const r of riskGroupCutIndices(g)) {
    const entry = ledger.get(n + m + r);
    entry.stranded = verifier.strand(csrRow(g.groupNodes, r), csrRow(g.groupLinks, r));
    services.forEach((svc, j) => {
      if (connected[j] === true && verifier.alive(svc.s) && verifier.alive(svc.t) && verifier.separated(svc.s, svc.t)) entry.cuts.add(j);
    });
  }
}

/**
 * Elements of route i whose loss leaves no route disjoint from the other routes (the graph H_i
 * with the other routes' resources removed): the dominators of t along route i in H_i, in one
 * linear walk. Walking the route from s, the closure of everything reachable from the prefix
 * v0 … v(j-1) without route links records the furthest route node it touches; link e_j is
 * unavoidable when that is before v_j, node v_j when it is not beyond v_j.
 */
function unavoidable(g: Graph, counter: PathCounter, route: RouteIndices, marks: { pos: Int32Array; onRoute: Marks; routeLink: Marks; seen: Marks; queue: Int32Array }): number[] {
  const { pos, onRoute, routeLink, seen, queue } = marks;
  const n = g.nodeIds.length;
  const nodes = route.nodes;
  const len = route.links.length;
  onRoute.next();
  routeLink.next();
  seen.next();
  nodes.forEach((v, j) => {
    onRoute.add(v);
    pos[v] = j;
  });
  for (const l of route.links) routeLink.add(l);
  let furthest = 0;
  const expand = (from: number): void => {
    let head = 0;
    let tail = 0;
    queue[tail++] = from;
    while (head < tail) {
      const v = queue[head++]!;
      for (let k = g.adjStart[v]!; k < g.adjStart[v + 1]!; k++) {
        const l = g.adjLink[k]!;
        if (routeLink.has(l) || !counter.linkFree(l, null)) continue;
        const w = g.adjNode[k]!;
        if (onRoute.has(w)) {
          if (pos[w]! > furthest) furthest = pos[w]!;
          continue;
        }
        if (!seen.add(w) || !counter.nodeFree(w, null)) continue;
        queue[tail++] = w;
      }
    }
  };
  const out: number[] = [];
  expand(nodes[0]!);
  for (let j = 1; j <= len; j++) {
    if (furthest < j) out.push(n + route.links[j - 1]!);
    if (j === len) break;
    if (furthest <= j) out.push(nodes[j]!);
    expand(nodes[j]!);
  }
  return out;
}

/** The elements whose single loss cuts the service (exact; its own endpoints excluded). */
export function singleLossCuts(g: Graph, service: ServiceSpec): ElementRef[] {
  const [svc] = resolve(g, [service]);
  const st = structureOf(g);
  const ledger = new Ledger();
  const connected = [st.componentOf[svc!.s] === st.componentOf[svc!.t]];
  recordCuts(g, [svc!], connected, ledger, new SplitProver(g, st));
  return [...ledger.entries].filter(([, x]) => x.cuts.size > 0).map(([e]) => e).sort((a, b) => a - b).map((e) => elementAt(g, e));
}

/**
 * Every single point of failure, ranked by what it takes down: the services it cuts, then those
 * it leaves unprotected, then the nodes it strands. Without services these are exactly the
 * elements whose loss splits the network: articulation points, bridges, risk-group cuts. With
 * services, elements that only cut or unprotect a service are added. For each element the
 * verdicts equal `whatIf(g, [element], services)` (endpoints of a service excepted, see above).
 *
 * Cost: O(n + m) for the structure, one search per risk-group cut, and per service a bounded
 * max-flow plus, for a service with exactly its required number of routes, one linear walk per
 * route; only elements found unavoidable by the walk, and the risk groups a route touches (SRLG:
 * those no other route can avoid; node-disjoint: all of them), are re-evaluated with a full max-flow.
 */
export function sweep(g: Graph, services: readonly ServiceSpec[] = [], opts: ServiceOptions = {}): SinglePointOfFailure[] {
  const st = structureOf(g);
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  const ledger = new Ledger();
  for (let v = 0; v < n; v++) if (st.articulation[v] === 1) ledger.get(v).stranded = strandedByNode(st, v);
  for (let l = 0; l < m; l++) if (st.bridge[l] === 1) ledger.get(n + l).stranded = strandedByLink(g, st, l);
  const resolved = resolve(g, services);
  const counter = resolved.length > 0 ? pathCounterOf(g, opts.disjointness ?? 'srlg') : undefined;
  const baseline = counter === undefined ? [] : resolved.map((svc) => evaluate(counter, svc, null));
  recordCuts(g, resolved, baseline.map((b) => b.status !== 'cut'), ledger, new SplitProver(g, st));

  const marks = {
    pos: new Int32Array(n),
    onRoute: new Marks(n),
    routeLink: new Marks(m),
    seen: new Marks(n),
    queue: new Int32Array(n),
  };
  resolved.forEach((svc, j) => {
    const base = baseline[j]!;
    if (counter === undefined || base.status !== 'protected') return;
    // With a route to spare, one node or link takes at most one route, and so does a group of
    // SRLG-disjoint routes; node-disjoint routes may share a group, so their groups are still checked.
    const spare = base.lower > svc.k;
    if (spare && counter.disjointness === 'srlg') return;
    const routes = base.routes;
    routes.forEach((route, i) => {
      const others = routes.filter((_, x) => x !== i);
      const suspects: number[] = [];
      if (!spare) {
        counter.markUsed(others);
        suspects.push(...unavoidable(g, counter, route, marks));
      }
      const groups = new Set<number>();
      for (const v of route.nodes) for (const r of csrRow(g.nodeGroups, v)) groups.add(r);
      for (const l of route.links) for (const r of csrRow(g.linkGroups, l)) groups.add(r);
      for (const r of groups) {
        // Node-disjoint routes may share a group, so every group the route touches is a suspect.
        if (counter.disjointness === 'node') {
          suspects.push(n + m + r);
          continue;
        }
        // Losing group r is, for a route SRLG-disjoint from the others, the same as r being used.
        counter.markUsed(others);
        counter.blockGroup(r);
        if (counter.routeAvoiding(svc.s, svc.t, null) === undefined) suspects.push(n + m + r);
      }
      for (const e of suspects) {
        if (ledger.cuts(e, j)) continue;
        const f = failureSet(g, [elementAt(g, e)]);
        const after = evaluate(counter, svc, f, [routes.filter((r) => survives(r, f))]);
        if (after.status === 'unprotected') ledger.get(e).unprotects.add(j);
        else if (after.status === 'cut') ledger.get(e).cuts.add(j);
      }
    });
  });

  const kindOrder: Record<ElementKind, number> = { node: 0, link: 1, riskGroup: 2 };
  const out: SinglePointOfFailure[] = [];
  for (const [e, entry] of ledger.entries) {
    if (entry.cuts.size === 0 && entry.unprotects.size === 0 && entry.stranded === 0) continue;
    const ref = elementAt(g, e);
    const ids = (set: Set<number>): string[] => [...set].sort((a, b) => a - b).map((j) => resolved[j]!.id);
    const spof: SinglePointOfFailure = {
      kind: ref.kind,
      id: ref.id,
      ...(ref.kind === 'link' ? { endpoints: [g.nodeIds[g.linkA[e - n]!]!, g.nodeIds[g.linkB[e - n]!]!] as const } : {}),
      cuts: ids(entry.cuts),
      unprotects: ids(entry.unprotects),
      stranded: entry.stranded,
    };
    out.push(spof);
  }
  return out.sort((a, b) =>
    b.cuts.length - a.cuts.length ||
    b.unprotects.length - a.unprotects.length ||
    b.stranded - a.stranded ||
    kindOrder[a.kind] - kindOrder[b.kind] ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
