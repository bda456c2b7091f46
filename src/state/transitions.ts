/**
 * What changed between two polls that a NOC cares about (pure). An observation is reduced to a
 * map of stable subjects (`psu:psu-507`, `bgp:|10.0.0.1`, `if:12` ...) to a state word; two maps
 * are diffed into transitions. Counters and uptime are not subjects; an uptime that went
 * backwards (other than the 497-day sysUpTime wrap) is a `reboot` transition.
 */
import { createHash } from 'node:crypto';
import type { DeviceObservation } from '../collect/observation.js';
import type { HealthResult, HealthStatus, HealthTransition, Transition } from './types.js';

/** The state of one subject; `adminDown` marks an interface or peer an operator shut. */
export interface SubjectState {
  readonly value: string;
  readonly adminDown: boolean;
}

/** Subject → state, in a stable order. */
export type SubjectStates = ReadonlyMap<string, SubjectState>;

/** One change of one subject, before it is given a device and a time. */
export interface SubjectChange {
  readonly subject: string;
  readonly from: string | null;
  readonly to: string;
  readonly adminDown: boolean;
}

/** The `to` of a subject that a complete poll no longer reports. */
export const GONE = 'gone';
/** The state of an LLDP/CDP neighbour that is seen. */
export const PRESENT = 'present';

/** sysUpTime is TimeTicks (1/100 s, 32 bits): it wraps after about 497 days. */
export const UPTIME_WRAP_SECONDS = 2 ** 32 / 100;

/**
 * Older stored observations may predate fields added to the contract later (e.g.
 * `isisAdjacencies`, `bfdSessions`); a missing list reads as empty.
 */
function list<T>(value: readonly T[] | undefined): readonly T[] {
  return value ?? [];
}

/** The subjects of an observation and their states. */
export function observationSubjects(obs: DeviceObservation): Map<string, SubjectState> {
  const out = new Map<string, SubjectState>();
  const put = (subject: string, value: string, adminDown = false): void => {
    out.set(subject, { value, adminDown });
  };
  for (const c of list(obs.powerSupplies)) put(`psu:${c.id}`, c.status);
  for (const c of list(obs.fans)) put(`fan:${c.id}`, c.status);
  if (obs.ups !== null) {
    put('ups:output', obs.ups.outputSource);
    put('ups:battery', obs.ups.batteryStatus);
  }
  for (const p of list(obs.bgpPeers)) put(`bgp:${p.vrf ?? ''}|${p.peer}`, p.state, p.adminStatus === 'down');
  for (const n of list(obs.ospfNeighbors)) put(`ospf:${n.neighborId}|${n.address}`, n.state);
  for (const a of list(obs.isisAdjacencies)) put(`isis:${a.interface}|${a.neighborId}`, a.state);
  for (const b of list(obs.bfdSessions)) put(`bfd:${b.interface ?? ''}|${b.neighbor}`, b.state, b.state === 'adminDown');
  for (const g of list(obs.fhrpGroups)) put(`fhrp:${g.protocol}|${g.interface}|${g.group}`, g.role);
  for (const i of list(obs.interfaces)) put(`if:${i.index}`, i.operStatus, i.adminStatus === 'down');
  for (const m of list(obs.lagMembers)) put(`lag:${m.aggregate}|${m.member}`, m.inBundle ? 'in-bundle' : 'out-of-bundle');
  for (const n of list(obs.neighbors)) put(`${n.protocol}:${n.localPort}|${n.remoteName}|${n.remotePort}`, PRESENT);
  for (const r of list(obs.redundancy)) put(`redundancy:${r.subject}`, r.state);
  return out;
}

/**
 * Diffs two subject maps. A subject missing from `next` is `gone` only when the poll was
 * `complete` (no collection errors): a walk that timed out is not evidence that a PSU left, so
 * the subject keeps its previous state in `merged` and no transition is made.
 */
export function diffSubjects(prev: SubjectStates | null, next: SubjectStates, complete: boolean): { changes: SubjectChange[]; merged: Map<string, SubjectState> } {
  const changes: SubjectChange[] = [];
  const merged = new Map(next);
  for (const [subject, n] of next) {
    const p = prev?.get(subject);
    if (p === undefined) changes.push({ subject, from: null, to: n.value, adminDown: n.adminDown });
    else if (p.value !== n.value) changes.push({ subject, from: p.value, to: n.value, adminDown: p.adminDown || n.adminDown });
  }
  if (prev !== null) {
    for (const [subject, p] of prev) {
      if (next.has(subject)) continue;
      if (complete) changes.push({ subject, from: p.value, to: GONE, adminDown: p.adminDown });
      else merged.set(subject, p);
    }
  }
  return { changes, merged };
}

