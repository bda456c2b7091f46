import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, resolveConfig } from '../config/load.js';

function problems(receivers: unknown): string[] {
  try {
    parseConfig(JSON.stringify({ version: 1, alerting: { receivers } }), 'redline.yaml');
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe('receivers validated at config load by their type schemas', () => {
  it('accepts a webhook with its URL as an option and its key as a secret reference', () => {
    expect(problems([{ name: 'noc', type: 'webhook', secrets: { secret: { env: 'K' } }, options: { url: 'https://noc.example/hook' } }])).toEqual([]);
  });

  it('names each bad option with its path, across receivers, all at once', () => {
    const p = problems([
      { name: 'noc', type: 'webhook', secrets: { secret: { env: 'K' } }, options: { url: 'ftp://x' } },
      { name: 'mail', type: 'email', options: { host: 'smtp.example', from: 'a@example.net', to: ['not-an-address'], colour: 'red' } },
      { name: 'x', type: 'pager' },
    ]);
    expect(p.some((l) => l.startsWith('alerting.receivers[0].options.url:'))).toBe(true);
    expect(p.some((l) => l.startsWith('alerting.receivers[1].options.to.0:'))).toBe(true);
    expect(p.some((l) => l.startsWith('alerting.receivers[1].options.colour:'))).toBe(true);
    expect(p.some((l) => l.startsWith('alerting.receivers[2].type:') && l.includes('webhook'))).toBe(true);
  });

  it('refuses a setting given both as an option and as a secret', () => {
    expect(problems([{ name: 'noc', type: 'webhook', secrets: { secret: { env: 'K' } }, options: { url: 'https://n.example/', secret: { env: 'K' } } }]))
      .toContain('alerting.receivers[0].options.secret: "secret" is given both as an option and as a secret; keep it under secrets');
  });

  it('reads receivers\' secrets at load, registers them for redaction, and names a missing one', () => {
    const config = parseConfig(JSON.stringify({ version: 1, alerting: { receivers: [{ name: 'noc', type: 'webhook', secrets: { secret: { env: 'HOOK_KEY' } }, options: { url: 'https://n.example/' } }] } }), '/etc/redline/redline.yaml');
    const loaded = resolveConfig(config, '/etc/redline/redline.yaml', { env: { HOOK_KEY: 's3cret-hook-key' }, readFile: () => { throw new Error('no files'); } });
    expect(loaded.secrets.redact('signed with s3cret-hook-key')).not.toContain('s3cret-hook-key');
    expect(() => resolveConfig(config, '/etc/redline/redline.yaml', { env: {}, readFile: () => '' }))
      .toThrow(/alerting\.receivers\[0\]\.secrets\.secret\.env: environment variable HOOK_KEY is not set/);
  });
});
