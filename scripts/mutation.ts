/**
 * `npm run mutation [-- area … | -- area --mutate=file[,file…]]`: StrykerJS over the pure core, one
 * area at a time, then each area's mutation score, the total and every surviving (or uncovered)
 * mutant, file:line. Areas: engine, profiles (SNMP collection), rules, graph, policy, state,
 * reconcile (the ledger's reconciliation of a pass). Each area runs only the unit tests that
 * exercise it (AREA_TESTS) and keeps an incremental file, so a rerun after new tests tests again
 * only the mutants they may change. `--mutate=<file>[,<file>…]` (one area) mutates those files
 * alone, with one dry run for all of them; their results are kept and reported apart from the
 * whole area's. `--force` tests every mutant again (incremental results can hide what a changed
 * test now catches). `--report` only re-prints the last results kept in .tmp/mutation/ without
 * running anything. Vitest runs as test/vitest.mutation.config.ts says (stryker.config.json).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import type { MutantResult } from '@stryker-mutator/api/core';

/** The areas of the pure core, each a list of Stryker `mutate` globs. */
export const AREAS: Readonly<Record<string, readonly string[]>> = {
  engine: [
    'src/collect/snmp/engine.ts', 'src/collect/snmp/extract.ts', 'src/collect/snmp/walk.ts',
    'src/collect/snmp/kinds/**/*.ts', '!src/collect/snmp/kinds/**/*.test.ts',
  ],
  profiles: ['src/collect/snmp/profiles/**/*.ts', '!src/collect/snmp/profiles/**/*.test.ts'],
  rules: ['src/analysis/rules/**/*.ts', '!src/analysis/rules/**/*.test.ts'],
  graph: ['src/analysis/graph/**/*.ts', '!src/analysis/graph/**/*.test.ts'],
  policy: ['src/analysis/policy.ts'],
  state: ['src/state/transitions.ts', 'src/state/core.ts'],
  reconcile: ['src/ledger/reconcile.ts'],
};

/**
 * The unit tests that exercise each area (Stryker's `testFiles`): a mutant only the other areas'
 * tests would catch counts as survived, so a score is a lower bound, in exchange for a dry run of
 * seconds instead of minutes on a shared machine.
 */
export const AREA_TESTS: Readonly<Record<string, readonly string[]>> = {
  engine: ['src/collect/snmp/**/*.test.ts'],
  profiles: ['src/collect/snmp/**/*.test.ts'],
  rules: ['src/analysis/rules/**/*.test.ts', 'test/rules/**/*.test.ts'],
  graph: ['src/analysis/graph/**/*.test.ts'],
  policy: ['src/analysis/policy.test.ts', 'test/unit/policy-*.test.ts', 'test/rules/thresholds.test.ts'],
  state: ['src/state/transitions.test.ts', 'test/unit/state-core.test.ts'],
  reconcile: ['src/ledger/reconcile.test.ts'],
};

/**
 * Areas measured with Stryker's `ignoreStatic: false`, each with the folder its tests live in.
 * The profiles are declarative tables built while their module loads, so nearly all their mutants
 * are static: with `ignoreStatic` they would all be left out. A static mutant takes effect only in
 * a module loaded while it is active, and the vitest runner keeps its modules loaded (even with
 * per-file isolation, a first measurement had every static mutant of cisco-envmon.ts survive, the
 * tests having run on the unmutated table), so these areas use Stryker's command runner: each
 * mutant runs `vitest run` in a fresh process (the active mutant in its environment), no coverage
 * analysis, about 9 s a mutant on the shared machine. With `--mutate`, the tests run are those of
 * the folder that import a mutated file (its own test file and the tests that name it); another
 * test reaching the profile through the profile list could only catch more, so the score stays a
 * lower bound. Without it, every test of the folder runs for every mutant: hours for the area.
 */
export const AREA_COUNTS_STATIC: Readonly<Record<string, string>> = { profiles: 'src/collect/snmp' };

