/**
 * Anonymising a recording before it leaves the site (`redline record --anonymise`): IPv4
 * addresses (IpAddress values, addresses in text and in the indexes of address-indexed
 * tables), and names, serials, contacts and locations (sysName, sysContact, sysLocation,
 * entPhysicalSerialNum, LLDP and CDP neighbour names) are replaced consistently: one original
 * always becomes the same stand-in, in values and wherever it appears inside other text, so
 * the recording still reads as one coherent network. Masks (255.x) and 0.0.0.0 stay.
 */
import type { RecordedRow } from './snmprec.js';
import type { SnmpValue } from './value.js';

/** Columns and scalars whose text names a person, place, device or unit. */
const NAME_ROOTS: readonly (readonly [root: string, prefix: string])[] = [
  ['1.3.6.1.2.1.1.5', 'host'], // sysName
  ['1.3.6.1.2.1.1.4', 'contact'], // sysContact
  ['1.3.6.1.2.1.1.6', 'location'], // sysLocation
  ['1.3.6.1.2.1.47.1.1.1.1.11', 'SN'], // entPhysicalSerialNum
  ['1.0.8802.1.1.2.1.4.1.1.9', 'host'], // lldpRemSysName
  ['1.0.8802.1.1.2.1.3.3', 'host'], // lldpLocSysName
  ['1.3.6.1.4.1.9.9.23.1.2.1.1.6', 'host'], // cdpCacheDeviceId
];

/** Tables indexed by an IPv4 address: the root, and how many index parts come before the address. */
const ADDRESS_INDEXED: readonly (readonly [root: string, skip: number])[] = [
  ['1.3.6.1.2.1.15.3.1', 1], // bgpPeerTable: column, then the peer address
  ['1.3.6.1.2.1.14.10.1', 1], // ospfNbrTable: column, address, ifIndex
  ['1.3.6.1.2.1.4.20.1', 1], // ipAddrTable
];

const IPV4 = /\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g;

/** Replaces identifying text and addresses in `rows`; the same original always maps to the same stand-in. */
export function anonymise(rows: readonly RecordedRow[]): RecordedRow[] {
  const addresses = new Map<string, string>();
  const names = new Map<string, string>();
  const counters = new Map<string, number>();
  const address = (a: string): string => {
    const parts = a.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255)) || a === '0.0.0.0' || parts[0] === 255) return a;
    let m = addresses.get(a);
    if (m === undefined) {
      const n = addresses.size + 1;
      m = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      addresses.set(a, m);
    }
    return m;
  };
  // first pass: the names to replace, numbered in order of appearance
  for (const [oid, v] of rows) {
    if (v.kind !== 'octets') continue;
    const hit = NAME_ROOTS.find(([root]) => oid === root || oid.startsWith(`${root}.`));
    const text = v.value.toString('utf8').trim();
    if (hit === undefined || text.length < 3 || names.has(text)) continue;
    const n = (counters.get(hit[1]) ?? 0) + 1;
    counters.set(hit[1], n);
    names.set(text, hit[1] === 'SN' ? `SN${String(n).padStart(6, '0')}` : `${hit[1]}-${n}`);
  }
  const longestFirst = [...names.entries()].sort((a, b) => b[0].length - a[0].length);
  const text = (t: string): string => {
    let out = t;
    for (const [from, to] of longestFirst) out = out.split(from).join(to);
    return out.replace(IPV4, (m) => address(m));
  };
  const value = (v: SnmpValue): SnmpValue => {
    if (v.kind === 'ip') return { kind: 'ip', value: address(v.value) };
    if (v.kind === 'octets') {
      const t = v.value.toString('utf8');
      if (!/^[\x20-\x7e\r\n\t]*$/.test(t)) return v; // binary: MACs and bit strings stay
      const replaced = text(t);
      return replaced === t ? v : { kind: 'octets', value: Buffer.from(replaced, 'utf8') };
    }
    return v;
  };
  const oidOf = (oid: string): string => {
    for (const [root, skip] of ADDRESS_INDEXED) {
      if (!oid.startsWith(`${root}.`)) continue;
      const rest = oid.slice(root.length + 1).split('.');
      if (rest.length < skip + 4) return oid;
      const a = address(rest.slice(skip, skip + 4).join('.'));
      return [root, ...rest.slice(0, skip), a, ...rest.slice(skip + 4)].join('.');
    }
    return oid;
  };
  return rows.map(([oid, v]) => [oidOf(oid), value(v)] as const);
}
