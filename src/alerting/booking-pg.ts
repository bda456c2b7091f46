/**
 * The booking store on PostgreSQL, in the ledger's database: the `alert_booking` and
 * `alert_ack_used` tables of the alerting component (version 3, the same as SQLite's; the outbox
 * shares the component), one JSON document per booking beside the columns the engine filters on.
 * Every write runs in one transaction with its audit record under the ledger's write lock, so a
 * booking without its audit record never exists and the chain stays single; a stale version is a
 * LedgerConflictError (the API's 409). `readBookingsPg` is what an engine step reads on PostgreSQL.
 */
import type pg from 'pg';
import { LedgerConflictError, LedgerNotFoundError } from '../ledger/errors.js';
import { openPgAudited } from '../ledger/pg-audited.js';
import { appendPgAudit } from '../ledger/pg-store.js';
import type { PgTx } from '../store/postgres/pool.js';
import { standingUntil } from './booking-sqlite.js';
import type { BookingStore, ReceiverDeliveryHealth } from './booking-store.js';
import type { BookingKind, BookingKinds, Bookings } from './bookings.js';
import { enqueuePg, PG_ALERTING_MIGRATIONS } from './outbox-pg.js';
import { ALERTING_COMPONENT } from './outbox-sqlite.js';

/** The bookings of `kind` standing at `at`, oldest first. */
async function standingPg<K extends BookingKind>(q: pg.Pool | PgTx, kind: K, at: number): Promise<BookingKinds[K][]> {
  const { rows } = await q.query<{ json: string }>(
    'SELECT json FROM alert_booking WHERE kind = $1 AND (standing_until IS NULL OR standing_until > $2) ORDER BY created_at, id', [kind, at]);
  return rows.map((r) => JSON.parse(r.json) as BookingKinds[K]);
}

/** The bookings still standing at `now`, as the engine reads them (after `openPgBookingStore` or `openPgOutbox` migrated). */
export async function readBookingsPg(q: pg.Pool | PgTx, now: number): Promise<Bookings> {
  return { windows: await standingPg(q, 'window', now), silences: await standingPg(q, 'silence', now), overrides: await standingPg(q, 'rosterOverride', now) };
}

/** The stored columns of a booking. */
const columns = (item: BookingKinds[BookingKind], kind: BookingKind): { until: number | null; json: string } =>
  ({ until: standingUntil(kind, item), json: JSON.stringify(item) });

interface HealthRow {
  receiver: string; pending: number; retrying: number; inflight: number; delivered: number; dead: number;
  last_delivered: number | null; last_dead: number | null; last_dead_error: string | null; last_retry_error: string | null;
}

