/**
 * The analysis pass the daemon runs after its poll cycles: read the latest states through narrow
 * ports, build the snapshot, run every rule, keep the report. Reads happen here (the edge); the
 * snapshot and the rules stay pure. A pass runs at most once per interval, and not before every
 * device has been polled once (an analysis of a half-polled network would be mostly unknown).
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { Inventory } from '../inventory/model.js';
import { fileBackupSource } from '../snapshot/backup-files.js';
import { buildSnapshot, type SnapshotOptions } from '../snapshot/build.js';
import { listBackupSource, type ConfigBackupSource } from '../snapshot/evidence.js';
import type { DeviceChange, EvidenceInput, LoadInput, Snapshot } from '../snapshot/types.js';
import { mergeDrills, type RecordsEvidence } from '../records/evidence.js';
import { CHANGE_LOOKBACK_MS, isCheckedChange } from './rules/ops.js';
import type { DeviceState, HealthState } from '../state/types.js';
import { runAnalysis, runAnalysisStepwise, type AnalysisReport } from './analyze.js';
import type { Policy } from './policy.js';
import { type WhatIfNetwork, whatIfNetwork } from './network/whatif.js';

/** What a pass reads; each a cheap call into the running daemon. */
export interface AnalysisLoopDeps {
  readonly inventory: () => Inventory;
  readonly policy: () => Policy;
  readonly devices: () => readonly DeviceState[];
  readonly health: () => readonly HealthState[];
  /** When a device's UPS output source last changed (from the store's transitions). */
  readonly upsOutputSince?: (deviceId: string) => number | undefined;
  /** Utilisation counters, when a collector provides them. */
  readonly load?: () => LoadInput | undefined;
  readonly pollIntervalMs: () => number;
  readonly staleAfterMissed: () => number;
  readonly healthIntervalMs: (checkId: string) => number | undefined;
  /** Monotonic receipt ages of the latest results, when the daemon knows them (see SnapshotOptions). */
  readonly receivedAgoMs?: SnapshotOptions['receivedAgoMs'];
  /** The records' drills and cutover windows, when the daemon keeps records (read fresh for each pass). */
  readonly records?: () => RecordsEvidence | undefined;
  /** Every device's recorded transitions since a time, oldest first (OPS-003 reads reboots, adjacency and FHRP changes from them). */
  readonly changes?: (since: number) => readonly (DeviceChange & { readonly adminDown?: true })[];
  /** The configuration directory (relative backup directories are read from there). */
  readonly configDir: () => string;
  readonly now: () => number;
}

/** One finished pass: the report and the wall time it took. */
export interface AnalysisRun {
  readonly report: AnalysisReport;
  readonly ms: number;
  /** The snapshot the pass judged (the worker's after-pass hooks render metrics from it). */
  readonly snapshot: Snapshot;
}

/** The analysis loop of a running daemon. */
export interface AnalysisLoop {
  /**
   * Starts a pass when one is due and none is running (`ready` tells whether every device was
   * polled once, asked only then). The pass yields to the event loop between rules, so polls in
   * flight keep their timing; resolves when it is done. Null when nothing was started.
   */
  maybeStart(ready: () => boolean): Promise<AnalysisRun> | null;
  /** Runs a whole pass now, synchronously. */
  runNow(): AnalysisRun;
  /**
   * Runs a pass now, yielding to the event loop between rules, so that whoever shares the thread
   * (the analysis worker answering findings questions from the previous report) is heard during it.
   */
  runYielding(): Promise<AnalysisRun>;
  latest(): AnalysisReport | null;
  /** The network for what-if questions: live once a pass has run, as declared before. */
  whatIfNetwork(): WhatIfNetwork;
}

/** The configuration-backup source a policy names, if any. */
export function backupSourceOf(policy: Policy, configDir: string, inventory: Inventory): ConfigBackupSource | undefined {
  const cb = policy.evidence.configBackups;
  if (cb === undefined) return undefined;
  if (cb.source === 'list') return listBackupSource(cb.records);
  const base = policy.source.endsWith('.yaml') ? dirname(policy.source) : configDir;
  const dir = isAbsolute(cb.dir) ? cb.dir : join(base, cb.dir);
  return fileBackupSource(dir, (id) => {
    const name = inventory.devices.get(id)?.name;
    return name === undefined ? [id] : [id, name];
  });
}

