/**
 * What-if on the inventory's own network (rather than a bare topology): the graph of declared
 * links plus, given a snapshot, the links LLDP/CDP discovered, minus links known down. Besides
 * the graph's elements (devices, links, link risk groups such as `duct:D-7`), the devices' own
 * shared risks can be failed: `room:<site>/<room>`, `fireCompartment:<site>/<id>`, `site:<id>` and
 * `power:<element>` (the devices a power element's loss takes down). They are expanded to their
 * devices here, because they cannot be node groups of the graph (see `network-graph.ts`).
 * Shared by `redline whatif --config` and `GET /api/v1/whatif`; the analysis is `graph-whatif.ts`'s.
 */
import { UsageError } from '../../common/errors.js';
import type { Inventory } from '../../inventory/model.js';
import type { Snapshot } from '../../snapshot/types.js';
import type { ElementKind, ElementRef, Graph } from '../graph/multigraph.js';
import type { Disjointness } from '../graph/disjoint-paths.js';
import { type ServiceSpec, type SinglePointOfFailure, type WhatIfResult, sweep, whatIf } from '../graph/services.js';
import { deviceRiskGroups, networkGraph, resolveNetworkElements, serviceSpecs } from './inventory-graph.js';

/** The inventory's network, ready for what-if questions. */
export interface WhatIfNetwork {
  readonly graph: Graph;
  readonly services: readonly ServiceSpec[];
  /** Devices by shared risk beside the graph: room, fire compartment, site, power element. */
  readonly deviceGroups: ReadonlyMap<string, readonly string[]>;
  /** Services left out: an endpoint has no link in the inventory. */
  readonly servicesOffGraph: readonly string[];
  /** Declared links left out because they are down or shut now (live only). */
  readonly linksDown: readonly string[];
  readonly discoveredLinks: number;
}

/** A what-if result, with the device groups that were expanded to their devices. */
export interface NetworkWhatIfResult extends WhatIfResult {
  readonly groups: Readonly<Record<string, readonly string[]>>;
}

/** The what-if network of an inventory; with a snapshot, the live one. */
export function whatIfNetwork(inventory: Inventory, snapshot?: Snapshot): WhatIfNetwork {
  const graph = networkGraph(inventory, snapshot, { liveOnly: snapshot !== undefined });
  const { specs, offGraph } = serviceSpecs(inventory, graph);
  const deviceGroups = new Map<string, string[]>();
  for (const [device, groups] of deviceRiskGroups(inventory)) {
    for (const g of groups) {
      const list = deviceGroups.get(g);
      if (list === undefined) deviceGroups.set(g, [device]);
      else list.push(device);
    }
  }
  return {
    graph,
    services: specs,
    deviceGroups,
    servicesOffGraph: offGraph,
    linksDown: snapshot?.links.filter((l) => l.state === 'down' || l.state === 'adminDown').map((l) => l.link.id) ?? [],
    discoveredLinks: snapshot?.discovered.length ?? 0,
  };
}

/** Resolves names to graph elements; device groups (exact, or by a unique bare id) become their devices. */
export function resolveNames(net: WhatIfNetwork, names: readonly string[], problems: string[]): { failed: ElementRef[]; groups: Record<string, readonly string[]> } {
  const failed: ElementRef[] = [];
  const groups: Record<string, readonly string[]> = {};
  for (const name of names) {
    const exact = net.deviceGroups.get(name);
    if (exact !== undefined) {
      groups[name] = exact;
      failed.push(...exact.map((id) => ({ kind: 'node' as const, id })));
      continue;
    }
    const local: string[] = [];
    const hit = resolveNetworkElements(net.graph, [name], local);
    if (local.length === 0) {
      failed.push(...hit);
      continue;
    }
    // a bare id: `pdu-a` for power:pdu-a, `core-a` for room:bj-core/core-a, when only one group has it
    const bySuffix = [...net.deviceGroups.keys()].filter((g) => {
      const bare = g.slice(g.indexOf(':') + 1);
      return bare === name || bare.slice(bare.lastIndexOf('/') + 1) === name;
    });
    if (bySuffix.length === 1) {
      const g = bySuffix[0]!;
      groups[g] = net.deviceGroups.get(g)!;
      failed.push(...groups[g].map((id) => ({ kind: 'node' as const, id })));
    } else if (bySuffix.length > 1) {
      problems.push(`"${name}" names ${bySuffix.join(', ')}; write one of them`);
    } else {
      problems.push(...local);
    }
  }
  return { failed, groups };
}

/** What losing these elements together does; UsageError on an unknown name. */
export function whatIfByName(net: WhatIfNetwork, names: readonly string[], disjointness: Disjointness = 'srlg'): NetworkWhatIfResult {
  const problems: string[] = [];
  const { failed, groups } = resolveNames(net, names, problems);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  if (failed.length === 0) throw new UsageError('name at least one element to fail');
  return { ...whatIf(net.graph, failed, net.services, { disjointness }), groups };
}

const KIND_ORDER: Readonly<Record<ElementKind, number>> = { node: 0, link: 1, riskGroup: 2 };

/**
 * Every single point of failure, worst first: the graph's (`sweep`), plus each device group of
 * two or more devices whose loss cuts or unprotects a service or strands devices (one what-if each).
 */
export function sweepNetwork(net: WhatIfNetwork, disjointness: Disjointness = 'srlg'): SinglePointOfFailure[] {
  const steps = sweepNetworkSteps(net, disjointness);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The same sweep one step at a time (the graph's sweep, then one device group per step), for a
 * caller that answers other questions between steps (the analysis worker). Equals `sweepNetwork`.
 */
export function* sweepNetworkSteps(net: WhatIfNetwork, disjointness: Disjointness = 'srlg'): Generator<void, SinglePointOfFailure[]> {
  const out = sweep(net.graph, net.services, { disjointness });
  for (const [id, devices] of net.deviceGroups) {
    if (devices.length < 2) continue;
    yield;
    const r = whatIf(net.graph, devices.map((d) => ({ kind: 'node' as const, id: d })), net.services, { disjointness });
    if (r.cut.length === 0 && r.unprotected.length === 0 && r.stranded === 0) continue;
    out.push({ kind: 'riskGroup', id, cuts: r.cut, unprotects: r.unprotected, stranded: r.stranded });
  }
  return out.sort((a, b) =>
    b.cuts.length - a.cuts.length ||
    b.unprotects.length - a.unprotects.length ||
    b.stranded - a.stranded ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
