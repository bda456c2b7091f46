/**
 * The messages between the daemon and its analysis worker (structured clone over a MessagePort).
 * The worker reads device and health state from the SQLite file itself, so a pass's message is
 * small (the time and the in-memory load counters); the inventory and the policy text go once at
 * start and again on every reload. The single-point-of-failure sweep follows a pass as its own
 * message, and only when the pass's network differs from the one last swept (a sweep of a large
 * network takes far longer than a pass: it is one what-if per element and device group).
 */
import type { Inventory } from '../../inventory/model.js';
import type { LoadInput } from '../../snapshot/types.js';
import { deserialize, serialize } from 'node:v8';
import type { AnalysisReport } from '../analyze.js';
import type { Disjointness } from '../graph/disjoint-paths.js';
import type { SinglePointOfFailure } from '../graph/services.js';
import type { NetworkWhatIfResult } from '../network/whatif.js';

/** What the worker needs to run passes: sent on start and on every reload. */
export interface AnalysisSetup {
  /** The state store's SQLite file (opened read-only by the worker). */
  readonly stateFile: string;
  readonly staleAfterMissed: number;
  readonly pollIntervalMs: number;
  /** Each health check's interval (ms), by check id; absent ones use `defaultHealthIntervalMs`. */
  readonly healthIntervalMs: Readonly<Record<string, number>>;
  readonly defaultHealthIntervalMs: number;
  readonly configDir: string;
  /** The inventory without SNMP credentials (see `inventoryForAnalysis`). */
  readonly inventory: Inventory;
  /** The policy file's text and name, validated by the daemon, parsed again by the worker (rules are code). */
  readonly policy: { readonly text: string; readonly source: string };
  /** Secret values to scrub from findings people read. */
  readonly secrets: readonly string[];
  /** At most this many elements (after device groups are expanded) in one on-demand what-if. */
  readonly maxWhatIfElements: number;
}

/** Findings of a pass counted by the `redline_findings` labels (the worker counts, the daemon sets the gauge). */
export interface FindingCount {
  readonly rule: string;
  readonly state: string;
  readonly colour: string;
  readonly class: string;
  readonly count: number;
}

/** One finished pass: the report, the finding counts, and its network's key. */
export interface PassResult {
  /**
   * The report, `v8.serialize`d in the worker and transferred (not copied): a structured clone
   * of tens of thousands of findings would cost the daemon's thread hundreds of ms per pass,
   * while bytes are read back only when someone asks for the findings (`reportOf`).
   */
  readonly reportBytes: Uint8Array<ArrayBuffer>;
  readonly counts: readonly FindingCount[];
  /** Wall time of the snapshot and rules in the worker (ms). */
  readonly analysisMs: number;
  /** The what-if network this pass saw (a digest): a sweep with the same key is current. */
  readonly networkKey: string;
}

/** One finished sweep, both disjointness modes, of the network of the pass at `computedAt`. */
export interface SweepResult {
  readonly sweep: Readonly<Record<Disjointness, readonly SinglePointOfFailure[]>>;
  readonly networkKey: string;
  /** The time of the pass whose network was swept (ms). */
  readonly computedAt: number;
  /** Wall time of both sweeps in the worker, other questions answered in between (ms). */
  readonly ms: number;
  /** Sweeps this worker has computed since it started (two per swept network: srlg and node). */
  readonly sweepsComputed: number;
}

/** What a pass takes from the daemon's memory rather than the store. */
export interface PassInputs {
  /** Utilisation counters of LAG members. */
  readonly load?: LoadInput;
  /** How long ago (ms, monotonic) each device's and check's latest result arrived, by id (see SnapshotOptions). */
  readonly receivedAgoMs?: { readonly device: Readonly<Record<string, number>>; readonly health: Readonly<Record<string, number>> };
}

/** Daemon → worker. */
export type ToWorker =
  | { readonly type: 'setup'; readonly setup: AnalysisSetup }
  | { readonly type: 'analyse'; readonly id: number; readonly now: number } & PassInputs
  | { readonly type: 'whatif'; readonly id: number; readonly fail: readonly string[]; readonly disjointness: Disjointness };

/** Worker → daemon. `usage` marks a question the caller got wrong (an unknown or too large failure set). */
export type FromWorker =
  | { readonly type: 'report'; readonly id: number; readonly result: PassResult }
  | { readonly type: 'sweep'; readonly id: 0; readonly result: SweepResult }
  | { readonly type: 'sweepFailed'; readonly id: 0; readonly message: string }
  | { readonly type: 'whatif'; readonly id: number; readonly result: NetworkWhatIfResult; readonly ms: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string; readonly usage: boolean };

/** The inventory as the worker gets it: devices keep whether they are polled, not how (no credentials cross). */
export function inventoryForAnalysis(inventory: Inventory): Inventory {
  const devices = new Map([...inventory.devices].map(([id, d]) => [id, d.poll === undefined ? d : { ...d, poll: { ...d.poll, credentials: { version: '2c' as const, community: '' } } }]));
  return { ...inventory, devices };
}

/** The report as bytes to transfer (an ArrayBuffer of its own, so the transfer moves exactly it). */
export function reportToBytes(report: AnalysisReport): Uint8Array<ArrayBuffer> {
  const b = serialize(report);
  // a Buffer of its own is an ArrayBuffer (never shared); a slice of a pool is copied out
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? new Uint8Array(b.buffer) : new Uint8Array(b);
}

/** The report back from its bytes. */
export function reportOf(bytes: Uint8Array): AnalysisReport {
  return deserialize(bytes) as AnalysisReport;
}
