/**
 * The hazard ledger on SQLite: `openSqliteLedgerStore` implements the `LedgerStore` port on one
 * better-sqlite3 file (WAL, synchronous=FULL, busy timeout: see sqlite-db.ts). Every write runs in
 * one `immediate` transaction together with its audit record(s), so a write without its audit
 * record, or an audit record without its write, never exists. Filters, ordering and paging run
 * in SQL on the indexed columns kept beside each hazard's JSON (schema.ts). SQLite's errors come
 * out as LedgerStoreError saying whether a retry can help.
 */
import Database from 'better-sqlite3';
import { RedlineError, errorMessage } from '../common/errors.js';
import type { RedlineConfig } from '../config/schema.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerStoreError } from './errors.js';
import type {
  AuditPage, HazardChange, HazardQuery, LedgerState, LedgerStore, Page, PassInput, PassOutcome, ReconcilePlan,
} from './port.js';
import { LEDGER_COMPONENT, LEDGER_MIGRATIONS } from './schema.js';
import {
  attachmentEvent, attachmentWithBytes, changedHazard, changeOf, checkAttachmentSize, checkNewHazard, checkNewWaiver, checkPage, checkPassInput,
  checkTime, findingOf, openedEvent, PassCounter, revokedWaiver, hazardRow, hazardWhere, INDEXED_HAZARD_COLUMNS, sitesOf, waiverRow,
  type ChangeRow, type FindingRow,
} from './store-common.js';
import { appendAuditSync, auditRecordOf, migrate, openLedgerDb, schemaVersion, type LedgerDb } from './sqlite-db.js';
import type {
  Attachment, AuditEntry, AuditRecord, FindingChange, FindingRecord, Hazard, HazardEvent, HazardStatus, LedgerWaiver,
} from './types.js';

/** How the SQLite ledger is opened. */
export interface SqliteLedgerStoreOptions {
  /**
   * Opens an existing, up-to-date ledger for reading only (an offline command beside the running
   * daemon); nothing is migrated and every write fails with a non-retryable LedgerStoreError.
   */
  readonly readOnly?: boolean;
  /** The file never grows past this (SQLite's `max_page_count`); writes past it fail as a full disk. */
  readonly maxSizeBytes?: number;
  /**
   * The largest file attachment accepted, in bytes: the API enforces `settings.ledger.maxAttachmentKB`
   * before reading an upload, and the store refuses anything larger as well, whoever calls it.
   */
  readonly maxAttachmentBytes?: number;
}

/** The store options that `settings.ledger` decides (the file's path is resolved by the caller). */
export function sqliteLedgerOptions(ledger: RedlineConfig['settings']['ledger']): SqliteLedgerStoreOptions {
  return { maxAttachmentBytes: ledger.maxAttachmentKB * 1024 };
}

/** The SQLite ledger: the port, plus what only a file-backed ledger offers. */
export interface SqliteLedgerStore extends LedgerStore {
  /** The ledger file. */
  readonly file: string;
  /** The open connection, for the SQLite-only parts that share the file (checkpoints, accounts). */
  readonly db: LedgerDb;
  /** Copies the ledger, consistent at one instant, to `targetFile` while it stays in use (`redline backup`). */
  backup(targetFile: string): Promise<void>;
}

/** SQLite result codes after which the same call may succeed later (lock released, space freed, I/O recovered). */
const RETRYABLE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;

/** What each retryable or telling SQLite code means for the ledger, in words for the log. */
function sqliteHint(code: string): string {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'another writer held the ledger longer than the busy timeout';
  if (code.startsWith('SQLITE_FULL')) return 'the disk, or the ledger file\'s size cap, is full';
  if (code.startsWith('SQLITE_IOERR')) return 'the disk reported an I/O error';
  if (code.startsWith('SQLITE_READONLY')) return 'the ledger is open read-only or its file is not writable';
  if (code.startsWith('SQLITE_CORRUPT')) return 'the ledger file is damaged; restore it from a backup';
  return 'the ledger database refused the operation';
}

