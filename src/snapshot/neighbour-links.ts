/**
 * Declared links against what the devices say: each declared link's state from both ends'
 * interfaces (oper/admin status) and LLDP/CDP neighbours, and the neighbour links the inventory
 * does not declare. Neighbour rows are first reduced to physical adjacencies (duplicate rows,
 * whatever their remote index, and CDP and LLDP reporting one cable count once), their ports
 * resolved to the device's interfaces (`port-names.ts`). Neighbour remote names are matched to
 * inventory device ids, inventory names and observed sysNames (case-insensitive, with or
 * without a domain suffix); neighbours that name nothing in the inventory are ignored.
 */
import type { DeviceObservation, InterfaceState } from '../collect/observation.js';
import type { LinkConfig } from '../config/schema.js';
import type { Inventory } from '../inventory/model.js';
import { normalName, portNamesMatch, portResolver, type PortResolver } from './port-names.js';
import type { DeclaredLinkSnapshot, DeviceSnapshot, DiscoveredLink, LinkEndState, LinkState } from './types.js';

export { normalName } from './port-names.js';

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

/** Whether the device answered with an interface table (a device with one always has a row). */
function hasInterfaceTable(o: DeviceObservation): boolean {
  return o.interfaces.length > 0;
}

function endState(s: DeviceSnapshot | undefined, resolve: PortResolver, iface: string): LinkEndState {
  if (s?.observation === null || s?.observation === undefined) return 'unknown';
  if (!hasInterfaceTable(s.observation)) return 'noTable';
  const i = resolve(iface);
  if (i === undefined) return 'missing';
  if (i.adminStatus === 'down') return 'adminDown';
  if (i.operStatus === 'up') return 'up';
  // lowerLayerDown, notPresent and down all mean no traffic while an operator wants it up
  if (i.operStatus === 'down' || i.operStatus === 'lowerLayerDown' || i.operStatus === 'notPresent') return 'down';
  return 'unknown';
}

/** One port as a sighting names it: the interface it resolves to on its device, if any. */
interface PortRef {
  readonly text: string;
  readonly iface: InterfaceState | undefined;
}

/** The identity of a port for de-duplication: the resolved interface, else the spelling. */
const portKey = (p: PortRef): string => (p.iface !== undefined ? `if:${p.iface.index}:${normalName(p.iface.name)}` : `tx:${normalName(p.text)}`);
/** The name a port is shown by: the device's own interface name when resolved. */
const portName = (p: PortRef): string => p.iface?.name ?? p.text;

/** Of two spellings of one port, the one to keep: resolved first, then the smaller text (order-independent). */
function betterPort(x: PortRef, y: PortRef): PortRef {
  if ((x.iface === undefined) !== (y.iface === undefined)) return x.iface !== undefined ? x : y;
  return y.text < x.text ? y : x;
}

/** One physical adjacency seen from device `a`. */
interface Sighting {
  readonly a: string;
  readonly aPort: PortRef;
  readonly b: string;
  readonly bPort: PortRef;
  readonly protocol: 'lldp' | 'cdp';
  readonly at: number | null;
}

const pairKey = (x: string, y: string): string => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

/**
 * A sighted port against a declared interface of one device: `same`, `different` (both resolve,
 * to two interfaces), or `unknown` (the spellings differ and at least one does not resolve).
 */
function portVerdict(resolve: PortResolver, declared: string, seen: PortRef): 'same' | 'different' | 'unknown' {
  const d = resolve(declared);
  if (d !== undefined && seen.iface !== undefined) return d.index === seen.iface.index && d.name === seen.iface.name ? 'same' : 'different';
  const same = portNamesMatch(declared, seen.text) || (d !== undefined && portNamesMatch(d.name, seen.text)) || (seen.iface !== undefined && portNamesMatch(declared, seen.iface.name));
  return same ? 'same' : 'unknown';
}

/** Whether two sightings of one device's port name the same port. */
function samePortRef(x: PortRef, y: PortRef): boolean {
  if (x.iface !== undefined && y.iface !== undefined) return portKey(x) === portKey(y);
  return portNamesMatch(portName(x), portName(y)) || portNamesMatch(x.text, y.text);
}

/**
 * Every device's neighbour rows as physical adjacencies: rows naming the same local port and
 * the same remote device and port are one adjacency whatever their remote index or protocol
 * (LLDP is kept when both report it); on a resolved local port, one remote device is one
 * adjacency (a port has one cable).
 */
