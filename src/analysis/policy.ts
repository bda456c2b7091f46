/**
 * The protection policy (`config/policy.yaml`): the protection classes, the risk mapping of
 * protection-policy.md §4, the rule catalogue (clause, basis, classes, thresholds and colours per
 * rule), operator overrides per class or site, waivers (each with a reason and an expiry), the
 * special-period calendar of §5, evidence records, and the hazard ledger's deadlines, verification
 * passes and waiver caps (`ledger:`). Parsed once, strictly: unknown keys are
 * errors and every problem is reported at once with its path. Resolution (thresholds, colours,
 * periods, waivers for a subject at a time) is pure and takes time as an argument.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config/load.js';
import { PROTECTION_CLASSES, SITE_FLAGS, type ProtectionClass } from '../config/schema.js';
import { formatPath, type ConfigIssue } from '../config/validate.js';
import type { Inventory } from '../inventory/model.js';
import { DEFAULT_LEDGER_POLICY, type LedgerPolicy } from './ledger-policy.js';
import type { BackupRecord, DrillRecord } from '../snapshot/types.js';
import { COLOURS, MEASURES, SUBJECT_KINDS, type Bilingual, type Colour, type Measure, type Severity, type Subject } from './finding.js';
import { RULES } from './rules/index.js';
import type { RegisteredRule } from './rules/types.js';
import { CLAUSES, HAZARD_GRADES, citeClause, type ClauseCitation, type HazardGrade } from './rules/words.js';

/** The policy shipped with redline, used when a configuration directory has no policy.yaml. */
export const DEFAULT_POLICY_FILE = fileURLToPath(new URL('../../config/policy.yaml', import.meta.url));

/** A rule id: the §4 catalogue's `NODE-001` form, with an optional letter for a stable split (`PWR-001b`). */
export const RULE_ID = /^[A-Z]{2,5}-\d{3}[a-z]?$/;

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:+/-]{0,255}$/, 'expected an id: letters, digits, . _ : + / -');
const colour = z.enum(COLOURS);
const clauseId = z.string().refine((x) => CLAUSES[x] !== undefined, { error: (iss) => `unknown clause "${String(iss.input)}" (known: ${Object.keys(CLAUSES).join(', ')})` });
const bilingual = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
const classColours = z.record(z.enum(PROTECTION_CLASSES), colour);
const partialClassColours = z.partialRecord(z.enum(PROTECTION_CLASSES), colour);
const colourOverrides = z.strictObject({
  spof: partialClassColours.optional(),
  degraded: partialClassColours.optional(),
  evidenceGap: partialClassColours.optional(),
});
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const dateText = (what: string): z.ZodString => z.string({ error: (iss) => (iss.input === undefined ? `${what} is required (YYYY-MM-DD or an ISO 8601 time)` : 'expected a date') })
  .refine((s) => (DATE.test(s) || DATETIME.test(s)) && !Number.isNaN(Date.parse(DATE.test(s) ? `${s}T00:00:00Z` : s)), 'expected YYYY-MM-DD or an ISO 8601 time with a zone');

/** Where a period applies: provinces, sites, protection classes (each left out: everywhere). */
const periodScope = z.strictObject({
  provinces: z.array(z.string().min(1)).optional(),
  sites: z.array(id).optional(),
  classes: z.array(z.enum(PROTECTION_CLASSES)).optional(),
});

/** A period's name: one string, or one per language (`{ zh: 国庆节, en: National Day }`). */
const periodName = z.union([z.string().min(1), bilingual]);

const periodEntry = z.strictObject({
  id,
  kind: z.enum(['holiday', 'majorEvent', 'disasterSeason', 'other']),
  name: periodName,
  start: dateText('start'),
  end: dateText('end'),
  scope: periodScope.optional(),
  /** A disaster season (汛期) raises colours only while a warning is declared active for its scope. */
  warningActive: z.boolean().optional(),
});

