/**
 * Locates `../shared/` (the recordings, topologies and references beside the checkout), and
 * decides what a missing prerequisite means. Outside CI a missing folder skips the tests that
 * need it, with a clear message; under CI (any truthy CI: true, 1, yes…) it is an error, so a
 * broken CI layout cannot pass silently. Tools the test command installs (openssl, the DES
 * legacy provider) are an error whenever the tests run through it (REDLINE_TEST_STRICT=1).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DIR = process.env['REDLINE_SHARED_DIR'] ?? resolve(REPO_ROOT, '..', 'shared');
export const SNMPREC_DIR = resolve(SHARED_DIR, 'snmprec');

/** Whether CI is set to anything truthy (CI=true, CI=1, CI=yes; not empty, 0 or false). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env['CI'] ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'false' && v !== 'no';
}

/** Whether a missing tool must fail the tests: under CI, or when run through `npm test` (scripts/test.sh sets REDLINE_TEST_STRICT=1). */
export function strictPrerequisites(env: NodeJS.ProcessEnv = process.env): boolean {
  return underCi(env) || env['REDLINE_TEST_STRICT'] === '1';
}

/**
 * True when ../shared/<part> is there (the recordings by default); throws under CI when it is
 * not, so a broken CI layout cannot pass silently.
 */
export function sharedAvailable(part = 'snmprec'): boolean {
  const dir = resolve(SHARED_DIR, part);
  if (existsSync(dir)) return true;
  if (underCi()) throw new Error(`${dir} is missing; CI must provide ../shared`);
  console.warn(`[skip] ${dir} not found: tests that read it are skipped`);
  return false;
}

/**
 * A tool some tests need (`what`): returns whether it is there. Missing, it throws when the
 * run is strict (CI or `npm test`, which installs it) and otherwise warns that the tests skip.
 */
export function prerequisite(what: string, present: boolean, why: string): boolean {
  if (present) return true;
  if (strictPrerequisites()) throw new Error(`${what} is missing (${why}); the test command provides it, so this is a failure, not a skip`);
  console.warn(`[skip] ${what}: ${why}`);
  return false;
}
