/**
 * The profile format: vendor knowledge as data. A profile names the columns and scalars of one
 * MIB family, and declarative extractors that turn their rows into vendor-neutral observations.
 * One engine (`../engine.ts`) runs every profile; no code branches on a vendor.
 */
import type { BfdSessionState, BgpState, ComponentStatus, FhrpGroup, IsisAdjacencyState, OspfNeighborState, UpsBatteryStatus, UpsOutputSource } from '../../observation.js';

/**
 * Expected SMI type of a column. A value of another type is dropped and reported.
 * `int` and `gauge` accept any integer type (agents mix INTEGER and Gauge32 up);
 * `ip` accepts IpAddress or a 4/16-octet string; `bits` and `string` accept OCTET STRING.
 */
export type ColumnType = 'int' | 'gauge' | 'counter' | 'ticks' | 'string' | 'oid' | 'ip' | 'bits';

/** One walked column (OID without index) or one scalar (OID with its `.0`). */
export interface ColumnDef {
  readonly oid: string;
  readonly type: ColumnType;
}

/** How one part of a table index is encoded (RFC 2578 §7.7). */
export type IndexPart =
  /** one sub-identifier (INTEGER, Unsigned32, enumerations) */
  | { readonly name: string; readonly kind: 'int' }
  /** IpAddress: four sub-identifiers */
  | { readonly name: string; readonly kind: 'ipv4' }
  /** InetAddressType then a length-prefixed InetAddress (decoded to text; type kept as `<name>Type`) */
  | { readonly name: string; readonly kind: 'inetAddress' }
  /** InetAddressType then an InetAddress whose length follows from the type (no length prefix) */
  | { readonly name: string; readonly kind: 'inetAddressImplied' }
  /** a length-prefixed OCTET STRING (decoded as text) */
  | { readonly name: string; readonly kind: 'string' }
  /** a fixed number of sub-identifiers, kept as dotted text */
  | { readonly name: string; readonly kind: 'fixed'; readonly length: number }
  /** every remaining sub-identifier, kept as dotted text */
  | { readonly name: string; readonly kind: 'rest' };

/** How an octet-string or integer value turns into text. */
export type Decode = 'text' | 'ip' | 'int' | 'hex' | 'mac';

/**
 * Where a value comes from, for one row:
 * - `column`: that column at the row's own index (`via` reads it at the index held by another
 *   index part instead, e.g. LLDP's local port number → lldpLocPortId); `when` uses the value
 *   only if a condition on the same (via) row holds, e.g. a port id only when its subtype says
 *   it is an interface name;
 * - `index`: a part of the row's index (`decode: 'ip'` shows an integer part as a dotted quad,
 *   e.g. an OSPFv3 router id);
 * - `entity`: ENTITY-MIB's entPhysicalName (or Descr) of the row's physical index;
 * - `ifName`: the interface name of the ifIndex that another ref yields;
 * - `literal`: a constant.
 */
export type ValueRef =
  | { readonly column: string; readonly decode?: Decode; readonly via?: string; readonly when?: RowFilter }
  | { readonly index: string; readonly decode?: Decode }
  | { readonly entity: 'name' | 'descr' }
  | { readonly ifName: ValueRef }
  | { readonly literal: string };

/** Rows to keep: by enumeration value, or by a pattern on a text column. */
export type RowFilter =
  | { readonly column: string; readonly in: readonly number[] }
  | { readonly column: string; readonly matches: string; readonly flags?: string }
  | { readonly column: string; readonly notMatches: string; readonly flags?: string };

/** A PSU or fan table. */
export interface ComponentExtractor {
  readonly kind: 'component';
  readonly component: 'psu' | 'fan';
  /** The column whose rows are the units. */
  readonly rows: string;
  readonly where?: readonly RowFilter[];
  /** Raw value → normalised state; values missing from the map are `unknown`. */
  readonly status: {
    readonly column: string;
    readonly map: Readonly<Record<number, ComponentStatus>>;
    /**
     * `self` (default) reads the column at the unit's index. `descendants` reads it on the
     * ENTITY-MIB entities contained in the unit (its sensors) and takes the worst.
     */
    readonly from?: 'self' | 'descendants';
  };
  /** A separate presence column: these values mean the bay is empty. */
  readonly absentWhen?: { readonly column: string; readonly in: readonly number[] };
  /** The unit's entPhysicalIndex, so that one unit reported by two MIBs is counted once. */
  readonly physicalIndex?: ValueRef;
  /** Names to try, first non-empty wins. */
  readonly name?: readonly ValueRef[];
  /**
   * For a superseded table that some agents still fill beside its replacement: when this
   * column (of the same profile) has any row, the extractor yields nothing, so that one unit
   * is not counted twice under two different indexes.
   */
  readonly unlessRows?: string;
  /**
   * Profile ids whose units of this kind this table supersedes. Some tables list the device's
   * PSUs or fans under their own numbering (a bay number) that no column ties to
   * entPhysicalIndex; once such a table yields a unit, units that only these profiles reported
   * are dropped instead of being counted a second time.
   */
  readonly replaces?: readonly string[];
}

