/**
 * Port names as the devices and the inventory spell them: one port goes by its ifIndex, its
 * ifName, its ifDescr (often a vendor sentence around the name: `Alcatel-Lucent OS6900 XNI
 * 1/1/7`, `HUAWEI, AR Series, GigabitEthernet0/0/1 Interface`), a logical unit (`xe-0/0/1.0`)
 * or an abbreviation (`Hu0/0/0/0` for `HundredGigE0/0/0/0`). These helpers decide whether two
 * spellings name one port, and which interface of a device a spelling names.
 */
import type { InterfaceState } from '../collect/observation.js';

/** Normalises a port or device name for comparison. */
export function normalName(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, '');
}

/** `hundredgige0/0/0/0` → [`hundredgige`, `0/0/0/0`]; null when the name has no letters before a digit. */
function prefixAndNumber(n: string): [string, string] | null {
  const m = /^([a-z][a-z-]*?)-?(\d.*)$/.exec(n);
  return m === null ? null : [m[1]!, m[2]!];
}

/** The words of a port description, lower case, without the trailing word "interface". */
function words(s: string): string[] {
  const w = s.trim().toLowerCase().split(/[\s,;]+/).filter((x) => x !== '');
  return w.at(-1) === 'interface' && w.length > 1 ? w.slice(0, -1) : w;
}

/** The name without a logical unit (`xe-0/0/1.0` → `xe-0/0/1`), or null when it has none. */
function withoutUnit(n: string): string | null {
  const m = /^(.*\d)\.\d+$/.exec(n);
  return m === null || !/[a-z]/.test(m[1]!) ? null : m[1]!;
}

/**
 * Whether two spellings name the same port: equal once normalised; one an abbreviation of the
 * other (`Gi0/1` ~ `GigabitEthernet0/1`, same numbering); one a word of the other's description
 * (`1/1/7` in `Alcatel-Lucent OS6900 XNI 1/1/7`); or the same but for a logical unit (`.0`).
 */
export function portNamesMatch(x: string, y: string): boolean {
  const a = normalName(x);
  const b = normalName(y);
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const ua = withoutUnit(a) ?? a;
  const ub = withoutUnit(b) ?? b;
  if (ua === ub) return true;
  const pa = prefixAndNumber(ua);
  const pb = prefixAndNumber(ub);
  if (pa !== null && pb !== null && pa[1] === pb[1]) {
    const [short, long] = pa[0].length <= pb[0].length ? [pa[0], pb[0]] : [pb[0], pa[0]];
    if (short.length >= 2 && long.startsWith(short)) return true;
  }
  // a name inside a description: only names with a digit, so a word like "port" never matches
  const inside = (name: string, descr: string): boolean => /\d/.test(name) && words(descr).length > 1 && words(descr).some((w) => w === name || withoutUnit(w) === name);
  return inside(ua, y) || inside(ub, x);
}

/** Text that names an ifIndex: a bare number (Junos, ProCurve) or the engine's `ifIndex N`. */
function ifIndexOf(text: string): number | null {
  const m = /^(?:ifindex\s*)?(\d+)$/i.exec(text.trim());
  return m === null ? null : Number(m[1]);
}

/** Finds the interface a spelling names on one device (see `resolvePort`); answers are remembered. */
export type PortResolver = (text: string) => InterfaceState | undefined;

/** Exact lookups by normalised name; an ambiguous name maps to null. */
function lookup(interfaces: readonly InterfaceState[], field: (i: InterfaceState) => string | undefined): Map<string, InterfaceState | null> {
  const m = new Map<string, InterfaceState | null>();
  for (const i of interfaces) {
    const v = field(i);
    if (v === undefined) continue;
    const n = normalName(v);
    m.set(n, m.has(n) ? null : i);
  }
  return m;
}

/**
 * A resolver over one device's interfaces, trying in order: the ifIndex, ifName, ifDescr,
 * ifAlias (each exactly, once normalised), then the one interface whose name or description
 * matches (`portNamesMatch`). Undefined when none or several do. Built once per device: the
 * lookups are indexed and every answer is cached.
 */
export function portResolver(interfaces: readonly InterfaceState[]): PortResolver {
  if (interfaces.length === 0) return () => undefined;
  const byIndex = new Map(interfaces.map((i) => [i.index, i]));
  const exact = [lookup(interfaces, (i) => i.name), lookup(interfaces, (i) => i.descr), lookup(interfaces, (i) => i.alias)];
  const memo = new Map<string, InterfaceState | undefined>();
  const resolve = (text: string): InterfaceState | undefined => {
    const idx = ifIndexOf(text);
    if (idx !== null) {
      const hit = byIndex.get(idx);
      if (hit !== undefined) return hit;
    }
    const n = normalName(text);
    for (const m of exact) {
      const hit = m.get(n);
      if (hit === null) return undefined;
      if (hit !== undefined) return hit;
    }
    const near = interfaces.filter((i) => portNamesMatch(i.name, text) || (i.descr !== undefined && portNamesMatch(i.descr, text)));
    return near.length === 1 ? near[0] : undefined;
  };
  return (text) => {
    if (memo.has(text)) return memo.get(text);
    const r = resolve(text);
    memo.set(text, r);
    return r;
  };
}

/** The interface of a device that `text` names (one-off use of `portResolver`). */
export function resolvePort(interfaces: readonly InterfaceState[], text: string): InterfaceState | undefined {
  return portResolver(interfaces)(text);
}
