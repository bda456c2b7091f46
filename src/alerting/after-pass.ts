/**
 * Alerting's after-pass hook, run in the analysis worker after every pass (after the ledger's, so
 * the hazards it reads are the pass's): it opens its own connection to the ledger file (or, with
 * settings.store.postgres, to PostgreSQL, where the outbox and the engine's state then live), reads the
 * open hazards (acknowledgement stops re-notification), loads the engine's persisted state, runs
 * the pure `step` on the pass's findings, and writes the new state and the notifications to the
 * outbox in ONE transaction, so a crash never loses a page nor sends one twice. The windows,
 * silences and roster overrides people booked through the API are read in that transaction too. The same step also
 * runs on a timer in the worker (`tickSeconds`) over the latest pass's findings (its time the
 * pass's plus the time elapsed since), for what falls due
 * between passes: group wait, repeat, escalation, windows ending, the nil report. The daemon's
 * dispatcher (src/app/alerting.ts) delivers what the outbox holds.
 */
import { z } from 'zod';
import type { AfterPass, AfterPassHook, JsonValue } from '../analysis/worker/after-pass.js';
import type { Finding } from '../analysis/finding.js';
import { errorMessage } from '../common/errors.js';
import { PROTECTION_CLASSES, type AlertingConfig } from '../config/schema.js';
import { OPEN_STATUSES } from '../ledger/clearance.js';
import { workerPgLedger } from '../ledger/pg-worker.js';
import type { LedgerStore } from '../ledger/port.js';
import { openLedgerDb, type LedgerDb } from '../ledger/sqlite-db.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../ledger/sqlite-store.js';
import { inPgTransaction, pgConnectionSchema } from '../store/postgres/pool.js';
import type { Hazard } from '../ledger/types.js';
import { readBookingsSync } from './booking-sqlite.js';
import type { Bookings } from './bookings.js';
import { EMPTY_ALERTING, step, type AlertingState } from './engine.js';
import { enqueuePg, readBookingsPg } from './outbox-pg.js';
import { enqueueSync, migrateAlerting } from './outbox-sqlite.js';
import type { PeriodInForce } from './periods.js';
import type { WindowDevice } from './windows.js';

const protectionClass = z.enum(PROTECTION_CLASSES);

/** The hook's options, as src/app/alerting.ts writes them into the analysis setup. */
const optionsSchema = z.strictObject({
  /** The ledger file (absolute): the hazards, the outbox and the engine's state live there. */
  ledgerFile: z.string().min(1),
  /** The outbox, the engine's state and the hazards on PostgreSQL instead (settings.store.postgres; a secret, never logged). */
  postgres: pgConnectionSchema.optional(),
  /** Where the bookings people made live, on PostgreSQL: the ledger file (until the booking store moves) or PostgreSQL. */
  bookings: z.enum(['ledgerFile', 'postgres']).optional(),
  /** The `alerting:` section in force (validated at config load). */
  alerting: z.record(z.string(), z.unknown()),
  /** settings.timeZone */
  timeZone: z.string().min(1),
  /** Each device's groups of redundant parents (inventory-graph `inhibitionParents`), devices without parents left out. */
  parents: z.record(z.string(), z.array(z.array(z.string()))),
  devices: z.array(z.strictObject({ id: z.string(), site: z.string(), class: protectionClass, riskGroups: z.array(z.string()).optional() })),
  /** The policy calendar's periods declared in force, with their bounds; those covering `now` apply. */
  periods: z.array(z.strictObject({ id: z.string(), kind: z.enum(['holiday', 'majorEvent', 'disasterSeason', 'other']), name: z.string(), startMs: z.number(), endMs: z.number() })),
  /** How often the step also runs between passes (s). */
  tickSeconds: z.number().min(1),
});

/** The hook's options. */
export type AlertingHookOptions = z.output<typeof optionsSchema>;

/** What one step did, as the daemon is told after each pass. */
export interface AlertingStepResult {
  /** The wall time the step and its transaction took in the worker (ms). */
  readonly ms: number;
  /** Alerts raised now (after windows' skip), and of them not silenced. */
  readonly alerts: number;
  readonly inhibited: number;
  readonly silenced: number;
  /** Notifications put in the outbox by this step (new delivery ids only). */
  readonly enqueued: number;
  /** Steps on the timer since the previous pass, and the last error of one (null: none failed). */
  readonly ticks: number;
  readonly tickError: string | null;
}

interface StateRow { state: string }

/** Reads the persisted engine state; a fresh start when there is none. */
function loadState(store: SqliteLedgerStore): AlertingState {
  const row = store.db.prepare('SELECT state FROM alert_engine_state WHERE id = 1').get() as StateRow | undefined;
  return row === undefined ? EMPTY_ALERTING : JSON.parse(row.state) as AlertingState;
}

/** Every hazard not closed (paged, since the store's answers are). */
async function openHazards(store: Pick<LedgerStore, 'hazards'>, now: number): Promise<Hazard[]> {
  const out: Hazard[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.hazards({ status: [...OPEN_STATUSES], now, limit: 1000, offset });
    out.push(...page.items);
    if (page.items.length < 1000) return out;
  }
}