/** A statutory holiday of one year (全国年节及纪念日放假办法 and the State Council's yearly notice). */
const holidayEntry = z.strictObject({ id, name: periodName, start: dateText('start'), end: dateText('end') });

/** A major event (重要活动) declared with its dates and scope. */
const majorEventEntry = z.strictObject({ id, name: periodName, start: dateText('start'), end: dateText('end'), scope: periodScope.optional() });

/**
 * A drill of the policy file's register (`evidence.drills`). The records' drills
 * (`/api/v1/records/drills`, src/records/evidence.ts) are the register now; this list is read
 * with them as a fallback, so a configuration that keeps its drills here loses nothing.
 */
const drillEntry = z.strictObject({
  group: z.string().min(1),
  date: dateText('a drill date'),
  result: z.enum(['pass', 'fail']),
  measuredMs: z.number().nonnegative().optional(),
  report: z.string().optional(),
});

const backupEntry = z.strictObject({
  device: z.string().min(1),
  at: dateText('a backup time (at)'),
  location: z.string().optional(),
  hash: z.string().optional(),
});

const backupSource = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('list'), records: z.array(backupEntry) }),
  z.strictObject({ source: z.literal('files'), dir: z.string().min(1) }),
]);

/** Whole days, 1 to 3650. */
const wholeDays = z.number({ error: 'expected a number of days' }).int('expected whole days').min(1, 'at least 1 day').max(3650, 'at most 3650 days');

/** Days per risk colour, each defaulting to the ledger's [P] default. */
const daysPerColour = (defaults: Readonly<Record<Colour, number>>) => z.strictObject({
  red: wholeDays.default(defaults.red),
  orange: wholeDays.default(defaults.orange),
  yellow: wholeDays.default(defaults.yellow),
  blue: wholeDays.default(defaults.blue),
}).default({ ...defaults });

/** Higher risk levels never get more days than lower ones (a red deadline no later than an orange one). */
function daysNotRisingWithRisk(what: string, days: Readonly<Record<Colour, number>>, ctx: z.RefinementCtx): void {
  const riskiestFirst = [...COLOURS].reverse();
  riskiestFirst.forEach((c, i) => {
    const higher = riskiestFirst[i - 1];
    if (higher !== undefined && days[c] < days[higher]) {
      ctx.addIssue({ code: 'custom', path: [what, c], message: `${days[c]} days for ${c} is less than the ${days[higher]} days for ${higher}: a higher risk level never gets more days than a lower one` });
    }
  });
}

/**
 * The ledger's part of the policy (`ledger:`): deadlines (整改时限) and waiver caps per risk colour,
 * and the consecutive protected passes before a hazard awaits verification by itself.
 */
const ledgerSection = z.strictObject({
  deadlineDays: daysPerColour(DEFAULT_LEDGER_POLICY.deadlineDays),
  verifyPasses: z.number({ error: 'expected a number of passes' }).int('expected a whole number of passes').min(1, 'at least 1 pass').max(1000, 'at most 1000 passes')
    .default(DEFAULT_LEDGER_POLICY.verifyPasses),
  waiverMaxDays: daysPerColour(DEFAULT_LEDGER_POLICY.waiverMaxDays),
}).default({
  deadlineDays: { ...DEFAULT_LEDGER_POLICY.deadlineDays },
  verifyPasses: DEFAULT_LEDGER_POLICY.verifyPasses,
  waiverMaxDays: { ...DEFAULT_LEDGER_POLICY.waiverMaxDays },
}).superRefine((l, ctx) => {
  daysNotRisingWithRisk('deadlineDays', l.deadlineDays, ctx);
  daysNotRisingWithRisk('waiverMaxDays', l.waiverMaxDays, ctx);
});

/**
 * A rule's thresholds with every field optional and no default filled in, for what names only the
 * values it changes (a class's catalogue values, an override, a special period). zod's `.partial()`
 * would fill each left-out field with the rule's default, and that default would then replace the
 * class's own value (a period's `PWR-004: { factor: 1.2 }` reset PC-TRUNK's 240 DC-plant minutes to 60).
 */
