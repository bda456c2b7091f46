/**
 * On-call alerting in the running daemon: the demo configuration with an `alerting:` section
 * routing everything to a generic webhook on a local HTTP server (port 0) that verifies every
 * signature. The first analysis passes page the demo's deliberate gaps (cr1's failed PSU as
 * RedundancyLost, …) as firing notifications, each delivery id once, with zh-CN and English texts
 * and no secret in the body; the configured heartbeat arrives once. Then a real trap (Debian snmptrap, v2c) about a PSU that just failed
 * reaches the webhook as a notification within seconds, far inside the 300 s poll interval.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from '../../src/alerting/delivery-policy.js';
import type { Notification } from '../../src/alerting/types.js';
import { alertingSettled, outboxView } from '../support/alert-outbox.js';
import { startCaptureServer, type CaptureServer } from '../support/alert-receiver-server.js';
import { demoNetwork, until, type DemoNetwork } from '../support/ledger-daemon.js';
import { haveSnmptrap, sendTrap } from '../support/snmptrap.js';
import { TRAP_DAEMON_SECRETS, startTrapDaemon } from '../support/trap-daemon.js';

const HOOK_KEY = 'alerting-daemon-hook-key-7c3f';
const COMMUNITY = 'alerting-daemon-community-91ad';
/** A weekday outside every special period of the shipped calendar. */
const T0 = Date.parse('2026-03-10T04:00:00Z');
const INTERVAL_MS = 15_000;

/** The `alerting:` section: everything to one signed webhook, sent as soon as a group forms. */
function alertingYaml(url: string, heartbeat = false): string[] {
  return [
    'alerting:',
    '  receivers:',
    '    - name: noc-hook',
    '      type: webhook',
    '      secrets: { secret: { env: REDLINE_ALERTING_TEST_HOOK_KEY } }',
    `      options: { url: "${url}" }`,
    '  route: { receivers: [noc-hook], groupBy: [alertname, site, device], groupWaitSeconds: 0 }',
    ...(heartbeat ? ['  heartbeat: { everyMinutes: 60, receivers: [noc-hook] }'] : []),
  ];
}

/** A webhook body checked: signature valid (at `now`), delivery header matching the body's id. */
function verified(server: CaptureServer, now: () => number): Notification[] {
  return server.requests.map((r) => {
    const header = r.headers[SIGNATURE_HEADER.toLowerCase()];
    const check = verifyWebhookSignature(HOOK_KEY, r.body, typeof header === 'string' ? header : undefined, now(), 5 * 60_000);
    if (!check.ok) throw new Error(`a delivery failed verification: ${check.reason}`);
    const n = JSON.parse(r.body) as Notification;
    expect(r.headers[DELIVERY_HEADER.toLowerCase()]).toBe(n.deliveryId);
    return n;
  });
}

