/**
 * The profile engine: one poll of one device. It reads the system group, picks the profiles
 * that apply, walks their columns with guarded walks, checks every value's type, runs each
 * profile's extractors and merges what several MIBs say about one thing into one observation.
 */
import { TimeoutError, errorMessage } from '../../common/errors.js';
import type {
  BfdSession, BgpPeer, CollectionError, Component, ComponentStatus, DeviceObservation, FhrpGroup, InterfaceState,
  IsisAdjacency, LagMember, Neighbor, OspfNeighbor, RedundancyState, SystemInfo, UpsState,
} from '../observation.js';
import { fieldsOfProfile } from '../observation-fields.js';
import { bitSet, decodeIndex, valueToNumber, valueToText } from './decode.js';
import { ENTITY_JOIN_COLUMNS } from './profiles/entity.js';
import { INTERFACE_NAME_COLUMNS } from './profiles/if-mib.js';
import type {
  InterfaceExtractor,
  ColumnDef, ColumnType, Extractor, IndexPart, Profile, RowFilter, SystemExtractor, ValueRef,
} from './profiles/types.js';
import type { SnmpTransport } from './transport.js';
import type { SnmpValue } from './value.js';
import { WalkSession, walkColumns, type ColumnRows, type WalkLimits } from './walk.js';
import { capDeviceText } from '../device-text.js';

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

/** Tuning of one device poll. */
export interface CollectOptions {
  readonly profiles: readonly Profile[];
  /** Only these profile ids (per-profile intervals); all applicable ones when omitted. */
  readonly only?: ReadonlySet<string>;
  /** Whole-poll time budget in ms. */
  readonly pollTimeoutMs: number;
  /** Varbinds asked for in one GETBULK response. */
  readonly maxRepetitions: number;
  readonly useBulk: boolean;
  readonly maxVarbinds: number;
  /** Walk requests in flight at once to this device. */
  readonly concurrency: number;
  readonly columnsPerRequest: number;
  readonly now: () => number;
}

/** Defaults that suit most agents. */
export const DEFAULT_COLLECT: Omit<CollectOptions, 'profiles' | 'now'> = {
  pollTimeoutMs: 60_000,
  maxRepetitions: 50,
  useBulk: true,
  maxVarbinds: 250_000,
  concurrency: 4,
  columnsPerRequest: 6,
};

/** What one poll returns: the observation plus how it went. */
export interface CollectResult {
  /** False when the device never answered (the observation is then empty but for errors). */
  readonly answered: boolean;
  readonly observation: DeviceObservation;
  /**
   * Interface octet counters read in this poll. Kept out of the observation on purpose: they
   * change every poll and are not state, they feed utilisation (LOAD rules) instead.
   */
  readonly counters: readonly InterfaceCounters[];
  readonly stats: { readonly requests: number; readonly varbinds: number; readonly durationMs: number };
  /** Profiles whose MIB answered (rows or a scalar), whether or not they yielded units: discovery walks them again. */
  readonly implemented: readonly string[];
}

const WRAP_SECONDS = 2 ** 32 / 100; // sysUpTime (TimeTicks) wraps after ~497 days

