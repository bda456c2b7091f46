/**
 * Wording and small helpers the rule families share: why a device's data is unknown, the names
 * of shared-risk and power-element kinds in both languages, lists.
 */
import type { Bilingual, Evidence } from '../finding.js';
import { fact } from '../finding.js';
import type { ProtectionClass } from '../../config/schema.js';
import type { DeviceSnapshot, HealthSnapshot, Snapshot } from '../../snapshot/types.js';

/** `a, b and c` / `a、b 和 c`. */
export function list(items: readonly string[], max = 5): Bilingual {
  const shown = items.length > max ? [...items.slice(0, max), `… (+${items.length - max})`] : [...items];
  if (shown.length <= 1) return { en: shown[0] ?? '', zh: shown[0] ?? '' };
  return { en: `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`, zh: `${shown.slice(0, -1).join('、')} 和 ${shown.at(-1)!}` };
}

/** Why a device has no usable observation, in both languages. */
export function whyUnknown(s: DeviceSnapshot): Bilingual {
  const last = s.observedAt === null ? null : new Date(s.observedAt).toISOString();
  switch (s.status) {
    case 'fresh':
      return { en: 'its data is fresh', zh: '数据为最新' };
    case 'unreachable':
      return { en: `it has not answered SNMP for ${s.consecutiveFailures} poll(s)`, zh: `已连续 ${s.consecutiveFailures} 次未响应 SNMP 轮询` };
    case 'stale':
      return last === null
        ? { en: 'it has not been polled recently', zh: '近期未被轮询' }
        : { en: `its data is stale (last answer ${last})`, zh: `数据已过期（最后一次响应于 ${last}）` };
    case 'never':
      return { en: 'it has never answered a poll', zh: '从未响应轮询' };
    case 'unmonitored':
      return { en: 'it is not monitored (no SNMP target)', zh: '未纳入监测（无 SNMP 目标）' };
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
export function instanceState(snapshot: Snapshot, deviceId: string, serviceChecks: readonly string[] = [], downAfterMissedPolls = 2): InstanceState {
  const checks = healthFor(snapshot, deviceId, serviceChecks);
  const site = snapshot.inventory.devices.get(deviceId)?.site ?? '?';
  if (checks.length > 0) {
    const evidence = checks.map((h) => fact(`health check ${h.id}`, h.status === 'down' && h.httpStatus !== null ? `down (HTTP ${h.httpStatus})` : h.status, h.at));
    const down = checks.find((h) => h.status === 'down');
    if (down !== undefined) {
      const http = down.httpStatus === null ? '' : ` (HTTP ${down.httpStatus})`;
      return { id: deviceId, status: 'down', evidence, why: { en: `${deviceId} (site ${site}) fails its health check ${down.id}${http}`, zh: `${deviceId}（站点 ${site}）健康检查 ${down.id} 失败${http === '' ? '' : `（HTTP ${down.httpStatus}）`}` } };
    }
    if (checks.every((h) => h.status === 'up')) return { id: deviceId, status: 'up', evidence, why: { en: `${deviceId} is up`, zh: `${deviceId} 运行正常` } };
    return { id: deviceId, status: 'unknown', evidence, why: { en: `${deviceId}: its health checks have no fresh result`, zh: `${deviceId}：健康检查无最新结果` } };
  }
  const s = snapshot.devices.get(deviceId);
  if (s === undefined) return { id: deviceId, status: 'unknown', evidence: [], why: { en: `${deviceId} is not in the inventory`, zh: `${deviceId} 不在资源清单中` } };
  const evidence = [statusEvidence(s)];
  switch (s.status) {
    case 'fresh':
      return { id: deviceId, status: 'up', evidence, why: { en: `${deviceId} is up`, zh: `${deviceId} 运行正常` } };
    case 'unreachable': {
      const w = whyUnknown(s);
      const status = s.consecutiveFailures >= downAfterMissedPolls ? 'down' : 'unknown';
      return { id: deviceId, status, evidence, why: { en: `${deviceId} (site ${site}): ${w.en}`, zh: `${deviceId}（站点 ${site}）${w.zh}` } };
    }
    case 'unmonitored':
      return { id: deviceId, status: 'unmonitored', evidence, why: { en: `${deviceId} is not monitored`, zh: `${deviceId} 未纳入监测` } };
    case 'stale':
    case 'never': {
      const w = whyUnknown(s);
      return { id: deviceId, status: 'unknown', evidence, why: { en: `${deviceId}: ${w.en}`, zh: `${deviceId}：${w.zh}` } };
    }
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