/** A drop of uptime this small is measurement noise (an agent unwrapping sysUpTime slightly differently), not a restart. */
const UPTIME_JITTER_SECONDS = 5;

/**
 * Whether uptime going from `prevUptime` (seen at `prevAt` ms) to `nextUptime` (at `at` ms) means
 * the device (or its agent) restarted. A drop is not a restart when the 32-bit sysUpTime wrap
 * (or a poll that could not unwrap it) explains it: `prev + elapsed` then lands on `next` after
 * subtracting a whole number (≥ 1) of wraps, within 2 minutes of poll timing plus 1% of the
 * elapsed time. Without `prevAt`, a forward distance (modulo the wrap) of at most a day counts as a wrap.
 */
export function isReboot(prevUptime: number, nextUptime: number, prevAt: number | null, at: number): boolean {
  if (prevUptime - nextUptime <= UPTIME_JITTER_SECONDS) return false;
  if (prevAt === null) {
    const forward = (((nextUptime - prevUptime) % UPTIME_WRAP_SECONDS) + UPTIME_WRAP_SECONDS) % UPTIME_WRAP_SECONDS;
    return forward > 86_400;
  }
  const elapsed = Math.max(0, (at - prevAt) / 1000);
  const wraps = Math.round((prevUptime + elapsed - nextUptime) / UPTIME_WRAP_SECONDS);
  if (wraps < 1) return true;
  return Math.abs(prevUptime + elapsed - wraps * UPTIME_WRAP_SECONDS - nextUptime) > 120 + elapsed * 0.01;
}

/** The `reboot` change between two uptimes, or null. Its from/to are the uptimes in whole seconds. */
export function rebootChange(prevUptime: number | null, nextUptime: number | null, prevAt: number | null, at: number): SubjectChange | null {
  if (prevUptime === null || nextUptime === null || !isReboot(prevUptime, nextUptime, prevAt, at)) return null;
  return { subject: 'reboot', from: String(Math.round(prevUptime)), to: String(Math.round(nextUptime)), adminDown: false };
}

/** Gives a change its device and time. */
export function toTransition(deviceId: string, at: number, c: SubjectChange): Transition {
  return { deviceId, at, subject: c.subject, from: c.from, to: c.to, ...(c.adminDown ? { adminDown: true as const } : {}) };
}

/** Optional context of `diffObservations`. */
export interface DiffContext {
  /** The device the transitions belong to; defaults to the observation's target. */
  readonly deviceId?: string;
  /** When `prev` was observed (ms): tells a reboot from the sysUpTime wrap. */
  readonly prevAt?: number;
}

/**
 * The transitions from `prev` to `next` (every subject from null when `prev` is null), including a
 * reboot when uptime went backwards. Reachability is not in an observation: the store adds it.
 */
export function diffObservations(prev: DeviceObservation | null, next: DeviceObservation, at: number, ctx: DiffContext = {}): Transition[] {
  const deviceId = ctx.deviceId ?? next.target;
  const out: Transition[] = [];
  if (prev !== null) {
    const reboot = rebootChange(prev.system.uptimeSeconds, next.system.uptimeSeconds, ctx.prevAt ?? null, at);
    if (reboot !== null) out.push(toTransition(deviceId, at, reboot));
  }
  const { changes } = diffSubjects(prev === null ? null : observationSubjects(prev), observationSubjects(next), list(next.errors).length === 0);
  for (const c of changes) out.push(toTransition(deviceId, at, c));
  return out;
}

/** A health result's status word. */
export function healthStatus(r: HealthResult): HealthStatus {
  return r.ok ? 'up' : 'down';
}

/** The up/down transition from `prev` to `next` (from null for a first result); empty when unchanged. */
export function diffHealth(prev: HealthResult | null, next: HealthResult): HealthTransition[] {
  const to = healthStatus(next);
  const from = prev === null ? null : healthStatus(prev);
  if (from === to) return [];
  return [{ checkId: next.checkId, at: next.at, from, to, reasons: [...next.reasons] }];
}

/** The observation as JSON without its uptime (null): what the store writes, and what `stableDigest` hashes. */
export function stableJson(obs: DeviceObservation): string {
  return JSON.stringify({ ...obs, system: { ...obs.system, uptimeSeconds: null } });
}

/**
 * A digest of the part of an observation that changes only when something a NOC could care
 * about changes (everything but uptime): equal digests mean no subject changed.
 */
export function stableDigest(obs: DeviceObservation, json: string = stableJson(obs)): string {
  return createHash('sha1').update(json).digest('base64');
}
