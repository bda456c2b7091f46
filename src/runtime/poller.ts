/**
 * One device poll as the daemon runs it: open a transport, run the profile engine within the
 * deadline, carry over the fields of profiles not due this cycle, store the result, and count it
 * ok or unanswered only once it is stored (`unrecorded` when the store refused it); with a
 * write-behind sink, once the batch holding it is written.
 */
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { SecretRegistry } from '../common/secrets.js';
import type { DeviceObservation } from '../collect/observation.js';
import { fieldsOfProfile } from '../collect/observation-fields.js';
import { DEFAULT_COLLECT, collectDevice, type CollectResult, type InterfaceCounters } from '../collect/snmp/engine.js';
import { kindOf, type ObservationField } from '../collect/snmp/kinds/index.js';
import type { Profile } from '../collect/snmp/profiles/types.js';
import { openSnmpTransport, type SnmpCredentials, type SnmpTarget, type SnmpTransport, type TransportOptions } from '../collect/snmp/transport.js';
import type { Device } from '../inventory/model.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import type { PollRunner } from './scheduler.js';

/** Where poll results go (the state store). */
export interface PollSink {
  /**
   * Stores one poll (at once, or resolving once a write-behind batch holding it is written);
   * throws or rejects when the store cannot (the poll is then counted `unrecorded`).
   */
  recordDevicePoll(deviceId: string, at: number, result: { answered: boolean; observation: DeviceObservation }): readonly { subject: string }[] | Promise<readonly { subject: string }[]>;
  previousObservation(deviceId: string): DeviceObservation | null;
  /** Octet counters of the device's load-sharing members (LAG members), for utilisation. */
  recordCounters?(deviceId: string, at: number, observation: DeviceObservation, counters: readonly InterfaceCounters[]): void;
}

/** Opens transports; injected so tests and the benchmark can count or replace them. */
export type TransportFactory = (target: SnmpTarget, creds: SnmpCredentials, opts: TransportOptions, secrets: SecretRegistry) => SnmpTransport;

/** What the poller needs. `device` looks a device up in the current inventory (it changes on reload). */
export interface PollerDeps {
  readonly device: (id: string) => Device | undefined;
  readonly profiles: readonly Profile[];
  readonly sink: PollSink;
  readonly metrics: RedlineMetrics;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  /** Wall time (ms since the epoch): when a poll is stored as having happened. */
  readonly now: () => number;
  /** Monotonic time (ms) for deadlines and durations; default `performance.now`. */
  readonly monotonicNow?: () => number;
  readonly openTransport?: TransportFactory;
}

type Field = ObservationField;

/**
 * Fields that a poll skipping `skipped` profiles cannot vouch for: a field is fresh only when
 * every profile that feeds it was polled.
 */
export function staleFields(profiles: readonly Profile[], skipped: ReadonlySet<string>): Set<Field> {
  const out = new Set<Field>();
  for (const p of profiles) {
    if (!skipped.has(p.id)) continue;
    for (const e of p.extract) for (const f of kindOf(e.kind).fields) out.add(f);
  }
  return out;
}

/** The observation of a partial poll, with the skipped profiles' fields taken from the previous one. */
export function carryOver(next: DeviceObservation, prev: DeviceObservation | null, fields: ReadonlySet<Field>): DeviceObservation {
  if (prev === null || fields.size === 0) return next;
  const merged: Record<string, unknown> = { ...next };
  for (const f of fields) merged[f] = prev[f];
  merged['profiles'] = [...new Set([...next.profiles, ...prev.profiles.filter((p) => !next.profiles.includes(p))])];
  // a carried-over field is exposed as far as the poll it comes from said
  if (next.exposes !== undefined || prev.exposes !== undefined) {
    merged['exposes'] = [...new Set([...(next.exposes ?? []).filter((f) => !(fields as ReadonlySet<string>).has(f)), ...(prev.exposes ?? []).filter((f) => (fields as ReadonlySet<string>).has(f))])].sort();
  }
  return merged as unknown as DeviceObservation;
}

/**
 * The observation of a poll that walked only what discovery found, with the tables of those
 * profiles counted as exposed: the device showed at discovery that it implements them, so an
 * empty table now is "none configured", not absence of data (a profile that erred is left out).
 */
export function withDiscoveredTables(o: DeviceObservation, walked: readonly Profile[]): DeviceObservation {
  const erred = new Set(o.errors.map((e) => e.profile));
  const fields = walked.filter((p) => !erred.has(p.id)).flatMap(fieldsOfProfile);
  if (fields.length === 0) return o;
  return { ...o, exposes: [...new Set([...(o.exposes ?? []), ...fields])].sort() };
}

/** Full polls (every applicable profile) happen at least this often; see `DiscoveryMemory`. */
export const REDISCOVER_EVERY = 10;

/**
 * What the last full poll of a device found: the profiles that yielded data (or had problems).
 * Polls in between walk only those — a device has no reason to grow an OSPF table or a UPS
 * between two polls, and every empty table of the ~50 profiles costs a request — and a full
 * poll every REDISCOVER_EVERY polls (or after a silence, an error or a sysObjectID change)
 * finds what appeared. Skipped-as-empty profiles are known empty: nothing is carried over.
 */