/** A BGP peer table. */
export interface BgpExtractor {
  readonly kind: 'bgpPeer';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  readonly peer: ValueRef;
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, BgpState>> };
  /** Raw value → administrative state; missing column means `unknown`. */
  readonly admin?: { readonly column: string; readonly map: Readonly<Record<number, 'up' | 'down'>> };
  readonly remoteAs?: ValueRef;
  /** The negotiated hold time in seconds (BGP4-MIB bgpPeerHoldTime). */
  readonly holdTime?: ValueRef;
  readonly vrf?: ValueRef;
  /**
   * Values of `vrf` that name the global routing table (e.g. an instance number 1, 'default'):
   * such peers are reported without a vrf, so that the same peer seen in BGP4-MIB counts once.
   */
  readonly defaultVrf?: readonly string[];
}

/** An OSPF (v2 or v3) neighbour table. */
export interface OspfExtractor {
  readonly kind: 'ospfNeighbor';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  readonly neighborId: ValueRef;
  readonly address: ValueRef;
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, OspfNeighborState>> };
}

/** A first-hop redundancy (VRRP/HSRP) group table. */
export interface FhrpExtractor {
  readonly kind: 'fhrp';
  readonly protocol: FhrpGroup['protocol'];
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly interface: ValueRef;
  readonly group: ValueRef;
  readonly role: { readonly column: string; readonly map: Readonly<Record<number, FhrpGroup['role']>> };
  readonly virtualIp?: ValueRef;
  /** A column naming the standby router; these values (e.g. 0.0.0.0) mean there is none. */
  readonly standby?: { readonly ref: ValueRef; readonly none: readonly string[] };
  /** Rows whose admin state says the group is shut are skipped. */
  readonly where?: readonly RowFilter[];
}

/** UPS scalars (or single-row tables read at a fixed index). */
export interface UpsExtractor {
  readonly kind: 'ups';
  readonly outputSource?: { readonly scalar: string; readonly map: Readonly<Record<number, UpsOutputSource>> };
  readonly batteryStatus?: { readonly scalar: string; readonly map: Readonly<Record<number, UpsBatteryStatus>> };
  /** Minutes of battery left: the scalar's value divided by `divide` (6000 for TimeTicks). */
  readonly minutesRemaining?: { readonly scalar: string; readonly divide?: number };
  readonly inputLineBads?: { readonly scalar: string };
}

/** IF-MIB: interfaces with names, states and speeds. */
export interface InterfaceExtractor {
  readonly kind: 'interfaces';
  readonly rows: string;
  readonly name: readonly ValueRef[];
  readonly oper: { readonly column: string; readonly map: Readonly<Record<number, string>> };
  readonly admin: { readonly column: string; readonly map: Readonly<Record<number, string>> };
  /** Mbit/s column (ifHighSpeed) tried first, then bit/s (ifSpeed). */
  readonly speedMbps?: string;
  readonly speedBps?: string;
  /** Columns of the other names a port goes by (ifDescr, ifAlias), kept to match neighbours' port names. */
  readonly descr?: string;
  readonly alias?: string;
  /**
   * Octet counter columns: 64-bit, then (when given) 32-bit ones, and ifCounterDiscontinuityTime.
   * Each column costs ~one varbind per interface per poll, so profiles name only what they need.
   */
  readonly counters?: { readonly hcIn: string; readonly hcOut: string; readonly in?: string; readonly out?: string; readonly discontinuity?: string };
}

/** Link aggregation members. */
export interface LagExtractor {
  readonly kind: 'lagMember';
  readonly rows: string;
  readonly where?: readonly RowFilter[];
  /** The aggregate's name; with a list, the first that resolves. */
  readonly aggregate: ValueRef | readonly ValueRef[];
  readonly member: ValueRef;
  /**
   * BITS column and the bit numbers that must all be set for the member to be in the bundle;
   * `where` adds row conditions that must hold too (e.g. the port is attached to an aggregator).
   */
  readonly inBundle: { readonly column: string; readonly bits: readonly number[]; readonly where?: readonly RowFilter[] };
}

