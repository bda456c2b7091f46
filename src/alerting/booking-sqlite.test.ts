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
      const { id } = ledger.db.prepare('SELECT id FROM alert_outbox WHERE delivery_id = ?').get(deliveryId) as { id: number };
      const receiver = (ledger.db.prepare('SELECT receiver FROM alert_outbox WHERE id = ?').get(id) as { receiver: string }).receiver;
      const claimed = await outbox.claim(receiver, Number.MAX_SAFE_INTEGER, 100, 60_000);
      const rest = claimed.filter((c) => c.id !== id).map((c) => ({ id: c.id, kind: 'retry' as const, dueAt: 0, error: '' }));
      // the others go back to pending as they were (attempts aside, which this contract does not read for them)
      ledger.db.prepare("UPDATE alert_outbox SET state = 'pending', lease_until = NULL WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(rest.map((r) => r.id)));
      if (how.kind === 'delivered') await outbox.settle([{ id, kind: 'delivered', at: how.at }]);
      else if (how.kind === 'retry') await outbox.settle([{ id, kind: 'retry', dueAt: Number.MAX_SAFE_INTEGER, error: how.error }]);
      else await outbox.settle([{ id, kind: 'dead', at: how.at, error: how.error, meta: [] }]);
    },
    close: async () => { await ledger.close(); rmSync(dir, { recursive: true, force: true }); },
  });
});
