/**
 * Locates `../shared/` (the recordings, topologies and references beside the checkout).
 * Outside CI a missing folder skips the tests that need it, with a clear message; under
 * CI=true it is an error, so a broken CI layout cannot pass silently.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DIR = process.env['REDLINE_SHARED_DIR'] ?? resolve(REPO_ROOT, '..', 'shared');
export const SNMPREC_DIR = resolve(SHARED_DIR, 'snmprec');

/**
 * True when ../shared/<part> is there (the recordings by default); throws under CI=true when
 * it is not, so a broken CI layout cannot pass silently.
 */
export function sharedAvailable(part = 'snmprec'): boolean {
  const dir = resolve(SHARED_DIR, part);
  if (existsSync(dir)) return true;
  if (process.env['CI'] === 'true') throw new Error(`${dir} is missing; CI must provide ../shared`);
  console.warn(`[skip] ${dir} not found: tests that read it are skipped`);
  return false;
}
