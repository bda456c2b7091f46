/**
 * `redline verify-ledger <ledger.db> [--public-key file] [--checkpoint file] [--config path] [--json]`:
 * checks a ledger file offline — SQLite integrity, the audit hash chain, every signed checkpoint —
 * and names the first bad record. Opens the file read-only and never writes it, so it runs on an
 * inspector's copy. Without a file it checks the PostgreSQL ledger instead: the one the
 * configuration's settings.store.postgres names, or `--postgres-url-env NAME` (the URL in that
 * environment variable, never on the command line) with `--schema` — one read-only snapshot.
 * Exit 0 when intact, 1 when not (naming the first bad record), 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Bilingual } from '../analysis/finding.js';
import { formatTime } from '../analysis/rules/words.js';
import { UsageError, errorMessage } from '../common/errors.js';
import { neutralise } from '../common/text.js';
import { ConfigError, configFileOf, parseConfig } from '../config/load.js';
import { readCheckpointFile } from '../ledger/checkpoints.js';
import { LedgerStoreError } from '../ledger/errors.js';
import { ledgerPaths } from '../ledger/paths.js';
import { fingerprintOf, loadPublicKey, type LedgerPublicKey } from '../ledger/signing.js';
import { verifyLedger, type VerifyOptions, type VerifyReport } from '../ledger/verify.js';
import { verifyPgLedger } from '../ledger/verify-pg.js';
import { readSecretRef } from '../alerting/receivers/receiver-kit.js';
import { SecretRegistry } from '../common/secrets.js';
import { pgUrlProblem, pgUrlSecrets } from '../config/load.js';
import type { SecretRef } from '../config/schema.js';
import { describePgUrl, openPgPool } from '../store/postgres/pool.js';
import type pg from 'pg';
import type { ProbeIo } from './probe.js';

/** The usage line of verify-ledger. */
export const VERIFY_LEDGER_USAGE = 'usage: redline verify-ledger <ledger.db> | --postgres-url-env NAME [--schema name] | --config path (settings.store.postgres) [--public-key file] [--checkpoint file] [--json]';

/** Where a configuration keeps the ledger, its signing key, and the operator's zone. */
export interface LedgerSettings {
  readonly ledgerFile: string;
  readonly signingKeyFile: string;
  readonly checkpointEvery: number;
  readonly timeZone: string;
  /** settings.store.postgres, its URL still a reference (relative files resolved against the configuration's directory). */
  readonly postgres?: { readonly url: SecretRef; readonly schema?: string };
}

/** The ledger settings of the configuration at `path` (file or directory); paths resolved against its directory. */
export function ledgerSettingsOf(path: string): LedgerSettings {
  const file = configFileOf(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, [{ path: '(file)', message: 'cannot read the configuration file' }]);
  }
  const s = parseConfig(text, file).settings;
  const dir = dirname(file);
  const at = (p: string): string => (isAbsolute(p) ? p : join(dir, p));
  const { ledgerFile, signingKeyFile } = ledgerPaths(at(s.stateFile), s.ledger);
  const pgc = s.store.postgres;
  const postgres = pgc === undefined ? undefined : { url: 'file' in pgc.url ? { file: at(pgc.url.file) } : pgc.url, ...(pgc.schema !== undefined ? { schema: pgc.schema } : {}) };
  return { ledgerFile, signingKeyFile, checkpointEvery: s.ledger.checkpointEvery, timeZone: s.timeZone, ...(postgres !== undefined ? { postgres } : {}) };
}

/** The report as JSON: times in ISO 8601 UTC. */
export function reportJson(file: string, r: VerifyReport): unknown {
  return {
    file,
    ...r,
    firstBad: r.firstBad === null ? null : {
      ...r.firstBad,
      record: r.firstBad.record === null ? null : { ...r.firstBad.record, at: new Date(r.firstBad.record.at).toISOString() },
    },
  };
}

/** The report for people, both languages, times in `zone` (named). */
export function reportText(file: string, r: VerifyReport, zone: string): string {
  const lines: string[] = [`ledger ${neutralise(file)}`];
  // PostgreSQL keeps no file to check: its report carries no integrity answer
  if (r.integrity.length > 0) lines.push(`  SQLite 完整性 / integrity: ${r.integrity.map(neutralise).join('; ')}`);
  lines.push(`  审计记录 / audit records: ${r.records} checked${r.lastSeq === null ? '' : ` (1–${r.lastSeq})`}`);
  const sig = r.signaturesChecked ? `signatures checked against key ${r.keyId === null ? '' : fingerprintOf(r.keyId)}` : 'signatures NOT checked';
  lines.push(`  签名检查点 / signed checkpoints: ${r.checkpoints} checked, ${sig}`);
  if (r.firstBad === null && r.problems.length === 0) lines.push(`  最后检查点之后的记录 / records after the last checkpoint: ${r.unsignedTail}`);
  const both = (b: Bilingual): string[] => [`    ${neutralise(b.zh)}`, `    ${neutralise(b.en)}`];
  for (const w of r.warnings) lines.push('  注意 / note:', ...both(w));
  for (const p of r.problems) lines.push('  问题 / problem:', ...both(p));
  const bad = r.firstBad;
  if (bad !== null) {
    lines.push(`  第一条坏记录 / first bad record: #${bad.seq} (${bad.kind})`);
    if (bad.record !== null) {
      const t = formatTime(bad.record.at, zone);
      lines.push(`    时间 / time: ${t.zh} / ${t.en}`);
      lines.push(`    操作者 / actor: ${neutralise(bad.record.actor)}; 操作 / action: ${neutralise(bad.record.action)}; 对象 / target: ${neutralise(bad.record.target)}`);
    }
    lines.push(`    原因：${neutralise(bad.reason.zh)}`, `    reason: ${neutralise(bad.reason.en)}`);
  }
  lines.push(r.ok ? '结果：通过 / result: OK' : '结果：未通过 / result: FAILED');
  return `${lines.join('\n')}\n`;
}