/** The checked changes of the devices OPS-003 judges, over its longest lookback; undefined without a state history or the rule. */
function changesOf(deps: AnalysisLoopDeps, policy: Policy, inventory: Inventory, now: number): DeviceChange[] | undefined {
  const rule = policy.rules.get('OPS-003');
  if (deps.changes === undefined || rule?.enabled !== true) return undefined;
  const out: DeviceChange[] = [];
  for (const t of deps.changes(now - CHANGE_LOOKBACK_MS)) {
    const d = inventory.devices.get(t.deviceId);
    if (d?.poll === undefined || !rule.classes.has(d.class) || !isCheckedChange(t)) continue;
    out.push({ deviceId: t.deviceId, at: t.at, subject: t.subject, from: t.from, to: t.to });
  }
  return out;
}

/** Creates the loop. */
export function createAnalysisLoop(deps: AnalysisLoopDeps): AnalysisLoop {
  let latest: AnalysisReport | null = null;
  let snapshot: Snapshot | null = null;
  let lastRun = Number.NEGATIVE_INFINITY;
  let network: { of: Snapshot | Inventory; net: WhatIfNetwork } | null = null;

  let running = false;

  /** Everything a pass reads, at one time. */
  const gather = (): { now: number; snapshot: Snapshot; policy: Policy } => {
    const now = deps.now();
    const inventory = deps.inventory();
    const policy = deps.policy();
    const states = deps.devices();
    const since = new Map<string, number>();
    for (const s of states) {
      const src = s.observation?.ups?.outputSource;
      if (src !== 'battery' && src !== 'bypass') continue;
      const at = deps.upsOutputSince?.(s.deviceId);
      if (at !== undefined) since.set(s.deviceId, at);
    }
    const backups = backupSourceOf(policy, deps.configDir(), inventory);
    const records = deps.records?.();
    const drills = mergeDrills(policy.evidence.drills, records?.drills);
    const changes = changesOf(deps, policy, inventory, now);
    const evidence: EvidenceInput = {
      ...(drills !== undefined ? { drills } : {}),
      ...(records !== undefined ? { cutovers: records.cutovers } : {}),
      ...(changes !== undefined ? { changes } : {}),
      ...(backups !== undefined ? { configBackups: backups.latest(inventory.devices.keys()) } : {}),
    };
    const load = deps.load?.();
    const snap = buildSnapshot(inventory, states, deps.health(), now, {
      pollIntervalMs: deps.pollIntervalMs(),
      staleAfterMissed: deps.staleAfterMissed(),
      healthIntervalMs: deps.healthIntervalMs,
      ...(deps.receivedAgoMs !== undefined ? { receivedAgoMs: deps.receivedAgoMs } : {}),
      upsOutputSince: since,
      evidence,
      ...(load !== undefined ? { load } : {}),
    });
    return { now, snapshot: snap, policy };
  };

  const finish = (g: { now: number; snapshot: Snapshot }, report: AnalysisReport, started: number): AnalysisRun => {
    snapshot = g.snapshot;
    latest = report;
    lastRun = g.now;
    return { report, ms: performance.now() - started, snapshot: g.snapshot };
  };

  const runNow = (): AnalysisRun => {
    const started = performance.now();
    const g = gather();
    return finish(g, runAnalysis(g.snapshot, g.policy, g.now), started);
  };

  const yieldToLoop = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

  return {
    maybeStart: (ready) => {
      const since = deps.now() - lastRun;
      // a wall clock set back (since < 0) must not hold analysis off until it catches up
      if (running || (since >= 0 && since < deps.pollIntervalMs()) || !ready()) return null;
      running = true;
      // claim the interval now, so a slow pass is not started again by the next ticks
      lastRun = deps.now();
      const started = performance.now();
      return (async () => {
        try {
          await yieldToLoop();
          const g = gather();
          await yieldToLoop();
          return finish(g, await runAnalysisStepwise(g.snapshot, g.policy, g.now, yieldToLoop), started);
        } finally {
          running = false;
        }
      })();
    },
    runNow,
    runYielding: async () => {
      const started = performance.now();
      const g = gather();
      await yieldToLoop();
      return finish(g, await runAnalysisStepwise(g.snapshot, g.policy, g.now, yieldToLoop), started);
    },
    latest: () => latest,
    whatIfNetwork: () => {
      const of = snapshot ?? deps.inventory();
      if (network?.of !== of) network = { of, net: whatIfNetwork(snapshot?.inventory ?? deps.inventory(), snapshot ?? undefined) };
      return network.net;
    },
  };
}
