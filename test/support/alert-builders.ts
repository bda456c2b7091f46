/** Test-data builders for alerting's pure code: an alert with any field or label overridden, and a minute. */
import type { Alert } from '../../src/alerting/types.js';

/** One minute in ms. */
export const MIN = 60_000;

/** A firing redundancy-lost alert on device `cr1` at site `sh`, class PC-CORE, orange, unless told otherwise. */
export function alert(key: string, over: Partial<Omit<Alert, 'labels'>> & { readonly labels?: Readonly<Record<string, string>> } = {}): Alert {
  const { labels, ...rest } = over;
  return {
    key,
    kind: 'redundancyLost',
    severity: 'warning',
    colour: 'orange',
    labels: { alertname: 'RedundancyLost', site: 'sh', class: 'PC-CORE', rule: 'NODE-001', device: 'cr1', measure: 'multipleNodes', ...labels },
    summary: { zh: `告警 ${key}`, en: `alert ${key}` },
    description: { zh: '说明', en: 'description' },
    startsAt: 0,
    endsAt: null,
    ...rest,
  };
}
