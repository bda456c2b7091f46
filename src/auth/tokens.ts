/**
 * Bearer tokens as values: how one is made (`rl_` + 32 random bytes, base64url), the only form
 * in which it is stored (sha256 hex) and compared (constant time), how a configured token is
 * judged too weak, and how `--expires 90d` reads. Pure apart from the random source.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The prefix of every token redline issues (lets secret scanners recognise a leaked one). */
export const TOKEN_PREFIX = 'rl_';

/** The shortest token a non-demo configuration accepts. */
export const MIN_CONFIG_TOKEN_LENGTH = 24;

/** A fresh token: `rl_` followed by 32 random bytes in base64url (256 bits). */
export function newToken(random: (n: number) => Buffer = randomBytes): string {
  return TOKEN_PREFIX + random(32).toString('base64url');
}

/** A random opaque value (session id, CSRF token): 32 bytes base64url. */
export function randomSecret(random: (n: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

/** The stored form of a token or session id: sha256, hex. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether two hex hashes (or any two strings) are equal, in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // compare hashes of both so the length check leaks nothing about the content either
  const hx = createHash('sha256').update(x).digest();
  const hy = createHash('sha256').update(y).digest();
  return timingSafeEqual(hx, hy) && x.length === y.length;
}

/** Well-known words a token must not be (compared case-insensitively, also with digits/punctuation stripped). */
const WELL_KNOWN = ['admin', 'administrator', 'password', 'passw0rd', 'changeme', 'secret', 'token', 'redline', 'public', 'private', 'default', 'letmein', 'qwerty', 'test', 'demo', 'root', 'operator', 'viewer', 'inspector'];

/**
 * Why a token declared in a (non-demo) configuration is refused, or null when it is acceptable:
 * shorter than MIN_CONFIG_TOKEN_LENGTH, a demo token (`demo-*`), a well-known word, or one
 * character class repeated / a run such as 123456….
 */
export function weakTokenReason(token: string): string | null {
  const lower = token.toLowerCase();
  if (lower.startsWith('demo-')) return 'demo tokens (demo-*) are only accepted by `redline demo`';
  const bare = lower.replace(/[^a-z]/g, '');
  if (WELL_KNOWN.includes(lower) || (bare.length > 0 && WELL_KNOWN.includes(bare) && bare.length >= lower.length / 2)) return 'a well-known word; generate one with `redline token create` or `openssl rand -base64 32`';
  if (/^(.)\1*$/.test(token)) return 'one character repeated';
  if (/^(0123456789|1234567890|123456|abcdef|qwerty)/i.test(token) && new Set(token).size < 12) return 'a well-known sequence such as 123456…';
  if (token.length < MIN_CONFIG_TOKEN_LENGTH) return `shorter than ${MIN_CONFIG_TOKEN_LENGTH} characters`;
  if (new Set(token).size < 8) return 'too few distinct characters';
  return null;
}

/** Days, hours or weeks (`90d`, `12h`, `2w`) as milliseconds; null when not of that form. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,5})([hdw])$/.exec(text.trim());
  if (m === null) return null;
  const n = Number(m[1]);
  if (n <= 0) return null;
  const unit = m[2] === 'h' ? 3_600_000 : m[2] === 'd' ? 86_400_000 : 7 * 86_400_000;
  return n * unit;
}
