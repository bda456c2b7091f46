/**
 * What every extractor kind reads with: the type-checked view of one profile's columns, the
 * joins (entity names and containment, interface names), row iteration with index decoding and
 * filters, and value references resolved against a row.
 */
import type { CollectionError, ComponentStatus } from '../observation.js';
import { decodeIndex, valueToNumber, valueToText } from './decode.js';
import type { ColumnType, IndexPart, RowFilter, ValueRef } from './profile-parts.js';
import { ENTITY_JOIN_COLUMNS } from './profiles/entity.js';
import { INTERFACE_NAME_COLUMNS } from './profiles/if-mib.js';
import type { SnmpValue } from './value.js';
import type { ColumnRows } from './walk.js';

/** One interface's octet counters at one poll. */
export interface InterfaceCounters {
  readonly index: number;
  readonly name: string;
  readonly inOctets: bigint;
  readonly outOctets: bigint;
  /** 64 for ifHCInOctets/ifHCOutOctets, 32 for ifInOctets/ifOutOctets. */
  readonly bits: 32 | 64;
  /** ifCounterDiscontinuityTime (TimeTicks) when the agent reports it. */
  readonly discontinuity: number | null;
}

/** What an extractor knows of the profile it belongs to (for its error messages). */
export interface ProfileInfo {
  readonly id: string;
  readonly mib: string;
  readonly columns?: Readonly<Record<string, { readonly oid: string; readonly type: ColumnType }>>;
  readonly scalars?: Readonly<Record<string, { readonly oid: string; readonly type: ColumnType }>>;
}

/** Whether a value reference needs a join (ENTITY-MIB names or interface names). */
export function refUses(ref: ValueRef | undefined, what: 'entity' | 'ifName'): boolean {
  if (ref === undefined) return false;
  if ('entity' in ref) return what === 'entity';
  if ('ifName' in ref) return what === 'ifName' || refUses(ref.ifName, what);
  return false;
}

/** One ValueRef or a list of them, as a list. */
export function refList(r: ValueRef | readonly ValueRef[]): readonly ValueRef[] {
  return isRefList(r) ? r : [r];
}

function isRefList(r: ValueRef | readonly ValueRef[]): r is readonly ValueRef[] {
  return Array.isArray(r);
}

/** Whether a value has the SMI type a column declares. */
export function accepts(type: ColumnType, v: SnmpValue): boolean {
  switch (type) {
    case 'int':
    case 'gauge':
      return v.kind === 'int' || v.kind === 'uint';
    case 'counter':
      return v.kind === 'uint' || v.kind === 'counter64';
    case 'ticks':
      return v.kind === 'ticks' || v.kind === 'uint';
    case 'string':
    case 'bits':
      return v.kind === 'octets';
    case 'oid':
      return v.kind === 'oid';
    case 'ip':
      return v.kind === 'ip' || (v.kind === 'octets' && [4, 8, 16, 20].includes(v.value.length));
  }
}

const SMI: Readonly<Record<ColumnType, string>> = {
  int: 'INTEGER', gauge: 'Gauge32', counter: 'Counter', ticks: 'TimeTicks', string: 'OCTET STRING',
  bits: 'BITS', oid: 'OBJECT IDENTIFIER', ip: 'IpAddress',
};

/** The rows of one profile's columns after type checks, by local column name. */
export interface ProfileView {
  readonly cols: ReadonlyMap<string, ColumnRows>;
  readonly scalars: ReadonlyMap<string, SnmpValue>;
}

/** Everything extractors share: type-checked data, joins, and the error list. */
export class ExtractContext {
  private entityChildren: Map<string, string[]> | null = null;
  readonly entityName: ColumnRows;
  readonly entityDescr: ColumnRows;
  readonly entityParent: ColumnRows;
  readonly ifNames = new Map<string, string>();
  /** Interface octet counters read in this poll (kept out of the observation; see `CollectResult`). */
  counters: InterfaceCounters[] = [];