/** LLDP / CDP neighbour table. */
export interface NeighborExtractor {
  readonly kind: 'neighbor';
  readonly protocol: 'lldp' | 'cdp';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  readonly localPort: readonly ValueRef[];
  readonly remoteName: readonly ValueRef[];
  readonly remotePort: readonly ValueRef[];
}

/** An IS-IS adjacency table. */
export interface IsisExtractor {
  readonly kind: 'isisAdjacency';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  /** The neighbour's system id. */
  readonly neighborId: ValueRef;
  readonly interface: ValueRef;
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, IsisAdjacencyState>> };
  /** Raw value → the level(s) the adjacency serves; missing means null. */
  readonly level?: { readonly column: string; readonly map: Readonly<Record<number, 'level1' | 'level2' | 'level1and2'>> };
}

/** A BFD session table. */
export interface BfdExtractor {
  readonly kind: 'bfdSession';
  readonly rows: string;
  readonly index?: readonly IndexPart[];
  readonly where?: readonly RowFilter[];
  /** The remote address. */
  readonly neighbor: ValueRef;
  /** The interface, named from the ifIndex this ref yields; ifIndex values in `none` (e.g. 0 for multihop) mean none. */
  readonly interface?: { readonly ifIndex: ValueRef; readonly none?: readonly string[] };
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, BfdSessionState>> };
  /**
   * Detection time = interval column × multiplier column × `intervalUnitMs` (e.g. 0.001 for an
   * interval in microseconds); null when either is missing or zero.
   */
  readonly detection?: { readonly interval: string; readonly multiplier: string; readonly intervalUnitMs: number };
}

/** SNMPv2-MIB system group. */
export interface SystemExtractor {
  readonly kind: 'system';
  readonly name: string;
  readonly descr: string;
  readonly objectId: string;
  readonly uptime: string;
  /** snmpEngineTime (seconds, no 497-day wrap), used to unwrap sysUpTime. */
  readonly engineTime?: string;
}

/** A device-reported redundancy state (power redundancy mode, supervisor/RE redundancy, stack). */
export interface RedundancyExtractor {
  readonly kind: 'redundancy';
  readonly where?: readonly RowFilter[];
  /** What is redundant: 'power', 'supervisor', 'stack', … */
  readonly subject: string;
  readonly rows?: string;
  readonly scalar?: string;
  readonly index?: readonly IndexPart[];
  /** Raw value → whether the redundancy is intact; values missing from the map are unknown. */
  readonly state: { readonly column: string; readonly map: Readonly<Record<number, 'redundant' | 'nonRedundant' | 'notApplicable'>> };
  /** What the operator configured, when the MIB has it (admin vs oper). */
  readonly configured?: { readonly column: string; readonly map: Readonly<Record<number, 'redundant' | 'nonRedundant' | 'notApplicable'>> };
  readonly name?: readonly ValueRef[];
  /**
   * Report only when some row of this column holds one of these values: the state means
   * something only then (a stack ring exists only while a stack port is up).
   */
  readonly when?: { readonly column: string; readonly in: readonly number[] };
}

export type Extractor =
  | ComponentExtractor
  | BgpExtractor
  | OspfExtractor
  | FhrpExtractor
  | UpsExtractor
  | InterfaceExtractor
  | LagExtractor
  | NeighborExtractor
  | IsisExtractor
  | BfdExtractor
  | SystemExtractor
  | RedundancyExtractor;

/** One MIB family. */
export interface Profile {
  /** Stable id, shown in `profiles`, `sources` and `errors`. */
  readonly id: string;
  /** The MIB module(s) it reads. */
  readonly mib: string;
  /**
   * sysObjectID prefixes of the devices this profile applies to (vendor enterprise subtrees).
   * Omitted: a standard MIB, tried on every device.
   */
  readonly vendors?: readonly string[];
  /** Walked columns, by local name. */
  readonly columns?: Readonly<Record<string, ColumnDef>>;
  /** Scalars fetched with GET, by local name (OID includes the instance, usually `.0`). */
  readonly scalars?: Readonly<Record<string, ColumnDef>>;
  readonly extract: readonly Extractor[];
}
