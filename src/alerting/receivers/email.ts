/**
 * E-mail over SMTP (nodemailer): plain TCP, STARTTLS (required, the default) or implicit TLS; the
 * bilingual text body, a subject from the title, and `X-Redline-Delivery` so a mailbox rule can
 * spot a duplicate. SMTP's own classes decide retries: 4xx replies and connection failures are
 * retried, 5xx replies (unknown mailbox, refused login) are permanent.
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { errorMessage } from '../../common/errors.js';
import { DELIVERY_HEADER } from '../delivery-policy.js';
import type { DeliveryResult } from '../types.js';
import { notificationBody, notificationTitle, textOptions } from './message-text.js';
import { defineReceiver, receiverName, secretRef, secretValue } from './receiver-kit.js';

/** What nodemailer's errors carry. */
interface SmtpError { responseCode?: unknown; code?: unknown }

/** An SMTP failure as a delivery result: a 5xx reply is permanent, anything else may pass later. */
export function classifySmtpError(err: unknown): DeliveryResult {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const error = `smtp: ${reply === undefined ? (code ?? 'failed') : `reply ${reply}`}: ${errorMessage(err).slice(0, 200)}`;
  if (reply !== undefined) return { ok: false, retryable: reply < 500, error };
  return { ok: false, retryable: true, error };
}

/** `type: email`. */
export const emailReceiver = defineReceiver('email', z.strictObject({
  name: receiverName,
  type: z.literal('email'),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(587),
  /** `starttls` (refuse a server without it), `tls` (implicit, port 465), `none` (a trusted local relay only). */
  tls: z.enum(['starttls', 'tls', 'none']).default('starttls'),
  from: z.email(),
  to: z.array(z.email()).min(1),
  user: z.string().min(1).optional(),
  password: secretRef.optional(),
}), (spec, deps) => {
  if ((spec.user === undefined) !== (spec.password === undefined)) throw new Error(`email ${spec.name}: user and password go together`);
  const auth = spec.user === undefined || spec.password === undefined ? undefined : { user: spec.user, pass: secretValue(deps, spec.password) };
  return {
    name: spec.name,
    type: 'email',
    async deliver(n, signal) {
      const transport = nodemailer.createTransport({
        host: spec.host, port: spec.port,
        secure: spec.tls === 'tls', requireTLS: spec.tls === 'starttls', ignoreTLS: spec.tls === 'none',
        connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000,
        ...(auth === undefined ? {} : { auth }),
      });
      const abort = (): void => { transport.close(); };
      signal.addEventListener('abort', abort, { once: true });
      try {
        await transport.sendMail({
          from: spec.from, to: spec.to, subject: notificationTitle(n),
          text: notificationBody(n, textOptions(deps, 'plain', n)),
          headers: { [DELIVERY_HEADER]: n.deliveryId },
        });
        return { ok: true, retryable: false };
      } catch (err) {
        return signal.aborted ? { ok: false, retryable: true, error: 'smtp: aborted' } : classifySmtpError(err);
      } finally {
        signal.removeEventListener('abort', abort);
        transport.close();
      }
    },
  };
});
