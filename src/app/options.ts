/** How the running configuration turns into the settings of the daemon's parts (pure). */
import { resolve } from 'node:path';
import type { Policy } from '../analysis/policy.js';
import { PROFILES } from '../collect/snmp/profiles/index.js';
import type { Profile } from '../collect/snmp/profiles/types.js';
import { loadUserProfiles, mergeProfiles } from '../collect/snmp/user-profiles.js';
import { ConfigError, pgUrlSecrets, type LoadedConfig } from '../config/load.js';
import type { Inventory } from '../inventory/model.js';
import type { SchedulerOptions } from '../runtime/scheduler.js';

/** The configuration in force: the file as loaded, its policy and the inventory built from it. */
export interface Running {
  readonly loaded: LoadedConfig;
  readonly policy: Policy;
  /** The policy's text and file, for the analysis worker (which parses the same text again). */
  readonly policyText: { readonly text: string; readonly source: string };
  readonly inventory: Inventory;
  /** The SNMP profiles in force: the built-ins with settings.profileDirs merged in. */
  readonly profiles: readonly Profile[];
}

/** `host:port` (or `[v6]:port`) of `--listen` / settings.listen. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(text);
  if (m === null) throw new ConfigError('--listen', [{ path: 'listen', message: 'expected host:port' }]);
  return { host: m[1]!, port: Number(m[2]) };
}

/** The device poll scheduler's settings; `monotonicNow` is its clock. */
export function pollSchedulerOptions(loaded: LoadedConfig, monotonicNow: () => number): SchedulerOptions {
  const p = loaded.config.settings.poll;
  return {
    intervalMs: p.intervalSeconds * 1000,
    jitterMs: (p.jitterSeconds ?? p.intervalSeconds * 0.5) * 1000,
    concurrency: p.concurrency,
    deadlineFraction: p.deadlineFraction,
    profileIntervals: Object.fromEntries(Object.entries(p.profileIntervals).map(([k, v]) => [k, v * 1000])),
    now: monotonicNow,
  };
}

/** A health check's interval in ms: its own `intervalSeconds`, else settings.health's. */
export function healthIntervalMs(running: Running, checkId: string): number {
  return (running.inventory.health.get(checkId)?.intervalSeconds ?? running.loaded.config.settings.health.intervalSeconds) * 1000;
}

/** The health-check scheduler's settings: each check at its own interval. */
export function healthSchedulerOptions(running: Running, monotonicNow: () => number): SchedulerOptions {
  const h = running.loaded.config.settings.health;
  return {
    intervalMs: h.intervalSeconds * 1000,
    jitterMs: h.intervalSeconds * 500,
    concurrency: h.concurrency,
    deadlineFraction: 0.9,
    profileIntervals: {},
    intervalOf: (id) => healthIntervalMs(running, id),
    now: monotonicNow,
  };
}

/** The devices the poll scheduler polls (those with an SNMP target). */
export function pollableDevices(inv: Inventory): string[] {
  return [...inv.devices.values()].filter((d) => d.poll !== undefined).map((d) => d.id);
}


/** The built-in profiles with the operator's (settings.profileDirs) merged in; a broken one stops the start, naming every problem. */
export function profilesOf(loaded: LoadedConfig): readonly Profile[] {
  const dirs = loaded.config.settings.profileDirs.map((d) => resolve(loaded.dir, d));
  if (dirs.length === 0) return PROFILES;
  const { profiles, issues } = loadUserProfiles(dirs);
  if (issues.length > 0) throw new ConfigError(loaded.file, issues.map((i) => ({ path: `settings.profileDirs: ${i.file}: ${i.path}`, message: i.message })));
  return mergeProfiles(PROFILES, profiles);
}

/** Every secret a configuration carries (SNMP communities and keys, health-check headers, API tokens, the PostgreSQL URL and password), for the log scrubber. */
export function configSecrets(l: LoadedConfig): string[] {
  const out: (string | undefined)[] = [];
  for (const c of l.credentials.values()) {
    if (c.version === '3') out.push(c.authKey, c.privKey);
    else out.push(c.community);
  }
  for (const h of l.healthHeaders.values()) out.push(...Object.values(h));
  for (const t of l.authTokens) out.push(t.token);
  if (l.postgres !== undefined) out.push(...pgUrlSecrets(l.postgres.url));
  return out.filter((v): v is string => v !== undefined);
}
