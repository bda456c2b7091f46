/**
 * The alerting fault run with the daemon itself killed, shared by the integration test (a few
 * hundred alerts, 3 kills) and `scripts/alert-fault-daemon.ts` (≥ 10,000 alerts, ≥ 20 kills).
 *
 * A real `redline run` (bin/redline.js) on a configuration written to `dir`: a fleet of routers
 * with two PSUs each, served by the replay agent in this process, whose second PSU fails and
 * recovers at random (seeded) while the daemon polls every few seconds; the state file and the
 * ledger file in `dir`; alerting routed per device to a signed webhook here that refuses half the
 * deliveries with 500 and answers some only after the delivery timeout. The firing and resolved
 * alerts come from the daemon's own analysis. The daemon is SIGKILLed at random moments and
 * restarted on the same files; at the end the PSUs stop changing, the daemon runs until its outbox
 * is drained and is stopped with SIGTERM (and started again should a last pass have left rows).
 *
 * What must arrive is what the daemon committed: every row of `alert_outbox` in the ledger file.
 * Lost = committed delivery ids the webhook never accepted; duplicates = accepted copies beyond the
 * first, each under its own delivery id and identical in content.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mulberry32, ReplayAgent } from '../../src/sim/replay-agent.js';
import type { SimTable } from '../../src/sim/table.js';
import { syntheticTable, type DeviceDescription, type UnitState } from '../../src/sim/synthetic-devices.js';
import { duplicatesOf, outboxStates, startFaultWebhook } from './alert-fault-webhook.js';
import { REPO_ROOT } from './shared.js';

export const KEY = 'daemon-fault-run-hmac-key-3b9d';
export const KEY_ENV = 'REDLINE_FAULT_HOOK_KEY';
/** The delivery timeout configured (s); the webhook's slow answers come after 1.5 times it. */
const TIMEOUT_SECONDS = 1;

/** What to run. */
export interface DaemonFaultOptions {
  /** Stop changing the PSUs once the daemon has committed at least this many alerts (in its notifications). */
  readonly alerts: number;
  readonly kills: number;
  readonly seed: number;
  /** Routers in the fleet (default 300). */
  readonly devices?: number;
  /** The daemon's poll interval (s, default 5, the least it accepts); the PSUs change as often. */
  readonly pollSeconds?: number;
  /** Share of deliveries refused with 500 (default 0.5) and answered after the timeout (default 0.05). */
  readonly failRate?: number;
  readonly slowRate?: number;
  /** Told after each kill. */
  readonly onKill?: (k: KillEvent) => void;
}

/** One kill -9, as it happened. */
export interface KillEvent {
  readonly round: number;
  /** ms the daemon lived. */
  readonly livedMs: number;
  /** Alerts the daemon had committed (in outbox rows) and delivery ids the webhook had accepted, at the kill. */
  readonly committedAlerts: number;
  readonly accepted: number;
}

/** What a daemon fault run found. */
export interface DaemonFaultReport {
  readonly devices: number;
  readonly kills: number;
  /** Daemon starts (kills + the final run + any restart to drain what a last pass left). */
  readonly starts: number;
  /** PSU changes made on the agent. */
  readonly psuChanges: number;
  /** Committed: outbox rows (notifications), of them resolved, and the alerts they carry. */
  readonly notificationsExpected: number;
  readonly resolvedNotifications: number;
  readonly alertsExpected: number;
  /** Outbox rows by state at the end. */
  readonly rows: Readonly<Record<string, number>>;
  readonly requests: number;
  readonly refusedOnPurpose: number;
  readonly slow: number;
  readonly badSignatures: number;
  readonly headerMismatches: number;
  /** Distinct delivery ids accepted, and the alerts their first copies carried. */
  readonly distinctDelivered: number;
  readonly alertsDelivered: number;
  /** Committed, never accepted (must be empty). */
  readonly lost: readonly string[];
  /** Accepted, never committed (must be empty: something sent what the daemon never decided). */
  readonly phantom: readonly string[];
  readonly duplicates: number;
  readonly mismatchedDuplicates: number;
  readonly ms: number;
}

