/**
 * Running the built CLI (`node bin/redline.js …`) from tests, asynchronously (so that agents
 * served by the test process keep answering) and with a hard bound: a CLI that has not exited
 * by then is killed by PID and reported as hung.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './shared.js';

/** The outcome of one CLI run. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the run outlived its bound and was killed. */
  readonly hung: boolean;
}

const MAIN = join(REPO_ROOT, 'dist', 'cli', 'main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Makes sure `dist/` is built and not older than `src/` (`npm test` builds first, so this is
 * usually a no-op). Test files running in parallel share one build through a lock directory.
 */
export async function ensureBuilt(): Promise<void> {
  const fresh = (): boolean => existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestMtime(join(REPO_ROOT, 'src'));
  if (fresh()) return;
  const lock = join(tmpdir(), `redline-build-${Buffer.from(REPO_ROOT).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held for 3 minutes`);
      await new Promise((r) => setTimeout(r, 250));
      if (!existsSync(lock) && fresh()) return;
    }
  }
  try {
    if (fresh()) return;
    const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    // a failed build must fail the test: an older dist/ would test code that is not the source
    if (r.status !== 0) throw new Error(`the build failed; not testing a stale dist/:\n${r.stdout.slice(0, 4000)}${r.stderr.slice(0, 2000)}`);
  } finally {
    rmdirSync(lock);
  }
}

/** Runs `node bin/redline.js …args` (with `env` added to the environment); kills it by PID after `boundMs`. */
export function runCli(args: readonly string[], boundMs = 30_000, nodeArgs: readonly string[] = [], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, 'bin', 'redline.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => {
      hung = true;
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, boundMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, hung });
    });
  });
}

/** Runs several CLI invocations, `width` at a time; results in the order given. */
export async function runCliMany(list: readonly (readonly string[])[], width = 3, boundMs = 30_000): Promise<CliResult[]> {
  const out: CliResult[] = new Array<CliResult>(list.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const k = next++;
      out[k] = await runCli(list[k]!, boundMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, list.length) }, worker));
  return out;
}
