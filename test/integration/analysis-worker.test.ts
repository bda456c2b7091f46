/**
 * The analysis worker on the demo network: a real worker thread reading a real SQLite state file
 * (read-only, while the test's own connection stays open as the daemon's would) finds the same
 * findings as the analysis on this thread, the demo's five gaps exactly; the sweep is computed
 * once per pass and kept with the report; on-demand what-ifs are bounded and single-flight; a
 * crashed worker is restarted and a failed pass leaves the previous report in place, stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisLoop } from '../../src/analysis/analysis-pass.js';
import { CHECKED_SUBJECTS } from '../../src/analysis/rules/ops.js';
import { MAX_CHANGES_PER_PASS } from '../../src/analysis/worker/analysis-service.js';
import { DEFAULT_POLICY_FILE } from '../../src/analysis/policy.js';
import { sweepNetwork } from '../../src/analysis/network/whatif.js';
import { analysisSetupOf, loadPolicyWithText } from '../../src/analysis/worker/analysis-setup.js';
import { createAnalysisRunner, WhatIfBusyError, type AnalysisFailure, type AnalysisRunner, type LatestSweep } from '../../src/analysis/worker/analysis-runner.js';
import type { AnalysisSetup } from '../../src/analysis/worker/protocol.js';
import { AnalysisUnavailableError } from '../../src/analysis/worker/report-queries.js';
import { silentLogger } from '../../src/common/logger.js';
import { UsageError } from '../../src/common/errors.js';
import { demoState, type DemoState } from '../support/demo-state.js';
import { CRASH_AT, STALL_AT, THROW_AT } from '../support/faulty-analysis-worker.js';

/** A weekday outside every special period of the shipped calendar. */
const NOW = Date.parse('2026-03-10T04:00:00Z');
const COMMUNITY = 'analysis-worker-community-5d1e';
const FAILING = new Set(['degraded', 'unprotected', 'down']);

let dir: string;
/** Resolved by the next sweep any runner receives. */
// per runner: a sweep still running in another test's worker must not answer this test's wait
const sweepWaiters = new Map<AnalysisRunner, ((s: LatestSweep) => void)[]>();
const nextSweep = (r: AnalysisRunner): Promise<LatestSweep> => new Promise((resolve) => { sweepWaiters.get(r)?.push(resolve); });
let demo: DemoState;
let setup: AnalysisSetup;
const runners: AnalysisRunner[] = [];

const runner = (opts: { entry?: URL; failures?: AnalysisFailure[]; sweeps?: LatestSweep[] } = {}): AnalysisRunner => {
  const r = createAnalysisRunner({
    logger: silentLogger,
    ...(opts.entry !== undefined ? { entry: opts.entry } : {}),
    onFailure: (kind) => { opts.failures?.push(kind); },
    onSweep: (s) => { opts.sweeps?.push(s); for (const f of waiters.splice(0)) f(s); },
  });
  const waiters: ((s: LatestSweep) => void)[] = [];
  sweepWaiters.set(r, waiters);
  runners.push(r);
  r.configure(setup);
  return r;
};

/** The same pass on this thread, through the same gathering code, from the writer's connection. */
const mainThreadPass = () => {
  const policy = loadPolicyWithText(DEFAULT_POLICY_FILE).policy;
  const loop = createAnalysisLoop({
    inventory: () => demo.inventory,
    policy: () => policy,
    devices: () => demo.store.latestDevices(),
    health: () => demo.store.latestHealthAll(),
    upsOutputSince: (id) => demo.store.transitions(id, { limit: 50 }).find((t) => t.subject === 'ups:output')?.at,
    // as the worker reads them (OPS-003)
    changes: (since) => demo.store.transitionsSince(since, MAX_CHANGES_PER_PASS, CHECKED_SUBJECTS),
    pollIntervalMs: () => setup.pollIntervalMs,
    staleAfterMissed: () => setup.staleAfterMissed,
    healthIntervalMs: (id) => setup.healthIntervalMs[id],
    configDir: () => demo.loaded.dir,
    now: () => NOW,
  });
  const report = loop.runNow().report;
  return { report, sweep: sweepNetwork(loop.whatIfNetwork(), 'srlg') };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redline-analysis-worker-'));
  demo = await demoState(join(dir, 'state.db'), NOW, COMMUNITY);
  setup = analysisSetupOf(demo.loaded, demo.inventory, loadPolicyWithText(DEFAULT_POLICY_FILE), demo.stateFile, [COMMUNITY]);
}, 60_000);

afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  demo.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the analysis worker on the demo network', () => {
  it('finds what the analysis on this thread finds: exactly the five deliberate gaps', async () => {
    const r = runner();
    const swept = nextSweep(r);
    const latest = await r.analyse(NOW);
    const here = mainThreadPass();
    // the report stays in the worker; the whole of it is asked for
    const report = await r.report();
    expect(report).toEqual(here.report);
    expect(latest.analysedAt).toBe(NOW);
    expect(latest.stale).toBe(false);
    const failing = report.findings.filter((f) => FAILING.has(f.state)).map((f) => `${f.rule} ${f.subject.kind}:${f.subject.id}`);
    expect(failing.sort()).toEqual([
      'NODE-001 service:sms', 'NODE-002 pair:cr1+cr2', 'PWR-001 device:cr1', 'PWR-001b device:cr2', 'RTE-002 protectionGroup:bj-sh',
    ]);
    expect(JSON.stringify(report)).not.toContain(COMMUNITY);
    // the counts behind redline_findings add up to the findings
    expect(latest.counts.reduce((n, c) => n + c.count, 0)).toBe(report.findings.length);
    expect(latest.rules).toEqual(report.summary.rules.map((x) => x.rule));
    // the sweep follows the pass, of the same network
    const s = await swept;
    expect(s.sweep.srlg).toEqual(here.sweep);
    expect(s).toMatchObject({ computedAt: NOW, stale: false });
  });

  it('sweeps once per network (both disjointness modes): not again for the same network, never for a what-if', async () => {
    const sweeps: LatestSweep[] = [];
    const r = runner({ sweeps });
    const swept = nextSweep(r);
    await r.analyse(NOW);
    await swept;
    expect(r.stats().sweepsComputed).toBe(2);
    await r.whatIf(['room:bj-core/core-a'], 'srlg');
    await r.whatIf(['D-7'], 'node');
    // the next pass (devices not stale yet) sees the same network: its sweep is current, none is started
    await r.analyse(NOW + 10_000);
    await r.whatIf(['cr1'], 'srlg'); // answered after anything the pass started
    expect(r.stats()).toMatchObject({ sweepsComputed: 2, passes: 2, whatIfs: 3, workersStarted: 1 });
    expect(sweeps).toHaveLength(1);
    expect(r.latestSweep()).toMatchObject({ computedAt: NOW, stale: false });
    expect(r.latestSweep()?.sweep.srlg.slice(0, 2).map((s) => s.id)).toEqual(['room:bj-core/core-a', 'site:bj-core']);
  });

  it('answers a what-if on the live network in the worker', async () => {
    const r = runner();
    await r.analyse(NOW);
    const res = await r.whatIf(['room:bj-core/core-a'], 'srlg');
    expect(res.groups).toEqual({ 'room:bj-core/core-a': ['cr1', 'cr2'] });
    expect(res.cut).toEqual(['core-pair', 'agg-ring', 'bj-sh-trunk']);
    await expect(r.whatIf(['nowhere'], 'srlg')).rejects.toBeInstanceOf(UsageError);
  });

  it('answers pages of findings and the coverage from the report it holds, and refuses them as busy past the time limit', async () => {
    const r = createAnalysisRunner({ logger: silentLogger, queryTimeoutMs: 50, entry: new URL('../support/faulty-analysis-worker.ts', import.meta.url) });
    runners.push(r);
    r.configure(setup);
    const latest = await r.analyse(NOW);
    // a pass yields between rules, but one that holds the thread (a stuck rule) leaves a question
    // behind it waiting past the limit
    const pass = r.analyse(STALL_AT);
    const q = { states: ['unprotected' as const], colours: null, classes: null, sites: null, rules: null, limit: 2, offset: 1 };
    const err = await latest.findings(q).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisUnavailableError);
    expect(err).toMatchObject({ code: 'busy', retryAfterSeconds: expect.any(Number) as unknown });
    await pass;
    expect(r.stats().queriesRefused).toBe(1);
    const patient = createAnalysisRunner({ logger: silentLogger });
    runners.push(patient);
    patient.configure(setup);
    const l = await patient.analyse(NOW);
    const report = await patient.report();
    const page = JSON.parse((await l.findings(q)).json) as { total: number; items: { rule: string }[] };
    const unprotected = report.findings.filter((f) => f.state === 'unprotected');
    expect(page.total).toBe(unprotected.length);
    expect(page.items.map((f) => f.rule)).toEqual(unprotected.slice(1, 3).map((f) => f.rule));
    const coverage = JSON.parse((await l.coverage({ status: 'skipped', reasons: null, rules: null })).json) as { rules: { status: string }[] };
    expect(coverage.rules.length).toBe(report.coverage.rules.filter((x) => x.status === 'skipped').length);
  });

  it('refuses a what-if that fails more elements than the bound', async () => {
    const r = createAnalysisRunner({ logger: silentLogger });
    runners.push(r);
    r.configure({ ...setup, maxWhatIfElements: 3 });
    const site = [...demo.inventory.devices.values()].filter((d) => d.site === 'bj-core').length;
    expect(site).toBeGreaterThan(3);
    const err = await r.whatIf(['site:bj-core'], 'srlg').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(new RegExp(`fail ${site} elements; an on-demand what-if takes at most 3`));
    await expect(r.whatIf(['cr1', 'cr2'], 'srlg')).resolves.toMatchObject({ failed: expect.any(Array) as unknown });
  });

  it('runs one what-if at a time: the same question shares it, another is refused with a time to retry', async () => {
    const r = runner();
    // the pass occupies the worker, so the first what-if is still running when the others arrive
    const pass = r.analyse(NOW);
    const first = r.whatIf(['cr1'], 'srlg');
    const same = r.whatIf(['cr1'], 'srlg');
    expect(same).toBe(first);
    const other = await r.whatIf(['cr2'], 'srlg').then(() => null, (e: unknown) => e);
    expect(other).toBeInstanceOf(WhatIfBusyError);
    expect((other as WhatIfBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await pass;
    await first;
    // once it is done, the other question runs
    await expect(r.whatIf(['cr2'], 'srlg')).resolves.toBeDefined();
    expect(r.stats().whatIfs).toBe(2);
  });
});

