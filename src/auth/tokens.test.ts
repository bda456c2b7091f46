/** Tokens: their shape, their stored form, constant-time comparison, weak configured tokens, durations. */
import { describe, expect, it } from 'vitest';
import { newToken, parseDuration, sameSecret, secretHash, TOKEN_PREFIX, weakTokenReason } from './tokens.js';

describe('tokens', () => {
  it('are rl_ + 32 random bytes in base64url, each different', () => {
    const a = newToken();
    const b = newToken();
    expect(a).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    expect(a.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(3), 'base64url')).toHaveLength(32);
  });

  it('are stored as sha256 hex, never as themselves', () => {
    const t = newToken();
    const h = secretHash(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(t.slice(3, 20));
    expect(secretHash(t)).toBe(h);
  });

  it('compare equal only when identical, whatever the lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'a')).toBe(false);
  });
});

describe('configured tokens judged too weak', () => {
  it.each([
    ['demo-viewer', /demo/],
    ['admin', /well-known/],
    ['Password1', /well-known/],
    ['changeme', /well-known/],
    ['secret', /well-known/],
    ['token', /well-known/],
    ['redline', /well-known/],
    ['123456', /sequence|shorter/],
    ['1234567890123456789012345', /sequence/],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaa', /repeated/],
    ['short-but-random-x7Q', /shorter than 24/],
    ['abababababababababababababab', /distinct/],
  ])('%s is refused', (token, why) => {
    expect(weakTokenReason(token)).toMatch(why);
  });

  it('accepts a generated token and a long random one', () => {
    expect(weakTokenReason(newToken())).toBeNull();
    expect(weakTokenReason('q7Vx2LmP9sKd4RtY8wNc3HfJ')).toBeNull();
  });
});

describe('durations', () => {
  it.each([
    ['90d', 90 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['2w', 14 * 86_400_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0d', '90', 'd', '5m', '-1d', '1.5d'])('%j is refused', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