function changedThresholds(thresholds: z.ZodObject): z.ZodObject {
  const fields = Object.entries<z.ZodType>(thresholds.shape);
  const withoutDefault = (s: z.ZodType): z.ZodType => (s instanceof z.ZodDefault ? (s as z.ZodDefault<z.ZodType>).unwrap() : s);
  return z.strictObject(Object.fromEntries(fields.map(([k, s]) => [k, withoutDefault(s).optional()])));
}

/**
 * The policy schema for a set of registered rules: each rule's entry validates its thresholds
 * against the rule's own schema (complete at the base, partial per class, per override and per
 * special period), so one pass reports every problem with its path.
 */
function policySchemaFor(rules: readonly RegisteredRule[]) {
  const ids = rules.map((r) => r.id);
  const ruleIdEnum = z.string().refine((x) => ids.includes(x), { error: (iss) => `unknown rule "${String(iss.input)}" (implemented: ${ids.join(', ')})` });
  const entryFor = (r: RegisteredRule) => z.strictObject({
    title: bilingual,
    measure: z.enum(MEASURES),
    /** The stable machine id of the notice clause the rule enforces, e.g. `MIIT-2023-46/2.3`. */
    clause: clauseId,
    /** Further clauses the rule rests on (drills: `MIIT-2023-46/2.4`). */
    alsoClauses: z.array(clauseId).default([]),
    /** The standard or basis from protection-policy.md §4 (and its source tags). */
    basis: z.array(z.string().min(1)).min(1),
    classes: z.array(z.enum(PROTECTION_CLASSES)).min(1),
    /** The hazard grade the rule suggests for a failing state; a person confirms it in the ledger. */
    hazard: z.enum(HAZARD_GRADES),
    enabled: z.boolean().default(true),
    // left out: the rule's defaults (prefault parses the empty object, so each default is filled in)
    thresholds: r.thresholds.prefault({}),
    byClass: z.partialRecord(z.enum(PROTECTION_CLASSES), changedThresholds(r.thresholds)).default({}),
    colours: colourOverrides.default({}),
  }, {
    error: (iss) => (iss.code !== 'invalid_type' ? undefined
      : iss.input === undefined ? 'missing: every implemented rule needs its catalogue entry (set enabled: false to turn it off)' : 'expected a rule entry'),
  });
  const overrideFor = (r: RegisteredRule) => z.strictObject({
    rule: z.literal(r.id),
    class: z.enum(PROTECTION_CLASSES).optional(),
    site: id.optional(),
    enabled: z.boolean().optional(),
    thresholds: changedThresholds(r.thresholds).optional(),
    colours: colourOverrides.optional(),
    reason: z.string().optional(),
  }).refine((o) => o.class !== undefined || o.site !== undefined, 'an override names a class or a site');
  const overrides = rules.map(overrideFor);
  const overrideEntry = overrides.length === 0
    ? z.never()
    : z.discriminatedUnion('rule', overrides as unknown as [ReturnType<typeof overrideFor>, ...ReturnType<typeof overrideFor>[]], {
      error: `unknown rule (implemented: ${ids.join(', ')})`,
    });
  const waiverEntry = z.strictObject({
    rule: ruleIdEnum,
    subject: z.strictObject({ kind: z.enum(SUBJECT_KINDS), id: z.string().min(1) }, { error: 'a waiver names its subject: { kind, id }' }),
    reason: z.string({ error: (iss) => (iss.input === undefined ? 'a waiver needs a reason' : 'expected a string') })
      .trim().min(10, 'a waiver needs a reason of at least 10 characters'),
    until: dateText('a waiver expiry (until)'),
    approvedBy: z.string().min(1).optional(),
  });
  return z.strictObject({
    version: z.literal(1),
    /** The UTC offset dates in the calendar, waivers and evidence are read in (China Standard Time by default). */
    timezone: z.string().regex(/^[+-]\d{2}:\d{2}$/, 'expected a UTC offset such as +08:00').default('+08:00'),
    classes: z.record(z.enum(PROTECTION_CLASSES), z.strictObject({ name: bilingual })),
    riskMapping: z.strictObject({
      spof: classColours,
      degraded: classColours,
      evidenceGap: classColours,
      /** Site flags that change a class's colours (PC-ACC sites flagged ACC_K are 重要基站). */
      flags: z.partialRecord(z.enum(SITE_FLAGS), colourOverrides).default({}),
    }),
    rules: z.strictObject(Object.fromEntries(rules.map((r) => [r.id, entryFor(r)]))),
    overrides: z.array(overrideEntry).default([]),
    waivers: z.array(waiverEntry).default([]),
    ledger: ledgerSection,
    specialPeriods: z.strictObject({
      raise: z.number().int().min(0).max(3).default(1),
      /** Readiness sweeps before each period, in days before its first day (§5: T−7 d and T−1 d). */
      readinessDays: z.array(z.number().int().min(1).max(60)).min(1).default([7, 1]),
      thresholds: z.strictObject(Object.fromEntries(rules.map((r) => [r.id, changedThresholds(r.thresholds).optional()]))).default({}),
      /** Statutory holidays per year (`"2027": [...]`): each year's dates come from that year's notice. */
      // a bad key is reported by the record as "Invalid key in record": say what a key must be instead
      holidays: z.record(z.string().regex(/^\d{4}$/), z.array(holidayEntry), { error: (iss) => (iss.code === 'invalid_key' ? 'expected a year such as 2027' : undefined) }).default({}).superRefine((years, ctx) => {
        for (const [year, list] of Object.entries(years)) {
          list.forEach((h, i) => {
            if (!h.start.startsWith(year)) ctx.addIssue({ code: 'custom', path: [year, i, 'start'], message: `not in ${year}` });
            if (timeOf(h.end, 0, true) < timeOf(h.start, 0)) ctx.addIssue({ code: 'custom', path: [year, i, 'end'], message: 'ends before it starts' });
          });
        }
      }),
      majorEvents: z.array(majorEventEntry).default([]).superRefine((list, ctx) => {
        list.forEach((p, i) => {
          if (timeOf(p.end, 0, true) < timeOf(p.start, 0)) ctx.addIssue({ code: 'custom', path: [i, 'end'], message: 'ends before it starts' });
        });
      }),
      calendar: z.array(periodEntry).default([]).superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((p, i) => {
          if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id "${p.id}"` });
          seen.add(p.id);
          if (timeOf(p.end, 0, true) < timeOf(p.start, 0)) ctx.addIssue({ code: 'custom', path: [i, 'end'], message: 'ends before it starts' });
        });
      }),
    }).default({ raise: 1, readinessDays: [7, 1], thresholds: {}, holidays: {}, majorEvents: [], calendar: [] }).superRefine((sp, ctx) => {
      // one id space over holidays, major events and the calendar
      const seen = new Map<string, string>();
      const note = (pid: string, where: string): void => {
        const first = seen.get(pid);
        if (first !== undefined && first !== where) ctx.addIssue({ code: 'custom', path: [], message: `period id "${pid}" used twice (${first} and ${where})` });
        seen.set(pid, where);
      };
      for (const [year, list] of Object.entries(sp.holidays)) list.forEach((h, i) => { note(h.id, `holidays.${year}[${i}]`); });
      sp.majorEvents.forEach((m, i) => { note(m.id, `majorEvents[${i}]`); });
      sp.calendar.forEach((c, i) => { note(c.id, `calendar[${i}]`); });
    }),
    evidence: z.strictObject({
      drills: z.array(drillEntry).optional(),
      configBackups: backupSource.optional(),
    }).default({}),
  });
}

type RawPolicy = z.infer<ReturnType<typeof policySchemaFor>>;
type ColourOverrides = z.infer<typeof colourOverrides>;
type RawPeriod = z.infer<typeof periodEntry>;

/** One rule of the catalogue as the policy configures it. */
export interface RulePolicy {
  readonly id: string;
  readonly title: Bilingual;
  readonly measure: Measure;
  /** The main clause's machine id. */
  readonly clause: string;
  /** Every clause, the main one first, with its citation. */
  readonly clauses: readonly ClauseCitation[];
  readonly basis: readonly string[];
  readonly classes: ReadonlySet<ProtectionClass>;
  /** The suggested hazard grade of a failing state. */
  readonly hazard: HazardGrade;
  readonly enabled: boolean;
  readonly thresholds: Readonly<Record<string, unknown>>;
  readonly byClass: Partial<Record<ProtectionClass, Readonly<Record<string, unknown>>>>;
  readonly colours: ColourOverrides;
}

/** An operator's change to a rule for one class or one site. */
export interface PolicyOverride {
  readonly rule: string;
  readonly class?: ProtectionClass;
  readonly site?: string;
  readonly enabled?: boolean;
  readonly thresholds?: Readonly<Record<string, unknown>>;
  readonly colours?: ColourOverrides;
  readonly reason?: string;
}

/** An accepted risk: the finding stands but is marked waived until `until` (end of that day when a date). */
export interface Waiver {
  readonly rule: string;
  readonly subject: Subject;
  readonly reason: string;
  readonly until: string;
  readonly untilMs: number;
  readonly approvedBy?: string;
}

/** A heightened-protection period of §5 (holiday, major event, disaster season). */
export interface SpecialPeriod {
  readonly id: string;
  /** Where the policy file declares it (`specialPeriods.calendar[2]`), for warnings. */
  readonly path: string;
  readonly kind: 'holiday' | 'majorEvent' | 'disasterSeason' | 'other';
  /** The name as one string (both languages when configured per language). */
  readonly name: string;
  /** The name in each language. */
  readonly label: Bilingual;
  readonly startMs: number;
  readonly endMs: number;
  /** The first day as written (YYYY-MM-DD, operator's calendar). */
  readonly startDate: string;
  readonly provinces?: ReadonlySet<string>;
  readonly sites?: ReadonlySet<string>;
  readonly classes?: ReadonlySet<ProtectionClass>;
  /** False for a disaster season without an active warning: it raises nothing. */
  readonly inForce: boolean;
}

/** Where configuration backups are read from. */
export type BackupSourceConfig = { readonly source: 'list'; readonly records: readonly BackupRecord[] } | { readonly source: 'files'; readonly dir: string };

/** A valid policy. */
export interface Policy {
  readonly source: string;
  readonly timezoneOffsetMinutes: number;
  readonly classes: Readonly<Record<ProtectionClass, { readonly name: Bilingual }>>;
  readonly risk: {
    readonly spof: Readonly<Record<ProtectionClass, Colour>>;
    readonly degraded: Readonly<Record<ProtectionClass, Colour>>;
    readonly evidenceGap: Readonly<Record<ProtectionClass, Colour>>;
    readonly flags: Readonly<Partial<Record<(typeof SITE_FLAGS)[number], ColourOverrides>>>;
  };
  readonly rules: ReadonlyMap<string, RulePolicy>;
  readonly overrides: readonly PolicyOverride[];
  readonly waivers: readonly Waiver[];
  readonly periods: {
    readonly raise: number;
    /** Readiness sweeps, in days before a period's first day, largest first. */
    readonly readinessDays: readonly number[];
    readonly thresholds: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly calendar: readonly SpecialPeriod[];
  };
  readonly evidence: {
    readonly drills?: readonly DrillRecord[];
    readonly configBackups?: BackupSourceConfig;
  };
  /** The hazard ledger's deadlines, verification passes and waiver caps (`ledger:`, defaults DEFAULT_LEDGER_POLICY). */
  readonly ledger: LedgerPolicy;
  /** The registered rules the policy was validated against. */
  readonly registered: ReadonlyMap<string, RegisteredRule>;
}

function offsetMinutes(tz: string): number {
  const sign = tz.startsWith('-') ? -1 : 1;
  const [h, m] = tz.slice(1).split(':').map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0));
}

/** A date (start of day at the policy's offset) or an ISO time, in ms. */
export function timeOf(text: string, offsetMin: number, endOfDay = false): number {
  if (DATE.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`) - offsetMin * 60_000;
    return endOfDay ? start + 86_400_000 - 1 : start;
  }
  return Date.parse(text);
}

function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  return error.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
}

function toPolicy(raw: RawPolicy, source: string, registered: ReadonlyMap<string, RegisteredRule>): Policy {
  const offset = offsetMinutes(raw.timezone);
  const rules = new Map<string, RulePolicy>();
  for (const [ruleId, e] of Object.entries(raw.rules)) {
    rules.set(ruleId, {
      id: ruleId,
      title: e.title,
      measure: e.measure,
      clause: e.clause,
      clauses: [e.clause, ...e.alsoClauses.filter((c) => c !== e.clause)].map(citeClause),
      basis: e.basis,
      classes: new Set(e.classes),
      hazard: e.hazard,
      enabled: e.enabled,
      // the base, the schema's defaults filled in
      thresholds: e.thresholds,
      byClass: e.byClass,
      colours: e.colours,
    });
  }
  const drills = raw.evidence.drills?.map((d): DrillRecord => ({
    group: d.group,
    at: timeOf(d.date, offset),
    result: d.result,
    ...(d.measuredMs !== undefined ? { measuredMs: d.measuredMs } : {}),
    ...(d.report !== undefined ? { report: d.report } : {}),
  }));
  const cb = raw.evidence.configBackups;
  const configBackups: BackupSourceConfig | undefined = cb === undefined ? undefined : cb.source === 'files' ? cb : {
    source: 'list',
    records: cb.records.map((r) => ({
      device: r.device,
      at: timeOf(r.at, offset),
      ...(r.location !== undefined ? { location: r.location } : {}),
      ...(r.hash !== undefined ? { hash: r.hash } : {}),
    })),
  };
  return {
    source,
    timezoneOffsetMinutes: offset,
    classes: raw.classes,
    risk: raw.riskMapping,
    rules,
    overrides: raw.overrides.map((o) => ({
      rule: o.rule,
      ...(o.class !== undefined ? { class: o.class } : {}),
      ...(o.site !== undefined ? { site: o.site } : {}),
      ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
      ...(o.thresholds !== undefined ? { thresholds: o.thresholds } : {}),
      ...(o.colours !== undefined ? { colours: o.colours } : {}),
      ...(o.reason !== undefined ? { reason: o.reason } : {}),
    })),
    waivers: raw.waivers.map((w) => ({
      rule: w.rule,
      subject: w.subject,
      reason: w.reason,
      until: w.until,
      untilMs: timeOf(w.until, offset, true),
      ...(w.approvedBy !== undefined ? { approvedBy: w.approvedBy } : {}),
    })),
    periods: {
      raise: raw.specialPeriods.raise,
      readinessDays: [...new Set(raw.specialPeriods.readinessDays)].sort((a, b) => b - a),
      thresholds: Object.fromEntries(Object.entries(raw.specialPeriods.thresholds).filter((e): e is [string, Record<string, unknown>] => e[1] !== undefined)),
      calendar: [
        ...Object.entries(raw.specialPeriods.holidays).sort(([a], [b]) => a.localeCompare(b))
          .flatMap(([year, list]) => list.map((h, i): [RawPeriod, string] => [{ ...h, kind: 'holiday' }, `specialPeriods.holidays.${year}[${i}]`])),
        ...raw.specialPeriods.majorEvents.map((m, i): [RawPeriod, string] => [{ ...m, kind: 'majorEvent' }, `specialPeriods.majorEvents[${i}]`]),
        ...raw.specialPeriods.calendar.map((c, i): [RawPeriod, string] => [c, `specialPeriods.calendar[${i}]`]),
      ].map(([p, path]): SpecialPeriod => ({
        id: p.id,
        path,
        kind: p.kind,
        name: typeof p.name === 'string' ? p.name : `${p.name.zh} ${p.name.en}`,
        label: typeof p.name === 'string' ? { zh: p.name, en: p.name } : p.name,
        startMs: timeOf(p.start, offset),
        endMs: timeOf(p.end, offset, true),
        startDate: p.start.slice(0, 10),
        ...(p.scope?.provinces !== undefined ? { provinces: new Set(p.scope.provinces) } : {}),
        ...(p.scope?.sites !== undefined ? { sites: new Set(p.scope.sites) } : {}),
        ...(p.scope?.classes !== undefined ? { classes: new Set(p.scope.classes) } : {}),
        inForce: p.kind !== 'disasterSeason' || p.warningActive === true,
      })),
    },
    evidence: {
      ...(drills !== undefined ? { drills } : {}),
      ...(configBackups !== undefined ? { configBackups } : {}),
    },
    ledger: raw.ledger,
    registered,
  };
}

const schemaCache = new WeakMap<readonly RegisteredRule[], ReturnType<typeof policySchemaFor>>();

/** Validates a parsed policy document; throws ConfigError with every issue, each with its path. */
export function policyFromObject(raw: unknown, source = 'policy', rules: readonly RegisteredRule[] = RULES): Policy {
  let schema = schemaCache.get(rules);
  if (schema === undefined) {
    schema = policySchemaFor(rules);
    schemaCache.set(rules, schema);
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(source, zodIssues(parsed.error));
  return toPolicy(parsed.data, source, new Map(rules.map((r) => [r.id, r])));
}

/** Parses policy YAML; throws ConfigError with every issue. */
export function parsePolicy(text: string, source = 'policy.yaml', rules: readonly RegisteredRule[] = RULES): Policy {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(source, doc.errors.map((e) => ({
      path: e.linePos?.[0] !== undefined ? `line ${e.linePos[0].line}:${e.linePos[0].col}` : '(yaml)',
      message: e.message.split('\n')[0] ?? e.message,
    })));
  }
  return policyFromObject(doc.toJS(), source, rules);
}

/** The policy file of a configuration directory: its own policy.yaml, else the one shipped with redline. */
export function policyFileFor(configDir: string): string {
  const own = join(configDir, 'policy.yaml');
  return existsSync(own) ? own : DEFAULT_POLICY_FILE;
}

/** Reads and validates a policy file; throws ConfigError. */
export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, [{ path: '(file)', message: 'cannot read the policy file' }]);
  }
  return parsePolicy(text, file);
}

