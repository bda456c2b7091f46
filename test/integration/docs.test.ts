/**
 * The operations guide's commands are run as written: every fenced block marked `sh test` in
 * docs/*.md, in order, in one shell in a fresh directory, with `redline` standing for the built
 * CLI. The rule catalogue names every registered rule as evaluated and no other.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/analysis/rules/index.js';
import { ensureBuilt } from '../support/cli.js';
import { REPO_ROOT } from '../support/shared.js';

const DOCS = join(REPO_ROOT, 'docs');

/** Fenced blocks of a Markdown text whose info string is `info`. */
function blocks(markdown: string, info: RegExp): string[] {
  const out: string[] = [];
  const re = /^```([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(markdown); m !== null; m = re.exec(markdown)) if (info.test(m[1]!.trim())) out.push(m[2]!);
  return out;
}

describe('docs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-docs-'));
  beforeAll(ensureBuilt, 240_000);
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
  const guides = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();

  it('runs every `sh test` block of the guides, in order, as written', () => {
    const tested = guides.flatMap((g) => blocks(readFileSync(join(DOCS, g), 'utf8'), /^sh test$/));
    expect(tested.length).toBeGreaterThanOrEqual(4);
    cpSync(join(DOCS, 'examples'), join(dir, 'docs', 'examples'), { recursive: true });
    const script = [
      'set -euo pipefail',
      `redline() { node ${JSON.stringify(join(REPO_ROOT, 'bin', 'redline.js'))} "$@"; }`,
      ...tested.map((b, k) => `echo "--- block ${k + 1}"\n${b}`),
    ].join('\n');
    const env = { ...process.env };
    delete env.REDLINE_SNMP_COMMUNITY;
    const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
    expect(r.stderr.split('\n').filter((l) => /error|problem|unknown/i.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`--- block ${tested.length}`);
    expect(r.stdout).toMatch(/my-network\/redline\.yaml: ok — 2 sites, 3 devices, 3 links, 6 power elements/);
    expect(r.stdout).toContain('riskGroup  duct:D-1');
  }, 180_000);

  it('uses only commands redline has', () => {
    const usage = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'redline.js'), 'help'], { encoding: 'utf8' }).stdout;
    const commands = new Set([...usage.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!));
    for (const g of guides) {
      for (const b of blocks(readFileSync(join(DOCS, g), 'utf8'), /^sh( test)?$/)) {
        for (const m of b.matchAll(/(?:^|[;&|]\s*|\s)redline ([a-z][a-z-]*)/gm)) expect(commands, `${g}: redline ${m[1]!}`).toContain(m[1]!);
      }
    }
  });

  it('lists every rule once, the registered ones as evaluated and no other', () => {
    const text = readFileSync(join(DOCS, 'rule-catalogue.md'), 'utf8');
    const rows = [...text.matchAll(/^\| ([A-Z]{2,5}-\d{3}[a-z]?) \|.*\| (evaluated|not yet) \|$/gm)].map((m) => [m[1]!, m[2]!] as const);
    const ids = rows.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows.filter(([, s]) => s === 'evaluated').map(([id]) => id).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(ids.length).toBe(50); // the 43 of the reference catalogue, PWR-001b, RTE-001a, TOPO-001..003 and OPS-003..004
  });
});
