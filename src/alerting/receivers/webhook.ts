/**
 * The generic webhook: the notification as JSON, signed with HMAC-SHA256 over "<t>.<body>" in
 * `X-Redline-Signature: t=<unix>,v1=<hex>` (the receiver checks it and the replay window) and
 * carrying `X-Redline-Delivery: <deliveryId>` (the same on every retry, to dedupe on).
 */
import { z } from 'zod';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook } from '../delivery-policy.js';
import type { Notification } from '../types.js';
import { defineReceiver, httpUrl, postJson, receiverName, secretRef, secretValue } from './receiver-kit.js';

/** The payload's version: bumped when its shape changes incompatibly. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

/** The JSON body of a webhook delivery: the notification with a version. */
export function webhookBody(n: Notification): string {
  return JSON.stringify({ version: WEBHOOK_PAYLOAD_VERSION, ...n });
}

/** `type: webhook`. */
export const webhookReceiver = defineReceiver('webhook', z.strictObject({
  name: receiverName,
  type: z.literal('webhook'),
  url: httpUrl,
  /** The shared HMAC key. */
  secret: secretRef,
}), (spec, deps) => {
  const key = secretValue(deps, spec.secret);
  return {
    name: spec.name,
    type: 'webhook',
    deliver(n, signal) {
      const body = webhookBody(n);
      const now = deps.clock.wallMs();
      return postJson(spec.url, body, { [SIGNATURE_HEADER]: signWebhook(key, body, now), [DELIVERY_HEADER]: n.deliveryId }, signal, now, `webhook ${spec.name}`);
    },
  };
});
