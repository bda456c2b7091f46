/**
 * The configuration schema: settings, credentials (references only), and the inventory —
 * what the network is meant to be. Strict: unknown keys are errors; defaults are applied
 * before cross-reference validation (`validate.ts`).
 */
import { z } from 'zod';
import type { HealthCheckSpec } from '../collect/http/health-check.js';
import { healthCheckProblems } from '../collect/http/spec.js';
import { AUTH_PROTOCOLS, PRIV_PROTOCOLS } from '../collect/snmp/transport.js';
import { ROLES } from '../auth/types.js';

/** The protection classes of protection-policy.md §2. */
export const PROTECTION_CLASSES = ['PC-CORE', 'PC-DC', 'PC-TRUNK', 'PC-NE', 'PC-SMS', 'PC-AGG', 'PC-ACC'] as const;
export type ProtectionClass = (typeof PROTECTION_CLASSES)[number];

/** Class modifiers of protection-policy.md §2 (flags on a site or element). */
export const SITE_FLAGS = ['INTL', 'GRADE3', 'FLOOD_LOW', 'ACC_K', 'SEISMIC'] as const;

/** Shared-risk kinds: links (or devices) with one of these in common fail together. */
export const RISK_KINDS = ['duct', 'cable', 'poleRoute', 'bridge', 'trench', 'buildingEntrance', 'room', 'panel', 'pdu', 'ups', 'provider'] as const;

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'expected an id: letters, digits, . _ : - (max 128)');
const hostname = z.string().min(1).max(253).regex(/^[A-Za-z0-9.:_[\]-]+$/, 'expected a host name or IP address');
const port = z.number().int().min(1).max(65535);

/** A secret is never written inline: it comes from an environment variable or a file. */
export const secretRef = z.union([
  z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name') }),
  z.strictObject({ file: z.string().min(1) }),
], { error: 'a secret must be { env: NAME } or { file: PATH } — never written inline' });
export type SecretRef = z.infer<typeof secretRef>;

const credentialV2 = z.strictObject({
  version: z.enum(['1', '2c']),
  community: secretRef,
});
const credentialV3 = z.strictObject({
  version: z.literal('3'),
  user: z.string().min(1).max(32),
  authProtocol: z.enum(AUTH_PROTOCOLS).optional(),
  authKey: secretRef.optional(),
  privProtocol: z.enum(PRIV_PROTOCOLS).optional(),
  privKey: secretRef.optional(),
  context: z.string().optional(),
});
export const credentialSchema = z.discriminatedUnion('version', [credentialV2, credentialV3]);
export type CredentialConfig = z.infer<typeof credentialSchema>;

const snmpTuning = {
  timeoutMs: z.number().int().min(50).max(60_000).optional(),
  retries: z.number().int().min(0).max(5).optional(),
  maxRepetitions: z.number().int().min(1).max(500).optional(),
  bulk: z.boolean().optional(),
};

const roomSchema = z.strictObject({
  id,
  name: z.string().optional(),
  fireCompartment: z.string().optional(),
});

const siteSchema = z.strictObject({
  id,
  name: z.string().optional(),
  class: z.enum(PROTECTION_CLASSES),
  flags: z.array(z.enum(SITE_FLAGS)).default([]),
  province: z.string().optional(),
  rooms: z.array(roomSchema).default([]),
});

const devicePsuSchema = z.strictObject({
  /** Matches the PSU as the device names it (entPhysicalName, or the probe id such as psu-507). */
  match: z.string().min(1),
  /** The power-chain element (PDU, panel, …) this PSU is plugged into. */
  feed: id,
});

const deviceSchema = z.strictObject({
  id,
  name: z.string().optional(),
  site: id,
  room: id.optional(),
  role: z.string().min(1).max(64),
  class: z.enum(PROTECTION_CLASSES).optional(),
  snmp: z.strictObject({
    host: hostname,
    port: port.default(161),
    credentials: id,
    ...snmpTuning,
  }).optional(),
  expectedPsus: z.number().int().min(0).max(16).optional(),
  psus: z.array(devicePsuSchema).default([]),
  redundancyPair: id.optional(),
  multihomed: z.boolean().optional(),
  tags: z.array(z.string()).default([]),
});