export class DiscoveryMemory {
  private readonly devices = new Map<string, { profiles: Set<string>; implemented: Set<string>; pollsSinceFull: number; objectId: string | null }>();

  constructor(private readonly every = REDISCOVER_EVERY) {}

  /** The profiles to walk this time, or undefined for a full poll. */
  plan(deviceId: string): ReadonlySet<string> | undefined {
    const d = this.devices.get(deviceId);
    if (d === undefined || d.pollsSinceFull + 1 >= this.every) return undefined;
    return d.profiles;
  }

  /** Learns from a poll's outcome. */
  learn(deviceId: string, full: boolean, result: CollectResult): void {
    const o = result.observation;
    const transportTrouble = o.errors.some((e) => e.profile === 'transport');
    const prev = this.devices.get(deviceId);
    if (!result.answered || transportTrouble || (prev !== undefined && prev.objectId !== o.system.objectId)) {
      this.devices.delete(deviceId); // walk everything next time
      return;
    }
    if (full) {
      const profiles = new Set([...o.profiles, ...result.implemented, ...o.errors.map((e) => e.profile)]);
      this.devices.set(deviceId, { profiles, implemented: new Set(result.implemented), pollsSinceFull: 0, objectId: o.system.objectId });
    } else if (prev !== undefined) {
      prev.pollsSinceFull++;
    }
  }

  /** The profiles whose MIB the device answered at its last full poll (empty when none is remembered). */
  implemented(deviceId: string): ReadonlySet<string> {
    return this.devices.get(deviceId)?.implemented ?? new Set();
  }

  forget(deviceId: string): void {
    this.devices.delete(deviceId);
  }
}

/** The scheduler's runner for SNMP device polls. */
export function createPoller(deps: PollerDeps): PollRunner {
  const open = deps.openTransport ?? openSnmpTransport;
  const discovery = new DiscoveryMemory();
  return async (deviceId, { deadlineMs, profiles: skipped }) => {
    const device = deps.device(deviceId);
    if (device?.poll === undefined) return;
    const p = device.poll;
    const mono = deps.monotonicNow ?? (() => performance.now());
    const started = mono();
    const transport = open({ host: p.host, port: p.port }, p.credentials, { timeoutMs: p.timeoutMs, retries: p.retries }, deps.secrets);
    let result: CollectResult;
    let full = true;
    let only: Set<string> | undefined;
    try {
      const known = discovery.plan(deviceId);
      full = known === undefined;
      if (known !== undefined || skipped !== undefined) {
        only = new Set(deps.profiles.map((x) => x.id).filter((id) => (known === undefined || known.has(id)) && skipped?.has(id) !== true));
      }
      result = await collectDevice(transport, {
        ...DEFAULT_COLLECT,
        profiles: deps.profiles,
        ...(only !== undefined ? { only } : {}),
        pollTimeoutMs: deadlineMs,
        maxRepetitions: p.maxRepetitions,
        useBulk: p.bulk,
        now: mono,
      });
    } finally {
      transport.close();
    }
    const at = deps.now();
    const seconds = (mono() - started) / 1000;
    deps.metrics.lastPollSeconds.set(deviceId, seconds);
    deps.metrics.snmpRequests.inc(result.stats.requests);
    deps.metrics.snmpVarbinds.inc(result.stats.varbinds);
    for (const e of result.observation.errors) deps.metrics.collectionErrors.inc({ profile: e.profile });
    discovery.learn(deviceId, full, result);

    let observation = result.observation;
    if (!full && result.answered && only !== undefined) {
      const implemented = discovery.implemented(deviceId);
      observation = withDiscoveredTables(observation, deps.profiles.filter((x) => only.has(x.id) && implemented.has(x.id)));
    }
    let transitions: readonly { subject: string }[];
    try {
      if (skipped !== undefined && result.answered) {
        observation = carryOver(observation, deps.sink.previousObservation(deviceId), staleFields(deps.profiles, skipped));
      }
      transitions = await deps.sink.recordDevicePoll(deviceId, at, { answered: result.answered, observation });
    } catch (err) {
      // Not stored is not done: counted apart from ok/unanswered. The sink logs and counts the
      // store error itself (once per failing spell, not once per device).
      deps.metrics.polls.inc({ result: 'unrecorded' });
      deps.metrics.pollDuration.observe({ result: 'unrecorded' }, seconds);
      deps.logger.debug({ device: deviceId, err: errorMessage(err) }, 'poll result not stored');
      return;
    }
    // counted once stored: a poll that was not written is never "ok"
    const label = result.answered ? 'ok' : 'unanswered';
    deps.metrics.polls.inc({ result: label });
    deps.metrics.pollDuration.observe({ result: label }, seconds);
    if (result.answered && deps.sink.recordCounters !== undefined) deps.sink.recordCounters(deviceId, at, observation, result.counters);
    for (const t of transitions) deps.metrics.transitions.inc({ kind: t.subject.split(':')[0] ?? 'other' });
    if (!result.answered) deps.logger.debug({ device: deviceId, target: transport.label }, 'device did not answer');
    else if (transitions.length > 0) deps.logger.info({ device: deviceId, changes: transitions.length }, 'device state changed');
  };
}
