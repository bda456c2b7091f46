/**
 * Wording and small helpers the rule families share: why a device's data is unknown, the names
 * of shared-risk and power-element kinds in both languages, lists.
 */
import type { Bilingual, Evidence } from '../finding.js';
import { fact } from '../finding.js';
import type { ProtectionClass } from '../../config/schema.js';
import type { DeviceSnapshot, HealthSnapshot, Snapshot } from '../../snapshot/types.js';
import { COMMON_WORDS as W } from './common-words.js';
import { DEFAULT_TIME_ZONE, formatTime } from './words.js';

/** `a, b and c` / `a、b 和 c` (now in words.ts, re-exported for the families that import it from here). */
export { list } from './words.js';

/** Why a device has no usable observation, in both languages (times in `zone`, zone named). */
export function whyUnknown(s: DeviceSnapshot, zone: string = DEFAULT_TIME_ZONE): Bilingual {
  switch (s.status) {
    case 'fresh':
      return W.fresh();
    case 'unreachable':
      return W.unreachable(s.consecutiveFailures);
    case 'stale':
      return s.observedAt === null ? W.notPolledRecently() : W.stale(formatTime(s.observedAt, zone));
    case 'never':
      return W.never();
    case 'unmonitored':
      return W.unmonitored();
  }
}

/** The evidence of a device's data status. */
export function statusEvidence(s: DeviceSnapshot): Evidence {
  return fact(`${s.id} data`, s.status, s.lastPollAt);
}

/** Names of shared-risk kinds (inventory `risks[].kind` and room-like groups). */
export const RISK_KIND_NAMES: Readonly<Record<string, Bilingual>> = {
  duct: { en: 'duct', zh: '管道' },
  cable: { en: 'cable', zh: '光缆' },
  poleRoute: { en: 'pole route', zh: '杆路' },
  bridge: { en: 'bridge crossing', zh: '桥梁' },
  trench: { en: 'trench', zh: '沟槽' },
  buildingEntrance: { en: 'building entrance', zh: '进局口' },
  room: { en: 'room', zh: '机房' },
  panel: { en: 'distribution panel', zh: '配电屏' },
  pdu: { en: 'PDU', zh: 'PDU' },
  ups: { en: 'UPS', zh: 'UPS' },
  provider: { en: 'carrier', zh: '承载运营商' },
};

/** Names of power-element kinds. */
export const POWER_KIND_NAMES: Readonly<Record<string, Bilingual>> = {
  mains: { en: 'mains feed', zh: '市电' },
  generator: { en: 'generator', zh: '油机' },
  ats: { en: 'ATS', zh: 'ATS' },
  panel: { en: 'distribution panel', zh: '配电屏' },
  ups: { en: 'UPS', zh: 'UPS' },
  rectifier: { en: 'rectifier system', zh: '整流系统' },
  battery: { en: 'battery string', zh: '蓄电池组' },
  pdu: { en: 'PDU', zh: 'PDU' },
};

/** A shared risk `kind:id` in words: `duct D-7` / `管道 D-7`. */
export function riskWords(group: string): Bilingual {
  const colon = group.indexOf(':');
  const kind = colon < 0 ? '' : group.slice(0, colon);
  const id = colon < 0 ? group : group.slice(colon + 1);
  const n = RISK_KIND_NAMES[kind];
  return n === undefined ? { en: group, zh: group } : { en: `${n.en} ${id}`, zh: `${n.zh} ${id}` };
}

/** The health checks standing for a device (the service's own first, then any other). */
export function healthFor(snapshot: Snapshot, deviceId: string, serviceChecks: readonly string[] = []): HealthSnapshot[] {
  const own = serviceChecks.map((id) => snapshot.health.get(id)).filter((h): h is HealthSnapshot => h !== undefined && h.check.standsFor?.device === deviceId);
  if (own.length > 0) return own;
  return [...snapshot.health.values()].filter((h) => h.check.standsFor?.device === deviceId);
}

/** Whether an instance (a device, through its health checks or its SNMP answers) is up now. */
export interface InstanceState {
  readonly id: string;
  readonly status: 'up' | 'down' | 'unknown' | 'unmonitored';
  readonly why: Bilingual;
  readonly evidence: readonly Evidence[];
}

/**
 * The state of one instance of a redundant function: health checks first, SNMP reachability
 * otherwise. A device that missed fewer than `downAfterMissedPolls` polls in a row is unknown,
 * not down: one lost UDP exchange is not an outage.
 */
