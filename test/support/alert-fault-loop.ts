/**
 * The alerting fault run shared by the test (1,000 notifications, 5 kills) and
 * `scripts/alert-fault.ts` (≥ 10,000, ≥ 20): a real webhook on port 0 that verifies every
 * signature and refuses half the deliveries at random (HTTP 500); a child process (the outbox
 * and dispatcher on a real ledger file) SIGKILLed at random moments and restarted; then a last
 * child runs until the outbox is drained. Counts what arrived by delivery id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { mulberry32 } from '../../src/sim/replay-agent.js';
import { duplicatesOf, outboxStates, startFaultWebhook } from './alert-fault-webhook.js';

const CHILD = resolve(fileURLToPath(import.meta.url), '..', 'alert-fault-child.ts');
const KEY = 'fault-run-hmac-key';

/** What a fault run found. */
export interface FaultReport {
  readonly total: number;
  readonly kills: number;
  /** Rows in the outbox, by state, at the end. */
  readonly rows: Readonly<Record<string, number>>;
  /** Requests the webhook got, refused on purpose (500), and refused for a bad signature. */
  readonly requests: number;
  readonly refusedOnPurpose: number;
  readonly badSignatures: number;
  /** Delivery ids accepted at least once, and those never accepted. */
  readonly arrived: number;
  readonly lost: readonly string[];
  /** Accepted more than once (a kill between the receiver's ok and the outbox's record). */
  readonly duplicates: number;
  /** Delivery ids whose accepted copies differed in content (must be 0: a duplicate is the same notification). */
  readonly mismatchedDuplicates: number;
  /** An accepted body whose deliveryId differed from its X-Redline-Delivery header (must be 0). */
  readonly headerMismatches: number;
  readonly ms: number;
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs the fault scenario in `dir` (a fresh temporary directory). */
export async function runAlertFault(dir: string, opts: { total: number; kills: number; seed: number; failRate?: number; drainTimeoutMs?: number; onKill?: (round: number, afterMs: number, delivered: number) => void }): Promise<FaultReport> {
  const started = Date.now();
  const random = mulberry32(opts.seed);
  const failRate = opts.failRate ?? 0.5;
  const hook = await startFaultWebhook({ key: KEY, random, failRate });
  const url = hook.url;
  const file = join(dir, 'ledger.db');

  let current: ChildProcess | undefined;
  // a child must not outlive the run (its parent interrupted or failing)
  const killCurrent = (): void => { if (current !== undefined && current.exitCode === null && current.signalCode === null) current.kill('SIGKILL'); };
  process.once('exit', killCurrent);
  const spawnChild = (): { child: ChildProcess; ready: Promise<void>; exited: Promise<void>; stderr: () => string } => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, url, String(opts.total)], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDLINE_FAULT_WEBHOOK_KEY: KEY },
    });
    current = child;
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4000); });
    const exited = new Promise<void>((r) => child.once('exit', () => { r(); }));
    const ready = new Promise<void>((r) => {
      child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('ready')) r(); });
      void exited.then(r);
    });
    return { child, ready, exited, stderr: () => err };
  };
  const deliveredRows = (): number => {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare("SELECT COUNT(*) AS n FROM alert_outbox WHERE state = 'delivered'").get() as { n: number };
        return row.n;
      } finally {
        db.close();
      }
    } catch {
      return 0;
    }
  };

  try {
    for (let round = 1; round <= opts.kills; round++) {
      const c = spawnChild();
      const spawnedAt = Date.now();
      await c.ready;
      if (c.child.exitCode !== null) throw new Error(`fault child exited by itself: ${c.stderr()}`);
      await delay(100 + Math.floor(random() * 900));
      c.child.kill('SIGKILL');
      await c.exited;
      opts.onKill?.(round, Date.now() - spawnedAt, deliveredRows());
    }
    // the last child runs until everything is delivered
    const last = spawnChild();
    await last.ready;
    const deadline = Date.now() + (opts.drainTimeoutMs ?? 600_000);
    while (deliveredRows() < opts.total && Date.now() < deadline && last.child.exitCode === null) await delay(200);
    last.child.kill('SIGTERM');
    await last.exited;

    const db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = outboxStates(db);
    db.close();
    const lost: string[] = [];
    for (let i = 0; i < opts.total; i++) if (!hook.accepted.has(`fault-${i}`)) lost.push(`fault-${i}`);
    const { duplicates, mismatched } = duplicatesOf(hook.accepted);
    const c = hook.counts();
    return {
      total: opts.total, kills: opts.kills, rows, requests: c.requests, refusedOnPurpose: c.refusedOnPurpose, badSignatures: c.badSignatures,
      arrived: hook.accepted.size, lost, duplicates, mismatchedDuplicates: mismatched, headerMismatches: c.headerMismatches, ms: Date.now() - started,
    };
  } finally {
    killCurrent();
    process.removeListener('exit', killCurrent);
    await hook.close();
  }
}
