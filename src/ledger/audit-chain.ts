/**
 * The audit trail's hash chain (pure): each record's hash covers the previous record's hash, its
 * own sequence number and its canonical JSON, so an edited, deleted, swapped or inserted record
 * breaks every hash after it. Checkpoints (signed with Ed25519 elsewhere) pin a (seq, hash) pair
 * so that cutting records off the end past a checkpoint is caught too.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditRecord } from './types.js';

/** The `prevHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth and `undefined` members left out: the same value
 * always gives the same text, whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The hash of record `seq` holding `entry`, chained to `prevHash` (sha256, hex). */
export function chainHash(prevHash: string, seq: number, entry: AuditEntry): string {
  const body = canonicalJson({ seq, at: entry.at, actor: entry.actor, action: entry.action, target: entry.target, before: entry.before, after: entry.after });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Builds the record that follows `prev` (null: the first record). */
export function nextRecord(prev: { readonly seq: number; readonly hash: string } | null, entry: AuditEntry): AuditRecord {
  const seq = prev === null ? 1 : prev.seq + 1;
  const prevHash = prev === null ? GENESIS_HASH : prev.hash;
  return { ...entry, seq, prevHash, hash: chainHash(prevHash, seq, entry) };
}

/** Why a record breaks the chain. */
export interface ChainBreak {
  readonly seq: number;
  readonly reason: string;
}

/**
 * Walks records in order and returns the first that breaks the chain (a gap or repeat in `seq`,
 * a `prevHash` that is not the previous hash, a hash that does not match the content), or null.
 * `start` continues a walk from a known good record.
 */
export function firstChainBreak(records: Iterable<AuditRecord>, start: { readonly seq: number; readonly hash: string } | null = null): ChainBreak | null {
  let prev = start;
  for (const r of records) {
    const expectedSeq = prev === null ? 1 : prev.seq + 1;
    if (r.seq !== expectedSeq) return { seq: r.seq, reason: `expected record ${expectedSeq} here, found ${r.seq} (a record is missing, repeated or out of order)` };
    const expectedPrev = prev === null ? GENESIS_HASH : prev.hash;
    if (r.prevHash !== expectedPrev) return { seq: r.seq, reason: 'its link to the previous record does not match (a record before it was changed, removed or swapped)' };
    if (chainHash(r.prevHash, r.seq, r) !== r.hash) return { seq: r.seq, reason: 'its content does not match its hash (the record was edited)' };
    prev = r;
  }
  return null;
}

/** `entry` as it reads back from storage (JSON): what is hashed is what is stored and read back. */
export function storedEntry(e: AuditEntry): AuditEntry {
  const roundTrip = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)) as unknown);
  return { at: e.at, actor: e.actor, action: e.action, target: e.target, before: roundTrip(e.before), after: roundTrip(e.after) };
}
