/**
 * `redline token create|list|revoke`: the accounts in the ledger file, managed offline (the
 * daemon may run meanwhile: SQLite in WAL mode). A new token is printed once and never again
 * (only its hash is kept); `list` never shows a secret; every write is audited as `cli:<user>`.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTime } from '../analysis/rules/words.js';
import { sqliteAuthStore, type TokenInfo } from '../auth/token-store.js';
import { newToken, parseDuration, secretHash } from '../auth/tokens.js';
import { ROLES, type Role } from '../auth/types.js';
import { errorMessage, UsageError } from '../common/errors.js';
import { ConfigError, configFileOf, parseConfig } from '../config/load.js';
import { LedgerConflictError, LedgerNotFoundError } from '../ledger/errors.js';
import { ledgerPaths } from '../ledger/paths.js';
import { openLedgerDb } from '../ledger/sqlite-db.js';
import type { ProbeIo } from './probe.js';

const USAGE = `usage:
  redline token create --name <name> --role <${ROLES.join('|')}> [--expires 90d] [--json] [--config <dir>] [--ledger <file>]
  (the ledger file: --ledger, else settings.ledger.file beside the state file of --config, default .)
  redline token list [--json] [--config <dir>] [--ledger <file>]
  redline token revoke <name> [--config <dir>] [--ledger <file>]
`;

/** Where the command works: the ledger file and the operator's time zone, from the configuration. */
interface Target { readonly ledgerFile: string; readonly timeZone: string }

/** Reads only what the command needs from the configuration (no secrets are resolved). */
function targetOf(configPath: string | undefined, ledger: string | undefined): Target {
  const file = configFileOf(configPath ?? '.');
  let text: string | null = null;
  try { text = readFileSync(file, 'utf8'); } catch { text = null; }
  if (text === null) {
    if (ledger === undefined) throw new ConfigError(file, [{ path: '(file)', message: 'cannot read the configuration file (pass --config <dir> or --ledger <file>)' }]);
    return { ledgerFile: ledger, timeZone: 'Asia/Shanghai' };
  }
  const settings = parseConfig(text, file).settings;
  // as the daemon finds it (the state file itself relative to the configuration)
  const stateFile = isAbsolute(settings.stateFile) ? settings.stateFile : join(dirname(file), settings.stateFile);
  return { ledgerFile: ledgerPaths(stateFile, settings.ledger, ledger).ledgerFile, timeZone: settings.timeZone };
}

/** The audit actor of this command: `cli:<os user>`. */
function cliActor(): string {
  try { return `cli:${userInfo().username}`; } catch { return 'cli:unknown'; }
}

function roleArg(text: string | undefined): Role {
  const r = ROLES.find((x) => x === text);
  if (r === undefined) throw new UsageError(`--role must be one of ${ROLES.join(', ')}${text === undefined ? '' : ` (got "${text}")`}`);
  return r;
}

function nameArg(text: string | undefined): string {
  if (text === undefined || !/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(text)) throw new UsageError('--name must be letters, digits, . _ @ - (at most 64, starting with a letter or digit)');
  return text;
}

function tokenJson(t: TokenInfo): Record<string, unknown> {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return { name: t.name, role: t.role, createdAt: iso(t.createdAt), expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) };
}

function tokenLine(t: TokenInfo, zone: string, now: number): string {
  const when = (ms: number | null, none: string): string => (ms === null ? none : formatTime(ms, zone).en);
  const status = t.revokedAt !== null ? `revoked ${when(t.revokedAt, '')}` : t.expiresAt !== null && t.expiresAt <= now ? 'expired' : 'live';
  return `${t.name.padEnd(24)} ${t.role.padEnd(9)} created ${when(t.createdAt, '-')}  expires ${when(t.expiresAt, 'never')}  last used ${when(t.lastUsedAt, 'never')}  ${status}\n`;
}

/** Runs `redline token …`; resolves to the exit code. */
export async function runToken(argv: readonly string[], io: ProbeIo, now: () => number = Date.now): Promise<number> {
  const [sub, ...rest] = argv;
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { name: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string', short: 'c' }, ledger: { type: 'string' } },
    }));
  } catch (err) {
    io.err(`${errorMessage(err)}\n${USAGE}`);
    return 1;
  }
  if (sub !== 'create' && sub !== 'list' && sub !== 'revoke') {
    io.err(sub === undefined ? USAGE : `unknown token command "${sub}"\n${USAGE}`);
    return 1;
  }
  try {
    const target = targetOf(values.config, values.ledger);
    const db = openLedgerDb(target.ledgerFile);
    try {
      const store = sqliteAuthStore(db);
      switch (sub) {
        case 'create': {
          if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]!}"`);
          const name = nameArg(values.name);
          const role = roleArg(values.role);
          let expiresAt: number | null = null;
          if (values.expires !== undefined) {
            const ms = parseDuration(values.expires);
            if (ms === null) throw new UsageError(`--expires must be a number of hours, days or weeks, e.g. 12h, 90d, 2w (got "${values.expires}")`);
            expiresAt = now() + ms;
          }
          const token = newToken();
          const info = await store.createToken({ name, role, hash: secretHash(token), expiresAt }, { at: now(), actor: cliActor() });
          if (values.json === true) {
            io.out(`${JSON.stringify({ name: info.name, role: info.role, token, expiresAt: info.expiresAt === null ? null : new Date(info.expiresAt).toISOString() })}\n`);
          } else {
            io.out(`${token}\n`);
            io.err(`token "${name}" (role ${role}, expires ${expiresAt === null ? 'never' : formatTime(expiresAt, target.timeZone).en}) created.\n` +
              'Store it now: it is shown only this once (redline keeps only its hash). 请立即保存：此令牌只显示这一次。\n');
          }
          return 0;
        }
        case 'list': {
          const tokens = await store.listTokens();
          if (values.json === true) io.out(`${JSON.stringify(tokens.map(tokenJson))}\n`);
          else if (tokens.length === 0) io.err('no tokens (redline token create --name … --role …)\n');
          else for (const t of tokens) io.out(tokenLine(t, target.timeZone, now()));
          return 0;
        }
        case 'revoke': {
          const name = positionals[0];
          if (name === undefined || positionals.length !== 1) throw new UsageError('redline token revoke <name>: name the one token to revoke');
          const info = await store.revokeToken(name, { at: now(), actor: cliActor() });
          io.out(`revoked token "${info.name}" (role ${info.role}); its console sessions ended\n`);
          return 0;
        }
      }
    } finally {
      db.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n${err instanceof ConfigError ? '' : USAGE}`);
      return 1;
    }
    if (err instanceof LedgerConflictError || err instanceof LedgerNotFoundError) {
      io.err(`redline token: ${err.message}\n`);
      return 1;
    }
    io.err(`redline token: ${errorMessage(err)}\n`);
    return 1;
  }
}
