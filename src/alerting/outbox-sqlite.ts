/**
 * The outbox on the ledger's SQLite file: the `alert_outbox` table (component `alerting` in
 * schema_migrations), `enqueueSync` for a caller's own transaction (a hazard change and the
 * notification it causes commit together or not at all), and `openSqliteOutbox`, the
 * OutboxStore on the same connection. Claims run in `immediate` transactions so two dispatchers
 * on one file never claim the same row within a lease.
 */
import type { LedgerDb } from '../ledger/sqlite-db.js';
import { migrate } from '../ledger/sqlite-db.js';
import { OUTBOX_STATES, type OutboxEntry, type OutboxOutcome, type OutboxState, type OutboxStore } from './outbox.js';
import type { Notification } from './types.js';

/** The component name the alerting tables are versioned under. */
export const ALERTING_COMPONENT = 'alerting';

/** Alerting's schema in the ledger file; append, never edit. */
export const ALERTING_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE alert_outbox (
    id           INTEGER PRIMARY KEY,
    delivery_id  TEXT NOT NULL UNIQUE,
    receiver     TEXT NOT NULL,
    notification TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'inflight', 'delivered', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    due_at       INTEGER NOT NULL,
    lease_until  INTEGER,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    last_error   TEXT
  );
  -- the dispatcher's question: what is due now, per receiver
  CREATE INDEX alert_outbox_due ON alert_outbox (state, receiver, due_at);
  `,
  `
  -- the engine's state between steps (src/alerting/after-pass.ts): one row, JSON, written in the
  -- same transaction as the notifications the step enqueued
  CREATE TABLE alert_engine_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    state      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  `
  -- v3: what people book at run time (booking-sqlite.ts): maintenance windows, silences, roster
  -- overrides, one JSON document each; standing_until (the earlier of when it was closed by hand
  -- and when it ends on its own; null: neither yet) lets the engine read only those still standing
  CREATE TABLE alert_booking (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('window', 'silence', 'rosterOverride')),
    version        INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    standing_until INTEGER,
    json           TEXT NOT NULL
  );
  CREATE INDEX alert_booking_by_kind ON alert_booking (kind, created_at);
  CREATE INDEX alert_booking_standing ON alert_booking (kind, standing_until);
  -- acknowledgement links used once (ack-link.ts): a replayed link is refused
  CREATE TABLE alert_ack_used (
    nonce     TEXT PRIMARY KEY,
    hazard_id TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        INTEGER NOT NULL
  );
  `,
];

/** Brings the alerting schema up to date on `db` (idempotent). */
export function migrateAlerting(db: LedgerDb): void {
  migrate(db, ALERTING_COMPONENT, ALERTING_MIGRATIONS);
}

/**
 * Inserts notifications into the outbox inside the caller's transaction (call it within
 * `db.transaction(...)`, after `migrateAlerting`). A delivery id already there is skipped, so
 * re-running the same state change after a crash does not page twice. Returns how many were new.
 */
export function enqueueSync(db: LedgerDb, notifications: readonly Notification[]): number {
  const insert = db.prepare(`INSERT OR IGNORE INTO alert_outbox (delivery_id, receiver, notification, state, due_at, created_at)
    VALUES (?, ?, ?, 'pending', ?, ?)`);
  let added = 0;
  for (const n of notifications) {
    added += insert.run(n.deliveryId, n.receiver, JSON.stringify(n), n.at, n.at).changes;
  }
  return added;
}

interface ClaimRow { id: number; notification: string; attempts: number }

/** The OutboxStore on `db` (the ledger's connection); migrates the alerting schema. */
export function openSqliteOutbox(db: LedgerDb): OutboxStore {
  migrateAlerting(db);
  const dueReceivers = db.prepare(`SELECT DISTINCT receiver FROM alert_outbox
    WHERE (state = 'pending' AND due_at <= @now) OR (state = 'inflight' AND lease_until <= @now)`);
  const selectDue = db.prepare(`SELECT id, notification, attempts FROM alert_outbox
    WHERE receiver = @receiver AND ((state = 'pending' AND due_at <= @now) OR (state = 'inflight' AND lease_until <= @now))
    ORDER BY due_at, id LIMIT @limit`);
  const lease = db.prepare(`UPDATE alert_outbox SET state = 'inflight', lease_until = ? WHERE id = ?`);
  const delivered = db.prepare(`UPDATE alert_outbox SET state = 'delivered', finished_at = ?, attempts = attempts + 1, lease_until = NULL WHERE id = ? AND state <> 'delivered'`);
  const retry = db.prepare(`UPDATE alert_outbox SET state = 'pending', due_at = ?, attempts = attempts + 1, lease_until = NULL, last_error = ? WHERE id = ? AND state = 'inflight'`);
  const dead = db.prepare(`UPDATE alert_outbox SET state = 'dead', finished_at = ?, attempts = attempts + 1, lease_until = NULL, last_error = ? WHERE id = ? AND state = 'inflight'`);
  const countAll = db.prepare('SELECT state, COUNT(*) AS n FROM alert_outbox GROUP BY state');
  const prune = db.prepare(`DELETE FROM alert_outbox WHERE state = 'delivered' AND finished_at < ?`);

  const claimTx = db.transaction((receiver: string, now: number, limit: number, leaseMs: number): OutboxEntry[] => {
    const rows = selectDue.all({ receiver, now, limit }) as ClaimRow[];
    for (const r of rows) lease.run(now + leaseMs, r.id);
    return rows.map((r) => ({ id: r.id, attempts: r.attempts, notification: JSON.parse(r.notification) as Notification }));
  });
  const settleTx = db.transaction((outcomes: readonly OutboxOutcome[]) => {
    for (const o of outcomes) {
      if (o.kind === 'delivered') delivered.run(o.at, o.id);
      else if (o.kind === 'retry') retry.run(o.dueAt, o.error, o.id);
      // only the claim that still holds the row marks it dead and raises the meta alert, once
      else if (dead.run(o.at, o.error, o.id).changes === 1) enqueueSync(db, o.meta);
    }
  });

  return {
    enqueue: (notifications) => settle(() => db.transaction(() => enqueueSync(db, notifications)).immediate()),
    receiversDue: (now) => settle(() => (dueReceivers.all({ now }) as { receiver: string }[]).map((r) => r.receiver)),
    claim: (receiver, now, limit, leaseMs) => settle(() => claimTx.immediate(receiver, now, limit, leaseMs)),
    settle: (outcomes) => settle(() => { if (outcomes.length > 0) settleTx.immediate(outcomes); }),
    counts: () => settle(() => {
      const out = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
      for (const r of countAll.all() as { state: OutboxState; n: number }[]) out[r.state] = r.n;
      return out;
    }),
    pruneDelivered: (before) => settle(() => prune.run(before).changes),
  };
}

/** Runs a synchronous SQLite call as the async port expects: a throw becomes a rejection. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
