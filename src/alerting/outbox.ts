/**
 * The durable outbox's port: notifications waiting for delivery, each a row that is claimed
 * (leased) by a dispatcher, then marked delivered, rescheduled, or dead. A row is delivered only
 * after its receiver said ok; a claimed row whose lease runs out (its dispatcher crashed) is
 * claimed again, so delivery is at-least-once and a duplicate always carries the same delivery id.
 * Async so that a PostgreSQL implementation fits the same port; SQLite is in outbox-sqlite.ts.
 */
import type { Notification } from './types.js';

/** Where a row stands. */
export const OUTBOX_STATES = ['pending', 'inflight', 'delivered', 'dead'] as const;
/** One of OUTBOX_STATES. */
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** A claimed row: the notification and how many attempts came before this one. */
export interface OutboxEntry {
  readonly id: number;
  readonly notification: Notification;
  /** Attempts already made (0 on the first). */
  readonly attempts: number;
}

/** What one attempt came to, as the store records it. */
export type OutboxOutcome =
  | { readonly id: number; readonly kind: 'delivered'; readonly at: number }
  | { readonly id: number; readonly kind: 'retry'; readonly dueAt: number; readonly error: string }
  | { readonly id: number; readonly kind: 'dead'; readonly at: number; readonly error: string; readonly meta: readonly Notification[] };

/** The outbox store: every time is wall ms since the epoch, given by the caller. */
export interface OutboxStore {
  /** Adds notifications due at their `at`; a delivery id already present is ignored. Returns how many were new. */
  enqueue(notifications: readonly Notification[]): Promise<number>;
  /** Receivers with at least one row due at `now` (pending and due, or inflight with an expired lease). */
  receiversDue(now: number): Promise<string[]>;
  /** Claims up to `limit` due rows of `receiver`, leasing them until `now + leaseMs`. */
  claim(receiver: string, now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /**
   * Records attempts' outcomes in one transaction (one disk sync for many deliveries). A
   * `delivered` row is done; a `retry` row waits until `dueAt`; a `dead` row stays for inspection
   * and its `meta` notifications (about the failure) are enqueued in the same transaction.
   */
  settle(outcomes: readonly OutboxOutcome[]): Promise<void>;
  /** How many rows are in each state. */
  counts(): Promise<Record<OutboxState, number>>;
  /** Removes delivered rows delivered before `before`; returns how many. Dead rows stay for inspection. */
  pruneDelivered(before: number): Promise<number>;
}
