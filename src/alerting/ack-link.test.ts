import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alert } from '../../test/support/alert-builders.js';
import { ackKeyFromSecret, ackLinkMaker, loadOrCreateAckKey, verifyAck } from './ack-link.js';
import { notificationBody } from './receivers/message-text.js';
import type { Notification } from './types.js';

const KEY = Buffer.from('k'.repeat(40));
const T = Date.parse('2026-12-07T02:00:00Z');
const HOUR = 3_600_000;
const note = (over: Partial<Notification> = {}): Notification => ({
  deliveryId: 'd-1', receiver: 'duty-dt', groupKey: 'g', groupLabels: {}, status: 'firing', at: T, reason: 'new', tier: 0,
  alerts: [alert('k', { hazardId: 'HZ:1', acknowledged: false })], ...over,
});
const queryOf = (url: string): Record<string, string> => Object.fromEntries(new URL(url).searchParams);

describe('signed acknowledgement links', () => {
  const make = ackLinkMaker(KEY, 'https://redline.example.net/', 24 * HOUR);

  it('name the hazard and the receiver, hold until their expiry, and are the same for a retried delivery', () => {
    const url = make('HZ:1', note());
    expect(url.startsWith('https://redline.example.net/ack/HZ%3A1?by=duty-dt&exp=')).toBe(true);
    expect(make('HZ:1', note())).toBe(url);
    expect(make('HZ:1', note({ deliveryId: 'd-2' }))).not.toBe(url);
    const v = verifyAck(KEY, 'HZ:1', queryOf(url), T + 23 * HOUR);
    expect(v).toMatchObject({ ok: true, claims: { hazardId: 'HZ:1', actor: 'duty-dt', expiresAt: T + 24 * HOUR } });
  });

  it('refuse an expired link (410), a tampered or foreign one (403), an incomplete one (400)', () => {
    const q = queryOf(make('HZ:1', note()));
    expect(verifyAck(KEY, 'HZ:1', q, T + 24 * HOUR)).toMatchObject({ ok: false, status: 410, reason: 'expired' });
    expect(verifyAck(KEY, 'HZ:2', q, T)).toMatchObject({ ok: false, status: 403, reason: 'forged' });
    expect(verifyAck(KEY, 'HZ:1', { ...q, by: 'someone-else' }, T)).toMatchObject({ status: 403 });
    expect(verifyAck(KEY, 'HZ:1', { ...q, exp: String(Number(q['exp']) + 86_400) }, T)).toMatchObject({ status: 403 });
    expect(verifyAck(KEY, 'HZ:1', { ...q, sig: `${q['sig']!.slice(0, -1)}${q['sig']!.endsWith('A') ? 'B' : 'A'}` }, T)).toMatchObject({ status: 403 });
    expect(verifyAck(Buffer.from('x'.repeat(40)), 'HZ:1', q, T)).toMatchObject({ status: 403 });
    const noSig = Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'sig'));
    expect(verifyAck(KEY, 'HZ:1', noSig, T)).toMatchObject({ status: 400, reason: 'incomplete' });
    expect(verifyAck(KEY, 'HZ:1', { ...q, exp: '1e9' }, T)).toMatchObject({ status: 400 });
  });

  it('appear in chat and mail texts, in both languages, for an unacknowledged firing alert only', () => {
    const opts = { timeZone: 'Asia/Shanghai', style: 'markdown' as const, ackLink: (id: string) => make(id, note()) };
    const body = notificationBody(note(), opts);
    expect(body).toContain('[确认隐患（停止重复通知）](https://redline.example.net/ack/HZ%3A1?');
    expect(body).toContain('[Acknowledge the hazard (stops re-notification)](https://redline.example.net/ack/HZ%3A1?');
    expect(notificationBody(note({ alerts: [alert('k', { hazardId: 'HZ:1', acknowledged: true })] }), opts)).not.toContain('/ack/');
    expect(notificationBody(note({ alerts: [alert('k', { hazardId: 'HZ:1', endsAt: T })] }), opts)).not.toContain('/ack/');
    expect(notificationBody(note(), { ...opts, style: 'plain' })).toMatch(/Acknowledge the hazard \(stops re-notification\): https:\/\/redline\.example\.net\/ack\//);
  });
});

describe('the acknowledgement link key', () => {
  let dir = '';
  afterEach(() => { if (dir !== '') rmSync(dir, { recursive: true, force: true }); });

  it('is made once as a private file and read back the same; a key others can read is refused', () => {
    dir = mkdtempSync(join(tmpdir(), 'redline-ack-key-'));
    const file = join(dir, 'ack.key');
    const first = loadOrCreateAckKey(file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateAckKey(file);
    expect(again).toEqual({ key: first.key, created: false });
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    chmodSync(file, 0o644);
    expect(() => loadOrCreateAckKey(file)).toThrow(/readable by group or others.*chmod 600/);
  });

  it('from a secret reference must be long enough', () => {
    expect(() => ackKeyFromSecret('short')).toThrow(/at least 32 characters/);
    expect(ackKeyFromSecret('s'.repeat(32))).toEqual(Buffer.from('s'.repeat(32)));
  });
});
