/**
 * Inhibition: one page for one problem. A device that is down suppresses its component alerts
 * (its PSU, its LAG, its own redundancy), and a device cut off behind failed parents is
 * suppressed, but only when ALL the parents of one redundant group are down: a child still
 * reachable through one redundant parent keeps its alerts, since losing a parent is then a
 * redundancy loss the child's own alerts describe. A device cut off counts as down for its own
 * children, so a failed core suppresses the whole tree behind it. Pure.
 */
import type { Alert } from './types.js';

/**
 * A device's parents as groups of redundant parents: `[['agg1', 'agg2'], ['core1']]` means the
 * device needs one of agg1/agg2 AND core1. No groups: a root.
 */
export type ParentsOf = (deviceId: string) => readonly (readonly string[])[];

/** An alert held back, and the device whose failure explains it. */
export interface Inhibited {
  readonly alert: Alert;
  readonly by: string;
}

/** Devices down now: those a `serviceDown` alert names as its device. */
export function downDevices(alerts: readonly Alert[]): Set<string> {
  const down = new Set<string>();
  for (const a of alerts) if (a.kind === 'serviceDown' && a.labels.device !== undefined) down.add(a.labels.device);
  return down;
}

/**
 * The devices cut off behind failed parents, each with the parent that explains it (the first
 * down member of its fully failed group). Computed to a fixpoint, so a chain of cut-offs is found
 * whatever order the devices come in; cycles in the parent relation end the walk.
 */
export function cutOff(devices: Iterable<string>, down: ReadonlySet<string>, parentsOf: ParentsOf): Map<string, string> {
  const cut = new Map<string, string>();
  // the parents' parents too: a device with no alert of its own can still be cut off and cut others
  const all: string[] = [];
  const seen = new Set<string>();
  const queue = [...devices];
  for (let d = queue.pop(); d !== undefined; d = queue.pop()) {
    if (seen.has(d)) continue;
    seen.add(d);
    all.push(d);
    for (const group of parentsOf(d)) queue.push(...group);
  }
  const isDown = (d: string): boolean => down.has(d) || cut.has(d);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of all) {
      if (cut.has(d)) continue;
      for (const group of parentsOf(d)) {
        if (group.length === 0 || !group.every(isDown)) continue;
        const root = cut.get(group[0]!) ?? group[0]!;
        if (root === d) continue; // a cycle back to itself explains nothing
        cut.set(d, root);
        grew = true;
        break;
      }
    }
  }
  // pin each to the first failure upstream: a parent found down early may itself be cut off later
  for (const [d, first] of cut) {
    let root = first;
    const path = new Set([d]);
    for (let up = cut.get(root); up !== undefined && !path.has(root); up = cut.get(root)) {
      path.add(root);
      root = up;
    }
    cut.set(d, root);
  }
  return cut;
}

/**
 * Splits alerts into those to notify and those inhibited. Kept: a down device's own incident
 * (unless the device is cut off behind down parents) and every alert without a device; inhibited:
 * a down device's other alerts, and all alerts of a device cut off. Meta alerts are never inhibited.
 */
export function inhibit(alerts: readonly Alert[], parentsOf: ParentsOf): { kept: Alert[]; inhibited: Inhibited[] } {
  const down = downDevices(alerts);
  const devices = new Set<string>();
  for (const a of alerts) if (a.labels.device !== undefined) devices.add(a.labels.device);
  const cut = cutOff(devices, down, parentsOf);
  const kept: Alert[] = [];
  const inhibited: Inhibited[] = [];
  for (const a of alerts) {
    const d = a.labels.device;
    if (a.kind === 'meta' || d === undefined) {
      kept.push(a);
      continue;
    }
    const root = cut.get(d);
    if (root !== undefined) inhibited.push({ alert: a, by: root });
    else if (down.has(d) && a.kind !== 'serviceDown') inhibited.push({ alert: a, by: d });
    else kept.push(a);
  }
  return { kept, inhibited };
}