/** Whether the run proves what it must: nothing lost, no phantom, duplicates identical, no dead row, every signature good. */
export function daemonFaultOk(r: DaemonFaultReport): boolean {
  return r.lost.length === 0 && r.phantom.length === 0 && r.mismatchedDuplicates === 0 && r.headerMismatches === 0
    && r.badSignatures === 0 && (r.rows['dead'] ?? 0) === 0 && (r.rows['pending'] ?? 0) === 0 && (r.rows['inflight'] ?? 0) === 0;
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const router = (n: number, psu2: UnitState): DeviceDescription => ({
  name: `fr${n}`, sysObjectID: '1.3.6.1.4.1.9.1.1', interfaces: 4,
  entity: { psus: [{ name: 'PSU 1', state: 'ok' }, { name: 'PSU 2', state: psu2 }], fans: ['ok', 'ok'], stateMib: 'cisco-fru' },
});

/** The configuration: the fleet (each router its own community, in a file), alerting to the webhook. */
export function writeConfig(dir: string, agentPort: number, devices: number, pollSeconds: number, hookUrl: string, snmp: { readonly timeoutMs: number; readonly retries: number } = { timeoutMs: 2000, retries: 1 }, extraSettings: readonly string[] = []): void {
  const secrets = join(dir, 'communities');
  mkdirSync(secrets, { recursive: true, mode: 0o700 });
  const lines = [
    'version: 1',
    'settings:',
    '  listen: 127.0.0.1:0',
    '  logLevel: error',
    `  stateFile: ${JSON.stringify(join(dir, 'state.db'))}`,
    `  ledger: { file: ${JSON.stringify(join(dir, 'ledger.db'))} }`,
    `  poll: { intervalSeconds: ${pollSeconds}, jitterSeconds: 0 }`,
    `  snmpDefaults: { timeoutMs: ${snmp.timeoutMs}, retries: ${snmp.retries} }`,
    '  auth: { enabled: false }',
    ...extraSettings,
    'credentials:',
  ];
  for (let k = 0; k < devices; k++) {
    const file = join(secrets, `fr${k}`);
    writeFileSync(file, `${communityOf(k)}\n`, { mode: 0o600 });
    lines.push(`  c${k}: { version: 2c, community: { file: ${JSON.stringify(file)} } }`);
  }
  lines.push('sites:', '  - { id: fleet, class: PC-AGG }', 'devices:');
  for (let k = 0; k < devices; k++) lines.push(`  - { id: fr${k}, site: fleet, role: pe-router, expectedPsus: 2, snmp: { host: 127.0.0.1, port: ${agentPort}, credentials: c${k} } }`);
  lines.push(
    'alerting:',
    '  receivers:',
    '    - name: fault-hook',
    '      type: webhook',
    `      secrets: { secret: { env: ${KEY_ENV} } }`,
    `      options: { url: "${hookUrl}" }`,
    // one group per device, sent at once; no repeats within the run (only changes page)
    '  route: { receivers: [fault-hook], groupBy: [alertname, site, device], groupWaitSeconds: 0, groupIntervalSeconds: 1, repeatIntervalSeconds: 604800 }',
    // a PSU changes at most once per poll: never "flapping" within the run
    '  flap: { changes: 100, withinMinutes: 1, settleMinutes: 1 }',
    `  delivery: { timeoutSeconds: ${TIMEOUT_SECONDS}, retryBaseSeconds: 0.2, retryMaxSeconds: 5, leaseSeconds: 5, concurrencyPerReceiver: 8 }`,
    '',
  );
  writeFileSync(join(dir, 'redline.yaml'), lines.join('\n'));
}

export const communityOf = (k: number): string => `fault-fleet-${k}-c7e2`;

export interface Daemon {
  readonly child: ChildProcess;
  /** Resolves with the API base URL once the daemon listens; rejects if it exits first. */
  readonly listening: Promise<string>;
  readonly exited: Promise<NodeJS.Signals | number | null>;
  output(): string;
}

/** `redline run --config dir` with `args` more (and `env` more); `listening` resolves once it says where it listens. */
export function startDaemon(dir: string, args: readonly string[] = [], env: Readonly<Record<string, string>> = {}): Daemon {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'redline.js'), 'run', '--config', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, [KEY_ENV]: KEY, ...env },
  });
  let out = '';
  const exited = new Promise<NodeJS.Signals | number | null>((r) => child.once('exit', (code, signal) => { r(signal ?? code); }));
  const listening = new Promise<string>((resolve, reject) => {
    const seen = (d: Buffer): void => {
      out = (out + d.toString()).slice(-8000);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m !== null) resolve(m[1]!);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    void exited.then((how) => { reject(new Error(`the daemon exited (${String(how)}) before listening: ${out}`)); });
  });
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => out };
}

