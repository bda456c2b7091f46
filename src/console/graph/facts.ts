/**
 * What the map highlights, read from the inventory with the analysis's own graph code: single
 * points of failure (cut devices and bridge links of the network graph), shared risk groups
 * (a duct, cable, … that two or more links run through), redundancy pairs that share a room,
 * fire compartment or power element, and devices whose every PSU hangs off one power element.
 * Pure: the same facts for the page, the what-if view and the bench.
 */
import { articulationPoints, bridges } from '../../analysis/graph/multigraph.js';
import { deviceRiskGroups, linkRiskGroups, networkGraph } from '../../analysis/network/inventory-graph.js';
import type { Inventory } from '../../inventory/model.js';

/** The highlighted facts of an inventory. */
export interface MapFacts {
  /** Risk-group id (`duct:D-7`) → the links running through it, only groups with two or more links. */
  readonly sharedRisks: ReadonlyMap<string, readonly string[]>;
  /** Device → the node risk groups it shares with its redundancy partner (`room:bj-core/core-a`, `power:pdu-a`). */
  readonly sharedWithPair: ReadonlyMap<string, readonly string[]>;
  /** Cut devices: their loss splits the network. */
  readonly spofDevices: ReadonlySet<string>;
  /** Bridge links: their loss splits the network. */
  readonly spofLinks: ReadonlySet<string>;
  /** Device → the power elements whose single loss takes every PSU of it down. */
  readonly singlePower: ReadonlyMap<string, readonly string[]>;
}

const cache = new WeakMap<Inventory, MapFacts>();

/** The facts of `inventory` (cached per inventory object). */
export function mapFacts(inventory: Inventory): MapFacts {
  const hit = cache.get(inventory);
  if (hit !== undefined) return hit;
  const byRisk = new Map<string, string[]>();
  for (const l of inventory.links) {
    for (const r of new Set(linkRiskGroups(l))) {
      const list = byRisk.get(r) ?? [];
      list.push(l.id);
      byRisk.set(r, list);
    }
  }
  const sharedRisks = new Map([...byRisk].filter(([, links]) => links.length >= 2));
  const groups = deviceRiskGroups(inventory);
  const sharedWithPair = new Map<string, string[]>();
  const singlePower = new Map<string, string[]>();
  for (const d of inventory.devices.values()) {
    const mine = groups.get(d.id) ?? [];
    const power = mine.filter((g) => g.startsWith('power:')).map((g) => g.slice('power:'.length));
    if (power.length > 0) singlePower.set(d.id, power);
    if (d.redundancyPair === undefined) continue;
    const theirs = new Set(groups.get(d.redundancyPair) ?? []);
    const shared = mine.filter((g) => !g.startsWith('site:') && theirs.has(g));
    if (shared.length > 0) sharedWithPair.set(d.id, shared);
  }
  const g = networkGraph(inventory, undefined, { discovered: false });
  const facts: MapFacts = {
    sharedRisks,
    sharedWithPair,
    spofDevices: new Set(articulationPoints(g)),
    spofLinks: new Set(bridges(g)),
    singlePower,
  };
  cache.set(inventory, facts);
  return facts;
}
