/**
 * Where the ledger's files are, as the daemon and every offline command find them: a relative
 * `settings.ledger.file` sits beside the state file (writable where the configuration may be
 * mounted read-only), and a relative signing key beside the ledger (it is created on first start).
 */
import { dirname, isAbsolute, join } from 'node:path';

/** The ledger file and its signing key for a state file (absolute or relative to the working directory) and `settings.ledger`. */
export function ledgerPaths(stateFile: string, ledger: { readonly file: string; readonly signingKeyFile: string }, override?: string): { ledgerFile: string; signingKeyFile: string } {
  const ledgerFile = override ?? (isAbsolute(ledger.file) ? ledger.file : join(dirname(stateFile), ledger.file));
  const signingKeyFile = isAbsolute(ledger.signingKeyFile) ? ledger.signingKeyFile : join(dirname(ledgerFile), ledger.signingKeyFile);
  return { ledgerFile, signingKeyFile };
}