/** The test files under `dir` that import one of `files` (`…/<name>.js'`). */
function testsImporting(dir: string, files: readonly string[]): string[] {
  const names = files.map((f) => `/${basename(f, '.ts')}.js'`);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`)
    .filter((f) => { const text = readFileSync(f, 'utf8'); return names.some((n) => text.includes(n)); })
    .sort();
}

interface Kept {
  readonly status: string;
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly replacement: string;
}

const OUT = resolve('.tmp/mutation');
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function keep(r: MutantResult): Kept {
  return {
    status: r.status,
    file: relative(process.cwd(), r.fileName),
    line: r.location.start.line,
    mutator: r.mutatorName,
    replacement: r.replacement.replace(/\s+/g, ' ').slice(0, 80),
  };
}

/** Score as Stryker computes it: detected / (detected + undetected); errors and ignored do not count. */
function score(rs: readonly Kept[]): { detected: number; undetected: number; pct: number } {
  const detected = rs.filter((r) => DETECTED.has(r.status)).length;
  const undetected = rs.filter((r) => UNDETECTED.has(r.status)).length;
  return { detected, undetected, pct: detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected) };
}

/** What one run mutates and where its results are kept: a whole area, or one file of it. */
interface Run {
  readonly label: string;
  readonly area: string;
  readonly mutate: readonly string[];
  readonly tests: readonly string[];
  readonly kept: string;
}

function runsFor(args: readonly string[]): Run[] {
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((a) => !(a in AREAS));
  if (unknown.length > 0) throw new Error(`unknown area(s) ${unknown.join(', ')}; areas: ${Object.keys(AREAS).join(', ')}`);
  const list = args.find((a) => a.startsWith('--mutate='))?.slice('--mutate='.length);
  if (list !== undefined) {
    if (wanted.length !== 1) throw new Error('--mutate=<file>[,<file>…] takes exactly one area, the one the files belong to');
    const files = list.split(',').filter((f) => f !== '');
    const missing = files.filter((f) => !existsSync(f));
    if (files.length === 0 || missing.length > 0) throw new Error(`--mutate: no such file ${missing.join(', ') || '(none given)'}`);
    const area = wanted[0]!;
    const staticDir = AREA_COUNTS_STATIC[area];
    const tests = staticDir === undefined ? AREA_TESTS[area]! : testsImporting(staticDir, files);
    if (tests.length === 0) throw new Error(`--mutate: no test under ${staticDir} imports ${files.join(', ')}`);
    return [{ label: `${area}: ${files.join(', ')}`, area, mutate: files, tests, kept: resolve(OUT, `${area}--${files.map((f) => basename(f, '.ts')).join('+')}.json`) }];
  }
  return (wanted.length > 0 ? wanted : Object.keys(AREAS)).map((area) => ({ label: area, area, mutate: AREAS[area]!, tests: AREA_COUNTS_STATIC[area] === undefined ? AREA_TESTS[area]! : [AREA_COUNTS_STATIC[area]], kept: resolve(OUT, `${area}.json`) }));
}

/** Every kept result, whole areas first (in AREAS order), then single files. */
function keptResults(): { label: string; file: string }[] {
  const present = existsSync(OUT) ? readdirSync(OUT) : [];
  return Object.keys(AREAS).flatMap((area) => [
    { label: area, file: resolve(OUT, `${area}.json`) },
    ...present.filter((f) => f.startsWith(`${area}--`) && f.endsWith('.json') && !f.endsWith('.incremental.json')).sort()
      .map((f) => ({ label: `${area}: ${f.slice(area.length + 2, -'.json'.length).split('+').map((n) => `${n}.ts`).join(', ')} only`, file: resolve(OUT, f) })),
  ]);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const reportOnly = args.includes('--report');
  mkdirSync(OUT, { recursive: true });
  if (!reportOnly) {
    for (const run of runsFor(args)) {
      console.log(`mutation: ${run.label} …`);
      const counted = AREA_COUNTS_STATIC[run.area] !== undefined;
      if (counted) console.log(`  static mutants counted; tests: ${run.tests.join(', ')}`);
      const concurrency = Number(process.env['STRYKER_CONCURRENCY'] ?? 1);
      const stryker = new Stryker({
        mutate: [...run.mutate],
        ...(counted
          ? { testRunner: 'command', coverageAnalysis: 'off', commandRunner: { command: `npx vitest run --config test/vitest.mutation.config.ts ${run.tests.join(' ')}` } }
          : { testFiles: [...run.tests] }),
        incremental: true,
        // the command runner reports one test for the whole command, so Stryker cannot tell which
        // results a changed test file invalidates: a static area tests every mutant again
        force: args.includes('--force') || counted,
        incrementalFile: run.kept.replace(/\.json$/, '.incremental.json'),
        reporters: ['progress'],
        concurrency,
        tempDirName: `.tmp/stryker-${run.area}`,
        ignoreStatic: !counted,
      });
      const results = await stryker.runMutationTest();
      writeFileSync(run.kept, JSON.stringify(results.map(keep), null, 1));
    }
  }
  const all: Kept[] = [];
  const lines: string[] = [];
  for (const { label, file } of keptResults()) {
    if (!existsSync(file)) {
      if (!label.includes(':')) lines.push(`${label.padEnd(8)} not run`);
      continue;
    }
    const rs = JSON.parse(readFileSync(file, 'utf8')) as Kept[];
    // a single file's run counts in the total unless its whole area was run too
    if (!label.includes(':') || !existsSync(resolve(OUT, `${label.split(':')[0]!}.json`))) all.push(...rs);
    const s = score(rs);
    lines.push(`${label.padEnd(8)} ${s.pct.toFixed(1).padStart(5)}%  (${s.detected} detected, ${s.undetected} undetected of ${rs.length} mutants)`);
    const left = rs.filter((r) => UNDETECTED.has(r.status));
    if (left.length > 0) {
      console.log(`\n${label}: ${left.length} undetected mutants`);
      for (const r of left) console.log(`  ${r.status === 'NoCoverage' ? 'no-cover' : 'survived'} ${r.file}:${r.line} ${r.mutator} → ${r.replacement}`);
    }
  }
  const t = score(all);
  console.log('\nmutation score per area');
  for (const l of lines) console.log(`  ${l}`);
  console.log(`  ${'total'.padEnd(8)} ${t.pct.toFixed(1).padStart(5)}%  (${t.detected} detected, ${t.undetected} undetected of ${all.length} mutants)`);
}

await main();
