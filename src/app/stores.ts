/**
 * The daemon's stores, opened in one place from the settings: the hazard ledger (with its audit
 * chain and signed checkpoints), the alert outbox, the accounts, the alert bookings and the
 * records, and what the analysis worker's hooks open on their own connections. On SQLite (the
 * embedded default) every one of them lives in the ledger file, exactly as before. On PostgreSQL
 * (settings.store.postgres) one pool carries them all: the ledger, its checkpoints, the outbox, the
 * accounts, the bookings and the records, whose audit records join the ledger's one chain.
 */
import type pg from 'pg';
import { openSqliteBookingStore } from '../alerting/booking-sqlite.js';
import { openPgBookingStore } from '../alerting/booking-pg.js';
import type { BookingStore } from '../alerting/booking-store.js';
import { openPgOutbox } from '../alerting/outbox-pg.js';
import { openSqliteOutbox } from '../alerting/outbox-sqlite.js';
import type { OutboxStore } from '../alerting/outbox.js';
import { openPgAuthStore } from '../auth/token-store-pg.js';
import { sqliteAuthStore, type AuthStore } from '../auth/token-store.js';
import type { LoadedConfig } from '../config/load.js';
import { sqliteCheckpoints, type CheckpointStore } from '../ledger/checkpoints.js';
import { ledgerPaths } from '../ledger/paths.js';
import { pgCheckpoints } from '../ledger/pg-checkpoints.js';
import { openPgLedgerStore } from '../ledger/pg-store.js';
import type { LedgerStore } from '../ledger/port.js';
import type { LedgerSigningKey } from '../ledger/signing.js';
import { openSqliteLedgerStore, sqliteLedgerOptions } from '../ledger/sqlite-store.js';
import { hazardCounts, hazardCountsPg, type HazardCount } from '../metrics/hazard-counts.js';
import { appearedViaSqlite, type AppearedReader } from '../records/findings-history.js';
import { appearedViaPg, openPgRecordsStore } from '../records/pg-store.js';
import type { RecordsStore } from '../records/port.js';
import { openSqliteRecordsStore } from '../records/sqlite-store.js';
import type { PgConnection } from '../store/postgres/pool.js';

/** What the analysis worker's hooks (ledger, alerting) open: the ledger file, and PostgreSQL when configured. */
export interface HookStores {
  /** The ledger file (absolute): the whole ledger on SQLite; unused on PostgreSQL. */
  readonly ledgerFile: string;
  /** The signing key file (absolute). */
  readonly signingKeyFile: string;
  /** The PostgreSQL connection (a secret: never logged), when the ledger and outbox live there. */
  readonly postgres?: PgConnection;
  /** Where the alert bookings the engine reads live. */
  readonly bookings: 'ledgerFile' | 'postgres';
}

/** The daemon's stores. */
export interface DaemonStores {
  readonly backend: 'sqlite' | 'postgres';
  /** Where the ledger is, for logs: its file, or PostgreSQL's host:port/database (no user, no password). */
  readonly where: string;
  readonly ledger: LedgerStore;
  readonly checkpoints: CheckpointStore;
  /** The hazards by colour and status at `now` (the /metrics gauges). */
  hazardCounts(now: number): readonly HazardCount[] | Promise<readonly HazardCount[]>;
  readonly outbox: OutboxStore;
  readonly auth: AuthStore;
  readonly bookings: BookingStore;
  readonly records: RecordsStore;
  /** The findings that began failing in a window (records' cutover evidence), from the findings history. */
  readonly appeared: AppearedReader;
  readonly hooks: HookStores;
  /** The PostgreSQL pool (null on SQLite), for what is built on the shared store (leases, election). */
  readonly pool: pg.Pool | null;
  /** Signs a last checkpoint of every audit chain the daemon wrote (at shutdown); null when nothing new. */
  finalCheckpoint(key: LedgerSigningKey, at: number): Promise<number | null>;
  close(): Promise<void>;
}

/** What `openDaemonStores` takes. */
export interface DaemonStoresDeps {
  readonly loaded: LoadedConfig;
  /** The state file in use: a relative settings.ledger.file is beside it. */
  readonly stateFile: string;
  /** Overrides settings.ledger.file (tests, the demo's temporary directory). */
  readonly ledgerFile?: string;
}

/** Opens the daemon's stores; throws (LedgerStoreError, ConfigError) when one cannot open, leaving none open. */
export async function openDaemonStores(deps: DaemonStoresDeps): Promise<DaemonStores> {
  const settings = deps.loaded.config.settings;
  const { ledgerFile, signingKeyFile } = ledgerPaths(deps.stateFile, settings.ledger, deps.ledgerFile);
  const pgSettings = deps.loaded.postgres;
  if (pgSettings === undefined) {
    const store = openSqliteLedgerStore(ledgerFile, sqliteLedgerOptions(settings.ledger));
    try {
      const db = store.db;
      const outbox = openSqliteOutbox(db);
      const bookings = openSqliteBookingStore(db);
      const records = openSqliteRecordsStore(db);
      const auth = sqliteAuthStore(db);
      const checkpoints = sqliteCheckpoints(db);
      return {
        backend: 'sqlite', where: ledgerFile, ledger: store, checkpoints,
        hazardCounts: (now) => hazardCounts(db, now),
        outbox, auth, bookings, records, appeared: appearedViaSqlite(db),
        hooks: { ledgerFile, signingKeyFile, bookings: 'ledgerFile' },
        pool: null,
        finalCheckpoint: async (key, at) => (await checkpoints.write(key, at))?.seq ?? null,
        close: () => store.close(),
      };
    } catch (err) {
      await store.close();
      throw err;
    }
  }

  const { url, schema, poolSize } = pgSettings;
  const ledger = await openPgLedgerStore({ url, ...(schema !== undefined ? { schema } : {}), ...(poolSize !== undefined ? { poolSize } : {}), maxAttachmentBytes: settings.ledger.maxAttachmentKB * 1024 });
  const pool = ledger.pool;
  try {
    const outbox = await openPgOutbox(pool);
    const auth = await openPgAuthStore(pool);
    const bookings = await openPgBookingStore(pool);
    const records = await openPgRecordsStore(pool);
    const checkpoints = pgCheckpoints(pool, ledger.where);
    return {
      backend: 'postgres', where: ledger.where, ledger, checkpoints,
      hazardCounts: (now) => hazardCountsPg(pool, now),
      outbox, auth, bookings, records, appeared: appearedViaPg(pool),
      hooks: { ledgerFile, signingKeyFile, postgres: { url, ...(schema !== undefined ? { schema } : {}) }, bookings: 'postgres' },
      pool,
      finalCheckpoint: async (key, at) => (await checkpoints.write(key, at))?.seq ?? null,
      close: () => ledger.close(),
    };
  } catch (err) {
    await ledger.close();
    throw err;
  }
}
