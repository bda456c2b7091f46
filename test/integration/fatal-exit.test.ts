/**
 * The process-level last resort of `redline run` / `redline demo`: an exception thrown outside
 * every handler, or a promise rejection nobody handles, is logged and the process stops the
 * daemon and exits with code 70 (for systemd or Docker to restart it), never silently on.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FATAL_EXIT_CODE } from '../../src/cli/run.js';

const child = resolve(fileURLToPath(import.meta.url), '..', 'fatal-exit-child.ts');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function runChild(kind: 'throw' | 'reject'): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-fatal-'));
  dirs.push(dir);
  const p = spawn(process.execPath, ['--import', 'tsx', child, dir, kind], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  p.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const code = await new Promise<number | null>((r) => p.once('exit', (c) => { r(c); }));
  return { code, out };
}

describe('fatal process errors', () => {
  it.each([
    ['throw', /"msg":"uncaught exception: stopping with exit code 70"/, 'fatal-exit canary (thrown in a timer)'],
    ['reject', /"msg":"unhandled promise rejection: stopping with exit code 70"/, 'fatal-exit canary (rejected, unhandled)'],
  ] as const)('%s: logged with its cause, the daemon stopped, exit code 70', async (kind, line, cause) => {
    const { code, out } = await runChild(kind);
    expect(code, out).toBe(FATAL_EXIT_CODE);
    expect(out).toMatch(line);
    expect(out).toContain(cause);
    expect(out).toContain('"msg":"redline stopped"');
  }, 60_000);
});
