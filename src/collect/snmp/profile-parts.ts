/**
 * The building blocks of the profile format that every extractor kind shares: column types,
 * index encodings, value references and row filters.
 */
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