const riskSchema = z.strictObject({ kind: z.enum(RISK_KINDS), id });

const linkEnd = z.strictObject({ device: id, interface: z.string().min(1) });
const linkSchema = z.strictObject({
  id,
  a: linkEnd,
  b: linkEnd,
  capacityMbps: z.number().positive().optional(),
  risks: z.array(riskSchema).default([]),
  /** A protection group this link belongs to, as working or protect leg (RTE-002). */
  protection: z.strictObject({ group: id, leg: z.enum(['working', 'protect']) }).optional(),
});

const POWER_KINDS = ['mains', 'generator', 'ats', 'panel', 'ups', 'rectifier', 'battery', 'pdu'] as const;
const powerNodeSchema = z.strictObject({
  id,
  kind: z.enum(POWER_KINDS),
  site: id,
  room: id.optional(),
  /** Elements feeding this one (a PDU's panel, a UPS's panels…). Mains feeds have none. */
  upstream: z.array(id).default([]),
  /** The monitored device that reports this element's state (a UPS over SNMP). */
  device: id.optional(),
  substation: z.string().optional(),
});

const serviceSchema = z.strictObject({
  id,
  name: z.string().optional(),
  class: z.enum(PROTECTION_CLASSES),
  /** Devices (two for a pair, more for a group) between which the service must stay connected. */
  endpoints: z.array(id).min(2),
  requiredPaths: z.number().int().min(1).max(8).default(2),
  /** Health checks that stand for the service's instances (e.g. the two SMSC sites). */
  health: z.array(id).default([]),
  /** An inter-site replication / synchronisation service between NE or SMS sites (RTE-005). */
  replication: z.boolean().optional(),
});

const statusRange = z.strictObject({ min: z.number().int().min(100).max(599), max: z.number().int().min(100).max(599) });
const healthShape = z.strictObject({
  id,
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  method: z.enum(['GET', 'HEAD']).default('GET'),
  intervalSeconds: z.number().int().min(5).max(3600).optional(),
  timeoutMs: z.number().int().min(50).max(60_000).default(5000),
  expectStatus: z.union([z.array(z.number().int().min(100).max(599)).min(1), statusRange]).optional(),
  expectBody: z.strictObject({
    contains: z.string().optional(),
    matches: z.string().optional(),
    jsonPath: z.strictObject({ path: z.string().min(1), equals: z.union([z.string(), z.number(), z.boolean()]) }).optional(),
  }).optional(),
  maxLatencyMs: z.number().int().positive().optional(),
  followRedirects: z.boolean().default(false),
  /** Accept any server certificate (self-signed lab gear); the connection is still encrypted. */
  tlsInsecure: z.boolean().default(false),
  /** Header values are secret references (tokens). */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), secretRef).optional(),
  standsFor: z.strictObject({ service: id.optional(), device: id.optional(), site: id.optional() }).optional(),
});

/**
 * The runtime spec of a configured health check, with its resolved header values. The one
 * conversion: the schema validates what it returns and the daemon runs what it returns.
 */
