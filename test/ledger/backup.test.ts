/**
 * `redline backup` on a live ledger: while a writer child process keeps appending acknowledged
 * writes, the backup produces a single-file copy that verify-ledger accepts, that ends on a
 * signed checkpoint, and that holds every write acknowledged before the backup began (the
 * writer uses the SQLite LedgerStore); it never
 * overwrites a file unless --force.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../support/cli.js';
import { lostWrites, type Acked } from '../support/kill9-loop.js';
import { stopProcess } from '../support/processes.js';

const WRITER = resolve(fileURLToPath(import.meta.url), '..', '..', 'support', 'ledger-writer.ts');

/** Starts the writer on `file`; `acked()` lists the writes it acknowledged so far. */
function startWriter(file: string, keyFile: string): { child: ChildProcess; acked: () => readonly Acked[]; atLeast: (n: number) => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, '--key', keyFile, '--checkpoint-every', '30', '--pause-ms', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: Acked[] = [];
  let pending = '';
  let stderr = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) {
      const m = /^ack (\d+) (\S+)$/.exec(l);
      if (m !== null) acked.push({ n: Number(m[1]), id: m[2]! });
    }
    for (const w of waiters.filter((x) => x.n <= acked.length)) w.resolve();
  });
  return {
    child,
    acked: () => [...acked],
    atLeast: (n) => new Promise<void>((res, rej) => {
      if (acked.length >= n) {
        res();
        return;
      }
      waiters.push({ n, resolve: res });
      child.once('exit', (code) => { rej(new Error(`writer exited (${String(code)}) before acknowledging ${n}: ${stderr}`)); });
    }),
  };
}

describe('redline backup', () => {
  let dir: string | undefined;
  let writer: ChildProcess | undefined;
  beforeAll(async () => { await ensureBuilt(); }, 300_000);
  afterEach(async () => {
    await stopProcess(writer);
    writer = undefined;
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('copies a ledger while it is written: the copy verifies and holds every write acknowledged before the backup began', async () => {
    dir = mkdtempSync(join(tmpdir(), 'redline-backup-'));
    const file = join(dir, 'ledger.db');
    const keyFile = join(dir, 'ledger-signing.key');
    const w = startWriter(file, keyFile);
    writer = w.child;
    await w.atLeast(60);
    const ackedBefore = w.acked();
    const target = join(dir, 'copy.db');
    const r = await runCli(['backup', target, '--ledger', file, '--key', keyFile, '--json'], 120_000);
    expect(r.code, r.stderr).toBe(0);
    // the daemon side kept writing while the copy was taken
    await w.atLeast(ackedBefore.length + 20);
    // and the live file verifies too while it is being written (one read snapshot)
    const live = await runCli(['verify-ledger', file, '--public-key', keyFile]);
    expect(live.code, live.stdout).toBe(0);
    const out = JSON.parse(r.stdout) as { checkpoint: { seq: number } | null; verify: { ok: boolean; unsignedTail: number; records: number } };
    expect(out.verify.ok).toBe(true);
    // a fresh checkpoint, or the writer's own when it had just signed the head
    expect(out.checkpoint).not.toBeNull();
    expect(out.checkpoint!.seq).toBeGreaterThanOrEqual(ackedBefore.at(-1)!.n);

    // one self-contained file, accepted by verify-ledger with the exported public key
    expect(existsSync(`${target}-wal`)).toBe(false);
    const pub = await runCli(['ledger-key', '--key', keyFile]);
    expect(pub.code).toBe(0);
    writeFileSync(join(dir, 'public.pem'), pub.stdout);
    const v = await runCli(['verify-ledger', target, '--public-key', join(dir, 'public.pem')]);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toContain('result: OK');

    // every hazard acknowledged before the backup began is in the copy, with its audit record
    expect(await lostWrites(target, ackedBefore)).toEqual([]);
  }, 300_000);

  it('reads the ledger and key from a configuration, and refuses to overwrite a file unless --force', async () => {
    dir = mkdtempSync(join(tmpdir(), 'redline-backup-'));
    writeFileSync(join(dir, 'redline.yaml'), 'version: 1\nsettings:\n  ledger:\n    file: data.db\n    signingKeyFile: sign.key\n');
    const w = startWriter(join(dir, 'data.db'), join(dir, 'sign.key'));
    writer = w.child;
    await w.atLeast(10);
    await stopProcess(writer);
    // stopped once here: stopProcess waits for an exit that a second call would never see
    writer = undefined;
    const target = join(dir, 'copy.db');
    writeFileSync(target, 'an inspector\'s earlier file');
    const refused = await runCli(['backup', target, '--config', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists.*--force/);
    expect(readFileSync(target, 'utf8')).toBe('an inspector\'s earlier file');

    const forced = await runCli(['backup', target, '--config', dir, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/signed checkpoint at record \d+ (written|already there) before the copy/);
    expect(forced.stdout).toContain('result: OK');
    const v = await runCli(['verify-ledger', target, '--config', dir]);
    expect(v.code, v.stdout).toBe(0);

    const neither = await runCli(['backup', join(dir, 'other.db')]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/--config or --ledger/);
  }, 300_000);
});
