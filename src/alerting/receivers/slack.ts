/**
 * A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): `{ text }` in mrkdwn.
 * The webhook URL is itself the credential, so it is a secret reference, never inline.
 */
import { z } from 'zod';
import type { Notification } from '../types.js';
import { notificationBody, notificationTitle, textOptions, type TextDeps } from './message-text.js';
import { defineReceiver, postJson, receiverName, secretRef, secretValue } from './receiver-kit.js';

/** The message for a notification: the title in bold, then the bilingual body. */
export function slackBody(n: Notification, deps: TextDeps): string {
  const body = notificationBody(n, textOptions(deps, 'plain', n));
  return JSON.stringify({ text: `*${notificationTitle(n)}*\n${body}` });
}

/** `type: slack`. */
export const slackReceiver = defineReceiver('slack', z.strictObject({
  name: receiverName,
  type: z.literal('slack'),
  /** The incoming-webhook URL (a secret: whoever has it can post). */
  url: secretRef,
}), (spec, deps) => {
  const url = secretValue(deps, spec.url);
  if (!/^https?:\/\//.test(url)) throw new Error(`slack ${spec.name}: the secret behind url is not an http(s) URL`);
  return {
    name: spec.name,
    type: 'slack',
    deliver: (n, signal) => postJson(url, slackBody(n, deps), {}, signal, deps.clock.wallMs(), `slack ${spec.name}`),
  };
});
