/**
 * Cluster benchmark (prints figures; not a test): polls per minute of the single-process daemon
 * on SQLite (`redline run`, role all) and of one and of two `--role poller` processes on
 * PostgreSQL, over the same fleet of simulated devices (bench/fleet-agent.ts, its own process).
 * The fleet is more than the processes can poll in the interval, so the rate measured is their
 * capacity; also the CPU they used (redline_process_cpu_seconds_total), hence polls per minute
 * per core, and the PostgreSQL rows written per second (poll_result).
 *
 *   npx tsx bench/cluster-bench.ts [devices=2000] [windowSeconds=30]   (needs `npm run build`; PostgreSQL at REDLINE_TEST_PG_URL or 127.0.0.1:5432)
 *
 * The agent, the pollers and PostgreSQL share this machine's cores: on a 2-core machine the
 * two-poller figure is bounded by the machine, not by the protocol.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { REPO_ROOT } from '../test/support/shared.js';

const devices = Number(process.argv[2] ?? '2000');
const windowSeconds = Number(process.argv[3] ?? '30');
const PG_URL = process.env['REDLINE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const agent = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fleet-agent.ts'), String(devices)], { stdio: ['pipe', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve, reject) => {
  createInterface({ input: agent.stdout }).once('line', (l) => { resolve(Number(l)); });
  agent.once('exit', (c) => { reject(new Error(`agent exited ${String(c)}`)); });
});

const dir = mkdtempSync(join(tmpdir(), 'redline-cluster-bench-'));
const communities = join(dir, 'communities');
mkdirSync(communities, { mode: 0o700 });
const lines = ['version: 1', 'settings:', '  listen: 127.0.0.1:0', '  logLevel: error', '  poll: { intervalSeconds: 5, jitterSeconds: 5 }', '  snmpDefaults: { timeoutMs: 1000, retries: 0 }', '  auth: { enabled: false }', 'credentials:'];
for (let k = 0; k < devices; k++) {
  writeFileSync(join(communities, `d${k}`), `fleet-${k}\n`, { mode: 0o600 });
  lines.push(`  c${k}: { version: 2c, community: { file: ${JSON.stringify(join(communities, `d${k}`))} } }`);
}
lines.push('sites:', '  - { id: s, class: PC-AGG }', 'devices:');
for (let k = 0; k < devices; k++) lines.push(`  - { id: d${k}, site: s, role: edge, snmp: { host: 127.0.0.1, port: ${port}, credentials: c${k} } }`);
writeFileSync(join(dir, 'redline.yaml'), `${lines.join('\n')}\n`);
/** The same configuration with the cluster's PostgreSQL (settings.store.postgres) in `schema`. */
const clusterConfig = (schema: string): string => {
  const file = join(dir, `${schema}.yaml`);
  writeFileSync(file, `${lines.join('\n').replace('\nsettings:\n', `\nsettings:\n  store: { postgres: { url: { env: REDLINE_BENCH_PG_URL }, schema: ${schema} } }\n`)}\n`);
  return file;
};

interface Proc { readonly child: ChildProcess; readonly base: Promise<string> }
const start = (config: string, args: readonly string[], env: Record<string, string> = {}): Proc => {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'redline.js'), 'run', '--config', config, '--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  const base = new Promise<string>((resolve, reject) => {
    const seen = (d: Buffer): void => {
      out = (out + d.toString()).slice(-4000);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m !== null) resolve(m[1]!);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', () => { reject(new Error(`exited: ${out}`)); });
  });
  base.catch(() => undefined);
  return { child, base };
};
const stop = async (p: Proc): Promise<void> => {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await exited;
};

/** Polls done and CPU seconds used so far, from a process's /metrics. */
async function counters(base: string): Promise<{ polls: number; cpu: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let polls = 0;
  for (const m of text.matchAll(/^redline_polls_total\{[^}]*\} (\S+)/gm)) polls += Number(m[1]);
  const cpu = Number(/^redline_process_process_cpu_seconds_total(?:\{[^}]*\})? (\S+)/m.exec(text)?.[1] ?? 'NaN');
  return { polls, cpu };
}

interface Figure { readonly label: string; readonly pollsPerMinute: number; readonly cores: number; readonly pgRowsPerSecond: number | null }

async function measure(label: string, procs: readonly Proc[], rows: (() => Promise<number>) | null): Promise<Figure> {
  const bases = await Promise.all(procs.map((p) => p.base));
  await delay(10_000); // warm-up: leases settle, the first burst passes
  const sum = async (): Promise<{ polls: number; cpu: number; rows: number }> => {
    const c = await Promise.all(bases.map(counters));
    return { polls: c.reduce((n, x) => n + x.polls, 0), cpu: c.reduce((n, x) => n + x.cpu, 0), rows: rows === null ? 0 : await rows() };
  };
  const a = await sum();
  const t0 = performance.now();
  await delay(windowSeconds * 1000);
  const b = await sum();
  const s = (performance.now() - t0) / 1000;
  return { label, pollsPerMinute: ((b.polls - a.polls) / s) * 60, cores: (b.cpu - a.cpu) / s, pgRowsPerSecond: rows === null ? null : (b.rows - a.rows) / s };
}

const figures: Figure[] = [];
try {
  const single = start(dir, ['--state-file', join(dir, 'single.db')]);
  try { figures.push(await measure('single process, SQLite', [single], null)); } finally { await stop(single); }
  for (const n of [1, 2]) {
    const schema = `redline_bench_${process.pid}_${n}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const env = { REDLINE_BENCH_PG_URL: PG_URL };
      const config = clusterConfig(schema);
      const pollers = Array.from({ length: n }, (_, k) => start(config, ['--role', 'poller', '--instance', `p${k + 1}`, '--state-file', join(dir, `${schema}-p${k + 1}.db`)], env));
      try {
        figures.push(await measure(`${n} poller${n > 1 ? 's' : ''}, PostgreSQL`, pollers, async () => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.poll_result`)).rows[0]!.n)));
      } finally { await Promise.all(pollers.map(stop)); }
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
} finally {
  agent.stdin.end();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`fleet: ${devices} simulated devices (50 interfaces, 30 entity rows, 5 BGP peers each), interval 5 s, window ${windowSeconds} s`);
for (const f of figures) {
  const perCore = f.cores > 0 ? Math.round(f.pollsPerMinute / f.cores) : NaN;
  console.log(`${f.label.padEnd(26)} ${Math.round(f.pollsPerMinute).toString().padStart(7)} devices/min  ${f.cores.toFixed(2)} cores  ${String(perCore).padStart(7)} devices/min per core${f.pgRowsPerSecond === null ? '' : `  ${Math.round(f.pgRowsPerSecond)} PostgreSQL rows/s`}`);
}
