/**
 * The daemon's trap part: starts the receiver when `settings.traps.enabled`, records each
 * accepted trap on its device (`trap:<kind>` in the device's transitions; a burst of the same
 * trap is recorded once per re-poll gap), asks the poll scheduler for an immediate re-poll
 * (rate-limited per device; a trap inside the gap re-polls at the gap's end, so the last trap of
 * a storm is never lost) and, once that poll is stored, an early analysis pass. Credentials
 * follow reloads; the listen address is read at start.
 */
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { startTrapReceiver, type AcceptedTrap } from '../collect/traps/receiver.js';
import { trapSendersOf } from '../collect/traps/trap-senders.js';
import type { Settings } from '../config/schema.js';
import type { Inventory } from '../inventory/model.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import type { PollNowResult } from '../runtime/scheduler.js';
import type { StateStore } from '../state/store.js';
import { parseListen } from './options.js';

/** Most (device, trap) pairs remembered for the recording gap; past it the memory starts afresh. */
const MAX_REMEMBERED = 10_000;

/** What the trap part needs from the daemon. */
export interface DaemonTrapDeps {
  readonly settings: () => Settings['traps'];
  readonly inventory: () => Inventory;
  readonly pollNow: (deviceId: string, minGapMs: number) => PollNowResult;
  readonly store: Pick<StateStore, 'recordDeviceEvent'>;
  readonly metrics: RedlineMetrics;
  readonly logger: Logger;
  readonly wallMs: () => number;
  readonly monotonicMs: () => number;
  /** Marks a device whose next poll was asked for by a trap (see `polledAfterTrap`). */
  readonly asked: Set<string>;
}

/** The running trap part. */
export interface DaemonTraps {
  address(): { host: string; port: number };
  /** The inventory changed (a reload): who may send traps changes with it. */
  reloaded(inventory: Inventory): void;
  close(): Promise<void>;
}

/** What the trap handler needs (the daemon's part of `DaemonTrapDeps`). */
export type TrapHandlerDeps = Omit<DaemonTrapDeps, 'inventory'>;

/** Handles accepted traps: records, re-polls (deferring a rate-limited one), marks the poll for an early pass. */
export interface TrapHandler {
  readonly onTrap: (trap: AcceptedTrap) => void;
  /** Cancels deferred re-polls. */
  readonly close: () => void;
}

/** Creates the handler of accepted traps. */
export function createTrapHandler(deps: TrapHandlerDeps): TrapHandler {
  const gapMs = (): number => deps.settings().minRepollSeconds * 1000;
  const recorded = new Map<string, number>();
  const deferred = new Map<string, NodeJS.Timeout>();

  const repoll = (deviceId: string): void => {
    // marked before asking: a poll asked for may start (and read the mark) inside pollNow
    const marked = deps.asked.has(deviceId);
    deps.asked.add(deviceId);
    const result = deps.pollNow(deviceId, gapMs());
    deps.metrics.trapRepolls.inc({ result });
    const polls = result === 'queued' || result === 'after_current' || result === 'already_queued';
    if (!polls && !marked) deps.asked.delete(deviceId);
    if (result === 'rate_limited' && !deferred.has(deviceId)) {
      // polled within the gap already: poll again when it ends, so a change after that poll is seen
      const timer = setTimeout(() => { deferred.delete(deviceId); repoll(deviceId); }, gapMs());
      timer.unref();
      deferred.set(deviceId, timer);
    }
  };

  const onTrap = (t: AcceptedTrap): void => {
    const key = `${t.deviceId}\u0000${t.name}`;
    const now = deps.monotonicMs();
    const last = recorded.get(key);
    if (last === undefined || now - last >= gapMs()) {
      if (recorded.size >= MAX_REMEMBERED) recorded.clear();
      recorded.set(key, now);
      try {
        deps.store.recordDeviceEvent({ deviceId: t.deviceId, at: deps.wallMs(), subject: `trap:${t.kind}`, from: null, to: t.name });
      } catch (err) {
        deps.logger.error({ device: t.deviceId, err: errorMessage(err) }, 'could not record a trap on its device; the re-poll goes ahead');
      }
      deps.logger.info({ device: t.deviceId, kind: t.kind, trap: t.name, pdu: t.pdu, varbinds: t.varbinds.length }, 'trap received');
    }
    repoll(t.deviceId);
  };

  return {
    onTrap,
    close: () => {
      for (const timer of deferred.values()) clearTimeout(timer);
      deferred.clear();
    },
  };
}

/** Starts the receiver when enabled (null otherwise); rejects when its address cannot be bound. */
export async function startDaemonTraps(deps: DaemonTrapDeps): Promise<DaemonTraps | null> {
  const first = deps.settings();
  if (!first.enabled) return null;
  const handler = createTrapHandler(deps);
  const listen = parseListen(first.listen);
  const receiver = await startTrapReceiver({
    listen,
    senders: trapSendersOf(deps.inventory()),
    onTrap: handler.onTrap,
    count: (result, kind) => { deps.metrics.traps.inc({ result, kind }); },
    onSocketError: (err) => { deps.logger.error({ err: err.message }, 'trap receiver socket error; it goes on'); },
  });
  const warnConflicts = (users: readonly string[]): void => {
    if (users.length > 0) deps.logger.warn({ users }, 'SNMPv3 users configured with different keys on different devices: traps are checked against the first credential of each name only');
  };
  warnConflicts(receiver.setSenders(trapSendersOf(deps.inventory())));
  deps.logger.info({ listen: `${receiver.address().host}:${receiver.address().port}` }, 'receiving SNMP traps');
  return {
    address: () => receiver.address(),
    reloaded: (inventory) => { warnConflicts(receiver.setSenders(trapSendersOf(inventory))); },
    close: async () => {
      handler.close();
      await receiver.close();
    },
  };
}
