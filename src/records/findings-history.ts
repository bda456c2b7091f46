/**
 * Which findings began failing in a cutover window (OPS-004's "before vs after"): the findings
 * whose latest change at or before `at` (the window's end plus grace) is to a failing state and
 * was made at or after `start` — a finding that started failing, or got worse, in the window and
 * had not recovered by its end. Two readers give the same answer: one through the ledger port's
 * `findingsAt` (any implementation; it reads the whole network's findings at `at`), and one in SQL
 * on the ledger's findings history (a range of its time index: what the daemon uses), on SQLite
 * here and on PostgreSQL in pg-store.ts (`appearedViaPg`).
 */
import type { LedgerStore } from '../ledger/port.js';
import type { LedgerDb } from '../ledger/sqlite-db.js';

/** The fingerprints that began failing in [start, at] and still failed at `at`, sorted. */
export type AppearedReader = (start: number, at: number) => Promise<readonly string[]>;

const FAILING = ['down', 'unprotected', 'degraded'] as const;

/** Through the port: every finding present at `at`, page by page. */
export function appearedViaPort(ledger: Pick<LedgerStore, 'findingsAt'>): AppearedReader {
  return async (start, at) => {
    const out: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await ledger.findingsAt(at, { limit: 1000, offset });
      for (const f of page.items) if ((FAILING as readonly string[]).includes(f.state) && f.since >= start && f.since <= at) out.push(f.fingerprint);
      if (page.items.length < 1000) break;
    }
    return out.sort();
  };
}

/**
 * The query on a ledger's findings history (`finding_change`, the same table on SQLite and
 * PostgreSQL), with the window's start and the reading time as the parameters named here.
 */
export function appearedSql(start: string, at: string): string {
  return `
    SELECT DISTINCT c.fingerprint FROM finding_change c
    WHERE c.at >= ${start} AND c.at <= ${at} AND c.to_state IN (${FAILING.map((s) => `'${s}'`).join(', ')})
      AND c.seq = (SELECT c2.seq FROM finding_change c2 WHERE c2.fingerprint = c.fingerprint AND c2.at <= ${at} ORDER BY c2.at DESC, c2.seq DESC LIMIT 1)
    ORDER BY c.fingerprint`;
}

/** In SQL on the SQLite ledger's findings history (its `finding_change` table and time index). */
export function appearedViaSqlite(db: LedgerDb): AppearedReader {
  const st = db.prepare(appearedSql('@start', '@at'));
  return (start, at) => Promise.resolve().then(() => (st.all({ start, at }) as { fingerprint: string }[]).map((r) => r.fingerprint));
}
