/**
 * The cluster fault run (issue 14's done-when), all real processes on one PostgreSQL schema:
 * three `redline run --role poller` and two `--role analyst` (bin/redline.js) over the replay
 * agent's fleet (routers whose second PSU fails and recovers at random, so the analysis raises
 * and resolves alerts), alerting to a signed webhook here that refuses some deliveries. The
 *
 * Kill -9 a poller: its devices must be polled by the others within two poll intervals of the
 * kill (on the recorded poll start times), and no device is ever polled by two pollers at once
 * (no overlap of recorded [start, end] across pollers). Kill -9 the active analyst: the standby
 * takes over, every committed notification reaches the webhook (copies only under the same
 * delivery id, identical), and the ledger chain verifies. The ledger and the outbox live in the
 * same PostgreSQL schema (settings.store.postgres), so the analysts share nothing else but the
 * signing key file.
 */
import { join } from 'node:path';
import pg from 'pg';
import { loadPublicKey } from '../../src/ledger/signing.js';
import type { VerifyReport } from '../../src/ledger/verify.js';
import { verifyPgLedger } from '../../src/ledger/verify-pg.js';
import { openPgPool } from '../../src/store/postgres/pool.js';
import { mulberry32, ReplayAgent } from '../../src/sim/replay-agent.js';
import { syntheticTable, type UnitState } from '../../src/sim/synthetic-devices.js';
import type { SimTable } from '../../src/sim/table.js';
import { communityOf, KEY, passes, router, startDaemon, writeConfig, type Daemon } from './alert-fault-daemon.js';
import { duplicatesOf, startFaultWebhook } from './alert-fault-webhook.js';
import { dropSchema, freshSchema, PG_TEST_URL } from './postgres.js';

/** What to run. */
export interface ClusterFaultOptions {
  readonly devices: number;
  readonly seed: number;
  /** Poll interval, s (5: the least the configuration accepts). */
  readonly pollSeconds: number;
}

/** A recorded poll. */
interface PollRow {
  readonly poller: string;
  readonly device: string;
  readonly start: number;
  readonly end: number;
}

/** What the run found. */
export interface ClusterFaultReport {
  readonly devices: number;
  readonly intervalMs: number;
  /** Devices the killed poller held at the kill. */
  readonly orphaned: number;
  /** ms from the kill to the first poll start by another poller, worst over those devices. */
  readonly worstTakeoverMs: number;
  /** Devices polled by two pollers at once, as `device: p1 [s, e] / p2 [s, e]`. */
  readonly overlaps: readonly string[];
  /** Polls recorded, and by how many pollers. */
  readonly polls: number;
  readonly pollers: number;
  /** Devices without a live owner at the end. */
  readonly unowned: number;
  readonly notifications: number;
  /** Notifications committed after the standby took over. */
  readonly afterTakeover: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly lost: readonly string[];
  readonly phantom: readonly string[];
  readonly duplicates: number;
  readonly mismatchedDuplicates: number;
  readonly badSignatures: number;
  readonly verify: VerifyReport;
  /** The standby's output told it was elected. */
  readonly standbyElected: boolean;
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (checking every 100 ms) until `cond` holds; throws with the processes' output when one exits or after `limitMs` (a guard against hanging, not a measurement). */
async function waitFor(what: string, procs: readonly Daemon[], limitMs: number, cond: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await cond())) {
    for (const d of procs) if (d.child.exitCode !== null || d.child.signalCode !== null) throw new Error(`a process exited while waiting for ${what}: ${d.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(limitMs / 1000)} s. Output:\n${procs.map((d) => d.output().slice(-1500)).join('\n---\n')}`);
    await delay(100);
  }
}

/** Pairs of polls of one device by two pollers whose [start, end] overlap. */
export function overlapsOf(rows: readonly PollRow[]): string[] {
  const byDevice = new Map<string, PollRow[]>();
  for (const r of rows) {
    const list = byDevice.get(r.device) ?? [];
    list.push(r);
    byDevice.set(r.device, list);
  }
  const out: string[] = [];
  for (const [device, list] of byDevice) {
    list.sort((a, b) => a.start - b.start);
    let latest: PollRow | null = null; // the poll ending last so far
    for (const r of list) {
      if (latest !== null && r.start < latest.end && r.poller !== latest.poller) {
        out.push(`${device}: ${latest.poller} [${latest.start}, ${latest.end}] / ${r.poller} [${r.start}, ${r.end}]`);
      }
      if (latest === null || r.end > latest.end) latest = r;
    }
  }
  return out;
}

