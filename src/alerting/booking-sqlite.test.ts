import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookingStoreContract } from '../../test/support/booking-store-contract.js';
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
    settle: async (deliveryId, how) => {
      const { id, receiver } = ledger.db.prepare('SELECT id, receiver FROM alert_outbox WHERE delivery_id = ?').get(deliveryId) as { id: number; receiver: string };
      // claim the receiver's due rows as a dispatcher would, then put back those this call is not about
      const claimed = await outbox.claim(receiver, Number.MAX_SAFE_INTEGER, 100, 60_000);
      const others = claimed.filter((c) => c.id !== id).map((c) => c.id);
      ledger.db.prepare("UPDATE alert_outbox SET state = 'pending', lease_until = NULL WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(others));
      if (how.kind === 'delivered') await outbox.settle([{ id, kind: 'delivered', at: how.at }]);
      else if (how.kind === 'retry') await outbox.settle([{ id, kind: 'retry', dueAt: Number.MAX_SAFE_INTEGER, error: how.error }]);
      else await outbox.settle([{ id, kind: 'dead', at: how.at, error: how.error, meta: [] }]);
    },
    close: async () => { await ledger.close(); rmSync(dir, { recursive: true, force: true }); },
  });
});
