/**
 * The far end of trap → notification: an `alerting:` section paging everything at once to one
 * signed webhook, and that webhook (a real HTTP server on 127.0.0.1, port 0) verifying every
 * signature and noting when each notification arrived. Shared by the trap notification test and
 * scripts/trap-latency.ts.
 */
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from '../../src/alerting/delivery-policy.js';
import type { Notification } from '../../src/alerting/types.js';
import { startCaptureServer } from './alert-receiver-server.js';

/** The environment variable the webhook key is given in (a secret reference, as in production). */
export const HOOK_KEY_ENV = 'REDLINE_TRAP_NOTIFY_HOOK_KEY';

/** The `alerting:` section: one signed webhook, a group per device sent as soon as it forms, each change its own notification, no flap damping in practice. */
export function alertingToWebhook(url: string): string[] {
  return [
    'alerting:',
    '  receivers:',
    '    - name: noc-hook',
    '      type: webhook',
    `      secrets: { secret: { env: ${HOOK_KEY_ENV} } }`,
    `      options: { url: "${url}" }`,
    '  route: { receivers: [noc-hook], groupBy: [alertname, site, device], groupWaitSeconds: 0, groupIntervalSeconds: 1 }',
    // a latency run fails and restores one PSU every few seconds: not "flapping" here (the default, 4 changes in 30 min, would say so)
    '  flap: { changes: 100, withinMinutes: 1, settleMinutes: 1 }',
  ];
}

/** One verified notification and when it arrived (performance.now()). */
export interface Arrival {
  readonly at: number;
  readonly notification: Notification;
}

/** The running webhook. */
export interface NotifyHook {
  readonly url: string;
  /** Arrivals so far, each verified (signature, replay window, delivery header = body id); throws on one that is not. */
  arrivals(): Arrival[];
  /** Raw request bodies (to look for secrets). */
  bodies(): string[];
  close(): Promise<void>;
}

/** Starts the webhook; sets HOOK_KEY_ENV to `key` for the daemon started next in this process. */
export async function startNotifyHook(key: string): Promise<NotifyHook> {
  process.env[HOOK_KEY_ENV] = key;
  const seen: { at: number; body: string; signature: string | undefined; delivery: string | undefined }[] = [];
  const server = await startCaptureServer((r) => {
    const h = (name: string): string | undefined => { const v = r.headers[name.toLowerCase()]; return typeof v === 'string' ? v : undefined; };
    seen.push({ at: performance.now(), body: r.body, signature: h(SIGNATURE_HEADER), delivery: h(DELIVERY_HEADER) });
    return { status: 200 };
  });
  return {
    url: `${server.url}/redline`,
    arrivals: () => seen.map((s) => {
      const check = verifyWebhookSignature(key, s.body, s.signature, Date.now(), 5 * 60_000);
      if (!check.ok) throw new Error(`a delivery failed verification: ${check.reason}`);
      const notification = JSON.parse(s.body) as Notification;
      if (notification.deliveryId !== s.delivery) throw new Error(`delivery header ${String(s.delivery)} differs from the body's ${notification.deliveryId}`);
      return { at: s.at, notification };
    }),
    bodies: () => seen.map((s) => s.body),
    close: () => server.close(),
  };
}

/** The first arrival after `since` paging `device`'s PSU redundancy (PWR-001) with `status`, if any. */
export function psuPage(hook: NotifyHook, device: string, status: 'firing' | 'resolved', since = 0): Arrival | undefined {
  return hook.arrivals().find((a) => a.at >= since && a.notification.status === status
    && a.notification.alerts.some((x) => x.kind === 'redundancyLost' && x.labels['device'] === device && x.labels['rule'] === 'PWR-001'));
}