/** Problems between a valid policy and an inventory (overrides or waivers naming sites or subjects that do not exist). */
export function policyWarnings(policy: Policy, inventory: Inventory): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  policy.overrides.forEach((o, i) => {
    if (o.site !== undefined && !inventory.sites.has(o.site)) out.push({ path: `overrides[${i}].site`, message: `unknown site "${o.site}"` });
  });
  policy.periods.calendar.forEach((p) => {
    for (const s of p.sites ?? []) if (!inventory.sites.has(s)) out.push({ path: `${p.path}.scope.sites`, message: `unknown site "${s}"` });
  });
  return out;
}

// ---------- resolution (pure) ----------

/**
 * Whether a period's scope covers a subject of this class at these sites: classes left out
 * cover every class, provinces and sites left out cover everywhere.
 */
export function periodCovers(p: SpecialPeriod, inventory: Inventory, cls: ProtectionClass | null, sites: readonly (string | null)[]): boolean {
  if (p.classes !== undefined && (cls === null || !p.classes.has(cls))) return false;
  if (p.provinces === undefined && p.sites === undefined) return true;
  return sites.some((s) => {
    if (s === null) return false;
    if (p.sites?.has(s) === true) return true;
    const province = inventory.sites.get(s)?.province;
    return province !== undefined && p.provinces?.has(province) === true;
  });
}