function adjacencies(devices: ReadonlyMap<string, DeviceSnapshot>, index: ReadonlyMap<string, string>, resolverOf: (id: string) => PortResolver): { sightings: Sighting[]; speakers: Set<string> } {
  const speakers = new Set<string>();
  const byKey = new Map<string, Sighting>();
  for (const s of devices.values()) {
    const o = s.observation;
    if (o === null || o.neighbors.length === 0) continue;
    speakers.add(s.id);
    for (const n of o.neighbors) {
      const b = resolveName(index, n.remoteName);
      if (b === undefined || b === s.id) continue;
      const aPort: PortRef = { text: n.localPort, iface: resolverOf(s.id)(n.localPort) };
      const bPort: PortRef = { text: n.remotePort, iface: resolverOf(b)(n.remotePort) };
      const key = aPort.iface !== undefined ? `${s.id}\u0000${portKey(aPort)}\u0000${b}` : `${s.id}\u0000${portKey(aPort)}\u0000${b}\u0000${portKey(bPort)}`;
      const prev = byKey.get(key);
      // merged whatever the row order: LLDP over CDP, the remote port spelling that resolves on
      // the remote device, then the first spelling in sort order
      byKey.set(key, {
        a: s.id,
        aPort: prev === undefined ? aPort : betterPort(prev.aPort, aPort),
        b,
        bPort: prev === undefined ? bPort : betterPort(prev.bPort, bPort),
        protocol: prev?.protocol === 'lldp' ? 'lldp' : n.protocol,
        at: s.observedAt,
      });
    }
  }
  // a stable order (devices, then ports), so the result never depends on row order
  const sightings = [...byKey.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, v]) => v);
  return { sightings, speakers };
}

/** The declared links' states and the undeclared neighbour links, from fresh observations. */
export function matchTopology(inventory: Inventory, devices: ReadonlyMap<string, DeviceSnapshot>): {
  links: DeclaredLinkSnapshot[];
  discovered: DiscoveredLink[];
  speakers: Set<string>;
} {
  const index = deviceNameIndex(inventory, devices);
  const resolvers = new Map<string, PortResolver>();
  const resolverOf = (id: string): PortResolver => {
    let r = resolvers.get(id);
    if (r === undefined) {
      r = portResolver(devices.get(id)?.observation?.interfaces ?? []);
      resolvers.set(id, r);
    }
    return r;
  };
  const { sightings, speakers } = adjacencies(devices, index, resolverOf);

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

  // first pass: the local or remote port is the declared interface; every sighting of a declared
  // link lands here, however many rows or protocols report it
  const pending: Sighting[] = [];
  for (const s of sightings) {
    const candidates = byPair.get(pairKey(s.a, s.b)) ?? [];
    // one end is the declared port and the other does not contradict it (a cable the inventory
    // puts on another port of either device is not this link)
    const hit = candidates.find((k) => {
      const l = inventory.links[k]!;
      const v = [portVerdict(resolverOf(s.a), portOn(l, s.a), s.aPort), portVerdict(resolverOf(s.b), portOn(l, s.b), s.bPort)];
      return v.includes('same') && !v.includes('different');
    });
    if (hit === undefined) pending.push(s);
    else if (seenBy[hit] !== 'lldp') seenBy[hit] = s.protocol;
  }
  // second pass: same device pair, but neither port resolves on its device (no interface table,
  // or a spelling no interface matches): the pair is all that can be matched
  const undeclared: Sighting[] = [];
  for (const s of pending) {
    const candidates = byPair.get(pairKey(s.a, s.b)) ?? [];
    const hit = s.aPort.iface === undefined && s.bPort.iface === undefined ? candidates.find((k) => seenBy[k] === null) : undefined;
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
    const twin = taken.find((t) => t.a === s.b && t.b === s.a && (samePortRef(t.aPort, s.bPort) || samePortRef(t.bPort, s.aPort)));
    const same = taken.find((t) => t.a === s.a && t.b === s.b && samePortRef(t.aPort, s.aPort));
    if (twin !== undefined || same !== undefined) continue;
    taken.push(s);
    const ends = [{ device: s.a, port: portName(s.aPort) }, { device: s.b, port: portName(s.bPort) }].sort((x, y) => (x.device < y.device ? -1 : x.device > y.device ? 1 : 0));
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
    const ends = [endState(sa, resolverOf(l.a.device), l.a.interface), endState(sb, resolverOf(l.b.device), l.b.interface)] as const;
    const seen = seenBy[k] ?? null;
    const times = [sa?.observation !== null ? sa?.observedAt : null, sb?.observation !== null ? sb?.observedAt : null].filter((t): t is number => typeof t === 'number');
    const monitored = sa?.status !== 'unmonitored' || sb?.status !== 'unmonitored';
    return { link: l, state: linkState(ends, seen, speakers.has(l.a.device) || speakers.has(l.b.device)), ends, seenBy: seen, portsDiffer: portsDiffer[k]!, observedAt: times.length === 0 ? null : Math.max(...times), monitored };
  });
  return { links, discovered, speakers };
}

/**
 * A declared link's state from its ends: every end redline can read must say up. An end without
 * an interface table, or whose port is missing, leaves the link unknown unless LLDP/CDP confirms
 * it; an end whose device has no fresh data leaves the judgement to the other end.
 */
export function linkState(ends: readonly [LinkEndState, LinkEndState], seen: 'lldp' | 'cdp' | null, speakers: boolean): LinkState {
  if (ends.includes('adminDown')) return 'adminDown';
  if (ends.includes('down')) return 'down';
  if (!ends.includes('up')) return seen !== null ? 'up' : 'unknown';
  if (seen !== null) return 'up';
  if (ends.includes('noTable') || ends.includes('missing')) return 'unknown';
  return speakers ? 'unconfirmed' : 'up';
}
