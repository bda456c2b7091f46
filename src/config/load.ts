/**
 * Loading a configuration: YAML parsed once, validated strictly with every error reported at
 * once with its path, secrets resolved from the environment or files (never inline) and
 * registered for redaction.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { UsageError } from '../common/errors.js';
import { SecretRegistry } from '../common/secrets.js';
import type { SnmpCredentials } from '../collect/snmp/transport.js';
import type { ResolvedConfigToken } from '../auth/config-tokens.js';
import { healthCheckProblems } from '../collect/http/spec.js';
import { receiverProblems } from '../alerting/config-receivers.js';
import { configSchema, healthCheckSpecOf, type RedlineConfig, type SecretRef } from './schema.js';
import { formatPath, validateReferences, type ConfigIssue } from './validate.js';

/** A configuration that failed to load: every issue, each with its path. */
export class ConfigError extends UsageError {
  readonly issues: readonly ConfigIssue[];
  constructor(file: string, issues: readonly ConfigIssue[]) {
    super(`${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.issues = issues;
  }
}

/** A loaded, valid configuration with its secrets resolved. */
export interface LoadedConfig {
  readonly file: string;
  readonly dir: string;
  readonly config: RedlineConfig;
  /** Resolved SNMP credentials by credential id. */
  readonly credentials: ReadonlyMap<string, SnmpCredentials>;
  /** Resolved HTTP header values by health-check id. */
  readonly healthHeaders: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** settings.auth.tokens with their values read (checked at start: src/auth/config-tokens.ts). */
  readonly authTokens: readonly ResolvedConfigToken[];
  /** Every secret value, for redaction. */
  readonly secrets: SecretRegistry;
  /** Absolute path of the state file. */
  readonly stateFile: string;
  /** settings.store.postgres with its URL read (a secret, registered in `secrets`); absent: SQLite. */
  readonly postgres?: PgStoreSettings;
}

/** Where the daemon's shared stores live on PostgreSQL: the URL is a secret (log `describePgUrl(url)` only). */
export interface PgStoreSettings {
  readonly url: string;
  readonly schema?: string;
  readonly poolSize?: number;
}

/** The problem with a PostgreSQL URL as read, or null; never quotes the URL (it carries a password). */
export function pgUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL; expected postgres://user:password@host:5432/database';
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return `expected a postgres:// or postgresql:// URL, not ${u.protocol}//`;
  if (u.hostname === '') return 'the URL names no host';
  return null;
}

/** The forms a URL's password may take in text (as written, and percent-decoded), for redaction. */
export function pgUrlSecrets(url: string): string[] {
  const out = [url];
  try {
    const u = new URL(url);
    if (u.password !== '') {
      out.push(u.password);
      try { out.push(decodeURIComponent(u.password)); } catch { /* kept as written */ }
    }
  } catch {
    // an unparsable URL is refused before it is used; the whole text is registered above
  }
  return out;
}

/** Where to read secrets from: injected so that tests need no real environment. */
export interface SecretSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): string;
}

const defaultSources: SecretSources = { env: process.env, readFile: (p) => readFileSync(p, 'utf8') };

/** The config file for a path that is either the file or its directory (holding redline.yaml). */
export function configFileOf(path: string): string {
  const abs = resolve(path);
  if (existsSync(abs) && statSync(abs).isDirectory()) return join(abs, 'redline.yaml');
  return abs;
}

/** Parses and validates config text; throws ConfigError with every issue. */
export function parseConfig(text: string, file: string): RedlineConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => ({
      path: e.linePos?.[0] !== undefined ? `line ${e.linePos[0].line}:${e.linePos[0].col}` : '(yaml)',
      message: e.message.split('\n')[0] ?? e.message,
    })));
  }
  const raw: unknown = doc.toJS();
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new ConfigError(file, parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  const refIssues = [...validateReferences(parsed.data), ...receiverProblems(parsed.data.alerting.receivers)];
  if (refIssues.length > 0) throw new ConfigError(file, refIssues);
  return parsed.data;
}

function resolveSecret(ref: SecretRef, path: string, baseDir: string, src: SecretSources, issues: ConfigIssue[], secrets: SecretRegistry): string | undefined {
  if ('env' in ref) {
    const v = src.env[ref.env];
    if (v === undefined || v === '') {
      issues.push({ path: `${path}.env`, message: `environment variable ${ref.env} is not set` });
      return undefined;
    }
    secrets.add(v);
    return v;
  }
  const file = isAbsolute(ref.file) ? ref.file : join(baseDir, ref.file);
  try {
    const v = src.readFile(file).replace(/\r?\n$/, '');
    if (v === '') {
      issues.push({ path: `${path}.file`, message: `secret file ${ref.file} is empty` });
      return undefined;
    }
    secrets.add(v);
    return v;
  } catch {
    issues.push({ path: `${path}.file`, message: `cannot read secret file ${ref.file}` });
    return undefined;
  }
}

