/**
 * Throughput and CPU cost of HTTP health checks against a local server, printed as figures
 * (never a timed test). The server runs in a child process so that the CPU time measured here
 * is the checker's alone: Node's fetch, the judgment and the body read.
 *
 *   npx tsx bench/http-health-bench.ts [checks-per-scenario]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { SecretRegistry } from '../src/common/secrets.js';
import { runHealthCheck, type HealthCheckSpec } from '../src/collect/http/health.js';

const SERVER = `
const http = require('node:http');
const ok = JSON.stringify({ status: 'UP', sites: [{ name: 'a', active: true }, { name: 'b', active: true }] });
const big = Buffer.alloc(1024 * 1024, 'a');
http.createServer((req, res) => {
  if (req.url === '/big') { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(big); return; }
  res.writeHead(200, { 'content-type': 'application/json' }); res.end(ok);
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
`;

interface Scenario {
  readonly name: string;
  readonly path: string;
  readonly concurrency: number;
  readonly spec: Partial<HealthCheckSpec>;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'status only, 1 at a time', path: '/ok', concurrency: 1, spec: {} },
  { name: 'status only, 32 in flight', path: '/ok', concurrency: 32, spec: {} },
  { name: 'JSON path, 32 in flight', path: '/ok', concurrency: 32, spec: { expectBody: { jsonPath: { path: '$.sites[1].active', equals: true } } } },
  { name: 'regex on 1 MB body (64 KiB read), 8 in flight', path: '/big', concurrency: 8, spec: { expectBody: { matches: '^a{1000}' } } },
];

/** Bare fetch of the same URL, body cancelled: the floor the checker's own cost sits on. */
async function bareFetch(url: string): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => { controller.abort(); }, 5000);
  try {
    const res = await fetch(url, { redirect: 'manual', signal: controller.signal });
    void res.body?.cancel().catch(() => undefined);
    return res.status === 200;
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const checks = Number(process.argv[2] ?? 2000);
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    const base = `http://127.0.0.1:${line.trim()}`;
    const secrets = new SecretRegistry();
    console.log(`node ${process.version}, ${checks} checks per scenario against ${base} (server in child pid ${String(server.pid)})`);
    console.log('scenario                                          checks/s   CPU µs/check   failed');
    const measure = async (name: string, concurrency: number, one: () => Promise<boolean>): Promise<void> => {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const failed = await run(one, checks, concurrency);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const perCheck = (cpu.user + cpu.system) / checks;
      console.log(`${name.padEnd(48)} ${(checks / seconds).toFixed(0).padStart(9)} ${perCheck.toFixed(0).padStart(14)} ${String(failed).padStart(8)}`);
    };
    const runs: [string, number, () => Promise<boolean>][] = [
      ['baseline: bare fetch, 1 at a time', 1, () => bareFetch(`${base}/ok`)],
      ['baseline: bare fetch, 32 in flight', 32, () => bareFetch(`${base}/ok`)],
      ...SCENARIOS.map((s): [string, number, () => Promise<boolean>] => {
        const spec: HealthCheckSpec = { id: 'bench', url: `${base}${s.path}`, timeoutMs: 5000, headers: { authorization: 'Bearer bench-token' }, ...s.spec };
        return [s.name, s.concurrency, async () => (await runHealthCheck(spec, { now: () => Date.now(), secrets })).ok];
      }),
    ];
    // warm every path first (JIT, undici's pools), so the order of the rows does not bias them
    for (const [, concurrency, one] of runs) await run(one, Math.min(500, checks), concurrency);
    for (const [name, concurrency, one] of runs) await measure(name, concurrency, one);
  } finally {
    server.kill('SIGTERM');
  }
}

/** Runs `one` `n` times with at most `concurrency` in flight; returns how many failed. */
async function run(one: () => Promise<boolean>, n: number, concurrency: number): Promise<number> {
  let started = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (started < n) {
      started++;
      if (!(await one())) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failed;
}

await main();
