/**
 * The bridge between the configuration's receivers (`name`, `type`, `secrets:` references and
 * loosely typed `options:`) and the delivery side's per-type schemas (src/alerting/receivers/):
 * the flat spec a receiver factory parses, and the problems of each receiver reported at config
 * load with their configuration path (`alerting.receivers[1].options.url`), so a bad receiver
 * stops the daemon at start or a reload is refused, never a page lost later.
 */
import type { AlertingConfig } from '../config/schema.js';
import type { ConfigIssue } from '../config/validate.js';
import { RECEIVER_FACTORIES } from './receivers/index.js';

/** One configured receiver. */
export type ReceiverConfig = AlertingConfig['receivers'][number];

/** The flat spec a receiver factory parses: name and type, the options, and the secrets' references. */
export function receiverSpecOf(r: ReceiverConfig): Record<string, unknown> {
  return { ...r.options, ...r.secrets, name: r.name, type: r.type };
}

/** Every problem of the configured receivers' options and secrets, each with its configuration path. */
export function receiverProblems(receivers: readonly ReceiverConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  receivers.forEach((r, i) => {
    const at = `alerting.receivers[${i}]`;
    const factory = RECEIVER_FACTORIES.find((f) => f.type === r.type);
    if (factory === undefined) {
      issues.push({ path: `${at}.type`, message: `unknown receiver type "${r.type}"; expected one of ${RECEIVER_FACTORIES.map((f) => f.type).join(', ')}` });
      return;
    }
    for (const k of Object.keys(r.options)) {
      if (k === 'name' || k === 'type') issues.push({ path: `${at}.options.${k}`, message: `"${k}" belongs beside options, not in them` });
      else if (k in r.secrets) issues.push({ path: `${at}.options.${k}`, message: `"${k}" is given both as an option and as a secret; keep it under secrets` });
    }
    const parsed = factory.schema.safeParse(receiverSpecOf(r));
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      const [first, ...rest] = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) issues.push({ path: `${at}.${key in r.secrets ? 'secrets' : 'options'}.${key}`, message: `not a setting of a ${r.type} receiver` });
        continue;
      }
      const where = first === undefined ? at : `${at}.${first in r.secrets ? 'secrets' : 'options'}.${[first, ...rest].join('.')}`;
      issues.push({ path: where, message: issue.message });
    }
  });
  return issues;
}
