/**
 * Delivery decisions, pure: how an HTTP answer or a transport failure classifies (done, retry
 * later, or permanent), how long to wait before the next attempt (exponential backoff with full
 * jitter, capped, never sooner than a receiver's Retry-After), and the webhook signature.
 * Randomness and time are arguments.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryResult } from './types.js';

/** How retries are spaced. */
export interface BackoffPolicy {
  /** The ceiling of the first retry's wait (ms). */
  readonly baseMs: number;
  /** No wait is longer than this (ms). */
  readonly maxMs: number;
}

/** Defaults: first retry within 1 s, never more than 5 min between attempts. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 5 * 60_000 };

/**
 * The wait before attempt `attempt + 1`, after `attempt` failures (1 = the first failure): full
 * jitter, uniformly in [0, min(max, base·2^(attempt-1))), so a crowd of retries spreads out instead
 * of hammering a recovering receiver together. A Retry-After the receiver asked for is a floor.
 */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.maxMs));
}

/**
 * What an HTTP status means for a delivery: 2xx done; 5xx, 408 and 429 retry; any other status
 * (4xx, and 1xx/3xx that a receiver should never answer) is permanent: the same request would
 * be refused again.
 */
export function classifyHttpStatus(status: number, retryAfterMs?: number): DeliveryResult {
  if (status >= 200 && status < 300) return { ok: true, retryable: false, status };
  const retryable = status >= 500 || status === 408 || status === 429;
  const base = { ok: false, retryable, status, error: `HTTP ${status}` };
  return retryable && retryAfterMs !== undefined ? { ...base, retryAfterMs } : base;
}

/** A failure before any answer (refused, reset, timed out, DNS): always worth a retry. */
export function transportFailure(error: string): DeliveryResult {
  return { ok: false, retryable: true, error };
}

/**
 * A Retry-After header in ms from `now`: either delta-seconds or an HTTP date. Undefined when
 * absent or unreadable (a receiver's garbage must not stall delivery).
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The webhook signature header's name. */
export const SIGNATURE_HEADER = 'X-Redline-Signature';
/** The header carrying the delivery id (the same across retries; receivers dedupe on it). */
export const DELIVERY_HEADER = 'X-Redline-Delivery';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` for `body` signed at `atMs`. */
export function signWebhook(secret: string, body: string, atMs: number): string {
  const t = Math.floor(atMs / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** Why a signature was refused, or ok. */
export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks a webhook signature as a receiver should: the HMAC must match (compared in constant
 * time) and the timestamp must be within `windowMs` of `now`, so a captured request cannot be
 * replayed later.
 */
export function verifyWebhookSignature(secret: string, body: string, header: string | undefined, now: number, windowMs: number): SignatureCheck {
  if (header === undefined) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parts = new Map(header.split(',').map((p) => { const i = p.indexOf('='); return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const; }));
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (t === undefined || !/^\d+$/.test(t) || v1 === undefined || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: 'malformed signature header' };
  if (Math.abs(now - Number(t) * 1000) > windowMs) return { ok: false, reason: 'timestamp outside the replay window' };
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}

/** DingTalk's robot signature: base64 HMAC-SHA256 of "<timestamp ms>\n<secret>" keyed by the secret. */
export function signDingTalk(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}
