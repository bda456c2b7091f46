/**
 * `npm run eight-mutations [-- id …] [--json] [--no-baseline]`: the eight wrong answers issue #16
 * named, each applied by hand to a temporary copy of the checkout (never to the checkout), with
 * the tests that should notice run against it; prints which tests fail. A mutation no test
 * notices "survives" and the script exits 1.
 *
 * The copy holds the files git knows (tracked and new, not ignored) and links node_modules; dist/
 * is not copied, so the tests named here must not need the built CLI. The recordings test reads
 * ../shared through REDLINE_SHARED_DIR and skips without it (then only the unit tests count). A
 * baseline run of every named test on the unmutated copy comes first: a test that fails there
 * would be counted for every mutation.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT, SHARED_DIR } from '../test/support/shared.js';

/** One hand-made mutation: `from` replaced by `to` in `file` (every occurrence; at least one must exist). */
export interface Mutation {
  readonly id: string;
  readonly what: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  /** Test files (repository paths) expected to notice it. */
  readonly tests: readonly string[];
}

const RECORDINGS = 'test/integration/recordings.test.ts';

export const MUTATIONS: readonly Mutation[] = [
  {
    id: 'pwr004-runtime', what: 'PWR-004: runtime exactly at the minimum counts as short (`<` → `<=`)',
    file: 'src/analysis/rules/pwr.ts', from: '} else if (u.minutesRemaining < min) {', to: '} else if (u.minutesRemaining <= min) {',
    tests: ['src/analysis/rules/pwr.test.ts', 'test/rules/thresholds.test.ts'],
  },
  {
    id: 'pwr005-grace', what: 'PWR-005: exactly at the grace period still degraded (`<` → `<=`)',
    file: 'src/analysis/rules/pwr.ts', from: 'mins !== null && mins < graceMinutes', to: 'mins !== null && mins <= graceMinutes',
    tests: ['src/analysis/rules/pwr.test.ts', 'test/rules/thresholds.test.ts'],
  },
  {
    id: 'load001-headroom', what: 'LOAD-001: a member exactly at the N-1 limit counts as over (`>` → `>=`)',
    file: 'src/analysis/rules/load.ts', from: 'l.utilisation !== null && l.utilisation > limit', to: 'l.utilisation !== null && l.utilisation >= limit',
    tests: ['src/analysis/rules/load.test.ts', 'test/rules/thresholds.test.ts'],
  },
  {
    id: 'envmon-empty-bay', what: 'CISCO-ENVMON-MIB: an empty bay (notPresent 5) read as ok',
    file: 'src/collect/snmp/profiles/cisco-envmon.ts', from: "5: 'absent'", to: "5: 'ok'",
    tests: ['src/collect/snmp/profiles/cisco-envmon.test.ts', RECORDINGS],
  },
  {
    id: 'h3c-power-bay', what: 'HH3C-LswDEVM-MIB: an empty power bay (not-install 3) read as ok',
    file: 'src/collect/snmp/profiles/hh3c-lswdevm.ts',
    from: "rows: 'powerStatus', status: { column: 'powerStatus', map: DEVM_STATUS }", to: "rows: 'powerStatus', status: { column: 'powerStatus', map: { ...DEVM_STATUS, 3: 'ok' } }",
    tests: ['src/collect/snmp/profiles/hh3c-lswdevm.test.ts', RECORDINGS],
  },
  {
    id: 'ok-outranks-failed', what: 'two MIBs on one unit: ok outranks failed',
    file: 'src/collect/snmp/extract.ts', from: '{ failed: 3, ok: 2, absent: 1, unknown: 0 }', to: '{ failed: 2, ok: 3, absent: 1, unknown: 0 }',
    tests: ['src/collect/snmp/engine.test.ts', RECORDINGS],
  },
  {
    id: 'interface-count', what: 'IF-MIB: interfaces keyed on the 64-bit counters, so those without them are not listed',
    file: 'src/collect/snmp/profiles/if-mib.ts', from: "kind: 'interfaces',\n      rows: 'oper',", to: "kind: 'interfaces',\n      rows: 'hcInOctets',",
    tests: ['src/collect/snmp/profiles/if-mib.test.ts', RECORDINGS],
  },
  {
    id: 'ups-missing', what: 'UPS: a UPS read through one MIB only gives no reading (the agreement once read that as output "none")',
    file: 'src/collect/snmp/kinds/ups.ts', from: 'if (readings.length === 0) return null;', to: 'if (readings.length <= 1) return null;',
    tests: ['src/collect/snmp/profiles/ups-mib.test.ts', RECORDINGS],
  },
];

/** What one vitest run over `tests` reported. */
interface RunResult {
  readonly failed: readonly string[];
  readonly passed: number;
  readonly skipped: number;
  /** Vitest's own error when it reported nothing (a copy that does not load). */
  readonly error: string | null;
}

