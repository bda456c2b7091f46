/**
 * Assembles the snapshot: the inventory, the store's latest device and health states, judged
 * against `now` (time is an argument; nothing here reads a clock, a file or the network).
 */
import type { Inventory } from '../inventory/model.js';
import type { DeviceState, HealthState } from '../state/types.js';
import { matchTopology } from './neighbour-links.js';
import type { DeviceSnapshot, DeviceStatus, EvidenceInput, HealthSnapshot, LoadInput, Snapshot } from './types.js';

/** How staleness is judged, and the optional inputs. */
export interface SnapshotOptions {
  /** The poll interval (ms): with `staleAfterMissed`, a device not polled for that long is stale. */
  readonly pollIntervalMs?: number;
  /** Missed intervals after which state is stale (default 3, as the store). */
  readonly staleAfterMissed?: number;
  /** The interval (ms) of each health check, for its staleness; default `pollIntervalMs`. */
  readonly healthIntervalMs?: (checkId: string) => number | undefined;
  /**
   * How long ago (ms, monotonic) each device's and check's latest result arrived, when the daemon
   * knows: used instead of `now - observedAt`, so a step of the wall clock changes no staleness.
   */
  readonly receivedAgoMs?: { readonly device: (id: string) => number | undefined; readonly health: (id: string) => number | undefined };
  /** When each UPS's output source last changed, by device id (from the store's transitions). */
  readonly upsOutputSince?: ReadonlyMap<string, number>;
  readonly load?: LoadInput;
  readonly evidence?: EvidenceInput;
}

const DEFAULT_STALE_AFTER_MISSED = 3;

function deviceStatus(state: DeviceState | undefined, monitored: boolean, now: number, opts: SnapshotOptions): DeviceStatus {
  if (!monitored && state === undefined) return 'unmonitored';
  if (state === undefined) return 'never';
  const missed = opts.staleAfterMissed ?? DEFAULT_STALE_AFTER_MISSED;
  const interval = opts.pollIntervalMs;
  // no poll attempt for too long: nothing recent is known, answered or not
  if (interval !== undefined && (opts.receivedAgoMs?.device(state.deviceId) ?? now - state.observedAt) > missed * interval) return 'stale';
  if (!state.reachable) return state.lastSuccessAt === null ? 'never' : 'unreachable';
  if (state.observation === null) return 'never';
  // without an interval, the store's own judgement (made with its clock) stands
  if (interval === undefined && state.stale) return 'stale';
  return 'fresh';
}

/** The whole network at `now`, from the inventory and the store's latest states. */
export function buildSnapshot(
  inventory: Inventory,
  states: readonly DeviceState[],
  health: readonly HealthState[],
  now: number,
  opts: SnapshotOptions = {},
): Snapshot {
  const stateOf = new Map(states.map((s) => [s.deviceId, s]));
  const devices = new Map<string, DeviceSnapshot>();
  for (const d of inventory.devices.values()) {
    const st = stateOf.get(d.id);
    const status = deviceStatus(st, d.poll !== undefined, now, opts);
    const since = opts.upsOutputSince?.get(d.id);
    devices.set(d.id, {
      id: d.id,
      device: d,
      status,
      observation: status === 'fresh' ? st?.observation ?? null : null,
      observedAt: st?.lastSuccessAt ?? null,
      lastPollAt: st?.observedAt ?? null,
      consecutiveFailures: st?.consecutiveFailures ?? 0,
      ...(since !== undefined ? { upsOutputSince: since } : {}),
    });
  }

  const healthOf = new Map(health.map((h) => [h.checkId, h]));
  const missed = opts.staleAfterMissed ?? DEFAULT_STALE_AFTER_MISSED;
  const checks = new Map<string, HealthSnapshot>();
  for (const check of inventory.health.values()) {
    const h = healthOf.get(check.id);
    const every = opts.healthIntervalMs?.(check.id) ?? opts.pollIntervalMs;
    let status: HealthSnapshot['status'];
    if (h === undefined) status = 'never';
    else if (h.stale || (every !== undefined && (opts.receivedAgoMs?.health(check.id) ?? now - h.observedAt) > missed * every)) status = 'stale';
    else status = h.result.ok ? 'up' : 'down';
    checks.set(check.id, {
      id: check.id,
      check,
      status,
      at: h?.result.at ?? null,
      httpStatus: h?.result.httpStatus ?? null,
      reasons: h?.result.reasons ?? [],
    });
  }

  const topo = matchTopology(inventory, devices);
  return {
    at: now,
    inventory,
    devices,
    health: checks,
    links: topo.links,
    discovered: topo.discovered,
    neighbourSpeakers: topo.speakers,
    ...(opts.load !== undefined ? { load: opts.load } : {}),
    evidence: opts.evidence ?? {},
  };
}
