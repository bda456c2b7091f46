/**
 * The outbox on PostgreSQL: the `alert_outbox` table (component `alerting`, the same versions as
 * SQLite's: outbox, engine state, bookings), `enqueuePg` for a caller's own transaction (a state
 * change and the notification it causes commit together or not at all), and `openPgOutbox`, the
 * OutboxStore on a pool. A claim takes due rows with FOR UPDATE SKIP LOCKED, so dispatchers in
 * several processes never claim the same row within a lease.
 */
import type pg from 'pg';
import { inPgTransaction, migratePg, type PgTx } from '../store/postgres/pool.js';
import { OUTBOX_STATES, type OutboxEntry, type OutboxState, type OutboxStore } from './outbox.js';
import { ALERTING_COMPONENT } from './outbox-sqlite.js';
import type { BookingKinds, Bookings } from './bookings.js';
import type { Notification } from './types.js';

/** Alerting's schema on PostgreSQL; append, never edit (keep the versions in step with ALERTING_MIGRATIONS). */
export const PG_ALERTING_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE alert_outbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id  TEXT COLLATE "C" NOT NULL UNIQUE,
    receiver     TEXT COLLATE "C" NOT NULL,
    notification TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'inflight', 'delivered', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    due_at       BIGINT NOT NULL,
    lease_until  BIGINT,
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT,
    last_error   TEXT
  );
  CREATE INDEX alert_outbox_due ON alert_outbox (state, receiver, due_at);
  `,
  `
  CREATE TABLE alert_engine_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    state      TEXT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  `,
  `
  CREATE TABLE alert_booking (
    id             TEXT COLLATE "C" PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('window', 'silence', 'rosterOverride')),
    version        INTEGER NOT NULL,
    created_at     BIGINT NOT NULL,
    standing_until BIGINT,
    json           TEXT NOT NULL
  );
  CREATE INDEX alert_booking_by_kind ON alert_booking (kind, created_at);
  CREATE INDEX alert_booking_standing ON alert_booking (kind, standing_until);
  CREATE TABLE alert_ack_used (
    nonce     TEXT PRIMARY KEY,
    hazard_id TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        BIGINT NOT NULL
  );
  `,
];

/** Inserts notifications inside the caller's transaction; a delivery id already there is skipped. Returns how many were new. */
export async function enqueuePg(tx: PgTx | pg.Pool, notifications: readonly Notification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const r = await tx.query(`INSERT INTO alert_outbox (delivery_id, receiver, notification, state, due_at, created_at)
    SELECT d, r, n, 'pending', a, a FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS x(d, r, n, a, o) ORDER BY o
    ON CONFLICT (delivery_id) DO NOTHING`, [
    notifications.map((n) => n.deliveryId), notifications.map((n) => n.receiver), notifications.map((n) => JSON.stringify(n)), notifications.map((n) => n.at),
  ]);
  return r.rowCount ?? 0;
}

const DUE = "((state = 'pending' AND due_at <= $1) OR (state = 'inflight' AND lease_until <= $1))";

/** The OutboxStore on `pool`; migrates the alerting schema. */
export async function openPgOutbox(pool: pg.Pool): Promise<OutboxStore> {
  await migratePg(pool, ALERTING_COMPONENT, PG_ALERTING_MIGRATIONS);
  return {
    enqueue: (notifications) => enqueuePg(pool, notifications),
    receiversDue: async (now) => (await pool.query<{ receiver: string }>(`SELECT DISTINCT receiver FROM alert_outbox WHERE ${DUE} ORDER BY receiver`, [now])).rows.map((r) => r.receiver),
    claim: (receiver, now, limit, leaseMs) => inPgTransaction(pool, null, async (tx) => {
      const { rows } = await tx.query<{ id: number; notification: string; attempts: number; due_at: number }>(`UPDATE alert_outbox SET state = 'inflight', lease_until = $4
        WHERE id IN (SELECT id FROM alert_outbox WHERE receiver = $2 AND ${DUE} ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, notification, attempts, due_at`, [now, receiver, limit, now + leaseMs]);
      rows.sort((a, b) => a.due_at - b.due_at || a.id - b.id);
      return rows.map((r): OutboxEntry => ({ id: r.id, attempts: r.attempts, notification: JSON.parse(r.notification) as Notification }));
    }),
    settle: async (outcomes) => {
      if (outcomes.length === 0) return;
      await inPgTransaction(pool, null, async (tx) => {
        for (const o of outcomes) {
          if (o.kind === 'delivered') {
            await tx.query("UPDATE alert_outbox SET state = 'delivered', finished_at = $1, attempts = attempts + 1, lease_until = NULL WHERE id = $2 AND state <> 'delivered'", [o.at, o.id]);
          } else if (o.kind === 'retry') {
            await tx.query("UPDATE alert_outbox SET state = 'pending', due_at = $1, attempts = attempts + 1, lease_until = NULL, last_error = $2 WHERE id = $3 AND state = 'inflight'", [o.dueAt, o.error, o.id]);
          } else {
            const r = await tx.query("UPDATE alert_outbox SET state = 'dead', finished_at = $1, attempts = attempts + 1, lease_until = NULL, last_error = $2 WHERE id = $3 AND state = 'inflight'", [o.at, o.error, o.id]);
            // only the claim that still holds the row marks it dead and raises the meta alert, once
            if (r.rowCount === 1) await enqueuePg(tx, o.meta);
          }
        }
      });
    },
    counts: async () => {
      const out = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
      for (const r of (await pool.query<{ state: OutboxState; n: number }>('SELECT state, COUNT(*)::int AS n FROM alert_outbox GROUP BY state')).rows) out[r.state] = r.n;
      return out;
    },
    pruneDelivered: async (before) => (await pool.query("DELETE FROM alert_outbox WHERE state = 'delivered' AND finished_at < $1", [before])).rowCount ?? 0,
  };
}

/**
 * The bookings standing at `now`, as the engine's step reads them inside its transaction (the
 * same rows and order as readBookingsSync on SQLite: `alert_booking`, oldest first).
 */
export async function readBookingsPg(tx: PgTx | pg.Pool, now: number): Promise<Bookings> {
  const { rows } = await tx.query<{ kind: keyof BookingKinds; json: string }>(
    'SELECT kind, json FROM alert_booking WHERE standing_until IS NULL OR standing_until > $1 ORDER BY created_at, id', [now]);
  const of = <K extends keyof BookingKinds>(kind: K): BookingKinds[K][] => rows.filter((r) => r.kind === kind).map((r) => JSON.parse(r.json) as BookingKinds[K]);
  return { windows: of('window'), silences: of('silence'), overrides: of('rosterOverride') };
}
