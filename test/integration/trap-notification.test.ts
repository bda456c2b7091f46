/**
 * A real trap ends as a delivered notification, v2c and v3: the daemon polls pe1 (replay agent,
 * v2c) and pe3 (Debian snmpd, SNMPv3 authPriv, its PSUs proxied from the replay agent) every 300 s
 * and pages to a signed webhook on 127.0.0.1. A PSU fails and Debian's snmptrap sends the matching
 * Cisco cefcPowerStatusChange trap (v2c with pe1's community; v3 authPriv with pe3's user): the
 * trap re-polls the device, the early pass finds the redundancy lost, and the webhook receives the
 * signed RedundancyLost page about that device, bilingual, carrying no secret. How fast is for
 * scripts/trap-latency.ts; here the waits give up long before the next scheduled poll, so only the
 * trap can satisfy them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveSnmptrap, sendTrap, type TrapAuth } from '../support/snmptrap.js';
import { TRAP_DAEMON_SECRETS as S, startTrapDaemon, type TrapDaemon } from '../support/trap-daemon.js';
import { alertingToWebhook, psuPage, startNotifyHook, type NotifyHook } from '../support/trap-notifications.js';

const HOOK_KEY = 'trap-notification-hook-key-e5a0';
const CEFC_POWER_STATUS_CHANGE = '1.3.6.1.4.1.9.9.117.2.0.2';

describe.runIf(haveSnmptrap())('a real trap reaches a notification (snmptrap v2c and v3, 300 s poll interval)', () => {
  let daemon: TrapDaemon | undefined;
  let hook: NotifyHook | undefined;
  const d = (): TrapDaemon => { if (daemon === undefined) throw new Error('the daemon did not start'); return daemon; };
  const h = (): NotifyHook => { if (hook === undefined) throw new Error('the webhook did not start'); return hook; };

  beforeAll(async () => {
    hook = await startNotifyHook(HOOK_KEY);
    daemon = await startTrapDaemon({ pollIntervalSeconds: 300, withSnmpd: true, minRepollSeconds: 1, extraYaml: alertingToWebhook(hook.url) });
  }, 180_000);
  afterAll(async () => {
    await daemon?.stop();
    await hook?.close();
  });

  const until = async <T>(what: string, get: () => T | undefined, ms = 30_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = get();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`never happened within ${ms} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it.each([
    ['v2c', 'pe1', { community: S.community }],
    ['v3 authPriv', 'pe3', { user: S.user, authProtocol: 'SHA-256', authKey: S.authKey, privKey: S.privKey }],
  ] as const)('a %s PSU trap from %s ends as its signed RedundancyLost page', async (_version, device, auth: TrapAuth) => {
    // protected at the first pass: nothing paged about this device's power yet
    expect(psuPage(h(), device, 'firing')).toBeUndefined();
    d().setPsu2('failed', device);
    await sendTrap(d().trapPort, auth, CEFC_POWER_STATUS_CHANGE);
    const page = await until(`${device}'s failed PSU paged`, () => psuPage(h(), device, 'firing'));
    const n = page.notification;
    expect(n.receiver).toBe('noc-hook');
    expect(n.groupLabels).toMatchObject({ device });
    const alert = n.alerts.find((a) => a.labels['rule'] === 'PWR-001');
    expect(alert).toMatchObject({ kind: 'redundancyLost', severity: 'warning', endsAt: null, labels: expect.objectContaining({ device, site: 'edge', class: 'PC-AGG', rule: 'PWR-001' }) as unknown });
    expect(alert?.summary.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(alert?.summary.en).toMatch(/[A-Za-z]/);
    // the trap was taken as the device's own: recorded on it
    const transitions = await d().get<{ items: { subject: string; to: string }[] }>(`/api/v1/devices/${device}/transitions?limit=50`);
    expect(transitions.items).toContainEqual(expect.objectContaining({ subject: 'trap:power', to: 'cefcPowerStatusChange' }));
    for (const body of h().bodies()) for (const secret of [S.community, S.authKey, S.privKey, HOOK_KEY]) expect(body).not.toContain(secret);
  }, 90_000);
});
