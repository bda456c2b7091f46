/**
 * The ledger store port: what the daemon, the API and the offline commands ask of the ledger's
 * storage. Every method is async so that PostgreSQL can back it as well as SQLite; one contract
 * suite (test/ledger/store-contract.ts) runs against every implementation. Every write appends
 * its audit record(s) in the same transaction as the write itself: a write without its audit
 * record, or an audit record without its write, never exists.
 */
import type { Colour, Finding } from '../analysis/finding.js';
import type { ProtectionClass } from '../config/schema.js';
import type {
  Attachment, AuditEntry, AuditRecord, FindingChange, FindingRecord, Hazard, HazardEvent, HazardGrade, HazardStatus, LedgerWaiver,
} from './types.js';

/** One analysis pass as the ledger receives it. */
export interface PassInput {
  readonly at: number;
  /** sha256 (hex) of the policy text in force. */
  readonly policyHash: string;
  readonly findings: readonly Finding[];
}

/** What the ledger holds that a pass is reconciled against. */
export interface LedgerState {
  /** Every finding not `gone`, by fingerprint. */
  readonly findings: ReadonlyMap<string, FindingRecord>;
  /** The latest hazard of each fingerprint (any status, closed included), by fingerprint. */
  readonly hazards: ReadonlyMap<string, Hazard>;
}

/**
 * What a pass changes, decided by the pure reconciliation and written by the store in one
 * transaction. The store also sets `lastSeen = pass.at` on every finding present in the pass
 * (one statement), so `findings` lists only records that are new or whose state or colour changed.
 */
export interface ReconcilePlan {
  readonly findings: readonly FindingRecord[];
  /** Fingerprints that left the analysis (their change to `gone` is in `findingChanges`). */
  readonly goneFindings: readonly string[];
  readonly findingChanges: readonly FindingChange[];
  /** New hazards (version 1) and replaced ones (version already incremented). */
  readonly hazards: readonly Hazard[];
  readonly events: readonly Omit<HazardEvent, 'seq'>[];
  readonly audit: readonly AuditEntry[];
}

/** What a pass did, in counts (for logs and metrics). */
export interface PassOutcome {
  readonly findingChanges: number;
  readonly opened: number;
  readonly reopened: number;
  readonly pendingVerification: number;
  readonly hazardsChanged: number;
  readonly auditRecords: number;
}

/** A filter over hazards; each list is "any of"; absent means no filter. */
export interface HazardQuery {
  readonly status?: readonly HazardStatus[];
  readonly colour?: readonly Colour[];
  readonly site?: readonly string[];
  readonly protectionClass?: readonly ProtectionClass[];
  readonly owner?: readonly string[];
  readonly rule?: readonly string[];
  /** The confirmed hazard grade (隐患级别); `none` matches a hazard nobody has graded yet. */
  readonly grade?: readonly (HazardGrade | 'none')[];
  /** The hazards tracking these findings (rule + subject fingerprints). */
  readonly fingerprint?: readonly string[];
  /** Only hazards past their deadline and not closed, as of `now`. */
  readonly overdue?: boolean;
  readonly now: number;
  readonly limit: number;
  readonly offset: number;
}

/** A page of the audit trail in chain order: after `afterSeq` (exclusive), filtered by actor, action, target prefix and time (`from` ≤ at < `until`). */
export interface AuditPage {
  readonly limit: number;
  readonly afterSeq?: number;
  readonly actor?: string;
  readonly action?: string;
  /** Records whose target starts with this (`hazard:` all hazards, `hazard:<id>` one). */
  readonly target?: string;
  readonly from?: number;
  readonly until?: number;
}

/** One page of a list and the total that matched. */
export interface Page<T> {
  readonly total: number;
  readonly items: readonly T[];
}

/** A change a person asks for, decided by the pure lifecycle against the hazard as stored. */
export type HazardChange = (current: Hazard) => { readonly hazard: Hazard; readonly event: Omit<HazardEvent, 'seq'>; readonly audit: AuditEntry };

/** The ledger store. Errors: `LedgerConflictError` (stale version), `LedgerNotFoundError`, `LedgerStoreError`. */
export interface LedgerStore {
  /** Reconciles one pass: loads the state, asks `plan` (pure), writes the plan; one transaction. */
  applyPass(pass: PassInput, plan: (state: LedgerState, pass: PassInput) => ReconcilePlan): Promise<PassOutcome>;
  /** What redline knew at `at`: the state of every finding present then (paged, by fingerprint). */
  findingsAt(at: number, page: { readonly limit: number; readonly offset: number }): Promise<Page<FindingRecord>>;
  /** A finding's changes, newest first. */
  findingChanges(fingerprint: string, page: { readonly limit: number; readonly before?: number }): Promise<readonly FindingChange[]>;
  hazard(id: string): Promise<Hazard | null>;
  hazards(query: HazardQuery): Promise<Page<Hazard>>;
  /** A hazard's history, oldest first. */
  hazardEvents(id: string, page: { readonly limit: number; readonly afterSeq?: number }): Promise<readonly HazardEvent[]>;
  /** Applies a person's change if the stored version is `expectedVersion` (else LedgerConflictError). */
  updateHazard(id: string, expectedVersion: number, change: HazardChange): Promise<Hazard>;
  /** Files a hazard a person found (patrol, inspection, drill). */
  createHazard(hazard: Hazard, audit: AuditEntry): Promise<Hazard>;
  /** Attaches a comment, link or small file (bytes stored with it). */
  addAttachment(attachment: Attachment, bytes: Buffer | null, audit: AuditEntry): Promise<Attachment>;
  attachments(hazardId: string): Promise<readonly Attachment[]>;
  attachmentBytes(id: string): Promise<Buffer | null>;
  /** Waivers; `activeAt` keeps those in force then (not revoked, not expired). */
  waivers(filter: { readonly activeAt?: number }): Promise<readonly LedgerWaiver[]>;
  createWaiver(waiver: LedgerWaiver, audit: AuditEntry): Promise<LedgerWaiver>;
  revokeWaiver(id: string, expectedVersion: number, at: number, audit: AuditEntry): Promise<LedgerWaiver>;
  /** A free-standing audit record (configuration reload, export, login …). */
  appendAudit(entry: AuditEntry): Promise<AuditRecord>;
  /** Audit records in chain order, from `afterSeq` (exclusive). */
  audit(page: AuditPage): Promise<readonly AuditRecord[]>;
  close(): Promise<void>;
}