/** Maps a failure of `op` to the ledger's typed errors: SQLite errors become LedgerStoreError; the ledger's own pass through. */
export function ledgerStoreError(op: string, err: unknown): Error {
  if (err instanceof RedlineError) return err;
  if (err instanceof Database.SqliteError) {
    return new LedgerStoreError(`ledger: ${op} failed: ${sqliteHint(err.code)} (${err.code}: ${err.message})`, {
      retryable: RETRYABLE_CODES.test(err.code), cause: err, code: err.code,
    });
  }
  return err instanceof Error ? err : new Error(`ledger: ${op} failed: ${errorMessage(err)}`);
}

/**
 * The state of every finding present at @at: the latest change at or before @at per fingerprint
 * (one seek on finding_change (fingerprint, at) each), unless that change is `gone`. firstSeen is
 * the first change of its current presence (after its last `gone`); lastSeen the last pass at or
 * before @at that it was in (bounded by the stored last_seen).
 */
const FINDINGS_AT = `
  WITH present AS (
    SELECT f.fingerprint, f.rule, f.subject_kind, f.subject_id, f.last_seen,
      (SELECT c.seq FROM finding_change c WHERE c.fingerprint = f.fingerprint AND c.at <= @at ORDER BY c.at DESC, c.seq DESC LIMIT 1) AS change_seq
    FROM ledger_finding f
  )
  SELECT p.fingerprint, p.rule, p.subject_kind, p.subject_id, c.to_state AS state, c.colour, c.at AS since, c.policy_hash,
    MAX(c.at, MIN(p.last_seen, COALESCE((SELECT MAX(lp.at) FROM ledger_pass lp WHERE lp.at <= @at), @at))) AS last_seen,
    (SELECT MIN(c3.at) FROM finding_change c3 WHERE c3.fingerprint = p.fingerprint AND c3.at > COALESCE(
      (SELECT MAX(c4.at) FROM finding_change c4 WHERE c4.fingerprint = p.fingerprint AND c4.to_state = 'gone' AND c4.at <= @at), -1)) AS first_seen
  FROM present p JOIN finding_change c ON c.seq = p.change_seq
  WHERE c.to_state != 'gone'`;

