/**
 * What a daemon's alerting has done, read from its ledger file (a second, read-only connection):
 * the events a test waits for instead of sleeping — the engine stepped after a pass, and every
 * notification it enqueued was delivered.
 */
import Database from 'better-sqlite3';

/** The alerting step's progress and the outbox by state. */
export interface OutboxView {
  /** When the engine last stepped (its clock, ms), or null before the first step. */
  readonly steppedAt: number | null;
  readonly pending: number;
  readonly inflight: number;
  readonly delivered: number;
  readonly dead: number;
}

/** Reads the alerting tables of the ledger file `file` (all zero / null before they exist). */
export function outboxView(file: string): OutboxView {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = (name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    const step = table('alert_engine_state') ? (db.prepare('SELECT updated_at AS at FROM alert_engine_state WHERE id = 1').get() as { at: number } | undefined) : undefined;
    const rows = table('alert_outbox') ? (db.prepare('SELECT state, COUNT(*) AS n FROM alert_outbox GROUP BY state').all() as { state: string; n: number }[]) : [];
    const n = (state: string): number => rows.find((r) => r.state === state)?.n ?? 0;
    return { steppedAt: step?.at ?? null, pending: n('pending'), inflight: n('inflight'), delivered: n('delivered'), dead: n('dead') };
  } finally {
    db.close();
  }
}

/** Whether the engine has stepped at or after `sinceMs` (its clock) and nothing it enqueued is still to deliver. */
export function alertingSettled(file: string, sinceMs: number): boolean {
  const v = outboxView(file);
  return v.steppedAt !== null && v.steppedAt >= sinceMs && v.pending === 0 && v.inflight === 0;
}
