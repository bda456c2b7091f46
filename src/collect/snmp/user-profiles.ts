/**
 * Profiles an operator writes: the same profile format as the built-ins, in YAML, one profile a
 * file, validated strictly (zod, unknown keys refused) with every error reported with its path,
 * and every column an extractor names checked against the columns the profile declares. User
 * profiles load from the directories the settings name (`settings.profileDirs`) or `probe
 * --profile-dir`, and replace a built-in of the same id; new ones run before the built-ins, so
 * that an operator's table wins where two report the same peer.
 * Supported kinds: component (PSUs, fans), bgpPeer, ospfNeighbor, neighbor (LLDP/CDP), dcPower,
 * powerInput (mains lines, ATS sources, PDU inlets).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { formatPath } from '../../config/validate.js';
import type { ValueRef } from './profile-parts.js';
import type { Profile } from './profiles/types.js';

const oid = z.string().regex(/^\.?\d+(\.\d+)+$/, 'expected a numeric OID such as 1.3.6.1.4.1.9.9.13.1.5.1.3').transform((s) => s.replace(/^\./, ''));
const name = z.string().min(1);
const decode = z.enum(['text', 'ip', 'int', 'hex', 'mac']);
const enumKey = z.string().regex(/^-?\d+$/, 'an enumeration key is the raw integer value');
const enumMap = <T extends readonly [string, ...string[]]>(values: T) => z.record(enumKey, z.enum(values)).refine((m) => Object.keys(m).length > 0, 'map at least one value');
const rowFilter = z.union([
  z.strictObject({ column: name, in: z.array(z.number().int()).min(1) }),
  z.strictObject({ column: name, matches: z.string(), flags: z.string().optional() }),
  z.strictObject({ column: name, notMatches: z.string(), flags: z.string().optional() }),
]);
const valueRef: z.ZodType<ValueRef> = z.lazy(() => z.union([
  z.strictObject({ column: name, decode: decode.optional(), via: name.optional(), when: rowFilter.optional() }),
  z.strictObject({ index: name, decode: decode.optional() }),
  z.strictObject({ entity: z.enum(['name', 'descr']) }),
  z.strictObject({ ifName: valueRef }),
  z.strictObject({ literal: z.string() }),
])) as unknown as z.ZodType<ValueRef>;
const indexPart = z.discriminatedUnion('kind', [
  z.strictObject({ name, kind: z.enum(['int', 'ipv4', 'inetAddress', 'inetAddressImplied', 'string', 'rest']) }),
  z.strictObject({ name, kind: z.literal('fixed'), length: z.number().int().min(1).max(128) }),
]);
const COMPONENT = ['ok', 'failed', 'absent', 'unknown'] as const;
const common = { rows: name, index: z.array(indexPart).optional(), where: z.array(rowFilter).optional() };
const scaled = z.strictObject({ scalar: name, scale: z.number().positive().optional(), invalid: z.array(z.number().int()).optional() });

const extractor = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('component'), component: z.enum(['psu', 'fan']), ...common,
    status: z.strictObject({ column: name, map: enumMap(COMPONENT), text: z.record(z.string().min(1), z.enum(COMPONENT)).optional(), from: z.enum(['self', 'descendants']).optional() }),
    absentWhen: z.strictObject({ column: name, in: z.array(z.number().int()).min(1) }).optional(),
    physicalIndex: valueRef.optional(), name: z.array(valueRef).optional(), unlessRows: name.optional(),
    replaces: z.array(name).optional(), unit: name.optional(), unitOf: valueRef.optional(),
  }),
  z.strictObject({
    kind: z.literal('bgpPeer'), ...common, peer: valueRef,
    state: z.strictObject({ column: name, map: enumMap(['idle', 'connect', 'active', 'opensent', 'openconfirm', 'established']) }),
    admin: z.strictObject({ column: name, map: enumMap(['up', 'down']) }).optional(),
    remoteAs: valueRef.optional(), vrf: valueRef.optional(), defaultVrf: z.array(z.string()).optional(), holdTime: valueRef.optional(),
  }),
  z.strictObject({
    kind: z.literal('ospfNeighbor'), ...common, neighborId: valueRef, address: valueRef,
    state: z.strictObject({ column: name, map: enumMap(['down', 'attempt', 'init', 'twoWay', 'exchangeStart', 'exchange', 'loading', 'full']) }),
  }),
  z.strictObject({
    kind: z.literal('neighbor'), protocol: z.enum(['lldp', 'cdp']), ...common,
    localPort: z.array(valueRef).min(1), remoteName: z.array(valueRef).min(1), remotePort: z.array(valueRef).min(1),
  }),
  z.strictObject({
    kind: z.literal('dcPower'),
    rectifiers: z.strictObject({ rows: name, where: z.array(rowFilter).optional(), status: z.strictObject({ column: name, map: enumMap(COMPONENT) }) }).optional(),
    moduleRatingAmps: z.union([scaled, z.strictObject({ literal: z.number().positive() })]).optional(),
    loadAmps: scaled.optional(), capacityUsedPercent: scaled.optional(), batteryMinutes: scaled.optional(),
    batteryState: z.strictObject({ scalar: name, map: enumMap(['float', 'charging', 'discharging', 'test', 'fault', 'unknown']) }).optional(),
    batteryStrings: z.union([z.strictObject({ rows: name }), z.strictObject({ scalar: name })]).optional(),
    mains: z.union([
      z.strictObject({ scalar: name, map: enumMap(['ok', 'failed']) }),
      z.strictObject({ rows: name, status: z.strictObject({ column: name, map: enumMap(['ok', 'failed']) }) }),
    ]).optional(),
  }),
  z.strictObject({
    kind: z.literal('powerInput'), role: z.enum(['mains', 'generator', 'pduInlet']), ...common,
    whereIndex: z.strictObject({ part: name, in: z.array(z.number().int()).min(1) }).optional(),
    name: z.array(valueRef).min(1),
    namePrefix: z.string().optional(),
    state: z.strictObject({ column: name, map: enumMap(COMPONENT) }).optional(),
    reading: z.strictObject({ column: name, okAbove: z.number(), failedAtOrBelow: z.number().optional() }).optional(),
    feedsLoad: z.strictObject({ column: name, at: z.string().optional(), equals: z.number().int() }).optional(),
  }).refine((x) => (x.state === undefined) !== (x.reading === undefined), { error: 'give exactly one of state (an enumeration) or reading (a measurement)' }),
]);

const columnDef = z.strictObject({ oid, type: z.enum(['int', 'gauge', 'counter', 'ticks', 'string', 'oid', 'ip', 'bits']) });

/** The YAML profile format. */
export const userProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore'),
  mib: name,
  vendors: z.array(oid).min(1).optional(),
  columns: z.record(name, columnDef).optional(),
  scalars: z.record(name, columnDef).optional(),
  extract: z.array(extractor).min(1),
});