/**
 * The special periods in force at `now` for a subject of this class at these sites. A disaster
 * season is in force only while its warning is declared active.
 */
export function activePeriods(policy: Policy, inventory: Inventory, now: number, sites: readonly (string | null)[], cls: ProtectionClass | null = null): SpecialPeriod[] {
  return policy.periods.calendar.filter((p) => p.inForce && now >= p.startMs && now <= p.endMs && periodCovers(p, inventory, cls, sites));
}

function overridesFor(policy: Policy, ruleId: string, cls: ProtectionClass, sites: readonly (string | null)[]): PolicyOverride[] {
  // class overrides first, site overrides after: the narrower scope wins
  const byClass = policy.overrides.filter((o) => o.rule === ruleId && o.site === undefined && o.class === cls);
  const bySite = policy.overrides.filter((o) => o.rule === ruleId && o.site !== undefined && sites.includes(o.site) && (o.class === undefined || o.class === cls));
  return [...byClass, ...bySite];
}

/** Whether a rule applies to a subject of this class at these sites. */
export function ruleApplies(policy: Policy, ruleId: string, cls: ProtectionClass, sites: readonly (string | null)[]): boolean {
  const r = policy.rules.get(ruleId);
  if (r === undefined) return false;
  let enabled = r.enabled && r.classes.has(cls);
  for (const o of overridesFor(policy, ruleId, cls, sites)) if (o.enabled !== undefined) enabled = o.enabled;
  return enabled;
}

