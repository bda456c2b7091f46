/**
 * The daemon's side of the analysis worker: starts the worker thread, sends it the setup (on
 * start and on every reload), asks for passes and what-ifs, and keeps only the latest report's
 * digest (the finding counts, the rules that ran) and the latest single-point-of-failure sweep
 * (which the worker computes after a pass whose network changed, and which is stale while the
 * latest pass's network is not swept yet). The report itself stays in the worker: pages of
 * findings and the coverage are questions with a time limit, refused as unavailable while the
 * worker is busy past it or restarting. The worker starts with the first question (so its start
 * does not compete with the first poll cycle); one that crashes is logged, counted and started
 * again at the next question (after a growing delay while it keeps crashing); a pass that fails leaves the previous
 * report in place, marked stale. On-demand what-ifs are single-flight: identical concurrent
 * questions share one computation, a different one is refused as busy with a time to retry.
 * What the setup's after-pass hooks return arrives as outcomes (`onAfterPass`); failed ones are logged.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError, errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { AnalysisReport } from '../analyze.js';
import type { Disjointness } from '../graph/disjoint-paths.js';
import type { SinglePointOfFailure } from '../graph/services.js';
import type { NetworkWhatIfResult } from '../network/whatif.js';
import type { AfterPassOutcome } from './after-pass.js';
import { reportOf, type AnalysisSetup, type FindingCount, type FromWorker, type PassInputs, type PassResult, type ToWorker } from './protocol.js';
import { AnalysisUnavailableError, type CoverageQuery, type FindingsQuery, type OverviewQuery, type ReportPage, type ReportView } from './report-queries.js';

/** The latest report as the daemon keeps it: its digest and counts; its findings are asked of the worker. */
export interface LatestAnalysis extends ReportView {
  readonly counts: readonly FindingCount[];
  readonly analysisMs: number;
  /** The digest of the network the pass saw. */
  readonly networkKey: string;
}

/** The latest sweep as the daemon keeps it. */
export interface LatestSweep {
  readonly sweep: Readonly<Record<Disjointness, readonly SinglePointOfFailure[]>>;
  /** The time of the pass whose network was swept (ms). */
  readonly computedAt: number;
  /** True while the latest pass saw another network (its sweep is still running) or the latest report is stale. */
  readonly stale: boolean;
  readonly ms: number;
}

/** What a pass or a what-if ran into. */
export type AnalysisFailure = 'crashed' | 'failed';

/** A what-if is already running: try again after `retryAfterSeconds`. */
export class WhatIfBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`another what-if is running; retry in ${retryAfterSeconds} s`);
  }
}

/** How long a question about the report waits for the worker by default (ms). */
export const DEFAULT_QUERY_TIMEOUT_MS = 5000;

/** Options of the runner. */
export interface AnalysisRunnerOptions {
  readonly logger: Logger;
  /** Called once per failed pass or crashed worker (the daemon counts them). */
  readonly onFailure?: (kind: AnalysisFailure) => void;
  /** Called when a sweep arrives. */
  readonly onSweep?: (sweep: LatestSweep) => void;
  /** The worker's entry; the built `analysis-worker.js` beside this file by default (`.ts` under tsx/vitest). */
  readonly entry?: URL;
  /** Delay before starting the worker again after the n-th crash in a row (ms). */
  readonly restartDelayMs?: (crashesInARow: number) => number;
  /** Called with what each after-pass hook did after each pass (failures are also logged). */
  readonly onAfterPass?: (outcome: AfterPassOutcome) => void;
  /** How long a page of findings or the coverage waits for the worker (ms); DEFAULT_QUERY_TIMEOUT_MS by default. */
  readonly queryTimeoutMs?: number;
}

/** Counters for tests, benchmarks and logs. */
export interface AnalysisRunnerStats {
  readonly workersStarted: number;
  readonly crashes: number;
  readonly passes: number;
  readonly failedPasses: number;
  /** As the latest sweep says: sweeps its worker computed since it started (srlg and node count one each). */
  readonly sweepsComputed: number;
  readonly whatIfs: number;
  /** Report questions (pages, coverage) refused as busy or not ready. */
  readonly queriesRefused: number;
  readonly afterPassFailures: number;
}

