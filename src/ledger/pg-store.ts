/**
 * The hazard ledger on PostgreSQL: `openPgLedgerStore` implements the `LedgerStore` port on a
 * connection pool (src/store/postgres/pool.ts), with the same semantics as the SQLite store: every
 * write runs in one transaction together with its audit record(s); writes take one advisory lock
 * (per schema) first, so writers in any number of processes run one after another, versions are
 * checked against what is stored, and the audit chain is extended from its true head, never
 * forked. The rows, checks and refusals are shared with SQLite (store-common.ts). PostgreSQL's
 * errors come out as LedgerStoreError saying whether a retry can help; the URL's password never
 * appears in one.
 */
import type pg from 'pg';
import { RedlineError, errorMessage } from '../common/errors.js';
import { describePgUrl, inPgTransaction, migratePg, openPgPool, type PgPoolOptions, type PgTx } from '../store/postgres/pool.js';
import { nextRecord, storedEntry } from './audit-chain.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerStoreError } from './errors.js';
import { PG_AUDIT_MIGRATIONS, PG_LEDGER_MIGRATIONS } from './pg-schema.js';
import type {
  AuditPage, HazardChange, HazardQuery, LedgerState, LedgerStore, Page, PassInput, PassOutcome, ReconcilePlan,
} from './port.js';
import { LEDGER_COMPONENT } from './schema.js';
import {
  attachmentEvent, attachmentWithBytes, auditRecordOf, changedHazard, changeOf, checkAttachmentSize, checkNewHazard, checkNewWaiver, checkPage,
  checkPassInput, checkTime, findingOf, hazardRow, hazardWhere, INDEXED_HAZARD_COLUMNS, openedEvent, PassCounter, revokedWaiver, sitesOf, waiverRow,
  type AuditRow, type ChangeRow, type FindingRow,
} from './store-common.js';
import type {
  Attachment, AuditEntry, AuditRecord, FindingChange, FindingRecord, Hazard, HazardEvent, HazardStatus, LedgerWaiver,
} from './types.js';

/** How the PostgreSQL ledger is opened. */
export interface PgLedgerStoreOptions extends PgPoolOptions {
  /** The largest file attachment accepted, in bytes (settings.ledger.maxAttachmentKB). */
  readonly maxAttachmentBytes?: number;
}

/** The PostgreSQL ledger: the port, plus its pool for the parts that share the database (accounts, outbox). */
export interface PgLedgerStore extends LedgerStore {
  readonly pool: pg.Pool;
  /** host:port/database, for logs (no user, no password). */
  readonly where: string;
}

/** The advisory lock every ledger and audit write takes: one writer at a time per schema, so the chain never forks. */
export const AUDIT_WRITE_LOCK = 'redline.audit';

/** SQLSTATE classes after which the same call may succeed later: serialization, deadlock, resources, connection, shutdown. */
const RETRYABLE_SQLSTATE = /^(40001|40P01|53|08|57P0)/;
/** Node's socket errors (the server unreachable or gone). */
const RETRYABLE_NET = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/;

/** Maps a failure of `op` to the ledger's typed errors: database errors become LedgerStoreError; the ledger's own pass through. */
export function pgLedgerStoreError(op: string, where: string, err: unknown): Error {
  if (err instanceof RedlineError || err instanceof RangeError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    return new LedgerStoreError(`ledger: ${op} on ${where} failed: ${errorMessage(err)} (${code})`, {
      retryable: RETRYABLE_SQLSTATE.test(code) || RETRYABLE_NET.test(code), cause: err, code,
    });
  }
  return err instanceof Error ? err : new Error(`ledger: ${op} failed: ${errorMessage(err)}`);
}

