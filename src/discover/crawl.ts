/**
 * The discovery crawl: probes the seeds, follows the LLDP/CDP neighbours' management addresses
 * breadth-first, and stops at the depth, the device cap and the deadline. Every address passes
 * the allowlist before the transport is asked to open it; nothing else is ever contacted.
 * Effects (the transport, the clock, progress) are injected.
 */
import type { DeviceObservation } from '../collect/observation.js';
import { DEFAULT_COLLECT, collectDevice } from '../collect/snmp/engine.js';
import { PROFILES } from '../collect/snmp/profiles/index.js';
import { targetLabel, type SnmpTarget, type SnmpTransport } from '../collect/snmp/transport.js';
import { valueToText } from '../collect/snmp/decode.js';
import { normalName } from '../snapshot/neighbour-links.js';
import type { Allowlist } from './allowlist.js';
import { addressesByName, readManagementAddresses } from './management-addresses.js';

const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';
const SYS_LOCATION = '1.3.6.1.2.1.1.6.0';

/** An address to probe and how discovery came to it. */
export interface Candidate {
  readonly target: SnmpTarget;
  readonly depth: number;
  /** The sysName of the device whose neighbour table named it (null for a seed). */
  readonly seenBy: string | null;
  /** The name the neighbour table gave it. */
  readonly name: string | null;
}

/** A device that answered. */
export interface DiscoveredDevice {
  readonly target: SnmpTarget;
  readonly depth: number;
  readonly observation: DeviceObservation;
  readonly location: string | null;
  /** Management addresses its neighbours advertised, by normalised neighbour name. */
  readonly neighbourAddresses: ReadonlyMap<string, readonly string[]>;
}

/** Why an allowed candidate was not probed. */
export type NotProbedReason = 'depth' | 'device cap' | 'deadline';

/** What the crawl found and what it left. */
export interface CrawlResult {
  readonly devices: DiscoveredDevice[];
  /** Probed, never answered. */
  readonly silent: Candidate[];
  /** Named by a neighbour table at an address outside the allowlist: never contacted. */
  readonly outside: Candidate[];
  /** Allowed but not probed. */
  readonly notProbed: (Candidate & { readonly reason: NotProbedReason })[];
  /** Neighbours that advertised no management address. */
  readonly noAddress: { readonly name: string; readonly seenBy: string }[];
  /** An address that answered as a device already found at another address. */
  readonly duplicates: { readonly target: SnmpTarget; readonly sameAs: string }[];
}

/** Bounds of one crawl. */
export interface CrawlOptions {
  readonly seeds: readonly SnmpTarget[];
  readonly allow: Allowlist;
  /** The SNMP port of addresses learnt from neighbour tables. */
  readonly port: number;
  readonly maxDepth: number;
  readonly maxDevices: number;
  readonly concurrency: number;
  /** Absolute time (by `now`) after which no probe starts. */
  readonly deadline: number;
}

/** Progress after each probe. */
export interface CrawlProgress {
  readonly probed: number;
  readonly answered: number;
  readonly queued: number;
  readonly current: string;
}

/** The crawl's effects. */
export interface CrawlDeps {
  /** Opens a transport; discovery calls it only for allowed addresses. */
  readonly open: (target: SnmpTarget) => SnmpTransport;
  readonly now: () => number;
  readonly progress?: (p: CrawlProgress) => void;
}

const key = (t: SnmpTarget): string => targetLabel(t);

async function probe(c: Candidate, deps: CrawlDeps, deadline: number): Promise<DiscoveredDevice | null> {
  const transport = deps.open(c.target);
  try {
    let location: string | null = null;
    try {
      const vbs = await transport.get([SYS_OBJECT_ID, SYS_LOCATION]);
      const loc = vbs.find((v) => v.oid.replace(/^\./, '') === SYS_LOCATION)?.value;
      location = loc === undefined || loc === null ? null : valueToText(loc, 'text');
    } catch {
      return null;
    }
    const remaining = Math.max(1000, deadline - deps.now());
    const result = await collectDevice(transport, {
      ...DEFAULT_COLLECT, profiles: PROFILES, pollTimeoutMs: Math.min(30_000, remaining), now: deps.now,
    });
    if (!result.answered) return null;
    const addrs = await readManagementAddresses(transport, deps.now, deps.now() + Math.min(10_000, remaining));
    return { target: c.target, depth: c.depth, observation: result.observation, location, neighbourAddresses: addressesByName(addrs) };
  } finally {
    transport.close();
  }
}

/** Runs the crawl to its end or its bounds. Never throws for device behaviour. */
export async function crawl(opts: CrawlOptions, deps: CrawlDeps): Promise<CrawlResult> {
  const r: CrawlResult = { devices: [], silent: [], outside: [], notProbed: [], noAddress: [], duplicates: [] };
  const seen = new Set<string>();
  const names = new Map<string, string>(); // normalised sysName → label of the device
  let level: Candidate[] = [];
  for (const s of opts.seeds) {
    const c: Candidate = { target: s, depth: 0, seenBy: null, name: null };
    if (!opts.allow.allows(s.host)) r.outside.push(c);
    else if (!seen.has(key(s))) {
      seen.add(key(s));
      level.push(c);
    }
  }
  let reserved = 0;
  let probed = 0;
  while (level.length > 0) {
    const next: Candidate[] = [];
    let cursor = 0;
    const worker = async (): Promise<void> => {
      while (cursor < level.length) {
        const c = level[cursor++]!;
        if (deps.now() >= opts.deadline) {
          r.notProbed.push({ ...c, reason: 'deadline' });
          continue;
        }
        if (reserved >= opts.maxDevices) {
          r.notProbed.push({ ...c, reason: 'device cap' });
          continue;
        }
        if (!opts.allow.allows(c.target.host)) { // the single gate, checked again where the transport is opened
          r.outside.push(c);
          continue;
        }
        reserved++;
        const d = await probe(c, deps, opts.deadline);
        probed++;
        if (d === null) {
          reserved--;
          r.silent.push(c);
        } else {
          const n = normalName(d.observation.system.name ?? key(d.target));
          const same = names.get(n);
          if (same !== undefined) {
            reserved--;
            r.duplicates.push({ target: d.target, sameAs: same });
          } else {
            names.set(n, key(d.target));
            r.devices.push(d);
            const me = d.observation.system.name ?? key(d.target);
            for (const nb of d.observation.neighbors) {
              const addrs = d.neighbourAddresses.get(normalName(nb.remoteName)) ?? [];
              if (addrs.length === 0) {
                r.noAddress.push({ name: nb.remoteName, seenBy: me });
                continue;
              }
              for (const a of addrs) {
                const cand: Candidate = { target: { host: a, port: opts.port }, depth: c.depth + 1, seenBy: me, name: nb.remoteName };
                if (seen.has(key(cand.target))) continue;
                seen.add(key(cand.target));
                if (!opts.allow.allows(a)) r.outside.push(cand);
                else if (cand.depth > opts.maxDepth) r.notProbed.push({ ...cand, reason: 'depth' });
                else next.push(cand);
              }
            }
          }
        }
        deps.progress?.({ probed, answered: r.devices.length, queued: level.length - cursor + next.length, current: key(c.target) });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, level.length)) }, worker));
    level = next;
  }
  // a neighbour with no address that turned out to be found elsewhere is not a gap
  const found = new Set(r.devices.map((d) => normalName(d.observation.system.name ?? '')));
  const stillMissing = r.noAddress.filter((x) => !found.has(normalName(x.name)));
  r.noAddress.length = 0;
  r.noAddress.push(...stillMissing);
  return r;
}
