/**
 * The shapes the state store keeps and returns: transitions of device and health-check state,
 * the latest known state of each, and the store's typed error.
 */
import { RedlineError } from '../common/errors.js';
import type { HealthResult } from '../collect/http/health.js';
import type { DeviceObservation } from '../collect/observation.js';

/** The outcome of one HTTP health check (defined by the checker; re-exported for the store's users). */
export type { HealthResult };

/**
 * One change of something a NOC cares about on one device. `subject` is stable across polls
 * (`reachability`, `reboot`, `psu:<id>`, `fan:<id>`, `ups:output`, `ups:battery`, `bgp:<vrf>|<peer>`,
 * `ospf:<neighborId>|<address>`, `isis:<interface>|<neighborId>`, `fhrp:<protocol>|<interface>|<group>`,
 * `if:<ifIndex>`, `lag:<aggregate>|<member>`, `lldp:<localPort>|<remoteName>|<remotePort>` (or `cdp:`),
 * `redundancy:<subject>`). `from` is null the first time a subject is seen; `to` is `gone` when it
 * disappeared from a complete poll.
 */
export interface Transition {
  readonly deviceId: string;
  /** When the poll that saw the change ended (ms since the epoch). */
  readonly at: number;
  readonly subject: string;
  readonly from: string | null;
  readonly to: string;
  /** Present when the subject is administratively down (an interface or BGP peer an operator shut): expected, not a fault. */
  readonly adminDown?: true;
}

/** A transition as stored: `seq` orders transitions recorded at the same `at` and is the paging cursor. */
export interface StoredTransition extends Transition {
  readonly seq: number;
}

/** Whether a health check passed. */
export type HealthStatus = 'up' | 'down';

/** One up/down change of a health check; `reasons` says why it went down (empty when it came up). */
export interface HealthTransition {
  readonly checkId: string;
  readonly at: number;
  readonly from: HealthStatus | null;
  readonly to: HealthStatus;
  readonly reasons: readonly string[];
}

/** A health transition as stored, with its paging cursor. */
export interface StoredHealthTransition extends HealthTransition {
  readonly seq: number;
}

/** What one device poll produced, as the poller hands it to the store. */
export interface DevicePollResult {
  /** False when the device never answered; the observation is then ignored. */
  readonly answered: boolean;
  readonly observation: DeviceObservation;
}

/** One poll of a batch written in one transaction (`StateStore.recordDevicePolls`). */
export interface DevicePollWrite {
  readonly deviceId: string;
  readonly at: number;
  readonly result: DevicePollResult;
}

/** What one poll of a batch came to: the transitions it stored, or why it alone was not stored. */
export type DevicePollOutcome =
  | { readonly ok: true; readonly transitions: StoredTransition[] }
  | { readonly ok: false; readonly error: Error };

/** The clock and poll interval that staleness is judged against (time is always an argument). */
export interface StalenessClock {
  /** Now, in ms since the epoch. */
  readonly now: number;
  /** How often the device (or check) should be polled, in ms. */
  readonly intervalMs: number;
  /**
   * How long ago (on a monotonic clock) the latest result of a device or check was received, when
   * the caller knows; used instead of `now - observedAt`, so a step of the wall clock does not
   * make fresh state stale or stale state fresh. Undefined for a subject: wall time decides.
   */
  readonly receivedAgoMs?: (id: string) => number | undefined;
}

/** The latest known state of one device. */
export interface DeviceState {
  readonly deviceId: string;
  /** The last observation of an answered poll (kept while polls fail); null until the device first answers. */
  readonly observation: DeviceObservation | null;
  /** When the latest poll ended, answered or not. */
  readonly observedAt: number;
  /** When the device last answered (the time of `observation`). */
  readonly lastSuccessAt: number | null;
  /** Unanswered polls since the last answered one. */
  readonly consecutiveFailures: number;
  /** Whether the latest poll was answered. */
  readonly reachable: boolean;
  /** `consecutiveFailures` reached the limit, or (given a clock) no poll for that many intervals. */
  readonly stale: boolean;
}

/** A device's state without its observation: cheap to list for a whole fleet (gauges, lists). */
export type DeviceSummary = Omit<DeviceState, 'observation'>;

/** The latest known state of one health check. */
export interface HealthState {
  readonly checkId: string;
  /** The latest result, passed or failed (a failed check is news, not a missing observation). */
  readonly result: HealthResult;
  readonly observedAt: number;
  /** When the check last passed. */
  readonly lastSuccessAt: number | null;
  /** Failed results since the last passing one. */
  readonly consecutiveFailures: number;
  /** Given a clock: no result for `staleAfterMissed` intervals. Failing checks are down, not stale. */
  readonly stale: boolean;
}

/** One page of transitions, newest first. */
export interface TransitionQuery {
  /** Most transitions returned (a non-negative integer). */
  readonly limit: number;
  /** Only transitions strictly before this time; with `beforeSeq`, also those at this time with a smaller seq. */
  readonly before?: number;
  /** Keyset cursor refining `before`: the `seq` of the last item of the previous page (ties at one time page correctly). */
  readonly beforeSeq?: number;
  /** Only transitions at or after this time. */
  readonly since?: number;
}

/** A failure of the state store; `retryable` when the database was busy or the disk full. */
export class StateStoreError extends RedlineError {
  /** The SQLite result code, when SQLite raised the error. */
  readonly code: string | undefined;
  constructor(message: string, opts: { retryable: boolean; cause?: unknown; code?: string }) {
    super(message, { retryable: opts.retryable, cause: opts.cause });
    this.code = opts.code;
  }
}