/** The state of every finding present at $1 (see FINDINGS_AT in sqlite-store.ts: the same query in PostgreSQL's words). */
const FINDINGS_AT = `
  WITH present AS (
    SELECT f.fingerprint, f.rule, f.subject_kind, f.subject_id, f.last_seen,
      (SELECT c.seq FROM finding_change c WHERE c.fingerprint = f.fingerprint AND c.at <= $1::bigint ORDER BY c.at DESC, c.seq DESC LIMIT 1) AS change_seq
    FROM ledger_finding f
  )
  SELECT p.fingerprint, p.rule, p.subject_kind, p.subject_id, c.to_state AS state, c.colour, c.at AS since, c.policy_hash,
    GREATEST(c.at, LEAST(p.last_seen, COALESCE((SELECT MAX(lp.at) FROM ledger_pass lp WHERE lp.at <= $1::bigint), $1::bigint))) AS last_seen,
    (SELECT MIN(c3.at) FROM finding_change c3 WHERE c3.fingerprint = p.fingerprint AND c3.at > COALESCE(
      (SELECT MAX(c4.at) FROM finding_change c4 WHERE c4.fingerprint = p.fingerprint AND c4.to_state = 'gone' AND c4.at <= $1::bigint), -1)) AS first_seen
  FROM present p JOIN finding_change c ON c.seq = p.change_seq
  WHERE c.to_state != 'gone'`;

const HAZARD_COLUMNS = ['id', ...INDEXED_HAZARD_COLUMNS, 'version', 'json'] as const;

/** Opens the pool, brings the audit and ledger schemas up to date and returns the ledger. */
export async function openPgLedgerStore(opts: PgLedgerStoreOptions): Promise<PgLedgerStore> {
  const where = describePgUrl(opts.url);
  let pool: pg.Pool | undefined;
  try {
    pool = await openPgPool(opts);
    await migratePg(pool, 'audit', PG_AUDIT_MIGRATIONS);
    await migratePg(pool, LEDGER_COMPONENT, PG_LEDGER_MIGRATIONS);
  } catch (err) {
    await pool?.end().catch(() => undefined);
    const mapped = pgLedgerStoreError('opening the store', where, err);
    throw mapped instanceof LedgerStoreError ? mapped : new LedgerStoreError(`ledger: opening ${where} failed: ${errorMessage(err)}`, { retryable: false, cause: err });
  }
  return new PgLedger(pool, where, opts.maxAttachmentBytes ?? Number.POSITIVE_INFINITY);
}

/**
 * Appends audit records after the chain's current head. Call inside a transaction holding
 * AUDIT_WRITE_LOCK, so no other writer extends the chain in between.
 */
export async function appendPgAudit(tx: PgTx, entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
  if (entries.length === 0) return [];
  const { rows } = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  let prev: { seq: number; hash: string } | null = rows[0] ?? null;
  const out: AuditRecord[] = [];
  for (const e of entries) {
    const rec = nextRecord(prev, storedEntry(e));
    out.push(rec);
    prev = rec;
  }
  // one statement for every record of the write (a pass may append thousands)
  const json = (v: unknown): string | null => (v === null ? null : JSON.stringify(v));
  await tx.query(`INSERT INTO audit (seq, at, actor, action, target, before, after, prev_hash, hash)
    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`, [
    out.map((r) => r.seq), out.map((r) => r.at), out.map((r) => r.actor), out.map((r) => r.action), out.map((r) => r.target),
    out.map((r) => json(r.before)), out.map((r) => json(r.after)), out.map((r) => r.prevHash), out.map((r) => r.hash),
  ]);
  return out;
}

/** The PostgreSQL type of each hazard column, for the arrays a batched write unnests. */
const HAZARD_COLUMN_TYPES: Readonly<Record<(typeof HAZARD_COLUMNS)[number], string>> = {
  id: 'text', fingerprint: 'text', status: 'text', colour: 'text', colour_rank: 'integer', site: 'text', protection_class: 'text', owner_person: 'text',
  rule: 'text', deadline: 'bigint', fixed_at: 'bigint', closed_at: 'bigint', found_at: 'bigint', version: 'integer', json: 'text',
};

/** `$k::type[]` for each hazard column, and the column arrays of `rows` in the same order. */
function hazardArrays(rows: readonly Record<string, unknown>[]): { casts: string; params: unknown[][] } {
  return {
    casts: HAZARD_COLUMNS.map((c, i) => `$${i + 1}::${HAZARD_COLUMN_TYPES[c]}[]`).join(', '),
    params: HAZARD_COLUMNS.map((c) => rows.map((r) => r[c])),
  };
}

