/**
 * What the alerting routes are given: the booking store (windows, silences, roster overrides,
 * delivery health, test notifications, used acknowledgement links), the `alerting:` section in
 * force, the operator's zone, the clock, the devices (for windows on PC-CORE elements), the
 * special periods declared in force, and the acknowledgement-link key. The composition root
 * (src/app/alerting.ts) builds it.
 */
import type { BookingStore } from '../../alerting/booking-store.js';
import type { PeriodSpan } from '../../alerting/roster-view.js';
import type { WindowDevice } from '../../alerting/windows.js';
import type { AlertingConfig } from '../../config/schema.js';

/** On-call alerting as the API reads and writes it. */
export interface AlertingApi {
  readonly store: BookingStore;
  /** The `alerting:` section in force (a reload applies at once). */
  readonly config: () => AlertingConfig;
  /** settings.timeZone */
  readonly timeZone: () => string;
  /** Wall time (ms). */
  readonly now: () => number;
  readonly devices: () => readonly WindowDevice[];
  /** The policy calendar's periods declared in force, with their bounds. */
  readonly periods: () => readonly PeriodSpan[];
  /** The acknowledgement-link key; null when links are off (no console URL, or `ackLinks.enabled: false`). */
  readonly ackKey: () => Buffer | null;
}