/** A progress line on a terminal, nothing when piped. */
export function progressLine(io: ProbeIo, tty: boolean, label: string): { update: (done: number, total: number) => void; clear: () => void } {
  let shown = false;
  return {
    update: (done, total) => {
      if (!tty) return;
      shown = true;
      io.err(`\r${label} ${done}/${total}${total > 0 ? ` (${Math.floor((done * 100) / total)}%)` : ''}   `);
    },
    clear: () => {
      if (shown) io.err('\r\x1b[K');
    },
  };
}

/** The PostgreSQL ledger to verify: from `--postgres-url-env`, else the configuration's settings.store.postgres; null: none named. */
function pgTarget(urlEnv: string | undefined, schema: string | undefined, settings: LedgerSettings | null): { url: string; schema?: string } | null {
  if (urlEnv !== undefined) {
    const url = process.env[urlEnv];
    if (url === undefined || url === '') throw new UsageError(`--postgres-url-env: environment variable ${urlEnv} is not set`);
    const s = schema ?? settings?.postgres?.schema;
    return { url, ...(s !== undefined ? { schema: s } : {}) };
  }
  if (settings?.postgres === undefined) {
    if (schema !== undefined) throw new UsageError('--schema goes with --postgres-url-env or a configuration with settings.store.postgres');
    return null;
  }
  let url: string;
  try {
    url = readSecretRef(settings.postgres.url);
  } catch (err) {
    throw new UsageError(`settings.store.postgres.url: ${errorMessage(err)}`);
  }
  const s = schema ?? settings.postgres.schema;
  return { url, ...(s !== undefined ? { schema: s } : {}) };
}

/** Verifies the PostgreSQL ledger at `target`; its URL's password is masked in any error. */
async function verifyPgTarget(target: { url: string; schema?: string }, opts: VerifyOptions): Promise<VerifyReport> {
  const secrets = new SecretRegistry();
  for (const v of pgUrlSecrets(target.url)) secrets.add(v);
  const problem = pgUrlProblem(target.url);
  if (problem !== null) throw new UsageError(`the PostgreSQL URL: ${problem}`);
  let pool: pg.Pool | undefined;
  try {
    pool = await openPgPool({ url: target.url, ...(target.schema !== undefined ? { schema: target.schema } : {}), createSchema: false, poolSize: 1 });
    return await verifyPgLedger(pool, opts);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new LedgerStoreError(secrets.redact(`cannot read the ledger on ${describePgUrl(target.url)}: ${errorMessage(err)}`), { retryable: false });
  } finally {
    await pool?.end().catch(() => undefined);
  }
}

/** Runs verify-ledger; resolves to the exit code (0 intact, 1 not, 2 usage). */
export async function runVerifyLedger(argv: readonly string[], io: ProbeIo & { readonly tty?: boolean }): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv], allowPositionals: true, strict: true,
        options: {
          'public-key': { type: 'string' }, checkpoint: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' },
          'postgres-url-env': { type: 'string' }, schema: { type: 'string' },
        },
      });
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
    const { values, positionals } = parsed;
    const file = positionals[0];
    if (positionals.length > 1) throw new UsageError('name one ledger file');
    const settings = values.config === undefined ? null : ledgerSettingsOf(values.config);
    const target = file !== undefined && values['postgres-url-env'] === undefined && values.schema === undefined ? null : pgTarget(values['postgres-url-env'], values.schema, settings);
    if (file !== undefined && target !== null) throw new UsageError('name a ledger file or a PostgreSQL ledger (--postgres-url-env), not both');
    if (file === undefined && target === null) throw new UsageError('name one ledger file');
    const keyFile = values['public-key'] ?? settings?.signingKeyFile;
    const publicKey: LedgerPublicKey | null = keyFile === undefined ? null : loadPublicKey(keyFile);
    const checkpoint = values.checkpoint === undefined ? null : readCheckpointFile(values.checkpoint);
    const json = values.json === true;
    const progress = progressLine(io, io.tty === true && !json, 'verifying records');
    const zone = settings?.timeZone ?? 'UTC';
    const opts: VerifyOptions = { publicKey, checkpoint, onProgress: progress.update, timeZone: zone };
    const report = target === null ? verifyLedger(file!, opts) : await verifyPgTarget(target, opts);
    const label = target === null ? file! : `${describePgUrl(target.url)}${target.schema === undefined ? '' : ` schema ${target.schema}`}`;
    progress.clear();
    io.out(json ? `${JSON.stringify(reportJson(label, report), null, 2)}\n` : reportText(label, report, zone));
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof UsageError || err instanceof LedgerStoreError) {
      io.err(`verify-ledger: ${err.message}\n${VERIFY_LEDGER_USAGE}\n`);
      return 2;
    }
    throw err;
  }
}
