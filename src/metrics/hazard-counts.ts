/**
 * The hazard ledger's counts for `/metrics`: hazards by risk colour and status, and overdue ones
 * by colour, from one grouped SQL count over the ledger's `hazard` table (cheap enough to run on
 * every scrape: one pass over the table, no rows carried). Overdue is computed the way
 * ledger/deadlines.ts `isOverdue` says: not closed, and fixed after the deadline or not fixed by now.
 * The same count on either store: SQLite's file, or PostgreSQL's `hazard` table.
 */
import type pg from 'pg';
import type { LedgerDb } from '../ledger/sqlite-db.js';

/** Hazards of one colour and status. */
export interface HazardCount {
  readonly colour: string;
  readonly status: string;
  readonly count: number;
  /** Of them, past their deadline at the time asked. */
  readonly overdue: number;
}

/** The grouped count, `now` in the dialect's parameter form. */
const countSql = (now: string): string => `SELECT colour, status, COUNT(*) AS count,
  SUM(CASE WHEN status <> 'closed' AND COALESCE(fixed_at, ${now}) > deadline THEN 1 ELSE 0 END) AS overdue
  FROM hazard GROUP BY colour, status`;
const SQL = countSql('@now');
const PG_SQL = countSql('$1::bigint').replace('COUNT(*) AS count', 'COUNT(*)::int AS count').replace('ELSE 0 END) AS overdue', 'ELSE 0 END)::int AS overdue');

/** Reads the counts at `now` (ms); colours and statuses with no hazard are absent. */
export function hazardCounts(db: LedgerDb, now: number): HazardCount[] {
  return db.prepare<{ now: number }, HazardCount>(SQL).all({ now });
}

/** The same counts from the PostgreSQL ledger on `pool`. */
export async function hazardCountsPg(pool: pg.Pool, now: number): Promise<HazardCount[]> {
  return (await pool.query<HazardCount>(PG_SQL, [now])).rows;
}
