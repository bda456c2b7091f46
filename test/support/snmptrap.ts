/**
 * Debian's `snmptrap` and `snmpinform` (package snmp) sending real notifications to a receiver on
 * 127.0.0.1. Missing tools fail loudly when the tests run strictly (npm test installs them).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { haveCommand } from './processes.js';
import { strictPrerequisites } from './shared.js';

const run = promisify(execFile);

/** Whether snmptrap is here; throws when it must be (strict runs), so a missing package cannot pass silently. */
export function haveSnmptrap(): boolean {
  if (haveCommand('snmptrap') && haveCommand('snmpinform')) return true;
  if (strictPrerequisites()) throw new Error('snmptrap is not installed (Debian package snmp): npm test installs it');
  console.warn('skipping: snmptrap/snmpinform not installed (Debian package snmp)');
  return false;
}

/** How to authenticate one notification: a community, or a v3 user with its keys. */
export type TrapAuth =
  | { readonly community: string }
  | { readonly user: string; readonly authKey?: string; readonly privKey?: string; readonly authProtocol?: string; readonly privProtocol?: string };

function authArgs(auth: TrapAuth): string[] {
  if ('community' in auth) return ['-v', '2c', '-c', auth.community];
  const level = auth.privKey !== undefined ? 'authPriv' : auth.authKey !== undefined ? 'authNoPriv' : 'noAuthNoPriv';
  const args = ['-v', '3', '-u', auth.user, '-l', level];
  if (auth.authKey !== undefined) args.push('-a', auth.authProtocol ?? 'SHA', '-A', auth.authKey);
  if (auth.privKey !== undefined) args.push('-x', auth.privProtocol ?? 'AES', '-X', auth.privKey);
  return args;
}

/** What to send besides the notification OID. */
export interface SendOptions {
  /** `snmpinform` (acknowledged) instead of `snmptrap`. */
  readonly inform?: boolean;
  /** Send from this local address (another 127.x address plays an unknown device). */
  readonly from?: string;
  /** Extra varbinds: OID, type letter, value (as snmptrap takes them). */
  readonly varbinds?: readonly (readonly [string, string, string])[];
}

/** Sends one SNMPv1 trap (enterprise, generic and specific trap numbers) with `community` to 127.0.0.1:`port`. */
export async function sendV1Trap(port: number, community: string, enterprise: string, generic: number, specific: number): Promise<void> {
  await run('snmptrap', ['-v', '1', '-c', community, `127.0.0.1:${port}`, enterprise, '127.0.0.1', String(generic), String(specific), ''], { env: { ...process.env, MIBS: '' }, timeout: 15_000 });
}

/** Sends one notification to 127.0.0.1:`port`; resolves when the tool exits (an inform: once acknowledged). */
export async function sendTrap(port: number, auth: TrapAuth, trapOid: string, opts: SendOptions = {}): Promise<void> {
  const args = [...authArgs(auth), '-t', '2', '-r', '1'];
  // a trap's v3 engine id is the sender's own (authoritative); an inform discovers the receiver's
  if (!('community' in auth) && opts.inform !== true) args.push('-e', '0x80001f8880aabbccdd01020304');
  if (opts.from !== undefined) args.push(`--clientaddr=${opts.from}`);
  args.push(`127.0.0.1:${port}`, '', trapOid);
  for (const vb of opts.varbinds ?? []) args.push(...vb);
  await run(opts.inform === true ? 'snmpinform' : 'snmptrap', args, { env: { ...process.env, MIBS: '' }, timeout: 15_000 });
}
