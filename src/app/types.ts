/** The daemon's public shapes: what `startApp` takes and the running daemon it returns. */
import type { AnalysisReport } from '../analysis/analyze.js';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { Profile } from '../collect/snmp/profiles/types.js';
import type { Inventory } from '../inventory/model.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import type { TransportFactory } from '../runtime/poller.js';
import type { SqliteStateStoreOptions, StateStore } from '../state/store.js';
import type { AnalystCluster } from '../cluster/analyst.js';
import type { Readiness } from './readiness.js';

/** Everything the daemon takes from outside; tests and the demo replace parts. */
export interface AppDeps {
  readonly configPath: string;
  /** Overrides settings.listen (the `--listen` flag). */
  readonly listen?: string;
  /** Monotonic time (scheduling, staleness, readiness) and wall time (what is stored and shown); default the system's. */
  readonly clock?: Clock;
  /** Wall time only (older form of `clock`); ignored when `clock` is given. */
  readonly now?: () => number;
  readonly logger?: Logger;
  readonly openTransport?: TransportFactory;
  readonly profiles?: readonly Profile[];
  /** Opens the state store (default: SQLite at the path); tests pass options such as a short busy timeout. */
  readonly openStore?: (path: string, opts: SqliteStateStoreOptions) => StateStore;
  /** Drive the schedulers yourself (tests); otherwise a timer tick every second. */
  readonly manualClock?: boolean;
  /** Overrides settings.stateFile (the `--state-file` flag; the demo keeps its state in a temp dir). */
  readonly stateFile?: string;
  /** Secrets to scrub beyond the configuration's (e.g. the demo's generated community). */
  readonly extraSecrets?: readonly string[];
  /** Overrides settings.ledger.file (the demo keeps its ledger beside its temporary state file). */
  readonly ledgerFile?: string;
  /**
   * Admits the demo configuration's documented, well-known tokens (demo-admin…). Set only by
   * `redline demo`; no configuration file can set it.
   */
  readonly demoTokens?: boolean;
  /**
   * `--role analyst`: poll results come from the pollers through PostgreSQL, and the daemon is
   * built only once this process is elected the active analyst (src/cluster/analyst.ts).
   */
  readonly cluster?: AnalystCluster;
}

/** A running daemon. */
export interface App {
  /** The address the API listens on. */
  readonly address: () => { host: string; port: number };
  /** The UDP address the trap receiver listens on; null when `settings.traps.enabled` is off. */
  readonly trapAddress: () => { host: string; port: number } | null;
  /** Runs one scheduling tick (manual clock only). */
  tick(): void;
  /** Resolves once no device poll, health check or analysis pass is queued or running (tests wait on it instead of sleeping). */
  settled(): Promise<void>;
  /** Reloads the configuration and policy; returns false (and keeps the running ones) when either is invalid. */
  reload(): boolean;
  /** Runs the protection analysis now, in the analysis worker (it also runs after every poll interval once all devices were polled). */
  analyze(): Promise<AnalysisReport>;
  /** Runs retention now (it also runs at start and daily, in batches); resolves to how many transitions were deleted. */
  prune(): Promise<number>;
  readonly metrics: RedlineMetrics;
  /** The daemon's logger (secrets scrubbed): the CLI logs fatal process errors through it. */
  readonly logger: Logger;
  inventory(): Inventory;
  ready(): boolean;
  /** What /readyz answers: ready, or why not. */
  readiness(): Readiness;
  stop(): Promise<void>;
}
