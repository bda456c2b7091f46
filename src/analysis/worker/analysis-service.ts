/**
 * The analysis worker's body, apart from the thread: given a setup it opens the state store
 * read-only, runs passes (snapshot and every rule) and answers on-demand what-if questions on the
 * latest live network. After a pass whose network differs from the one last swept it sweeps the
 * single points of failure (srlg and node disjointness) one step at a time, answering passes and
 * what-ifs between steps, and posts the sweep when done. A sweep of a large network runs for
 * long (minutes to an hour at 10,000 devices): it rests between steps so that it uses at most
 * `sweepDuty` of one core, leaving the rest to the poller. The latest good report stays here:
 * the daemon asks for pages of its findings and for its coverage (report-queries.ts), and the
 * after-pass hooks of the setup get every finding of every pass (after-pass.ts). Nothing here
 * knows about threads.
 */
import { createHash } from 'node:crypto';
import { SecretRegistry } from '../../common/secrets.js';
import { errorMessage, UsageError } from '../../common/errors.js';
import { openSqliteStateStore, type StateStore } from '../../state/store.js';
import { createAnalysisLoop, type AnalysisLoop } from '../analysis-pass.js';
import { CHECKED_SUBJECTS } from '../rules/ops.js';
import type { Disjointness } from '../graph/disjoint-paths.js';
import type { SinglePointOfFailure } from '../graph/services.js';
import { resolveNames, sweepNetworkSteps, whatIfByName, type WhatIfNetwork } from '../network/whatif.js';
import { parsePolicy, type Policy } from '../policy.js';
import type { AnalysisReport } from '../analyze.js';
import { createAfterPassRunner, policyHash, type AfterPassRunner } from './after-pass.js';
import { reportOf, reportToBytes, type AnalysisSetup, type FindingCount, type FromWorker, type PassInputs, type PassResult, type ToWorker } from './protocol.js';
import { coverageJson, digestOf, findingsJson, overviewJson } from './report-queries.js';

/** A worker's state between messages. */
export interface AnalysisService {
  handle(msg: ToWorker): void;
  close(): void;
}

interface Configured {
  readonly setup: AnalysisSetup;
  readonly policy: Policy;
  readonly store: StateStore;
  readonly loop: AnalysisLoop;
  readonly secrets: SecretRegistry;
  /** sha256 of the policy text, computed once per setup (for the after-pass hooks). */
  readonly policyHash: string;
}

/** The report the worker answers questions from: the latest good pass's, or one restored after a crash. */
interface HeldReport {
  readonly report: AnalysisReport;
  readonly analysedAt: number;
}

