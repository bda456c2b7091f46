/**
 * The cluster's own metrics, on the process's registry: every series of a clustered process
 * carries `instance` and `role` labels (and `shard`, the poller's id, on pollers) as prom-client
 * default labels, so N pollers scraped into one Prometheus stay apart and aggregate with
 * `sum by (…)`. The single-process daemon (`--role all`) adds none of this.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

/** The gauges and counters of a clustered process. */
export interface ClusterMetrics {
  /** Leases this poller holds. */
  readonly leasesHeld: Gauge;
  /** Live pollers as the latest lease round counted them. */
  readonly livePollers: Gauge;
  /** Lease rounds by result (ok, failed). */
  readonly leaseRounds: Counter<'result'>;
  /** 1 while this analyst is the active one, 0 while standby. */
  readonly leader: Gauge;
  /** Poll results published to PostgreSQL (pollers) or applied to the replica (analysts). */
  readonly feedRows: Counter<'direction'>;
  /** Polls not started because the device's lease would not outlast them. */
  readonly pollsOutsideLease: Counter;
}

/** Labels every series of the process and registers the cluster's metrics on `registry`. */
export function clusterMetrics(registry: Registry, labels: { readonly instance: string; readonly role: 'poller' | 'analyst'; readonly shard?: string }): ClusterMetrics {
  registry.setDefaultLabels({ instance: labels.instance, role: labels.role, ...(labels.shard !== undefined ? { shard: labels.shard } : {}) });
  return {
    leasesHeld: new Gauge({ name: 'redline_cluster_leases_held', help: 'Device leases this poller holds.', registers: [registry] }),
    livePollers: new Gauge({ name: 'redline_cluster_live_pollers', help: 'Live pollers counted at the latest lease round.', registers: [registry] }),
    leaseRounds: new Counter({ name: 'redline_cluster_lease_rounds_total', help: 'Lease rounds (heartbeat, renew, claim, release) by result.', labelNames: ['result'], registers: [registry] }),
    leader: new Gauge({ name: 'redline_cluster_leader', help: '1 while this analyst is the active one, 0 while standby.', registers: [registry] }),
    feedRows: new Counter({ name: 'redline_cluster_feed_rows_total', help: 'Poll results published to PostgreSQL (published) or applied to the replica state (applied).', labelNames: ['direction'], registers: [registry] }),
    pollsOutsideLease: new Counter({ name: 'redline_cluster_polls_outside_lease_total', help: 'Polls not started because the device lease would not outlast them.', registers: [registry] }),
  };
}
