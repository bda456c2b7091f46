/**
 * The power chain of the inventory (mains → ATS → UPS → panel → PDU …) as a small DAG, and the
 * elements whose single loss cuts a feed from every source: the feed's dominators. A PSU plugged
 * into a PDU that has two upstream panels survives the loss of either panel; one plugged into a
 * PDU under a single panel does not. A device loses power when every one of its PSUs does, so
 * the elements that take a device down are the dominators its PSU feeds have in common.
 * Pure; results are cached per inventory power map.
 */
import type { PowerNodeConfig } from '../../config/schema.js';

/** Power elements by id (the inventory's `power`). */
export type PowerMap = ReadonlyMap<string, PowerNodeConfig>;

const cache = new WeakMap<PowerMap, Map<string, readonly string[]>>();

/** True when `from` reaches a source (an element with no upstream) without passing through `removed`. */
function reachesSource(power: PowerMap, from: string, removed: string | null): boolean {
  if (from === removed) return false;
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const node = power.get(id);
    // an element the inventory does not describe further is taken as a source of its own
    if (node === undefined || node.upstream.length === 0) return true;
    for (const u of node.upstream) {
      if (u === removed || seen.has(u)) continue;
      seen.add(u);
      stack.push(u);
    }
  }
  return false;
}

/**
 * The elements whose single loss cuts `feed` from every source, nearest first (the feed itself
 * first). Elements of the same distance keep the inventory's order.
 */
export function feedDominators(power: PowerMap, feed: string): readonly string[] {
  let perMap = cache.get(power);
  if (perMap === undefined) {
    perMap = new Map();
    cache.set(power, perMap);
  }
  const hit = perMap.get(feed);
  if (hit !== undefined) return hit;
  // breadth-first over the upstream closure gives the distance order
  const order: string[] = [feed];
  const seen = new Set(order);
  for (let k = 0; k < order.length; k++) {
    for (const u of power.get(order[k]!)?.upstream ?? []) {
      if (seen.has(u)) continue;
      seen.add(u);
      order.push(u);
    }
  }
  const out = order.filter((x) => x === feed || !reachesSource(power, feed, x));
  perMap.set(feed, out);
  return out;
}

/** The elements whose single loss cuts every one of `feeds` (nearest to the first feed first). */
export function commonDominators(power: PowerMap, feeds: readonly string[]): string[] {
  if (feeds.length === 0) return [];
  const [first, ...rest] = feeds;
  const others = rest.map((f) => new Set(feedDominators(power, f)));
  return feedDominators(power, first!).filter((x) => others.every((s) => s.has(x)));
}
