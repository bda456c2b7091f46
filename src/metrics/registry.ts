/**
 * Every redline_* metric, in one place, on redline's own registry. Labels are low-cardinality
 * (result, reason, profile, rule, state, colour, class): never a device description, URL or anything secret.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { COLOURS } from '../analysis/finding.js';
import { HAZARD_STATUSES } from '../ledger/types.js';
import type { HazardCount } from './hazard-counts.js';

/** The metrics of the poller and the daemon itself. */
export interface RedlineMetrics {
  readonly registry: Registry;
  readonly polls: Counter<'result'>;
  readonly pollDuration: Histogram<'result'>;
  readonly pollSkipped: Counter<'reason'>;
  readonly snmpRequests: Counter;
  readonly snmpVarbinds: Counter;
  readonly collectionErrors: Counter<'profile'>;
  readonly devicesConfigured: Gauge;
  readonly devicesStale: Gauge;
  readonly devicesUnreachable: Gauge;
  readonly pollsInFlight: Gauge;
  readonly lastCycleSeconds: Gauge;
  readonly healthChecks: Counter<'result'>;
  readonly healthDuration: Histogram;
  readonly configReloads: Counter<'result'>;
  readonly transitions: Counter<'kind'>;
  readonly ready: Gauge;
  readonly findings: Gauge<'rule' | 'state' | 'colour' | 'class'>;
  readonly analysisRuns: Counter<'result'>;
  readonly analysisDuration: Histogram;
  readonly analysisLastSuccess: Gauge;
  readonly storeErrors: Counter<'operation'>;
  readonly transitionsPruned: Counter;
  readonly internalErrors: Counter<'part'>;
  readonly analysisFailures: Counter<'reason'>;
  readonly sweepDuration: Histogram;
  readonly ledgerPassDuration: Histogram;
  readonly hazardsOpen: Gauge<'colour'>;
  readonly hazards: Gauge<'colour' | 'status'>;
  readonly hazardsOverdue: Gauge<'colour'>;
  readonly networkRenderSeconds: Gauge;
  readonly networkBytes: Gauge;
  /** Wall time of each device's latest poll (seconds), by id: the poller writes, the analysis pass reads (redline_device_last_poll_duration_seconds). */
  readonly lastPollSeconds: Map<string, number>;
  /** Names where `redline_hazards` and `redline_hazards_overdue` read their counts at each scrape (the ledger, once open). */
  setHazardSource(read: () => readonly HazardCount[] | Promise<readonly HazardCount[]>): void;
  readonly traps: Counter<'result' | 'kind'>;
  readonly trapRepolls: Counter<'result'>;
  /** Alert delivery attempts by receiver and outcome (delivered, retry, dead). */
  readonly alertDeliveries: Counter<'receiver' | 'outcome'>;
  /** Notifications in the alerting outbox by state. */
  readonly alertOutbox: Gauge<'state'>;
}

