import { describe, expect, it } from 'vitest';
import { SecretRegistry } from './secrets.js';

describe('SecretRegistry', () => {
  it('redacts every registered secret, longest first, including regex metacharacters', () => {
    const s = new SecretRegistry();
    s.add('pa$$(word)');
    s.add('pa$$');
    s.add('ab'); // too short to register
    expect(s.redact('x pa$$(word) y pa$$ z ab')).toBe('x [REDACTED] y [REDACTED] z ab');
  });

  it('redacts inside nested values, keys included, even with quotes and backslashes', () => {
    const s = new SecretRegistry();
    s.add('se"cr\\et');
    const out = s.redactDeep({ a: ['se"cr\\et!'], 'k-se"cr\\et': { n: 1, t: 'se"cr\\et' } });
    expect(JSON.stringify(out)).not.toContain('cr\\\\et');
    expect(out).toEqual({ a: ['[REDACTED]!'], 'k-[REDACTED]': { n: 1, t: '[REDACTED]' } });
  });
});
