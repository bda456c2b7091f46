/**
 * Real Prometheus for tests: Debian's `prometheus` started on a free loopback port with a temp
 * storage directory and the repository's own scrape config and alert rules (config/prometheus/),
 * retargeted at a daemon the test runs; its HTTP API queried as Grafana or a NOC engineer would.
 * Also the demo daemon on free ports (a copy of config/demo with every fixed port replaced), so
 * that tests of other helpers running the demo at the same moment do not collide with this one.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { freeTcpPort, freeUdpPort, haveCommand, startProcess, stopProcess } from './processes.js';
import { REPO_ROOT } from './shared.js';

/** The folder of the shipped Prometheus configuration. */
export const PROMETHEUS_CONFIG_DIR = join(REPO_ROOT, 'config', 'prometheus');

/** Whether Debian's prometheus and promtool are installed. */
export function havePrometheus(): boolean {
  return haveCommand('prometheus') && haveCommand('promtool');
}

/** Runs promtool with `args` from `cwd`; returns its exit code and combined output. */
export function promtool(args: readonly string[], cwd = PROMETHEUS_CONFIG_DIR): { code: number | null; output: string } {
  const r = spawnSync('promtool', [...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

/** One alerting rule of the shipped rule files, as Prometheus will load it. */
export interface AlertRuleSpec {
  readonly group: string;
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
}

/** The alerting rules in config/prometheus/rules/*.yml, in file order. */
export function shippedAlertRules(dir = join(PROMETHEUS_CONFIG_DIR, 'rules')): AlertRuleSpec[] {
  const rules: AlertRuleSpec[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml')).sort()) {
    const doc = parse(readFileSync(join(dir, file), 'utf8')) as { groups: { name: string; rules: { alert?: string; expr: string; for?: string }[] }[] };
    for (const g of doc.groups) {
      for (const r of g.rules) {
        if (r.alert !== undefined) rules.push({ group: g.name, alert: r.alert, expr: r.expr, ...(r.for !== undefined ? { for: r.for } : {}) });
      }
    }
  }
  return rules;
}

/** A Prometheus server the test started. */
export interface RunningPrometheus {
  readonly base: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Options for {@link startPrometheus}. */
export interface PrometheusOptions {
  /** host:port targets of the `redline` job. */
  readonly targets: readonly string[];
  /** Scrape and rule evaluation interval (the test's, not the shipped 30s). */
  readonly interval: string;
  /**
   * Rewrites each alert's `for:` hold (e.g. to 0s, so a test need not wait minutes); the
   * expressions, labels and annotations stay as shipped. Undefined keeps the shipped holds.
   */
  readonly holdFor?: string;
}

/**
 * Starts Debian's prometheus on the shipped prometheus.yml and rules, with the redline job
 * pointed at `targets`, on a free 127.0.0.1 port and a temp storage dir; waits until /-/ready.
 */
export async function startPrometheus(opts: PrometheusOptions): Promise<RunningPrometheus> {
  let last: unknown;
  // the free port can be taken between probe and bind by another run on the machine: retry twice
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startPrometheusOnce(opts);
    } catch (err) {
      last = err;
      if (!String(err).includes('exited early')) throw err;
    }
  }
  throw last;
}

async function startPrometheusOnce(opts: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-prometheus-'));
  const rulesDir = join(dir, 'rules');
  mkdirSync(rulesDir);
  for (const file of readdirSync(join(PROMETHEUS_CONFIG_DIR, 'rules')).filter((f) => f.endsWith('.yml'))) {
    const doc = parse(readFileSync(join(PROMETHEUS_CONFIG_DIR, 'rules', file), 'utf8')) as { groups: { rules: Record<string, unknown>[] }[] };
    if (opts.holdFor !== undefined) for (const g of doc.groups) for (const r of g.rules) if ('alert' in r) r['for'] = opts.holdFor;
    writeFileSync(join(rulesDir, file), stringify(doc));
  }
  const config = parse(readFileSync(join(PROMETHEUS_CONFIG_DIR, 'prometheus.yml'), 'utf8')) as {
    global: Record<string, unknown>;
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  };
  config.global['scrape_interval'] = opts.interval;
  config.global['evaluation_interval'] = opts.interval;
  const job = config.scrape_configs.find((j) => j.job_name === 'redline');
  if (job === undefined) throw new Error('config/prometheus/prometheus.yml has no job_name: redline');
  job.static_configs = [{ targets: [...opts.targets] }];
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));

  const port = await freeTcpPort();
  const base = `http://127.0.0.1:${port}`;
  const { child, output } = startProcess('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`prometheus at ${base}`, child, output, async () => (await fetch(`${base}/-/ready`)).status === 200);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, output, stop };
}

/** One series of an instant query's answer. */
export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** Runs an instant query through /api/v1/query; throws with Prometheus' own error when it does not parse or fails. */
export async function instantQuery(base: string, query: string): Promise<PromSample[]> {
  const res = await fetch(`${base}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query }) });
  const body = (await res.json()) as { status: string; error?: string; data?: { resultType: string; result: PromSample[] } };
  if (body.status !== 'success' || body.data === undefined) throw new Error(`query ${query} failed (${res.status}): ${body.error ?? 'no data'}`);
  if (body.data.resultType !== 'vector') throw new Error(`query ${query} answered a ${body.data.resultType}, not a vector`);
  return body.data.result;
}

/** One alert as /api/v1/alerts lists it. */
export interface PromAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: 'pending' | 'firing' | 'inactive';
}

/** The alerts Prometheus holds now (pending and firing). */
export async function activeAlerts(base: string): Promise<PromAlert[]> {
  const body = (await (await fetch(`${base}/api/v1/alerts`)).json()) as { data: { alerts: PromAlert[] } };
  return body.data.alerts;
}

/** Polls `check` until it holds; the bound only stops a hang, and the error carries the process output. */
export async function waitFor(what: string, child: ChildProcess, output: () => string, check: () => Promise<boolean>, boundMs = 90_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited early: ${output()}`);
    try {
      if (await check()) return;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} never got there: ${output()}`);
}

/** The demo daemon the test started, on free ports. */
export interface RunningDemo {
  /** host:port of its API and /metrics. */
  readonly address: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Distinct free ports: a port released by one probe can be handed out again by the next. */
async function distinctPorts(count: number, probe: () => Promise<number>, taken: Set<number>): Promise<number[]> {
  const out: number[] = [];
  while (out.length < count) {
    const port = await probe();
    if (taken.has(port)) continue;
    taken.add(port);
    out.push(port);
  }
  return out;
}

/** One attempt at the demo on free ports; rejects when it exits before it is ready. */
async function startDemoOnce(pollSeconds: number): Promise<RunningDemo> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-prom-demo-'));
  let yaml = readFileSync(join(REPO_ROOT, 'config', 'demo', 'redline.yaml'), 'utf8');
  const snmpPorts = [...new Set([...yaml.matchAll(/port: (\d+), credentials/g)].map((m) => m[1]!))];
  // a changed layout of the demo config must not leave the test on the demo's fixed ports
  if (snmpPorts.length === 0) throw new Error('config/demo/redline.yaml: no `port: N, credentials` found to move to a free port');
  const httpPorts = [...new Set([...yaml.matchAll(/127\.0\.0\.1:(\d+)\//g)].map((m) => m[1]!))];
  const taken = new Set<number>();
  const udp = await distinctPorts(snmpPorts.length, freeUdpPort, new Set());
  const [api, ...http] = await distinctPorts(httpPorts.length + 1, freeTcpPort, taken);
  // placeholders first, so that a new port equal to a later old one is not replaced twice
  snmpPorts.forEach((p, k) => { yaml = yaml.replaceAll(`port: ${p}, credentials`, `port: @udp${k}@, credentials`); });
  httpPorts.forEach((p, k) => { yaml = yaml.replaceAll(`127.0.0.1:${p}/`, `127.0.0.1:@tcp${k}@/`); });
  yaml = yaml.replace(/@udp(\d+)@/g, (_m, k: string) => String(udp[Number(k)])).replace(/@tcp(\d+)@/g, (_m, k: string) => String(http[Number(k)]));
  yaml = yaml.replace(/intervalSeconds: \d+/g, `intervalSeconds: ${pollSeconds}`).replace(/jitterSeconds: \d+/, 'jitterSeconds: 0');
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 'redline.yaml'), yaml);
  const address = `127.0.0.1:${api!}`;
  const { child, output } = startProcess(process.execPath, [
    join(REPO_ROOT, 'bin', 'redline.js'), 'demo', '--config', join(dir, 'config'), '--listen', address, '--state-file', join(dir, 'state.db'),
  ]);
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`redline demo at ${address}`, child, output, async () => (await fetch(`http://${address}/readyz`)).status === 200);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, child, output, stop };
}

/**
 * Starts `redline demo` on a copy of config/demo whose simulated devices, health endpoints and
 * API listen on free loopback ports (the shipped demo uses fixed ones), with polls every
 * `pollSeconds`; waits until /readyz answers 200. A free port can be taken by another process
 * between probe and bind (other test runs share the machine), so an attempt that exits early
 * is retried twice with new ports; the last error is thrown with the demo's output.
 */
export async function startDemoOnFreePorts(pollSeconds: number): Promise<RunningDemo> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startDemoOnce(pollSeconds);
    } catch (err) {
      last = err;
      if (!String(err).includes('exited early')) throw err;
    }
  }
  throw last;
}
