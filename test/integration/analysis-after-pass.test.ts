/**
 * The analysis worker's after-pass hooks, in a real worker thread on the demo network's real
 * SQLite state: a hook module named by file URL in the setup gets every finding of every pass
 * with the policy's sha256 and writes them to a file, off the daemon's thread; what it returns
 * comes back as an outcome; a hook that throws or a module that cannot be loaded is reported
 * and logged while passes go on in the same worker; an unchanged setup keeps its hook.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_FILE } from '../../src/analysis/policy.js';
import type { AfterPassOutcome, AfterPassSpec } from '../../src/analysis/worker/after-pass.js';
import { analysisSetupOf, loadPolicyWithText } from '../../src/analysis/worker/analysis-setup.js';
import { createAnalysisRunner, type AnalysisRunner } from '../../src/analysis/worker/analysis-runner.js';
import type { AnalysisSetup } from '../../src/analysis/worker/protocol.js';
import { captureLogger, type LogLine } from '../support/capture-logger.js';
import type { HookLine } from '../support/after-pass-file-hook.js';
import { demoState, type DemoState } from '../support/demo-state.js';

/** A weekday outside every special period of the shipped calendar. */
const NOW = Date.parse('2026-03-10T04:00:00Z');
const COMMUNITY = 'after-pass-community-0b7e';
const HOOK = new URL('../support/after-pass-file-hook.ts', import.meta.url).href;

let dir: string;
let demo: DemoState;
let setup: AnalysisSetup;
const runners: AnalysisRunner[] = [];

interface Harness {
  readonly runner: AnalysisRunner;
  readonly outcomes: AfterPassOutcome[];
  readonly logs: LogLine[];
  /** Resolves once `n` outcomes arrived in all. */
  readonly outcomesReach: (n: number) => Promise<void>;
}

const harness = (afterPass: readonly AfterPassSpec[]): Harness => {
  const outcomes: AfterPassOutcome[] = [];
  const logs: LogLine[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const runner = createAnalysisRunner({
    logger: captureLogger(logs),
    onAfterPass: (o) => {
      outcomes.push(o);
      for (const w of waiters.filter((x) => outcomes.length >= x.n)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
    },
  });
  runners.push(runner);
  runner.configure({ ...setup, afterPass });
  const outcomesReach = (n: number): Promise<void> => (outcomes.length >= n ? Promise.resolve() : new Promise((resolve) => { waiters.push({ n, resolve }); }));
  return { runner, outcomes, logs, outcomesReach };
};

const linesOf = (file: string): HookLine[] => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as HookLine) : []);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redline-after-pass-'));
  demo = await demoState(join(dir, 'state.db'), NOW, COMMUNITY);
  setup = analysisSetupOf(demo.loaded, demo.inventory, loadPolicyWithText(DEFAULT_POLICY_FILE), demo.stateFile, [COMMUNITY]);
}, 60_000);

afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  demo.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('after-pass hooks in the analysis worker', () => {
  it('hands every finding of every pass, with the policy hash, to the hook, and brings back what it returned', async () => {
    const file = join(dir, 'every-pass.jsonl');
    const h = harness([{ module: HOOK, options: { file } }]);
    const first = await h.runner.analyse(NOW);
    await h.runner.analyse(NOW + 60_000);
    await h.outcomesReach(2);
    const total = first.counts.reduce((n, c) => n + c.count, 0);
    const lines = linesOf(file);
    expect(lines.map((l) => l.at)).toEqual([NOW, NOW + 60_000]);
    expect(lines[0]).toMatchObject({ findings: total, instance: 1, policyTextLength: setup.policy.text.length });
    expect(lines[0]!.policyHash).toBe(createHash('sha256').update(setup.policy.text).digest('hex'));
    expect(lines[0]!.failing).toEqual(['NODE-001 sms', 'NODE-002 cr1+cr2', 'PWR-001 cr1', 'PWR-001b cr2', 'RTE-002 bj-sh']);
    expect(h.outcomes.map((o) => ({ ...o, ms: 0 }))).toEqual([
      { module: HOOK, at: NOW, ok: true, result: { written: total, instance: 1 }, ms: 0 },
      // a minute on, the demo's polls are older than the interval: other findings, every one handed over
      { module: HOOK, at: NOW + 60_000, ok: true, result: { written: lines[1]!.findings, instance: 1 }, ms: 0 },
    ]);
  });

  it('reports and logs a hook that throws; the worker and the other hooks go on', async () => {
    const failing = join(dir, 'failing.jsonl');
    const other = join(dir, 'other.jsonl');
    const h = harness([{ module: HOOK, options: { file: failing, failAt: NOW } }, { module: HOOK, options: { file: other } }]);
    await h.runner.analyse(NOW);
    await h.runner.analyse(NOW + 60_000);
    await h.outcomesReach(4);
    expect(h.outcomes.map((o) => [o.at, o.ok])).toEqual([[NOW, false], [NOW, true], [NOW + 60_000, true], [NOW + 60_000, true]]);
    expect(h.outcomes[0]).toMatchObject({ ok: false, error: `hook refuses the pass at ${NOW}` });
    expect(linesOf(failing).map((l) => l.at)).toEqual([NOW + 60_000]);
    expect(linesOf(other).map((l) => l.at)).toEqual([NOW, NOW + 60_000]);
    expect(h.logs.filter((l) => l.level === 'error').map((l) => [l.msg, l.fields['module'], l.fields['err']])).toEqual([
      ['after-pass hook failed; the worker goes on', HOOK, `hook refuses the pass at ${NOW}`],
    ]);
    expect(h.runner.stats()).toMatchObject({ workersStarted: 1, crashes: 0, passes: 2, afterPassFailures: 1 });
  });

  it.each([
    ['a module that does not exist', new URL('../support/no-such-hook.ts', import.meta.url).href, { file: 'x' }, /cannot load the after-pass hook/],
    ['a module without createAfterPass', new URL('../support/capture-logger.ts', import.meta.url).href, {}, /exports no createAfterPass function/],
    ['options the hook refuses', HOOK, { file: 7 }, /options\.file must be a path/],
  ])('reports %s after every pass, and the passes still succeed', async (_what, module, options, error) => {
    const h = harness([{ module, options }]);
    const a = await h.runner.analyse(NOW);
    await h.runner.analyse(NOW + 60_000);
    await h.outcomesReach(2);
    expect(a.stale).toBe(false);
    expect(h.outcomes.map((o) => [o.at, o.ok])).toEqual([[NOW, false], [NOW + 60_000, false]]);
    const o = h.outcomes[0]!;
    expect(o.ok ? null : o.error).toMatch(error);
    expect(h.runner.stats()).toMatchObject({ workersStarted: 1, passes: 2, afterPassFailures: 2 });
  });

  it('keeps the hook through a setup that leaves it unchanged, and creates it again when its options change', async () => {
    const file = join(dir, 'reconfigured.jsonl');
    const h = harness([{ module: HOOK, options: { file } }]);
    await h.runner.analyse(NOW);
    h.runner.configure({ ...setup, afterPass: [{ module: HOOK, options: { file } }] });
    await h.runner.analyse(NOW + 60_000);
    h.runner.configure({ ...setup, afterPass: [{ module: HOOK, options: { file, failAt: 0 } }] });
    await h.runner.analyse(NOW + 120_000);
    await h.outcomesReach(3);
    expect(linesOf(file).map((l) => [l.at, l.instance])).toEqual([[NOW, 1], [NOW + 60_000, 1], [NOW + 120_000, 2]]);
  });
});
