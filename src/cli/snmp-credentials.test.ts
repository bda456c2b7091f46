/** Credentials from flags, files and the environment, as probe and record read them. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../common/errors.js';
import { SecretRegistry } from '../common/secrets.js';
import { credentialsFromFlags, registerCredentialSecrets, type CredentialValues, type SecretSources } from './snmp-credentials.js';

const files: Record<string, string> = { '/c': 'from-file\nsecond line\n', '/a': 'auth-from-file\n', '/empty': '\n' };
const sources = (env: Record<string, string> = {}): SecretSources => ({
  env,
  readFile: (p) => {
    const t = files[p];
    if (t === undefined) throw new Error('ENOENT');
    return t;
  },
});

function read(values: CredentialValues, env: Record<string, string> = {}): { creds: unknown; warnings: string[]; secrets: SecretRegistry } {
  const warnings: string[] = [];
  const secrets = new SecretRegistry();
  registerCredentialSecrets(values, sources(env), secrets);
  const creds = credentialsFromFlags(values, sources(env), secrets, (t) => { warnings.push(t); });
  return { creds, warnings, secrets };
}

describe('SNMP credentials from the command line', () => {
  it.each([
    ['a file: its first line, no warning', { 'community-file': '/c' }, {}, 'from-file', 0],
    ['the environment', {}, { REDLINE_COMMUNITY: 'from-env' }, 'from-env', 0],
    ['a flag, with a warning in both languages', { community: 'from-flag' }, {}, 'from-flag', 1],
    ['the flag before the environment', { community: 'from-flag' }, { REDLINE_COMMUNITY: 'from-env' }, 'from-flag', 1],
    ['nothing: public', {}, {}, 'public', 0],
  ] as const)('community from %s', (_n, values, env, community, warned) => {
    const r = read(values, env);
    expect(r.creds).toEqual({ version: '2c', community });
    expect(r.warnings).toHaveLength(warned);
    if (warned > 0) expect(r.warnings[0]).toMatch(/visible to other users[\s\S]*警告/);
  });

  it('reads v3 keys from a file and the environment, and registers them for redaction', () => {
    const r = read({ 'v3-user': 'ops', 'auth-protocol': 'sha', 'auth-key-file': '/a', 'priv-protocol': 'aes' }, { REDLINE_PRIV_KEY: 'priv-from-env' });
    expect(r.creds).toEqual({ version: '3', user: 'ops', authProtocol: 'sha', authKey: 'auth-from-file', privProtocol: 'aes', privKey: 'priv-from-env' });
    expect(r.secrets.redact('auth-from-file priv-from-env')).not.toMatch(/auth-from-file|priv-from-env/);
  });

  it.each([
    ['flag and file together', { community: 'x', 'community-file': '/c' }, /--community and --community-file exclude each other/],
    ['a file that cannot be read', { 'community-file': '/nope' }, /--community-file: cannot read \/nope/],
    ['a file with an empty first line', { 'community-file': '/empty' }, /empty first line/],
    ['community with a v3 user', { 'v3-user': 'u', 'community-file': '/c' }, /--community and --v3-user exclude each other/],
    ['a privacy key without an auth key', { 'v3-user': 'u', 'priv-key-file': '/a' }, /needs an auth key too/],
    ['an unknown auth protocol', { 'v3-user': 'u', 'auth-protocol': 'rot13' }, /--auth-protocol must be one of md5/],
    ['an unknown SNMP version', { 'snmp-version': '3c' }, /--snmp-version must be one of 1, 2c/],
  ] as const)('refuses %s with a usage error', (_n, values, message) => {
    expect(() => read(values)).toThrow(UsageError);
    expect(() => read(values)).toThrow(message);
  });
});
