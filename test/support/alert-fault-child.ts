/**
 * The daemon side of the alerting fault run, as a child process to be killed with SIGKILL:
 * `node --import tsx alert-fault-child.ts <ledger file> <webhook url> <total>` (the webhook key in
 * REDLINE_FAULT_WEBHOOK_KEY). It opens the ledger file, enqueues the notifications `fault-0` …
 * `fault-<total-1>` in batches (continuing where the last run stopped: a batch commits whole or not
 * at all), and runs the dispatcher against the signed webhook. Prints `ready` once dispatching;
 * on SIGTERM it stops cleanly.
 */
import { createDispatcher } from '../../src/alerting/delivery-dispatcher.js';
import { openSqliteOutbox } from '../../src/alerting/outbox-sqlite.js';
import { webhookReceiver } from '../../src/alerting/receivers/webhook.js';
import { systemClock } from '../../src/common/clock.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { openLedgerDb } from '../../src/ledger/sqlite-db.js';
import { notification, psuAlert } from './alert-notifications.js';

const [file, url, totalText] = process.argv.slice(2);
const key = process.env['REDLINE_FAULT_WEBHOOK_KEY'];
if (file === undefined || url === undefined || totalText === undefined || key === undefined) {
  process.stderr.write('usage: alert-fault-child.ts <ledger file> <webhook url> <total> (REDLINE_FAULT_WEBHOOK_KEY set)\n');
  process.exit(2);
}
const total = Number(totalText);
const BATCH = 100;

const db = openLedgerDb(file);
const store = openSqliteOutbox(db);
const receiver = webhookReceiver.build({ name: 'fault-hook', type: 'webhook', url, secret: { env: 'KEY' } }, {
  resolveSecret: () => key, secrets: new SecretRegistry(), clock: systemClock, timeZone: 'Asia/Shanghai',
});
const dispatcher = createDispatcher({ store, receivers: new Map([['fault-hook', receiver]]), clock: systemClock, random: Math.random }, {
  timeoutMs: 2000, leaseMs: 3000, concurrencyPerReceiver: 32, backoff: { baseMs: 20, maxMs: 400 }, pollMs: 10,
});
dispatcher.start();
process.stdout.write('ready\n');

let stopping = false;
const stopRequested = (): boolean => stopping;
process.on('SIGTERM', () => {
  stopping = true;
  void dispatcher.stop().then(() => { db.close(); process.exit(0); });
});

// enqueue the rest in batches, as state changes would, while the dispatcher delivers
const counted = db.prepare("SELECT COUNT(*) AS n FROM alert_outbox WHERE delivery_id LIKE 'fault-%'").get() as { n: number };
for (let next = counted.n; next < total && !stopRequested(); next += BATCH) {
  const at = Date.now();
  const batch = Array.from({ length: Math.min(BATCH, total - next) }, (_, i) => notification(`fault-${next + i}`, 'fault-hook', at, [psuAlert(`dev-${next + i}`, at)]));
  await store.enqueue(batch);
  await new Promise((r) => setTimeout(r, 5));
}
