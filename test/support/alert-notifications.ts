/** Builders of alerting notifications for delivery tests: one firing PSU alert, addressed to a receiver. */
import type { Alert, Notification } from '../../src/alerting/types.js';

/** A firing "redundancy lost" alert (one PSU of two failed) on `device`. */
export function psuAlert(device = 'bj-core-1', startsAt = Date.UTC(2026, 11, 4, 8, 0, 0)): Alert {
  return {
    key: `finding:power:${device}`,
    kind: 'redundancyLost',
    severity: 'warning',
    colour: 'orange',
    labels: { alertname: 'RedundancyLost', site: 'bj-dc1', class: 'PC-CORE', rule: 'power.redundantPsu', device, measure: 'multiplePower' },
    summary: { zh: `${device} 单电源运行`, en: `${device} runs on one power supply` },
    description: { zh: '两路电源之一故障，设备仍在运行但已失去电源冗余。', en: 'One of two power supplies failed; the device runs but has lost power redundancy.' },
    hazardId: 'HZ-2026-0001',
    startsAt,
    endsAt: null,
  };
}

/** A notification with id `deliveryId` for `receiver`, decided at `at`. */
export function notification(deliveryId: string, receiver: string, at = Date.UTC(2026, 11, 4, 8, 0, 0), alerts: readonly Alert[] = [psuAlert()]): Notification {
  return {
    deliveryId, receiver, groupKey: '{}:{site="bj-dc1"}', groupLabels: { site: 'bj-dc1' },
    status: 'firing', alerts, at, reason: 'new', tier: 0,
  };
}
