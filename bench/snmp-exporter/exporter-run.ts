/**
 * Runs Debian's prometheus-snmp-exporter beside the fleet benchmark: builds its per-device
 * configuration from the committed module, starts it on a free loopback port, scrapes every
 * fleet device through it and reads its CPU time from /proc, so that redline's CPU per
 * device-poll is compared with a measured figure.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseYaml } from 'yaml';

/** The module of `snmp.yml` every device's module merges. */
export const SAME_MODULE = 'redline_same';

/** The exporter binary: Debian's package name, or SNMP_EXPORTER_BIN. */
export const EXPORTER_BIN = process.env['SNMP_EXPORTER_BIN'] ?? 'prometheus-snmp-exporter';

/** The exporter's version line, or null when the binary is not installed. */
export function exporterVersion(bin: string = EXPORTER_BIN): string | null {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined) return null;
  return `${r.stdout}${r.stderr}`.split('\n')[0]?.trim() ?? '';
}

/** The module name the exporter is asked for when scraping the fleet's device `k`. */
export function deviceModule(k: number): string {
  return `${SAME_MODULE}_${k}`;
}

/**
 * A value in YAML flow style: JSON, except that integer mapping keys stay unquoted, because
 * snmp_exporter's `enum_values` are keyed by integers and a quoted key would not load.
 */
function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${/^\d+$/.test(k) ? k : JSON.stringify(k)}: ${flowYaml(v)}`);
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The exporter configuration for a fleet: one module per community, each the committed
 * `redline_same` module with that community as its auth (snmp_exporter 0.21 has no `auths`
 * section; a module carries its own community). Written out in full per device: the
 * exporter's YAML parser refuses thousands of aliases to one anchor as excessive aliasing.
 */
export function fleetExporterConfig(committedYaml: string, communities: readonly string[]): string {
  const doc: unknown = parseYaml(committedYaml);
  const module = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)[SAME_MODULE] : undefined;
  if (typeof module !== 'object' || module === null || !Array.isArray((module as Record<string, unknown>)['metrics'])) {
    throw new Error(`snmp_exporter config: no module "${SAME_MODULE}" with a metrics list`);
  }
  // The committed module's example auth is replaced per device.
  const shared = flowYaml(Object.fromEntries(Object.entries(module).filter(([key]) => key !== 'auth'))).slice(1, -1);
  return communities.map((community, k) => `${deviceModule(k)}: {${shared}, auth: {community: ${JSON.stringify(community)}}}\n`).join('');
}

/**
 * Checks that the exporter loads `configPath` (its --dry-run), before any measurement is made;
 * throws with the exporter's own error otherwise.
 */
export function checkExporterConfig(configPath: string, bin: string = EXPORTER_BIN): void {
  const r = spawnSync(bin, [`--config.file=${configPath}`, '--dry-run'], { encoding: 'utf8' });
  if (r.status !== 0) {
    const log = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-2).map((l) => l.slice(0, 400));
    throw new Error(`snmp_exporter does not load the fleet config (exit ${r.status ?? r.signal ?? '?'}):\n${log.join('\n')}`);
  }
}

/** A running exporter: its process id, base URL and a way to stop it. */
export interface RunningExporter {
  readonly pid: number;
  readonly baseUrl: string;
  /** Stops the exporter (SIGTERM to its own pid) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts the exporter with `configPath` on 127.0.0.1, a free port; resolves once it listens. */
export async function startExporter(configPath: string, bin: string = EXPORTER_BIN): Promise<RunningExporter> {
  const child: ChildProcess = spawn(bin, [`--config.file=${configPath}`, '--web.listen-address=127.0.0.1:0', '--log.level=info'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const { stderr } = child;
  if (stderr === null) throw new Error('snmp_exporter started without a log pipe');
  const log: string[] = [];
  const address = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: stderr });
    rl.on('line', (line) => {
      log.push(line);
      const m = /msg="Listening on" address=(\S+)/.exec(line);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.once('error', reject);
    child.once('exit', (code) => { reject(new Error(`snmp_exporter exited ${code} before listening:\n${log.slice(-3).map((l) => l.slice(0, 400)).join('\n')}`)); });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('snmp_exporter started without a pid');
  return {
    pid,
    baseUrl: `http://${address}`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', () => { resolve(); });
      process.kill(pid, 'SIGTERM');
    }),
  };
}

/** Clock ticks per second of /proc's CPU times, asked of the system once, when first needed. */
let clockTicksPerSecond: number | null = null;

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    throw new Error(`process ${pid} is no longer running: its CPU time cannot be read (did the exporter crash on its config?)`);
  }
  // Fields after the command name (which may hold spaces) start at field 3; utime, stime are 14, 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return (ticks / clockTicksPerSecond) * 1000;
}

/** One round of scrapes: how many answered with data, and the exporter's own SNMP counts. */
export interface ScrapeRound {
  readonly ok: number;
  readonly failed: number;
  readonly varbinds: number;
  readonly packets: number;
}

/** The value of an unlabelled sample `name` in a Prometheus text exposition, or null. */
export function sampleValue(exposition: string, name: string): number | null {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(exposition);
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** Scrapes device modules 0..n-1 at `target` through the exporter, `concurrency` at a time. */
export async function scrapeFleet(exporter: RunningExporter, target: string, n: number, concurrency: number): Promise<ScrapeRound> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let varbinds = 0;
  let packets = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const k = next++;
      const res = await fetch(`${exporter.baseUrl}/snmp?target=${encodeURIComponent(target)}&module=${deviceModule(k)}`).catch(() => null);
      // No answer at all (the exporter closed the connection or died) is a failed scrape too.
      const body = res === null ? '' : await res.text();
      if (res === null) { failed++; continue; }
      const returned = sampleValue(body, 'snmp_scrape_pdus_returned');
      // A device the exporter could not walk answers 200 without data: count it as failed.
      if (res.status !== 200 || returned === null || returned === 0) { failed++; continue; }
      ok++;
      varbinds += returned;
      packets += sampleValue(body, 'snmp_scrape_packets_sent') ?? 0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return { ok, failed, varbinds, packets };
}
