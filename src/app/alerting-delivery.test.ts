import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCHER_OPTIONS } from '../alerting/delivery-dispatcher.js';
import { configSchema } from '../config/schema.js';
import { deliveryOptions } from './alerting.js';

function delivery(d: unknown): { ok: true; value: ReturnType<typeof deliveryOptions> } | { ok: false; issues: string[] } {
  const r = configSchema.safeParse({ version: 1, alerting: { delivery: d } });
  if (!r.success) return { ok: false, issues: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return { ok: true, value: deliveryOptions(r.data.alerting.delivery) };
}

describe('alerting.delivery: how the outbox is delivered', () => {
  it('leaves the dispatcher\'s defaults alone when absent or empty', () => {
    expect(deliveryOptions(configSchema.parse({ version: 1 }).alerting.delivery)).toEqual({});
    expect(delivery({})).toEqual({ ok: true, value: {} });
  });

  it('turns seconds into the dispatcher\'s milliseconds, keeping the default of an unset half of the backoff', () => {
    expect(delivery({ timeoutSeconds: 1.5, leaseSeconds: 5, concurrencyPerReceiver: 8, retryBaseSeconds: 0.2 })).toEqual({
      ok: true,
      value: { timeoutMs: 1500, leaseMs: 5000, concurrencyPerReceiver: 8, backoff: { baseMs: 200, maxMs: DEFAULT_DISPATCHER_OPTIONS.backoff.maxMs } },
    });
    expect(delivery({ retryMaxSeconds: 30 })).toEqual({ ok: true, value: { backoff: { baseMs: DEFAULT_DISPATCHER_OPTIONS.backoff.baseMs, maxMs: 30_000 } } });
  });

  it.each([
    [{ timeoutSeconds: 60 }, 'alerting.delivery.leaseSeconds: the lease must exceed the delivery timeout'],
    [{ timeoutSeconds: 5, leaseSeconds: 5 }, 'alerting.delivery.leaseSeconds: the lease must exceed the delivery timeout'],
    [{ retryBaseSeconds: 10, retryMaxSeconds: 2 }, 'alerting.delivery.retryMaxSeconds: the longest retry wait must be at least the first one'],
    [{ concurrencyPerReceiver: 0 }, 'alerting.delivery.concurrencyPerReceiver'],
    [{ timeoutSecs: 3 }, 'alerting.delivery'],
  ])('refuses %j, naming the path', (d, message) => {
    const r = delivery(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join('\n')).toContain(message);
  });
});
