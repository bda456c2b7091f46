import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAck } from '../alerting/ack-link.js';
import { heartbeatNotification } from '../alerting/delivery-dispatcher.js';
import type { Notification } from '../alerting/types.js';
import { alert } from '../../test/support/alert-builders.js';
import { openSqliteBookingStore } from '../alerting/booking-sqlite.js';
import { enqueueSync, openSqliteOutbox } from '../alerting/outbox-sqlite.js';
import { systemClock } from '../common/clock.js';
import { SecretRegistry } from '../common/secrets.js';
import { openLedgerDb, type LedgerDb } from '../ledger/sqlite-db.js';
import { createMetrics } from '../metrics/registry.js';
import { captureLogger } from '../../test/support/capture-logger.js';
import { startCaptureServer, type CaptureServer } from '../../test/support/alert-receiver-server.js';
import { startDaemonAlerting, type DaemonAlerting } from './alerting.js';
import { loadRunning } from './reload.js';

const KEY = 'app-alerting-test-key-e41b';

let dir: string;
let db: LedgerDb;
let servers: CaptureServer[] = [];
let alerting: DaemonAlerting | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redline-app-alerting-'));
  db = openLedgerDb(join(dir, 'ledger.db'));
  writeFileSync(join(dir, 'hook.key'), `${KEY}\n`);
});
afterEach(async () => {
  await alerting?.stop();
  alerting = undefined;
  db.close();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a configuration with one webhook receiver (its key in a file beside it, a relative reference). */
function configWith(url: string): void {
  writeFileSync(join(dir, 'redline.yaml'), [
    'version: 1',
    'alerting:',
    '  receivers:',
    `    - { name: noc, type: webhook, secrets: { secret: { file: hook.key } }, options: { url: "${url}" } }`,
    '  route: { receivers: [noc] }',
    '',
  ].join('\n'));
}

const until = async (what: string, cond: () => boolean): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the daemon\'s alert dispatcher', () => {
  it('delivers the outbox to the configured receiver, counts it, and follows a reload to a new receiver URL', async () => {
    const a = await startCaptureServer();
    const b = await startCaptureServer();
    servers = [a, b];
    configWith(`${a.url}/one`);
    const metrics = createMetrics({ processMetrics: false });
    const secrets = new SecretRegistry();
    const logger = captureLogger();
    alerting = startDaemonAlerting({ first: loadRunning(dir), hooks: { ledgerFile: join(dir, 'ledger.db'), bookings: 'ledgerFile' }, outbox: openSqliteOutbox(db), bookings: openSqliteBookingStore(db), secrets, clock: systemClock, logger, metrics, pollMs: 20 });
    expect(secrets.redact(`key ${KEY}`)).not.toContain(KEY);

    enqueueSync(db, [heartbeatNotification('noc', 1, Date.now())]);
    await until('the first delivery', () => a.requests.length === 1);
    expect(a.requests[0]?.url).toBe('/one');

    configWith(`${b.url}/two`);
    alerting.reloaded(loadRunning(dir));
    enqueueSync(db, [heartbeatNotification('noc', 2, Date.now())]);
    await until('the delivery after the reload', () => b.requests.length === 1);
    expect(a.requests).toHaveLength(1);
    expect(b.requests[0]?.url).toBe('/two');

    // the attempt is counted once the receiver's answer is read, a moment after the server saw the request
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!/^redline_alert_deliveries_total\{receiver="noc",outcome="delivered"\} 2$/m.test(text = await metrics.registry.metrics()) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(text).toMatch(/^redline_alert_deliveries_total\{receiver="noc",outcome="delivered"\} 2$/m);
    expect(text).toMatch(/^redline_alert_outbox\{state="delivered"\} 2$/m);
    expect(JSON.stringify(logger.lines)).not.toContain(KEY);
  });

  it('signs acknowledgement links in chat texts with a key it makes beside the ledger, private, and shares with the API', async () => {
    const chat = await startCaptureServer();
    servers = [chat];
    writeFileSync(join(dir, 'chat.url'), `${chat.url}/chat\n`);
    writeFileSync(join(dir, 'redline.yaml'), [
      'version: 1',
      'alerting:',
      '  consoleUrl: http://redline.test/',
      '  ackLinks: { ttlHours: 2 }',
      '  receivers:',
      '    - { name: duty-chat, type: slack, secrets: { url: { file: chat.url } } }',
      '  route: { receivers: [duty-chat] }',
      '',
    ].join('\n'));
    const secrets = new SecretRegistry();
    alerting = startDaemonAlerting({ first: loadRunning(dir), hooks: { ledgerFile: join(dir, 'ledger.db'), bookings: 'ledgerFile' }, outbox: openSqliteOutbox(db), bookings: openSqliteBookingStore(db), secrets, clock: systemClock, logger: captureLogger(), metrics: createMetrics({ processMetrics: false }), pollMs: 20 });
    const keyFile = join(dir, 'alerting-ack.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = alerting.api.ackKey();
    expect(key?.toString('utf8')).toBe(readFileSync(keyFile, 'utf8').trim());
    expect(secrets.redact(`k ${key!.toString('utf8')}`)).not.toContain(key!.toString('utf8'));

    const at = Date.now();
    const n: Notification = {
      deliveryId: 'd-ack-1', receiver: 'duty-chat', groupKey: 'g', groupLabels: {}, status: 'firing', at, reason: 'new', tier: 0,
      alerts: [alert('k', { hazardId: 'HZ-7', acknowledged: false, startsAt: at })],
    };
    enqueueSync(db, [n]);
    await until('the chat delivery', () => chat.requests.length === 1);
    const text = (JSON.parse(chat.requests[0]!.body) as { text: string }).text;
    const links = [...text.matchAll(/http:\/\/redline\.test\/ack\/HZ-7\?\S+/g)].map((m) => m[0]);
    expect(links).toHaveLength(2); // zh-CN and English
    const v = verifyAck(key!, 'HZ-7', Object.fromEntries(new URL(links[0]!).searchParams), at);
    expect(v).toMatchObject({ ok: true, claims: { actor: 'duty-chat' } });
    expect(verifyAck(key!, 'HZ-7', Object.fromEntries(new URL(links[0]!).searchParams), at + 2 * 3_600_000 + 1000)).toMatchObject({ status: 410 });
  });
});
