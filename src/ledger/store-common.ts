/**
 * What every LedgerStore implementation shares (SQLite and PostgreSQL): the rows kept beside a
 * hazard's JSON, the mapping of stored rows to records, and the argument checks, so that both
 * stores store and refuse exactly the same things.
 */
import { createHash } from 'node:crypto';
import { COLOURS, type Colour, type Evidence, type FindingState, type SubjectKind } from '../analysis/finding.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerRuleError } from './errors.js';
import type { HazardChange, HazardQuery, PassInput, PassOutcome, ReconcilePlan } from './port.js';
import type { Attachment, AuditEntry, AuditRecord, FindingChange, FindingRecord, Hazard, HazardEvent, HazardStatus, LedgerWaiver } from './types.js';

/** Sort rank of a risk colour: red (most severe) 0 … blue 3. */
export function colourRank(c: Colour): number {
  return COLOURS.length - 1 - COLOURS.indexOf(c);
}

export interface FindingRow {
  fingerprint: string; rule: string; subject_kind: string; subject_id: string; state: string; colour: string | null;
  first_seen: number; last_seen: number; since: number; policy_hash: string;
}

export interface ChangeRow {
  fingerprint: string; at: number; from_state: string | null; to_state: string; colour: string | null;
  evidence_json: string; explanation_json: string | null; policy_hash: string;
}

export function findingOf(r: FindingRow): FindingRecord {
  return {
    fingerprint: r.fingerprint, rule: r.rule, subject: { kind: r.subject_kind as SubjectKind, id: r.subject_id },
    state: r.state as FindingState, colour: r.colour as Colour | null,
    firstSeen: r.first_seen, lastSeen: r.last_seen, since: r.since, policyHash: r.policy_hash,
  };
}

export function changeOf(r: ChangeRow): FindingChange {
  return {
    fingerprint: r.fingerprint, at: r.at, from: r.from_state as FindingState | null, to: r.to_state as FindingState | 'gone',
    colour: r.colour as Colour | null, evidence: JSON.parse(r.evidence_json) as Evidence[],
    explanation: r.explanation_json === null ? null : JSON.parse(r.explanation_json) as FindingChange['explanation'],
    policyHash: r.policy_hash,
  };
}

export function hazardRow(h: Hazard): Record<string, unknown> {
  return {
    id: h.id, fingerprint: h.fingerprint, status: h.status, colour: h.colour, colour_rank: colourRank(h.colour),
    site: h.location.siteId, protection_class: h.protectionClass, owner_person: h.ownerPerson, rule: h.rule,
    deadline: h.deadline, fixed_at: h.fixedAt, closed_at: h.closedAt, version: h.version, found_at: h.foundAt,
    json: JSON.stringify(h),
  };
}

/** The hazard columns kept beside the JSON for queries (all but id, version and json). */
export const INDEXED_HAZARD_COLUMNS = [
  'fingerprint', 'status', 'colour', 'colour_rank', 'site', 'protection_class', 'owner_person', 'rule', 'deadline', 'fixed_at', 'closed_at', 'found_at',
] as const;

/** Every site a hazard touches, once each. */
export function sitesOf(h: Hazard): string[] {
  const all = new Set(h.location.sites);
  if (h.location.siteId !== null) all.add(h.location.siteId);
  return [...all];
}