/** Polls one device through `transport` with every applicable profile. Never throws for agent behaviour. */
export async function collectDevice(transport: SnmpTransport, opts: CollectOptions): Promise<CollectResult> {
  const started = opts.now();
  const limits: WalkLimits = {
    maxRepetitions: opts.maxRepetitions,
    useBulk: opts.useBulk,
    maxVarbinds: opts.maxVarbinds,
    deadline: started + opts.pollTimeoutMs,
    columnsPerRequest: opts.columnsPerRequest,
    timeoutsBeforeSilent: 2,
    now: opts.now,
  };
  const session = new WalkSession(transport, limits);
  const errors: CollectionError[] = [];

  const systemProfile = opts.profiles.find((p) => p.extract.some((e) => e.kind === 'system'));
  const systemScalars = systemProfile?.scalars ?? {};
  const scalarValues = new Map<string, SnmpValue>();

  // 1. The system group: proves the device answers and tells which vendor profiles apply.
  try {
    session.requests++;
    await getScalars(transport, Object.values(systemScalars).map((c) => c.oid), scalarValues);
    session.noteAnswer();
  } catch (err) {
    errors.push({ profile: systemProfile?.id ?? 'system', message: errorMessage(err) });
    return {
      answered: false,
      observation: emptyObservation(transport.label, errors),
      counters: [],
      implemented: [],
      stats: { requests: session.requests, varbinds: 0, durationMs: opts.now() - started },
    };
  }

  const objectId = textOf(scalarValues.get(systemScalars['objectId']?.oid ?? ''));
  const selected = opts.profiles.filter((p) => applies(p, objectId) && (opts.only === undefined || opts.only.has(p.id) || p === systemProfile));

  // 2. Plan: every column once, with the join columns (entity names, interface names) the
  //    selected extractors need.
  const columnOwner = new Map<string, string>();
  const plan: string[][] = [];
  const addColumns = (owner: string, cols: readonly ColumnDef[]): void => {
    const fresh = cols.map((c) => c.oid).filter((oid) => !columnOwner.has(oid));
    for (const oid of fresh) columnOwner.set(oid, owner);
    for (let k = 0; k < fresh.length; k += opts.columnsPerRequest) plan.push(fresh.slice(k, k + opts.columnsPerRequest));
  };
  const needsEntity = selected.some((p) => p.extract.some(usesEntity));
  const needsIfNames = selected.some((p) => p.extract.some(usesIfName));
  if (needsEntity) addColumns('ENTITY-MIB', Object.values(ENTITY_JOIN_COLUMNS));
  if (needsIfNames) addColumns('IF-MIB', Object.values(INTERFACE_NAME_COLUMNS));
  for (const p of selected) addColumns(p.id, Object.values(p.columns ?? {}));

  // 3. Scalars of the other profiles, then the walks, several requests in flight.
  const otherScalars = selected.filter((p) => p !== systemProfile).flatMap((p) => Object.values(p.scalars ?? {}).map((c) => c.oid));
  const walked = new Map<string, ColumnRows>();
  const tasks: (() => Promise<void>)[] = [];
  for (let k = 0; k < otherScalars.length; k += 20) {
    const chunk = otherScalars.slice(k, k + 20);
    tasks.push(async () => {
      if (!session.canContinue()) return;
      session.requests++;
      try {
        await getScalars(transport, chunk, scalarValues);
        session.noteAnswer();
      } catch (err) {
        if (err instanceof TimeoutError) session.noteTimeout();
        session.problem(chunk[0]!, errorMessage(err));
      }
    });
  }
  for (const batch of plan) {
    tasks.push(async () => {
      const rows = await walkColumns(session, batch);
      for (const [oid, r] of rows) walked.set(oid, r);
    });
  }
  await runPool(tasks, Math.max(1, opts.concurrency));

  for (const p of session.problems) errors.push({ profile: ownerOf(p.oid, columnOwner, selected), message: p.message });
  if (session.stopReason !== null) errors.push({ profile: 'transport', message: session.stopReason });
  for (const inc of transport.incidents) errors.push({ profile: 'transport', message: inc });
  if (transport.undecodable > 0) errors.push({ profile: 'transport', message: `${transport.undecodable} varbinds of an unknown SNMP type were dropped` });

  // 4. Extract.
  const ctx = new ExtractContext(walked, scalarValues, errors);
  const acc = new Accumulator();
  const yielded: string[] = [];
  for (const p of selected) {
    const view = ctx.view(p);
    let produced = 0;
    for (const ex of p.extract) produced += runExtractor(p, ex, view, ctx, acc);
    if (produced > 0) yielded.push(p.id);
  }
  // the MIBs the device implements, even with empty tables (a scalar such as bfdAdminStatus answered)
  const implemented = selected.filter((p) => yielded.includes(p.id) ||
    Object.values(p.columns ?? {}).some((c) => (walked.get(c.oid)?.size ?? 0) > 0) ||
    Object.values(p.scalars ?? {}).some((c) => scalarValues.has(c.oid)));

  const observation: DeviceObservation = {
    target: transport.label,
    system: acc.system ?? { name: null, descr: null, objectId, uptimeSeconds: null },
    profiles: yielded,
    powerSupplies: acc.components('psu', ctx),
    fans: acc.components('fan', ctx),
    ups: acc.upsState(),
    bgpPeers: [...acc.bgp.values()],
    ospfNeighbors: [...acc.ospf.values()],
    isisAdjacencies: [...acc.isis.values()],
    bfdSessions: [...acc.bfd.values()],
    fhrpGroups: acc.fhrp,
    interfaces: acc.interfaces,
    lagMembers: acc.lag,
    neighbors: acc.neighbors,
    redundancy: acc.redundancy,
    errors,
    exposes: [...new Set(implemented.flatMap(fieldsOfProfile))].sort(),
  };
  return {
    answered: true,
    observation: capDeviceText(observation),
    implemented: implemented.map((p) => p.id),
    counters: acc.counters,
    stats: { requests: session.requests, varbinds: session.varbinds, durationMs: opts.now() - started },
  };
}

