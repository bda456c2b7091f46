/**
 * The inventory as an analysis graph (an adapter over `graph.ts`, which it does not change):
 * devices are nodes; declared links (with their shared risks: duct, cable, …) and the links
 * LLDP/CDP discovered are links.
 *
 * Devices are deliberately not put in node risk groups (room, site, power) on the graph: the
 * graph layer counts a group touched by a service endpoint as touched by every route, so a site
 * group on every device would cap every service at one SRLG-disjoint route. Those groups are
 * kept beside the graph (`deviceRiskGroups`) and expanded to their devices when failed.
 *
 * Risk-group ids are `<kind>:<id>` (`duct:D-7`, `room:bj-core/core-a`, `power:pdu-a`): the
 * inventory's risk kinds never clash with each other that way.
 */
import type { LinkConfig, ProtectionClass } from '../../config/schema.js';
import type { Inventory } from '../../inventory/model.js';
import type { DeclaredLinkSnapshot, DiscoveredLink } from '../../snapshot/types.js';
import { type ElementRef, type Graph, type LinkInput, type NodeInput, buildGraph, elementsNamed } from '../graph/multigraph.js';
import type { ServiceSpec } from '../graph/services.js';
import { commonDominators } from './power-chain.js';

/** How the graph is built. */
export interface NetworkGraphOptions {
  /** Leave out declared links known down or shut (the live network); default false (as designed). */
  readonly liveOnly?: boolean;
  /** Add links LLDP/CDP shows that the inventory does not declare; default true. */
  readonly discovered?: boolean;
  /** Declared links to leave out as well (by id). */
  readonly without?: ReadonlySet<string>;
}

/** The risk-group id of a shared risk. */
export function riskGroupId(kind: string, id: string): string {
  return `${kind}:${id}`;
}

/** The risk-group ids a declared link runs through. */
export function linkRiskGroups(l: LinkConfig): string[] {
  return l.risks.map((r) => riskGroupId(r.kind, r.id));
}

/** The node risk groups of every device: room, fire compartment, site and the power elements it depends on. */
export function deviceRiskGroups(inventory: Inventory): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of inventory.devices.values()) {
    const groups: string[] = [riskGroupId('site', d.site)];
    if (d.room !== undefined) {
      groups.push(riskGroupId('room', `${d.site}/${d.room}`));
      const fc = inventory.sites.get(d.site)?.rooms.find((r) => r.id === d.room)?.fireCompartment;
      if (fc !== undefined) groups.push(riskGroupId('fireCompartment', `${d.site}/${fc}`));
    }
    if (d.psus.length > 0) for (const p of commonDominators(inventory.power, d.psus.map((x) => x.feed))) groups.push(riskGroupId('power', p));
    out.set(d.id, groups);
  }
  return out;
}

/** The links of the graph, as `buildGraph` takes them. */
export function networkLinks(
  inventory: Inventory,
  topo: { readonly links: readonly DeclaredLinkSnapshot[]; readonly discovered: readonly DiscoveredLink[] } | undefined,
  opts: NetworkGraphOptions = {},
): LinkInput[] {
  const links: LinkInput[] = [];
  const stateOf = new Map(topo?.links.map((l) => [l.link.id, l.state]) ?? []);
  for (const l of inventory.links) {
    const st = stateOf.get(l.id);
    if (opts.liveOnly === true && (st === 'down' || st === 'adminDown')) continue;
    if (opts.without?.has(l.id) === true) continue;
    links.push({ id: l.id, a: l.a.device, b: l.b.device, riskGroups: linkRiskGroups(l) });
  }
  if (opts.discovered !== false) for (const d of topo?.discovered ?? []) links.push({ id: d.id, a: d.a.device, b: d.b.device });
  return links;
}

/** The analysis graph of an inventory (plus, given a snapshot's topology, its discovered links and link states). */
export function networkGraph(
  inventory: Inventory,
  topo?: { readonly links: readonly DeclaredLinkSnapshot[]; readonly discovered: readonly DiscoveredLink[] },
  opts: NetworkGraphOptions = {},
): Graph {
  const nodes: NodeInput[] = [...inventory.devices.keys()].map((id) => ({ id }));
  return buildGraph({ nodes, links: networkLinks(inventory, topo, opts) });
}

/** Devices with at least one link in the graph (a device without links has no route to judge). */
export function linkedDevices(g: Graph): Set<string> {
  const out = new Set<string>();
  for (let l = 0; l < g.linkIds.length; l++) {
    if (g.linkA[l] === g.linkB[l]) continue;
    out.add(g.nodeIds[g.linkA[l]!]!);
    out.add(g.nodeIds[g.linkB[l]!]!);
  }
  return out;
}

