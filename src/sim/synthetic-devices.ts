/**
 * Synthetic devices: the MIB tables of a device generated from a short description (name,
 * sysObjectID, interfaces, ENTITY-MIB chassis/PSU/fan rows with ENTITY-STATE-MIB or
 * CISCO-ENTITY-FRU-CONTROL-MIB states, BGP peers, OSPF neighbours, VRRP groups, LLDP
 * neighbours, LAG members, BFD sessions, a UPS). `expectedFacts` says what a correct poller must report
 * for the same description, so a test can compare the two.
 */
import type { BfdSessionState, BgpState, OspfNeighborState, UpsBatteryStatus, UpsOutputSource } from '../collect/observation.js';
import { SimTable, type SimEntry, type SimValue } from './table.js';

/** State of a power supply or fan as described. `absent` is an empty bay. */
export type UnitState = 'ok' | 'failed' | 'absent';

/** One interface; every field has a default. */
export interface InterfaceSpec {
  readonly name?: string;
  readonly descr?: string;
  readonly alias?: string;
  readonly oper?: 'up' | 'down';
  readonly admin?: 'up' | 'down';
  readonly speedMbps?: number;
  /** IANAifType; 6 (ethernetCsmacd) by default, 161 for a LAG. */
  readonly type?: number;
}

/** ENTITY-MIB inventory. */
export interface EntitySpec {
  /** Power supplies in order (names default to "Power Supply N"). */
  readonly psus?: readonly (UnitState | { readonly name: string; readonly state: UnitState })[];
  readonly fans?: readonly (UnitState | { readonly name: string; readonly state: UnitState })[];
  /** Which MIB carries unit states: ENTITY-STATE-MIB (default), Cisco's FRU-control MIB, or both. */
  readonly stateMib?: 'entity-state' | 'cisco-fru' | 'both';
  /** Total entPhysicalTable rows; padded with a line card and its ports (default: no padding). */
  readonly rows?: number;
}

/** One BGP session. */
export interface BgpPeerSpec {
  readonly address: string;
  readonly remoteAs: number;
  readonly state: BgpState;
  readonly admin?: 'up' | 'down';
}

/** One OSPF neighbour. */
export interface OspfNeighborSpec {
  readonly routerId: string;
  readonly address: string;
  readonly state: OspfNeighborState;
}

/** One BFD session (BFD-STD-MIB bfdSessTable, RFC 7331). */
export interface BfdSessionSpec {
  /** The remote (IPv4) address. */
  readonly address: string;
  readonly state: BfdSessionState;
  /** ifIndex it runs on (default 0: multihop, no interface). */
  readonly ifIndex?: number;
  /** Negotiated interval in ms (default 50) and detect multiplier (default 3). */
  readonly intervalMs?: number;
  readonly multiplier?: number;
}

/** One VRRP group (VRRP-MIB, RFC 2787). */
export interface VrrpGroupSpec {
  /** ifIndex of the interface it runs on. */
  readonly ifIndex: number;
  readonly vrid: number;
  readonly role: 'master' | 'backup' | 'init';
  readonly virtualIp: string;
  /** The current master's primary address when this router is backup (default: the segment's .2). */
  readonly masterIp?: string;
}

/** One LLDP neighbour seen on a local port (by ifIndex). */
export interface LldpNeighborSpec {
  readonly localIfIndex: number;
  readonly remoteName: string;
  readonly remotePort: string;
}

/** One LAG member (IEEE8023-LAG-MIB): the aggregator's and the member's ifIndex. */
export interface LagMemberSpec {
  readonly aggregateIfIndex: number;
  readonly memberIfIndex: number;
  /** Synchronised, collecting and distributing. */
  readonly inBundle: boolean;
}

/** UPS-MIB (RFC 1628) state. */
export interface UpsSpec {
  readonly outputSource: Exclude<UpsOutputSource, 'unknown'>;
  readonly batteryStatus: Exclude<UpsBatteryStatus, 'unknown'>;
  readonly minutesRemaining: number;
  readonly inputLineBads?: number;
}

/**
 * A -48 V DC power plant served as an Eltek Smartpack2 controller (SP2-MIB, as the eltek-sp2
 * profile reads it): modules by state, load, used capacity, battery minutes, mains.
 */