describe('a failing analysis worker', () => {
  const faulty = new URL('../support/faulty-analysis-worker.ts', import.meta.url);

  it('is restarted after a crash, counted, and the previous report stays, marked stale', async () => {
    const failures: AnalysisFailure[] = [];
    const r = runner({ entry: faulty, failures });
    await r.analyse(NOW);
    const good = await r.report();
    await expect(r.analyse(CRASH_AT)).rejects.toThrow(/analysis worker exited \(code 3\)/);
    expect(failures).toEqual(['crashed']);
    // the new worker is handed the last good report: its findings are still answered, marked stale
    expect(await r.report()).toEqual(good);
    const page = JSON.parse((await r.latest()!.findings({ states: ['unprotected'], colours: null, classes: null, sites: null, rules: null, limit: 100, offset: 0 })).json) as { stale: boolean; total: number };
    expect(page).toMatchObject({ stale: true, total: good.findings.filter((f) => f.state === 'unprotected').length });
    expect(r.latest()?.stale).toBe(true);
    expect(r.latest()?.analysedAt).toBe(NOW);
    // the next pass runs in a new worker and clears the mark
    const next = await r.analyse(NOW + 60_000);
    expect(next.stale).toBe(false);
    expect(r.stats()).toMatchObject({ workersStarted: 2, crashes: 1, passes: 2 });
  });

  it('waits longer before each restart while the worker keeps crashing', async () => {
    const failures: AnalysisFailure[] = [];
    const r = runner({ entry: faulty, failures });
    await expect(r.analyse(CRASH_AT)).rejects.toThrow(/exited/);
    await expect(r.analyse(CRASH_AT)).rejects.toThrow(/exited/);
    // the second crash in a row holds the next start back (500 ms by default)
    await expect(r.analyse(NOW)).rejects.toThrow(/restarting \(in 1 s\)/);
    const busy = await r.whatIf(['cr1'], 'srlg').then(() => null, (e: unknown) => e);
    expect(busy).toBeInstanceOf(WhatIfBusyError);
    expect(failures).toEqual(['crashed', 'crashed']);
    expect(r.stats()).toMatchObject({ workersStarted: 2, crashes: 2 });
  });

  it('keeps the previous report, stale, when a pass fails', async () => {
    const failures: AnalysisFailure[] = [];
    const r = runner({ entry: faulty, failures });
    await r.analyse(NOW);
    const good = await r.report();
    await expect(r.analyse(THROW_AT)).rejects.toThrow('a rule set that throws');
    expect(failures).toEqual(['failed']);
    expect(r.latest()).toMatchObject({ stale: true, analysedAt: NOW });
    expect(await r.report()).toEqual(good);
    expect(r.stats()).toMatchObject({ workersStarted: 1, failedPasses: 1 });
  });
});
