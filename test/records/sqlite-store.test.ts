/** The records store on a real SQLite file (the ledger's): the contract, its own migration component, and reopening. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../src/ledger/sqlite-db.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { newRecord } from '../../src/records/lifecycle.js';
import { openSqliteRecordsStore, RECORDS_COMPONENT, RECORDS_MIGRATIONS } from '../../src/records/sqlite-store.js';
import { cutoverInputAt, describeRecordsStoreContract } from './store-contract.js';

describeRecordsStoreContract('sqlite (the ledger file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-records-'));
  const ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
  return Promise.resolve({
    records: openSqliteRecordsStore(ledger.db),
    ledger,
    cleanup: async () => {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

describe('records in the ledger file', () => {
  it('keeps its own schema version and its records across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-records-'));
    try {
      const file = join(dir, 'ledger.db');
      let ledger = openSqliteLedgerStore(file);
      const c = newRecord('cutover', cutoverInputAt(Date.UTC(2026, 10, 1), 2, ['cr1']), { actor: 'olga', now: Date.UTC(2026, 10, 1) });
      await openSqliteRecordsStore(ledger.db).create(c, { at: c.createdAt, actor: 'olga', action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: c });
      expect(schemaVersion(ledger.db, RECORDS_COMPONENT)).toBe(RECORDS_MIGRATIONS.length);
      await ledger.close();
      ledger = openSqliteLedgerStore(file);
      expect(await openSqliteRecordsStore(ledger.db).get('cutover', c.id)).toEqual(c);
      await ledger.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