class PgLedger implements PgLedgerStore {
  private closed = false;

  constructor(readonly pool: pg.Pool, readonly where: string, private readonly maxAttachmentBytes: number) {}

  /** Runs `fn` unless closed, mapping the database's errors. */
  private async guard<T>(op: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new LedgerStoreError(`ledger: ${op}: the ledger store is closed`, { retryable: false });
    try {
      return await fn();
    } catch (err) {
      throw pgLedgerStoreError(op, this.where, err);
    }
  }

  /** Runs `fn` in one transaction holding the write lock. */
  private write<T>(op: string, fn: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.guard(op, () => inPgTransaction(this.pool, AUDIT_WRITE_LOCK, fn));
  }

  /** Runs reads on one snapshot (REPEATABLE READ), so a total and its page agree. */
  private snapshot<T>(op: string, fn: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.guard(op, () => inPgTransaction(this.pool, null, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return fn(tx);
    }));
  }

  private async hazardOrNull(q: pg.Pool | PgTx, id: string): Promise<Hazard | null> {
    const { rows } = await q.query<{ json: string }>('SELECT json FROM hazard WHERE id = $1', [id]);
    return rows[0] === undefined ? null : JSON.parse(rows[0].json) as Hazard;
  }

  private async hazardHead(tx: PgTx, id: string): Promise<{ version: number; status: HazardStatus } | undefined> {
    const { rows } = await tx.query<{ version: number; status: HazardStatus }>('SELECT version, status FROM hazard WHERE id = $1', [id]);
    return rows[0];
  }

  /** Writes a hazard and its sites; a change that leaves the indexed columns and sites alone rewrites only version and JSON. */
  private async writeHazard(tx: PgTx, h: Hazard, isNew: boolean): Promise<void> {
    const row = hazardRow(h);
    const sites = sitesOf(h).sort();
    if (isNew) {
      await tx.query(`INSERT INTO hazard (${HAZARD_COLUMNS.join(', ')}) VALUES (${HAZARD_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, HAZARD_COLUMNS.map((c) => row[c]));
    } else {
      const { rows } = await tx.query<Record<string, unknown>>(`SELECT ${INDEXED_HAZARD_COLUMNS.join(', ')},
        ARRAY(SELECT site FROM hazard_site WHERE hazard_id = $1 ORDER BY site) AS sites FROM hazard WHERE id = $1`, [h.id]);
      const before = rows[0];
      const indexedSame = before !== undefined && INDEXED_HAZARD_COLUMNS.every((c) => before[c] === row[c]);
      if (indexedSame) {
        await tx.query('UPDATE hazard SET version = $2, json = $3 WHERE id = $1', [h.id, h.version, row['json']]);
      } else {
        const set = HAZARD_COLUMNS.slice(1).map((c, i) => `${c} = $${i + 2}`).join(', ');
        await tx.query(`UPDATE hazard SET ${set} WHERE id = $1`, HAZARD_COLUMNS.map((c) => row[c]));
      }
      if (before !== undefined && JSON.stringify(before['sites']) === JSON.stringify(sites)) return;
      await tx.query('DELETE FROM hazard_site WHERE hazard_id = $1', [h.id]);
    }
    if (sites.length > 0) await tx.query('INSERT INTO hazard_site (site, hazard_id) SELECT unnest($1::text[]), $2', [sites, h.id]);
  }

  /**
   * A pass's hazards in a handful of statements whatever their number: their heads read at once,
   * the new ones inserted in one statement, the changed ones updated in one, their sites replaced
   * in two. A plan naming one hazard twice is written one hazard at a time instead.
   */
  private async writeHazards(tx: PgTx, hazards: readonly Hazard[], counter: PassCounter): Promise<void> {
    if (hazards.length === 0) return;
    if (new Set(hazards.map((h) => h.id)).size !== hazards.length) {
      for (const h of hazards) {
        const before = await this.hazardHead(tx, h.id);
        counter.hazard(h, before);
        await this.writeHazard(tx, h, before === undefined);
      }
      return;
    }
    const { rows } = await tx.query<{ id: string; version: number; status: HazardStatus; sites: string[] }>(
      'SELECT id, version, status, ARRAY(SELECT site FROM hazard_site s WHERE s.hazard_id = h.id ORDER BY site) AS sites FROM hazard h WHERE id = ANY($1::text[])',
      [hazards.map((h) => h.id)]);
    const heads = new Map(rows.map((r) => [r.id, r]));
    const fresh: Record<string, unknown>[] = [];
    const changed: Record<string, unknown>[] = [];
    const resited: string[] = [];
    const sites: { site: string; id: string }[] = [];
    for (const h of hazards) {
      const before = heads.get(h.id);
      counter.hazard(h, before);
      const hs = sitesOf(h).sort();
      (before === undefined ? fresh : changed).push(hazardRow(h));
      if (before !== undefined && JSON.stringify(before.sites) === JSON.stringify(hs)) continue;
      if (before !== undefined) resited.push(h.id);
      for (const site of hs) sites.push({ site, id: h.id });
    }
    if (fresh.length > 0) {
      const a = hazardArrays(fresh);
      await tx.query(`INSERT INTO hazard (${HAZARD_COLUMNS.join(', ')}) SELECT * FROM unnest(${a.casts})`, a.params);
    }
    if (changed.length > 0) {
      const a = hazardArrays(changed);
      // unchanged indexed values are written as they were: PostgreSQL keeps such an update HOT
      await tx.query(`UPDATE hazard SET ${HAZARD_COLUMNS.slice(1).map((c) => `${c} = v.${c}`).join(', ')}
        FROM unnest(${a.casts}) AS v(${HAZARD_COLUMNS.join(', ')}) WHERE hazard.id = v.id`, a.params);
    }
    if (resited.length > 0) await tx.query('DELETE FROM hazard_site WHERE hazard_id = ANY($1::text[])', [resited]);
    if (sites.length > 0) {
      await tx.query('INSERT INTO hazard_site (site, hazard_id) SELECT * FROM unnest($1::text[], $2::text[])', [sites.map((x) => x.site), sites.map((x) => x.id)]);
    }
  }

  /** A pass's events in two statements: each hazard's next seq read at once, the events inserted in one. */
  private async writeEvents(tx: PgTx, events: readonly Omit<HazardEvent, 'seq'>[]): Promise<void> {
    if (events.length === 0) return;
    const ids = [...new Set(events.map((e) => e.hazardId))];
    const { rows } = await tx.query<{ hazard_id: string; seq: number }>(
      'SELECT hazard_id, MAX(seq) AS seq FROM hazard_event WHERE hazard_id = ANY($1::text[]) GROUP BY hazard_id', [ids]);
    const last = new Map(rows.map((r) => [r.hazard_id, r.seq]));
    const stored = events.map((e): HazardEvent => {
      const seq = (last.get(e.hazardId) ?? 0) + 1;
      last.set(e.hazardId, seq);
      return { ...e, seq };
    });
    await tx.query('INSERT INTO hazard_event (hazard_id, seq, at, actor, kind, json) SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::text[], $5::text[], $6::text[])', [
      stored.map((e) => e.hazardId), stored.map((e) => e.seq), stored.map((e) => e.at), stored.map((e) => e.actor), stored.map((e) => e.kind), stored.map((e) => JSON.stringify(e)),
    ]);
  }

  private async writeEvent(tx: PgTx, e: Omit<HazardEvent, 'seq'>): Promise<HazardEvent> {
    const { rows } = await tx.query<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM hazard_event WHERE hazard_id = $1', [e.hazardId]);
    const event: HazardEvent = { ...e, seq: rows[0]!.seq };
    await tx.query('INSERT INTO hazard_event (hazard_id, seq, at, actor, kind, json) VALUES ($1, $2, $3, $4, $5, $6)', [e.hazardId, event.seq, e.at, e.actor, e.kind, JSON.stringify(event)]);
    return event;
  }

  private async loadState(tx: PgTx): Promise<LedgerState> {
    const findings = new Map<string, FindingRecord>();
    for (const r of (await tx.query<FindingRow>('SELECT * FROM ledger_finding WHERE gone = 0')).rows) findings.set(r.fingerprint, findingOf(r));
    const hazards = new Map<string, Hazard>();
    const latest = await tx.query<{ json: string }>(`SELECT h.json FROM hazard h
      JOIN (SELECT fingerprint, MAX(found_at) AS found_at FROM hazard WHERE fingerprint IS NOT NULL GROUP BY fingerprint) m
      ON h.fingerprint = m.fingerprint AND h.found_at = m.found_at ORDER BY h.found_at, h.id`);
    for (const r of latest.rows) {
      const h = JSON.parse(r.json) as Hazard;
      if (h.fingerprint !== null) hazards.set(h.fingerprint, h);
    }
    return { findings, hazards };
  }

  applyPass(pass: PassInput, plan: (state: LedgerState, pass: PassInput) => ReconcilePlan): Promise<PassOutcome> {
    return this.write('applyPass', async (tx) => {
      checkPassInput(pass);
      const p = plan(await this.loadState(tx), pass);
      if (p.findings.length > 0) {
        await tx.query(`INSERT INTO ledger_finding (fingerprint, rule, subject_kind, subject_id, state, colour, first_seen, last_seen, since, policy_hash, gone)
          SELECT *, 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[])
          ON CONFLICT (fingerprint) DO UPDATE SET rule = excluded.rule, subject_kind = excluded.subject_kind, subject_id = excluded.subject_id,
            state = excluded.state, colour = excluded.colour, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
            since = excluded.since, policy_hash = excluded.policy_hash, gone = 0`, [
          p.findings.map((f) => f.fingerprint), p.findings.map((f) => f.rule), p.findings.map((f) => f.subject.kind), p.findings.map((f) => f.subject.id),
          p.findings.map((f) => f.state), p.findings.map((f) => f.colour), p.findings.map((f) => f.firstSeen), p.findings.map((f) => f.lastSeen),
          p.findings.map((f) => f.since), p.findings.map((f) => f.policyHash),
        ]);
      }
      if (p.goneFindings.length > 0) await tx.query('UPDATE ledger_finding SET gone = 1 WHERE fingerprint = ANY($1::text[])', [p.goneFindings]);
      const cs = p.findingChanges;
      if (cs.length > 0) {
        await tx.query(`INSERT INTO finding_change (fingerprint, at, from_state, to_state, colour, evidence_json, explanation_json, policy_hash)
          SELECT a, b, c, d, e, f, g, h FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
            WITH ORDINALITY AS c(a, b, c, d, e, f, g, h, n) ORDER BY n`, [
          cs.map((c) => c.fingerprint), cs.map((c) => c.at), cs.map((c) => c.from), cs.map((c) => c.to), cs.map((c) => c.colour),
          cs.map((c) => JSON.stringify(c.evidence)), cs.map((c) => (c.explanation === null ? null : JSON.stringify(c.explanation))), cs.map((c) => c.policyHash),
        ]);
      }
      await tx.query('UPDATE ledger_finding SET last_seen = $1 WHERE fingerprint = ANY($2::text[]) AND last_seen < $1', [pass.at, pass.findings.map((f) => f.fingerprint)]);
      const counter = new PassCounter();
      await this.writeHazards(tx, p.hazards, counter);
      await this.writeEvents(tx, p.events);
      const audit = await appendPgAudit(tx, p.audit);
      const outcome = counter.outcome(p, audit.length);
      await tx.query('INSERT INTO ledger_pass (at, policy_hash, findings, counts_json) VALUES ($1, $2, $3, $4)', [pass.at, pass.policyHash, pass.findings.length, JSON.stringify(outcome)]);
      return outcome;
    });
  }

  findingsAt(at: number, page: { readonly limit: number; readonly offset: number }): Promise<Page<FindingRecord>> {
    return this.snapshot('findingsAt', async (tx) => {
      checkTime('findingsAt', 'at', at);
      checkPage('findingsAt', page.limit, page.offset);
      const total = await tx.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM (${FINDINGS_AT}) x`, [at]);
      const rows = await tx.query<FindingRow>(`${FINDINGS_AT} ORDER BY p.fingerprint LIMIT $2 OFFSET $3`, [at, page.limit, page.offset]);
      return { total: total.rows[0]!.n, items: rows.rows.map(findingOf) };
    });
  }

  findingChanges(fingerprint: string, page: { readonly limit: number; readonly before?: number }): Promise<readonly FindingChange[]> {
    return this.guard('findingChanges', async () => {
      checkPage('findingChanges', page.limit);
      const { rows } = await this.pool.query<ChangeRow>('SELECT * FROM finding_change WHERE fingerprint = $1 AND at < $2 ORDER BY at DESC, seq DESC LIMIT $3',
        [fingerprint, page.before ?? Number.MAX_SAFE_INTEGER, page.limit]);
      return rows.map(changeOf);
    });
  }

  hazard(id: string): Promise<Hazard | null> {
    return this.guard('hazard', () => this.hazardOrNull(this.pool, id));
  }

  hazards(query: HazardQuery): Promise<Page<Hazard>> {
    return this.snapshot('hazards', async (tx) => {
      checkTime('hazards', 'now', query.now);
      checkPage('hazards', query.limit, query.offset);
      const where = hazardWhere(query, 'pg');
      const total = await tx.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM hazard ${where.sql}`, where.params);
      const n = where.params.length;
      const rows = await tx.query<{ json: string }>(`SELECT json FROM hazard ${where.sql} ORDER BY colour_rank, deadline, id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...where.params, query.limit, query.offset]);
      return { total: total.rows[0]!.n, items: rows.rows.map((r) => JSON.parse(r.json) as Hazard) };
    });
  }

  hazardEvents(id: string, page: { readonly limit: number; readonly afterSeq?: number }): Promise<readonly HazardEvent[]> {
    return this.guard('hazardEvents', async () => {
      checkPage('hazardEvents', page.limit);
      const { rows } = await this.pool.query<{ json: string }>('SELECT json FROM hazard_event WHERE hazard_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [id, page.afterSeq ?? 0, page.limit]);
      return rows.map((r) => JSON.parse(r.json) as HazardEvent);
    });
  }

  updateHazard(id: string, expectedVersion: number, change: HazardChange): Promise<Hazard> {
    return this.write('updateHazard', async (tx) => {
      const result = changedHazard(id, await this.hazardOrNull(tx, id), expectedVersion, change);
      await this.writeHazard(tx, result.hazard, false);
      await this.writeEvent(tx, result.event);
      await appendPgAudit(tx, [result.audit]);
      return result.hazard;
    });
  }

  createHazard(hazard: Hazard, audit: AuditEntry): Promise<Hazard> {
    return this.write('createHazard', async (tx) => {
      checkNewHazard(hazard, (await this.hazardHead(tx, hazard.id))?.version);
      await this.writeHazard(tx, hazard, true);
      await this.writeEvent(tx, openedEvent(hazard, audit));
      await appendPgAudit(tx, [audit]);
      return hazard;
    });
  }

  addAttachment(attachment: Attachment, bytes: Buffer | null, audit: AuditEntry): Promise<Attachment> {
    return this.write('addAttachment', async (tx) => {
      checkAttachmentSize(attachment, bytes, this.maxAttachmentBytes);
      const a = attachmentWithBytes(attachment, bytes);
      if (await this.hazardHead(tx, a.hazardId) === undefined) throw new LedgerNotFoundError(`ledger: no hazard ${a.hazardId} to attach ${a.id} to`);
      if ((await tx.query('SELECT 1 FROM attachment WHERE id = $1', [a.id])).rowCount !== 0) throw new LedgerConflictError(`ledger: attachment ${a.id} already exists`, 1);
      await tx.query('INSERT INTO attachment (id, hazard_id, at, json, bytes) VALUES ($1, $2, $3, $4, $5)', [a.id, a.hazardId, a.at, JSON.stringify(a), bytes]);
      await this.writeEvent(tx, attachmentEvent(a));
      await appendPgAudit(tx, [audit]);
      return a;
    });
  }

  attachments(hazardId: string): Promise<readonly Attachment[]> {
    return this.guard('attachments', async () => {
      const { rows } = await this.pool.query<{ json: string }>('SELECT json FROM attachment WHERE hazard_id = $1 ORDER BY at, id', [hazardId]);
      return rows.map((r) => JSON.parse(r.json) as Attachment);
    });
  }

  attachmentBytes(id: string): Promise<Buffer | null> {
    return this.guard('attachmentBytes', async () => {
      const { rows } = await this.pool.query<{ bytes: Buffer | null }>('SELECT bytes FROM attachment WHERE id = $1', [id]);
      if (rows[0] === undefined) throw new LedgerNotFoundError(`ledger: no attachment ${id}`);
      return rows[0].bytes;
    });
  }

  waivers(filter: { readonly activeAt?: number }): Promise<readonly LedgerWaiver[]> {
    return this.guard('waivers', async () => {
      const { rows } = filter.activeAt === undefined
        ? await this.pool.query<{ json: string }>('SELECT json FROM waiver ORDER BY created_at, id')
        : await this.pool.query<{ json: string }>('SELECT json FROM waiver WHERE until > $1 AND created_at <= $1 AND (revoked_at IS NULL OR revoked_at > $1) ORDER BY created_at, id', [filter.activeAt]);
      return rows.map((r) => JSON.parse(r.json) as LedgerWaiver);
    });
  }

  private async waiverOrUndefined(tx: PgTx, id: string): Promise<LedgerWaiver | undefined> {
    const { rows } = await tx.query<{ json: string }>('SELECT json FROM waiver WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : JSON.parse(rows[0].json) as LedgerWaiver;
  }

  createWaiver(waiver: LedgerWaiver, audit: AuditEntry): Promise<LedgerWaiver> {
    return this.write('createWaiver', async (tx) => {
      checkNewWaiver(waiver, await this.waiverOrUndefined(tx, waiver.id));
      const r = waiverRow(waiver);
      await tx.query('INSERT INTO waiver (id, version, rule, subject_kind, subject_id, created_at, until, revoked_at, json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [r['id'], r['version'], r['rule'], r['subject_kind'], r['subject_id'], r['created_at'], r['until'], r['revoked_at'], r['json']]);
      await appendPgAudit(tx, [audit]);
      return waiver;
    });
  }

  revokeWaiver(id: string, expectedVersion: number, at: number, audit: AuditEntry): Promise<LedgerWaiver> {
    return this.write('revokeWaiver', async (tx) => {
      const revoked = revokedWaiver(id, await this.waiverOrUndefined(tx, id), expectedVersion, at);
      await tx.query('UPDATE waiver SET version = $2, until = $3, revoked_at = $4, json = $5 WHERE id = $1', [id, revoked.version, revoked.until, revoked.revokedAt, JSON.stringify(revoked)]);
      await appendPgAudit(tx, [audit]);
      return revoked;
    });
  }

  appendAudit(entry: AuditEntry): Promise<AuditRecord> {
    return this.write('appendAudit', async (tx) => (await appendPgAudit(tx, [entry]))[0]!);
  }

  audit(page: AuditPage): Promise<readonly AuditRecord[]> {
    return this.guard('audit', async () => {
      checkPage('audit', page.limit);
      const params: unknown[] = [page.afterSeq ?? 0];
      const parts = ['seq > $1'];
      if (page.actor !== undefined) { params.push(page.actor); parts.push(`actor = $${params.length}`); }
      if (page.action !== undefined) { params.push(page.action); parts.push(`action = $${params.length}`); }
      if (page.target !== undefined) { params.push(page.target); parts.push(`starts_with(target, $${params.length})`); }
      if (page.from !== undefined) { params.push(page.from); parts.push(`at >= $${params.length}`); }
      if (page.until !== undefined) { params.push(page.until); parts.push(`at < $${params.length}`); }
      params.push(page.limit);
      const { rows } = await this.pool.query<AuditRow>(`SELECT * FROM audit WHERE ${parts.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params);
      return rows.map(auditRecordOf);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