/** Resolves the secrets of a parsed config; every missing one is reported at once. */
export function resolveConfig(config: RedlineConfig, file: string, src: SecretSources = defaultSources): LoadedConfig {
  const dir = dirname(file);
  const secrets = new SecretRegistry();
  const issues: ConfigIssue[] = [];
  const credentials = new Map<string, SnmpCredentials>();
  for (const [name, c] of Object.entries(config.credentials)) {
    const p = `credentials.${name}`;
    if (c.version === '3') {
      const authKey = c.authKey === undefined ? undefined : resolveSecret(c.authKey, `${p}.authKey`, dir, src, issues, secrets);
      const privKey = c.privKey === undefined ? undefined : resolveSecret(c.privKey, `${p}.privKey`, dir, src, issues, secrets);
      credentials.set(name, {
        version: '3',
        user: c.user,
        ...(c.authProtocol !== undefined ? { authProtocol: c.authProtocol } : {}),
        ...(authKey !== undefined ? { authKey } : {}),
        ...(c.privProtocol !== undefined ? { privProtocol: c.privProtocol } : {}),
        ...(privKey !== undefined ? { privKey } : {}),
        ...(c.context !== undefined ? { context: c.context } : {}),
      });
    } else {
      const community = resolveSecret(c.community, `${p}.community`, dir, src, issues, secrets);
      if (community !== undefined) credentials.set(name, { version: c.version, community });
    }
  }
  const healthHeaders = new Map<string, Record<string, string>>();
  config.health.forEach((h, i) => {
    const headers: Record<string, string> = {};
    for (const [k, ref] of Object.entries(h.headers ?? {})) {
      const v = resolveSecret(ref, `health[${i}].headers.${k}`, dir, src, issues, secrets);
      if (v !== undefined) headers[k] = v;
    }
    healthHeaders.set(h.id, headers);
    // the header values, now read, go through the health check's own validator
    for (const p of healthCheckProblems(healthCheckSpecOf(h, headers))) issues.push({ path: formatPath([`health`, i, ...p.path]), message: p.message });
  });
  const authTokens: ResolvedConfigToken[] = [];
  config.settings.auth.tokens.forEach((t, i) => {
    const inline = typeof t.token === 'string';
    const value = typeof t.token === 'string' ? t.token : resolveSecret(t.token, `settings.auth.tokens[${i}].token`, dir, src, issues, secrets);
    if (typeof t.token === 'string') secrets.add(t.token);
    if (value !== undefined) authTokens.push({ name: t.name, role: t.role, token: value, inline });
  });
  // receivers' secrets: read now (a missing one stops the start) and registered for redaction
  config.alerting.receivers.forEach((r, i) => {
    for (const [k, ref] of Object.entries(r.secrets)) resolveSecret(ref, `alerting.receivers[${i}].secrets.${k}`, dir, src, issues, secrets);
  });
  // the shared store's URL: read now, checked without ever quoting it, registered for redaction
  let postgres: PgStoreSettings | undefined;
  const pgc = config.settings.store.postgres;
  if (pgc !== undefined) {
    const url = resolveSecret(pgc.url, 'settings.store.postgres.url', dir, src, issues, secrets);
    if (url !== undefined) {
      for (const v of pgUrlSecrets(url)) secrets.add(v);
      const problem = pgUrlProblem(url);
      if (problem !== null) issues.push({ path: 'settings.store.postgres.url', message: problem });
      else postgres = { url, ...(pgc.schema !== undefined ? { schema: pgc.schema } : {}), ...(pgc.poolSize !== undefined ? { poolSize: pgc.poolSize } : {}) };
    }
  }
  if (issues.length > 0) throw new ConfigError(file, issues);
  const stateFile = isAbsolute(config.settings.stateFile) ? config.settings.stateFile : join(dir, config.settings.stateFile);
  return { file, dir, config, credentials, healthHeaders, authTokens, secrets, stateFile, ...(postgres !== undefined ? { postgres } : {}) };
}

/** Reads, validates and resolves a configuration file or directory. */
export function loadConfig(path: string, src: SecretSources = defaultSources): LoadedConfig {
  const file = configFileOf(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, [{ path: '(file)', message: 'cannot read the configuration file' }]);
  }
  return resolveConfig(parseConfig(text, file), file, src);
}