export function healthCheckSpecOf(h: z.infer<typeof healthShape>, headers: Readonly<Record<string, string>> | undefined): HealthCheckSpec {
  return {
    id: h.id,
    url: h.url,
    method: h.method,
    timeoutMs: h.timeoutMs,
    followRedirects: h.followRedirects,
    tlsInsecure: h.tlsInsecure,
    ...(h.expectStatus !== undefined ? { expectStatus: h.expectStatus } : {}),
    ...(h.expectBody !== undefined ? { expectBody: h.expectBody } : {}),
    ...(h.maxLatencyMs !== undefined ? { maxLatencyMs: h.maxLatencyMs } : {}),
    ...(headers !== undefined && Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

// The health check's own validator (the one the runtime runs) reports here, with its path, next
// to every other schema problem. Header values are secrets not yet read: they are checked once
// resolved (load.ts), by the same function.
const healthSchema = healthShape.superRefine((h, ctx) => {
  const unread = Object.fromEntries(Object.keys(h.headers ?? {}).map((name) => [name, 'unread']));
  for (const p of healthCheckProblems(healthCheckSpecOf(h, unread))) ctx.addIssue({ code: 'custom', path: [...p.path], message: p.message });
});

/** Whether `zone` is an IANA time-zone name this runtime knows (`Asia/Shanghai`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const settingsSchema = z.strictObject({
  /** The operator's IANA time zone: dates and times shown to people are in it, zone named. */
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  listen: z.string().regex(/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'expected host:port').default('127.0.0.1:9740'),
  /** SQLite state file, relative to the config directory unless absolute. */
  stateFile: z.string().min(1).default('redline.db'),
  poll: z.strictObject({
    intervalSeconds: z.number().int().min(5).max(86_400).default(60),
    /** Device polls in flight at once. */
    concurrency: z.number().int().min(1).max(5000).default(128),
    /** Each device's start within the cycle is spread over this many seconds. */
    jitterSeconds: z.number().min(0).max(3600).optional(),
    /** A device poll must finish within this fraction of the interval. */
    deadlineFraction: z.number().min(0.1).max(0.95).default(0.8),
    staleAfterMissed: z.number().int().min(1).max(100).default(3),
    /** Profiles polled less often than every cycle: profile id → seconds. */
    profileIntervals: z.record(z.string(), z.number().int().min(5).max(86_400)).default({}),
  }).default({ intervalSeconds: 60, concurrency: 128, deadlineFraction: 0.8, staleAfterMissed: 3, profileIntervals: {} }),
  health: z.strictObject({
    intervalSeconds: z.number().int().min(5).max(3600).default(30),
    concurrency: z.number().int().min(1).max(1000).default(32),
  }).default({ intervalSeconds: 30, concurrency: 32 }),
  snmpDefaults: z.strictObject({
    timeoutMs: z.number().int().min(50).max(60_000).default(2000),
    retries: z.number().int().min(0).max(5).default(1),
    maxRepetitions: z.number().int().min(1).max(500).default(50),
    bulk: z.boolean().default(true),
  }).default({ timeoutMs: 2000, retries: 1, maxRepetitions: 50, bulk: true }),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  api: z.strictObject({
    /**
     * Host names the API answers besides the listen address and localhost / 127.0.0.1 / [::1]
     * (the DNS rebinding defence): `name` (any port) or `name:port`, e.g. the name a reverse
     * proxy or Prometheus uses.
     */
    allowedHosts: z.array(z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, 'expected a host name, IP address or [IPv6], optionally with :port')).default([]),
  }).default({ allowedHosts: [] }),
  retention: z.strictObject({
    /** Transitions older than this many days are deleted (daily, and at start); 400 covers an annual report. */
    days: z.number().int().min(1).max(3650).default(400),
    /** The state file never grows past this: writes then fail loudly (/readyz 503) instead of filling the disk. */
    maxStateFileMB: z.number().int().min(1).max(1_048_576).optional(),
  }).default({ days: 400 }),
  /** The hazard ledger (隐患排查治理台账): its own SQLite file, separate from the polling state. */
  ledger: z.strictObject({
    /** The ledger's SQLite file, beside the state file unless absolute (the configuration may be read-only). */
    file: z.string().min(1).default('ledger.db'),
    /** The Ed25519 key that signs audit checkpoints (generated on first start, fingerprint printed), beside the ledger file unless absolute. */
    signingKeyFile: z.string().min(1).default('ledger-signing.key'),
    /** A signed checkpoint after this many new audit records (and at shutdown). */
    checkpointEvery: z.number().int().min(1).max(1_000_000).default(1000),
    /** The largest evidence file a hazard accepts, in KiB. */
    maxAttachmentKB: z.number().int().min(1).max(10_240).default(512),
  }).default({ file: 'ledger.db', signingKeyFile: 'ledger-signing.key', checkpointEvery: 1000, maxAttachmentKB: 512 }),
  /**
   * Where the hazard ledger, its audit chain and checkpoints, and the alert outbox live: absent,
   * the embedded SQLite ledger file (settings.ledger.file); `postgres`, a PostgreSQL database
   * shared by several redline processes (docs/scale-out.md). Read at start.
   */
  store: z.strictObject({
    postgres: z.strictObject({
      /** postgres://user:password@host:5432/database — a secret, so { env } or { file }, never inline. */
      url: secretRef,
      /** The schema the tables live in (created if missing); default: the server's search_path. */
      schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a schema name: lower-case letters, digits and _ (at most 63)').optional(),
      /** Connections the daemon's pool opens at most (the analysis worker opens two more). */
      poolSize: z.number().int().min(1).max(200).optional(),
    }).optional(),
  }).default({}),
  /**
   * Accounts: bearer tokens and the console's session (docs/operations.md). Tokens made by
   * `redline token create` live hashed in the ledger file; tokens declared here suit automation
   * (Prometheus, scripts). A trusted reverse-proxy header (single sign-on) will be one more key
   * here (`trustProxyHeader`) read by one more resolver in src/auth/principals.ts; not yet.
   */
  auth: z.strictObject({
    /** Off only on a loopback listen address: redline refuses to listen elsewhere without authentication. */
    enabled: z.boolean().default(true),
    /** Whether `/metrics` needs a token too (Prometheus then sends one: `authorization` in its scrape config). Read at start. */
    metricsRequireToken: z.boolean().default(false),
    /** How long a console login lasts, in hours. */
    sessionHours: z.number().min(0.25).max(720).default(12),
    /** The console is served over https (directly or by a proxy): the session cookie is marked Secure. */
    secureCookies: z.boolean().default(false),
    /**
     * Tokens declared in the configuration: name, role and the token as a secret reference
     * ({ env } or { file }), at least 24 characters and not well known. Only the demo
     * configuration writes them inline (`redline demo` admits its documented demo-* tokens).
     */
    tokens: z.array(z.strictObject({
      name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'expected a token name: letters, digits, . _ @ - (max 64)'),
      role: z.enum(ROLES),
      token: z.union([secretRef, z.string().min(1)], { error: 'a token must be { env: NAME } or { file: PATH }' }),
    })).default([]),
  }).default({ enabled: true, metricsRequireToken: false, sessionHours: 12, secureCookies: false, tokens: [] }),
  /**
   * The SNMP trap and inform receiver (docs/operations.md, "Traps"). A trap is accepted only from a
   * configured device's `snmp.host` address with that device's own credentials (v1/v2c community,
   * or v3 user and keys); it triggers an immediate re-poll of the device and an early analysis pass.
   * Read at start: changing `listen` or `enabled` needs a restart; credentials follow reloads.
   */
  traps: z.strictObject({
    enabled: z.boolean().default(false),
    /** UDP address to receive on (`host:port`; 162 is the standard port and needs privileges). */
    listen: z.string().regex(/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'expected host:port').default('127.0.0.1:10162'),
    /** At most one trap-triggered re-poll of a device per this many seconds (a trap storm costs one poll). */
    minRepollSeconds: z.number().int().min(1).max(3600).default(10),
  }).default({ enabled: false, listen: '127.0.0.1:10162', minRepollSeconds: 10 }),
  /** Directories of operator-written YAML profiles (relative to the config directory unless absolute). */
  profileDirs: z.array(z.string().min(1)).default([]),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:MM (24-hour)');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const receiverName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a receiver name: letters, digits, . _ - (max 64)');