/** Creates the registry with every metric registered (and Node's process metrics). */
export function createMetrics(opts: { processMetrics?: boolean } = {}): RedlineMetrics {
  const registry = new Registry();
  if (opts.processMetrics !== false) {
    collectDefaultMetrics({ register: registry, prefix: 'redline_process_' });
    // gauges prom-client names with a counter's `_total` suffix: promtool check metrics refuses them
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(`redline_process_${name}`);
  }
  const r = [registry];
  let hazardSource: (() => readonly HazardCount[] | Promise<readonly HazardCount[]>) | null = null;
  /** Every colour × status (0 when none), so a cleared ledger shows zeros, not gaps. */
  const readHazards = async (): Promise<{ byStatus: Map<string, number>; overdue: Map<string, number> } | null> => {
    if (hazardSource === null) return null;
    const byStatus = new Map<string, number>();
    const overdue = new Map<string, number>();
    for (const c of await hazardSource()) {
      byStatus.set(`${c.colour}\u0000${c.status}`, c.count);
      overdue.set(c.colour, (overdue.get(c.colour) ?? 0) + c.overdue);
    }
    return { byStatus, overdue };
  };
  return {
    registry,
    polls: new Counter({ name: 'redline_polls_total', help: 'Device polls completed, by result (ok, unanswered; unrecorded: the state store refused the result).', labelNames: ['result'], registers: r }),
    pollDuration: new Histogram({
      name: 'redline_poll_duration_seconds', help: 'Wall time of one device poll.', labelNames: ['result'], registers: r,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    }),
    pollSkipped: new Counter({ name: 'redline_poll_skipped_total', help: 'Polls not started, by reason (overlap: the previous poll of the device was still running).', labelNames: ['reason'], registers: r }),
    snmpRequests: new Counter({ name: 'redline_snmp_requests_total', help: 'SNMP requests sent.', registers: r }),
    snmpVarbinds: new Counter({ name: 'redline_snmp_varbinds_total', help: 'SNMP varbinds received in walks.', registers: r }),
    collectionErrors: new Counter({ name: 'redline_collection_errors_total', help: 'Problems met while reading devices, by profile.', labelNames: ['profile'], registers: r }),
    devicesConfigured: new Gauge({ name: 'redline_devices_configured', help: 'Devices in the inventory with an SNMP target.', registers: r }),
    devicesStale: new Gauge({ name: 'redline_devices_stale', help: 'Devices whose state is stale (missed polls).', registers: r }),
    devicesUnreachable: new Gauge({ name: 'redline_devices_unreachable', help: 'Devices whose last poll got no answer.', registers: r }),
    pollsInFlight: new Gauge({ name: 'redline_polls_in_flight', help: 'Device polls running now.', registers: r }),
    lastCycleSeconds: new Gauge({ name: 'redline_poll_cycle_seconds', help: 'Time the last complete poll cycle took, from its start to its last poll.', registers: r }),
    healthChecks: new Counter({ name: 'redline_health_checks_total', help: 'HTTP health checks run, by result (ok, failed; unrecorded: the state store refused the result).', labelNames: ['result'], registers: r }),
    healthDuration: new Histogram({ name: 'redline_health_check_duration_seconds', help: 'Wall time of one HTTP health check.', registers: r, buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] }),
    configReloads: new Counter({ name: 'redline_config_reloads_total', help: 'Configuration reloads, by result (applied, rejected).', labelNames: ['result'], registers: r }),
    transitions: new Counter({ name: 'redline_state_transitions_total', help: 'State transitions recorded, by kind of subject.', labelNames: ['kind'], registers: r }),
    ready: new Gauge({ name: 'redline_ready', help: '1 while /readyz answers 200: every device polled once since start, state store writes succeeding, polling not stalled.', registers: r }),
    findings: new Gauge({
      name: 'redline_findings', help: 'Findings of the latest analysis, by rule, state, colour (none when protected) and protection class.',
      labelNames: ['rule', 'state', 'colour', 'class'], registers: r,
    }),
    analysisRuns: new Counter({ name: 'redline_analysis_runs_total', help: 'Protection analyses run, by result (ok, failed).', labelNames: ['result'], registers: r }),
    analysisDuration: new Histogram({ name: 'redline_analysis_duration_seconds', help: 'Wall time of one analysis: snapshot from the store plus every rule.', registers: r, buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] }),
    analysisLastSuccess: new Gauge({ name: 'redline_analysis_last_success_timestamp_seconds', help: 'When the latest analysis finished (Unix time).', registers: r }),
    storeErrors: new Counter({ name: 'redline_store_errors_total', help: 'State store operations that failed (disk full, I/O error, locked, read-only), by operation.', labelNames: ['operation'], registers: r }),
    transitionsPruned: new Counter({ name: 'redline_transitions_pruned_total', help: 'Device and health transitions deleted by retention (settings.retention.days).', registers: r }),
    internalErrors: new Counter({ name: 'redline_internal_errors_total', help: 'Errors caught in the daemon\'s own timers and handlers, by part (each is logged).', labelNames: ['part'], registers: r }),
    analysisFailures: new Counter({ name: 'redline_analysis_failures_total', help: 'Analysis passes lost, by reason: crashed (the worker thread died and was restarted) or failed (the pass threw; the previous report stays, stale).', labelNames: ['reason'], registers: r }),
    sweepDuration: new Histogram({ name: 'redline_whatif_sweep_duration_seconds', help: 'Wall time of one single-point-of-failure sweep (both disjointness modes) in the analysis worker, run after a pass whose network changed.', registers: r, buckets: [0.1, 1, 5, 15, 60, 300, 900, 3600] }),
    ledgerPassDuration: new Histogram({ name: 'redline_ledger_pass_seconds', help: 'Wall time of reconciling one analysis pass into the hazard ledger (in the analysis worker).', registers: r, buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] }),
    hazardsOpen: new Gauge({ name: 'redline_hazards_open', help: 'Hazards in the ledger not closed, by risk colour (red 重大风险 … blue 低风险).', labelNames: ['colour'], registers: r }),
    hazards: new Gauge({
      name: 'redline_hazards', help: 'Hazards in the ledger by risk colour (red 重大风险 … blue 低风险) and status, counted at each scrape.', labelNames: ['colour', 'status'], registers: r,
      async collect() {
        const h = await readHazards();
        if (h === null) return;
        for (const colour of COLOURS) for (const status of HAZARD_STATUSES) this.set({ colour, status }, h.byStatus.get(`${colour}\u0000${status}`) ?? 0);
      },
    }),
    hazardsOverdue: new Gauge({
      name: 'redline_hazards_overdue', help: 'Hazards past their deadline (not closed; fixed late or not fixed yet), by risk colour, counted at each scrape.', labelNames: ['colour'], registers: r,
      async collect() {
        const h = await readHazards();
        if (h === null) return;
        for (const colour of COLOURS) this.set({ colour }, h.overdue.get(colour) ?? 0);
      },
    }),
    networkRenderSeconds: new Gauge({ name: 'redline_network_metrics_render_seconds', help: 'Wall time the analysis worker took to render the network families of the latest pass.', registers: r }),
    networkBytes: new Gauge({ name: 'redline_network_metrics_bytes', help: 'Size of the network families of the latest pass, as appended to /metrics.', registers: r }),
    lastPollSeconds: new Map(),
    setHazardSource: (read) => { hazardSource = read; },
    traps: new Counter({
      name: 'redline_traps_total', registers: r, labelNames: ['result', 'kind'],
      help: 'SNMP traps and informs received, by result (accepted; dropped: unknown_source, bad_community, unknown_user, bad_auth, malformed, oversize) and kind (link, entity, power, fan, bgp, ospf, isis, vrrp, ups, restart, other; none when dropped).',
    }),
    trapRepolls: new Counter({
      name: 'redline_trap_repolls_total', registers: r, labelNames: ['result'],
      help: 'Re-polls asked for by accepted traps, by what the scheduler did (queued, after_current, already_queued, rate_limited: deferred to the end of the gap, unknown).',
    }),
    alertDeliveries: new Counter({
      name: 'redline_alert_deliveries_total', registers: r, labelNames: ['receiver', 'outcome'],
      help: 'Alert delivery attempts by receiver and outcome (delivered; retry: failed, tried again later; dead: refused for good, a meta alert raised).',
    }),
    alertOutbox: new Gauge({ name: 'redline_alert_outbox', help: 'Notifications in the alerting outbox by state (pending, inflight, delivered, dead).', labelNames: ['state'], registers: r }),
  };
}
