/**
 * The receiver types, one registration list: adding a type is one file plus one line here.
 * `buildReceivers` turns the configured receivers into the dispatcher's map, reporting every bad
 * spec at once with its path.
 */
import { z } from 'zod';
import { UsageError } from '../../common/errors.js';
import type { Receiver } from '../types.js';
import { alertmanagerReceiver } from './alertmanager.js';
import { dingTalkReceiver } from './dingtalk.js';
import { emailReceiver } from './email.js';
import type { ReceiverDeps, ReceiverFactory } from './receiver-kit.js';
import { slackReceiver } from './slack.js';
import { webhookReceiver } from './webhook.js';
import { weComReceiver } from './wecom.js';

/** Every receiver type redline can deliver to. */
export const RECEIVER_FACTORIES: readonly ReceiverFactory[] = [
  webhookReceiver,
  alertmanagerReceiver,
  dingTalkReceiver,
  weComReceiver,
  emailReceiver,
  slackReceiver,
];

/** Builds the configured receivers by name; throws one UsageError listing every problem (`receivers[2].url: …`). */
export function buildReceivers(specs: readonly unknown[], deps: ReceiverDeps, path = 'receivers'): Map<string, Receiver> {
  const out = new Map<string, Receiver>();
  const problems: string[] = [];
  specs.forEach((spec, i) => {
    const at = `${path}[${i}]`;
    const type = typeof spec === 'object' && spec !== null ? (spec as { type?: unknown }).type : undefined;
    const factory = RECEIVER_FACTORIES.find((f) => f.type === type);
    if (factory === undefined) {
      problems.push(`${at}.type: expected one of ${RECEIVER_FACTORIES.map((f) => f.type).join(', ')}`);
      return;
    }
    try {
      const receiver = factory.build(spec, deps);
      if (out.has(receiver.name)) problems.push(`${at}.name: ${receiver.name} is already a receiver`);
      else out.set(receiver.name, receiver);
    } catch (err) {
      if (err instanceof z.ZodError) {
        for (const issue of err.issues) problems.push(`${[at, ...issue.path.map(String)].join('.')}: ${issue.message}`);
      } else {
        problems.push(`${at}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });
  if (problems.length > 0) throw new UsageError(`receivers are misconfigured:\n  ${problems.join('\n  ')}`);
  return out;
}
