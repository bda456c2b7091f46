/**
 * The cluster's tables on PostgreSQL (component `cluster`, versioned like the other stores):
 * members and their heartbeats, one lease row per device, the poll results pollers publish and
 * the analysts' cursors over them. Every time the protocol judges (heartbeats, lease expiry) is
 * PostgreSQL's own clock (`PG_NOW_MS`), never a process's, so pollers on hosts whose clocks
 * disagree still agree on who holds what.
 */
import type pg from 'pg';
import { migratePg } from '../store/postgres/pool.js';

/** The component name in `schema_migrations`. */
export const CLUSTER_COMPONENT = 'cluster';

/** PostgreSQL's clock in ms since the epoch (clock_timestamp: the moment of the statement, not of the transaction). */
export const PG_NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

/** Append, never edit. */
export const CLUSTER_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE cluster_member (
    member_id  TEXT COLLATE "C" PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('poller', 'analyst')),
    started_at BIGINT NOT NULL,
    alive_until BIGINT NOT NULL
  );
  CREATE TABLE device_lease (
    device_id  TEXT COLLATE "C" PRIMARY KEY,
    owner      TEXT COLLATE "C",
    expires_at BIGINT NOT NULL DEFAULT 0,
    epoch      BIGINT NOT NULL DEFAULT 0
  );
  CREATE INDEX device_lease_owner ON device_lease (owner);
  CREATE TABLE poll_result (
    seq         BIGSERIAL PRIMARY KEY,
    poller      TEXT COLLATE "C" NOT NULL,
    device_id   TEXT COLLATE "C" NOT NULL,
    epoch       BIGINT NOT NULL,
    started_at  BIGINT NOT NULL,
    ended_at    BIGINT NOT NULL,
    answered    BOOLEAN NOT NULL,
    observation TEXT NOT NULL,
    written_at  BIGINT NOT NULL
  );
  CREATE INDEX poll_result_device ON poll_result (device_id, started_at);
  CREATE TABLE analyst_cursor (
    member_id  TEXT COLLATE "C" PRIMARY KEY,
    applied    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  `,
];

/** Creates or upgrades the cluster's tables (idempotent; safe when several processes start together). */
export async function migrateCluster(pool: pg.Pool): Promise<void> {
  await migratePg(pool, CLUSTER_COMPONENT, CLUSTER_MIGRATIONS);
}
