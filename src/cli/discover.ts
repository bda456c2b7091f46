/**
 * `redline discover`: crawls LLDP/CDP neighbours from seeds into a draft inventory and a report
 * of what it could not decide. Bounded by a required prefix allowlist, a device cap, a
 * concurrency cap and a deadline; credentials by reference only; never writes the live
 * configuration (`--merge` proposes a diff against it instead).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { UsageError } from '../common/errors.js';
import { SecretRegistry } from '../common/secrets.js';
import { AUTH_PROTOCOLS, PRIV_PROTOCOLS, openSnmpTransport, parseTarget, type SnmpCredentials, type SnmpTarget } from '../collect/snmp/transport.js';
import { configFileOf } from '../config/load.js';
import type { SecretRef } from '../config/schema.js';
import { Allowlist } from '../discover/allowlist.js';
import { buildDiscoveryDraft, formatReport, type DraftCredential } from '../discover/build-draft.js';
import { crawl } from '../discover/crawl.js';
import { checkDraft, diffDrafts, mergeDrafts, renderDraft, type ConfigInput } from '../import/draft.js';
import type { ProbeIo } from './probe.js';

export const DISCOVER_USAGE = `usage: redline discover --seed <host[:port]> [--seed …] --allow <prefix,…>
                        (--credentials env:NAME|file:PATH [--snmp-version 1|2c]
                         | --v3-user U [--auth-protocol P --auth-key env:NAME|file:PATH] [--priv-protocol P --priv-key env:NAME|file:PATH]) [--port N] [--depth N] [--max-devices N] [--concurrency N]
                        [--deadline-s N] [--timeout-ms N] [--retries N] [--out draft.yaml [--force]] [--merge <config dir>] [--json]`;

/** What the terminal shows while discovery runs. */
export interface DiscoverTerminal extends ProbeIo {
  /** True when stderr is a terminal: a live progress line is drawn there. */
  readonly tty?: boolean;
}