/** An observation of a device that never answered. */
export function emptyObservation(target: string, errors: CollectionError[]): DeviceObservation {
  return {
    target,
    system: { name: null, descr: null, objectId: null, uptimeSeconds: null },
    profiles: [],
    powerSupplies: [],
    fans: [],
    ups: null,
    bgpPeers: [],
    ospfNeighbors: [],
    isisAdjacencies: [],
    bfdSessions: [],
    fhrpGroups: [],
    interfaces: [],
    lagMembers: [],
    neighbors: [],
    redundancy: [],
    errors,
  };
}

function applies(p: Profile, objectId: string | null): boolean {
  if (p.vendors === undefined) return true;
  if (objectId === null) return false;
  const oid = objectId.startsWith('.') ? objectId.slice(1) : objectId;
  return p.vendors.some((v) => oid === v || oid.startsWith(`${v}.`));
}

async function getScalars(transport: SnmpTransport, oids: readonly string[], into: Map<string, SnmpValue>): Promise<void> {
  if (oids.length === 0) return;
  const vbs = await transport.get(oids);
  for (const vb of vbs) if (vb.value !== null) into.set(stripDot(vb.oid), vb.value);
}

function stripDot(oid: string): string {
  return oid.startsWith('.') ? oid.slice(1) : oid;
}