  constructor(
    private readonly walked: ReadonlyMap<string, ColumnRows>,
    private readonly scalarValues: ReadonlyMap<string, SnmpValue>,
    readonly errors: CollectionError[],
    /** The device's sysObjectID, as the engine read it before choosing profiles. */
    readonly objectId: string | null,
  ) {
    const empty: ColumnRows = new Map();
    this.entityName = walked.get(ENTITY_JOIN_COLUMNS.name.oid) ?? empty;
    this.entityDescr = walked.get(ENTITY_JOIN_COLUMNS.descr.oid) ?? empty;
    this.entityParent = walked.get(ENTITY_JOIN_COLUMNS.containedIn.oid) ?? empty;
    const names = walked.get(INTERFACE_NAME_COLUMNS.name.oid);
    const descrs = walked.get(INTERFACE_NAME_COLUMNS.descr.oid);
    for (const rows of [descrs, names]) {
      if (rows === undefined) continue;
      for (const [idx, v] of rows) {
        const t = valueToText(v, 'text');
        if (t !== null && t.length > 0) this.ifNames.set(idx, t);
      }
    }
  }

  /** The type-checked columns and scalars of one profile; wrong-typed values are dropped and reported. */
  view(p: ProfileInfo): ProfileView {
    const cols = new Map<string, ColumnRows>();
    for (const [name, def] of Object.entries(p.columns ?? {})) {
      const rows = this.walked.get(def.oid);
      if (rows === undefined) continue;
      let bad = 0;
      let badType = '';
      let clean: ColumnRows | null = null;
      for (const [idx, v] of rows) {
        if (accepts(def.type, v)) {
          clean?.set(idx, v);
          continue;
        }
        if (clean === null) {
          clean = new Map();
          for (const [i2, v2] of rows) {
            if (i2 === idx) break;
            clean.set(i2, v2);
          }
        }
        bad++;
        badType = v.kind;
      }
      if (bad > 0) this.errors.push({ profile: p.id, message: `${p.mib} ${name} (${def.oid}): ${bad} value(s) of type ${badType} where ${SMI[def.type]} was expected were dropped` });
      cols.set(name, clean ?? rows);
    }
    const scalars = new Map<string, SnmpValue>();
    for (const [name, def] of Object.entries(p.scalars ?? {})) {
      const v = this.scalarValues.get(def.oid);
      if (v === undefined) continue;
      if (!accepts(def.type, v)) {
        this.errors.push({ profile: p.id, message: `${p.mib} ${name} (${def.oid}): value of type ${v.kind} where ${SMI[def.type]} was expected was dropped` });
        continue;
      }
      scalars.set(name, v);
    }
    return { cols, scalars };
  }

  /** The entity indices contained (directly or not, up to 4 levels) in `parent`. */
  descendants(parent: string): string[] {
    if (this.entityChildren === null) {
      this.entityChildren = new Map();
      for (const [idx, v] of this.entityParent) {
        const p = valueToText(v, 'int');
        if (p === null) continue;
        const list = this.entityChildren.get(p) ?? [];
        list.push(idx);
        this.entityChildren.set(p, list);
      }
    }
    const out: string[] = [];
    let frontier = [parent];
    for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const f of frontier) for (const c of this.entityChildren.get(f) ?? []) next.push(c);
      out.push(...next);
      frontier = next;
    }
    return out;
  }

  /** The entity that contains `index` (entPhysicalContainedIn), or null at the top. */
  entityParentOf(index: string): string | null {
    const v = this.entityParent.get(index);
    const t = v === undefined ? null : valueToText(v, 'int');
    return t === null || t === '0' ? null : t;
  }

  entityLabel(physicalIndex: string): string | null {
    const n = this.entityName.get(physicalIndex);
    const t = n === undefined ? null : valueToText(n, 'text');
    if (t !== null && t.length > 0) return t;
    const d = this.entityDescr.get(physicalIndex);
    const td = d === undefined ? null : valueToText(d, 'text');
    return td !== null && td.length > 0 ? td : null;
  }
}

/** One table row: its index, the decoded index parts, and (once known) its entPhysicalIndex. */
export interface Row {
  readonly index: string;
  readonly parts: Readonly<Record<string, string>>;
  physicalIndex?: string;
}

/** The text a value reference yields for one row, or null. */
export function resolve(ref: ValueRef, row: Row, view: ProfileView, ctx: ExtractContext): string | null {
  if ('literal' in ref) return ref.literal;
  if ('index' in ref) {
    const t = ref.index === 'index' ? row.index : (row.parts[ref.index] ?? null);
    return t !== null && ref.decode === 'ip' ? integerToIpv4(t) : t;
  }
  if ('entity' in ref) {
    if (row.physicalIndex === undefined) return null;
    const rows = ref.entity === 'name' ? ctx.entityName : ctx.entityDescr;
    const v = rows.get(row.physicalIndex);
    const t = v === undefined ? null : valueToText(v, 'text');
    return t !== null && t.length > 0 ? t : null;
  }
  if ('ifName' in ref) {
    const ifIndex = resolve(ref.ifName, row, view, ctx);
    if (ifIndex === null) return null;
    return ctx.ifNames.get(ifIndex) ?? `ifIndex ${ifIndex}`;
  }
  const rows = view.cols.get(ref.column);
  if (rows === undefined) return null;
  const at = ref.via === undefined ? row.index : row.parts[ref.via];
  if (at === undefined) return null;
  if (ref.when !== undefined && !passes([ref.when], at, view)) return null;
  const v = rows.get(at);
  if (v === undefined) return null;
  const t = valueToText(v, ref.decode);
  return t !== null && t.length > 0 ? t : null;
}