/** The analysis worker as the daemon sees it. */
export interface AnalysisRunner {
  /** Sends the setup (start and reload); the worker starts at the first question after it. */
  configure(setup: AnalysisSetup): void;
  /** Runs a pass at `now`; a pass already running is shared. Rejects when the pass fails (the previous report stays, stale). */
  analyse(now: number, inputs?: PassInputs): Promise<LatestAnalysis>;
  /** True while a pass runs. */
  analysing(): boolean;
  /** Resolves when no pass is running (whatever its outcome). */
  idle(): Promise<void>;
  /** What losing these elements does; rejects with UsageError (bad question) or WhatIfBusyError. */
  whatIf(fail: readonly string[], disjointness: Disjointness): Promise<NetworkWhatIfResult>;
  latest(): LatestAnalysis | null;
  /** The whole latest report, from the worker (tests and `App.analyze`; never on a request path: it crosses as bytes and is decoded here). */
  report(): Promise<AnalysisReport>;
  latestSweep(): LatestSweep | null;
  stats(): AnalysisRunnerStats;
  /** Ends the worker; pending questions are rejected. */
  stop(): Promise<void>;
}

const HERE = fileURLToPath(import.meta.url);

/** The worker entry beside this module, in the same language (dist JS, or TS under tsx/vitest). */
export const DEFAULT_WORKER_ENTRY = new URL(`./analysis-worker${HERE.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** tsx's ESM loader API, for a TypeScript worker entry (development and tests only). */
function tsxLoaderUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const rel = pkg.exports['./esm/api']?.import?.default;
  if (rel === undefined) throw new Error('tsx has no ./esm/api export: cannot run the TypeScript analysis worker');
  return pathToFileURL(join(dirname(pkgFile), rel)).href;
}

/** Starts a worker thread on `entry`; a `.ts` entry is loaded through tsx. */
export function startWorkerThread(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const bootstrap = `import(${JSON.stringify(tsxLoaderUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

const defaultRestartDelay = (n: number): number => (n <= 1 ? 0 : Math.min(60_000, 500 * 2 ** (n - 2)));

interface Pending {
  readonly resolve: (m: FromWorker) => void;
  readonly reject: (err: Error) => void;
}

/** Creates the runner; the worker starts with the first `configure`. */
export function createAnalysisRunner(opts: AnalysisRunnerOptions): AnalysisRunner {
  const entry = opts.entry ?? DEFAULT_WORKER_ENTRY;
  const restartDelay = opts.restartDelayMs ?? defaultRestartDelay;
  const queryTimeoutMs = opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  let worker: Worker | null = null;
  let setup: AnalysisSetup | null = null;
  let restartAt = 0;
  let stopped = false;
  let crashesInARow = 0;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let latest: LatestAnalysis | null = null;
  /** The latest report's bytes, never decoded here: handed to a worker started after a crash. */
  let lastGood: { readonly bytes: Uint8Array; readonly analysedAt: number } | null = null;
  let swept: (Omit<LatestSweep, 'stale'> & { readonly networkKey: string }) | null = null;
  let pass: Promise<LatestAnalysis> | null = null;
  let inflight: { key: string; promise: Promise<NetworkWhatIfResult> } | null = null;
  let lastWhatIfMs = 0;
  let lastPassMs = 0;
  const stats = { workersStarted: 0, crashes: 0, passes: 0, failedPasses: 0, sweepsComputed: 0, whatIfs: 0, queriesRefused: 0, afterPassFailures: 0 };

  const sweepView = (s: NonNullable<typeof swept>): LatestSweep => ({
    sweep: s.sweep, computedAt: s.computedAt, ms: s.ms,
    stale: latest === null || latest.stale || latest.networkKey !== s.networkKey,
  });

  const markStale = (): void => {
    if (latest !== null && !latest.stale) latest = latestOf(latest, true);
  };

  const spawn = (s: AnalysisSetup): Worker => {
    const w = startWorkerThread(entry);
    stats.workersStarted++;
    w.unref();
    w.on('message', (m: FromWorker) => {
      if (m.type === 'sweep') {
        const r = m.result;
        swept = { sweep: r.sweep, computedAt: r.computedAt, ms: r.ms, networkKey: r.networkKey };
        stats.sweepsComputed = r.sweepsComputed;
        opts.onSweep?.(sweepView(swept));
        return;
      }
      if (m.type === 'sweepFailed') {
        opts.logger.error({ err: m.message }, 'single-point-of-failure sweep failed; the previous sweep stays');
        return;
      }
      if (m.type === 'afterPass') {
        const o = m.outcome;
        if (!o.ok) {
          stats.afterPassFailures++;
          opts.logger.error({ module: o.module, at: o.at, err: o.error }, 'after-pass hook failed; the worker goes on');
        }
        opts.onAfterPass?.(o);
        return;
      }
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      // an idle worker does not keep the process alive; one with a question pending does
      if (pending.size === 0) w.unref();
      p.resolve(m);
    });
    w.on('error', (err) => {
      opts.logger.error({ err: errorMessage(err) }, 'analysis worker failed');
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = null;
      const lost = [...pending.values()];
      pending.clear();
      for (const p of lost) p.reject(new Error(`the analysis worker exited (code ${code})`));
      if (stopped) return;
      stats.crashes++;
      crashesInARow++;
      markStale();
      opts.onFailure?.('crashed');
      const delay = restartDelay(crashesInARow);
      opts.logger.error({ code, restartInMs: delay, crashesInARow }, 'analysis worker exited; starting a new one');
      restartAt = Date.now() + delay;
    });
    worker = w;
    w.postMessage({ type: 'setup', setup: s } satisfies ToWorker);
    // copied, not transferred: this side keeps them for the next restart
    if (lastGood !== null) w.postMessage({ type: 'restore', reportBytes: lastGood.bytes, analysedAt: lastGood.analysedAt } satisfies ToWorker);
    return w;
  };

  /** The running worker, started if there is none and no restart delay holds it back. */
  const running = (): Worker => {
    if (worker !== null) return worker;
    if (stopped) throw new Error('the analysis worker stopped');
    if (setup === null) throw new Error('the analysis worker is not configured');
    const wait = restartAt - Date.now();
    if (wait > 0) throw new Error(`the analysis worker is restarting (in ${Math.ceil(wait / 1000)} s)`);
    return spawn(setup);
  };

  /** Asks the worker; with `timeoutMs`, a question unanswered by then is dropped and rejected (a late answer is ignored). */
  const ask = (msg: ToWorker & { id: number }, timeoutMs?: number): Promise<FromWorker> => {
    let w: Worker;
    try {
      w = running();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return new Promise<FromWorker>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = <T>(f: (v: T) => void) => (v: T): void => { if (timer !== undefined) clearTimeout(timer); f(v); };
      pending.set(msg.id, { resolve: settle(resolve), reject: settle(reject) });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          if (!pending.delete(msg.id)) return;
          if (pending.size === 0) w.unref();
          reject(new AnalysisUnavailableError('busy', busyRetryAfter(), `the analysis worker did not answer within ${timeoutMs} ms (a pass is running); try again shortly`));
        }, timeoutMs);
        timer.unref();
      }
      w.ref();
      w.postMessage(msg);
    });
  };

  /** Seconds until a busy worker is likely free: the rest of a running pass, else a second. */
  const busyRetryAfter = (): number => Math.max(1, Math.ceil((pass !== null ? lastPassMs : 0) / 1000));

  /** Asks a question about the held report, turning every way of not getting an answer into AnalysisUnavailableError. */
  const query = async (msg: ToWorker & { id: number }): Promise<FromWorker> => {
    let answer: FromWorker;
    try {
      answer = await ask(msg, queryTimeoutMs);
    } catch (err) {
      stats.queriesRefused++;
      if (err instanceof AnalysisUnavailableError) throw err;
      const wait = restartAt - Date.now();
      throw new AnalysisUnavailableError('busy', Math.max(1, Math.ceil(wait / 1000)), `the analysis is unavailable: ${errorMessage(err)}`);
    }
    if (answer.type === 'failed') {
      stats.queriesRefused++;
      if (answer.noReport === true) throw new AnalysisUnavailableError('not_ready', 1, 'no analysis yet: it runs once every device has been polled');
      throw new Error(answer.message);
    }
    return answer;
  };

  const page = async (msg: ToWorker & { id: number }): Promise<ReportPage> => {
    const answer = await query(msg);
    if (answer.type !== 'page') throw new Error(`unexpected answer ${answer.type}`);
    return { json: answer.json };
  };

  type LatestFields = Omit<LatestAnalysis, 'stale' | 'findings' | 'coverage' | 'overview'>;
  /** The latest analysis as callers see it: its questions carry the staleness it had when it was handed out. */
  const latestOf = (f: LatestFields, stale: boolean): LatestAnalysis => ({
    at: f.at, rules: f.rules, analysedAt: f.analysedAt, counts: f.counts, analysisMs: f.analysisMs, networkKey: f.networkKey,
    stale,
    findings: (q: FindingsQuery) => page({ type: 'findings', id: nextId++, query: q, stale }),
    coverage: (q: CoverageQuery) => page({ type: 'coverage', id: nextId++, query: q }),
    overview: (q: OverviewQuery) => page({ type: 'overview', id: nextId++, query: q, stale }),
  });

  const runPass = async (now: number, inputs: PassInputs): Promise<LatestAnalysis> => {
    let answer: FromWorker;
    try {
      answer = await ask({ type: 'analyse', id: nextId++, now, ...inputs });
    } catch (err) {
      stats.failedPasses++;
      markStale();
      throw err;
    }
    if (answer.type !== 'report') {
      stats.failedPasses++;
      markStale();
      opts.onFailure?.('failed');
      throw new Error(answer.type === 'failed' ? answer.message : `unexpected answer ${answer.type}`);
    }
    const r: PassResult = answer.result;
    crashesInARow = 0;
    stats.passes++;
    lastPassMs = r.analysisMs;
    lastGood = { bytes: r.reportBytes, analysedAt: now };
    latest = latestOf({ at: r.digest.at, rules: r.digest.rules, counts: r.counts, analysedAt: now, analysisMs: r.analysisMs, networkKey: r.networkKey }, false);
    return latest;
  };

  const retryAfter = (): number => Math.max(1, Math.ceil((lastWhatIfMs + (pass !== null ? lastPassMs : 0)) / 1000));

  return {
    configure: (next) => {
      setup = next;
      worker?.postMessage({ type: 'setup', setup: next } satisfies ToWorker);
    },
    analyse: (now, inputs = {}) => {
      if (pass !== null) return pass;
      const p = runPass(now, inputs).finally(() => { pass = null; });
      pass = p;
      return p;
    },
    analysing: () => pass !== null,
    idle: () => (pass === null ? Promise.resolve() : pass.then(() => undefined, () => undefined)),
    whatIf: (fail, disjointness) => {
      const key = `${disjointness}\u0000${[...new Set(fail)].sort().join('\u0000')}`;
      if (inflight !== null) {
        return inflight.key === key ? inflight.promise : Promise.reject(new WhatIfBusyError(retryAfter()));
      }
      if (worker === null && restartAt > Date.now()) return Promise.reject(new WhatIfBusyError(Math.ceil((restartAt - Date.now()) / 1000)));
      stats.whatIfs++;
      const promise = ask({ type: 'whatif', id: nextId++, fail, disjointness }).then((answer) => {
        if (answer.type === 'whatif') {
          lastWhatIfMs = answer.ms;
          return answer.result;
        }
        if (answer.type === 'failed') throw answer.usage ? new UsageError(answer.message) : new Error(answer.message);
        throw new Error(`unexpected answer ${answer.type}`);
      }).finally(() => { inflight = null; });
      inflight = { key, promise };
      return promise;
    },
    latest: () => latest,
    report: async () => {
      const answer = await query({ type: 'wholeReport', id: nextId++ });
      if (answer.type !== 'wholeReport') throw new Error(`unexpected answer ${answer.type}`);
      return reportOf(answer.reportBytes);
    },
    latestSweep: () => (swept === null ? null : sweepView(swept)),
    stats: () => ({ ...stats }),
    stop: async () => {
      stopped = true;
      const w = worker;
      worker = null;
      const lost = [...pending.values()];
      pending.clear();
      for (const p of lost) p.reject(new Error('the analysis worker stopped'));
      if (w !== null) await w.terminate();
    },
  };
}
