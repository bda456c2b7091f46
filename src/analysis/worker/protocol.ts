/**
 * The messages between the daemon and its analysis worker (structured clone over a MessagePort).
 * The worker reads device and health state from the SQLite file itself, so a pass's message is
 * small (the time and the in-memory load counters); the inventory and the policy text go once at
 * start and again on every reload. The single-point-of-failure sweep follows a pass as its own
 * message, and only when the pass's network differs from the one last swept (a sweep of a large
 * network takes far longer than a pass: it is one what-if per element and device group).
 * The whole report stays in the worker: the daemon gets its digest and asks for filtered pages
 * of findings and for coverage by message (report-queries.ts); the report's bytes come along
 * with each pass only so that a restarted worker can be handed the last good report again.
 * After each pass the worker runs the setup's after-pass hooks (after-pass.ts) and posts what
 * each returned.
 */
import type { Inventory } from '../../inventory/model.js';
import type { LoadInput } from '../../snapshot/types.js';
import { deserialize, serialize } from 'node:v8';
import type { AnalysisReport } from '../analyze.js';
import type { Disjointness } from '../graph/disjoint-paths.js';
import type { SinglePointOfFailure } from '../graph/services.js';
import type { NetworkWhatIfResult } from '../network/whatif.js';
import type { Waiver } from '../policy.js';
import type { RecordsEvidence } from '../../records/evidence.js';
import type { AfterPassOutcome, AfterPassSpec } from './after-pass.js';
import type { CoverageQuery, FindingsQuery, OverviewQuery, ReportDigest } from './report-queries.js';

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
  /** Modules whose `createAfterPass(options)` hook the worker runs after every pass (after-pass.ts); none by default. */
  readonly afterPass?: readonly AfterPassSpec[];
  /** The accepted risks in force, from the hazard ledger: replace the policy file's `waivers:` when given. */
  readonly waivers?: readonly Waiver[];
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
   * The report, `v8.serialize`d in the worker and transferred (not copied). The daemon never
   * reads them (deserialising 65,000 findings held its thread for most of a second): it keeps
   * them to hand a restarted worker the last good report (`restore`).
   */
  readonly reportBytes: Uint8Array<ArrayBuffer>;
  /** What the daemon's thread keeps of the report. */
  readonly digest: ReportDigest;
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
  /** Wall time of each device's latest poll (seconds), by id: handed to the after-pass hooks (metrics). */
  readonly pollSeconds?: Readonly<Record<string, number>>;
  /** The records' drills and cutover windows (src/records/evidence.ts), read by the daemon before the pass. */
  readonly records?: RecordsEvidence;
}

/** Daemon → worker. */
export type ToWorker =
  | { readonly type: 'setup'; readonly setup: AnalysisSetup }
  | { readonly type: 'analyse'; readonly id: number; readonly now: number } & PassInputs
  | { readonly type: 'whatif'; readonly id: number; readonly fail: readonly string[]; readonly disjointness: Disjointness }
  /** A page of the findings of the report the worker holds; `stale` is the daemon's word on it. */
  | { readonly type: 'findings'; readonly id: number; readonly query: FindingsQuery; readonly stale: boolean }
  | { readonly type: 'coverage'; readonly id: number; readonly query: CoverageQuery }
  /** The console's overview of the report the worker holds. */
  | { readonly type: 'overview'; readonly id: number; readonly query: OverviewQuery; readonly stale: boolean }
  /** The whole report, as bytes (tests and `App.analyze`; never on a request path). */
  | { readonly type: 'wholeReport'; readonly id: number }
  /** The last good report, for a worker started after a crash (sent after its setup). */
  | { readonly type: 'restore'; readonly reportBytes: Uint8Array; readonly analysedAt: number };

/** Worker → daemon. `usage` marks a question the caller got wrong (an unknown or too large failure set). */
export type FromWorker =
  | { readonly type: 'report'; readonly id: number; readonly result: PassResult }
  | { readonly type: 'sweep'; readonly id: 0; readonly result: SweepResult }
  | { readonly type: 'sweepFailed'; readonly id: 0; readonly message: string }
  | { readonly type: 'whatif'; readonly id: number; readonly result: NetworkWhatIfResult; readonly ms: number }
  | { readonly type: 'page'; readonly id: number; readonly json: string }
  | { readonly type: 'wholeReport'; readonly id: number; readonly reportBytes: Uint8Array<ArrayBuffer> }
  | { readonly type: 'afterPass'; readonly id: 0; readonly outcome: AfterPassOutcome }
  /** `noReport`: the worker holds no report yet (a question before the first pass). */
  | { readonly type: 'failed'; readonly id: number; readonly message: string; readonly usage: boolean; readonly noReport?: true };

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

/** The buffers a worker's answer transfers rather than copies (the report's bytes, a hook result's `bytes`). */
export function transferOf(m: FromWorker): ArrayBuffer[] {
  if (m.type === 'report') return [m.result.reportBytes.buffer];
  if (m.type === 'wholeReport') return [m.reportBytes.buffer];
  if (m.type === 'afterPass' && m.outcome.ok) {
    const bytes = (m.outcome.result as { bytes?: unknown } | null)?.bytes;
    if (bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return [bytes.buffer];
  }
  return [];
}

/** The report back from its bytes. */
export function reportOf(bytes: Uint8Array): AnalysisReport {
  return deserialize(bytes) as AnalysisReport;
}