/**
 * The inventory's services as the graph layer's two-endpoint specs: a service with more
 * endpoints becomes one spec per pair (`sms[a~b]`). Services with an endpoint that has no link
 * in the graph are left out and listed in `offGraph` (their connectivity is not described).
 */
export function serviceSpecs(inventory: Inventory, g: Graph): { specs: ServiceSpec[]; byService: Map<string, ServiceSpec[]>; offGraph: string[] } {
  const linked = linkedDevices(g);
  const specs: ServiceSpec[] = [];
  const byService = new Map<string, ServiceSpec[]>();
  const offGraph: string[] = [];
  for (const svc of inventory.services.values()) {
    const ends = [...new Set(svc.endpoints)];
    if (ends.length < 2 || ends.some((e) => !linked.has(e))) {
      offGraph.push(svc.id);
      continue;
    }
    const list: ServiceSpec[] = [];
    for (let i = 0; i < ends.length; i++) {
      for (let j = i + 1; j < ends.length; j++) {
        list.push({ id: ends.length === 2 ? svc.id : `${svc.id}[${ends[i]!}~${ends[j]!}]`, endpoints: [ends[i]!, ends[j]!], requiredPaths: svc.requiredPaths });
      }
    }
    specs.push(...list);
    byService.set(svc.id, list);
  }
  return { specs, byService, offGraph };
}

/**
 * Resolves element names against the graph: `id`, `kind:id` for a node/link/riskGroup whose id
 * coincides with another, a risk group by its full id (`duct:D-7`) or, when only one group has
 * it, by its bare id (`D-7`). Collects a message for every name that does not resolve.
 */
export function resolveNetworkElements(g: Graph, names: readonly string[], problems: string[]): ElementRef[] {
  const out: ElementRef[] = [];
  const kinds = ['node', 'link', 'riskGroup'] as const;
  for (const name of names) {
    const colon = name.indexOf(':');
    const kind = colon > 0 ? kinds.find((k) => k === name.slice(0, colon)) : undefined;
    if (kind !== undefined) {
      const hit = elementsNamed(g, name.slice(colon + 1)).find((r) => r.kind === kind);
      if (hit !== undefined) {
        out.push(hit);
        continue;
      }
    }
    const named = elementsNamed(g, name);
    if (named.length === 1) {
      out.push(named[0]!);
      continue;
    }
    if (named.length > 1) {
      problems.push(`"${name}" names ${named.map((r) => r.kind).join(' and ')}; write ${named.map((r) => `${r.kind}:${name}`).join(' or ')}`);
      continue;
    }
    const suffix = g.groupIds.filter((gid) => gid.slice(gid.indexOf(':') + 1) === name);
    if (suffix.length === 1) out.push({ kind: 'riskGroup', id: suffix[0]! });
    else if (suffix.length > 1) problems.push(`"${name}" names the risk groups ${suffix.join(', ')}; write one of them`);
    else problems.push(`no device, link or risk group "${name}"`);
  }
  return out;
}

/**
 * How central a class sits, for telling a device's upstream from its downstream: the core
 * first, trunk, data-centre, network-element and SMS platforms next, aggregation, then access.
 */
const CLASS_DEPTH: Readonly<Record<ProtectionClass, number>> = { 'PC-CORE': 0, 'PC-TRUNK': 1, 'PC-DC': 1, 'PC-NE': 1, 'PC-SMS': 1, 'PC-AGG': 2, 'PC-ACC': 3 };

/**
 * Each device's parents for alert inhibition (src/alerting/inhibition.ts): the devices it has a
 * declared link to that sit closer to the core (a shallower class), as one redundant group — a
 * device stays reachable while any one of its uplinks' far ends is up. A device without such a
 * neighbour has no parents. Devices of the same depth are peers (a redundancy pair), never parents.
 */
export function inhibitionParents(inventory: Pick<Inventory, 'devices' | 'links'>): (deviceId: string) => string[][] {
  const up = new Map<string, Set<string>>();
  const depth = (id: string): number | undefined => {
    const d = inventory.devices.get(id);
    return d === undefined ? undefined : CLASS_DEPTH[d.class];
  };
  for (const l of inventory.links) {
    const [a, b] = [l.a.device, l.b.device];
    const da = depth(a);
    const db = depth(b);
    if (da === undefined || db === undefined || da === db) continue;
    const [child, parent] = da > db ? [a, b] : [b, a];
    let s = up.get(child);
    if (s === undefined) up.set(child, (s = new Set()));
    s.add(parent);
  }
  return (deviceId) => {
    const s = up.get(deviceId);
    return s === undefined ? [] : [[...s].sort()];
  };
}
