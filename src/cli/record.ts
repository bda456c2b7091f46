/**
 * `redline record <target>`: walks a device (the subtrees the profiles read, or with `--all`
 * everything) into snmpsim's `.snmprec` format, for a support case or a new profile's test data.
 * `--anonymise` replaces addresses, names, serials and contacts consistently before writing.
 * The community or keys (from a file, the environment or a flag, as for `probe`) never reach the
 * file or the output.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, errorMessage } from '../common/errors.js';
import { SecretRegistry } from '../common/secrets.js';
import { anonymise } from '../collect/snmp/anonymise.js';
import { PROFILES } from '../collect/snmp/profiles/index.js';
import { recordDevice } from '../collect/snmp/record.js';
import { formatSnmprec } from '../collect/snmp/snmprec.js';
import { openSnmpTransport, parseTarget, targetLabel } from '../collect/snmp/transport.js';
import { CREDENTIAL_FLAGS_USAGE, CREDENTIAL_OPTIONS, DEFAULT_SECRET_SOURCES, SECRETS_USAGE, credentialsFromFlags, registerCredentialSecrets, type SecretSources } from './snmp-credentials.js';

/** Where the recorder writes its messages. */
export interface RecordIo {
  out(text: string): void;
  err(text: string): void;
}

export const RECORD_USAGE = `usage: redline record <host>[:port] [--out file.snmprec] [--all] [--anonymise]
         ${CREDENTIAL_FLAGS_USAGE}
         [--timeout-ms N] [--max-varbinds N]
${SECRETS_USAGE}`;

function count(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer`);
  return n;
}

/** Runs the recorder; returns the exit code (0 recorded, 2 no answer, 1 usage). */
export async function runRecord(argv: readonly string[], io: RecordIo, sources: SecretSources = DEFAULT_SECRET_SOURCES): Promise<number> {
  const secrets = new SecretRegistry();
  try {
    const { values: v, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        all: { type: 'boolean' },
        anonymise: { type: 'boolean' },
        ...CREDENTIAL_OPTIONS,
        'timeout-ms': { type: 'string' },
        'max-varbinds': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    registerCredentialSecrets(v, sources, secrets);
    if (v.help === true) { io.out(`${RECORD_USAGE}\n`); return 0; }
    if (positionals.length !== 1) throw new UsageError('record takes exactly one target');
    const target = parseTarget(positionals[0]!);
    const creds = credentialsFromFlags(v, sources, secrets, (text) => { io.err(text); });
    const timeoutMs = count(v['timeout-ms'], '--timeout-ms', 120_000);
    const transport = openSnmpTransport(target, creds, { timeoutMs: 3000, retries: 1 }, secrets);
    let recording;
    try {
      recording = await recordDevice(transport, {
        profiles: PROFILES, all: v.all === true, maxRepetitions: 25, maxVarbinds: count(v['max-varbinds'], '--max-varbinds', 500_000), timeoutMs, now: () => Date.now(),
      });
    } finally {
      transport.close();
    }
    for (const p of recording.problems) io.err(`${secrets.redact(p)}\n`);
    if (recording.rows.length === 0) {
      io.err(`no answer from ${targetLabel(target)}\n`);
      return 2;
    }
    const rows = v.anonymise === true ? anonymise(recording.rows) : recording.rows;
    const text = formatSnmprec(rows);
    if (v.out === undefined) io.out(text);
    else {
      writeFileSync(v.out, text);
      io.err(`${rows.length} varbinds from ${targetLabel(target)} written to ${v.out}${v.anonymise === true ? ' (anonymised)' : ''}\n`);
    }
    return 0;
  } catch (err) {
    const msg = secrets.redact(errorMessage(err));
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      io.err(`${msg}\n${RECORD_USAGE}\n`);
      return 1;
    }
    throw new Error(msg);
  }
}
