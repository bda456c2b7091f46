/**
 * `redline record <target>`: walks a device (the subtrees the profiles read, or with `--all`
 * everything) into snmpsim's `.snmprec` format, for a support case or a new profile's test data.
 * `--anonymise` replaces addresses, names, serials and contacts consistently before writing.
 * The community or keys never reach the file or the output.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, errorMessage } from '../common/errors.js';
import { SecretRegistry } from '../common/secrets.js';
import { anonymise } from '../collect/snmp/anonymise.js';
import { PROFILES } from '../collect/snmp/profiles/index.js';
import { recordDevice } from '../collect/snmp/record.js';
import { formatSnmprec } from '../collect/snmp/snmprec.js';
import {
  AUTH_PROTOCOLS, PRIV_PROTOCOLS, openSnmpTransport, parseTarget, targetLabel,
  type AuthProtocol, type PrivProtocol, type SnmpCredentials,
} from '../collect/snmp/transport.js';

/** Where the recorder writes its messages. */
export interface RecordIo {
  out(text: string): void;
  err(text: string): void;
}

export const RECORD_USAGE = `usage: redline record <host>[:port] [--out file.snmprec] [--all] [--anonymise]
                      [--community C [--snmp-version 1|2c] | --v3-user U --auth-protocol P --auth-key K --priv-protocol P --priv-key K]
                      [--timeout-ms N] [--max-varbinds N]`;

function choose<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function count(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer`);
  return n;
}

/** Runs the recorder; returns the exit code (0 recorded, 2 no answer, 1 usage). */
export async function runRecord(argv: readonly string[], io: RecordIo): Promise<number> {
  const secrets = new SecretRegistry();
  try {
    const { values: v, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        all: { type: 'boolean' },
        anonymise: { type: 'boolean' },
        community: { type: 'string' },
        'snmp-version': { type: 'string' },
        'v3-user': { type: 'string' },
        'auth-protocol': { type: 'string' },
        'auth-key': { type: 'string' },
        'priv-protocol': { type: 'string' },
        'priv-key': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'max-varbinds': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    secrets.add(v.community);
    secrets.add(v['auth-key']);
    secrets.add(v['priv-key']);
    if (v.help === true) { io.out(`${RECORD_USAGE}\n`); return 0; }
    if (positionals.length !== 1) throw new UsageError('record takes exactly one target');
    const target = parseTarget(positionals[0]!);
    let creds: SnmpCredentials;
    if (v['v3-user'] !== undefined) {
      if (v.community !== undefined) throw new UsageError('--community and --v3-user exclude each other');
      const authProtocol = choose<AuthProtocol>(v['auth-protocol'], AUTH_PROTOCOLS, '--auth-protocol');
      const privProtocol = choose<PrivProtocol>(v['priv-protocol'], PRIV_PROTOCOLS, '--priv-protocol');
      creds = {
        version: '3', user: v['v3-user'],
        ...(authProtocol !== undefined ? { authProtocol } : {}), ...(v['auth-key'] !== undefined ? { authKey: v['auth-key'] } : {}),
        ...(privProtocol !== undefined ? { privProtocol } : {}), ...(v['priv-key'] !== undefined ? { privKey: v['priv-key'] } : {}),
      };
    } else {
      creds = { version: choose<'1' | '2c'>(v['snmp-version'], ['1', '2c'], '--snmp-version') ?? '2c', community: v.community ?? 'public' };
    }
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