function int(v: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}`);
  return n;
}

/** Parses `env:NAME` or `file:PATH` into a secret reference. */
export function parseCredentialRef(text: string): SecretRef {
  const m = /^(env|file):(.+)$/.exec(text);
  if (m === null) throw new UsageError('--credentials must be a reference, env:NAME or file:PATH — never the secret itself');
  if (m[1] === 'env') {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(m[2]!)) throw new UsageError(`--credentials: "${m[2]!}" is not an environment variable name`);
    return { env: m[2]! };
  }
  return { file: m[2]! };
}

function resolveRef(ref: SecretRef): string {
  if ('env' in ref) {
    const v = process.env[ref.env];
    if (v === undefined || v === '') throw new UsageError(`--credentials: environment variable ${ref.env} is not set`);
    return v;
  }
  let v: string;
  try {
    v = readFileSync(ref.file, 'utf8').replace(/\r?\n$/, '');
  } catch {
    throw new UsageError(`--credentials: cannot read secret file ${ref.file}`);
  }
  if (v === '') throw new UsageError(`--credentials: secret file ${ref.file} is empty`);
  return v;
}

type CredentialFlags = Readonly<Partial<Record<'credentials' | 'snmp-version' | 'v3-user' | 'auth-protocol' | 'auth-key' | 'priv-protocol' | 'priv-key', string>>>;

/** The credentials of a discovery: references for the draft, resolved secrets for the transport. */
function credentialsOf(v: CredentialFlags, secrets: SecretRegistry): { draftCredential: DraftCredential; creds: SnmpCredentials } {
  const user = v['v3-user'];
  if (user === undefined) {
    if (v.credentials === undefined) throw new UsageError('--credentials env:NAME|file:PATH (v1/v2c) or --v3-user is required');
    const ref = parseCredentialRef(v.credentials);
    const version = v['snmp-version'] ?? '2c';
    if (version !== '1' && version !== '2c') throw new UsageError('--snmp-version must be 1 or 2c (SNMPv3: --v3-user)');
    const community = resolveRef(ref);
    secrets.add(community);
    return { draftCredential: { id: 'discovered', version, community: ref }, creds: { version, community } };
  }
  if (v.credentials !== undefined) throw new UsageError('--credentials and --v3-user exclude each other');
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined => {
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
    return value as T;
  };
  const authProtocol = pick(v['auth-protocol'], AUTH_PROTOCOLS, '--auth-protocol');
  const privProtocol = pick(v['priv-protocol'], PRIV_PROTOCOLS, '--priv-protocol');
  const authRef = v['auth-key'] === undefined ? undefined : parseCredentialRef(v['auth-key']);
  const privRef = v['priv-key'] === undefined ? undefined : parseCredentialRef(v['priv-key']);
  if (privRef !== undefined && authRef === undefined) throw new UsageError('--priv-key needs --auth-key (authPriv)');
  const authKey = authRef === undefined ? undefined : resolveRef(authRef);
  const privKey = privRef === undefined ? undefined : resolveRef(privRef);
  secrets.add(authKey);
  secrets.add(privKey);
  return {
    draftCredential: {
      id: 'discovered', version: '3', user,
      ...(authProtocol !== undefined ? { authProtocol } : {}), ...(authRef !== undefined ? { authKey: authRef } : {}),
      ...(privProtocol !== undefined ? { privProtocol } : {}), ...(privRef !== undefined ? { privKey: privRef } : {}),
    },
    creds: {
      version: '3', user,
      ...(authProtocol !== undefined ? { authProtocol } : {}), ...(authKey !== undefined ? { authKey } : {}),
      ...(privProtocol !== undefined ? { privProtocol } : {}), ...(privKey !== undefined ? { privKey } : {}),
    },
  };
}

/** Runs discovery; 0 when a draft was produced, 1 on usage errors, 2 when no seed answered. */
export async function runDiscover(argv: readonly string[], io: DiscoverTerminal): Promise<number> {
  const secrets = new SecretRegistry();
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: {
          seed: { type: 'string', multiple: true },
          allow: { type: 'string', multiple: true },
          credentials: { type: 'string' },
          'v3-user': { type: 'string' },
          'auth-protocol': { type: 'string' },
          'auth-key': { type: 'string' },
          'priv-protocol': { type: 'string' },
          'priv-key': { type: 'string' },
          'snmp-version': { type: 'string' },
          port: { type: 'string' },
          depth: { type: 'string' },
          'max-devices': { type: 'string' },
          concurrency: { type: 'string' },
          'deadline-s': { type: 'string' },
          'timeout-ms': { type: 'string' },
          retries: { type: 'string' },
          out: { type: 'string' },
          merge: { type: 'string' },
          force: { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const v = parsed.values;
    if (v.help === true) {
      io.out(`${DISCOVER_USAGE}\n`);
      return 0;
    }
    if (v.out !== undefined && existsSync(v.out) && !v.force) {
      throw new UsageError(`${v.out} exists; discover writes drafts, never over an existing file (a new name, or --force)`);
    }
    const seeds: SnmpTarget[] = (v.seed ?? []).map((s) => parseTarget(s));
    if (seeds.length === 0) throw new UsageError('at least one --seed is required');
    const allow = new Allowlist((v.allow ?? []).flatMap((a) => a.split(',')).filter((a) => a.trim() !== ''));
    const { draftCredential, creds } = credentialsOf(v, secrets);
    const timeoutMs = int(v['timeout-ms'], '--timeout-ms', 1500, 50, 60_000);
    const retries = int(v.retries, '--retries', 1, 0, 5);
    const started = performance.now();
    const deadlineS = int(v['deadline-s'], '--deadline-s', 600, 1, 86_400);
    const tty = io.tty === true && !v.json;
    let lastLine = 0;

    const result = await crawl({
      seeds,
      allow,
      port: int(v.port, '--port', 161, 1, 65535),
      maxDepth: int(v.depth, '--depth', 8, 0, 64),
      maxDevices: int(v['max-devices'], '--max-devices', 2000, 1, 100_000),
      concurrency: int(v.concurrency, '--concurrency', 16, 1, 256),
      deadline: started + deadlineS * 1000,
    }, {
      open: (t) => {
        if (!allow.allows(t.host)) throw new Error(`refusing to contact ${t.host}: outside the allowed prefixes`);
        return openSnmpTransport(t, creds, { timeoutMs, retries }, secrets);
      },
      now: () => performance.now(),
      progress: (p) => {
        if (!tty) return;
        const line = `discovering: ${p.answered} answered, ${p.probed} probed, ${p.queued} queued — ${p.current}`;
        io.err(`\r${line.padEnd(lastLine)}`);
        lastLine = line.length;
      },
    });
    if (tty && lastLine > 0) io.err(`\r${' '.repeat(lastLine)}\r`);

    const { draft, report } = buildDiscoveryDraft(result, draftCredential);
    if (result.devices.length === 0) {
      if (v.json) io.out(`${JSON.stringify({ draft: null, report })}\n`);
      else io.err(secrets.redact(formatReport(report)));
      io.err('no seed answered: nothing to draft\n');
      return 2;
    }
    let proposal: ConfigInput = draft;
    let diff: string[] | null = null;
    if (v.merge !== undefined) {
      const file = configFileOf(v.merge);
      const existing = parseDocument(readFileSync(file, 'utf8')).toJS() as ConfigInput;
      proposal = mergeDrafts(existing, draft);
      diff = diffDrafts(existing, proposal);
    }
    const issues = checkDraft(proposal);
    if (issues.length > 0) {
      throw new Error(`the draft does not pass check-config (a redline bug, please report):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    }
    const header = [
      `Draft inventory written by \`redline discover\` from ${seeds.length} seed(s) within ${allow.prefixes.join(', ')}.`,
      'A draft: roles and site classes are guesses. Review it (see the report) before copying it into the live configuration.',
      'Check it with: redline check-config <file>',
    ];
    const yaml = renderDraft(proposal, header);
    if (v.out !== undefined) writeFileSync(isAbsolute(v.out) ? v.out : resolve(v.out), yaml);
    if (v.json) {
      io.out(`${JSON.stringify({ draft: proposal, report, ...(diff !== null ? { diff } : {}) })}\n`);
    } else {
      const text = formatReport(report) + (diff === null ? '' : `\nproposed changes to ${v.merge ?? ''}:\n${diff.map((l) => `  ${l}`).join('\n') || '  (none)'}\n`);
      if (v.out === undefined) {
        io.out(yaml);
        io.err(secrets.redact(text));
      } else {
        io.out(secrets.redact(`${text}\ndraft written to ${v.out}\n`));
      }
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${secrets.redact(err.message)}\n${DISCOVER_USAGE}\n`);
      return 1;
    }
    throw new Error(secrets.redact(err instanceof Error ? err.message : String(err)));
  }
}