/** Local date-time in the operator's zone, no offset: `2026-10-01T02:00`. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'expected a local date and time YYYY-MM-DDTHH:MM (operator\'s zone, no offset)');
const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** What a route or a window matches: every listed key must match (any of its values); an empty matcher matches all. */
const alertMatcher = z.strictObject({
  site: z.array(z.string().min(1)).optional(),
  class: z.array(z.enum(PROTECTION_CLASSES)).optional(),
  colour: z.array(z.enum(['blue', 'yellow', 'orange', 'red'])).optional(),
  rule: z.array(z.string().min(1)).optional(),
  measure: z.array(z.enum(['multipleNodes', 'multipleRoutes', 'loadSharing', 'automaticSwitchover', 'redundantConfiguration', 'multiplePower'])).optional(),
  kind: z.array(z.enum(['redundancyLost', 'serviceDown', 'meta'])).optional(),
  device: z.array(z.string().min(1)).optional(),
});

/** One node of the routing tree (Alertmanager's shape; durations in seconds). */
export interface AlertRouteConfig {
  readonly match?: z.infer<typeof alertMatcher> | undefined;
  readonly receivers?: readonly string[] | undefined;
  readonly roster?: string | undefined;
  readonly groupBy?: readonly string[] | undefined;
  readonly groupWaitSeconds?: number | undefined;
  readonly groupIntervalSeconds?: number | undefined;
  readonly repeatIntervalSeconds?: number | undefined;
  readonly sendResolved?: boolean | undefined;
  readonly continue?: boolean | undefined;
  readonly routes?: readonly AlertRouteConfig[] | undefined;
}
const alertRoute: z.ZodType<AlertRouteConfig> = z.lazy(() => z.strictObject({
  match: alertMatcher.optional(),
  /** Receivers by name; or `roster` (the duty roster's receivers now). */
  receivers: z.array(receiverName).min(1).optional(),
  roster: z.string().min(1).optional(),
  groupBy: z.array(z.string().min(1)).optional(),
  groupWaitSeconds: z.number().min(0).max(3600).optional(),
  groupIntervalSeconds: z.number().min(1).max(86_400).optional(),
  repeatIntervalSeconds: z.number().min(60).max(7 * 86_400).optional(),
  sendResolved: z.boolean().optional(),
  continue: z.boolean().optional(),
  routes: z.array(alertRoute).optional(),
}));

