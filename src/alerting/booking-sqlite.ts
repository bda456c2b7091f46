/**
 * The booking store on the ledger's SQLite file (table `alert_booking`, component `alerting`):
 * one JSON document per booking beside the columns the engine filters on. Every write runs in an
 * `immediate` transaction with its audit record (the ledger's hash chain), so a booking without its
 * audit record, or the reverse, never exists. `readBookingsSync` is what the engine's step reads,
 * inside its own transaction, in the analysis worker.
 */
import { LedgerConflictError, LedgerNotFoundError } from '../ledger/errors.js';
import { ledgerStoreError } from '../ledger/sqlite-store.js';
import { appendAuditSync, type LedgerDb } from '../ledger/sqlite-db.js';
import type { AuditEntry } from '../ledger/types.js';
import type { BookingStore, ReceiverDeliveryHealth } from './booking-store.js';
import type { BookingKind, BookingKinds, Bookings } from './bookings.js';
import { enqueueSync, migrateAlerting } from './outbox-sqlite.js';

interface BookingRow { json: string }

/**
 * Until when a booking stands: the earlier of its close by hand and its own end (a silence's end,
 * an override's; a window's end depends on the zone and is left to the engine); null: open-ended.
 */
export function standingUntil(kind: BookingKind, item: BookingKinds[BookingKind]): number | null {
  const own = kind === 'silence' ? (item as BookingKinds['silence']).endsAt : kind === 'rosterOverride' ? (item as BookingKinds['rosterOverride']).to : null;
  if (own === null) return item.closedAt;
  return item.closedAt === null ? own : Math.min(own, item.closedAt);
}

// two index ranges of alert_booking_standing (SQLite's OR optimisation), not a scan of every booking ever made
const OPEN_AT = '(standing_until IS NULL OR standing_until > @at)';

/** The bookings of `kind` standing at `at`, oldest first (sorted here: an ORDER BY would steer SQLite off the standing index). */
function standingSync<K extends BookingKind>(db: LedgerDb, kind: K, at: number): BookingKinds[K][] {
  const rows = db.prepare(`SELECT created_at, id, json FROM alert_booking WHERE kind = @kind AND ${OPEN_AT}`).all({ kind, at }) as (BookingRow & { created_at: number; id: string })[];
  rows.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => JSON.parse(r.json) as BookingKinds[K]);
}

/** The bookings still standing at `now`, as the engine reads them (call after `migrateAlerting`). */
export function readBookingsSync(db: LedgerDb, now: number): Bookings {
  return { windows: standingSync(db, 'window', now), silences: standingSync(db, 'silence', now), overrides: standingSync(db, 'rosterOverride', now) };
}

/** Runs a synchronous SQLite call as the async port expects, SQLite's errors as the ledger's. */
function run<T>(op: string, work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(ledgerStoreError(op, err));
  }
}

