/** Session cookies and the CSRF rule (pure parts; the HTTP flow is in test/integration/auth-api.test.ts). */
import { describe, expect, it } from 'vitest';
import { cookieOf, bearerOf } from './principals.js';
import { csrfProblem, sessionCookie } from './sessions.js';
import type { SessionRecord } from './token-store.js';

const SESSION: SessionRecord = { hash: 'h', name: 'noc', role: 'operator', csrfToken: 'csrf-123', createdAt: 0, expiresAt: 1 };

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/ and Secure only when asked', () => {
    const c = sessionCookie('abc', { secure: false, maxAgeSeconds: 3600 });
    expect(c).toBe('redline_session=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=3600');
    expect(sessionCookie('abc', { secure: true })).toContain('; Secure');
  });

  it('is deleted by logout', () => {
    expect(sessionCookie(null, { secure: false })).toBe('redline_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
  });

  it('is read back from a Cookie header among others', () => {
    expect(cookieOf({ cookie: 'a=1; redline_session=xyz; b=2' }, 'redline_session')).toBe('xyz');
    expect(cookieOf({ cookie: 'a=1' }, 'redline_session')).toBeNull();
    expect(cookieOf({}, 'redline_session')).toBeNull();
  });
});

describe('bearer tokens', () => {
  it('are read from Authorization: Bearer, a malformed header is empty (invalid), none is null', () => {
    expect(bearerOf({ authorization: 'Bearer rl_x' })).toBe('rl_x');
    expect(bearerOf({ authorization: 'bearer rl_x' })).toBe('rl_x');
    expect(bearerOf({ authorization: 'Basic dXNlcjpw' })).toBe('');
    expect(bearerOf({})).toBeNull();
  });
});

describe('CSRF', () => {
  const host = '127.0.0.1:9740';
  it('lets safe methods through without a token', () => {
    expect(csrfProblem('GET', { host }, SESSION, false)).toBeNull();
  });

  it.each(['POST', 'PATCH', 'PUT', 'DELETE'])('%s needs X-CSRF-Token equal to the session\'s', (method) => {
    expect(csrfProblem(method, { host }, SESSION, false)).toMatch(/missing/);
    expect(csrfProblem(method, { host, 'x-csrf-token': 'wrong' }, SESSION, false)).toMatch(/does not match/);
    expect(csrfProblem(method, { host, 'x-csrf-token': 'csrf-123' }, SESSION, false)).toBeNull();
  });

  it('refuses an Origin that is not this server, accepts this server\'s', () => {
    const ok = { host, 'x-csrf-token': 'csrf-123' };
    expect(csrfProblem('POST', { ...ok, origin: 'http://evil.example' }, SESSION, false)).toMatch(/Origin/);
    expect(csrfProblem('POST', { ...ok, origin: `http://${host}` }, SESSION, false)).toBeNull();
    expect(csrfProblem('POST', { ...ok, origin: `http://${host}` }, SESSION, true)).toMatch(/Origin/);
    expect(csrfProblem('POST', { ...ok, origin: `https://${host}` }, SESSION, true)).toBeNull();
  });
});