/** Committed alerts and notifications, counted incrementally from the outbox. */
export function outboxCounter(file: string): () => { alerts: number; rows: number; pending: number } {
  let lastId = 0;
  let alerts = 0;
  let rows = 0;
  return () => {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch {
      return { alerts, rows, pending: 0 };
    }
    try {
      const add = db.prepare("SELECT COALESCE(MAX(id), 0) AS top, COUNT(*) AS n, COALESCE(SUM(json_array_length(notification, '$.alerts')), 0) AS a FROM alert_outbox WHERE id > ?").get(lastId) as { top: number; n: number; a: number };
      if (add.n > 0) { lastId = add.top; rows += add.n; alerts += add.a; }
      const open = db.prepare("SELECT COUNT(*) AS n FROM alert_outbox WHERE state IN ('pending', 'inflight')").get() as { n: number };
      return { alerts, rows, pending: open.n };
    } catch {
      return { alerts, rows, pending: 0 }; // no outbox table yet
    } finally {
      db.close();
    }
  };
}

/** Completed analysis passes of a running daemon (redline_analysis_runs_total{result="ok"}), or -1 when it does not answer. */
export async function passes(base: string): Promise<number> {
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    const m = /^redline_analysis_runs_total\{(?:[^}]*,)?result="ok"(?:,[^}]*)?\} (\d+)/m.exec(text);
    return m === null ? 0 : Number(m[1]);
  } catch {
    return -1;
  }
}

/** Waits (polling every 100 ms) until `cond` holds; throws with the daemon's output after `limitMs`. */
export async function until(what: string, d: Daemon, limitMs: number, cond: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await cond())) {
    if (d.child.exitCode !== null || d.child.signalCode !== null) throw new Error(`the daemon exited while waiting for ${what}: ${d.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(limitMs / 1000)} s. Daemon output: ${d.output()}`);
    await delay(100);
  }
}

