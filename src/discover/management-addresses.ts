/**
 * Where a neighbour can be reached: the management addresses LLDP (lldpRemManAddrTable, the
 * address is in the index) and CDP (cdpCacheAddress) advertise, keyed by the neighbour's name.
 * The decoders are pure; `readManagementAddresses` walks the columns through the collector's
 * guarded walk.
 */
import { normalName } from '../snapshot/neighbour-links.js';
import { octetsToIp, octetsToText } from '../collect/snmp/decode.js';
import type { SnmpTransport } from '../collect/snmp/transport.js';
import type { SnmpValue } from '../collect/snmp/value.js';
import { WalkSession, walkColumns, type ColumnRows } from '../collect/snmp/walk.js';

/** lldpRemSysName, lldpRemChassisId: the neighbour's name by (timeMark, localPort, remIndex). */
export const LLDP_REM_SYSNAME = '1.0.8802.1.1.2.1.4.1.1.9';
export const LLDP_REM_CHASSIS = '1.0.8802.1.1.2.1.4.1.1.5';
/** lldpRemManAddrIfSubtype: present for every advertised address, which sits in the index. */
export const LLDP_REM_MANADDR_IFSUBTYPE = '1.0.8802.1.1.2.1.4.2.1.3';
/** cdpCacheAddressType, cdpCacheAddress, cdpCacheDeviceId (index ifIndex.deviceIndex). */
export const CDP_ADDRESS_TYPE = '1.3.6.1.4.1.9.9.23.1.2.1.1.3';
export const CDP_ADDRESS = '1.3.6.1.4.1.9.9.23.1.2.1.1.4';
export const CDP_DEVICE_ID = '1.3.6.1.4.1.9.9.23.1.2.1.1.6';

/** One neighbour name and the addresses it advertised. */
export interface AdvertisedAddress {
  readonly protocol: 'lldp' | 'cdp';
  readonly remoteName: string;
  readonly address: string;
}

function text(v: SnmpValue | undefined): string | null {
  if (v === undefined) return null;
  if (v.kind === 'octets') return octetsToText(v.value);
  return null;
}

/**
 * Decodes an lldpRemManAddrTable index: timeMark.localPort.remIndex.subtype.len.addr… →
 * the neighbour key (first three parts) and the address (IPv4 = subtype 1, IPv6 = 2; others skipped).
 */
export function decodeLldpManAddrIndex(index: string): { key: string; address: string } | null {
  const parts = index.split('.').map(Number);
  if (parts.length < 6 || parts.some((p) => !Number.isInteger(p) || p < 0)) return null;
  const [t, port, rem, subtype, len] = parts as [number, number, number, number, number];
  const bytes = parts.slice(5);
  if (bytes.length !== len || bytes.some((b) => b > 255)) return null;
  if (!((subtype === 1 && len === 4) || (subtype === 2 && len === 16))) return null;
  return { key: `${t}.${port}.${rem}`, address: octetsToIp(bytes) };
}

/** Joins walked columns into advertised addresses (pure). */
export function advertisedAddresses(cols: ReadonlyMap<string, ColumnRows>): AdvertisedAddress[] {
  const out: AdvertisedAddress[] = [];
  const names = cols.get(LLDP_REM_SYSNAME) ?? new Map<string, SnmpValue>();
  const chassis = cols.get(LLDP_REM_CHASSIS) ?? new Map<string, SnmpValue>();
  for (const index of (cols.get(LLDP_REM_MANADDR_IFSUBTYPE) ?? new Map<string, SnmpValue>()).keys()) {
    const d = decodeLldpManAddrIndex(index);
    if (d === null) continue;
    const name = text(names.get(d.key)) ?? text(chassis.get(d.key));
    if (name === null || name === '') continue;
    out.push({ protocol: 'lldp', remoteName: name, address: d.address });
  }
  const types = cols.get(CDP_ADDRESS_TYPE) ?? new Map<string, SnmpValue>();
  const ids = cols.get(CDP_DEVICE_ID) ?? new Map<string, SnmpValue>();
  for (const [index, v] of cols.get(CDP_ADDRESS) ?? new Map<string, SnmpValue>()) {
    const type = types.get(index);
    if (v.kind !== 'octets' || type?.kind !== 'int' || type.value !== 1 || v.value.length !== 4) continue;
    const name = text(ids.get(index));
    if (name === null || name === '') continue;
    out.push({ protocol: 'cdp', remoteName: name, address: octetsToIp(v.value) });
  }
  return out;
}

/** Addresses by normalised neighbour name (first advertised first). */
export function addressesByName(list: readonly AdvertisedAddress[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of list) {
    const k = normalName(a.remoteName);
    const l = out.get(k);
    if (l === undefined) out.set(k, [a.address]);
    else if (!l.includes(a.address)) l.push(a.address);
  }
  return out;
}

/** Walks the LLDP and CDP address columns of one device within `deadlineMs` (absolute, by `now`). */
export async function readManagementAddresses(transport: SnmpTransport, now: () => number, deadlineMs: number): Promise<AdvertisedAddress[]> {
  const session = new WalkSession(transport, {
    maxRepetitions: 50, useBulk: true, maxVarbinds: 50_000, deadline: deadlineMs,
    columnsPerRequest: 6, timeoutsBeforeSilent: 2, now,
  });
  const cols = await walkColumns(session, [LLDP_REM_SYSNAME, LLDP_REM_CHASSIS, LLDP_REM_MANADDR_IFSUBTYPE, CDP_ADDRESS_TYPE, CDP_ADDRESS, CDP_DEVICE_ID]);
  return advertisedAddresses(cols);
}
