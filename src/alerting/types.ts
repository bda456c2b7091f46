/**
 * On-call alerting's shapes: the alerts redline raises from findings, hazards and incidents, how
 * they are grouped into notifications, and the receiver port that delivers one notification.
 * The decisions (routing, grouping, inhibition, windows, escalation, flap damping) are pure and
 * take time as an argument; delivery goes through a durable outbox. Times are ms since the epoch.
 */
import type { Bilingual, Colour, Measure } from '../analysis/finding.js';
import type { ProtectionClass } from '../config/schema.js';

/**
 * What an alert is about. `redundancyLost`: a subject still works but is degraded or unprotected
 * (a warning). `serviceDown`: a service or a core element is down — an incident (critical), with
 * its start time kept for the report to the administration. `meta`: redline itself (delivery
 * failing permanently, data stale, the heartbeat).
 */
export const ALERT_KINDS = ['redundancyLost', 'serviceDown', 'meta'] as const;
/** One of ALERT_KINDS. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Severity on the wire (Alertmanager's convention). */
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
/** One of ALERT_SEVERITIES. */
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * One alert: firing while its cause holds, resolved after. `key` is stable for its cause
 * (the finding fingerprint, `incident:<subject>`, `meta:<what>`), so the same cause is one alert.
 * Labels are low-cardinality and come from the inventory, never free text from a device.
 */
export interface Alert {
  readonly key: string;
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  /** The risk colour (风险等级) of the finding behind it; null for incidents and meta alerts. */
  readonly colour: Colour | null;
  readonly labels: {
    readonly alertname: string;
    readonly site?: string;
    readonly class?: ProtectionClass;
    readonly rule?: string;
    readonly device?: string;
    readonly measure?: Measure;
    readonly [name: string]: string | undefined;
  };
  /** Summary and description in both languages. */
  readonly summary: Bilingual;
  readonly description: Bilingual;
  /** The hazard tracking it, when there is one (links to the console; acknowledging it stops re-notification). */
  readonly hazardId?: string;
  /** True when its hazard is acknowledged (status past open/reopened): no repeat, no escalation. */
  readonly acknowledged?: boolean;
  /** True while the subject toggles too often (flap damping): one alert until it settles. */
  readonly flapping?: boolean;
  /** When the cause began (for an incident: the time to report from). */
  readonly startsAt: number;
  /** Null while firing. */
  readonly endsAt: number | null;
}

/** One message to one receiver: a group of alerts (firing and resolved) at one moment. */
export interface Notification {
  /** Idempotency key: the same notification retried keeps its id; receivers may dedupe on it. */
  readonly deliveryId: string;
  readonly receiver: string;
  /** The group's labels (the route's group_by values) and its key. */
  readonly groupKey: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly Alert[];
  /** When the notification was decided (not when it is delivered). */
  readonly at: number;
  /** True when this is a re-notification after a window ended, an escalation, or a repeat. */
  readonly reason: 'new' | 'changed' | 'repeat' | 'windowEnded' | 'escalation' | 'nilReport' | 'summary';
  /** The escalation tier (0: the first receivers). */
  readonly tier: number;
}

/** Whether a failed delivery may be retried (5xx, timeouts, 408, 429) or is permanent (other 4xx, bad config). */
export interface DeliveryResult {
  readonly ok: boolean;
  readonly retryable: boolean;
  /** HTTP status when there was one. */
  readonly status?: number;
  /** Why it failed, for the log and the meta-alert (never a secret). */
  readonly error?: string;
  /** Retry-After the receiver asked for, in ms. */
  readonly retryAfterMs?: number;
}

/** A receiver: delivers one notification. Implementations: webhook, Alertmanager v2, DingTalk, WeCom, e-mail, Slack-compatible. */
export interface Receiver {
  readonly name: string;
  readonly type: string;
  deliver(n: Notification, signal: AbortSignal): Promise<DeliveryResult>;
}
