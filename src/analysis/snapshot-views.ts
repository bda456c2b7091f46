/**
 * Views of a snapshot that several rules share, computed once per snapshot and only when a rule
 * asks: the route graph, services as graph specs, redundancy pairs and the classes of links.
 */
import { PROTECTION_CLASSES, type LinkConfig, type ProtectionClass } from '../config/schema.js';
import type { DeclaredLinkSnapshot, Snapshot } from '../snapshot/types.js';
import type { Graph } from './graph/multigraph.js';
import type { ServiceSpec } from './graph/services.js';
import { networkGraph, serviceSpecs } from './network/inventory-graph.js';

/** Shared views of one snapshot. */
export interface Derived {
  /** The more critical of two classes (CORE before DC, TRUNK, NE, SMS, AGG, ACC). */
  readonly higherClass: (a: ProtectionClass, b: ProtectionClass) => ProtectionClass;
  /** The more critical class of a link's two devices. */
  readonly linkClass: (l: LinkConfig) => ProtectionClass;
  /** The site of a device (or null when unknown). */
  readonly siteOf: (deviceId: string) => string | null;
  /** The declared links' states by link id. */
  readonly linkSnapshot: (linkId: string) => DeclaredLinkSnapshot | undefined;
  /** Declared plus discovered links, with link shared risks only (route diversity, RTE-001). */
  readonly routeGraph: () => Graph;
  /** The services as two-endpoint specs on the route graph. */
  readonly services: () => { specs: ServiceSpec[]; byService: Map<string, ServiceSpec[]>; offGraph: string[] };
  /** Each redundancy pair once, members sorted. */
  readonly pairs: () => readonly (readonly [string, string])[];
  /** The redundancy domain of a device: itself and every device paired with it, transitively (sorted). */
  readonly domainOf: (deviceId: string) => readonly string[];
}

const cache = new WeakMap<Snapshot, Derived>();
const rank = (c: ProtectionClass): number => PROTECTION_CLASSES.indexOf(c);

/** The shared views of a snapshot (cached per snapshot object). */
export function derive(snapshot: Snapshot): Derived {
  const hit = cache.get(snapshot);
  if (hit !== undefined) return hit;
  const inv = snapshot.inventory;
  const higherClass = (a: ProtectionClass, b: ProtectionClass): ProtectionClass => (rank(a) <= rank(b) ? a : b);
  const classOf = (id: string): ProtectionClass => inv.devices.get(id)?.class ?? 'PC-ACC';
  const linkById = new Map(snapshot.links.map((l) => [l.link.id, l]));
  let graph: Graph | undefined;
  let services: ReturnType<Derived['services']> | undefined;
  let pairs: (readonly [string, string])[] | undefined;
  let domains: Map<string, readonly string[]> | undefined;

  const computePairs = (): (readonly [string, string])[] => {
    const seen = new Set<string>();
    const out: (readonly [string, string])[] = [];
    for (const d of inv.devices.values()) {
      const p = d.redundancyPair;
      if (p === undefined || !inv.devices.has(p)) continue;
      const pair: readonly [string, string] = d.id < p ? [d.id, p] : [p, d.id];
      const key = pair.join('+');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(pair);
    }
    return out;
  };

  const d: Derived = {
    higherClass,
    linkClass: (l) => higherClass(classOf(l.a.device), classOf(l.b.device)),
    siteOf: (id) => inv.devices.get(id)?.site ?? null,
    linkSnapshot: (id) => linkById.get(id),
    routeGraph: () => (graph ??= networkGraph(inv, snapshot)),
    services: () => (services ??= serviceSpecs(inv, d.routeGraph())),
    pairs: () => (pairs ??= computePairs()),
    domainOf: (id) => {
      if (domains === undefined) {
        const parent = new Map<string, string>();
        const find = (x: string): string => {
          let r = x;
          while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
          parent.set(x, r);
          return r;
        };
        for (const [a, b] of d.pairs()) {
          const ra = find(a);
          const rb = find(b);
          if (ra !== rb) parent.set(ra, rb);
        }
        const members = new Map<string, string[]>();
        for (const x of parent.keys()) {
          const r = find(x);
          const list = members.get(r);
          if (list === undefined) members.set(r, [x]);
          else list.push(x);
        }
        domains = new Map();
        for (const list of members.values()) {
          const sorted = [...new Set(list)].sort();
          for (const x of sorted) domains.set(x, sorted);
        }
      }
      return domains.get(id) ?? [id];
    },
  };
  cache.set(snapshot, d);
  return d;
}
