/** Configured tokens: refused outside the demo when inline, short or well known; the demo admits its own. */
import { describe, expect, it } from 'vitest';
import { configTokenIssues, configTokenTable } from './config-tokens.js';
import { isLoopbackHost } from './loopback.js';
import { secretHash } from './tokens.js';

const STRONG = 'q7Vx2LmP9sKd4RtY8wNc3HfJ';

describe('configTokenIssues', () => {
  it('refuses inline and weak tokens with their paths', () => {
    const issues = configTokenIssues([
      { name: 'ok', role: 'viewer', token: STRONG, inline: false },
      { name: 'inline', role: 'viewer', token: STRONG, inline: true },
      { name: 'short', role: 'admin', token: 'abc', inline: false },
      { name: 'demo', role: 'admin', token: 'demo-admin', inline: false },
    ], { demo: false });
    expect(issues.map((i) => i.path)).toEqual(['settings.auth.tokens[1].token', 'settings.auth.tokens[2].token', 'settings.auth.tokens[3].token']);
    expect(issues[0]!.message).toMatch(/inline/);
    expect(issues[1]!.message).toMatch(/"short".*shorter than 24/);
    expect(issues[2]!.message).toMatch(/demo/);
  });

  it('admits the demo configuration\'s documented tokens only for the demo', () => {
    const demo = [{ name: 'demo-viewer', role: 'viewer' as const, token: 'demo-viewer', inline: true }];
    expect(configTokenIssues(demo, { demo: true })).toEqual([]);
    expect(configTokenIssues(demo, { demo: false })).toHaveLength(1);
  });

  it('keeps tokens by hash only', () => {
    const table = configTokenTable([{ name: 'prom', role: 'viewer', token: STRONG, inline: false }]);
    expect(table).toEqual([{ name: 'prom', role: 'viewer', hash: secretHash(STRONG) }]);
    expect(JSON.stringify(table)).not.toContain(STRONG);
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '10.0.0.1', '192.168.1.1', 'redline.noc.example', '128.0.0.1'])('%s is not', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});