/** The booking store on `db` (the ledger's connection); migrates the alerting schema. */
export function openSqliteBookingStore(db: LedgerDb): BookingStore {
  migrateAlerting(db);
  const getRow = db.prepare('SELECT kind, version, json FROM alert_booking WHERE id = ?');
  const insert = db.prepare('INSERT INTO alert_booking (id, kind, version, created_at, standing_until, json) VALUES (@id, @kind, @version, @createdAt, @standingUntil, @json)');
  const replace = db.prepare('UPDATE alert_booking SET version = @version, standing_until = @standingUntil, json = @json WHERE id = @id AND version = @expected');
  const used = db.prepare('SELECT 1 FROM alert_ack_used WHERE nonce = ?');
  const use = db.prepare('INSERT OR IGNORE INTO alert_ack_used (nonce, hazard_id, actor, at) VALUES (?, ?, ?, ?)');

  const row = (item: BookingKinds[BookingKind], kind: BookingKind): Record<string, unknown> => ({
    id: item.id, kind, version: item.version, createdAt: item.createdAt, standingUntil: standingUntil(kind, item), json: JSON.stringify(item),
  });

  return {
    list: (kind, filter = {}) => run('listing bookings', () => {
      if (filter.openAt !== undefined) return standingSync(db, kind, filter.openAt);
      const rows = db.prepare('SELECT json FROM alert_booking WHERE kind = ? ORDER BY created_at, id').all(kind) as BookingRow[];
      return rows.map((r) => JSON.parse(r.json) as BookingKinds[typeof kind]);
    }),
    get: (kind, id) => run('reading a booking', () => {
      const r = getRow.get(id) as { kind: string; json: string } | undefined;
      return r === undefined || r.kind !== kind ? null : JSON.parse(r.json) as BookingKinds[typeof kind];
    }),
    create: (kind, item, audit) => run('booking', () => db.transaction(() => {
      if (getRow.get(item.id) !== undefined) throw new LedgerConflictError(`"${item.id}" is already booked; choose another id`, 0);
      insert.run(row(item, kind));
      appendAuditSync(db, [audit]);
      return item;
    }).immediate()),
    update: (kind, id, expectedVersion, change) => run('changing a booking', () => db.transaction(() => {
      const r = getRow.get(id) as { kind: string; version: number; json: string } | undefined;
      if (r === undefined || r.kind !== kind) throw new LedgerNotFoundError(`no ${kind} "${id}"`);
      if (r.version !== expectedVersion) throw new LedgerConflictError(`${kind} "${id}" is at version ${r.version}, not ${expectedVersion}: read it again`, r.version);
      const { item, audit } = change(JSON.parse(r.json) as BookingKinds[typeof kind]);
      replace.run({ ...row(item, kind), expected: expectedVersion });
      appendAuditSync(db, [audit]);
      return item;
    }).immediate()),
    deliveryHealth: () => run('reading delivery health', () => {
      const rows = db.prepare(`SELECT receiver,
          SUM(state = 'pending') AS pending, SUM(state = 'pending' AND attempts > 0) AS retrying, SUM(state = 'inflight') AS inflight,
          SUM(state = 'delivered') AS delivered, SUM(state = 'dead') AS dead,
          MAX(CASE WHEN state = 'delivered' THEN finished_at END) AS last_delivered,
          MAX(CASE WHEN state = 'dead' THEN finished_at END) AS last_dead
        FROM alert_outbox GROUP BY receiver ORDER BY receiver`).all() as {
        receiver: string; pending: number; retrying: number; inflight: number; delivered: number; dead: number; last_delivered: number | null; last_dead: number | null;
      }[];
      const deadError = db.prepare(`SELECT last_error FROM alert_outbox WHERE receiver = ? AND state = 'dead' ORDER BY finished_at DESC, id DESC LIMIT 1`);
      const retryError = db.prepare(`SELECT last_error FROM alert_outbox WHERE receiver = ? AND state = 'pending' AND attempts > 0 ORDER BY due_at DESC, id DESC LIMIT 1`);
      return rows.map((r): ReceiverDeliveryHealth => ({
        receiver: r.receiver, pending: r.pending, retrying: r.retrying, inflight: r.inflight, delivered: r.delivered, dead: r.dead,
        lastDeliveredAt: r.last_delivered,
        lastDead: r.last_dead === null ? null : { at: r.last_dead, error: (deadError.get(r.receiver) as { last_error: string | null } | undefined)?.last_error ?? null },
        lastRetryError: (retryError.get(r.receiver) as { last_error: string | null } | undefined)?.last_error ?? null,
      }));
    }),
    enqueue: (notifications, audit: AuditEntry) => run('queueing a notification', () => db.transaction(() => {
      const added = enqueueSync(db, notifications);
      appendAuditSync(db, [audit]);
      return added;
    }).immediate()),
    ackLinkUsed: (nonce) => run('reading acknowledgement links', () => used.get(nonce) !== undefined),
    useAckLink: (nonce, hazardId, actor, at) => run('recording an acknowledgement link', () => use.run(nonce, hazardId, actor, at).changes === 1),
  };
}