/** Runs the scenario in `dir` (a fresh temporary directory). */
export async function runClusterFault(dir: string, opts: ClusterFaultOptions): Promise<ClusterFaultReport> {
  const schema = freshSchema();
  const intervalMs = opts.pollSeconds * 1000;
  const random = mulberry32(opts.seed);
  const hook = await startFaultWebhook({ key: KEY, random: mulberry32(opts.seed ^ 0x2545f491), failRate: 0.3, slowRate: 0 });
  const tables: Record<UnitState, SimTable[]> = { ok: [], failed: [], absent: [] };
  for (let k = 0; k < opts.devices; k++) {
    tables.ok.push(syntheticTable(router(k, 'ok')));
    tables.failed.push(syntheticTable(router(k, 'failed')));
  }
  const psu2: UnitState[] = Array.from({ length: opts.devices }, () => 'ok');
  const agent = new ReplayAgent(psu2.map((s, k) => ({ community: communityOf(k), table: tables[s][k]! })));
  const db = new pg.Client({ connectionString: PG_TEST_URL, options: `-c search_path=${schema}` });
  const procs: Daemon[] = [];
  const killAll = (): void => { for (const d of procs) if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill('SIGKILL'); };
  process.once('exit', killAll);
  let flipper: NodeJS.Timeout | null = null;
  const env = { REDLINE_CLUSTER_TEST_PG_URL: PG_TEST_URL };
  const poller = (id: string): Daemon => {
    const d = startDaemon(dir, ['--role', 'poller', '--instance', id, '--state-file', join(dir, `${id}.db`), '--listen', '127.0.0.1:0'], env);
    procs.push(d);
    return d;
  };
  const analyst = (id: string): Daemon => {
    const d = startDaemon(dir, ['--role', 'analyst', '--instance', id, '--state-file', join(dir, `${id}.db`), '--listen', '127.0.0.1:0'], env);
    procs.push(d);
    return d;
  };
  /** Notifications committed (outbox rows) and those not yet delivered, read from PostgreSQL. */
  const committed = async (): Promise<{ rows: number; pending: number }> => {
    try {
      const { rows } = await db.query<{ n: number; pending: number }>(
        "SELECT count(*)::int AS n, count(*) FILTER (WHERE state IN ('pending', 'inflight'))::int AS pending FROM alert_outbox");
      return { rows: rows[0]!.n, pending: rows[0]!.pending };
    } catch {
      return { rows: 0, pending: 0 }; // no outbox table before the first analyst
    }
  };
  const live = (): Daemon[] => procs.filter((d) => d.child.exitCode === null && d.child.signalCode === null);
  try {
    const port = await agent.start();
    writeConfig(dir, port, opts.devices, opts.pollSeconds, hook.url, { timeoutMs: 500, retries: 0 },
      [`  store: { postgres: { url: { env: REDLINE_CLUSTER_TEST_PG_URL }, schema: ${schema}, poolSize: 4 } }`]);
    flipper = setInterval(() => {
      for (let k = 0; k < opts.devices; k++) {
        if (random() >= 0.3) continue;
        psu2[k] = psu2[k] === 'ok' ? 'failed' : 'ok';
        agent.addDevice({ community: communityOf(k), table: tables[psu2[k]!][k]! });
      }
    }, intervalMs);

    const pollers = ['p1', 'p2', 'p3'].map(poller);
    await Promise.all(pollers.map((p) => p.listening));
    await db.connect();
    const owners = async (): Promise<Map<string, number>> => {
      const { rows } = await db.query<{ owner: string; n: number }>('SELECT owner, count(*)::int AS n FROM device_lease WHERE owner IS NOT NULL GROUP BY owner');
      return new Map(rows.map((r) => [r.owner, r.n]));
    };
    // the leases settle: three owners sharing every device
    await waitFor('the leases shared by three pollers', live(), 120_000, async () => {
      const o = await owners();
      return o.size === 3 && [...o.values()].reduce((a, b) => a + b, 0) === opts.devices;
    });
    const a1 = analyst('a1');
    const a1Base = await a1.listening; // elected (nobody else competes yet)
    const a2 = analyst('a2');
    await waitFor('the standby waiting', live(), 60_000, () => a2.output().includes('standing by'));
    await waitFor('the first notifications committed', live(), 180_000, async () => (await committed()).rows >= 3);
    if ((await passes(a1Base)) < 1) throw new Error('the active analyst has not run a pass');

    // --- kill -9 a poller holding devices
    const { rows: heldRows } = await db.query<{ device_id: string }>("SELECT device_id FROM device_lease WHERE owner = 'p1'");
    const orphanedIds = heldRows.map((r) => r.device_id);
    pollers[0]!.child.kill('SIGKILL');
    const killedAt = Date.now();
    await pollers[0]!.exited;
    const takenOver = async (): Promise<Map<string, number>> => {
      const { rows } = await db.query<{ device_id: string; first: number }>(
        "SELECT device_id, MIN(started_at) AS first FROM poll_result WHERE poller <> 'p1' AND started_at >= $1 AND device_id = ANY($2::text[]) GROUP BY device_id", [killedAt, orphanedIds]);
      return new Map(rows.map((r) => [r.device_id, r.first]));
    };
    await waitFor('the killed poller\'s devices polled by the others', live(), 120_000, async () => (await takenOver()).size === orphanedIds.length);
    const firsts = await takenOver();
    const worstTakeoverMs = Math.max(0, ...[...firsts.values()].map((t) => t - killedAt));

    // --- kill -9 the active analyst
    const before = (await committed()).rows;
    a1.child.kill('SIGKILL');
    await a1.exited;
    const a2Base = await a2.listening;
    await waitFor('notifications committed by the new analyst', live(), 180_000, async () => (await committed()).rows >= before + 3);
    const afterTakeover = (await committed()).rows - before;
    clearInterval(flipper);
    flipper = null;
    const frozenAt = await passes(a2Base);
    await waitFor('two passes after the PSUs froze', live(), 120_000, async () => (await passes(a2Base)) >= frozenAt + 2);
    await waitFor('the outbox drained', live(), 180_000, async () => (await committed()).pending === 0);
    const ownersAtEnd = await owners();
    const unowned = opts.devices - [...ownersAtEnd].filter(([o]) => o !== 'p1').reduce((a, [, n]) => a + n, 0);
    const { rows: polled } = await db.query<{ poller: string; device: string; start: number; end: number }>(
      'SELECT poller, device_id AS device, started_at::float8 AS start, ended_at::float8 AS "end" FROM poll_result');
    for (const d of live()) d.child.kill('SIGTERM');
    await Promise.all(procs.map((d) => d.exited));

    const rows: Record<string, number> = {};
    for (const r of (await db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM alert_outbox GROUP BY state')).rows) rows[r.state] = r.n;
    const all = (await db.query<{ id: string }>('SELECT delivery_id AS id FROM alert_outbox')).rows;
    const ledgerPool = await openPgPool({ url: PG_TEST_URL, schema, poolSize: 2 });
    let verify: VerifyReport;
    try {
      verify = await verifyPgLedger(ledgerPool, { publicKey: loadPublicKey(join(dir, 'ledger-signing.key')) });
    } finally {
      await ledgerPool.end();
    }
    const ids = new Set(all.map((r) => r.id));
    const { duplicates, mismatched } = duplicatesOf(hook.accepted);
    return {
      devices: opts.devices, intervalMs, orphaned: orphanedIds.length, worstTakeoverMs,
      overlaps: overlapsOf(polled), polls: polled.length, pollers: new Set(polled.map((r) => r.poller)).size, unowned,
      notifications: all.length, afterTakeover, rows,
      lost: all.filter((r) => !hook.accepted.has(r.id)).map((r) => r.id),
      phantom: [...hook.accepted.keys()].filter((id) => !ids.has(id)),
      duplicates, mismatchedDuplicates: mismatched, badSignatures: hook.counts().badSignatures,
      verify,
      standbyElected: a2.output().includes('listening on'),
    };
  } finally {
    if (flipper !== null) clearInterval(flipper);
    killAll();
    await Promise.all(procs.map((d) => d.exited));
    process.removeListener('exit', killAll);
    await db.end().catch(() => undefined);
    await agent.stop();
    await hook.close();
    await dropSchema(schema);
  }
}
