/** The failed-authentication limiter: blocks after the budget for the rest of the window, recovers, stays bounded. */
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit.js';

const OPTS = { maxFailures: 3, windowMs: 60_000, maxAddresses: 100 };

describe('FailureLimiter', () => {
  it('blocks an address after maxFailures in one window, for the rest of that window', () => {
    const l = new FailureLimiter(OPTS);
    l.fail('a', 0);
    l.fail('a', 1000);
    expect(l.blockedFor('a', 1500)).toBe(0);
    l.fail('a', 2000);
    expect(l.blockedFor('a', 2000)).toBe(58_000);
    expect(l.blockedFor('a', 59_999)).toBe(1);
    expect(l.blockedFor('b', 2000)).toBe(0);
  });

  it('recovers when the window is over', () => {
    const l = new FailureLimiter(OPTS);
    for (let i = 0; i < 5; i++) l.fail('a', i);
    expect(l.blockedFor('a', 10)).toBeGreaterThan(0);
    expect(l.blockedFor('a', 60_000)).toBe(0);
    l.fail('a', 60_001);
    expect(l.blockedFor('a', 60_002)).toBe(0);
  });

  it('starts a new window for failures after the old one ended', () => {
    const l = new FailureLimiter(OPTS);
    l.fail('a', 0);
    l.fail('a', 1);
    l.fail('a', 70_000);
    l.fail('a', 70_001);
    expect(l.blockedFor('a', 70_002)).toBe(0);
  });

  it('keeps at most maxAddresses, whatever the number of addresses failing', () => {
    const l = new FailureLimiter(OPTS);
    for (let i = 0; i < 10_000; i++) l.fail(`10.0.${Math.floor(i / 256)}.${i % 256}`, i);
    expect(l.size).toBeLessThanOrEqual(OPTS.maxAddresses);
    // the newest attacker is still counted
    l.fail('10.0.39.15', 10_001);
    l.fail('10.0.39.15', 10_002);
    expect(l.blockedFor('10.0.39.15', 10_003)).toBeGreaterThan(0);
  });

  it('sweeps every expired window before dropping live ones', () => {
    const l = new FailureLimiter({ ...OPTS, maxAddresses: 10 });
    for (let i = 0; i < 5; i++) l.fail(`old-${i}`, i);
    for (let i = 0; i < 5; i++) l.fail(`live-${i}`, 50_000 + i);
    l.fail('new', 61_000);
    // the five expired windows went, no live one did
    expect(l.size).toBe(6);
    for (let i = 0; i < 5; i++) { l.fail(`live-${i}`, 61_001); l.fail(`live-${i}`, 61_002); }
    expect(l.blockedFor('live-0', 61_003)).toBeGreaterThan(0);
  });
});