export function instanceState(snapshot: Snapshot, deviceId: string, serviceChecks: readonly string[] = [], downAfterMissedPolls = 2, zone: string = DEFAULT_TIME_ZONE): InstanceState {
  const checks = healthFor(snapshot, deviceId, serviceChecks);
  const site = snapshot.inventory.devices.get(deviceId)?.site ?? '?';
  if (checks.length > 0) {
    const evidence = checks.map((h) => fact(`health check ${h.id}`, h.status === 'down' && h.httpStatus !== null ? `down (HTTP ${h.httpStatus})` : h.status, h.at));
    const down = checks.find((h) => h.status === 'down');
    if (down !== undefined) return { id: deviceId, status: 'down', evidence, why: W.healthDown(deviceId, site, down.id, down.httpStatus) };
    if (checks.every((h) => h.status === 'up')) return { id: deviceId, status: 'up', evidence, why: W.up(deviceId) };
    return { id: deviceId, status: 'unknown', evidence, why: W.healthStale(deviceId) };
  }
  const s = snapshot.devices.get(deviceId);
  if (s === undefined) return { id: deviceId, status: 'unknown', evidence: [], why: W.notInInventory(deviceId) };
  const evidence = [statusEvidence(s)];
  switch (s.status) {
    case 'fresh':
      return { id: deviceId, status: 'up', evidence, why: W.up(deviceId) };
    case 'unreachable':
      return { id: deviceId, status: s.consecutiveFailures >= downAfterMissedPolls ? 'down' : 'unknown', evidence, why: W.unreachableAt(deviceId, site, whyUnknown(s, zone)) };
    case 'unmonitored':
      return { id: deviceId, status: 'unmonitored', evidence, why: W.notMonitored(deviceId) };
    case 'stale':
    case 'never':
      return { id: deviceId, status: 'unknown', evidence, why: W.deviceWhy(deviceId, whyUnknown(s, zone)) };
  }
}

/** A set of devices that stand in for each other (a redundancy pair, a service's instances). */
export interface RedundancySet {
  readonly kind: 'pair' | 'service';
  readonly id: string;
  readonly members: readonly string[];
  /** Health checks that stand for the members. */
  readonly checks: readonly string[];
  /** The class of the service, when the set is (or matches) one. */
  readonly serviceClass?: ProtectionClass;
}

/**
 * The redundancy sets of the NODE rules: every redundancy pair, and every service whose
 * endpoints are not exactly a pair (a service that is a pair lends the pair its health checks
 * and class, so the two never report the same thing twice).
 */
export function redundancySets(snapshot: Snapshot, pairs: readonly (readonly [string, string])[]): RedundancySet[] {
  const pairKeys = new Set(pairs.map((p) => p.join('+')));
  const lent = new Map<string, { checks: readonly string[]; cls: ProtectionClass }>();
  const out: RedundancySet[] = [];
  for (const svc of snapshot.inventory.services.values()) {
    const members = [...new Set(svc.endpoints)].sort();
    const key = members.join('+');
    if (members.length === 2 && pairKeys.has(key)) lent.set(key, { checks: svc.health, cls: svc.class });
    else out.push({ kind: 'service', id: svc.id, members, checks: svc.health, serviceClass: svc.class });
  }
  return [
    ...pairs.map((p): RedundancySet => {
      const l = lent.get(p.join('+'));
      return { kind: 'pair', id: p.join('+'), members: p, checks: l?.checks ?? [], ...(l !== undefined ? { serviceClass: l.cls } : {}) };
    }),
    ...out,
  ];
}

/**
 * The class of a redundancy set: a service's declared class (a pair that is a service takes the
 * more critical of the service's and its members' classes); a bare pair, its members' classes.
 */
export function setClass(snapshot: Snapshot, higher: (a: ProtectionClass, b: ProtectionClass) => ProtectionClass, set: RedundancySet): ProtectionClass {
  if (set.kind === 'service' && set.serviceClass !== undefined) return set.serviceClass;
  let cls: ProtectionClass | undefined = set.serviceClass;
  for (const m of set.members) {
    const c = snapshot.inventory.devices.get(m)?.class;
    if (c !== undefined) cls = cls === undefined ? c : higher(cls, c);
  }
  return cls ?? 'PC-ACC';
}

/** The sites of a set's members, sorted. */
export function setSites(snapshot: Snapshot, set: RedundancySet): string[] {
  return [...new Set(set.members.map((m) => snapshot.inventory.devices.get(m)?.site).filter((s): s is string => s !== undefined))].sort();
}

/** A monitored device a rule applies to, with its latest observation. */
export interface AnsweringDevice {
  readonly s: DeviceSnapshot;
  readonly d: DeviceSnapshot['device'];
  readonly sites: string[];
  readonly o: NonNullable<DeviceSnapshot['observation']>;
}

/**
 * The monitored devices whose class and site the rule covers, each with its observation; a
 * device that has not answered is skipped as no data ("device not answering: <what>").
 */
export function* answeringDevices(ctx: { readonly snapshot: Snapshot; applies(cls: ProtectionClass, sites: readonly (string | null)[]): boolean; skip(reason: string): void }, what: string): Generator<AnsweringDevice> {
  for (const s of ctx.snapshot.devices.values()) {
    const d = s.device;
    const sites = [d.site];
    if (s.status === 'unmonitored' || !ctx.applies(d.class, sites)) continue;
    const o = s.observation;
    if (o === null) {
      ctx.skip(`device not answering: ${what}`);
      continue;
    }
    yield { s, d, sites, o };
  }
}
