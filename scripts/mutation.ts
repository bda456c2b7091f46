/**
 * `npm run mutation [-- area …]`: StrykerJS over the pure core, one area at a time, then each
 * area's mutation score, the total and every surviving (or uncovered) mutant, file:line.
 * Areas: engine, profiles (SNMP collection), rules, graph, policy, state. `--report` only re-prints
 * the last results kept in .tmp/mutation/<area>.json without running anything.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import type { MutantResult } from '@stryker-mutator/api/core';

/** The areas of the pure core, each a list of Stryker `mutate` globs. */
export const AREAS: Readonly<Record<string, readonly string[]>> = {
  engine: ['src/collect/snmp/engine.ts'],
  profiles: ['src/collect/snmp/profiles/**/*.ts', '!src/collect/snmp/profiles/**/*.test.ts'],
  rules: ['src/analysis/rules/**/*.ts', '!src/analysis/rules/**/*.test.ts'],
  graph: ['src/analysis/graph/**/*.ts', '!src/analysis/graph/**/*.test.ts'],
  policy: ['src/analysis/policy.ts'],
  state: ['src/state/transitions.ts', 'src/state/core.ts'],
};

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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const reportOnly = args.includes('--report');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((a) => !(a in AREAS));
  if (unknown.length > 0) throw new Error(`unknown area(s) ${unknown.join(', ')}; areas: ${Object.keys(AREAS).join(', ')}`);
  const areas = wanted.length > 0 ? wanted : Object.keys(AREAS);
  mkdirSync(OUT, { recursive: true });
  if (!reportOnly) {
    for (const area of areas) {
      console.log(`mutation: ${area} …`);
      const concurrency = Number(process.env['STRYKER_CONCURRENCY'] ?? 1);
      const stryker = new Stryker({ mutate: [...AREAS[area]!], reporters: ['progress'], concurrency, tempDirName: `.tmp/stryker-${area}` });
      const results = await stryker.runMutationTest();
      writeFileSync(resolve(OUT, `${area}.json`), JSON.stringify(results.map(keep), null, 1));
    }
  }
  const all: Kept[] = [];
  const lines: string[] = [];
  for (const area of Object.keys(AREAS)) {
    const file = resolve(OUT, `${area}.json`);
    if (!existsSync(file)) {
      lines.push(`${area.padEnd(8)} not run`);
      continue;
    }
    const rs = JSON.parse(readFileSync(file, 'utf8')) as Kept[];
    all.push(...rs);
    const s = score(rs);
    lines.push(`${area.padEnd(8)} ${s.pct.toFixed(1).padStart(5)}%  (${s.detected} detected, ${s.undetected} undetected of ${rs.length} mutants)`);
    const left = rs.filter((r) => UNDETECTED.has(r.status));
    if (left.length > 0) {
      console.log(`\n${area}: ${left.length} undetected mutants`);
      for (const r of left) console.log(`  ${r.status === 'NoCoverage' ? 'no-cover' : 'survived'} ${r.file}:${r.line} ${r.mutator} → ${r.replacement}`);
    }
  }
  const t = score(all);
  console.log('\nmutation score per area');
  for (const l of lines) console.log(`  ${l}`);
  console.log(`  ${'total'.padEnd(8)} ${t.pct.toFixed(1).padStart(5)}%  (${t.detected} detected, ${t.undetected} undetected of ${all.length} mutants)`);
}

await main();