/** Refuses a page that is not a positive limit and a non-negative offset. */
export function checkPage(op: string, limit: number, offset = 0): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`ledger: ${op}: limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`ledger: ${op}: offset must be a non-negative integer, got ${offset}`);
}

export function checkTime(op: string, what: string, t: number): void {
  if (!Number.isFinite(t)) throw new RangeError(`ledger: ${op}: ${what} must be a time in ms since the epoch, got ${t}`);
}

export function waiverRow(w: LedgerWaiver): Record<string, unknown> {
  return {
    id: w.id, version: w.version, rule: w.rule, subject_kind: w.subject.kind, subject_id: w.subject.id,
    created_at: w.createdAt, until: w.until, revoked_at: w.revokedAt, json: JSON.stringify(w),
  };
}

/**
 * The attachment as stored: a file carries its bytes, whose size and sha256 are recorded (and
 * must match what the caller stated, if it stated them); a comment or link carries none.
 */
export function attachmentWithBytes(a: Attachment, bytes: Buffer | null): Attachment {
  if (a.kind !== 'file') {
    if (bytes !== null) throw new LedgerRuleError(`ledger: attachment ${a.id} is a ${a.kind}; only a file carries bytes`);
    return a;
  }
  if (bytes === null) throw new LedgerRuleError(`ledger: attachment ${a.id} is a file but came without its bytes`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (a.size !== undefined && a.size !== bytes.length) throw new LedgerRuleError(`ledger: attachment ${a.id} says it has ${a.size} bytes, but ${bytes.length} came`);
  if (a.sha256 !== undefined && a.sha256 !== sha256) throw new LedgerRuleError(`ledger: attachment ${a.id} says its sha256 is ${a.sha256}, but the bytes that came hash to ${sha256}`);
  return { ...a, size: bytes.length, sha256 };
}

export interface AuditRow {
  seq: number; at: number; actor: string; action: string; target: string;
  before: string | null; after: string | null; prev_hash: string; hash: string;
}

/** A stored audit row as a record. */
export function auditRecordOf(row: AuditRow): AuditRecord {
  return {
    seq: row.seq, at: row.at, actor: row.actor, action: row.action, target: row.target,
    before: row.before === null ? null : JSON.parse(row.before) as unknown,
    after: row.after === null ? null : JSON.parse(row.after) as unknown,
    prevHash: row.prev_hash, hash: row.hash,
  };
}

/**
 * The WHERE clause and its parameters for a hazard query, in SQLite's (`?`) or PostgreSQL's
 * (`$n`) placeholders; an empty "any of" list matches nothing.
 */
export function hazardWhere(q: HazardQuery, dialect: 'sqlite' | 'pg'): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown): string => {
    params.push(v);
    return dialect === 'pg' ? `$${params.length}` : '?';
  };
  const list = (values: readonly unknown[]): string => values.map(param).join(', ');
  const anyOf = (column: string, values: readonly unknown[] | undefined): void => {
    if (values === undefined) return;
    parts.push(values.length === 0 ? 'FALSE' : `${column} IN (${list(values)})`);
  };
  anyOf('status', q.status);
  // on colour_rank, the first column of the list order's index, so a colour filter is a range of it
  anyOf('colour_rank', q.colour?.map(colourRank));
  anyOf('protection_class', q.protectionClass);
  anyOf('owner_person', q.owner);
  anyOf('rule', q.rule);
  anyOf('fingerprint', q.fingerprint);
  // the grade is read from the stored JSON (no column of its own): a filter over the rows the other columns left
  anyOf(dialect === 'pg' ? "COALESCE((json::jsonb)->>'grade', 'none')" : "COALESCE(json_extract(json, '$.grade'), 'none')", q.grade);
  if (q.site !== undefined) {
    parts.push(q.site.length === 0 ? 'FALSE' : `id IN (SELECT hazard_id FROM hazard_site WHERE site IN (${list(q.site)}))`);
  }
  if (q.overdue !== undefined) {
    const overdue = `status != 'closed' AND COALESCE(fixed_at, ${param(q.now)}${dialect === 'pg' ? '::bigint' : ''}) > deadline`;
    parts.push(q.overdue ? overdue : `NOT (${overdue})`);
  }
  return { sql: parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`, params };
}

/** Refuses a pass without a time or a policy hash. */
export function checkPassInput(pass: PassInput): void {
  checkTime('applyPass', 'pass.at', pass.at);
  if (typeof pass.policyHash !== 'string' || pass.policyHash === '') throw new RangeError('ledger: applyPass: pass.policyHash must be the policy\'s sha256, got an empty value');
}

/** What a pass's writes add up to, counted hazard by hazard. */
export class PassCounter {
  opened = 0;
  reopened = 0;
  pendingVerification = 0;

  /** Checks that the plan writes `h` as the next version of what is stored (`before`), and counts it. */
  hazard(h: Hazard, before: { readonly version: number; readonly status: HazardStatus } | undefined): void {
    const expected = before === undefined ? 1 : before.version + 1;
    if (h.version !== expected) {
      throw new LedgerConflictError(`ledger: the pass plan writes hazard ${h.id} as version ${h.version}, but the next version is ${expected}`, before?.version ?? 0);
    }
    if (before === undefined) this.opened++;
    if (h.status === 'reopened' && before?.status !== 'reopened') this.reopened++;
    if (h.status === 'pendingVerification' && before?.status !== 'pendingVerification') this.pendingVerification++;
  }