/** Runs the scenario in `dir` (a fresh temporary directory). */
export async function runDaemonAlertFault(dir: string, opts: DaemonFaultOptions): Promise<DaemonFaultReport> {
  const started = Date.now();
  const devices = opts.devices ?? 300;
  const pollSeconds = opts.pollSeconds ?? 5;
  const random = mulberry32(opts.seed);
  const hookRandom = mulberry32(opts.seed ^ 0x5bd1e995);
  const hook = await startFaultWebhook({ key: KEY, random: hookRandom, failRate: opts.failRate ?? 0.5, slowRate: opts.slowRate ?? 0.05, slowMs: TIMEOUT_SECONDS * 1500 });
  const tables: Record<UnitState, SimTable[]> = { ok: [], failed: [], absent: [] };
  for (let k = 0; k < devices; k++) {
    tables.ok.push(syntheticTable(router(k, 'ok')));
    tables.failed.push(syntheticTable(router(k, 'failed')));
  }
  const psu2: UnitState[] = Array.from({ length: devices }, () => 'ok');
  const agent = new ReplayAgent(psu2.map((s, k) => ({ community: communityOf(k), table: tables[s][k]! })));
  const file = join(dir, 'ledger.db');
  const committed = outboxCounter(file);
  let psuChanges = 0;
  let flipper: NodeJS.Timeout | null = null;
  const lives: Daemon[] = [];
  // a daemon must not outlive the run (its parent interrupted or failing)
  const killCurrent = (): void => {
    const current = lives.at(-1);
    if (current !== undefined && current.child.exitCode === null && current.child.signalCode === null) current.child.kill('SIGKILL');
  };
  process.once('exit', killCurrent);
  const start = (): Daemon => {
    const d = startDaemon(dir);
    lives.push(d);
    return d;
  };

  try {
    const agentPort = await agent.start();
    writeConfig(dir, agentPort, devices, pollSeconds, hook.url);
    // each PSU 2 fails or recovers with even odds once per poll interval
    flipper = setInterval(() => {
      for (let k = 0; k < devices; k++) {
        if (random() >= 0.5) continue;
        psu2[k] = psu2[k] === 'ok' ? 'failed' : 'ok';
        agent.addDevice({ community: communityOf(k), table: tables[psu2[k]!][k]! });
        psuChanges++;
      }
    }, pollSeconds * 1000);

    // three lives in four end once a random share of the alerts is committed, so the kills spread over the run
    const share = opts.alerts / (opts.kills * 0.75 + 1);
    for (let round = 1; round <= opts.kills; round++) {
      const d = start();
      const born = Date.now();
      if (round % 4 === 0) {
        // every fourth life ends at a random moment from its start: while starting, polling, in a first pass
        await Promise.race([delay(Math.floor(random() * pollSeconds * 2000)), d.exited]);
      } else {
        await d.listening;
        // live until a random share of the alerts is committed, then a random moment more
        const goal = committed().alerts + Math.max(1, Math.round(share * (0.3 + 1.4 * random())));
        await until(`round ${round}: ${goal} alerts committed`, d, 300_000, () => committed().alerts >= goal);
        await delay(Math.floor(random() * 1500));
      }
      if (d.child.exitCode !== null) throw new Error(`the daemon exited by itself: ${d.output()}`);
      d.child.kill('SIGKILL');
      await d.exited;
      const c = committed();
      opts.onKill?.({ round, livedMs: Date.now() - born, committedAlerts: c.alerts, accepted: hook.accepted.size });
    }

    // the last run: up to the alert count, then the PSUs stop changing and the outbox drains
    let d = start();
    let base = await d.listening;
    await until(`${opts.alerts} alerts committed`, d, 600_000, () => committed().alerts >= opts.alerts);
    clearInterval(flipper);
    flipper = null;
    const frozenAt = await passes(base);
    // the second pass from now analyses a poll made after the freeze: after it nothing changes
    await until('two analysis passes after the freeze', d, 120_000, async () => (await passes(base)) >= frozenAt + 2);
    for (let drains = 0; ; drains++) {
      await until('the outbox drained', d, 300_000, () => committed().pending === 0);
      d.child.kill('SIGTERM');
      await d.exited;
      if (committed().pending === 0) break;
      // a pass during the stop left rows behind: a restart delivers them (at-least-once)
      if (drains >= 5) throw new Error('the outbox still had rows after 5 restarts to drain it');
      d = start();
      base = await d.listening;
    }

    const db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = outboxStates(db);
    const all = db.prepare("SELECT delivery_id AS id, json_extract(notification, '$.status') AS status, json_array_length(notification, '$.alerts') AS alerts FROM alert_outbox").all() as { id: string; status: string; alerts: number }[];
    db.close();
    const ids = new Set(all.map((r) => r.id));
    const lost = all.filter((r) => !hook.accepted.has(r.id)).map((r) => r.id);
    const phantom = [...hook.accepted.keys()].filter((id) => !ids.has(id));
    const { duplicates, mismatched } = duplicatesOf(hook.accepted);
    const c = hook.counts();
    return {
      devices, kills: opts.kills, starts: lives.length, psuChanges,
      notificationsExpected: all.length,
      resolvedNotifications: all.filter((r) => r.status === 'resolved').length,
      alertsExpected: all.reduce((n, r) => n + r.alerts, 0),
      rows, requests: c.requests, refusedOnPurpose: c.refusedOnPurpose, slow: c.slow, badSignatures: c.badSignatures, headerMismatches: c.headerMismatches,
      distinctDelivered: hook.accepted.size,
      alertsDelivered: [...hook.accepted.values()].reduce((n, a) => n + a.alerts, 0),
      lost, phantom, duplicates, mismatchedDuplicates: mismatched, ms: Date.now() - started,
    };
  } finally {
    if (flipper !== null) clearInterval(flipper);
    killCurrent();
    await lives.at(-1)?.exited;
    process.removeListener('exit', killCurrent);
    await agent.stop();
    await hook.close();
  }
}
