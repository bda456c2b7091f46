/**
 * SNMP credentials from the command line, shared by `probe` and `record`: the community or v3
 * keys from a `-file` flag (its first line), the environment (REDLINE_COMMUNITY,
 * REDLINE_AUTH_KEY, REDLINE_PRIV_KEY) or the bare flag, which earns a warning in both languages
 * because it shows in `ps` and shell history. Every secret seen is registered for redaction.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../common/errors.js';
import type { SecretRegistry } from '../common/secrets.js';
import { AUTH_PROTOCOLS, PRIV_PROTOCOLS, type AuthProtocol, type PrivProtocol, type SnmpCredentials } from '../collect/snmp/transport.js';

/** The credential flags, in `node:util` parseArgs form: spread into a command's options. */
export const CREDENTIAL_OPTIONS = {
  community: { type: 'string' },
  'community-file': { type: 'string' },
  'snmp-version': { type: 'string' },
  'v3-user': { type: 'string' },
  'auth-protocol': { type: 'string' },
  'auth-key': { type: 'string' },
  'auth-key-file': { type: 'string' },
  'priv-protocol': { type: 'string' },
  'priv-key': { type: 'string' },
  'priv-key-file': { type: 'string' },
  context: { type: 'string' },
} as const;

/** The credential flags as a command's usage lists them (one line, to be wrapped by the command). */
export const CREDENTIAL_FLAGS_USAGE = '[--community-file F [--snmp-version 1|2c] | --v3-user U --auth-protocol md5|sha|sha256|sha512 --auth-key-file F --priv-protocol des|aes|aes256 --priv-key-file F [--context C]]';

/** Where the secrets may come from, for a command's usage text. */
export const SECRETS_USAGE = `  secrets: --community-file, --auth-key-file, --priv-key-file (the file's first line), or the environment
           (REDLINE_COMMUNITY, REDLINE_AUTH_KEY, REDLINE_PRIV_KEY); --community, --auth-key, --priv-key
           also work but are visible to other users (ps) and kept in shell history`;

/** Where secrets come from besides the flags; injected so tests need no real environment. */
export interface SecretSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): string;
}

/** The process environment and the file system. */
export const DEFAULT_SECRET_SOURCES: SecretSources = { env: process.env, readFile: (p) => readFileSync(p, 'utf8') };

/** The parsed credential flags (other flags of the command may be present too). */
export type CredentialValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** One secret: its flag (the file flag is `<flag>-file`) and its environment variable. */
interface SecretSource {
  readonly flag: 'community' | 'auth-key' | 'priv-key';
  readonly env: string;
}

const COMMUNITY: SecretSource = { flag: 'community', env: 'REDLINE_COMMUNITY' };
const AUTH_KEY: SecretSource = { flag: 'auth-key', env: 'REDLINE_AUTH_KEY' };
const PRIV_KEY: SecretSource = { flag: 'priv-key', env: 'REDLINE_PRIV_KEY' };

const text = (values: CredentialValues, key: string): string | undefined => {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
};

/** Registers every secret the flags and the environment carry, before anything can print them. */
export function registerCredentialSecrets(values: CredentialValues, sources: SecretSources, secrets: SecretRegistry): void {
  for (const src of [COMMUNITY, AUTH_KEY, PRIV_KEY]) {
    secrets.add(text(values, src.flag));
    secrets.add(sources.env[src.env]);
  }
}

/**
 * A secret from its flag, its `-file` flag or its environment variable, in that order (flag and
 * file together are a usage error). A flag earns a warning: it shows in `ps` and shell history.
 */
function readSecret(src: SecretSource, values: CredentialValues, sources: SecretSources, secrets: SecretRegistry, warn: (text: string) => void): string | undefined {
  const flag = text(values, src.flag);
  const file = text(values, `${src.flag}-file`);
  if (flag !== undefined && file !== undefined) throw new UsageError(`--${src.flag} and --${src.flag}-file exclude each other`);
  if (flag !== undefined) {
    warn(`warning: --${src.flag} on the command line is visible to other users (ps) and kept in shell history; use --${src.flag}-file or ${src.env}\n` +
      `警告：命令行中的 --${src.flag} 会被其他用户（ps）看到并留在 shell 历史中；请改用 --${src.flag}-file 或环境变量 ${src.env}\n`);
    return flag;
  }
  if (file !== undefined) {
    let content: string;
    try {
      content = sources.readFile(file);
    } catch {
      throw new UsageError(`--${src.flag}-file: cannot read ${file}`);
    }
    // the first line only: a trailing newline (echo > file) is not part of the secret
    const value = content.split(/\r?\n/)[0] ?? '';
    secrets.add(value);
    if (value === '') throw new UsageError(`--${src.flag}-file: ${file} has an empty first line`);
    return value;
  }
  const env = sources.env[src.env];
  return env === undefined || env === '' ? undefined : env;
}

/** A flag's value when it is one of `allowed`; a usage error naming the choices otherwise. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** The SNMP credentials the flags, files and environment give; v2c 'public' when none is given. */
export function credentialsFromFlags(values: CredentialValues, sources: SecretSources, secrets: SecretRegistry, warn: (text: string) => void): SnmpCredentials {
  const user = text(values, 'v3-user');
  if (user !== undefined) {
    if (text(values, 'community') !== undefined || text(values, 'community-file') !== undefined) throw new UsageError('--community and --v3-user exclude each other');
    const authProtocol = oneOf<AuthProtocol>(text(values, 'auth-protocol'), AUTH_PROTOCOLS, '--auth-protocol');
    const privProtocol = oneOf<PrivProtocol>(text(values, 'priv-protocol'), PRIV_PROTOCOLS, '--priv-protocol');
    const authKey = readSecret(AUTH_KEY, values, sources, secrets, warn);
    const privKey = readSecret(PRIV_KEY, values, sources, secrets, warn);
    if (privKey !== undefined && authKey === undefined) throw new UsageError('a privacy key needs an auth key too (authPriv): --auth-key-file or REDLINE_AUTH_KEY');
    const context = text(values, 'context');
    return {
      version: '3',
      user,
      ...(authProtocol !== undefined ? { authProtocol } : {}),
      ...(authKey !== undefined ? { authKey } : {}),
      ...(privProtocol !== undefined ? { privProtocol } : {}),
      ...(privKey !== undefined ? { privKey } : {}),
      ...(context !== undefined ? { context } : {}),
    };
  }
  const version = oneOf<'1' | '2c'>(text(values, 'snmp-version'), ['1', '2c'], '--snmp-version') ?? '2c';
  return { version, community: readSecret(COMMUNITY, values, sources, secrets, warn) ?? 'public' };
}
