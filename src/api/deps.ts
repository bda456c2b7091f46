/** What the HTTP API reads: the ports the composition root hands to `createApiApp`. */
import type { Registry } from 'prom-client';
import type { ReportView } from '../analysis/worker/report-queries.js';
import type { WhatIfView } from './whatif-route.js';
import type { DeviceObservation } from '../collect/observation.js';
import type { Logger } from '../common/logger.js';
import type { Inventory } from '../inventory/model.js';
import type { LedgerApi } from './ledger-port.js';
import type { AlertingApi } from './routes/alerting-port.js';
import type { RecordsApi } from '../records/port.js';
import type { Policy } from '../analysis/policy.js';
import type { ExportSigner } from '../reports/signed-export.js';

/** The latest known state of one device, as the API reads it from the store. */
export interface DeviceState {
  readonly observation: DeviceObservation | null;
  readonly observedAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly consecutiveFailures: number;
  readonly stale: boolean;
}

/** One recorded change of state. */
export interface TransitionView {
  readonly at: number;
  /** Order among transitions recorded at the same time (the paging cursor). */
  readonly seq: number;
  readonly subject: string;
  readonly from: string | null;
  readonly to: string;
}

/** The latest result of one health check. */
export interface HealthView {
  readonly ok: boolean;
  readonly at: number;
  readonly httpStatus: number | null;
  readonly latencyMs: number | null;
  readonly reasons: readonly string[];
  readonly stale: boolean;
}

/**
 * The latest analysis: when it ran, whether later passes failed (then it is the last good one),
 * the rules it ran, and its findings and coverage asked of wherever the report is held (the
 * analysis worker; `inProcessReportView` for one held here). Those questions are async and may
 * be refused as unavailable (AnalysisUnavailableError: busy, restarting, no report yet).
 */
export type LatestReport = ReportView;

/** The protection analysis, as the API reads it (what-if: whatif-route.ts). */
export interface AnalysisView extends WhatIfView {
  /** The latest report, or null before the first analysis. */
  readonly latest: () => LatestReport | null;
}

/** What the API reads. */
export interface ApiDeps {
  readonly inventory: () => Inventory;
  readonly device: (id: string) => DeviceState | null;
  readonly transitions: (id: string, opts: { limit: number; before?: number; beforeSeq?: number }) => TransitionView[];
  readonly health: (id: string) => HealthView | null;
  /** Ready, or why not (the app decides: first cycle, store writes, stalled polling). */
  readonly readiness: () => { ready: boolean; reason?: string; polled: number; total: number };
  readonly registry: Registry;
  /** The network families of the latest analysis pass, rendered in the worker (docs/metrics.md); appended to `/metrics` as they are. */
  readonly networkMetrics?: () => Uint8Array | null;
  /** The protection analysis (findings, what-if); without it those endpoints answer 404. */
  readonly analysis?: AnalysisView;
  /** The hazard ledger (hazards, waivers, audit, findings history); without it those endpoints answer 404. */
  readonly ledger?: LedgerApi;
  /** settings.timeZone (IANA), read per request: the console shows times in it. Default Asia/Shanghai. */
  readonly timeZone?: () => string;
  /** Wall time (ms) for the console's pages; default Date.now. Tests pass a fixed clock. */
  readonly now?: () => number;
  /** Receives every 5xx with its request id; default: nothing logged. */
  readonly logger?: Logger;
  /**
   * The listen host and `settings.api.allowedHosts`, read per request (a reload applies at once).
   * Default: 127.0.0.1 and no extra names; loopback names with the server's port are always allowed.
   */
  readonly hosts?: () => { readonly listenHost: string; readonly allowed: readonly string[] };
  /** On-call alerting (windows, silences, rosters, receivers, acknowledgement links); without it those endpoints answer 404. */
  readonly alerting?: AlertingApi;
  /** The records (cutovers, emergency plans, drills, incidents, checklists); without them those endpoints answer 404. */
  readonly records?: RecordsApi;
  /** What the signed reports need beyond the ledger: its signing key and the policy in force; without it `/api/v1/reports/*` answer 404. */
  readonly reports?: {
    readonly signer: ExportSigner;
    /** The policy in force and the sha256 of its text. */
    readonly policy: () => { readonly policy: Policy; readonly hash: string };
  };
}
