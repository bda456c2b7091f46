import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs, classifyHttpStatus, parseRetryAfter, signDingTalk, signWebhook, transportFailure, verifyWebhookSignature,
} from './delivery-policy.js';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('backoffDelayMs: exponential with full jitter, capped', () => {
  it.each([
    [1, 1000], [2, 2000], [3, 4000], [6, 32_000], [7, 60_000], [50, 60_000],
  ])('after %i failures the ceiling is %i ms', (attempt, ceiling) => {
    expect(backoffDelayMs(policy, attempt, () => 0.999_999)).toBe(ceiling - 1);
    expect(backoffDelayMs(policy, attempt, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, attempt, () => 0.5)).toBe(ceiling / 2);
  });
  it('takes Retry-After as a floor, itself capped at the maximum', () => {
    expect(backoffDelayMs(policy, 1, () => 0.1, 30_000)).toBe(30_000);
    expect(backoffDelayMs(policy, 7, () => 0.9, 1000)).toBe(54_000);
    expect(backoffDelayMs(policy, 1, () => 0, 3_600_000)).toBe(60_000);
  });
});

describe('classifyHttpStatus', () => {
  it.each([
    [200, true, false], [204, true, false], [500, false, true], [502, false, true], [503, false, true],
    [408, false, true], [429, false, true], [400, false, false], [401, false, false], [403, false, false],
    [404, false, false], [410, false, false], [413, false, false], [302, false, false],
  ])('HTTP %i: ok %s, retryable %s', (status, ok, retryable) => {
    const r = classifyHttpStatus(status);
    expect(r).toMatchObject({ ok, retryable, status });
  });
  it('keeps Retry-After only on a retryable answer', () => {
    expect(classifyHttpStatus(429, 5000).retryAfterMs).toBe(5000);
    expect(classifyHttpStatus(400, 5000).retryAfterMs).toBeUndefined();
  });
  it('a transport failure is retryable', () => {
    expect(transportFailure('ECONNREFUSED')).toEqual({ ok: false, retryable: true, error: 'ECONNREFUSED' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 11, 4, 8, 0, 0);
  it('reads seconds and HTTP dates, ignores garbage', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now - 30_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('webhook signature', () => {
  const secret = 's3cret-key';
  const body = '{"deliveryId":"d-1"}';
  const at = Date.UTC(2026, 11, 4, 8, 0, 0);
  it('is t=<unix>,v1=<HMAC-SHA256 hex of "<t>.<body>">', () => {
    const t = at / 1000;
    expect(signWebhook(secret, body, at)).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`);
  });
  it('verifies within the window and refuses tampering, a wrong key, replays and malformed headers', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(secret, body, header, at + 299_000, 300_000)).toEqual({ ok: true });
    expect(verifyWebhookSignature(secret, body.replace('1', '2'), header, at, 300_000)).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verifyWebhookSignature('other-key', body, header, at, 300_000)).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verifyWebhookSignature(secret, body, header, at + 301_000, 300_000)).toEqual({ ok: false, reason: 'timestamp outside the replay window' });
    expect(verifyWebhookSignature(secret, body, header, at - 301_000, 300_000)).toEqual({ ok: false, reason: 'timestamp outside the replay window' });
    expect(verifyWebhookSignature(secret, body, 'v1=abc', at, 300_000)).toEqual({ ok: false, reason: 'malformed signature header' });
    expect(verifyWebhookSignature(secret, body, undefined, at, 300_000).ok).toBe(false);
  });
});

describe('DingTalk signature', () => {
  it('is base64 HMAC-SHA256 of "<timestamp>\\n<secret>" keyed by the secret', () => {
    const ts = 1_764_835_200_000;
    expect(signDingTalk('SECabc', ts)).toBe(createHmac('sha256', 'SECabc').update(`${ts}\nSECabc`).digest('base64'));
    expect(signDingTalk('SECabc', ts)).not.toBe(signDingTalk('SECabc', ts + 1));
  });
});
