/**
 * The booking store port: where maintenance windows, silences and roster overrides booked at run
 * time are kept, with the delivery health the API shows per receiver, the test notification an
 * admin sends, and the used acknowledgement links. Async so a PostgreSQL implementation fits the
 * same port; the SQLite one (booking-sqlite.ts) shares the ledger file. One contract suite
 * (test/support/booking-store-contract.ts) runs against every implementation. Every write appends
 * its audit record in the same transaction as the write itself.
 */
import type { AuditEntry } from '../ledger/types.js';
import type { BookingKind, BookingKinds } from './bookings.js';
import type { Notification } from './types.js';

/** A change to a booking, decided against the stored one: the new content (version already +1) and its audit record. */
export type BookingChange<K extends BookingKind> = (current: BookingKinds[K]) => { readonly item: BookingKinds[K]; readonly audit: AuditEntry };

/** What the outbox says about one receiver's deliveries. */
export interface ReceiverDeliveryHealth {
  readonly receiver: string;
  /** Waiting for their first attempt or their next one. */
  readonly pending: number;
  /** Of the pending, those that failed at least once and wait for a retry. */
  readonly retrying: number;
  readonly inflight: number;
  readonly delivered: number;
  /** Refused for good (kept for inspection). */
  readonly dead: number;
  /** The latest delivery, and the latest permanent failure with its (secret-free) error. */
  readonly lastDeliveredAt: number | null;
  readonly lastDead: { readonly at: number; readonly error: string | null } | null;
  /** The error of the latest failed attempt still waiting for a retry. */
  readonly lastRetryError: string | null;
}

/** The booking store. Errors: `LedgerConflictError` (stale version, or an id already taken), `LedgerNotFoundError`, `LedgerStoreError`. */
export interface BookingStore {
  /** Bookings of a kind, oldest first; `openAt` keeps those not closed at that time (closed later, or never). */
  list<K extends BookingKind>(kind: K, filter?: { readonly openAt?: number }): Promise<BookingKinds[K][]>;
  get<K extends BookingKind>(kind: K, id: string): Promise<BookingKinds[K] | null>;
  /** Stores a new booking (version 1); an id already used by a booking of any kind is a conflict. */
  create<K extends BookingKind>(kind: K, item: BookingKinds[K], audit: AuditEntry): Promise<BookingKinds[K]>;
  /** Applies `change` if the stored version is `expectedVersion` (else LedgerConflictError with the current one). */
  update<K extends BookingKind>(kind: K, id: string, expectedVersion: number, change: BookingChange<K>): Promise<BookingKinds[K]>;
  /** Delivery health per receiver, from the outbox. */
  deliveryHealth(): Promise<ReceiverDeliveryHealth[]>;
  /** Puts notifications in the outbox with an audit record, in one transaction (a test notification). Returns how many were new. */
  enqueue(notifications: readonly Notification[], audit: AuditEntry): Promise<number>;
  /** Whether an acknowledgement link (by its nonce) was used already. */
  ackLinkUsed(nonce: string): Promise<boolean>;
  /** Records an acknowledgement link as used; false when it already was. */
  useAckLink(nonce: string, hazardId: string, actor: string, at: number): Promise<boolean>;
}
