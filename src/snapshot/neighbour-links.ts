/**
 * Declared links against what the devices say: each declared link's state from its interfaces
 * (oper/admin status) and LLDP/CDP neighbours, and the neighbour links the inventory does not
 * declare. Neighbour remote names are matched to inventory device ids, inventory names and
 * observed sysNames (case-insensitive, with or without a domain suffix); neighbours that name
 * nothing in the inventory (hosts, other operators' gear) are ignored.
 */
import type { DeviceObservation, InterfaceState } from '../collect/observation.js';
import type { LinkConfig } from '../config/schema.js';
import type { Inventory } from '../inventory/model.js';
import type { DeclaredLinkSnapshot, DeviceSnapshot, DiscoveredLink, LinkEndState, LinkState } from './types.js';

/** Normalises a port or device name for comparison. */
export function normalName(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, '');
}

/** An index from every name a device goes by to its inventory id. */
export function deviceNameIndex(inventory: Inventory, devices: ReadonlyMap<string, DeviceSnapshot>): Map<string, string> {
  const index = new Map<string, string>();
  const add = (name: string | null | undefined, id: string): void => {
    if (name === null || name === undefined || name === '') return;
    const n = normalName(name);
    if (!index.has(n)) index.set(n, id);
    const dot = n.indexOf('.');
    // a short name from an FQDN, never from an IP address
    if (dot > 0 && /[a-z]/.test(n.slice(0, dot)) && !index.has(n.slice(0, dot))) index.set(n.slice(0, dot), id);
  };
  for (const d of inventory.devices.values()) add(d.id, d.id);
  for (const d of inventory.devices.values()) add(d.name, d.id);
  for (const s of devices.values()) add(s.observation?.system.name, s.id);
  return index;
}

function resolveName(index: ReadonlyMap<string, string>, name: string): string | undefined {
  const n = normalName(name);
  const hit = index.get(n);
  if (hit !== undefined) return hit;
  const dot = n.indexOf('.');
  return dot > 0 ? index.get(n.slice(0, dot)) : undefined;
}

function interfaceOf(o: DeviceObservation, name: string): InterfaceState | undefined {
  const n = normalName(name);
  return o.interfaces.find((i) => normalName(i.name) === n);
}

function endState(s: DeviceSnapshot | undefined, iface: string): LinkEndState {
  if (s?.observation === null || s?.observation === undefined) return 'unknown';
  const i = interfaceOf(s.observation, iface);
  if (i === undefined) return 'missing';
  if (i.adminStatus === 'down') return 'adminDown';
  if (i.operStatus === 'up') return 'up';
  // lowerLayerDown, notPresent and down all mean no traffic while an operator wants it up
  if (i.operStatus === 'down' || i.operStatus === 'lowerLayerDown' || i.operStatus === 'notPresent') return 'down';
  return 'unknown';
}

interface Sighting {
  readonly a: string;
  readonly aPort: string;
  readonly b: string;
  readonly bPort: string;
  readonly protocol: 'lldp' | 'cdp';
  readonly at: number | null;
}

const pairKey = (x: string, y: string): string => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

/** The declared links' states and the undeclared neighbour links, from fresh observations. */
export function matchTopology(inventory: Inventory, devices: ReadonlyMap<string, DeviceSnapshot>): {
  links: DeclaredLinkSnapshot[];
  discovered: DiscoveredLink[];
  speakers: Set<string>;
} {
  const index = deviceNameIndex(inventory, devices);
  const sightings: Sighting[] = [];
  const speakers = new Set<string>();
  for (const s of devices.values()) {
    const o = s.observation;
    if (o === null || o.neighbors.length === 0) continue;
    speakers.add(s.id);
    for (const n of o.neighbors) {
      const b = resolveName(index, n.remoteName);
      if (b === undefined || b === s.id) continue;
      sightings.push({ a: s.id, aPort: n.localPort, b, bPort: n.remotePort, protocol: n.protocol, at: s.observedAt });
    }
  }

  const byPair = new Map<string, number[]>();
  inventory.links.forEach((l, k) => {
    const key = pairKey(l.a.device, l.b.device);
    const list = byPair.get(key);
    if (list === undefined) byPair.set(key, [k]);
    else list.push(k);
  });
  const seenBy = new Array<'lldp' | 'cdp' | null>(inventory.links.length).fill(null);
  const portsDiffer = new Array<boolean>(inventory.links.length).fill(false);
  const portOn = (l: LinkConfig, device: string): string => (l.a.device === device ? l.a.interface : l.b.interface);

  // first pass: the local (or remote) port names the declared interface
  const pending: Sighting[] = [];
  for (const s of sightings) {
    const candidates = byPair.get(pairKey(s.a, s.b)) ?? [];
    const hit = candidates.find((k) => {
      const l = inventory.links[k]!;
      return normalName(portOn(l, s.a)) === normalName(s.aPort) || normalName(portOn(l, s.b)) === normalName(s.bPort);
    });
    if (hit === undefined) pending.push(s);
    else seenBy[hit] ??= s.protocol;
  }
  // second pass: same device pair, ports named differently (ifDescr vs ifName, abbreviations)
  const undeclared: Sighting[] = [];
  for (const s of pending) {
    const candidates = byPair.get(pairKey(s.a, s.b)) ?? [];
    const hit = candidates.find((k) => seenBy[k] === null);
    if (hit === undefined) undeclared.push(s);
    else {
      seenBy[hit] = s.protocol;
      portsDiffer[hit] = true;
    }
  }
  // the same undeclared link seen from both ends counts once
  const discovered: DiscoveredLink[] = [];
  const taken: Sighting[] = [];
  for (const s of undeclared) {
    const twin = taken.find((t) => t.a === s.b && t.b === s.a &&
      (normalName(t.aPort) === normalName(s.bPort) || normalName(t.bPort) === normalName(s.aPort)));
    const same = taken.find((t) => t.a === s.a && t.b === s.b && normalName(t.aPort) === normalName(s.aPort));
    if (twin !== undefined || same !== undefined) continue;
    taken.push(s);
    const ends = [{ device: s.a, port: s.aPort }, { device: s.b, port: s.bPort }].sort((x, y) => (x.device < y.device ? -1 : x.device > y.device ? 1 : 0));
    discovered.push({
      id: `seen:${ends[0]!.device}:${ends[0]!.port}~${ends[1]!.device}:${ends[1]!.port}`,
      a: ends[0]!,
      b: ends[1]!,
      protocol: s.protocol,
      observedAt: s.at,
    });
  }

  const links = inventory.links.map((l, k): DeclaredLinkSnapshot => {
    const sa = devices.get(l.a.device);
    const sb = devices.get(l.b.device);
    const ends = [endState(sa, l.a.interface), endState(sb, l.b.interface)] as const;
    const seen = seenBy[k] ?? null;
    let state: LinkState;
    if (ends.includes('adminDown')) state = 'adminDown';
    else if (ends.includes('down')) state = 'down';
    else if (seen !== null) state = 'up';
    else if (ends.includes('up')) state = speakers.has(l.a.device) || speakers.has(l.b.device) ? 'unconfirmed' : 'up';
    else state = 'unknown';
    const times = [sa?.observation !== null ? sa?.observedAt : null, sb?.observation !== null ? sb?.observedAt : null].filter((t): t is number => typeof t === 'number');
    const monitored = sa?.status !== 'unmonitored' || sb?.status !== 'unmonitored';
    return { link: l, state, ends, seenBy: seen, portsDiffer: portsDiffer[k]!, observedAt: times.length === 0 ? null : Math.max(...times), monitored };
  });
  return { links, discovered, speakers };
}
