import { describe, expect, it } from 'vitest';
import { notification } from '../../../test/support/alert-notifications.js';
import { receiverDeps } from '../../../test/support/receiver-deps.js';
import { UsageError } from '../../common/errors.js';
import { buildReceivers, RECEIVER_FACTORIES } from './index.js';

/** One valid spec per registered type: a type added without a sample here fails the walk below. */
const SAMPLES: Readonly<Record<string, Record<string, unknown>>> = {
  webhook: { type: 'webhook', url: 'https://hooks.example.net/redline', secret: { env: 'S_HOOK' } },
  alertmanager: { type: 'alertmanager', url: 'http://127.0.0.1:9093', bearerToken: { env: 'S_AM' } },
  dingtalk: { type: 'dingtalk', accessToken: { env: 'S_DT' }, secret: { env: 'S_DT_SIGN' } },
  wecom: { type: 'wecom', key: { env: 'S_WX' } },
  email: { type: 'email', host: 'smtp.example.net', from: 'redline@example.net', to: ['noc@example.net'], user: 'redline', password: { env: 'S_MAIL' } },
  slack: { type: 'slack', url: { env: 'S_SLACK' } },
};
/** The field of each sample holding a secret reference. */
const SECRET_FIELD: Readonly<Record<string, string>> = { webhook: 'secret', alertmanager: 'bearerToken', dingtalk: 'accessToken', wecom: 'key', email: 'password', slack: 'url' };
const SECRETS = { S_HOOK: 'hook-secret-1', S_AM: 'am-token-2', S_DT: 'dt-token-3', S_DT_SIGN: 'SECdt-sign-4', S_WX: 'wx-key-5', S_MAIL: 'mail-pass-6', S_SLACK: 'https://hooks.slack.example/T/B/slack-7' };

describe('the receiver registration list', () => {
  it('has unique types', () => {
    const types = RECEIVER_FACTORIES.map((f) => f.type);
    expect(new Set(types).size).toBe(types.length);
  });

  describe.each(RECEIVER_FACTORIES.map((f) => [f.type, f] as const))('%s', (type, factory) => {
    it('builds from its sample, named and typed, its secrets registered for redaction', () => {
      const sample = SAMPLES[type];
      expect(sample, `add a sample spec for receiver type ${type}`).toBeDefined();
      const deps = receiverDeps(SECRETS);
      const r = factory.build({ name: `r-${type}`, ...sample }, deps);
      expect(r.name).toBe(`r-${type}`);
      expect(r.type).toBe(type);
      const field = SECRET_FIELD[type]!;
      const ref = (sample![field] as { env: keyof typeof SECRETS }).env;
      expect(deps.registry.redact(`x ${SECRETS[ref]} y`)).toBe('x [REDACTED] y');
      expect(typeof r.deliver).toBe('function');
    });

    it('refuses its secret written inline and unknown keys', () => {
      const field = SECRET_FIELD[type]!;
      expect(() => factory.build({ name: 'r', ...SAMPLES[type], [field]: 'inline-secret' }, receiverDeps(SECRETS))).toThrow(/never written inline/);
      expect(() => factory.build({ name: 'r', ...SAMPLES[type], colour: 'red' }, receiverDeps(SECRETS))).toThrow(/colour/);
    });
  });

  it('buildReceivers reports every problem with its path at once', () => {
    const specs = [
      { name: 'a', ...SAMPLES['webhook'], url: 'ftp://x' },
      { name: 'b', type: 'pager' },
      { name: 'c', ...SAMPLES['wecom'] },
      { name: 'c', ...SAMPLES['slack'] },
      { name: 'd', ...SAMPLES['email'], password: undefined },
    ];
    let err: unknown;
    try {
      buildReceivers(specs, receiverDeps(SECRETS));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const text = (err as Error).message;
    expect(text).toContain('receivers[0].url: expected an http:// or https:// URL');
    expect(text).toContain('receivers[1].type: expected one of webhook, alertmanager, dingtalk, wecom, email, slack');
    expect(text).toContain('receivers[3].name: c is already a receiver');
    expect(text).toContain('receivers[4]: email d: user and password go together');
  });

  it('buildReceivers maps names to receivers', () => {
    const map = buildReceivers([{ name: 'noc', ...SAMPLES['webhook'] }, { name: 'mail', ...SAMPLES['email'] }], receiverDeps(SECRETS));
    expect([...map.keys()]).toEqual(['noc', 'mail']);
    expect(map.get('noc')?.name).toBe(notification('x', 'noc').receiver);
  });
});