/** The booking store on `pool` (the ledger's); migrates the alerting schema (and the audit trail's). */
export async function openPgBookingStore(pool: pg.Pool): Promise<BookingStore> {
  const db = await openPgAudited(pool, ALERTING_COMPONENT, PG_ALERTING_MIGRATIONS);
  const head = async (tx: PgTx, id: string): Promise<{ kind: string; version: number; json: string } | undefined> =>
    (await tx.query<{ kind: string; version: number; json: string }>('SELECT kind, version, json FROM alert_booking WHERE id = $1', [id])).rows[0];

  return {
    list: (kind, filter = {}) => db.read('listing bookings', async (q) => {
      if (filter.openAt !== undefined) return standingPg(q, kind, filter.openAt);
      const { rows } = await q.query<{ json: string }>('SELECT json FROM alert_booking WHERE kind = $1 ORDER BY created_at, id', [kind]);
      return rows.map((r) => JSON.parse(r.json) as BookingKinds[typeof kind]);
    }),
    get: (kind, id) => db.read('reading a booking', async (q) => {
      const r = (await q.query<{ kind: string; json: string }>('SELECT kind, json FROM alert_booking WHERE id = $1', [id])).rows[0];
      return r === undefined || r.kind !== kind ? null : JSON.parse(r.json) as BookingKinds[typeof kind];
    }),
    create: (kind, item, audit) => db.write('booking', async (tx) => {
      if (await head(tx, item.id) !== undefined) throw new LedgerConflictError(`"${item.id}" is already booked; choose another id`, 0);
      const c = columns(item, kind);
      await tx.query('INSERT INTO alert_booking (id, kind, version, created_at, standing_until, json) VALUES ($1, $2, $3, $4, $5, $6)',
        [item.id, kind, item.version, item.createdAt, c.until, c.json]);
      await appendPgAudit(tx, [audit]);
      return item;
    }),
    update: (kind, id, expectedVersion, change) => db.write('changing a booking', async (tx) => {
      const r = await head(tx, id);
      if (r === undefined || r.kind !== kind) throw new LedgerNotFoundError(`no ${kind} "${id}"`);
      if (r.version !== expectedVersion) throw new LedgerConflictError(`${kind} "${id}" is at version ${r.version}, not ${expectedVersion}: read it again`, r.version);
      const { item, audit } = change(JSON.parse(r.json) as BookingKinds[typeof kind]);
      const c = columns(item, kind);
      await tx.query('UPDATE alert_booking SET version = $2, standing_until = $3, json = $4 WHERE id = $1 AND version = $5', [id, item.version, c.until, c.json, expectedVersion]);
      await appendPgAudit(tx, [audit]);
      return item;
    }),
    deliveryHealth: () => db.read('reading delivery health', async (q) => {
      const { rows } = await q.query<HealthRow>(`SELECT receiver,
          COUNT(*) FILTER (WHERE state = 'pending')::int AS pending, COUNT(*) FILTER (WHERE state = 'pending' AND attempts > 0)::int AS retrying,
          COUNT(*) FILTER (WHERE state = 'inflight')::int AS inflight, COUNT(*) FILTER (WHERE state = 'delivered')::int AS delivered,
          COUNT(*) FILTER (WHERE state = 'dead')::int AS dead,
          MAX(finished_at) FILTER (WHERE state = 'delivered') AS last_delivered, MAX(finished_at) FILTER (WHERE state = 'dead') AS last_dead,
          (SELECT d.last_error FROM alert_outbox d WHERE d.receiver = o.receiver AND d.state = 'dead' ORDER BY d.finished_at DESC, d.id DESC LIMIT 1) AS last_dead_error,
          (SELECT r.last_error FROM alert_outbox r WHERE r.receiver = o.receiver AND r.state = 'pending' AND r.attempts > 0 ORDER BY r.due_at DESC, r.id DESC LIMIT 1) AS last_retry_error
        FROM alert_outbox o GROUP BY receiver ORDER BY receiver`);
      return rows.map((r): ReceiverDeliveryHealth => ({
        receiver: r.receiver, pending: r.pending, retrying: r.retrying, inflight: r.inflight, delivered: r.delivered, dead: r.dead,
        lastDeliveredAt: r.last_delivered,
        lastDead: r.last_dead === null ? null : { at: r.last_dead, error: r.last_dead_error },
        lastRetryError: r.last_retry_error,
      }));
    }),
    enqueue: (notifications, audit) => db.write('queueing a notification', async (tx) => {
      const added = await enqueuePg(tx, notifications);
      await appendPgAudit(tx, [audit]);
      return added;
    }),
    ackLinkUsed: (nonce) => db.read('reading acknowledgement links', async (q) => (await q.query('SELECT 1 FROM alert_ack_used WHERE nonce = $1', [nonce])).rowCount !== 0),
    useAckLink: (nonce, hazardId, actor, at) => db.read('recording an acknowledgement link', async (q) =>
      (await q.query('INSERT INTO alert_ack_used (nonce, hazard_id, actor, at) VALUES ($1, $2, $3, $4) ON CONFLICT (nonce) DO NOTHING', [nonce, hazardId, actor, at])).rowCount === 1),
  };
}