/** A digest of what a sweep depends on: the graph, the services and the device groups. */
export function networkKey(net: WhatIfNetwork): string {
  const h = createHash('sha256');
  const g = net.graph;
  h.update(g.nodeIds.join('\n')).update('\u0000').update(g.linkIds.join('\n')).update('\u0000').update(g.groupIds.join('\n'));
  for (const a of [g.linkA, g.linkB, g.groupLinks.start, g.groupLinks.items, g.groupNodes.start, g.groupNodes.items]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(JSON.stringify(net.services)).update(JSON.stringify([...net.deviceGroups]));
  return h.digest('hex').slice(0, 32);
}

/** Waits `ms` (0: one turn of the event loop), answering messages meanwhile. */
const rest = (ms: number): Promise<void> => new Promise((resolve) => { if (ms <= 0) setImmediate(resolve); else setTimeout(resolve, ms); });

/** At most this many recent transitions are read for OPS-003 in one pass (a week of a 10,000-device fleet's is far fewer). */
export const MAX_CHANGES_PER_PASS = 500_000;

/** The share of one core a sweep may use by default. */
export const DEFAULT_SWEEP_DUTY = 0.25;

/** Creates the service, posting answers with `post`; `openStore` defaults to the SQLite store opened read-only. */
export function createAnalysisService(
  post: (m: FromWorker) => void,
  openStore: (setup: AnalysisSetup) => StateStore = (s) => openSqliteStateStore(s.stateFile, { readOnly: true, staleAfterMissed: s.staleAfterMissed }),
  sweepDuty = DEFAULT_SWEEP_DUTY,
): AnalysisService {
  let current: Configured | null = null;
  let now = 0;
  let inputs: PassInputs = {};
  let sweepsComputed = 0;
  let sweptKey: string | null = null;
  let wanted: { key: string; net: WhatIfNetwork; at: number } | null = null;
  let sweeping = false;
  let closed = false;
  const isClosed = (): boolean => closed;
  let held: HeldReport | null = null;
  const hooks: AfterPassRunner = createAfterPassRunner((outcome) => { post({ type: 'afterPass', id: 0, outcome }); });

  const configure = (setup: AnalysisSetup): void => {
    const parsed = parsePolicy(setup.policy.text, setup.policy.source);
    // the ledger's waivers, when it keeps them, replace the policy file's
    const policy = setup.waivers === undefined ? parsed : { ...parsed, waivers: setup.waivers };
    const store = current !== null && current.setup.stateFile === setup.stateFile ? current.store : openStore(setup);
    if (current !== null && current.store !== store) current.store.close();
    const secrets = new SecretRegistry();
    for (const s of setup.secrets) secrets.add(s);
    const loop = createAnalysisLoop({
      inventory: () => setup.inventory,
      policy: () => policy,
      devices: () => store.latestDevices(),
      health: () => store.latestHealthAll(),
      upsOutputSince: (id) => store.transitions(id, { limit: 50 }).find((t) => t.subject === 'ups:output')?.at,
      pollIntervalMs: () => setup.pollIntervalMs,
      staleAfterMissed: () => setup.staleAfterMissed,
      healthIntervalMs: (id) => setup.healthIntervalMs[id] ?? setup.defaultHealthIntervalMs,
      receivedAgoMs: { device: (id) => inputs.receivedAgoMs?.device[id], health: (id) => inputs.receivedAgoMs?.health[id] },
      configDir: () => setup.configDir,
      load: () => inputs.load,
      records: () => inputs.records,
      changes: (since) => store.transitionsSince(since, MAX_CHANGES_PER_PASS, CHECKED_SUBJECTS),
      now: () => now,
    });
    current = { setup, policy, store, loop, secrets, policyHash: policyHash(setup.policy.text) };
    hooks.configure(setup.afterPass ?? []);
  };

  /** Sweeps the wanted network until the latest one is swept; one step per turn of the event loop. */
  const sweepLoop = async (): Promise<void> => {
    sweeping = true;
    try {
      while (!isClosed() && wanted !== null && wanted.key !== sweptKey) {
        const job = wanted;
        const started = performance.now();
        const result: Record<Disjointness, SinglePointOfFailure[]> = { srlg: [], node: [] };
        for (const d of ['srlg', 'node'] as const) {
          const steps = sweepNetworkSteps(job.net, d);
          for (;;) {
            const t = performance.now();
            const step = steps.next();
            if (step.done === true) {
              result[d] = step.value;
              break;
            }
            await rest(sweepDuty >= 1 ? 0 : ((performance.now() - t) * (1 - sweepDuty)) / sweepDuty);
            if (isClosed()) return;
          }
          sweepsComputed++;
        }
        sweptKey = job.key;
        post({ type: 'sweep', id: 0, result: { sweep: result, networkKey: job.key, computedAt: job.at, ms: performance.now() - started, sweepsComputed } });
      }
    } catch (err) {
      post({ type: 'sweepFailed', id: 0, message: errorMessage(err) });
    } finally {
      sweeping = false;
    }
  };

  // the pass yields between rules: questions about the previous report are answered meanwhile
  const pass = async (c: Configured): Promise<PassResult> => {
    const run = await c.loop.runYielding();
    const net = c.loop.whatIfNetwork();
    const key = networkKey(net);
    if (key !== sweptKey && key !== wanted?.key) wanted = { key, net, at: now };
    if (!sweeping && wanted !== null && wanted.key !== sweptKey) void sweepLoop();
    const r = run.report;
    const counts = new Map<string, FindingCount>();
    for (const f of r.findings) {
      const colour = f.colour ?? 'none';
      const k = `${f.rule}\u0000${f.state}\u0000${colour}\u0000${f.class}`;
      counts.set(k, { rule: f.rule, state: f.state, colour, class: f.class, count: (counts.get(k)?.count ?? 0) + 1 });
    }
    // findings carry inventory and observed names only; scrub the ones people read anyway
    const report = { ...r, findings: r.findings.map((f) => (f.state === 'protected' ? f : c.secrets.redactDeep(f))) };
    held = { report, analysedAt: now };
    hooks.after({
      at: now, findings: report.findings, policyHash: c.policyHash, policyText: c.setup.policy.text, snapshot: run.snapshot, coverage: r.coverage, redact: (t) => c.secrets.redact(t),
      ...(inputs.pollSeconds !== undefined ? { pollSeconds: inputs.pollSeconds } : {}),
    });
    return { reportBytes: reportToBytes(report), digest: digestOf(report), counts: [...counts.values()], analysisMs: run.ms, networkKey: key };
  };

  /** The held report, or a failure the daemon answers as "not ready". */
  const heldOr = (id: number): HeldReport | FromWorker => held ?? { type: 'failed', id, message: 'the analysis worker holds no report yet', usage: false, noReport: true };

  const whatIf = (c: Configured, id: number, fail: readonly string[], disjointness: Disjointness): FromWorker => {
    const started = performance.now();
    const net = c.loop.whatIfNetwork();
    const problems: string[] = [];
    const { failed } = resolveNames(net, fail, problems);
    if (problems.length === 0 && failed.length > c.setup.maxWhatIfElements) {
      throw new UsageError(`these names fail ${failed.length} elements; an on-demand what-if takes at most ${c.setup.maxWhatIfElements} (the cached sweep covers every single element)`);
    }
    return { type: 'whatif', id, result: whatIfByName(net, fail, disjointness), ms: performance.now() - started };
  };

  return {
    handle: (msg) => {
      if (msg.type === 'setup') {
        configure(msg.setup);
        return;
      }
      if (msg.type === 'restore') {
        // a pass of this worker's own is newer than the daemon's copy
        if (held !== null) return;
        try {
          held = { report: reportOf(msg.reportBytes), analysedAt: msg.analysedAt };
        } catch {
          // unreadable bytes: questions are answered "not ready" until this worker's first pass
        }
        return;
      }
      try {
        if (msg.type === 'findings' || msg.type === 'coverage' || msg.type === 'overview' || msg.type === 'wholeReport') {
          const h = heldOr(msg.id);
          if ('type' in h) {
            post(h);
            return;
          }
          switch (msg.type) {
            case 'findings':
              post({ type: 'page', id: msg.id, json: findingsJson(h.report, h.analysedAt, msg.stale, msg.query) });
              return;
            case 'coverage':
              post({ type: 'page', id: msg.id, json: coverageJson(h.report, msg.query) });
              return;
            case 'overview':
              post({ type: 'page', id: msg.id, json: overviewJson(h.report, h.analysedAt, msg.stale, msg.query) });
              return;
            case 'wholeReport':
              post({ type: 'wholeReport', id: msg.id, reportBytes: reportToBytes(h.report) });
              return;
          }
        }
        if (current === null) throw new Error('the analysis worker has no setup yet');
        switch (msg.type) {
          case 'analyse':
            now = msg.now;
            inputs = msg;
            pass(current).then(
              (result) => { if (!closed) post({ type: 'report', id: msg.id, result }); },
              (err: unknown) => { if (!closed) post({ type: 'failed', id: msg.id, message: errorMessage(err), usage: err instanceof UsageError }); },
            );
            return;
          case 'whatif':
            post(whatIf(current, msg.id, msg.fail, msg.disjointness));
            return;
        }
      } catch (err) {
        post({ type: 'failed', id: msg.id, message: errorMessage(err), usage: err instanceof UsageError });
      }
    },
    close: () => {
      closed = true;
      current?.store.close();
      current = null;
    },
  };
}