/** Opens (creating or upgrading) the ledger at `file` and returns it as a LedgerStore. */
export function openSqliteLedgerStore(file: string, opts: SqliteLedgerStoreOptions = {}): SqliteLedgerStore {
  const db = openLedgerDb(file, opts.readOnly === true ? { readOnly: true } : {});
  try {
    if (opts.readOnly === true) {
      const v = schemaVersion(db, LEDGER_COMPONENT);
      if (v !== LEDGER_MIGRATIONS.length) {
        throw new LedgerStoreError(`ledger: ${file} has ledger schema version ${v}, this redline reads version ${LEDGER_MIGRATIONS.length}; open it once for writing to upgrade it`, { retryable: false });
      }
    } else {
      migrate(db, LEDGER_COMPONENT, LEDGER_MIGRATIONS);
    }
    if (opts.maxSizeBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(opts.maxSizeBytes / pageSize))}`);
    }
  } catch (err) {
    db.close();
    throw ledgerStoreError(`opening ${file}`, err);
  }
  return new SqliteLedger(file, db, opts.maxAttachmentBytes ?? Number.POSITIVE_INFINITY);
}

/** The SQLite implementation; statements are prepared once. */
class SqliteLedger implements SqliteLedgerStore {
  private closed = false;
  private readonly st;
  /** Statements built from a query's shape (which filters are present), prepared once per shape. */
  private readonly byShape = new Map<string, Database.Statement>();

  constructor(readonly file: string, readonly db: LedgerDb, private readonly maxAttachmentBytes: number) {
    this.st = {
      presentFindings: db.prepare('SELECT * FROM ledger_finding WHERE gone = 0'),
      latestHazards: db.prepare(`SELECT h.json FROM hazard h
        JOIN (SELECT fingerprint, MAX(found_at) AS found_at FROM hazard WHERE fingerprint IS NOT NULL GROUP BY fingerprint) m
        ON h.fingerprint = m.fingerprint AND h.found_at = m.found_at ORDER BY h.found_at, h.id`),
      upsertFinding: db.prepare(`INSERT INTO ledger_finding (fingerprint, rule, subject_kind, subject_id, state, colour, first_seen, last_seen, since, policy_hash, gone)
        VALUES (@fingerprint, @rule, @subject_kind, @subject_id, @state, @colour, @first_seen, @last_seen, @since, @policy_hash, 0)
        ON CONFLICT (fingerprint) DO UPDATE SET rule = excluded.rule, subject_kind = excluded.subject_kind, subject_id = excluded.subject_id,
          state = excluded.state, colour = excluded.colour, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
          since = excluded.since, policy_hash = excluded.policy_hash, gone = 0`),
      markGone: db.prepare('UPDATE ledger_finding SET gone = 1 WHERE fingerprint = ?'),
      bumpLastSeen: db.prepare('UPDATE ledger_finding SET last_seen = ? WHERE fingerprint IN (SELECT value FROM json_each(?)) AND last_seen < ?'),
      insertChange: db.prepare(`INSERT INTO finding_change (fingerprint, at, from_state, to_state, colour, evidence_json, explanation_json, policy_hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertPass: db.prepare('INSERT INTO ledger_pass (at, policy_hash, findings, counts_json) VALUES (?, ?, ?, ?)'),
      hazardHead: db.prepare('SELECT version, status FROM hazard WHERE id = ?'),
      hazardJson: db.prepare('SELECT json FROM hazard WHERE id = ?'),
      insertHazard: db.prepare(`INSERT INTO hazard (id, fingerprint, status, colour, colour_rank, site, protection_class, owner_person, rule, deadline, fixed_at, closed_at, version, found_at, json)
        VALUES (@id, @fingerprint, @status, @colour, @colour_rank, @site, @protection_class, @owner_person, @rule, @deadline, @fixed_at, @closed_at, @version, @found_at, @json)`),
      updateHazard: db.prepare(`UPDATE hazard SET fingerprint = @fingerprint, status = @status, colour = @colour, colour_rank = @colour_rank, site = @site,
        protection_class = @protection_class, owner_person = @owner_person, rule = @rule, deadline = @deadline, fixed_at = @fixed_at,
        closed_at = @closed_at, version = @version, found_at = @found_at, json = @json WHERE id = @id`),
      hazardIndexed: db.prepare(`SELECT fingerprint, status, colour, colour_rank, site, protection_class, owner_person, rule, deadline, fixed_at, closed_at, found_at,
        (SELECT json_group_array(site) FROM (SELECT site FROM hazard_site WHERE hazard_id = @id ORDER BY site)) AS sites
        FROM hazard WHERE id = @id`),
      updateHazardBody: db.prepare('UPDATE hazard SET version = @version, json = @json WHERE id = @id'),
      deleteSites: db.prepare('DELETE FROM hazard_site WHERE hazard_id = ?'),
      insertSite: db.prepare('INSERT INTO hazard_site (site, hazard_id) VALUES (?, ?)'),
      nextEventSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM hazard_event WHERE hazard_id = ?'),
      insertEvent: db.prepare('INSERT INTO hazard_event (hazard_id, seq, at, actor, kind, json) VALUES (?, ?, ?, ?, ?, ?)'),
      events: db.prepare('SELECT json FROM hazard_event WHERE hazard_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
      changes: db.prepare('SELECT * FROM finding_change WHERE fingerprint = ? AND at < ? ORDER BY at DESC, seq DESC LIMIT ?'),
      findingsAt: db.prepare(`${FINDINGS_AT} ORDER BY p.fingerprint LIMIT @limit OFFSET @offset`),
      findingsAtTotal: db.prepare(`SELECT COUNT(*) AS n FROM (${FINDINGS_AT})`),
      attachmentExists: db.prepare('SELECT 1 FROM attachment WHERE id = ?'),
      insertAttachment: db.prepare('INSERT INTO attachment (id, hazard_id, at, json, bytes) VALUES (?, ?, ?, ?, ?)'),
      attachments: db.prepare('SELECT json FROM attachment WHERE hazard_id = ? ORDER BY at, id'),
      attachmentBytes: db.prepare('SELECT bytes FROM attachment WHERE id = ?'),
      waiverJson: db.prepare('SELECT json FROM waiver WHERE id = ?'),
      allWaivers: db.prepare('SELECT json FROM waiver ORDER BY created_at, id'),
      activeWaivers: db.prepare('SELECT json FROM waiver WHERE until > @at AND created_at <= @at AND (revoked_at IS NULL OR revoked_at > @at) ORDER BY created_at, id'),
      insertWaiver: db.prepare(`INSERT INTO waiver (id, version, rule, subject_kind, subject_id, created_at, until, revoked_at, json)
        VALUES (@id, @version, @rule, @subject_kind, @subject_id, @created_at, @until, @revoked_at, @json)`),
      updateWaiver: db.prepare('UPDATE waiver SET version = @version, until = @until, revoked_at = @revoked_at, json = @json WHERE id = @id'),
    };
  }

  /** Runs `fn` unless closed, mapping SQLite's errors; every failure comes back as a rejection, never a throw. */
  private guard<T>(op: string, fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new LedgerStoreError(`ledger: ${op}: the ledger store is closed`, { retryable: false }));
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(ledgerStoreError(op, err));
    }
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.byShape.get(sql);
    if (statement === undefined) {
      // list lengths are part of the shape: keep the cache bounded whatever callers send
      if (this.byShape.size >= 256) this.byShape.clear();
      statement = this.db.prepare(sql);
      this.byShape.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn` in one write transaction that takes the write lock first. */
  private write<T>(op: string, fn: () => T): Promise<T> {
    return this.guard(op, () => this.db.transaction(fn).immediate());
  }

  private hazardOrNull(id: string): Hazard | null {
    const row = this.st.hazardJson.get(id) as { json: string } | undefined;
    return row === undefined ? null : JSON.parse(row.json) as Hazard;
  }

  /**
   * Writes a hazard and its sites. A change that leaves every indexed column and the sites as
   * they were (most of what a pass writes: a counter, the last measurement) rewrites only the
   * version and the JSON, so the seven indexes and the site rows are not touched.
   */
  private writeHazard(h: Hazard, isNew: boolean): void {
    const row = hazardRow(h);
    const sites = sitesOf(h).sort();
    if (isNew) {
      this.st.insertHazard.run(row);
    } else {
      const before = this.st.hazardIndexed.get({ id: h.id }) as Record<string, unknown> | undefined;
      const indexedSame = before !== undefined && INDEXED_HAZARD_COLUMNS.every((c) => before[c] === row[c]);
      if (indexedSame) this.st.updateHazardBody.run({ id: h.id, version: h.version, json: row['json'] });
      else this.st.updateHazard.run(row);
      if (before !== undefined && before['sites'] === JSON.stringify(sites)) return;
      this.st.deleteSites.run(h.id);
    }
    for (const site of sites) this.st.insertSite.run(site, h.id);
  }

  private writeEvent(e: Omit<HazardEvent, 'seq'>): HazardEvent {
    const { seq } = this.st.nextEventSeq.get(e.hazardId) as { seq: number };
    const event: HazardEvent = { ...e, seq };
    this.st.insertEvent.run(e.hazardId, seq, e.at, e.actor, e.kind, JSON.stringify(event));
    return event;
  }

  private loadState(): LedgerState {
    const findings = new Map<string, FindingRecord>();
    for (const r of this.st.presentFindings.all() as FindingRow[]) findings.set(r.fingerprint, findingOf(r));
    const hazards = new Map<string, Hazard>();
    for (const r of this.st.latestHazards.all() as { json: string }[]) {
      const h = JSON.parse(r.json) as Hazard;
      if (h.fingerprint !== null) hazards.set(h.fingerprint, h);
    }
    return { findings, hazards };
  }

  applyPass(pass: PassInput, plan: (state: LedgerState, pass: PassInput) => ReconcilePlan): Promise<PassOutcome> {
    return this.write('applyPass', () => {
      checkPassInput(pass);
      const p = plan(this.loadState(), pass);
      for (const f of p.findings) {
        this.st.upsertFinding.run({
          fingerprint: f.fingerprint, rule: f.rule, subject_kind: f.subject.kind, subject_id: f.subject.id, state: f.state, colour: f.colour,
          first_seen: f.firstSeen, last_seen: f.lastSeen, since: f.since, policy_hash: f.policyHash,
        });
      }
      for (const fp of p.goneFindings) this.st.markGone.run(fp);
      for (const c of p.findingChanges) {
        this.st.insertChange.run(c.fingerprint, c.at, c.from, c.to, c.colour, JSON.stringify(c.evidence), c.explanation === null ? null : JSON.stringify(c.explanation), c.policyHash);
      }
      this.st.bumpLastSeen.run(pass.at, JSON.stringify(pass.findings.map((f) => f.fingerprint)), pass.at);
      const counter = new PassCounter();
      for (const h of p.hazards) {
        const before = this.st.hazardHead.get(h.id) as { version: number; status: HazardStatus } | undefined;
        counter.hazard(h, before);
        this.writeHazard(h, before === undefined);
      }
      for (const e of p.events) this.writeEvent(e);
      const audit = appendAuditSync(this.db, p.audit);
      const outcome = counter.outcome(p, audit.length);
      this.st.insertPass.run(pass.at, pass.policyHash, pass.findings.length, JSON.stringify(outcome));
      return outcome;
    });
  }

  findingsAt(at: number, page: { readonly limit: number; readonly offset: number }): Promise<Page<FindingRecord>> {
    return this.guard('findingsAt', () => {
      checkTime('findingsAt', 'at', at);
      checkPage('findingsAt', page.limit, page.offset);
      return this.db.transaction(() => {
        const { n } = this.st.findingsAtTotal.get({ at }) as { n: number };
        const rows = this.st.findingsAt.all({ at, limit: page.limit, offset: page.offset }) as FindingRow[];
        return { total: n, items: rows.map(findingOf) };
      }).deferred();
    });
  }

  findingChanges(fingerprint: string, page: { readonly limit: number; readonly before?: number }): Promise<readonly FindingChange[]> {
    return this.guard('findingChanges', () => {
      checkPage('findingChanges', page.limit);
      const rows = this.st.changes.all(fingerprint, page.before ?? Number.MAX_SAFE_INTEGER, page.limit) as ChangeRow[];
      return rows.map(changeOf);
    });
  }

  hazard(id: string): Promise<Hazard | null> {
    return this.guard('hazard', () => this.hazardOrNull(id));
  }

  hazards(query: HazardQuery): Promise<Page<Hazard>> {
    return this.guard('hazards', () => {
      checkTime('hazards', 'now', query.now);
      checkPage('hazards', query.limit, query.offset);
      const where = hazardWhere(query, 'sqlite');
      return this.db.transaction(() => {
        const { n } = this.prepared(`SELECT COUNT(*) AS n FROM hazard ${where.sql}`).get(...where.params) as { n: number };
        // order and page over the narrow index columns first, then read only the page's JSON
        const rows = this.prepared(`SELECT json FROM hazard WHERE rowid IN (
            SELECT rowid FROM hazard ${where.sql} ORDER BY colour_rank, deadline, id LIMIT ? OFFSET ?)
          ORDER BY colour_rank, deadline, id`)
          .all(...where.params, query.limit, query.offset) as { json: string }[];
        return { total: n, items: rows.map((r) => JSON.parse(r.json) as Hazard) };
      }).deferred();
    });
  }

  hazardEvents(id: string, page: { readonly limit: number; readonly afterSeq?: number }): Promise<readonly HazardEvent[]> {
    return this.guard('hazardEvents', () => {
      checkPage('hazardEvents', page.limit);
      const rows = this.st.events.all(id, page.afterSeq ?? 0, page.limit) as { json: string }[];
      return rows.map((r) => JSON.parse(r.json) as HazardEvent);
    });
  }

  updateHazard(id: string, expectedVersion: number, change: HazardChange): Promise<Hazard> {
    return this.write('updateHazard', () => {
      const result = changedHazard(id, this.hazardOrNull(id), expectedVersion, change);
      this.writeHazard(result.hazard, false);
      this.writeEvent(result.event);
      appendAuditSync(this.db, [result.audit]);
      return result.hazard;
    });
  }

  createHazard(hazard: Hazard, audit: AuditEntry): Promise<Hazard> {
    return this.write('createHazard', () => {
      checkNewHazard(hazard, (this.st.hazardHead.get(hazard.id) as { version: number } | undefined)?.version);
      this.writeHazard(hazard, true);
      this.writeEvent(openedEvent(hazard, audit));
      appendAuditSync(this.db, [audit]);
      return hazard;
    });
  }

  addAttachment(attachment: Attachment, bytes: Buffer | null, audit: AuditEntry): Promise<Attachment> {
    return this.write('addAttachment', () => {
      checkAttachmentSize(attachment, bytes, this.maxAttachmentBytes);
      const a = attachmentWithBytes(attachment, bytes);
      if (this.st.hazardHead.get(a.hazardId) === undefined) throw new LedgerNotFoundError(`ledger: no hazard ${a.hazardId} to attach ${a.id} to`);
      if (this.st.attachmentExists.get(a.id) !== undefined) throw new LedgerConflictError(`ledger: attachment ${a.id} already exists`, 1);
      this.st.insertAttachment.run(a.id, a.hazardId, a.at, JSON.stringify(a), bytes);
      this.writeEvent(attachmentEvent(a));
      appendAuditSync(this.db, [audit]);
      return a;
    });
  }

  attachments(hazardId: string): Promise<readonly Attachment[]> {
    return this.guard('attachments', () => (this.st.attachments.all(hazardId) as { json: string }[]).map((r) => JSON.parse(r.json) as Attachment));
  }

  attachmentBytes(id: string): Promise<Buffer | null> {
    return this.guard('attachmentBytes', () => {
      const row = this.st.attachmentBytes.get(id) as { bytes: Buffer | null } | undefined;
      if (row === undefined) throw new LedgerNotFoundError(`ledger: no attachment ${id}`);
      return row.bytes;
    });
  }

  waivers(filter: { readonly activeAt?: number }): Promise<readonly LedgerWaiver[]> {
    return this.guard('waivers', () => {
      const rows = (filter.activeAt === undefined ? this.st.allWaivers.all() : this.st.activeWaivers.all({ at: filter.activeAt })) as { json: string }[];
      return rows.map((r) => JSON.parse(r.json) as LedgerWaiver);
    });
  }

  createWaiver(waiver: LedgerWaiver, audit: AuditEntry): Promise<LedgerWaiver> {
    return this.write('createWaiver', () => {
      const existing = this.st.waiverJson.get(waiver.id) as { json: string } | undefined;
      checkNewWaiver(waiver, existing === undefined ? undefined : JSON.parse(existing.json) as LedgerWaiver);
      this.st.insertWaiver.run(waiverRow(waiver));
      appendAuditSync(this.db, [audit]);
      return waiver;
    });
  }

  revokeWaiver(id: string, expectedVersion: number, at: number, audit: AuditEntry): Promise<LedgerWaiver> {
    return this.write('revokeWaiver', () => {
      const row = this.st.waiverJson.get(id) as { json: string } | undefined;
      const revoked = revokedWaiver(id, row === undefined ? undefined : JSON.parse(row.json) as LedgerWaiver, expectedVersion, at);
      this.st.updateWaiver.run(waiverRow(revoked));
      appendAuditSync(this.db, [audit]);
      return revoked;
    });
  }

  appendAudit(entry: AuditEntry): Promise<AuditRecord> {
    return this.write('appendAudit', () => appendAuditSync(this.db, [entry])[0]!);
  }

  audit(page: AuditPage): Promise<readonly AuditRecord[]> {
    return this.guard('audit', () => {
      checkPage('audit', page.limit);
      const parts = ['seq > ?'];
      const params: unknown[] = [page.afterSeq ?? 0];
      if (page.actor !== undefined) { parts.push('actor = ?'); params.push(page.actor); }
      if (page.action !== undefined) { parts.push('action = ?'); params.push(page.action); }
      if (page.target !== undefined) { parts.push('substr(target, 1, ?) = ?'); params.push(page.target.length, page.target); }
      if (page.from !== undefined) { parts.push('at >= ?'); params.push(page.from); }
      if (page.until !== undefined) { parts.push('at < ?'); params.push(page.until); }
      const rows = this.prepared(`SELECT * FROM audit WHERE ${parts.join(' AND ')} ORDER BY seq LIMIT ?`).all(...params, page.limit);
      return (rows as Parameters<typeof auditRecordOf>[0][]).map(auditRecordOf);
    });
  }

  async backup(targetFile: string): Promise<void> {
    if (this.closed) throw new LedgerStoreError('ledger: backup: the ledger store is closed', { retryable: false });
    try {
      await this.db.backup(targetFile);
    } catch (err) {
      const mapped = ledgerStoreError(`backup to ${targetFile}`, err);
      throw mapped instanceof LedgerStoreError ? mapped : new LedgerStoreError(`ledger: backup to ${targetFile} failed: ${errorMessage(err)}`, { retryable: false, cause: err });
    }
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.db.close();
    }
    return Promise.resolve();
  }
}

