/**
 * Snapshots from short descriptions, for tests and benchmarks of the analysis: an inventory from
 * a plain configuration object (validated like a file, credentials made up), observations with
 * every list defaulted to empty, and store states for a device that answered, failed or went stale.
 */
import { SecretRegistry } from '../../src/common/secrets.js';
import { ConfigError } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { formatPath, validateReferences } from '../../src/config/validate.js';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { buildInventory, type Inventory } from '../../src/inventory/model.js';
import type { DeviceState, HealthState } from '../../src/state/types.js';
import { buildSnapshot, type SnapshotOptions } from '../../src/snapshot/build.js';
import type { Snapshot } from '../../src/snapshot/types.js';

/** An inventory from a configuration object (the shape of redline.yaml); throws ConfigError like a file would. */
export function inventoryFromObject(raw: Record<string, unknown>): Inventory {
  const parsed = configSchema.safeParse({ version: 1, credentials: { c: { version: '2c', community: { env: 'UNUSED' } } }, ...raw });
  if (!parsed.success) throw new ConfigError('inventory', parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  const issues = validateReferences(parsed.data);
  if (issues.length > 0) throw new ConfigError('inventory', issues);
  const credentials = new Map(Object.keys(parsed.data.credentials).map((k) => [k, { version: '2c' as const, community: 'synthetic' }]));
  return buildInventory({
    file: 'inventory', dir: '.', config: parsed.data, credentials, healthHeaders: new Map(), authTokens: [],
    secrets: new SecretRegistry(), stateFile: 'unused.db',
  });
}

/** An observation with everything empty except what `part` gives. */
export function observation(part: Partial<DeviceObservation> = {}): DeviceObservation {
  return {
    target: part.target ?? 'synthetic',
    system: part.system ?? { name: null, descr: null, objectId: null, uptimeSeconds: 1000 },
    profiles: part.profiles ?? [],
    powerSupplies: part.powerSupplies ?? [],
    fans: part.fans ?? [],
    ups: part.ups ?? null,
    dcPower: part.dcPower ?? [],
    siteSensors: part.siteSensors ?? [],
    bgpPeers: part.bgpPeers ?? [],
    ospfNeighbors: part.ospfNeighbors ?? [],
    isisAdjacencies: part.isisAdjacencies ?? [],
    bfdSessions: part.bfdSessions ?? [],
    fhrpGroups: part.fhrpGroups ?? [],
    interfaces: part.interfaces ?? [],
    lagMembers: part.lagMembers ?? [],
    neighbors: part.neighbors ?? [],
    redundancy: part.redundancy ?? [],
    errors: part.errors ?? [],
    // what the device exposes only when the test says (absent: only non-empty tables are known)
    ...(part.exposes !== undefined ? { exposes: part.exposes } : {}),
  };
}

/** A store state: `fresh` answered at `at`; `unreachable` failed its last two polls, `missed-one` its last one; `stale` was last polled long before. */
export function deviceState(deviceId: string, obs: DeviceObservation | null, at: number, how: 'fresh' | 'unreachable' | 'missed-one' | 'stale' = 'fresh'): DeviceState {
  switch (how) {
    case 'fresh':
      return { deviceId, observation: obs, observedAt: at, lastSuccessAt: at, consecutiveFailures: 0, reachable: true, stale: false };
    case 'unreachable':
      return { deviceId, observation: obs, observedAt: at, lastSuccessAt: at - 120_000, consecutiveFailures: 2, reachable: false, stale: false };
    case 'missed-one':
      return { deviceId, observation: obs, observedAt: at, lastSuccessAt: at - 60_000, consecutiveFailures: 1, reachable: false, stale: false };
    case 'stale':
      return { deviceId, observation: obs, observedAt: at - 86_400_000, lastSuccessAt: at - 86_400_000, consecutiveFailures: 0, reachable: true, stale: true };
  }
}

/** A health state at `at`: up, down (with an HTTP status) or stale. */
export function healthState(checkId: string, status: 'up' | 'down' | 'stale', at: number, httpStatus = status === 'down' ? 503 : 200): HealthState {
  const ok = status !== 'down';
  return {
    checkId,
    result: { checkId, at, ok, httpStatus, latencyMs: 5, reasons: ok ? [] : [`status ${httpStatus}`] },
    observedAt: status === 'stale' ? at - 86_400_000 : at,
    lastSuccessAt: ok ? at : null,
    consecutiveFailures: ok ? 0 : 3,
    stale: status === 'stale',
  };
}

/** What `snapshotOf` needs beyond the inventory. */
export interface SyntheticSnapshot {
  readonly now: number;
  /** Devices by id: an observation (fresh), or how the device's data is missing. */
  readonly devices?: Readonly<Record<string, DeviceObservation | 'unreachable' | 'missed-one' | 'stale' | 'never'>>;
  readonly health?: Readonly<Record<string, 'up' | 'down' | 'stale'>>;
  readonly options?: Omit<SnapshotOptions, 'pollIntervalMs'>;
}

/** A snapshot of an inventory at `now` (poll interval 60 s). */
export function snapshotOf(inventory: Inventory, s: SyntheticSnapshot): Snapshot {
  const states: DeviceState[] = [];
  for (const [id, d] of Object.entries(s.devices ?? {})) {
    if (d === 'never') continue;
    if (d === 'unreachable' || d === 'missed-one' || d === 'stale') states.push(deviceState(id, observation(), s.now, d));
    else states.push(deviceState(id, d, s.now - 1000));
  }
  const health = Object.entries(s.health ?? {}).map(([id, st]) => healthState(id, st, s.now - 1000));
  return buildSnapshot(inventory, states, health, s.now, { pollIntervalMs: 60_000, ...s.options });
}
