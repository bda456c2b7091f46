/**
 * The records store port: what the API and the daemon ask of the records' storage. Every method
 * is async so that PostgreSQL can back it as well as SQLite; one contract suite
 * (test/records/store-contract.ts) runs against every implementation. Like the ledger's, every
 * write appends its audit record in the same transaction: a write without its audit record, or
 * an audit record without its write, never exists. Errors are the ledger's: LedgerConflictError
 * (stale version), LedgerNotFoundError, LedgerRuleError (a change the caller's function refused),
 * LedgerStoreError.
 */
import type { Page } from '../ledger/port.js';
import type { AuditEntry } from '../ledger/types.js';
import type { RecordKind, RecordOfKind } from './types.js';

/** A filter over one kind of record; lists are "any of"; absent means no filter. */
export interface RecordQuery<K extends RecordKind> {
  readonly kind: K;
  readonly status?: readonly string[];
  /** Records whose span overlaps [from, to] (an open end overlaps everything after its start). */
  readonly from?: number;
  readonly to?: number;
  /** Records whose span ended before this time (a plan whose review fell due, an incident over). */
  readonly endBefore?: number;
  /** Records concerning any of these element keys (`device:r1`, `site:bj`, `group:pg1` … see elementKeysOf). */
  readonly element?: readonly string[];
  readonly limit: number;
  readonly offset: number;
}

/** A change decided against the record as stored: the new record (version already incremented) and its audit entry. */
export type RecordChange<R> = (current: R) => { readonly record: R; readonly audit: AuditEntry };

/** The records store. */
export interface RecordsStore {
  create<K extends RecordKind>(record: RecordOfKind[K], audit: AuditEntry): Promise<RecordOfKind[K]>;
  /** Applies `change` if the stored version is `expectedVersion` (else LedgerConflictError); one transaction. */
  update<K extends RecordKind>(kind: K, id: string, expectedVersion: number, change: RecordChange<RecordOfKind[K]>): Promise<RecordOfKind[K]>;
  get<K extends RecordKind>(kind: K, id: string): Promise<RecordOfKind[K] | null>;
  /** Newest span first (start descending, then id). */
  list<K extends RecordKind>(query: RecordQuery<K>): Promise<Page<RecordOfKind[K]>>;
}

/** The records as the API reads and writes them (the composition root builds it). */
export interface RecordsApi {
  readonly store: RecordsStore;
  /** The operator's IANA zone (settings.timeZone): times people read are shown in it. */
  readonly timeZone: () => string;
  /** Wall time (ms). */
  readonly now: () => number;
  /** Told after every write: the analysis reads its drills and cutover windows from the records. */
  readonly changed: () => void;
}
