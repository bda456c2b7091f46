/**
 * Signed acknowledgement links (issue 12, item 3): each notification about a hazard carries
 * `<consoleUrl>/ack/<hazardId>?by=<receiver>&exp=<unix s>&n=<nonce>&sig=<HMAC>`. The HMAC-SHA256
 * covers the hazard, the receiver named as the actor, the expiry and a nonce derived from the
 * delivery id (so a retried delivery carries the same link); the key is a secret reference or a
 * key file created beside the ledger (mode 0600), never logged. Verification answers why a link is
 * refused: incomplete (400), forged or for another hazard (403), expired (410). A used link is
 * recorded by the caller (booking store) and refused (410) after.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { UsageError } from '../common/errors.js';
import type { Notification } from './types.js';

/** What a link vouches for. */
export interface AckClaims {
  readonly hazardId: string;
  /** The receiver the notification went to: the actor of the acknowledgement. */
  readonly actor: string;
  /** Expiry, ms since the epoch (whole seconds). */
  readonly expiresAt: number;
  readonly nonce: string;
}

/** Why a link is refused, with the HTTP status that says it. */
export interface AckRefusal {
  readonly status: 400 | 403 | 410;
  readonly reason: 'incomplete' | 'forged' | 'expired' | 'used';
}

const B64URL = /^[A-Za-z0-9_-]+$/;

function mac(key: Buffer, c: AckClaims): string {
  const text = ['redline-ack-v1', c.hazardId, c.actor, String(Math.floor(c.expiresAt / 1000)), c.nonce].join('\n');
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** The query string of a link for `claims` (`by`, `exp`, `n`, `sig`). */
export function ackQuery(key: Buffer, c: AckClaims): string {
  const q = new URLSearchParams({ by: c.actor, exp: String(Math.floor(c.expiresAt / 1000)), n: c.nonce, sig: mac(key, c) });
  return q.toString();
}

/** The whole link for `claims` under the console's base URL. */
export function ackUrl(key: Buffer, consoleUrl: string, c: AckClaims): string {
  return `${consoleUrl.replace(/\/+$/, '')}/ack/${encodeURIComponent(c.hazardId)}?${ackQuery(key, c)}`;
}

/** The link maker receivers use: one link per hazard per notification, valid `ttlMs` from when the notification was decided. */
export function ackLinkMaker(key: Buffer, consoleUrl: string, ttlMs: number): (hazardId: string, n: Notification) => string {
  return (hazardId, n) => ackUrl(key, consoleUrl, {
    hazardId, actor: n.receiver, expiresAt: Math.floor((n.at + ttlMs) / 1000) * 1000,
    nonce: createHash('sha256').update(`${n.deliveryId}\n${hazardId}`).digest('base64url').slice(0, 22),
  });
}

/** Checks a link's query for `hazardId` at `now`: its claims, or why it is refused. */
export function verifyAck(key: Buffer, hazardId: string, query: Readonly<Record<string, unknown>>, now: number): { ok: true; claims: AckClaims } | ({ ok: false } & AckRefusal) {
  const { by, exp, n, sig } = query;
  if (typeof by !== 'string' || by === '' || by.length > 200 || typeof exp !== 'string' || !/^\d{1,12}$/.test(exp)
    || typeof n !== 'string' || !B64URL.test(n) || n.length > 64 || typeof sig !== 'string' || !B64URL.test(sig) || sig.length > 64) {
    return { ok: false, status: 400, reason: 'incomplete' };
  }
  const claims: AckClaims = { hazardId, actor: by, expiresAt: Number(exp) * 1000, nonce: n };
  const want = Buffer.from(mac(key, claims));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, status: 403, reason: 'forged' };
  if (now >= claims.expiresAt) return { ok: false, status: 410, reason: 'expired' };
  return { ok: true, claims };
}

/** A key given as a secret's value: at least 32 characters. */
export function ackKeyFromSecret(value: string): Buffer {
  if (value.length < 32) throw new UsageError('alerting.ackLinks.key: the acknowledgement link key must be at least 32 characters (e.g. openssl rand -base64 32)');
  return Buffer.from(value, 'utf8');
}

/** Loads the key file, creating it (32 random bytes, mode 0600) on first use; refuses one readable by others. */
export function loadOrCreateAckKey(file: string): { key: Buffer; created: boolean } {
  let created = false;
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`acknowledgement link key ${file}: cannot create it: ${(err as Error).message}`);
  }
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0) throw new UsageError(`acknowledgement link key ${file} is readable by group or others (mode ${(mode & 0o777).toString(8)}); make it private: chmod 600 ${file}`);
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new UsageError(`acknowledgement link key ${file} is shorter than 32 characters; remove it to have a new one made`);
  return { key: Buffer.from(text, 'utf8'), created };
}
