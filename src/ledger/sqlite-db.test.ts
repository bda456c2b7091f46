import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstChainBreak } from './audit-chain.js';
import { LedgerStoreError } from './errors.js';
import { appendAuditSync, AUDIT_MIGRATIONS, auditRecords, migrate, openLedgerDb, schemaVersion, type LedgerDb } from './sqlite-db.js';

const dirs: string[] = [];
const opened: LedgerDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function fresh(): string {
  const d = mkdtempSync(join(tmpdir(), 'redline-ledgerdb-'));
  dirs.push(d);
  return join(d, 'ledger.db');
}
function open(file: string): LedgerDb {
  const db = openLedgerDb(file);
  opened.push(db);
  return db;
}
const entry = (n: number) => ({ at: n, actor: 'daemon', action: 'test', target: `t:${n}`, before: null, after: { n } });

describe('the ledger file', () => {
  it('is opened for durability: WAL, synchronous=FULL, a busy timeout', () => {
    const db = open(fresh());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(schemaVersion(db, 'audit')).toBe(AUDIT_MIGRATIONS.length);
  });

  it('migrates each component from the version it is at, and refuses a newer file', () => {
    const file = fresh();
    const db = open(file);
    migrate(db, 'thing', ['CREATE TABLE thing (a INTEGER)']);
    db.prepare('INSERT INTO thing (a) VALUES (1)').run();
    migrate(db, 'thing', ['CREATE TABLE thing (a INTEGER)', 'ALTER TABLE thing ADD COLUMN b TEXT']);
    expect(schemaVersion(db, 'thing')).toBe(2);
    expect(db.prepare('SELECT a, b FROM thing').all()).toEqual([{ a: 1, b: null }]);
    expect(() => { migrate(db, 'thing', ['CREATE TABLE thing (a INTEGER)']); }).toThrow(LedgerStoreError);
    expect(() => { migrate(db, 'thing', ['CREATE TABLE thing (a INTEGER)']); }).toThrow(/newer than this redline knows/);
  });

  it('a failing migration leaves the component at its earlier version', () => {
    const db = open(fresh());
    expect(() => { migrate(db, 'bad', ['CREATE TABLE ok1 (a)', 'THIS IS NOT SQL']); }).toThrow();
    expect(schemaVersion(db, 'bad')).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok1'").get()).toBeUndefined();
  });

  it('appends audit records as a valid chain, across connections, and refuses updates and deletes', () => {
    const file = fresh();
    const a = open(file);
    const b = open(file);
    a.transaction(() => appendAuditSync(a, [entry(1), entry(2)])).immediate();
    b.transaction(() => appendAuditSync(b, [entry(3)])).immediate();
    a.transaction(() => appendAuditSync(a, [entry(4)])).immediate();
    const records = [...auditRecords(a, 0, 2)];
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(records[2]!.after).toEqual({ n: 3 });
    expect(firstChainBreak(records)).toBeNull();
    expect(() => a.prepare('UPDATE audit SET actor = ? WHERE seq = 1').run('x')).toThrow(/append-only/);
    expect(() => a.prepare('DELETE FROM audit WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('a rolled-back write leaves no audit record', () => {
    const db = open(fresh());
    expect(() => db.transaction(() => { appendAuditSync(db, [entry(1)]); throw new Error('the write failed'); }).immediate()).toThrow('the write failed');
    expect([...auditRecords(db)]).toEqual([]);
  });
});
