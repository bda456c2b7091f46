/**
 * `redline backup <target> [--config path | --ledger file [--key file]] [--force] [--json]`: an
 * online copy of the ledger while the daemon keeps writing. It first signs a fresh checkpoint
 * into the source (when the signing key is at hand) so the copy ends on a signed head, copies
 * with SQLite's backup API into a temporary file beside the target, makes the copy one
 * self-contained file (rollback journal, no -wal), fsyncs it, renames it into place, and then
 * verifies the copy as verify-ledger would. Never overwrites an existing file unless `--force`.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, errorMessage } from '../common/errors.js';
import { exportedForm, latestCheckpoint, writeCheckpoint, type Checkpoint } from '../ledger/checkpoints.js';
import { LedgerStoreError } from '../ledger/errors.js';
import { loadSigningKey, type LedgerSigningKey } from '../ledger/signing.js';
import { openLedgerDb } from '../ledger/sqlite-db.js';
import { verifyLedger } from '../ledger/verify.js';
import type { ProbeIo } from './probe.js';
import { ledgerSettingsOf, progressLine, reportJson, reportText } from './verify-ledger.js';

/** The usage line of backup. */
export const BACKUP_USAGE = 'usage: redline backup <target-file> (--config path | --ledger file [--key signing-key-file]) [--force] [--json]';

/** Pages copied per backup step (4 KiB pages: 16 MiB), so a terminal sees progress on a large ledger. */
const PAGES_PER_STEP = 4096;
/** After this many restarts (the daemon wrote between steps), the rest is copied in one step. */
const RESTARTS_BEFORE_ONE_STEP = 2;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeDbFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** Copies `source` (an open ledger) to `target` through a temporary file; reports page progress. */
async function copyLedger(db: Database.Database, target: string, onProgress: (done: number, total: number) => void): Promise<number> {
  const tmp = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  removeDbFiles(tmp);
  let restarts = 0;
  let lastRemaining = Infinity;
  try {
    const result = await db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        // SQLite restarts a backup when another connection wrote the source between steps
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        onProgress(totalPages - remainingPages, totalPages);
        return restarts >= RESTARTS_BEFORE_ONE_STEP ? 0x7fffffff : PAGES_PER_STEP;
      },
    });
    // one self-contained file: an inspector's copy should not depend on -wal/-shm files beside it
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fsyncPath(tmp);
    renameSync(tmp, target);
    fsyncPath(dirname(target));
    return result.totalPages;
  } catch (err) {
    removeDbFiles(tmp);
    throw err;
  }
}

/** Runs backup; resolves to the exit code (0 copied and verified, 1 failed, 2 usage). */
export async function runBackup(argv: readonly string[], io: ProbeIo & { readonly tty?: boolean }): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv], allowPositionals: true, strict: true,
        options: { config: { type: 'string' }, ledger: { type: 'string' }, key: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
      });
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
    const { values, positionals } = parsed;
    const targetArg = positionals[0];
    if (targetArg === undefined || positionals.length !== 1) throw new UsageError('name one target file');
    if ((values.config === undefined) === (values.ledger === undefined)) throw new UsageError('give either --config or --ledger');
    const settings = values.config === undefined ? null : ledgerSettingsOf(values.config);
    const source = values.ledger ?? settings!.ledgerFile;
    const keyFile = values.key ?? settings?.signingKeyFile;
    const target = resolve(targetArg);
    if (!existsSync(source)) throw new UsageError(`ledger ${source} does not exist`);
    if (existsSync(target)) {
      if (values.force !== true) throw new UsageError(`${target} exists; backup never overwrites a file unless --force`);
      if (realpathSync(target) === realpathSync(source)) throw new UsageError('the target is the ledger itself');
      removeDbFiles(target);
    }
    if (!existsSync(dirname(target))) throw new UsageError(`the target's directory ${dirname(target)} does not exist`);
    const json = values.json === true;
    const tty = io.tty === true && !json;
    const key: LedgerSigningKey | null = keyFile !== undefined && existsSync(keyFile) ? loadSigningKey(keyFile) : null;
    const notes: string[] = [];
    if (key === null) notes.push(`no signing key${keyFile === undefined ? ' given (--key)' : ` at ${keyFile}`}: the copy ends without a fresh signed checkpoint`);

    const db = openLedgerDb(source);
    let checkpoint: Checkpoint | null = null;
    let fresh = false;
    let pages: number;
    try {
      if (key !== null) {
        checkpoint = writeCheckpoint(db, key, Date.now());
        fresh = checkpoint !== null;
        // null: the head was already signed (the daemon had just checkpointed), which serves as well
        checkpoint ??= latestCheckpoint(db);
      }
      const progress = progressLine(io, tty, 'copying pages');
      pages = await copyLedger(db, target, progress.update);
      progress.clear();
    } finally {
      db.close();
    }
    const verifyProgress = progressLine(io, tty, 'verifying records');
    const report = verifyLedger(target, { publicKey: key, onProgress: verifyProgress.update, timeZone: settings?.timeZone ?? 'UTC' });
    verifyProgress.clear();
    if (json) {
      io.out(`${JSON.stringify({ source, target, pages, checkpoint: checkpoint === null ? null : exportedForm(checkpoint), freshCheckpoint: fresh, notes, verify: reportJson(target, report) }, null, 2)}\n`);
    } else {
      io.out(`backup of ${source} written to ${target} (${pages} pages)\n`);
      if (checkpoint !== null) io.out(`signed checkpoint at record ${checkpoint.seq} ${fresh ? 'written' : 'already there'} before the copy\n`);
      for (const n of notes) io.out(`note: ${n}\n`);
      io.out(reportText(target, report, settings?.timeZone ?? 'UTC'));
    }
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`backup: ${err.message}\n${BACKUP_USAGE}\n`);
      return 2;
    }
    if (err instanceof LedgerStoreError) {
      io.err(`backup: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