describe('alerting in the demo daemon (manual clock, webhook on port 0)', () => {
  let app: App | undefined;
  let net: DemoNetwork;
  let hook: CaptureServer;
  let wall = T0;
  let mono = 1_000_000;

  beforeAll(async () => {
    process.env['REDLINE_ALERTING_TEST_HOOK_KEY'] = HOOK_KEY;
    hook = await startCaptureServer();
    net = await demoNetwork(COMMUNITY);
    const file = join(net.dir, 'redline.yaml');
    expect(readFileSync(file, 'utf8')).not.toMatch(/^alerting:/m);
    appendFileSync(file, `\n${alertingYaml(`${hook.url}/redline`, true).join('\n')}\n`);
    app = await net.start({ wallMs: () => wall, monotonicMs: () => mono });
    app.tick();
    await until('every device polled', () => Promise.resolve(app!.ready() ? true : null));
    await app.analyze();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await net.close();
    await hook.close();
  });

  it('pages the demo\'s gaps as signed firing notifications, each delivery id once, bilingual, no secret in the body', async () => {
    const cr1Psu = (ns: readonly Notification[]): boolean => ns.some((n) => n.alerts.some((a) => a.kind === 'redundancyLost' && a.labels['device'] === 'cr1' && a.labels['rule'] === 'PWR-001'));
    await until('cr1\'s failed PSU paged', () => Promise.resolve(cr1Psu(verified(hook, () => wall)) ? true : null), 30_000);
    // a second pass at the same findings pages nothing new (group interval not reached)
    wall += INTERVAL_MS;
    mono += INTERVAL_MS;
    app!.tick();
    await app!.settled();
    await app!.analyze();
    // the engine has stepped after that pass and every notification it wrote has been delivered
    // and counted: anything the second pass paged would be in the hook now
    const ledgerFile = join(net.dir, 'ledger.db');
    const deliveredCount = async (): Promise<number> => Number(/^redline_alert_deliveries_total\{receiver="noc-hook",outcome="delivered"\} (\d+)$/m.exec(await app!.metrics.registry.metrics())?.[1] ?? 0);
    await until('the second pass stepped and its notifications delivered', async () =>
      alertingSettled(ledgerFile, wall) && (await deliveredCount()) === outboxView(ledgerFile).delivered ? true : null, 30_000);
    const ns = verified(hook, () => wall);
    expect(ns.length).toBeGreaterThanOrEqual(2);
    for (const n of ns) {
      expect(n.receiver).toBe('noc-hook');
      expect(n.status).toBe('firing');
      for (const a of n.alerts) {
        expect(a.summary.zh.length).toBeGreaterThan(0);
        expect(a.summary.en.length).toBeGreaterThan(0);
        expect(a.summary.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    // the dead-man's heartbeat, once in its hour
    expect(ns.filter((n) => n.alerts.some((a) => a.labels['alertname'] === 'RedlineHeartbeat'))).toHaveLength(1);
    const ids = ns.map((n) => n.deliveryId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of hook.requests) {
      expect(r.body).not.toContain(HOOK_KEY);
      expect(r.body).not.toContain(COMMUNITY);
    }
    const metrics = await app!.metrics.registry.metrics();
    expect(metrics).toMatch(new RegExp(`^redline_alert_deliveries_total\\{receiver="noc-hook",outcome="delivered"\\} ${ns.length}$`, 'm'));
    expect(metrics).toMatch(/^redline_alert_outbox\{state="pending"\} 0$/m);
  }, 60_000);
});

describe.runIf(haveSnmptrap())('a real trap reaches a notification (snmptrap v2c, 300 s poll interval)', () => {
  it('pe1\'s PSU fails, its trap re-polls at once, and the webhook receives the RedundancyLost page within seconds', async () => {
    process.env['REDLINE_ALERTING_TEST_HOOK_KEY'] = HOOK_KEY;
    const hook = await startCaptureServer();
    const d = await startTrapDaemon({ pollIntervalSeconds: 300, minRepollSeconds: 1, extraYaml: alertingYaml(`${hook.url}/redline`) });
    try {
      const pe1Psu = (): Notification | undefined => verified(hook, () => Date.now())
        .find((n) => n.alerts.some((a) => a.kind === 'redundancyLost' && a.labels['device'] === 'pe1' && a.labels['rule'] === 'PWR-001'));
      // protected at the first pass: nothing to page about pe1's power, once alerting has stepped
      // after it and delivered all it enqueued
      await until('alerting stepped after the first pass, outbox delivered', () => Promise.resolve(alertingSettled(d.ledgerFile, 0) ? true : null), 30_000);
      expect(pe1Psu()).toBeUndefined();
      d.setPsu2('failed');
      await sendTrap(d.trapPort, { community: TRAP_DAEMON_SECRETS.community }, '1.3.6.1.4.1.9.9.117.2.0.2');
      // the wait gives up long before the next scheduled poll (300 s): only the trap can satisfy it
      await until('pe1\'s PSU paged', () => Promise.resolve(pe1Psu() ?? null), 20_000);
      for (const r of hook.requests) expect(r.body).not.toContain(TRAP_DAEMON_SECRETS.community);
    } finally {
      await d.stop();
      await hook.close();
    }
  }, 120_000);
});
