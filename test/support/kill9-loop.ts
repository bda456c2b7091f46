/**
 * The kill -9 loop shared by the test (≥ 20 kills) and `scripts/kill9-ledger.ts` (≥ 100): start
 * the ledger writer child (the SQLite LedgerStore), SIGKILL it at a random moment, then check
 * the file — SQLite's integrity check, verifyLedger with the signing key, and every hazard the
 * child acknowledged present, in the state acknowledged, with its audit record — and start the
 * next writer on the same file.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadPublicKey } from '../../src/ledger/signing.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { verifyLedger, type VerifyReport } from '../../src/ledger/verify.js';

const WRITER = resolve(fileURLToPath(import.meta.url), '..', 'ledger-writer.ts');

/** What one kill left behind. */
export interface KillRound {
  readonly round: number;
  /** Writes acknowledged in this round (`ack <n>` lines). */
  readonly acked: number;
  /** Acknowledged writes missing after the kill (must be empty). */
  readonly lost: readonly string[];
  readonly integrity: string;
  readonly verify: VerifyReport;
  /** ms from spawn to the kill, and whether the child had acknowledged anything by then. */
  readonly killedAfterMs: number;
  readonly killedBeforeFirstAck: boolean;
  /** The child's stderr when it exited other than by the kill. */
  readonly unexpectedExit: string | null;
}

/** Whether a round left the file as it must be. */
export function roundOk(r: KillRound): boolean {
  return r.lost.length === 0 && r.integrity === 'ok' && r.verify.ok && r.unexpectedExit === null;
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Runs one writer and kills it with SIGKILL at a random moment; returns the acknowledged write numbers. */
async function writeAndKill(file: string, keyFile: string, random: () => number, timerKillAllowed: boolean): Promise<{ acked: Acked[]; killedAfterMs: number; beforeFirstAck: boolean; unexpectedExit: string | null }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, '--key', keyFile, '--checkpoint-every', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: Acked[] = [];
  let pending = '';
  let stderr = '';
  let firstAck: () => void = () => undefined;
  const gotFirstAck = new Promise<void>((r) => { firstAck = r; });
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) {
      const m = /^ack (\d+) (\S+)$/.exec(l);
      if (m !== null) {
        acked.push({ n: Number(m[1]), id: m[2]! });
        firstAck();
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<NodeJS.Signals | null>((r) => { child.once('exit', (_code, signal) => { r(signal); }); });
  // one round in four (never the first, which creates the file and key) is killed on a timer
  // from the spawn, possibly while opening or recovering; the rest at a random moment after writing began
  if (timerKillAllowed && random() < 0.25) await Promise.race([delay(Math.floor(random() * 1500)), exited]);
  else {
    await Promise.race([gotFirstAck, exited]);
    await delay(Math.floor(random() * 250));
  }
  const beforeFirstAck = acked.length === 0;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const signal = await exited;
  return { acked, killedAfterMs: Date.now() - started, beforeFirstAck, unexpectedExit: signal === 'SIGKILL' ? null : `exited by itself (${String(signal)}): ${stderr.slice(0, 2000)}` };
}

/** One acknowledged write: its number and the hazard it created. */
export interface Acked {
  readonly n: number;
  readonly id: string;
}

/** Acknowledged writes missing from the file (the hazard, its acknowledgement, or its audit record), as `n id: what`. */
export async function lostWrites(file: string, acked: readonly Acked[]): Promise<string[]> {
  if (acked.length === 0) return [];
  const store = openSqliteLedgerStore(file, { readOnly: true });
  try {
    const audited = store.db.prepare("SELECT 1 FROM audit WHERE action = 'hazard.create' AND target = ?");
    const lost: string[] = [];
    for (const a of acked) {
      const h = await store.hazard(a.id);
      if (h === null) lost.push(`${a.n} ${a.id}: no hazard`);
      else if (a.n % 3 === 0 && h.status !== 'acknowledged') lost.push(`${a.n} ${a.id}: status ${h.status}, its acknowledgement lost`);
      else if (audited.get(`hazard:${a.id}`) === undefined) lost.push(`${a.n} ${a.id}: no audit record`);
    }
    return lost;
  } finally {
    await store.close();
  }
}

/** Runs `kills` rounds on `dir/ledger.db`; `onRound` sees each as it ends. */
export async function killLoop(dir: string, kills: number, opts: { readonly random?: () => number; readonly onRound?: (r: KillRound) => void } = {}): Promise<KillRound[]> {
  const file = join(dir, 'ledger.db');
  const keyFile = join(dir, 'ledger-signing.key');
  const random = opts.random ?? Math.random;
  const rounds: KillRound[] = [];
  for (let round = 1; round <= kills; round++) {
    const w = await writeAndKill(file, keyFile, random, round > 1);
    const integrityDb = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = (integrityDb.pragma('integrity_check', { simple: true }) as string);
    integrityDb.close();
    const verify = verifyLedger(file, { publicKey: loadPublicKey(keyFile) });
    const r: KillRound = {
      round, acked: w.acked.length, lost: await lostWrites(file, w.acked), integrity, verify,
      killedAfterMs: w.killedAfterMs, killedBeforeFirstAck: w.beforeFirstAck, unexpectedExit: w.unexpectedExit,
    };
    rounds.push(r);
    opts.onRound?.(r);
  }
  return rounds;
}