/**
 * A rule's thresholds for a subject: the base, then the class's catalogue values, then class and
 * site overrides, then (during a special period) the period's tightened values.
 */
export function ruleThresholds(policy: Policy, ruleId: string, cls: ProtectionClass, sites: readonly (string | null)[], heightened: boolean): Record<string, unknown> {
  const r = policy.rules.get(ruleId);
  if (r === undefined) return {};
  let t: Record<string, unknown> = { ...r.thresholds, ...r.byClass[cls] };
  for (const o of overridesFor(policy, ruleId, cls, sites)) if (o.thresholds !== undefined) t = { ...t, ...o.thresholds };
  const tight = policy.periods.thresholds[ruleId];
  if (heightened && tight !== undefined) t = { ...t, ...tight };
  return t;
}

/** The colour of a failure of this severity, before any special-period raise. */
export function baseColour(policy: Policy, ruleId: string, severity: Severity, cls: ProtectionClass, sites: readonly (string | null)[], inventory: Inventory): Colour {
  let c: Colour = policy.risk[severity][cls];
  for (const s of sites) {
    if (s === null) continue;
    for (const flag of inventory.sites.get(s)?.flags ?? []) {
      const f = policy.risk.flags[flag]?.[severity]?.[cls];
      if (f !== undefined && COLOURS.indexOf(f) > COLOURS.indexOf(c)) c = f;
    }
  }
  const rule = policy.rules.get(ruleId)?.colours[severity]?.[cls];
  if (rule !== undefined) c = rule;
  for (const o of overridesFor(policy, ruleId, cls, sites)) {
    const oc = o.colours?.[severity]?.[cls];
    if (oc !== undefined) c = oc;
  }
  return c;
}

/** The waiver in force for a rule and subject at `now`, if any (expired waivers no longer apply). */
export function activeWaiver(policy: Policy, ruleId: string, subject: Subject, now: number): Waiver | undefined {
  return policy.waivers.find((w) => w.rule === ruleId && w.subject.kind === subject.kind && w.subject.id === subject.id && now <= w.untilMs);
}