async function runPool(tasks: readonly (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
}

function ownerOf(oid: string, owners: ReadonlyMap<string, string>, profiles: readonly Profile[]): string {
  const direct = owners.get(oid);
  if (direct !== undefined) return direct;
  for (const p of profiles) for (const c of Object.values(p.scalars ?? {})) if (c.oid === oid) return p.id;
  return 'transport';
}

function refUses(ref: ValueRef | undefined, what: 'entity' | 'ifName'): boolean {
  if (ref === undefined) return false;
  if ('entity' in ref) return what === 'entity';
  if ('ifName' in ref) return what === 'ifName' || refUses(ref.ifName, what);
  return false;
}

function extractorRefs(e: Extractor): (ValueRef | undefined)[] {
  switch (e.kind) {
    case 'component': return [...(e.name ?? []), e.physicalIndex];
    case 'bgpPeer': return [e.peer, e.remoteAs, e.vrf, e.holdTime];
    case 'ospfNeighbor': return [e.neighborId, e.address];
    case 'fhrp': return [e.interface, e.group, e.virtualIp, e.standby?.ref];
    case 'interfaces': return [...e.name];
    case 'lagMember': return [...refList(e.aggregate), e.member];
    case 'neighbor': return [...e.localPort, ...e.remoteName, ...e.remotePort];
    case 'isisAdjacency': return [e.neighborId, e.interface];
    case 'bfdSession': return [e.neighbor, e.interface === undefined ? undefined : { ifName: e.interface.ifIndex }];
    case 'redundancy': return [...(e.name ?? [])];
    case 'ups':
    case 'system': return [];
  }
}

/** One ValueRef or a list of them, as a list. */
function refList(r: ValueRef | readonly ValueRef[]): readonly ValueRef[] {
  return isRefList(r) ? r : [r];
}

function isRefList(r: ValueRef | readonly ValueRef[]): r is readonly ValueRef[] {
  return Array.isArray(r);
}

function usesEntity(e: Extractor): boolean {
  if (e.kind === 'component' && (e.status.from === 'descendants' || e.physicalIndex !== undefined)) return true;
  return extractorRefs(e).some((r) => refUses(r, 'entity'));
}

function usesIfName(e: Extractor): boolean {
  return extractorRefs(e).some((r) => refUses(r, 'ifName'));
}

function accepts(type: ColumnType, v: SnmpValue): boolean {
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
interface ProfileView {
  readonly cols: ReadonlyMap<string, ColumnRows>;
  readonly scalars: ReadonlyMap<string, SnmpValue>;
}

/** Everything extractors share: type-checked data, joins, and the error list. */
class ExtractContext {
  private entityChildren: Map<string, string[]> | null = null;
  readonly entityName: ColumnRows;
  readonly entityDescr: ColumnRows;
  readonly entityParent: ColumnRows;
  readonly ifNames = new Map<string, string>();

  constructor(private readonly walked: ReadonlyMap<string, ColumnRows>, private readonly scalarValues: ReadonlyMap<string, SnmpValue>, readonly errors: CollectionError[]) {
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
  view(p: Profile): ProfileView {
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

interface Row {
  readonly index: string;
  readonly parts: Readonly<Record<string, string>>;
  physicalIndex?: string;
}

function resolve(ref: ValueRef, row: Row, view: ProfileView, ctx: ExtractContext): string | null {
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

function firstOf(refs: readonly ValueRef[] | undefined, row: Row, view: ProfileView, ctx: ExtractContext): string | null {
  for (const r of refs ?? []) {
    const t = resolve(r, row, view, ctx);
    if (t !== null) return t;
  }
  return null;
}

function rawInt(view: ProfileView, column: string, index: string): number | null {
  const v = view.cols.get(column)?.get(index);
  return v === undefined ? null : valueToNumber(v);
}

/** A column's enumeration at a row, mapped (undefined when the column is missing or the value unmapped). */
function mapped<T>(view: ProfileView, spec: { readonly column: string; readonly map: Readonly<Record<number, T>> } | undefined, index: string): T | undefined {
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

function passes(filters: readonly RowFilter[] | undefined, index: string, view: ProfileView): boolean {
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
function* rowsOf(p: Profile, view: ProfileView, ctx: ExtractContext, rowsColumn: string, index: readonly IndexPart[] | undefined, where: readonly RowFilter[] | undefined): Generator<Row> {
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

interface UnitAcc {
  readonly kind: 'psu' | 'fan';
  readonly id: string;
  readonly physicalIndex: string | undefined;
  name: string | null;
  readonly statuses: ComponentStatus[];
  readonly sources: Set<string>;
}

/**
 * ENTITY-MIB may describe one physical unit twice, as a unit inside a unit of the same kind (a
 * Catalyst 9400 "Power Supply Module 1" containing "Power Supply 1"), and MIBs then report both.
 * A unit that is the only one of its kind under another unit of that kind folds into it: their
 * statuses and sources join and the module counts once. Several units of a kind under one (the
 * modules of a power shelf, the fans of a tray) are distinct units and stay apart.
 */
function foldNested(units: readonly UnitAcc[], ctx: ExtractContext): UnitAcc[] {
  const byIndex = new Map<string, UnitAcc>();
  for (const u of units) if (u.physicalIndex !== undefined) byIndex.set(u.physicalIndex, u);
  // each unit's nearest enclosing unit (through containers in between), and how many it encloses
  const enclosing = new Map<UnitAcc, UnitAcc>();
  const enclosed = new Map<UnitAcc, number>();
  for (const u of units) {
    if (u.physicalIndex === undefined) continue;
    const seen = new Set<string>([u.physicalIndex]);
    for (let at = ctx.entityParentOf(u.physicalIndex); at !== null && !seen.has(at) && seen.size < 16; at = ctx.entityParentOf(at)) {
      seen.add(at);
      const outer = byIndex.get(at);
      if (outer === undefined) continue;
      enclosing.set(u, outer);
      enclosed.set(outer, (enclosed.get(outer) ?? 0) + 1);
      break;
    }
  }
  const rootOf = (u: UnitAcc): UnitAcc => {
    let r = u;
    for (let hops = 0, up = enclosing.get(r); up !== undefined && enclosed.get(up) === 1 && hops < 16; hops++, up = enclosing.get(r)) r = up;
    return r;
  };
  const copy = (u: UnitAcc): UnitAcc => ({ ...u, statuses: [...u.statuses], sources: new Set(u.sources) });
  const roots = new Map(units.map((u) => [u, rootOf(u)]));
  const result = new Map<UnitAcc, UnitAcc>();
  for (const u of units) if (roots.get(u) === u) result.set(u, copy(u));
  for (const u of units) {
    const root = roots.get(u);
    if (root === u || root === undefined) continue;
    const target = result.get(root);
    if (target === undefined) {
      result.set(u, copy(u)); // a containment loop: keep the unit rather than lose it
      continue;
    }
    target.statuses.push(...u.statuses);
    for (const src of u.sources) target.sources.add(src);
  }
  return [...result.values()];
}

class Accumulator {
  system: SystemInfo | null = null;
  readonly units = new Map<string, UnitAcc>();
  readonly bgp = new Map<string, BgpPeer>();
  readonly ospf = new Map<string, OspfNeighbor>();
  readonly isis = new Map<string, IsisAdjacency>();
  readonly bfd = new Map<string, BfdSession>();
  readonly fhrp: FhrpGroup[] = [];
  interfaces: InterfaceState[] = [];
  counters: InterfaceCounters[] = [];
  readonly lag: LagMember[] = [];
  readonly neighbors: Neighbor[] = [];
  readonly redundancy: RedundancyState[] = [];
  readonly ups: Partial<Record<keyof UpsState, unknown>>[] = [];
  /** Per kind, the profiles whose units a yielding `replaces` table supersedes. */
  readonly replaced = new Map<'psu' | 'fan', Set<string>>();

  components(kind: 'psu' | 'fan', ctx: ExtractContext): Component[] {
    const replaced = this.replaced.get(kind);
    const kept = [...this.units.values()].filter((u) => u.kind === kind && !(replaced !== undefined && [...u.sources].every((s) => replaced.has(s))));
    const out: Component[] = [];
    for (const u of foldNested(kept, ctx)) {
      const entityName = u.physicalIndex === undefined ? null : ctx.entityLabel(u.physicalIndex);
      out.push({
        id: u.id,
        name: entityName ?? u.name ?? u.id,
        status: combineStatus(u.statuses),
        sources: [...u.sources],
      });
    }
    return out;
  }

  upsState(): UpsState | null {
    if (this.ups.length === 0) return null;
    const pick = <K extends keyof UpsState>(key: K, unknown: UpsState[K]): UpsState[K] => {
      for (const u of this.ups) {
        const v = u[key] as UpsState[K] | undefined;
        if (v !== undefined && v !== unknown) return v;
      }
      return unknown;
    };
    return {
      outputSource: pick('outputSource', 'unknown'),
      batteryStatus: pick('batteryStatus', 'unknown'),
      minutesRemaining: pick('minutesRemaining', null),
      inputLineBads: pick('inputLineBads', null),
    };
  }
}

function num(t: string | null): number | null {
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Runs one extractor; returns how many things it produced. */
function runExtractor(p: Profile, ex: Extractor, view: ProfileView, ctx: ExtractContext, acc: Accumulator): number {
  switch (ex.kind) {
    case 'system':
      return extractSystem(ex, view, acc);
    case 'component': {
      if (ex.unlessRows !== undefined && (view.cols.get(ex.unlessRows)?.size ?? 0) > 0) return 0;
      let n = 0;
      for (const row of rowsOf(p, view, ctx, ex.rows, undefined, ex.where)) {
        const phys = ex.physicalIndex === undefined ? undefined : (resolve(ex.physicalIndex, row, view, ctx) ?? undefined);
        if (phys !== undefined && phys !== '0') row.physicalIndex = phys;
        let status: ComponentStatus;
        if (ex.status.from === 'descendants') {
          const found: ComponentStatus[] = [];
          for (const d of ctx.descendants(row.physicalIndex ?? row.index)) {
            const raw = rawInt(view, ex.status.column, d);
            if (raw !== null) found.push(ex.status.map[raw] ?? 'unknown');
          }
          status = combineStatus(found);
        } else {
          status = mapped(view, ex.status, row.index) ?? 'unknown';
        }
        if (ex.absentWhen !== undefined) {
          const pres = rawInt(view, ex.absentWhen.column, row.index);
          if (pres !== null && ex.absentWhen.in.includes(pres)) status = 'absent';
        }
        const key = row.physicalIndex !== undefined ? `${ex.component}:${row.physicalIndex}` : `${ex.component}:${p.id}:${row.index}`;
        const id = row.physicalIndex !== undefined ? `${ex.component}-${row.physicalIndex}` : `${ex.component}-${p.id}-${row.index}`;
        let u = acc.units.get(key);
        if (u === undefined) {
          u = { kind: ex.component, id, physicalIndex: row.physicalIndex, name: null, statuses: [], sources: new Set() };
          acc.units.set(key, u);
        }
        u.name ??= firstOf(ex.name, row, view, ctx);
        u.statuses.push(status);
        u.sources.add(p.id);
        n++;
      }
      if (n > 0 && ex.replaces !== undefined) {
        const set = acc.replaced.get(ex.component) ?? new Set<string>();
        for (const id of ex.replaces) set.add(id);
        acc.replaced.set(ex.component, set);
      }
      return n;
    }
    case 'bgpPeer': {
      let n = 0;
      for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
        const peer = resolve(ex.peer, row, view, ctx);
        const rawState = rawInt(view, ex.state.column, row.index);
        const state = rawState === null ? undefined : ex.state.map[rawState];
        if (peer === null || state === undefined) {
          ctx.errors.push({ profile: p.id, message: `${p.mib} peer row ${row.index}: no usable address or state (${rawState ?? 'missing'}); skipped` });
          continue;
        }
        const rawVrf = ex.vrf === undefined ? null : resolve(ex.vrf, row, view, ctx);
        const vrf = rawVrf !== null && ex.defaultVrf?.includes(rawVrf) === true ? null : rawVrf;
        const key = `${vrf ?? ''}|${peer.toLowerCase()}`;
        n++;
        if (acc.bgp.has(key)) continue;
        let entry: BgpPeer = {
          peer: peer.toLowerCase(),
          remoteAs: ex.remoteAs === undefined ? null : num(resolve(ex.remoteAs, row, view, ctx)),
          state,
          adminStatus: mapped(view, ex.admin, row.index) ?? 'unknown',
          source: p.id,
          ...(vrf !== null && vrf !== '' ? { vrf } : {}),
        };
        const hold = ex.holdTime === undefined ? null : num(resolve(ex.holdTime, row, view, ctx));
        if (hold !== null) entry = { ...entry, holdTimeSeconds: hold };
        acc.bgp.set(key, entry);
      }
      return n;
    }
    case 'ospfNeighbor': {
      let n = 0;
      for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
        const state = mapped(view, ex.state, row.index);
        const neighborId = resolve(ex.neighborId, row, view, ctx);
        const address = resolve(ex.address, row, view, ctx);
        if (state === undefined || neighborId === null) continue;
        const key = `${neighborId}|${address ?? ''}`;
        n++;
        if (!acc.ospf.has(key)) acc.ospf.set(key, { neighborId, address: address ?? '', state });
      }
      return n;
    }
    case 'fhrp': {
      let n = 0;
      for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
        const group = num(resolve(ex.group, row, view, ctx));
        if (group === null) continue;
        let hasStandby: boolean | null = null;
        if (ex.standby !== undefined) {
          const s = resolve(ex.standby.ref, row, view, ctx);
          hasStandby = s === null ? null : !ex.standby.none.includes(s);
        }
        acc.fhrp.push({
          protocol: ex.protocol,
          interface: resolve(ex.interface, row, view, ctx) ?? '',
          group,
          role: mapped(view, ex.role, row.index) ?? 'other',
          virtualIp: ex.virtualIp === undefined ? null : resolve(ex.virtualIp, row, view, ctx),
          hasStandby,
        });
        n++;
      }
      return n;
    }
    case 'ups': {
      const u: Partial<Record<keyof UpsState, unknown>> = {};
      const sc = (name: string): number | null => {
        const v = view.scalars.get(name);
        return v === undefined ? null : valueToNumber(v);
      };
      let any = false;
      if (ex.outputSource !== undefined) {
        const r = sc(ex.outputSource.scalar);
        if (r !== null) { u.outputSource = ex.outputSource.map[r] ?? 'unknown'; any = true; }
      }
      if (ex.batteryStatus !== undefined) {
        const r = sc(ex.batteryStatus.scalar);
        if (r !== null) { u.batteryStatus = ex.batteryStatus.map[r] ?? 'unknown'; any = true; }
      }
      if (ex.minutesRemaining !== undefined) {
        const r = sc(ex.minutesRemaining.scalar);
        if (r !== null) { u.minutesRemaining = Math.round((r / (ex.minutesRemaining.divide ?? 1)) * 10) / 10; any = true; }
      }
      if (ex.inputLineBads !== undefined) {
        const r = sc(ex.inputLineBads.scalar);
        if (r !== null) { u.inputLineBads = r; any = true; }
      }
      if (any) acc.ups.push(u);
      return any ? 1 : 0;
    }
    case 'interfaces': {
      const list: InterfaceState[] = [];
      const counters: InterfaceCounters[] = [];
      for (const row of rowsOf(p, view, ctx, ex.rows, undefined, undefined)) {
        const index = Number(row.index);
        if (!Number.isInteger(index)) continue;
        const oper = rawInt(view, ex.oper.column, row.index);
        const admin = rawInt(view, ex.admin.column, row.index);
        const high = ex.speedMbps === undefined ? null : rawInt(view, ex.speedMbps, row.index);
        const low = ex.speedBps === undefined ? null : rawInt(view, ex.speedBps, row.index);
        let speedMbps: number | null = null;
        if (high !== null && high > 0) speedMbps = high;
        else if (low !== null && low > 0 && low < 4294967295) speedMbps = low / 1e6;
        const name = firstOf(ex.name, row, view, ctx) ?? `ifIndex ${index}`;
        const descr = ex.descr === undefined ? null : textOf(view.cols.get(ex.descr)?.get(row.index))?.trim() ?? null;
        const alias = ex.alias === undefined ? null : textOf(view.cols.get(ex.alias)?.get(row.index))?.trim() ?? null;
        list.push({
          index,
          name,
          operStatus: oper === null ? 'unknown' : (ex.oper.map[oper] ?? 'unknown'),
          adminStatus: admin === null ? 'unknown' : (ex.admin.map[admin] ?? 'unknown'),
          speedMbps,
          ...(descr !== null && descr !== '' && descr !== name ? { descr } : {}),
          ...(alias !== null && alias !== '' ? { alias } : {}),
        });
        const c = ex.counters === undefined ? null : readCounters(view, ex.counters, row.index);
        if (c !== null) counters.push({ index, name, ...c });
      }
      list.sort((a, b) => a.index - b.index);
      if (list.length > 0) acc.interfaces = list;
      acc.counters = counters;
      return list.length;
    }
    case 'lagMember': {
      let n = 0;
      for (const row of rowsOf(p, view, ctx, ex.rows, undefined, ex.where)) {
        const aggregate = firstOf(refList(ex.aggregate), row, view, ctx);
        const member = resolve(ex.member, row, view, ctx);
        if (aggregate === null || member === null) continue;
        const bits = view.cols.get(ex.inBundle.column)?.get(row.index);
        const inBundle = bits !== undefined && bits.kind === 'octets' && ex.inBundle.bits.every((b) => bitSet(bits.value, b))
          && passes(ex.inBundle.where, row.index, view);
        acc.lag.push({ aggregate, member, inBundle });
        n++;
      }
      return n;
    }
    case 'isisAdjacency': {
      let n = 0;
      for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
        const state = mapped(view, ex.state, row.index);
        const neighborId = resolve(ex.neighborId, row, view, ctx);
        if (state === undefined || neighborId === null) continue;
        const iface = resolve(ex.interface, row, view, ctx) ?? '';
        const key = `${neighborId}|${iface}`;
        n++;
        if (!acc.isis.has(key)) acc.isis.set(key, { neighborId, interface: iface, state, level: mapped(view, ex.level, row.index) ?? null });
      }
      return n;
    }
    case 'bfdSession': {
      let n = 0;
      for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
        const state = mapped(view, ex.state, row.index);
        const neighbor = resolve(ex.neighbor, row, view, ctx)?.toLowerCase() ?? null;
        if (state === undefined || neighbor === null) continue;
        let iface: string | null = null;
        if (ex.interface !== undefined) {
          const ifIndex = resolve(ex.interface.ifIndex, row, view, ctx);
          if (ifIndex !== null && ex.interface.none?.includes(ifIndex) !== true) iface = resolve({ ifName: ex.interface.ifIndex }, row, view, ctx);
        }
        let detectionMs: number | null = null;
        if (ex.detection !== undefined) {
          const interval = rawInt(view, ex.detection.interval, row.index);
          const mult = rawInt(view, ex.detection.multiplier, row.index);
          if (interval !== null && mult !== null && interval > 0 && mult > 0) detectionMs = Math.round(interval * mult * ex.detection.intervalUnitMs * 1000) / 1000;
        }
        const key = `${iface ?? ''}|${neighbor}`;
        n++;
        if (!acc.bfd.has(key)) acc.bfd.set(key, { neighbor, interface: iface, state, detectionMs });
      }
      return n;
    }
    case 'neighbor': {
      let n = 0;
      for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
        const remoteName = firstOf(ex.remoteName, row, view, ctx);
        if (remoteName === null) continue;
        acc.neighbors.push({
          protocol: ex.protocol,
          localPort: firstOf(ex.localPort, row, view, ctx) ?? '',
          remoteName,
          remotePort: firstOf(ex.remotePort, row, view, ctx) ?? '',
        });
        n++;
      }
      return n;
    }
    case 'redundancy': {
      const when = ex.when;
      if (when !== undefined && ![...(view.cols.get(when.column)?.values() ?? [])].some((v) => when.in.includes(valueToNumber(v) ?? NaN))) return 0;
      const read = (index: string, column: string, map: Readonly<Record<number, RedundancyState['state']>>): RedundancyState['state'] => {
        const r = ex.scalar !== undefined ? (() => { const v = view.scalars.get(column); return v === undefined ? null : valueToNumber(v); })() : rawInt(view, column, index);
        return r === null ? 'unknown' : (map[r] ?? 'unknown');
      };
      const rows: Row[] = ex.rows !== undefined ? [...rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)] : (view.scalars.has(ex.state.column) ? [{ index: '0', parts: {} }] : []);
      for (const row of rows) {
        acc.redundancy.push({
          subject: ex.subject,
          name: firstOf(ex.name, row, view, ctx) ?? ex.subject,
          state: read(row.index, ex.state.column, ex.state.map),
          configured: ex.configured === undefined ? null : read(row.index, ex.configured.column, ex.configured.map),
          source: p.id,
        });
      }
      return rows.length;
    }
  }
}

function bigOf(v: SnmpValue | undefined): bigint | null {
  if (v === undefined) return null;
  if (v.kind === 'counter64') return v.value;
  if (v.kind === 'uint' || v.kind === 'int') return BigInt(v.value);
  return null;
}

/** The octet counters of one interface row: 64-bit ones when the agent has them, else 32-bit. */
function readCounters(view: ProfileView, cols: NonNullable<InterfaceExtractor['counters']>, index: string): Omit<InterfaceCounters, 'index' | 'name'> | null {
  const hcIn = bigOf(view.cols.get(cols.hcIn)?.get(index));
  const hcOut = bigOf(view.cols.get(cols.hcOut)?.get(index));
  const disc = cols.discontinuity === undefined ? undefined : view.cols.get(cols.discontinuity)?.get(index);
  const discontinuity = disc === undefined ? null : valueToNumber(disc);
  if (hcIn !== null && hcOut !== null) return { inOctets: hcIn, outOctets: hcOut, bits: 64, discontinuity };
  const lowIn = cols.in === undefined ? null : bigOf(view.cols.get(cols.in)?.get(index));
  const lowOut = cols.out === undefined ? null : bigOf(view.cols.get(cols.out)?.get(index));
  if (lowIn !== null && lowOut !== null) return { inOctets: lowIn, outOctets: lowOut, bits: 32, discontinuity };
  return null;
}

function textOf(v: SnmpValue | undefined): string | null {
  return v === undefined ? null : valueToText(v, 'text');
}

function extractSystem(ex: SystemExtractor, view: ProfileView, acc: Accumulator): number {
  const up = view.scalars.get(ex.uptime);
  const engine = ex.engineTime === undefined ? undefined : view.scalars.get(ex.engineTime);
  let uptimeSeconds: number | null = up === undefined ? null : (valueToNumber(up) ?? 0) / 100;
  const engineSeconds = engine === undefined ? null : valueToNumber(engine);
  if (uptimeSeconds !== null && engineSeconds !== null && engineSeconds > uptimeSeconds + WRAP_SECONDS / 2) {
    // sysUpTime wrapped (every ~497 days); snmpEngineTime counts seconds and does not.
    const wraps = Math.round((engineSeconds - uptimeSeconds) / WRAP_SECONDS);
    uptimeSeconds += wraps * WRAP_SECONDS;
  }
  const text = (k: string): string | null => textOf(view.scalars.get(k));
  acc.system = { name: text(ex.name), descr: text(ex.descr), objectId: text(ex.objectId), uptimeSeconds };
  return 1;
}