  outcome(p: ReconcilePlan, auditRecords: number): PassOutcome {
    return {
      findingChanges: p.findingChanges.length, opened: this.opened, reopened: this.reopened, pendingVerification: this.pendingVerification,
      hazardsChanged: p.hazards.length, auditRecords,
    };
  }
}

/** Applies a person's change to the stored hazard, refusing a stale version or a change that returns the wrong hazard. */
export function changedHazard(id: string, current: Hazard | null, expectedVersion: number, change: HazardChange): ReturnType<HazardChange> {
  if (current === null) throw new LedgerNotFoundError(`ledger: no hazard ${id}`);
  if (current.version !== expectedVersion) {
    throw new LedgerConflictError(`ledger: hazard ${id} is at version ${current.version}, not ${expectedVersion}: someone changed it first; reload it and try again`, current.version);
  }
  const result = change(current);
  if (result.hazard.id !== id || result.hazard.version !== current.version + 1) {
    throw new Error(`ledger: a change of hazard ${id} returned ${result.hazard.id} version ${result.hazard.version}; it must return ${id} version ${current.version + 1}`);
  }
  if (result.event.hazardId !== id) throw new Error(`ledger: a change of hazard ${id} returned an event of hazard ${result.event.hazardId}`);
  return result;
}

/** Refuses a new hazard that is not at version 1, or that already exists (`existingVersion`). */
export function checkNewHazard(hazard: Hazard, existingVersion: number | undefined): void {
  if (hazard.version !== 1) throw new RangeError(`ledger: a new hazard starts at version 1; ${hazard.id} has version ${hazard.version}`);
  if (existingVersion !== undefined) throw new LedgerConflictError(`ledger: hazard ${hazard.id} already exists`, existingVersion);
}

/** The event that files a new hazard. */
export function openedEvent(hazard: Hazard, audit: AuditEntry): Omit<HazardEvent, 'seq'> {
  return { hazardId: hazard.id, at: audit.at, actor: audit.actor, kind: 'opened', to: hazard.status };
}

/** Refuses bytes larger than the store accepts. */
export function checkAttachmentSize(attachment: Attachment, bytes: Buffer | null, maxBytes: number): void {
  if (bytes !== null && bytes.length > maxBytes) {
    throw new LedgerRuleError(`ledger: attachment ${attachment.id} has ${bytes.length} bytes; the most a file may have is ${maxBytes} (settings.ledger.maxAttachmentKB)`);
  }
}

/** The hazard event an attachment adds: a comment, or evidence naming the link or file. */
export function attachmentEvent(a: Attachment): Omit<HazardEvent, 'seq'> {
  const evidence: Evidence[] = a.kind === 'comment' ? [] : [{ what: a.kind, value: a.ref ?? a.id, observedAt: new Date(a.at).toISOString() }];
  return {
    hazardId: a.hazardId, at: a.at, actor: a.by, kind: a.kind === 'comment' ? 'comment' : 'evidence', text: a.text,
    ...(evidence.length > 0 ? { evidence } : {}),
  };
}

/** Refuses a new waiver that is not at version 1, ends before it begins, or already exists. */
export function checkNewWaiver(waiver: LedgerWaiver, existing: LedgerWaiver | undefined): void {
  if (waiver.version !== 1) throw new RangeError(`ledger: a new waiver starts at version 1; ${waiver.id} has version ${waiver.version}`);
  if (!(waiver.until > waiver.createdAt)) throw new LedgerRuleError(`ledger: waiver ${waiver.id} ends (until ${waiver.until}) before it begins (createdAt ${waiver.createdAt})`);
  if (existing !== undefined) throw new LedgerConflictError(`ledger: waiver ${waiver.id} already exists`, existing.version);
}

/** The stored waiver `current` revoked at `at`, refusing a missing, stale or already revoked one. */
export function revokedWaiver(id: string, current: LedgerWaiver | undefined, expectedVersion: number, at: number): LedgerWaiver {
  checkTime('revokeWaiver', 'at', at);
  if (current === undefined) throw new LedgerNotFoundError(`ledger: no waiver ${id}`);
  if (current.version !== expectedVersion) {
    throw new LedgerConflictError(`ledger: waiver ${id} is at version ${current.version}, not ${expectedVersion}: someone changed it first`, current.version);
  }
  if (current.revokedAt !== null) throw new LedgerRuleError(`ledger: waiver ${id} was already revoked at ${new Date(current.revokedAt).toISOString()}`);
  return { ...current, version: current.version + 1, revokedAt: at };
}
