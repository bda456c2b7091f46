/**
 * `redline verify-report <export folder | .tar> [--key pubkey.pem | --key-id <id or fingerprint>] [--json]`:
 * checks a signed export offline with node's standard library only — the Ed25519 signature of
 * manifest.json, then the SHA-256 of every file, and that none was removed or added. Without
 * --key or --key-id the key inside the export is used, and the output says the key was not pinned
 * (compare its fingerprint with the one you hold). Exit 0 intact, 1 rejected, 2 usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { errorMessage } from '../common/errors.js';
import { neutralise } from '../common/text.js';
import { verifyExport } from '../reports/signed-export.js';
import type { ProbeIo } from './probe.js';

/** The usage of verify-report. */
export const VERIFY_REPORT_USAGE = 'usage: redline verify-report <export folder | export.tar> [--key pubkey.pem | --key-id <key id or fingerprint>] [--json]';

/** Runs verify-report; resolves to the exit code. */
export function runVerifyReport(argv: readonly string[], io: ProbeIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { key: { type: 'string' }, 'key-id': { type: 'string' }, json: { type: 'boolean' } } });
  } catch (err) {
    io.err(`${errorMessage(err)}\n${VERIFY_REPORT_USAGE}\n`);
    return 2;
  }
  const [path, ...extra] = parsed.positionals;
  if (path === undefined || extra.length > 0) {
    io.err(`${path === undefined ? 'give the export folder or .tar' : `unexpected argument(s): ${extra.join(' ')}`}\n${VERIFY_REPORT_USAGE}\n`);
    return 2;
  }
  const expected: { publicKeyPem?: string; keyId?: string } = {};
  if (parsed.values.key !== undefined) {
    try {
      expected.publicKeyPem = readFileSync(parsed.values.key, 'utf8');
    } catch (err) {
      io.err(`--key ${neutralise(parsed.values.key)}: cannot read it (${neutralise(errorMessage(err))})\n`);
      return 2;
    }
  }
  if (parsed.values['key-id'] !== undefined) expected.keyId = parsed.values['key-id'];
  let verdict;
  try {
    verdict = verifyExport(path, expected);
  } catch (err) {
    io.err(`REJECTED ${neutralise(path)}: ${neutralise(errorMessage(err))}\n`);
    return 1;
  }
  if (parsed.values.json === true) io.out(`${JSON.stringify({ path, ...verdict }, null, 2)}\n`);
  else if (verdict.ok) {
    io.out(`OK ${neutralise(path)}: ${verdict.files} files match the manifest signed by key ${verdict.fingerprint ?? ''} (${verdict.kind ?? ''}, ${verdict.createdAt ?? ''})\n`);
    if (!verdict.keyPinned) io.out('note: the key was taken from the export itself; compare its fingerprint with the one you hold, or pin it with --key / --key-id\n');
  } else {
    io.err(`REJECTED ${neutralise(path)}:\n${verdict.problems.map((p) => `  - ${neutralise(p)}\n`).join('')}`);
  }
  return verdict.ok ? 0 : 1;
}