export interface DcPlantSpec {
  readonly modules: readonly ('ok' | 'failed' | 'absent')[];
  readonly loadAmps: number;
  /** Rated current of one module (used to work out the used capacity). */
  readonly moduleRatingAmps: number;
  readonly batteryMinutes: number;
  readonly mains?: 'ok' | 'failed';
}

/** A short description of a device. Only `name` is required. */
export interface DeviceDescription {
  readonly name: string;
  readonly sysObjectID?: string;
  readonly sysDescr?: string;
  readonly uptimeSeconds?: number;
  /** A count of default interfaces, or each one. */
  readonly interfaces?: number | readonly InterfaceSpec[];
  readonly entity?: EntitySpec;
  readonly bgp?: {
    readonly localAs: number;
    readonly routerId?: string;
    readonly peers: readonly BgpPeerSpec[];
    /** BGP4-MIB (default), CISCO-BGP4-MIB cbgpPeer2Table, or both. */
    readonly mib?: 'bgp4' | 'cisco' | 'both';
  };
  readonly ospf?: readonly OspfNeighborSpec[];
  readonly bfd?: readonly BfdSessionSpec[];
  readonly vrrp?: readonly VrrpGroupSpec[];
  readonly lldp?: readonly LldpNeighborSpec[];
  readonly lag?: readonly LagMemberSpec[];
  readonly ups?: UpsSpec;
  readonly dcPlant?: DcPlantSpec;
}

/** Well-known OIDs used by the generator (also handy in tests). */
export const OIDS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  ifTable: '1.3.6.1.2.1.2.2.1',
  ifXTable: '1.3.6.1.2.1.31.1.1.1',
  entPhysicalEntry: '1.3.6.1.2.1.47.1.1.1.1',
  entStateEntry: '1.3.6.1.2.1.131.1.1.1',
  entPhySensorEntry: '1.3.6.1.2.1.99.1.1.1',
  cefcFRUPowerStatusEntry: '1.3.6.1.4.1.9.9.117.1.1.2.1',
  cefcFanTrayStatusEntry: '1.3.6.1.4.1.9.9.117.1.4.1.1',
  bgpPeerEntry: '1.3.6.1.2.1.15.3.1',
  cbgpPeer2Entry: '1.3.6.1.4.1.9.9.187.1.2.5.1',
  ospfNbrEntry: '1.3.6.1.2.1.14.10.1',
  bfdSessEntry: '1.3.6.1.2.1.222.1.2.1',
  vrrpOperEntry: '1.3.6.1.2.1.68.1.3.1',
  vrrpAssoIpAddrEntry: '1.3.6.1.2.1.68.1.4.1',
  lldpRemEntry: '1.0.8802.1.1.2.1.4.1.1',
  lldpLocPortEntry: '1.0.8802.1.1.2.1.3.7.1',
  dot3adAggPortEntry: '1.2.840.10006.300.43.1.2.1.1',
  ups: '1.3.6.1.2.1.33.1',
  eltekSp2: '1.3.6.1.4.1.12148.10',
} as const;

const BFD_STATE: Readonly<Record<BfdSessionState, number>> = { adminDown: 1, down: 2, init: 3, up: 4, failing: 5 };
const BGP_STATE: Readonly<Record<BgpState, number>> = { idle: 1, connect: 2, active: 3, opensent: 4, openconfirm: 5, established: 6 };
const OSPF_STATE: Readonly<Record<OspfNeighborState, number>> = {
  down: 1, attempt: 2, init: 3, twoWay: 4, exchangeStart: 5, exchange: 6, loading: 7, full: 8,
};
const VRRP_STATE = { init: 1, backup: 2, master: 3 } as const;
const UPS_SOURCE: Readonly<Record<Exclude<UpsOutputSource, 'unknown'>, number>> = { other: 1, none: 2, normal: 3, bypass: 4, battery: 5 };
const UPS_BATTERY: Readonly<Record<Exclude<UpsBatteryStatus, 'unknown'>, number>> = { normal: 2, low: 3, depleted: 4 };

