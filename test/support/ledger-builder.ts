/**
 * Builds real ledger files for the verification and tamper tests: audit records with varied
 * actors, actions and before/after values, written with appendAuditSync in transactions as the
 * store does, signed checkpoints at chosen records, and the key that signed them.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { writeCheckpoint } from '../../src/ledger/checkpoints.js';
import { loadOrCreateSigningKey, type LedgerSigningKey } from '../../src/ledger/signing.js';
import { appendAuditSync, openLedgerDb } from '../../src/ledger/sqlite-db.js';
import type { AuditEntry } from '../../src/ledger/types.js';

/** The instant of record 1 (2026-12-01T02:00Z); record k is k − 1 minutes later. */
export const FIRST_AT = Date.UTC(2026, 11, 1, 2, 0, 0);

const ACTORS = ['daemon', 'alice', 'bob', 'cli:root'] as const;
const ACTIONS = ['hazard.open', 'hazard.transition', 'hazard.comment', 'waiver.create'] as const;

/** The entry stored as record `seq`. */
export function entryFor(seq: number): AuditEntry {
  return {
    at: FIRST_AT + (seq - 1) * 60_000,
    actor: ACTORS[seq % ACTORS.length]!,
    action: ACTIONS[seq % ACTIONS.length]!,
    target: `hazard:SWO-001:device:core-${seq % 7}`,
    before: seq % 2 === 0 ? { status: 'open', version: seq } : null,
    after: { status: 'acknowledged', version: seq + 1, note: `第 ${seq} 条 / record ${seq}` },
  };
}

/** A built ledger: its file and the key that signed its checkpoints. */
export interface BuiltLedger {
  readonly file: string;
  readonly keyFile: string;
  readonly key: LedgerSigningKey;
}

/** Writes `records` audit records into `dir/ledger.db`, signing a checkpoint right after each seq in `checkpointsAt`. */
export function buildLedger(dir: string, records: number, checkpointsAt: readonly number[]): BuiltLedger {
  const file = join(dir, 'ledger.db');
  const keyFile = join(dir, 'ledger-signing.key');
  const key = loadOrCreateSigningKey(keyFile, { now: FIRST_AT });
  const db = openLedgerDb(file);
  try {
    let seq = 1;
    const stops = [...checkpointsAt, records].sort((a, b) => a - b);
    for (const stop of stops) {
      // transactions of up to 10 records, as a store writes several at once
      while (seq <= stop) {
        const batch: AuditEntry[] = [];
        for (; seq <= stop && batch.length < 10; seq++) batch.push(entryFor(seq));
        db.transaction(() => appendAuditSync(db, batch)).immediate();
      }
      if (checkpointsAt.includes(stop)) writeCheckpoint(db, key, FIRST_AT + stop * 60_000 + 1);
    }
  } finally {
    db.close();
  }
  return { file, keyFile, key };
}

/** A raw connection to `file` with the append-only triggers dropped, as an attacker would. */
export function attackerConnection(file: string): Database.Database {
  const raw = new Database(file);
  for (const t of ['audit_no_update', 'audit_no_delete', 'audit_checkpoint_no_update', 'audit_checkpoint_no_delete']) raw.exec(`DROP TRIGGER IF EXISTS ${t}`);
  return raw;
}
