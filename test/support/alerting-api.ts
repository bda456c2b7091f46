/**
 * The API with the ledger and on-call alerting behind it, on a real HTTP server on a free loopback
 * port, for the alerting route tests: one real SQLite ledger file (hazards, audit trail, bookings,
 * outbox), real accounts with a token per role, a clock the test moves, an `alerting:` section the
 * test gives, and an acknowledgement-link key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { openSqliteBookingStore } from '../../src/alerting/booking-sqlite.js';
import type { BookingStore } from '../../src/alerting/booking-store.js';
import type { PeriodSpan } from '../../src/alerting/roster-view.js';
import type { WindowDevice } from '../../src/alerting/windows.js';
import { createApiApp } from '../../src/api/app.js';
import type { LedgerApi } from '../../src/api/ledger-port.js';
import type { AlertingApi } from '../../src/api/routes/alerting-port.js';
import { createApiServer } from '../../src/api/server.js';
import { configSchema } from '../../src/config/schema.js';
import type { Inventory } from '../../src/inventory/model.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import { openTestAuth, type TestAuth } from './auth.js';

/** A running API over a ledger with alerting. */
export interface AlertingApiHarness {
  readonly base: string;
  readonly store: SqliteLedgerStore;
  readonly bookings: BookingStore;
  readonly accounts: TestAuth;
  readonly ackKey: Buffer;
  setNow(ms: number): void;
  close(): Promise<void>;
}

/** Starts it on 127.0.0.1 port 0; `alerting` is the configuration's `alerting:` section. */
export async function startAlertingApi(opts: { readonly now: number; readonly alerting: Record<string, unknown>; readonly devices?: readonly WindowDevice[]; readonly periods?: readonly PeriodSpan[] }): Promise<AlertingApiHarness> {
  const accounts = await openTestAuth();
  const dir = mkdtempSync(join(tmpdir(), 'redline-alerting-api-'));
  const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const bookings = openSqliteBookingStore(store.db);
  const config = configSchema.parse({ version: 1, alerting: opts.alerting }).alerting;
  const ackKey = Buffer.from('test-ack-key-'.repeat(4));
  let now = opts.now;
  const ledger: LedgerApi = {
    store, policy: () => DEFAULT_LEDGER_POLICY, timeZone: () => 'Asia/Shanghai', maxAttachmentKB: () => 512, now: () => now,
    latestCheckpoint: () => Promise.resolve(null), waiversChanged: () => undefined,
  };
  const alerting: AlertingApi = {
    store: bookings, config: () => config, timeZone: () => 'Asia/Shanghai', now: () => now,
    devices: () => opts.devices ?? [], periods: () => opts.periods ?? [], ackKey: () => ackKey,
  };
  const empty = { devices: new Map(), sites: new Map(), links: [], health: new Map() } as unknown as Inventory;
  const app = createApiApp({
    inventory: () => empty, device: () => null, transitions: () => [], health: () => null,
    readiness: () => ({ ready: true, polled: 0, total: 0 }), registry: new Registry(), ledger, alerting,
  }, accounts.auth);
  const server: Server = createApiServer(app);
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store, bookings, accounts, ackKey,
    setNow: (ms) => { now = ms; },
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => { resolve(); }); server.closeAllConnections(); });
      accounts.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