interface VitestJson {
  testResults?: { name: string; message?: string; assertionResults?: { status: string; fullName: string }[] }[];
}

function copyCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'redline-mutations-'));
  const ls = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (ls.status !== 0) throw new Error(`git ls-files failed: ${ls.stderr}`);
  for (const f of ls.stdout.split('\0')) {
    if (f === '' || !existsSync(join(REPO_ROOT, f))) continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(REPO_ROOT, f), join(dir, f));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function runTests(dir: string, tests: readonly string[]): RunResult {
  const out = join(dir, '.tmp', `vitest-${Date.now()}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=json', `--outputFile=${out}`, ...tests], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, REDLINE_SHARED_DIR: SHARED_DIR }, maxBuffer: 64 * 1024 * 1024,
  });
  if (!existsSync(out)) return { failed: [], passed: 0, skipped: 0, error: `vitest wrote no report (exit ${r.status}): ${(r.stderr || r.stdout).slice(-2000)}` };
  const j = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
  const failed: string[] = [];
  let passed = 0;
  let skipped = 0;
  for (const f of j.testResults ?? []) {
    const file = f.name.startsWith(dir) ? f.name.slice(dir.length + 1) : f.name;
    const tests = f.assertionResults ?? [];
    // a file that failed to load (or failed in a hook) reports no failed test of its own
    if (tests.length === 0 && f.message) failed.push(`${file}: ${f.message.split('\n')[0]}`);
    for (const t of tests) {
      if (t.status === 'failed') failed.push(`${file} › ${t.fullName}`);
      else if (t.status === 'passed') passed++;
      else skipped++;
    }
  }
  return { failed, passed, skipped, error: null };
}

/** Applies `m` to the copy in `dir`; returns the file's original text (to restore). */
function apply(dir: string, m: Mutation): string {
  const file = join(dir, m.file);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(m.from)) throw new Error(`${m.id}: "${m.from}" is not in ${m.file} any more; update the mutation to the code as it is`);
  writeFileSync(file, text.replaceAll(m.from, m.to));
  return text;
}

function main(argv: readonly string[]): number {
  const json = argv.includes('--json');
  const baseline = !argv.includes('--no-baseline');
  const ids = argv.filter((a) => !a.startsWith('--'));
  const unknown = ids.filter((id) => !MUTATIONS.some((m) => m.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`eight-mutations: no mutation ${unknown.join(', ')}; known: ${MUTATIONS.map((m) => m.id).join(', ')}\n`);
    return 2;
  }
  const chosen = ids.length === 0 ? MUTATIONS : MUTATIONS.filter((m) => ids.includes(m.id));
  const progress = (line: string): void => { if (process.stderr.isTTY && !json) process.stderr.write(`\r\x1b[K${line}`); };
  if (!existsSync(SHARED_DIR)) process.stderr.write(`eight-mutations: ${SHARED_DIR} is missing: ${RECORDINGS} skips, only the unit tests count\n`);
  const dir = copyCheckout();
  try {
    if (baseline) {
      const all = [...new Set(chosen.flatMap((m) => m.tests))];
      progress(`baseline: ${all.length} test files on the unmutated copy …`);
      const b = runTests(dir, all);
      if (b.error !== null || b.failed.length > 0) {
        progress('');
        process.stderr.write(`eight-mutations: the unmutated copy does not pass; nothing can be attributed:\n${b.error ?? b.failed.join('\n')}\n`);
        return 1;
      }
    }
    const results: { m: Mutation; r: RunResult }[] = [];
    for (const [k, m] of chosen.entries()) {
      progress(`mutation ${k + 1}/${chosen.length}: ${m.id} …`);
      const original = apply(dir, m);
      try {
        results.push({ m, r: runTests(dir, m.tests) });
      } finally {
        writeFileSync(join(dir, m.file), original);
      }
    }
    progress('');
    const survived = results.filter(({ r }) => r.error !== null || r.failed.length === 0);
    if (json) {
      process.stdout.write(`${JSON.stringify(results.map(({ m, r }) => ({ id: m.id, what: m.what, file: m.file, tests: m.tests, ...r })), null, 2)}\n`);
    } else {
      for (const { m, r } of results) {
        const verdict = r.error !== null ? `ERROR ${r.error}` : r.failed.length === 0 ? `SURVIVED (${r.passed} passed, ${r.skipped} skipped)` : `killed by ${r.failed.length} failing test(s)`;
        process.stdout.write(`${m.id}: ${m.what}\n  ${m.file}; tests: ${m.tests.join(', ')}\n  ${verdict}\n`);
        for (const f of r.failed) process.stdout.write(`    ✗ ${f}\n`);
      }
      process.stdout.write(`eight-mutations: ${results.length - survived.length} of ${results.length} killed${survived.length > 0 ? `; survived: ${survived.map(({ m }) => m.id).join(', ')}` : ''}\n`);
    }
    return survived.length === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
