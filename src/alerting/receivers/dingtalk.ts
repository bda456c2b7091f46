/**
 * The DingTalk (钉钉) group robot: a markdown message to `…/robot/send?access_token=…`, signed with
 * the robot's secret (`timestamp` and `sign` query parameters, base64 HMAC-SHA256 of
 * "<timestamp>\n<secret>"). DingTalk answers 200 with `errcode`; 130101 (sending too fast) is retried.
 */
import { z } from 'zod';
import { signDingTalk } from '../delivery-policy.js';
import type { Notification } from '../types.js';
import { notificationBody, notificationTitle, textOptions, type TextDeps } from './message-text.js';
import { capUtf8, defineReceiver, httpUrl, postJson, receiverName, robotAnswerJudge, secretRef, secretValue } from './receiver-kit.js';

/** DingTalk's public robot endpoint. */
export const DINGTALK_URL = 'https://oapi.dingtalk.com/robot/send';
/** errcodes worth a retry: 130101 sending too fast, -1 system busy. */
const DINGTALK_RETRYABLE = [130101, -1];
/** DingTalk refuses messages past about 20,000 bytes. */
const DINGTALK_MAX_BYTES = 18_000;

/** The markdown message for a notification. */
export function dingTalkBody(n: Notification, deps: TextDeps): string {
  const text = capUtf8(notificationBody(n, textOptions(deps, 'markdown', n)), DINGTALK_MAX_BYTES);
  return JSON.stringify({ msgtype: 'markdown', markdown: { title: notificationTitle(n).slice(0, 100), text } });
}

/** `type: dingtalk`. */
export const dingTalkReceiver = defineReceiver('dingtalk', z.strictObject({
  name: receiverName,
  type: z.literal('dingtalk'),
  accessToken: secretRef,
  /** The robot's signing secret (SEC…), when "加签" is enabled. */
  secret: secretRef.optional(),
  /** Overrides the endpoint (a proxy, or a test server). */
  url: httpUrl.default(DINGTALK_URL),
}), (spec, deps) => {
  const token = secretValue(deps, spec.accessToken);
  const secret = spec.secret === undefined ? undefined : secretValue(deps, spec.secret);
  return {
    name: spec.name,
    type: 'dingtalk',
    deliver(n, signal) {
      const now = deps.clock.wallMs();
      const url = new URL(spec.url);
      url.searchParams.set('access_token', token);
      if (secret !== undefined) {
        url.searchParams.set('timestamp', String(now));
        url.searchParams.set('sign', signDingTalk(secret, now));
      }
      return postJson(url.toString(), dingTalkBody(n, deps), {}, signal, now, `dingtalk ${spec.name}`, robotAnswerJudge(`dingtalk ${spec.name}`, DINGTALK_RETRYABLE));
    },
  };
});
