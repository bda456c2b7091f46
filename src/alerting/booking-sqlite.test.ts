import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookingStoreContract, settleThrough } from '../../test/support/booking-store-contract.js';
import { openSqliteLedgerStore } from '../ledger/sqlite-store.js';
import { openSqliteBookingStore } from './booking-sqlite.js';
import { openSqliteOutbox } from './outbox-sqlite.js';

bookingStoreContract('SQLite (a real ledger file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-bookings-'));
  const ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const store = openSqliteBookingStore(ledger.db);
  const outbox = openSqliteOutbox(ledger.db);
  return Promise.resolve({
    store,
    audit: () => ledger.audit({ limit: 1000 }),
    settle: settleThrough(outbox,
      (deliveryId) => Promise.resolve(ledger.db.prepare('SELECT id, receiver FROM alert_outbox WHERE delivery_id = ?').get(deliveryId) as { id: number; receiver: string }),
      (ids) => {
        ledger.db.prepare("UPDATE alert_outbox SET state = 'pending', lease_until = NULL WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(ids));
        return Promise.resolve();
      }),
    close: async () => { await ledger.close(); rmSync(dir, { recursive: true, force: true }); },
  });
});
