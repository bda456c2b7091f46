/**
 * The profile engine: one poll of one device. It reads the system group, picks the profiles
 * that apply, walks their columns with guarded walks, checks every value's type, runs each
 * profile's extractors and merges what several MIBs say about one thing into one observation.
 */
import { TimeoutError, errorMessage } from '../../common/errors.js';
import type { CollectionError, DeviceObservation } from '../observation.js';
import { ExtractContext, refUses, textOf, type InterfaceCounters } from './extract.js';
import { ENTITY_JOIN_COLUMNS } from './profiles/entity.js';
import { INTERFACE_NAME_COLUMNS } from './profiles/if-mib.js';
import { KINDS, emptyFields, kindOf, type Extractor } from './kinds/index.js';
import type { ColumnDef, Profile } from './profiles/types.js';
import type { SnmpTransport } from './transport.js';
import { capDeviceText } from '../device-text.js';
import { fieldsOfProfile } from '../observation-fields.js';
import type { SnmpValue } from './value.js';
import { WalkSession, walkColumns, type ColumnRows, type WalkLimits } from './walk.js';

export type { InterfaceCounters } from './extract.js';
export { combineStatus } from './extract.js';

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

  // 4. Extract: each profile's extractors in order, each kind accumulating across profiles.
  const ctx = new ExtractContext(walked, scalarValues, errors, objectId);
  const states = new Map<string, unknown>(KINDS.map((k) => [k.kind, k.start()]));
  const yielded: string[] = [];
  for (const p of selected) {
    const view = ctx.view(p);
    let produced = 0;
    for (const ex of p.extract) produced += kindOf(ex.kind).run(ex, p, view, ctx, states.get(ex.kind));
    if (produced > 0) yielded.push(p.id);
  }
  // the MIBs the device implements, even with empty tables (a scalar such as bfdAdminStatus answered)
  const implemented = selected.filter((p) => yielded.includes(p.id) ||
    Object.values(p.columns ?? {}).some((c) => (walked.get(c.oid)?.size ?? 0) > 0) ||
    Object.values(p.scalars ?? {}).some((c) => scalarValues.has(c.oid)));

  const fields = Object.assign({}, ...KINDS.map((k) => kindOf(k.kind).finish(states.get(k.kind), ctx))) as ReturnType<typeof emptyFields>;
  const { system, ...rest } = fields;
  const observation: DeviceObservation = {
    target: transport.label, system, profiles: yielded, ...rest, errors,
    exposes: [...new Set(implemented.flatMap(fieldsOfProfile))].sort(),
  };
  return {
    answered: true,
    observation: capDeviceText(observation),
    implemented: implemented.map((p) => p.id),
    counters: ctx.counters,
    stats: { requests: session.requests, varbinds: session.varbinds, durationMs: opts.now() - started },
  };
}

/** An observation of a device that never answered. */
export function emptyObservation(target: string, errors: CollectionError[]): DeviceObservation {
  const { system, ...rest } = emptyFields();
  return { target, system, profiles: [], ...rest, errors };
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

function usesEntity(e: Extractor): boolean {
  const k = kindOf(e.kind);
  return k.usesEntity?.(e) === true || k.refs(e).some((r) => refUses(r, 'entity'));
}

function usesIfName(e: Extractor): boolean {
  return kindOf(e.kind).refs(e).some((r) => refUses(r, 'ifName'));
}