/** A decimal 32-bit integer (e.g. an OSPFv3 router id in an index) as a dotted quad; other text unchanged. */
function integerToIpv4(t: string): string {
  if (!/^\d+$/.test(t)) return t;
  const n = Number(t);
  if (n > 0xffffffff) return t;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The first of several references that yields text for the row. */
export function firstOf(refs: readonly ValueRef[] | undefined, row: Row, view: ProfileView, ctx: ExtractContext): string | null {
  for (const r of refs ?? []) {
    const t = resolve(r, row, view, ctx);
    if (t !== null) return t;
  }
  return null;
}

/** A column's value at a row as a number, or null. */
export function rawInt(view: ProfileView, column: string, index: string): number | null {
  const v = view.cols.get(column)?.get(index);
  return v === undefined ? null : valueToNumber(v);
}

/** A column's enumeration at a row, mapped (undefined when the column is missing or the value unmapped). */
export function mapped<T>(view: ProfileView, spec: { readonly column: string; readonly map: Readonly<Record<number, T>> } | undefined, index: string): T | undefined {
  if (spec === undefined) return undefined;
  const raw = rawInt(view, spec.column, index);
  return raw === null ? undefined : spec.map[raw];
}

const regexCache = new Map<string, RegExp>();
function regex(source: string, flags: string | undefined): RegExp {
  const key = `${flags ?? ''}/${source}`;
  let r = regexCache.get(key);
  if (r === undefined) {
    r = new RegExp(source, flags);
    regexCache.set(key, r);
  }
  return r;
}

/** Whether the row at `index` passes every filter. */
export function passes(filters: readonly RowFilter[] | undefined, index: string, view: ProfileView): boolean {
  for (const f of filters ?? []) {
    const v = view.cols.get(f.column)?.get(index);
    if ('in' in f) {
      const n = v === undefined ? null : valueToNumber(v);
      if (n === null || !f.in.includes(n)) return false;
    } else {
      const t = v === undefined ? '' : (valueToText(v, 'text') ?? '');
      if ('matches' in f && !regex(f.matches, f.flags).test(t)) return false;
      if ('notMatches' in f && regex(f.notMatches, f.flags).test(t)) return false;
    }
  }
  return true;
}

/** Iterates the rows of `rowsColumn` that decode and pass the filters. */
export function* rowsOf(p: ProfileInfo, view: ProfileView, ctx: ExtractContext, rowsColumn: string, index: readonly IndexPart[] | undefined, where: readonly RowFilter[] | undefined): Generator<Row> {
  const rows = view.cols.get(rowsColumn);
  if (rows === undefined) return;
  let malformed = 0;
  for (const idx of rows.keys()) {
    const parts = index === undefined ? {} : decodeIndex(idx, index);
    if (parts === null) {
      malformed++;
      continue;
    }
    if (!passes(where, idx, view)) continue;
    yield { index: idx, parts };
  }
  if (malformed > 0) ctx.errors.push({ profile: p.id, message: `${p.mib} ${rowsColumn}: ${malformed} row(s) with a malformed index were skipped` });
}

const STATUS_RANK: Readonly<Record<ComponentStatus, number>> = { failed: 3, ok: 2, absent: 1, unknown: 0 };

/** Combines what several sources say about one unit: a failure anywhere wins, then ok, then absent. */
export function combineStatus(list: readonly ComponentStatus[]): ComponentStatus {
  let best: ComponentStatus = 'unknown';
  for (const s of list) if (STATUS_RANK[s] > STATUS_RANK[best]) best = s;
  return best;
}

/** Text as a finite number, or null. */
export function num(t: string | null): number | null {
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A value as text, or null. */
export function textOf(v: SnmpValue | undefined): string | null {
  return v === undefined ? null : valueToText(v, 'text');
}
