/**
 * The WeCom (企业微信) group robot: a markdown message to `…/webhook/send?key=…`. WeCom answers
 * 200 with `errcode`; 45009 (frequency limit) and -1 (busy) are retried. Its markdown content is
 * limited to 4096 bytes, so long groups are cut with a mark.
 */
import { z } from 'zod';
import type { Notification } from '../types.js';
import { notificationBody, textOptions, type TextDeps } from './message-text.js';
import { capUtf8, defineReceiver, httpUrl, postJson, receiverName, robotAnswerJudge, secretRef, secretValue } from './receiver-kit.js';

/** WeCom's public robot endpoint. */
export const WECOM_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send';
/** WeCom's markdown content limit. */
export const WECOM_MAX_BYTES = 4096;
const WECOM_RETRYABLE = [45009, -1];

/** The markdown message for a notification. */
export function weComBody(n: Notification, deps: TextDeps): string {
  const content = capUtf8(notificationBody(n, textOptions(deps, 'markdown', n)), WECOM_MAX_BYTES);
  return JSON.stringify({ msgtype: 'markdown', markdown: { content } });
}

/** `type: wecom`. */
export const weComReceiver = defineReceiver('wecom', z.strictObject({
  name: receiverName,
  type: z.literal('wecom'),
  /** The robot's webhook key. */
  key: secretRef,
  url: httpUrl.default(WECOM_URL),
}), (spec, deps) => {
  const key = secretValue(deps, spec.key);
  return {
    name: spec.name,
    type: 'wecom',
    deliver(n, signal) {
      const url = new URL(spec.url);
      url.searchParams.set('key', key);
      return postJson(url.toString(), weComBody(n, deps), {}, signal, deps.clock.wallMs(), `wecom ${spec.name}`, robotAnswerJudge(`wecom ${spec.name}`, WECOM_RETRYABLE));
    },
  };
});
