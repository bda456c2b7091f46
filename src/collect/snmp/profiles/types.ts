/**
 * The profile format: vendor knowledge as data. A profile names the columns and scalars of one
 * MIB family, and declarative extractors that turn their rows into vendor-neutral observations.
 * One engine (`../engine.ts`) runs every profile; no code branches on a vendor. The extractor
 * shapes live with their kinds in `../kinds/` (import them from there).
 */
import type { ColumnDef } from '../profile-parts.js';
import type { Extractor } from '../kinds/index.js';

export type { ColumnDef, ColumnType, Decode, IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
export type { Extractor } from '../kinds/index.js';
export type { ComponentExtractor } from '../kinds/component.js';

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