const int = (value: number): SimValue => ({ type: 'int', value });
const str = (value: string | Buffer): SimValue => ({ type: 'octets', value });
const gauge = (value: number): SimValue => ({ type: 'gauge32', value });
const counter = (value: number): SimValue => ({ type: 'counter32', value });
const c64 = (value: bigint): SimValue => ({ type: 'counter64', value });
const ip = (value: string): SimValue => ({ type: 'ip', value });
const oid = (value: string): SimValue => ({ type: 'oid', value });
const ticks = (value: number): SimValue => ({ type: 'ticks', value });

function ipBytes(a: string): number[] {
  return a.split('.').map(Number);
}

function ipIndex(a: string): string {
  return ipBytes(a).join('.');
}

function macOf(n: number): Buffer {
  return Buffer.from([0x02, 0x00, 0x5e, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

/** A small deterministic hash, so that counters differ per device and per interface. */
function hash(text: string): number {
  let h = 2166136261;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 16777619) >>> 0;
  return h;
}

/** The interfaces of a description, with defaults filled in (ifIndex = position + 1). */
export function interfacesOf(d: DeviceDescription): Required<InterfaceSpec>[] {
  const list: readonly InterfaceSpec[] = typeof d.interfaces === 'number'
    ? Array.from({ length: d.interfaces }, () => ({}))
    : (d.interfaces ?? []);
  return list.map((s, k) => {
    const name = s.name ?? `Ethernet1/${k + 1}`;
    return {
      name,
      descr: s.descr ?? name,
      alias: s.alias ?? '',
      oper: s.oper ?? 'up',
      admin: s.admin ?? 'up',
      speedMbps: s.speedMbps ?? 10_000,
      type: s.type ?? 6,
    };
  });
}

interface Unit {
  readonly kind: 'psu' | 'fan';
  readonly name: string;
  readonly state: UnitState;
  /** entPhysicalIndex of the unit, or of its empty bay when absent. */
  readonly index: number;
}

/** The PSUs and fans of a description with their entPhysicalIndex. */
export function unitsOf(d: DeviceDescription): Unit[] {
  const e = d.entity;
  if (e === undefined) return [];
  const out: Unit[] = [];
  let next = 10;
  const add = (kind: 'psu' | 'fan', list: EntitySpec['psus']): void => {
    (list ?? []).forEach((u, k) => {
      const spec = typeof u === 'string' ? { name: `${kind === 'psu' ? 'Power Supply' : 'Fan'} ${k + 1}`, state: u } : u;
      out.push({ kind, name: spec.name, state: spec.state, index: next });
      next += 2; // the unit and its sensor (or its empty bay)
    });
  };
  add('psu', e.psus);
  add('fan', e.fans);
  return out;
}

/** Generates the device's MIB as entries. */
export function syntheticEntries(d: DeviceDescription): SimEntry[] {
  const out: SimEntry[] = [];
  const put = (o: string, v: SimValue): void => { out.push({ oid: o, value: v }); };
  const seed = hash(d.name);

  // SNMPv2-MIB system group
  put(OIDS.sysDescr, str(d.sysDescr ?? `redline synthetic device ${d.name}`));
  put(OIDS.sysObjectID, oid(d.sysObjectID ?? '1.3.6.1.4.1.8072.3.2.10'));
  put(OIDS.sysUpTime, ticks(Math.round((d.uptimeSeconds ?? 86_400 * 42) * 100) % 2 ** 32));
  put('1.3.6.1.2.1.1.4.0', str('noc@example.net'));
  put(OIDS.sysName, str(d.name));
  put('1.3.6.1.2.1.1.6.0', str('lab'));
  put('1.3.6.1.2.1.1.7.0', int(78));

  // IF-MIB
  const ifs = interfacesOf(d);
  put('1.3.6.1.2.1.2.1.0', int(ifs.length));
  ifs.forEach((s, k) => {
    const i = k + 1;
    const t = OIDS.ifTable;
    const x = OIDS.ifXTable;
    const n = (seed + i * 7919) >>> 0;
    const up = s.oper === 'up' ? 1 : 2;
    put(`${t}.1.${i}`, int(i));
    put(`${t}.2.${i}`, str(s.descr));
    put(`${t}.3.${i}`, int(s.type));
    put(`${t}.4.${i}`, int(9216));
    put(`${t}.5.${i}`, gauge(Math.min(4294967295, s.speedMbps * 1_000_000)));
    put(`${t}.6.${i}`, str(macOf(n & 0xffffff)));
    put(`${t}.7.${i}`, int(s.admin === 'up' ? 1 : 2));
    put(`${t}.8.${i}`, int(up));
    put(`${t}.9.${i}`, ticks(n % 100_000));
    put(`${t}.10.${i}`, counter(n));
    put(`${t}.11.${i}`, counter(n >>> 4));
    put(`${t}.13.${i}`, counter(0));
    put(`${t}.14.${i}`, counter(n % 17));
    put(`${t}.16.${i}`, counter((n * 3) >>> 0));
    put(`${t}.17.${i}`, counter(n >>> 5));
    put(`${t}.19.${i}`, counter(0));
    put(`${t}.20.${i}`, counter(n % 13));
    put(`${x}.1.${i}`, str(s.name));
    put(`${x}.6.${i}`, c64(BigInt(n) * 1_000_003n));
    put(`${x}.7.${i}`, c64(BigInt(n) * 1_009n));
    put(`${x}.10.${i}`, c64(BigInt(n) * 2_000_003n));
    put(`${x}.11.${i}`, c64(BigInt(n) * 2_003n));
    put(`${x}.15.${i}`, gauge(s.speedMbps));
    put(`${x}.18.${i}`, str(s.alias));
  });

  if (d.entity !== undefined) entityEntries(d, d.entity, put);
  if (d.bgp !== undefined) bgpEntries(d.bgp, put);

  for (const n of d.ospf ?? []) {
    const idx = `${ipIndex(n.address)}.0`;
    const e = OIDS.ospfNbrEntry;
    put(`${e}.1.${idx}`, ip(n.address));
    put(`${e}.2.${idx}`, int(0));
    put(`${e}.3.${idx}`, ip(n.routerId));
    put(`${e}.4.${idx}`, int(2));
    put(`${e}.5.${idx}`, int(1));
    put(`${e}.6.${idx}`, int(OSPF_STATE[n.state]));
    put(`${e}.7.${idx}`, counter(6));
    put(`${e}.8.${idx}`, gauge(0));
    put(`${e}.9.${idx}`, int(1));
    put(`${e}.10.${idx}`, int(2));
    put(`${e}.11.${idx}`, int(2));
  }

  (d.bfd ?? []).forEach((b, k) => {
    const e = OIDS.bfdSessEntry;
    const idx = k + 1;
    put(`${e}.11.${idx}`, int(BFD_STATE[b.state]));
    put(`${e}.18.${idx}`, int(b.ifIndex ?? 0));
    put(`${e}.21.${idx}`, int(1));
    put(`${e}.22.${idx}`, str(Buffer.from(ipBytes(b.address))));
    put(`${e}.29.${idx}`, gauge((b.intervalMs ?? 50) * 1000));
    put(`${e}.31.${idx}`, gauge(b.multiplier ?? 3));
  });

  for (const g of d.vrrp ?? []) {
    const idx = `${g.ifIndex}.${g.vrid}`;
    // this router's own address on the segment (vrrpOperPrimaryIpAddr): .2 as master, .3 otherwise
    const own = g.virtualIp.replace(/\.\d+$/, g.role === 'master' ? '.2' : '.3');
    const e = OIDS.vrrpOperEntry;
    put(`${e}.2.${idx}`, str(Buffer.from([0x00, 0x00, 0x5e, 0x00, 0x01, g.vrid & 0xff])));
    put(`${e}.3.${idx}`, int(VRRP_STATE[g.role]));
    put(`${e}.4.${idx}`, int(1));
    put(`${e}.5.${idx}`, int(g.role === 'master' ? 110 : 100));
    put(`${e}.6.${idx}`, int(1));
    put(`${e}.7.${idx}`, ip(g.role === 'master' ? own : (g.masterIp ?? (g.role === 'init' ? '0.0.0.0' : g.virtualIp.replace(/\.\d+$/, '.2')))));
    put(`${e}.8.${idx}`, ip(own));
    put(`${e}.9.${idx}`, int(1));
    put(`${e}.11.${idx}`, int(1));
    put(`${e}.12.${idx}`, int(1));
    put(`${e}.13.${idx}`, ticks(360_000));
    put(`${e}.14.${idx}`, int(1));
    put(`${e}.15.${idx}`, int(1));
    put(`${OIDS.vrrpAssoIpAddrEntry}.2.${idx}.${ipIndex(g.virtualIp)}`, int(1));
  }

  if ((d.lldp ?? []).length > 0) {
    put('1.0.8802.1.1.2.1.3.1.0', int(4));
    put('1.0.8802.1.1.2.1.3.2.0', str(macOf(seed & 0xffffff)));
    put('1.0.8802.1.1.2.1.3.3.0', str(d.name));
    ifs.forEach((s, k) => {
      const e = OIDS.lldpLocPortEntry;
      put(`${e}.2.${k + 1}`, int(5));
      put(`${e}.3.${k + 1}`, str(s.name));
      put(`${e}.4.${k + 1}`, str(s.descr));
    });
    (d.lldp ?? []).forEach((n, k) => {
      const idx = `0.${n.localIfIndex}.${k + 1}`;
      const e = OIDS.lldpRemEntry;
      put(`${e}.4.${idx}`, int(4));
      put(`${e}.5.${idx}`, str(macOf(hash(n.remoteName) & 0xffffff)));
      put(`${e}.6.${idx}`, int(5));
      put(`${e}.7.${idx}`, str(n.remotePort));
      put(`${e}.8.${idx}`, str(n.remotePort));
      put(`${e}.9.${idx}`, str(n.remoteName));
      put(`${e}.10.${idx}`, str(`${n.remoteName} (synthetic)`));
      put(`${e}.11.${idx}`, str(Buffer.from([0x28, 0x00])));
      put(`${e}.12.${idx}`, str(Buffer.from([0x28, 0x00])));
    });
  }

  for (const m of d.lag ?? []) {
    const e = OIDS.dot3adAggPortEntry;
    const i = m.memberIfIndex;
    // LacpState BITS: activity(0) timeout(1) aggregation(2) synchronization(3) collecting(4) distributing(5)
    const state = m.inBundle ? 0xbc : 0xa0;
    put(`${e}.1.${i}`, int(i));
    put(`${e}.2.${i}`, int(32768));
    put(`${e}.3.${i}`, str(macOf(seed & 0xffffff)));
    put(`${e}.4.${i}`, int(m.aggregateIfIndex));
    put(`${e}.5.${i}`, int(m.aggregateIfIndex));
    put(`${e}.12.${i}`, int(m.aggregateIfIndex));
    put(`${e}.13.${i}`, int(m.inBundle ? m.aggregateIfIndex : 0));
    put(`${e}.14.${i}`, int(i));
    put(`${e}.15.${i}`, int(32768));
    put(`${e}.20.${i}`, str(Buffer.from([0xbc])));
    put(`${e}.21.${i}`, str(Buffer.from([state])));
    put(`${e}.22.${i}`, str(Buffer.from([0xbc])));
    put(`${e}.23.${i}`, str(Buffer.from([state])));
    put(`${e}.24.${i}`, int(1));
  }

  if (d.ups !== undefined) {
    const u = OIDS.ups;
    put(`${u}.1.1.0`, str('redline'));
    put(`${u}.1.2.0`, str('Synthetic UPS 3000'));
    put(`${u}.2.1.0`, int(UPS_BATTERY[d.ups.batteryStatus]));
    put(`${u}.2.2.0`, int(d.ups.outputSource === 'battery' ? 120 : 0));
    put(`${u}.2.3.0`, int(d.ups.minutesRemaining));
    put(`${u}.2.4.0`, int(d.ups.batteryStatus === 'normal' ? 100 : 20));
    put(`${u}.3.1.0`, counter(d.ups.inputLineBads ?? 0));
    put(`${u}.3.2.0`, int(1));
    put(`${u}.4.1.0`, int(UPS_SOURCE[d.ups.outputSource]));
    put(`${u}.4.2.0`, int(500));
    put(`${u}.4.3.0`, int(1));
  }

  if (d.dcPlant !== undefined) {
    // SP2-MIB: alarm status normal(1) majorAlarm(3) notPresent(6); values are leaf 5 of each monitor
    const e = OIDS.eltekSp2;
    const p = d.dcPlant;
    const installed = p.modules.filter((m) => m !== 'absent').length;
    put(`${e}.3.1.0`, int(p.mains === 'failed' ? 3 : 1));
    put(`${e}.5.3.5.0`, int(installed === 0 ? 0 : Math.round((100 * p.loadAmps) / (installed * p.moduleRatingAmps))));
    p.modules.forEach((m, k) => { put(`${e}.5.6.1.2.${k + 1}`, int(m === 'ok' ? 1 : m === 'failed' ? 3 : 6)); });
    put(`${e}.9.2.5.0`, int(p.loadAmps));
    put(`${e}.10.8.5.0`, int(p.batteryMinutes));
  }
  return out;
}

function entityEntries(d: DeviceDescription, e: EntitySpec, put: (o: string, v: SimValue) => void): void {
  const P = OIDS.entPhysicalEntry;
  const S = OIDS.entStateEntry;
  const stateMib = e.stateMib ?? 'entity-state';
  const entityState = stateMib !== 'cisco-fru';
  const ciscoFru = stateMib !== 'entity-state';
  let rows = 0;
  const phys = (i: number, descr: string, cls: number, parent: number, name: string, relPos: number): void => {
    put(`${P}.2.${i}`, str(descr));
    put(`${P}.3.${i}`, oid('0.0'));
    put(`${P}.4.${i}`, int(parent));
    put(`${P}.5.${i}`, int(cls));
    put(`${P}.6.${i}`, int(relPos));
    put(`${P}.7.${i}`, str(name));
    put(`${P}.11.${i}`, str(cls === 5 || cls === 8 ? '' : `SN${(hash(d.name + name) % 1e8).toString().padStart(8, '0')}`));
    put(`${P}.16.${i}`, int(cls === 6 || cls === 7 || cls === 9 ? 1 : 2));
    rows++;
  };
  // IANAPhysicalClass: chassis(3) container(5) powerSupply(6) fan(7) sensor(8) module(9) port(10)
  phys(1, `${d.name} chassis`, 3, 0, 'Chassis', -1);
  if (entityState) put(`${S}.3.1`, int(3));
  let pos = 0;
  for (const u of unitsOf(d)) {
    pos++;
    const cls = u.kind === 'psu' ? 6 : 7;
    if (u.state === 'absent') {
      // an empty bay: a container with nothing in it
      phys(u.index, `${u.name} bay (empty)`, 5, 1, `${u.name} bay`, pos);
      continue;
    }
    phys(u.index, u.name, cls, 1, u.name, pos);
    const failed = u.state === 'failed';
    if (entityState) {
      put(`${S}.2.${u.index}`, int(4));
      put(`${S}.3.${u.index}`, int(failed ? 2 : 3));
    }
    if (ciscoFru && u.kind === 'psu') {
      put(`${OIDS.cefcFRUPowerStatusEntry}.1.${u.index}`, int(1));
      put(`${OIDS.cefcFRUPowerStatusEntry}.2.${u.index}`, int(failed ? 8 : 2)); // failed(8) / on(2)
    }
    if (ciscoFru && u.kind === 'fan') put(`${OIDS.cefcFanTrayStatusEntry}.1.${u.index}`, int(failed ? 3 : 2)); // down(3) / up(2)
    if (u.kind === 'psu') {
      // a sensor inside the PSU (ENTITY-SENSOR-MIB): ok(1) or nonoperational(3)
      const s = u.index + 1;
      phys(s, `${u.name} output sensor`, 8, u.index, `${u.name} output`, 1);
      const SE = OIDS.entPhySensorEntry;
      put(`${SE}.1.${s}`, int(4)); // voltsDC
      put(`${SE}.2.${s}`, int(9)); // units
      put(`${SE}.3.${s}`, int(0));
      put(`${SE}.4.${s}`, int(failed ? 0 : 12));
      put(`${SE}.5.${s}`, int(failed ? 3 : 1));
    }
  }
  const want = e.rows ?? 0;
  if (rows < want) {
    const card = 100;
    phys(card, 'Line card', 9, 1, 'Slot 1', pos + 1);
    if (entityState) put(`${S}.3.${card}`, int(3));
    for (let p = 1; rows < want; p++) phys(card + p, `Port ${p}`, 10, card, `Ethernet1/${p}`, p);
  }
}

function bgpEntries(b: NonNullable<DeviceDescription['bgp']>, put: (o: string, v: SimValue) => void): void {
  const mib = b.mib ?? 'bgp4';
  const routerId = b.routerId ?? '192.0.2.1';
  if (mib !== 'cisco') {
    put('1.3.6.1.2.1.15.1.0', str(Buffer.from([0x10])));
    put('1.3.6.1.2.1.15.2.0', int(b.localAs > 65535 ? 23456 : b.localAs));
    put('1.3.6.1.2.1.15.4.0', ip(routerId));
  }
  for (const p of b.peers) {
    const admin = p.admin === 'down' ? 1 : 2; // stop(1) start(2)
    const est = p.state === 'established';
    if (mib !== 'cisco') {
      const e = OIDS.bgpPeerEntry;
      const idx = ipIndex(p.address);
      put(`${e}.1.${idx}`, ip(est ? p.address : '0.0.0.0'));
      put(`${e}.2.${idx}`, int(BGP_STATE[p.state]));
      put(`${e}.3.${idx}`, int(admin));
      put(`${e}.4.${idx}`, int(est ? 4 : 0));
      put(`${e}.5.${idx}`, ip(routerId));
      put(`${e}.6.${idx}`, int(est ? 179 : 0));
      put(`${e}.7.${idx}`, ip(p.address));
      put(`${e}.8.${idx}`, int(est ? 40_000 : 0));
      put(`${e}.9.${idx}`, int(p.remoteAs > 65535 ? 23456 : p.remoteAs));
      put(`${e}.10.${idx}`, counter(est ? 1000 : 0));
      put(`${e}.11.${idx}`, counter(est ? 900 : 0));
      put(`${e}.12.${idx}`, counter(est ? 5000 : 0));
      put(`${e}.13.${idx}`, counter(est ? 4900 : 0));
      put(`${e}.14.${idx}`, str(Buffer.from([0, 0])));
      put(`${e}.15.${idx}`, counter(1));
      put(`${e}.16.${idx}`, gauge(est ? 3600 : 0));
      put(`${e}.17.${idx}`, int(60));
      put(`${e}.18.${idx}`, int(180));
      put(`${e}.19.${idx}`, int(60));
      put(`${e}.20.${idx}`, int(180));
      put(`${e}.21.${idx}`, int(60));
      put(`${e}.22.${idx}`, int(30));
      put(`${e}.23.${idx}`, int(30));
      put(`${e}.24.${idx}`, gauge(est ? 10 : 0));
    }
    if (mib !== 'bgp4') {
      const e = OIDS.cbgpPeer2Entry;
      const bytes = ipBytes(p.address);
      const idx = `1.4.${bytes.join('.')}`; // ipv4(1), length 4, address
      put(`${e}.3.${idx}`, int(BGP_STATE[p.state]));
      put(`${e}.4.${idx}`, int(admin));
      put(`${e}.5.${idx}`, int(est ? 4 : 0));
      put(`${e}.6.${idx}`, str(Buffer.from(ipBytes(routerId))));
      put(`${e}.7.${idx}`, gauge(est ? 179 : 0));
      put(`${e}.8.${idx}`, gauge(b.localAs));
      put(`${e}.9.${idx}`, ip(routerId));
      put(`${e}.10.${idx}`, gauge(est ? 40_000 : 0));
      put(`${e}.11.${idx}`, gauge(p.remoteAs));
      put(`${e}.12.${idx}`, ip(est ? p.address : '0.0.0.0'));
      put(`${e}.13.${idx}`, counter(est ? 1000 : 0));
    }
  }
}

/** The device's MIB as a table ready to serve. */
export function syntheticTable(d: DeviceDescription): SimTable {
  return SimTable.from(syntheticEntries(d));
}

/** What a correct poller must report for a description (the facts, not every field). */
export interface ExpectedFacts {
  readonly name: string;
  readonly objectId: string;
  readonly interfaces: { index: number; name: string; operStatus: string; adminStatus: string; speedMbps: number }[];
  /** Present units by name; absent bays must not show up as failed (nor as ok). */
  readonly powerSupplies: { name: string; status: 'ok' | 'failed' }[];
  readonly fans: { name: string; status: 'ok' | 'failed' }[];
  readonly absentUnits: string[];
  readonly bgpPeers: { peer: string; remoteAs: number; state: BgpState; adminStatus: 'up' | 'down' }[];
  readonly ospfNeighbors: { neighborId: string; address: string; state: OspfNeighborState }[];
  readonly vrrpGroups: { group: number; interface: string; role: 'master' | 'backup' | 'init'; virtualIp: string }[];
  readonly lldpNeighbors: { localPort: string; remoteName: string; remotePort: string }[];
  readonly lagMembers: { aggregate: string; member: string; inBundle: boolean }[];
  readonly ups: { outputSource: UpsOutputSource; batteryStatus: UpsBatteryStatus; minutesRemaining: number; inputLineBads: number } | null;
}

/** The facts a poller must report for `d`. */
export function expectedFacts(d: DeviceDescription): ExpectedFacts {
  const ifs = interfacesOf(d);
  const ifName = (i: number): string => ifs[i - 1]?.name ?? `ifIndex ${i}`;
  const units = unitsOf(d);
  const present = (kind: 'psu' | 'fan'): { name: string; status: 'ok' | 'failed' }[] =>
    units.filter((u) => u.kind === kind && u.state !== 'absent').map((u) => ({ name: u.name, status: u.state === 'failed' ? 'failed' : 'ok' }));
  return {
    name: d.name,
    objectId: d.sysObjectID ?? '1.3.6.1.4.1.8072.3.2.10',
    interfaces: ifs.map((s, k) => ({ index: k + 1, name: s.name, operStatus: s.oper, adminStatus: s.admin, speedMbps: s.speedMbps })),
    powerSupplies: present('psu'),
    fans: present('fan'),
    absentUnits: units.filter((u) => u.state === 'absent').map((u) => u.name),
    bgpPeers: (d.bgp?.peers ?? []).map((p) => ({ peer: p.address, remoteAs: p.remoteAs, state: p.state, adminStatus: p.admin ?? 'up' })),
    ospfNeighbors: (d.ospf ?? []).map((n) => ({ neighborId: n.routerId, address: n.address, state: n.state })),
    vrrpGroups: (d.vrrp ?? []).map((g) => ({ group: g.vrid, interface: ifName(g.ifIndex), role: g.role, virtualIp: g.virtualIp })),
    lldpNeighbors: (d.lldp ?? []).map((n) => ({ localPort: ifName(n.localIfIndex), remoteName: n.remoteName, remotePort: n.remotePort })),
    lagMembers: (d.lag ?? []).map((m) => ({ aggregate: ifName(m.aggregateIfIndex), member: ifName(m.memberIfIndex), inBundle: m.inBundle })),
    ups: d.ups === undefined ? null : {
      outputSource: d.ups.outputSource,
      batteryStatus: d.ups.batteryStatus,
      minutesRemaining: d.ups.minutesRemaining,
      inputLineBads: d.ups.inputLineBads ?? 0,
    },
  };
}

/**
 * The benchmark's device: 50 interfaces, 30 ENTITY-MIB rows (two PSUs, one failed; fans) and
 * 5 BGP peers. `n` makes names and counters differ per device.
 */
export function fleetDevice(n: number): DeviceDescription {
  return {
    name: `edge-${String(n).padStart(4, '0')}`,
    sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
    interfaces: 50,
    entity: { psus: ['ok', n % 10 === 0 ? 'failed' : 'ok'], fans: ['ok', 'ok', 'ok', 'ok'], rows: 30 },
    bgp: {
      localAs: 64_500,
      peers: Array.from({ length: 5 }, (_, k) => ({
        address: `198.51.100.${k + 1}`,
        remoteAs: 64_510 + k,
        state: k === 4 && n % 7 === 0 ? 'active' as const : 'established' as const,
      })),
    },
  };
}