const rosterSlot = z.strictObject({
  days: z.array(weekday).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  /** Local start (inclusive) and end (exclusive); `to` before `from` runs past midnight. */
  from: hhmm.default('00:00'),
  to: hhmm.default('00:00'),
  /** Tier 0 first; later tiers are who escalation pages next. */
  tiers: z.array(z.array(receiverName).min(1)).min(1),
});

const windowSchedule = z.discriminatedUnion('every', [
  z.strictObject({ every: z.literal('once'), start: localDateTime, end: localDateTime }),
  z.strictObject({ every: z.literal('daily'), at: hhmm, durationMinutes: z.number().int().min(1).max(24 * 60), from: localDay.optional(), until: localDay.optional() }),
  z.strictObject({ every: z.literal('weekly'), days: z.array(weekday).min(1), at: hhmm, durationMinutes: z.number().int().min(1).max(7 * 24 * 60), from: localDay.optional(), until: localDay.optional() }),
]);

/** One maintenance window (维护窗口): in the configuration, or booked at run time through the API (docs/alerting.md). */
export const maintenanceWindowSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'expected an id: letters, digits, . _ : - (max 128)'),
  /** mute: alerts are raised but not sent; skip: alerts are not raised at all. */
  mode: z.enum(['mute', 'skip']).default('mute'),
  /** Which alerts it holds; `riskGroup` adds shared risks (`duct:D-7`, `room:sh-core/core-a`, `power:pdu-a`): alerts of devices in them. */
  scope: alertMatcher.extend({
    riskGroup: z.array(z.string().regex(/^[A-Za-z]+:\S+$/, 'expected a risk group <kind>:<id>, e.g. duct:D-7')).optional(),
  }),
  schedule: windowSchedule,
  reason: z.string().optional(),
  /** The approved operation plan (割接方案) this work follows; required in effect for PC-CORE (else a meta alert). */
  operationPlanRef: z.string().min(1).optional(),
});

const alertingSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Console base URL for links to hazards in messages (`https://redline.example/`). */
  consoleUrl: z.url().optional(),
  /**
   * Receivers: a name, a type (webhook, alertmanager, dingtalk, wecom, email, slack) and their
   * secrets as references. `options` is checked by the delivery side's schemas per type, not here.
   */
  receivers: z.array(z.strictObject({
    name: receiverName,
    type: z.string().min(1),
    secrets: z.record(z.string(), secretRef).default({}),
    options: z.record(z.string(), z.unknown()).default({}),
  })).default([]),
  route: alertRoute.optional(),
  rosters: z.array(z.strictObject({
    name: z.string().min(1),
    slots: z.array(rosterSlot).min(1),
    /** The roster in a special period (by period kind or id), before the ordinary slots. */
    specialPeriods: z.array(z.strictObject({
      kinds: z.array(z.enum(['holiday', 'majorEvent', 'disasterSeason', 'other'])).optional(),
      ids: z.array(z.string().min(1)).optional(),
      slots: z.array(rosterSlot).min(1),
    })).default([]),
  })).default([]),
  escalation: z.strictObject({
    /** Colours that escalate when nobody acknowledges; incidents (service down) always do. */
    colours: z.array(z.enum(['blue', 'yellow', 'orange', 'red'])).default(['red', 'orange']),
    /** Minutes unacknowledged before each next tier is paged. */
    afterMinutes: z.number().min(1).max(24 * 60).default(15),
    /** Tiers when the route names receivers (a roster brings its own): tier 1, tier 2 … */
    tiers: z.array(z.array(receiverName).min(1)).default([]),
  }).default({ colours: ['red', 'orange'], afterMinutes: 15, tiers: [] }),
  windows: z.array(maintenanceWindowSchema).default([]),
  flap: z.strictObject({
    /** State changes that make a subject flapping … */
    changes: z.number().int().min(2).max(100).default(4),
    /** … within this many minutes. */
    withinMinutes: z.number().min(1).max(24 * 60).default(30),
    /** Flapping ends after this many minutes without a change. */
    settleMinutes: z.number().min(1).max(24 * 60).default(30),
  }).default({ changes: 4, withinMinutes: 30, settleMinutes: 30 }),
  /** The dead-man's heartbeat (docs/alerting-delivery.md): a RedlineHeartbeat notification to these receivers every `everyMinutes`. */
  heartbeat: z.strictObject({
    everyMinutes: z.number().min(1).max(24 * 60),
    receivers: z.array(receiverName).min(1),
  }).optional(),
  /**
   * Signed acknowledgement links in notifications (docs/alerting.md): `<consoleUrl>/ack/<hazard>?…`,
   * valid `ttlHours`, signed with HMAC-SHA256 by `key` (a secret reference), or by a key file beside
   * the ledger (`keyFile`, created on first start, mode 0600). Without `consoleUrl` no link is sent.
   */
  ackLinks: z.strictObject({
    enabled: z.boolean().default(true),
    ttlHours: z.number().min(1).max(30 * 24).default(72),
    key: secretRef.optional(),
    keyFile: z.string().min(1).default('alerting-ack.key'),
  }).default({ enabled: true, ttlHours: 72, keyFile: 'alerting-ack.key' }),
  /** How the outbox is delivered (docs/alerting-delivery.md); every key optional, the defaults are the dispatcher's. */
  delivery: z.strictObject({
    /** One attempt's limit (s); past it the attempt is a retryable timeout. Default 10. */
    timeoutSeconds: z.number().min(0.1).max(120).optional(),
    /** Deliveries in flight at once per receiver. Default 4. */
    concurrencyPerReceiver: z.number().int().min(1).max(256).optional(),
    /** Ceiling of the first retry's wait (s), doubling per failure (full jitter). Default 1. */
    retryBaseSeconds: z.number().min(0.01).max(3600).optional(),
    /** No retry waits longer than this (s). Default 300. */
    retryMaxSeconds: z.number().min(0.01).max(86_400).optional(),
    /** How long a claimed row is held; a row of a crashed redline is delivered again after it (s). Must exceed timeoutSeconds. Default 60. */
    leaseSeconds: z.number().min(1).max(3600).optional(),
  }).optional(),
  nilReport: z.strictObject({
    /** Local time of the daily nil report (零报告). */
    at: hhmm,
    /** Sent only while a special period is in force (default), or every day. */
    onlyInSpecialPeriods: z.boolean().default(true),
    roster: z.string().min(1).optional(),
    receivers: z.array(receiverName).min(1).optional(),
  }).optional(),
}).superRefine((a, ctx) => {
  const names = new Set<string>();
  a.receivers.forEach((r, i) => {
    if (names.has(r.name)) ctx.addIssue({ code: 'custom', path: ['receivers', i, 'name'], message: `receiver "${r.name}" is declared twice` });
    names.add(r.name);
  });
  const rosters = new Set(a.rosters.map((r) => r.name));
  const known = (list: readonly string[] | undefined, path: (string | number)[]): void => {
    (list ?? []).forEach((n, i) => {
      if (!names.has(n)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown receiver "${n}" (declare it under alerting.receivers)` });
    });
  };
  const walk = (r: AlertRouteConfig, path: (string | number)[]): void => {
    known(r.receivers, [...path, 'receivers']);
    if (r.roster !== undefined && !rosters.has(r.roster)) ctx.addIssue({ code: 'custom', path: [...path, 'roster'], message: `unknown roster "${r.roster}"` });
    if (r.receivers !== undefined && r.roster !== undefined) ctx.addIssue({ code: 'custom', path, message: 'a route names receivers or a roster, not both' });
    for (const [i, c] of (r.routes ?? []).entries()) walk(c, [...path, 'routes', i]);
  };
  if (a.route !== undefined) {
    walk(a.route, ['route']);
    if (a.route.receivers === undefined && a.route.roster === undefined) ctx.addIssue({ code: 'custom', path: ['route'], message: 'the root route needs receivers or a roster (where unmatched alerts go)' });
  }
  for (const [i, r] of a.rosters.entries()) {
    for (const [j, slot] of r.slots.entries()) for (const [k, t] of slot.tiers.entries()) known(t, ['rosters', i, 'slots', j, 'tiers', k]);
    for (const [j, p] of r.specialPeriods.entries()) {
      for (const [k, slot] of p.slots.entries()) for (const [l, t] of slot.tiers.entries()) known(t, ['rosters', i, 'specialPeriods', j, 'slots', k, 'tiers', l]);
    }
  }
  for (const [i, t] of a.escalation.tiers.entries()) known(t, ['escalation', 'tiers', i]);
  if (a.heartbeat !== undefined) known(a.heartbeat.receivers, ['heartbeat', 'receivers']);
  const d = a.delivery;
  if (d !== undefined && (d.leaseSeconds ?? 60) <= (d.timeoutSeconds ?? 10)) ctx.addIssue({ code: 'custom', path: ['delivery', 'leaseSeconds'], message: 'the lease must exceed the delivery timeout, or a slow delivery would be claimed twice' });
  if (d !== undefined && (d.retryMaxSeconds ?? 300) < (d.retryBaseSeconds ?? 1)) ctx.addIssue({ code: 'custom', path: ['delivery', 'retryMaxSeconds'], message: 'the longest retry wait must be at least the first one (retryBaseSeconds)' });
  if (a.nilReport !== undefined) {
    known(a.nilReport.receivers, ['nilReport', 'receivers']);
    if (a.nilReport.roster !== undefined && !rosters.has(a.nilReport.roster)) ctx.addIssue({ code: 'custom', path: ['nilReport', 'roster'], message: `unknown roster "${a.nilReport.roster}"` });
    if (a.nilReport.roster === undefined && a.nilReport.receivers === undefined) ctx.addIssue({ code: 'custom', path: ['nilReport'], message: 'the nil report needs a roster or receivers' });
  }
  const ids = new Set<string>();
  a.windows.forEach((w, i) => {
    if (ids.has(w.id)) ctx.addIssue({ code: 'custom', path: ['windows', i, 'id'], message: `window "${w.id}" is declared twice` });
    ids.add(w.id);
    const s = w.schedule;
    if (s.every === 'once' && s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['windows', i, 'schedule', 'end'], message: 'a window ends after it starts' });
  });
});

/** A day of the year, `MM-DD` (a deadline of the summaries). */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a day of the year MM-DD, e.g. 06-15');

/**
 * The half-year and annual safety summaries on a schedule (docs/reports.md, 三、（三）): before each
 * deadline of a year (the notice is reissued yearly; 2023's were 15 June and 15 December) the admins
 * are reminded, and at the deadline (less `leadDays`) the summary is made, signed into `dir` and the
 * recipients are told. A deadline on or before 30 June is the half-year summary (YYYY-H1), a later
 * one the annual (YYYY). Recipients and admins are alerting receivers by name (an email receiver
 * sends to its addresses), told through the outbox.
 */
const summariesSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Where signed summaries are written, beside the ledger file unless absolute. */
  dir: z.string().min(1).default('reports'),
  /** The deadlines of a year with none of its own under `years`. */
  deadlines: z.array(monthDay).min(1).max(4).default(['06-15', '12-15']),
  /** Per year: its own deadlines, recipients and admins (the notice of the year says). */
  years: z.record(z.string().regex(/^\d{4}$/, 'expected a year YYYY'), z.strictObject({
    deadlines: z.array(monthDay).min(1).max(4),
    recipients: z.array(receiverName).optional(),
    admins: z.array(receiverName).optional(),
  })).default({}),
  /** Local time (operator's zone) on the day the summary is made and the reminder sent. */
  at: hhmm.default('09:00'),
  /** Make the summary this many days before the deadline (0: on the day). */
  leadDays: z.number().int().min(0).max(60).default(0),
  /** Remind the admins this many days before each deadline (0: no reminder). */
  reminderDays: z.number().int().min(0).max(60).default(7),
  formats: z.array(z.enum(['html', 'pdf', 'csv', 'xlsx', 'json'])).min(1).default(['html', 'csv', 'xlsx', 'json']),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
  /** Receivers told when a summary is made. */
  recipients: z.array(receiverName).default([]),
  /** Receivers reminded before each deadline. */
  admins: z.array(receiverName).default([]),
});

/** The scheduled safety summaries. */
export type SummariesConfig = z.infer<typeof summariesSchema>;
/** The summaries with nothing configured: made at 15 June and 15 December, nobody told. */
export const DEFAULT_SUMMARIES: SummariesConfig = summariesSchema.parse({});

/** On-call alerting (docs/alerting.md): receivers, the routing tree, rosters, escalation, windows, flap damping, the nil report. */
export type AlertingConfig = z.infer<typeof alertingSchema>;
/** One maintenance window as configured. */
export type MaintenanceWindowConfig = AlertingConfig['windows'][number];
/** One duty roster (值班表) as configured. */
export type RosterConfig = AlertingConfig['rosters'][number];
/** The alerting section with nothing configured (no receivers: nothing is sent). */
export const DEFAULT_ALERTING: AlertingConfig = alertingSchema.parse({});

/** The whole configuration file. */
export const configSchema = z.strictObject({
  version: z.literal(1),
  settings: settingsSchema.default(settingsSchema.parse({})),
  credentials: z.record(id, credentialSchema).default({}),
  sites: z.array(siteSchema).default([]),
  devices: z.array(deviceSchema).default([]),
  links: z.array(linkSchema).default([]),
  power: z.array(powerNodeSchema).default([]),
  services: z.array(serviceSchema).default([]),
  health: z.array(healthSchema).default([]),
  alerting: alertingSchema.default(DEFAULT_ALERTING),
  summaries: summariesSchema.default(DEFAULT_SUMMARIES),
}).superRefine((c, ctx) => {
  // the summaries' recipients and admins are alerting receivers
  const names = new Set(c.alerting.receivers.map((r) => r.name));
  const lists: [readonly string[] | undefined, (string | number)[]][] = [[c.summaries.recipients, ['summaries', 'recipients']], [c.summaries.admins, ['summaries', 'admins']]];
  for (const [year, y] of Object.entries(c.summaries.years)) lists.push([y.recipients, ['summaries', 'years', year, 'recipients']], [y.admins, ['summaries', 'years', year, 'admins']]);
  for (const [list, path] of lists) {
    (list ?? []).forEach((n, i) => {
      if (!names.has(n)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown receiver "${n}" (declare it under alerting.receivers)` });
    });
  }
});

export type RedlineConfig = z.infer<typeof configSchema>;
export type SiteConfig = z.infer<typeof siteSchema>;
export type DeviceConfig = z.infer<typeof deviceSchema>;
export type LinkConfig = z.infer<typeof linkSchema>;
export type PowerNodeConfig = z.infer<typeof powerNodeSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type HealthConfig = z.infer<typeof healthSchema>;
export type Settings = z.infer<typeof settingsSchema>;
