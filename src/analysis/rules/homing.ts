/**
 * How an aggregation node is homed to the core (NODE-005, RTE-001a): the simple routes from the
 * node to core devices over live links (declared and discovered), and whether two of them are
 * apart — through no common device (and, for route diversity, no common shared-risk group).
 * Routes stop at the first core device they reach. Pure; bounded by a route limit.
 */
import type { Device } from '../../inventory/model.js';
import type { Snapshot } from '../../snapshot/types.js';
import { linkRiskGroups } from '../network/inventory-graph.js';
import type { RuleContext } from './types.js';

/** One live adjacency: a declared link (with its risk groups) or a discovered one. */
interface Edge {
  readonly id: string;
  readonly to: string;
  readonly risks: readonly string[];
  /** False when the link's monitored ends give no usable state. */
  readonly known: boolean;
}

/** A route from the node to a core device. */
export interface HomingRoute {
  readonly core: string;
  /** The devices between the node and the core. */
  readonly via: readonly string[];
  readonly links: readonly string[];
  readonly risks: readonly string[];
  readonly known: boolean;
}

/** The routes of one node to the core. */
export interface Homing {
  readonly routes: readonly HomingRoute[];
  /** True when the search stopped at the limit (more routes may exist). */
  readonly truncated: boolean;
}

/** The live adjacencies of the network (links down or shut left out), by device. */
export function adjacency(snapshot: Snapshot): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  const add = (a: string, e: Edge): void => {
    const list = out.get(a);
    if (list === undefined) out.set(a, [e]);
    else list.push(e);
  };
  for (const l of snapshot.links) {
    if (l.state === 'down' || l.state === 'adminDown') continue;
    const risks = linkRiskGroups(l.link);
    const known = l.state !== 'unknown' || !l.monitored;
    add(l.link.a.device, { id: l.link.id, to: l.link.b.device, risks, known });
    add(l.link.b.device, { id: l.link.id, to: l.link.a.device, risks, known });
  }
  for (const x of snapshot.discovered) {
    add(x.a.device, { id: x.id, to: x.b.device, risks: [], known: true });
    add(x.b.device, { id: x.id, to: x.a.device, risks: [], known: true });
  }
  return out;
}

/**
 * The simple routes from `node` to any device `isCore` accepts: at most `limit` routes, and at
 * most `limit × 40` steps of the search (a meshed metro has exponentially many simple paths), so
 * the time per node is bounded; `truncated` says the search stopped early.
 */
export function homingRoutes(adj: ReadonlyMap<string, readonly Edge[]>, node: string, isCore: (id: string) => boolean, limit = 500): Homing {
  const routes: HomingRoute[] = [];
  let truncated = false;
  let steps = limit * 40;
  const seen = new Set<string>([node]);
  const via: string[] = [];
  const links: string[] = [];
  const risks: string[] = [];
  let unknownLinks = 0;
  const walk = (at: string): void => {
    for (const e of adj.get(at) ?? []) {
      if (truncated || seen.has(e.to)) continue;
      if (--steps < 0) {
        truncated = true;
        continue;
      }
      links.push(e.id);
      risks.push(...e.risks);
      if (!e.known) unknownLinks++;
      if (isCore(e.to)) {
        if (routes.length >= limit) truncated = true;
        else routes.push({ core: e.to, via: [...via], links: [...links], risks: [...new Set(risks)], known: unknownLinks === 0 });
      } else {
        seen.add(e.to);
        via.push(e.to);
        walk(e.to);
        via.pop();
        seen.delete(e.to);
      }
      if (!e.known) unknownLinks--;
      risks.length -= e.risks.length;
      links.pop();
    }
  };
  walk(node);
  return { routes, truncated };
}

/** Whether two routes are apart: no common device between, no common link, and (when asked) no common risk group. */
export function apart(a: HomingRoute, b: HomingRoute, risks: boolean): boolean {
  if (a.via.some((d) => b.via.includes(d)) || a.links.some((l) => b.links.includes(l))) return false;
  return !risks || !a.risks.some((r) => b.risks.includes(r));
}

/** The first pair of routes that are apart (to distinct cores when `distinctCores`), among routes `use` accepts. */
export function apartPair(routes: readonly HomingRoute[], opts: { distinctCores: boolean; risks: boolean; use: (r: HomingRoute) => boolean }): [HomingRoute, HomingRoute] | null {
  const pool = routes.filter(opts.use);
  for (let i = 0; i < pool.length; i++) {
    for (let j = i + 1; j < pool.length; j++) {
      const a = pool[i]!;
      const b = pool[j]!;
      if (opts.distinctCores && a.core === b.core) continue;
      if (apart(a, b, opts.risks)) return [a, b];
    }
  }
  return null;
}

/** The devices, links and risk groups every route passes through (the single points of failure of the homing). */
export function commonTo(routes: readonly HomingRoute[]): { devices: string[]; links: string[]; risks: string[] } {
  if (routes.length === 0) return { devices: [], links: [], risks: [] };
  const first = routes[0]!;
  return {
    devices: first.via.filter((d) => routes.every((r) => r.via.includes(d))),
    links: first.links.filter((l) => routes.every((r) => r.links.includes(l))),
    risks: first.risks.filter((x) => routes.every((r) => r.risks.includes(x))),
  };
}

/** One aggregation node in scope with its routes to the core, as NODE-005 and RTE-001a judge it. */
export interface AggregationHoming extends Homing {
  readonly device: Device;
  readonly routeLimit: number;
}

/**
 * The aggregation nodes (PC-AGG) a rule applies to, each with its routes to the core; with no
 * core device in the inventory every one is skipped (no data) and nothing is yielded.
 */
export function* aggregationHomings(ctx: RuleContext<{ routeLimit: number }>, toWhat: string): Generator<AggregationHoming> {
  const inv = ctx.snapshot.inventory;
  const isCore = (id: string): boolean => inv.devices.get(id)?.class === 'PC-CORE';
  const aggs = [...inv.devices.values()].filter((d) => d.class === 'PC-AGG' && ctx.applies(d.class, [d.site]));
  if (aggs.length === 0) return;
  if (![...inv.devices.values()].some((d) => isCore(d.id))) {
    aggs.forEach(() => { ctx.skip(`no core device (PC-CORE) in the inventory to ${toWhat}`, 'no_data'); });
    return;
  }
  const adj = adjacency(ctx.snapshot);
  for (const device of aggs) {
    const { routeLimit } = ctx.thresholds(device.class, [device.site]);
    yield { device, routeLimit, ...homingRoutes(adj, device.id, isCore, routeLimit) };
  }
}