// one ticker per worker: a new setup's hook replaces the previous one's timer
let ticker: NodeJS.Timeout | null = null;

/** Builds the hook (the worker calls this once per setup whose options changed). */
export function createAfterPass(raw: JsonValue): AfterPassHook {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`alerting after-pass hook: bad options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const opts = parsed.data;
  const config = opts.alerting as unknown as AlertingConfig;
  const devices: WindowDevice[] = opts.devices.map((d) => ({ id: d.id, site: d.site, class: d.class, ...(d.riskGroups === undefined ? {} : { riskGroups: d.riskGroups }) }));
  const parentsOf = (id: string): readonly (readonly string[])[] => opts.parents[id] ?? [];
  const periodsAt = (now: number): PeriodInForce[] => opts.periods.filter((p) => now >= p.startMs && now <= p.endMs).map(({ id, kind, name }) => ({ id, kind, name }));

  let store: SqliteLedgerStore | null = null;
  // the latest pass: its findings, its time, and the worker's clock when it arrived — a tick's time
  // is the pass's plus what elapsed since, so a daemon on an injected clock steps on that clock
  let latest: { readonly findings: readonly Finding[]; readonly at: number; readonly arrived: number } | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let ticks = 0;
  let tickError: string | null = null;

  // on PostgreSQL: the bookings' file while they still live there (opened on first use)
  let bookingsDb: LedgerDb | null = null;
  const pgConn = opts.postgres;
  const runStepPg = async (findings: readonly Finding[], now: number, conn: NonNullable<typeof pgConn>): Promise<Omit<AlertingStepResult, 'ticks' | 'tickError'>> => {
    const started = performance.now();
    const ledger = await workerPgLedger(conn);
    const hazards = await openHazards(ledger, now);
    let bookedInFile: Bookings | null = null;
    if (opts.bookings !== 'postgres') {
      if (bookingsDb === null) {
        bookingsDb = openLedgerDb(opts.ledgerFile);
        migrateAlerting(bookingsDb);
      }
      bookedInFile = readBookingsSync(bookingsDb, now);
    }
    // one writer of the engine's state at a time, whichever process steps it
    const result = await inPgTransaction(ledger.pool, 'redline.alerting', async (tx) => {
      const booked = bookedInFile ?? await readBookingsPg(tx, now);
      const row = (await tx.query<StateRow>('SELECT state FROM alert_engine_state WHERE id = 1')).rows[0];
      const prior = row === undefined ? EMPTY_ALERTING : JSON.parse(row.state) as AlertingState;
      const r = step(prior, { findings, hazards, parentsOf, devices, periods: periodsAt(now), timeZone: opts.timeZone, booked }, now, config);
      await tx.query('INSERT INTO alert_engine_state (id, state, updated_at) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
        [JSON.stringify(r.state), now]);
      return { r, enqueued: await enqueuePg(tx, r.notifications) };
    });
    return { ms: performance.now() - started, alerts: result.r.alerts.length, inhibited: result.r.inhibited.length, silenced: result.r.silenced.length, enqueued: result.enqueued };
  };

  const runStep = async (findings: readonly Finding[], now: number): Promise<Omit<AlertingStepResult, 'ticks' | 'tickError'>> => {
    if (pgConn !== undefined) return runStepPg(findings, now, pgConn);
    const started = performance.now();
    if (store === null) {
      store = openSqliteLedgerStore(opts.ledgerFile);
      migrateAlerting(store.db);
    }
    const s = store;
    const hazards = await openHazards(s, now);
    const result = s.db.transaction(() => {
      // what people booked through the API counts at once: read at every step, in its transaction
      const booked = readBookingsSync(s.db, now);
      const r = step(loadState(s), { findings, hazards, parentsOf, devices, periods: periodsAt(now), timeZone: opts.timeZone, booked }, now, config);
      s.db.prepare('INSERT INTO alert_engine_state (id, state, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at')
        .run(JSON.stringify(r.state), now);
      return { r, enqueued: enqueueSync(s.db, r.notifications) };
    }).immediate();
    return { ms: performance.now() - started, alerts: result.r.alerts.length, inhibited: result.r.inhibited.length, silenced: result.r.silenced.length, enqueued: result.enqueued };
  };

  // steps one after another: a tick never interleaves with a pass's step
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };

  if (ticker !== null) clearInterval(ticker);
  ticker = setInterval(() => {
    if (latest === null) return; // nothing known until the first pass
    const { findings, at, arrived } = latest;
    serial(() => runStep(findings, at + (performance.now() - arrived))).then(() => { ticks++; }, (err: unknown) => { ticks++; tickError = errorMessage(err); });
  }, opts.tickSeconds * 1000);
  ticker.unref();

  return (pass: AfterPass): Promise<AlertingStepResult> => serial(async () => {
    latest = { findings: pass.findings, at: pass.at, arrived: performance.now() };
    const r = await runStep(pass.findings, pass.at);
    const out = { ...r, ticks, tickError };
    ticks = 0;
    tickError = null;
    return out;
  });
}