/** One problem in a user profile. */
export interface ProfileIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** Every column (or scalar) name an extractor refers to, with where it does. */
function references(value: unknown, path: PropertyKey[], out: { path: PropertyKey[]; name: string; scalar: boolean }[]): void {
  if (Array.isArray(value)) { value.forEach((v, i) => { references(v, [...path, i], out); }); return; }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && ['rows', 'column', 'unlessRows'].includes(k)) out.push({ path: [...path, k], name: v, scalar: false });
    else if (typeof v === 'string' && k === 'scalar') out.push({ path: [...path, k], name: v, scalar: true });
    else if (k !== 'map') references(v, [...path, k], out);
  }
}

/** Validates one profile's text; returns the profile or every problem found. */
export function parseUserProfile(text: string, file: string): { profile: Profile | null; issues: ProfileIssue[] } {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    return { profile: null, issues: [{ file, path: '(root)', message: `not YAML: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const parsed = userProfileSchema.safeParse(raw);
  const issues: ProfileIssue[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }));
  // the column cross-check runs on what was written even when the schema failed, so one run names every problem
  const doc = (raw !== null && typeof raw === 'object' ? raw : {}) as { extract?: unknown; columns?: unknown; scalars?: unknown };
  const names = (x: unknown): Set<string> => new Set(x !== null && typeof x === 'object' ? Object.keys(x) : []);
  const columns = names(doc.columns);
  const scalars = names(doc.scalars);
  const refs: { path: PropertyKey[]; name: string; scalar: boolean }[] = [];
  references(doc.extract, ['extract'], refs);
  for (const r of refs) {
    if (!(r.scalar ? scalars : columns).has(r.name)) issues.push({ file, path: formatPath(r.path), message: `"${r.name}" is not one of the profile's ${r.scalar ? 'scalars' : 'columns'}` });
  }
  if (!parsed.success) return { profile: null, issues };
  const p = parsed.data;
  // validated above: the zod output has the Profile shape (its optional fields typed `T | undefined`)
  return issues.length > 0 ? { profile: null, issues } : { profile: p as unknown as Profile, issues };
}

/** Loads every *.yaml / *.yml of the directories; problems are returned, not thrown. */
export function loadUserProfiles(dirs: readonly string[]): { profiles: Profile[]; issues: ProfileIssue[] } {
  const profiles: Profile[] = [];
  const issues: ProfileIssue[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    } catch (err) {
      issues.push({ file: dir, path: '(root)', message: `cannot read the directory: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    for (const f of files) {
      const file = join(dir, f);
      const r = parseUserProfile(readFileSync(file, 'utf8'), file);
      issues.push(...r.issues);
      if (r.profile === null) continue;
      const before = seen.get(r.profile.id);
      if (before !== undefined) { issues.push({ file, path: 'id', message: `profile id "${r.profile.id}" is also defined in ${before}` }); continue; }
      seen.set(r.profile.id, file);
      profiles.push(r.profile);
    }
  }
  return { profiles, issues };
}

/**
 * Built-in and user profiles as one list for the one engine: a user profile replaces the
 * built-in of the same id in place; the others run first after the system and interface profiles.
 */
export function mergeProfiles(builtins: readonly Profile[], user: readonly Profile[]): Profile[] {
  const byId = new Map(user.map((p) => [p.id, p]));
  const merged = builtins.map((p) => byId.get(p.id) ?? p);
  const added = user.filter((p) => !builtins.some((b) => b.id === p.id));
  const head = merged.filter((p) => p.id === 'system' || p.id === 'if-mib');
  const rest = merged.filter((p) => p.id !== 'system' && p.id !== 'if-mib');
  return [...head, ...added, ...rest];
}
