/**
 * The SQLite ledger: the LedgerStore contract on a real file in a fresh temporary directory, then
 * what only the file-backed store promises: its durability settings, a full disk and a busy lock
 * reported as retryable LedgerStoreErrors (and the store working again after), a read-only
 * connection, two processes writing at once without breaking the audit chain, reopening, and an
 * online backup that holds the same ledger.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { configSchema } from '../../src/config/schema.js';
import { LedgerRuleError, LedgerStoreError } from '../../src/ledger/errors.js';
import { LEDGER_COMPONENT, LEDGER_MIGRATIONS } from '../../src/ledger/schema.js';
import { auditRecords, schemaVersion } from '../../src/ledger/sqlite-db.js';
import { openSqliteLedgerStore, sqliteLedgerOptions, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import type { AuditEntry } from '../../src/ledger/types.js';
import { simplePlanner, testFinding, testHazard } from './simple-planner.js';
import { allAudit, describeLedgerStoreContract } from './store-contract.js';

const T0 = Date.UTC(2026, 10, 1, 8);

/** `settings.ledger` as the config schema parses it from `patch`. */
function settingsLedger(patch: Record<string, unknown>) {
  return configSchema.parse({ version: 1, settings: { ledger: patch } }).settings.ledger;
}

describeLedgerStoreContract('sqlite (a real file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-ledger-'));
  const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  return Promise.resolve({
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

describe('SQLite ledger store', () => {
  let dir = '';
  const open: SqliteLedgerStore[] = [];
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'redline-ledger-')); });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const openStore = (opts: Parameters<typeof openSqliteLedgerStore>[1] = {}): SqliteLedgerStore => {
    const s = openSqliteLedgerStore(join(dir, 'ledger.db'), opts);
    open.push(s);
    return s;
  };
  const note = (action: string, at = T0): AuditEntry => ({ at, actor: 'alice', action, target: 'x', before: null, after: null });

  it('opens the file with WAL, synchronous=FULL, a busy timeout and the current ledger schema', () => {
    const store = openStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(store.db, LEDGER_COMPONENT)).toBe(LEDGER_MIGRATIONS.length);
    expect(store.file).toBe(join(dir, 'ledger.db'));
  });

  it('keeps every write across a close and reopen', async () => {
    const first = openStore();
    await first.applyPass({ at: T0, policyHash: 'p'.repeat(64), findings: [testFinding({ id: 'dev-1', state: 'unprotected' })] }, simplePlanner());
    const h = (await first.hazards({ now: T0, limit: 1, offset: 0 })).items[0]!;
    await first.close();
    const again = openStore();
    expect(await again.hazard(h.id)).toEqual(h);
    expect((await again.findingsAt(T0, { limit: 10, offset: 0 })).total).toBe(1);
    expect(firstChainBreak(await allAudit(again))).toBeNull();
  });

  it('a full disk is a retryable LedgerStoreError that writes nothing, and the store works again once there is room', async () => {
    const store = openStore();
    const h = testHazard({ subjectId: 'dev-1', foundAt: T0 });
    await store.createHazard(h, note('hazard.create'));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    const photo = { id: 'a1', hazardId: h.id, at: T0, by: 'bob', kind: 'file' as const, text: 'photo of the single feed', ref: 'feed.jpg' };
    const bytes = Buffer.alloc(256 * 1024, 7);
    const err = await store.addAttachment(photo, bytes, note('hazard.evidence')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerStoreError);
    expect(err).toMatchObject({ code: 'SQLITE_FULL', retryable: true });
    expect((err as Error).message).toMatch(/addAttachment failed: the disk, or the ledger file's size cap, is full/);
    expect(await store.attachments(h.id)).toEqual([]);
    expect((await allAudit(store)).map((r) => r.action)).toEqual(['hazard.create']);
    store.db.pragma('max_page_count = 1073741823');
    await store.addAttachment(photo, bytes, note('hazard.evidence'));
    expect((await store.attachmentBytes('a1'))?.length).toBe(bytes.length);
    const records = await allAudit(store);
    expect(records.map((r) => r.action)).toEqual(['hazard.create', 'hazard.evidence']);
    expect(firstChainBreak(records)).toBeNull();
  });

  it('maxSizeBytes caps the file the same way', async () => {
    const store = openStore({ maxSizeBytes: 256 * 1024 });
    const h = testHazard({ subjectId: 'dev-1', foundAt: T0 });
    await store.createHazard(h, note('hazard.create'));
    const err = await store.addAttachment({ id: 'a1', hazardId: h.id, at: T0, by: 'bob', kind: 'file', text: 'big', ref: 'big.bin' }, Buffer.alloc(512 * 1024), note('hazard.evidence')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SQLITE_FULL', retryable: true });
  });

  it('refuses a file larger than settings.ledger.maxAttachmentKB, naming the limit, and takes one at the limit', async () => {
    const store = openStore(sqliteLedgerOptions(settingsLedger({ maxAttachmentKB: 4 })));
    const h = testHazard({ subjectId: 'dev-1', foundAt: T0 });
    await store.createHazard(h, note('hazard.create'));
    const file = (id: string) => ({ id, hazardId: h.id, at: T0, by: 'bob', kind: 'file' as const, text: 'scan', ref: 'scan.png' });
    const err = await store.addAttachment(file('a1'), Buffer.alloc(4097), note('hazard.evidence')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerRuleError);
    expect((err as Error).message).toMatch(/4097 bytes; the most a file may have is 4096 \(settings.ledger.maxAttachmentKB\)/);
    await store.addAttachment(file('a2'), Buffer.alloc(4096), note('hazard.evidence'));
    expect((await store.attachments(h.id)).map((a) => a.id)).toEqual(['a2']);
    expect((await allAudit(store)).map((r) => r.action)).toEqual(['hazard.create', 'hazard.evidence']);
  });

  it('a write lock held past the busy timeout is a retryable LedgerStoreError; the write succeeds once it is released', async () => {
    const store = openStore();
    store.db.pragma('busy_timeout = 50');
    const other = new Database(join(dir, 'ledger.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      const err = await store.appendAudit(note('export')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LedgerStoreError);
      expect(err).toMatchObject({ code: 'SQLITE_BUSY', retryable: true });
      expect((err as Error).message).toMatch(/another writer held the ledger longer than the busy timeout/);
      other.exec('ROLLBACK');
      expect((await store.appendAudit(note('export'))).seq).toBe(1);
    } finally {
      other.close();
    }
  });

  it('a read-only connection reads, and refuses writes as non-retryable', async () => {
    const writer = openStore();
    await writer.appendAudit(note('export'));
    const reader = openStore({ readOnly: true });
    expect((await reader.audit({ limit: 10 })).length).toBe(1);
    const err = await reader.appendAudit(note('export')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerStoreError);
    expect(err).toMatchObject({ retryable: false });
    expect((err as LedgerStoreError).code).toMatch(/^SQLITE_READONLY/);
  });

  it('a read-only open of a ledger not yet upgraded is refused, naming both versions', () => {
    const db = new Database(join(dir, 'ledger.db'));
    db.exec('CREATE TABLE schema_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL, PRIMARY KEY (component, version))');
    db.prepare("INSERT INTO schema_migrations VALUES ('ledger', 1, 0)").run();
    db.close();
    expect(() => openStore({ readOnly: true })).toThrow(new RegExp(`ledger schema version 1, this redline reads version ${LEDGER_MIGRATIONS.length}`));
  });

  it('refuses a file written by a newer redline', () => {
    openStore().db.prepare("INSERT INTO schema_migrations VALUES ('ledger', 99, 0)").run();
    expect(() => openStore()).toThrow(/ledger schema version 99, newer than this redline knows/);
  });

  it('two processes writing at once keep one unbroken chain and lose no write', async () => {
    const file = join(dir, 'ledger.db');
    openStore();
    const writer = resolve(dirname(fileURLToPath(import.meta.url)), 'ledger-writer.ts');
    const COUNT = 80;
    const children = ['w1', 'w2'].map((name) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, file, name, String(COUNT)], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      const ready = new Promise<void>((done) => {
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.startsWith('ready\n')) done(); });
      });
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      const finished = new Promise<string>((done, fail) => {
        child.on('error', fail);
        child.on('exit', (code) => { if (code === 0) done(out.trim()); else fail(new Error(`writer ${name} exited ${code}: ${err}`)); });
      });
      return { child, ready, finished };
    });
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.child.stdin.end('go\n');
    expect(await Promise.all(children.map((c) => c.finished))).toEqual([`ready\ndone ${3 * COUNT}`, `ready\ndone ${3 * COUNT}`]);
    const store = openStore();
    const records = [...auditRecords(store.db)];
    expect(records.length).toBe(2 * 3 * COUNT);
    expect(firstChainBreak(records)).toBeNull();
    // the two writers interleaved (otherwise this proves nothing about contention)
    const switches = records.slice(1).filter((r, i) => r.actor !== records[i]!.actor).length;
    expect(switches).toBeGreaterThan(1);
    for (const name of ['w1', 'w2']) {
      const mine = await store.hazards({ now: T0, owner: [name], status: ['acknowledged'], limit: 1000, offset: 0 });
      expect(mine.total).toBe(COUNT);
      expect(mine.items.every((h) => h.version === 2)).toBe(true);
    }
  });

  it('backs up online to a file that holds the same ledger and verifies', async () => {
    const store = openStore();
    await store.applyPass({ at: T0, policyHash: 'p'.repeat(64), findings: [testFinding({ id: 'dev-1', state: 'unprotected' }), testFinding({ id: 'dev-2', state: 'degraded', colour: 'red' })] }, simplePlanner());
    for (let i = 0; i < 50; i++) await store.appendAudit(note('export', T0 + i));
    const target = join(dir, 'backup.db');
    await store.backup(target);
    await store.appendAudit(note('export', T0 + 99));
    const copy = openSqliteLedgerStore(target, { readOnly: true });
    open.push(copy);
    const records = await allAudit(copy);
    expect(records.length).toBe(52);
    expect(firstChainBreak(records)).toBeNull();
    expect(await copy.hazards({ now: T0, limit: 10, offset: 0 })).toEqual(await store.hazards({ now: T0, limit: 10, offset: 0 }));
    await expect(store.backup(join(dir, 'no-such-dir', 'x.db'))).rejects.toBeInstanceOf(LedgerStoreError);
  });
});
