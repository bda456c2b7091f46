/**
 * `redline profile check <file>…`: validates operator-written YAML profiles and names every
 * problem with its path (exit 1), or summarises what each profile reads (exit 0).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../common/errors.js';
import { parseUserProfile } from '../collect/snmp/user-profiles.js';

/** Where the command writes. */
export interface ProfileIo {
  out(text: string): void;
  err(text: string): void;
}

export const PROFILE_USAGE = 'usage: redline profile check <profile.yaml>…';

/** Runs `profile <subcommand>`; returns the exit code. */
export function runProfile(argv: readonly string[], io: ProfileIo): Promise<number> {
  const [sub, ...files] = argv;
  try {
    if (sub !== 'check') throw new UsageError(sub === undefined ? 'profile needs a subcommand' : `unknown profile subcommand "${sub}"`);
    if (files.length === 0) throw new UsageError('profile check needs at least one file');
    let bad = 0;
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        io.err(`${file}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
        bad++;
        continue;
      }
      const r = parseUserProfile(text, file);
      if (r.profile === null) {
        bad++;
        io.err(`${file}: ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}\n${r.issues.map((i) => `  ${i.path}: ${i.message}\n`).join('')}`);
        continue;
      }
      const p = r.profile;
      const kinds = [...new Set(p.extract.map((e) => e.kind))].join(', ');
      io.out(`${file}: ok — profile ${p.id} (${p.mib}), ${Object.keys(p.columns ?? {}).length} column(s), ${Object.keys(p.scalars ?? {}).length} scalar(s), extracts ${kinds}${p.vendors === undefined ? ', every device' : `, devices under ${p.vendors.join(', ')}`}\n`);
    }
    return Promise.resolve(bad > 0 ? 1 : 0);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n${PROFILE_USAGE}\n`);
      return Promise.resolve(1);
    }
    throw err;
  }
}
