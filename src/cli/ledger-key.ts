/**
 * `redline ledger-key [--config path | --key file]`: prints the public half of the ledger signing
 * key as PEM (what an inspector keeps for `verify-ledger --public-key`) and its fingerprint.
 * `redline ledger-key checkpoint <ledger.db>`: prints the latest signed checkpoint as JSON (kept
 * beside a report, it later proves the trail was not cut short: `verify-ledger --checkpoint`).
 * Both only read.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, errorMessage } from '../common/errors.js';
import { exportCheckpoint } from '../ledger/checkpoints.js';
import { LedgerStoreError } from '../ledger/errors.js';
import { loadPublicKey } from '../ledger/signing.js';
import { openLedgerDb } from '../ledger/sqlite-db.js';
import type { ProbeIo } from './probe.js';
import { ledgerSettingsOf } from './verify-ledger.js';

/** The usage lines of ledger-key. */
export const LEDGER_KEY_USAGE = `usage: redline ledger-key (--config path | --key file)     print the public key PEM (stdout) and its fingerprint (stderr)
       redline ledger-key checkpoint (<ledger.db> | --config path)   print the latest signed checkpoint as JSON`;

/** Runs ledger-key; resolves to the exit code (0 done, 1 nothing to print, 2 usage). */
export function runLedgerKey(argv: readonly string[], io: ProbeIo): number {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { config: { type: 'string' }, key: { type: 'string' } } });
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
    const { values, positionals } = parsed;
    const settings = values.config === undefined ? null : ledgerSettingsOf(values.config);
    if (positionals[0] === 'checkpoint') {
      const file = positionals[1] ?? settings?.ledgerFile;
      if (file === undefined || positionals.length > 2) throw new UsageError('name one ledger file, or --config');
      if (!existsSync(file)) throw new UsageError(`ledger ${file} does not exist`);
      const db = openLedgerDb(file, { readOnly: true });
      try {
        const c = exportCheckpoint(db);
        if (c === null) {
          io.err(`ledger-key: ${file} holds no signed checkpoint yet\n`);
          return 1;
        }
        io.out(`${JSON.stringify(c, null, 2)}\n`);
        return 0;
      } finally {
        db.close();
      }
    }
    if (positionals.length > 0) throw new UsageError(`unknown argument "${positionals[0]!}"`);
    const keyFile = values.key ?? settings?.signingKeyFile;
    if (keyFile === undefined) throw new UsageError('give --config or --key');
    const key = loadPublicKey(keyFile);
    io.out(key.publicKeyPem);
    io.err(`ledger signing key fingerprint ${key.fingerprint}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof LedgerStoreError) {
      io.err(`ledger-key: ${err.message}\n${LEDGER_KEY_USAGE}\n`);
      return 2;
    }
    throw err;
  }
}
