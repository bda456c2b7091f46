import { afterEach, describe, expect, it } from 'vitest';
import { notification, psuAlert } from '../../../test/support/alert-notifications.js';
import { startCaptureServer, type CaptureServer } from '../../../test/support/alert-receiver-server.js';
import { receiverDeps } from '../../../test/support/receiver-deps.js';
import { signDingTalk } from '../delivery-policy.js';
import { dingTalkReceiver } from './dingtalk.js';
import { slackReceiver } from './slack.js';
import { WECOM_MAX_BYTES, weComReceiver } from './wecom.js';

let server: CaptureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const signal = (): AbortSignal => new AbortController().signal;

describe('DingTalk robot against a local fake of its API', () => {
  it('sends a markdown message, zh-CN first, with access_token, timestamp and sign checked by the fake', async () => {
    const deps = receiverDeps({ DT_TOKEN: 'dt-token-77aa', DT_SECRET: 'SEC0123456789abcdef' });
    const problems: string[] = [];
    server = await startCaptureServer((r) => {
      const q = new URL(r.url, 'http://x').searchParams;
      if (q.get('access_token') !== 'dt-token-77aa') problems.push('token');
      const ts = Number(q.get('timestamp'));
      if (Math.abs(ts - deps.clock.wallMs()) > 3_600_000) problems.push('timestamp');
      if (q.get('sign') !== signDingTalk('SEC0123456789abcdef', ts)) problems.push('sign');
      return { status: 200, body: problems.length === 0 ? '{"errcode":0,"errmsg":"ok"}' : '{"errcode":310000,"errmsg":"sign not match"}' };
    });
    const robot = dingTalkReceiver.build({ name: 'dt', type: 'dingtalk', accessToken: { env: 'DT_TOKEN' }, secret: { env: 'DT_SECRET' }, url: `${server.url}/robot/send` }, deps);
    expect(await robot.deliver(notification('d-1', 'dt'), signal())).toEqual({ ok: true, retryable: false, status: 200 });
    expect(problems).toEqual([]);
    const msg = JSON.parse(server.requests[0]!.body) as { msgtype: string; markdown: { title: string; text: string } };
    expect(msg.msgtype).toBe('markdown');
    expect(msg.markdown.title).toContain('bj-core-1 单电源运行');
    expect(msg.markdown.text.indexOf('风险等级')).toBeLessThan(msg.markdown.text.indexOf('Risk level'));
    expect(msg.markdown.text).toContain('2026-12-04 16:00:00 Asia/Shanghai');
    expect(msg.markdown.text).toContain('https://redline.example.net/console/hazards/HZ-2026-0001');
  });

  it('a refused signature is permanent, rate limiting is retried, and neither error carries the token', async () => {
    const deps = receiverDeps({ DT_TOKEN: 'dt-token-77aa' });
    const answers = ['{"errcode":310000,"errmsg":"sign not match"}', '{"errcode":130101,"errmsg":"send too fast"}'];
    server = await startCaptureServer(() => ({ status: 200, body: answers.shift() ?? '' }));
    const robot = dingTalkReceiver.build({ name: 'dt', type: 'dingtalk', accessToken: { env: 'DT_TOKEN' }, url: server.url }, deps);
    const refused = await robot.deliver(notification('d-1', 'dt'), signal());
    const limited = await robot.deliver(notification('d-2', 'dt'), signal());
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(limited).toMatchObject({ ok: false, retryable: true });
    expect(`${refused.error ?? ''} ${limited.error ?? ''}`).not.toContain('dt-token-77aa');
    expect(new URL(server.requests[0]!.url, 'http://x').searchParams.has('sign')).toBe(false);
  });
});

describe('WeCom robot against a local fake of its API', () => {
  it('sends markdown under 4096 bytes with the key as a query parameter', async () => {
    const deps = receiverDeps({ WECOM_KEY: '693a91f6-7xxx' });
    server = await startCaptureServer((r) => {
      const key = new URL(r.url, 'http://x').searchParams.get('key');
      return { status: 200, body: key === '693a91f6-7xxx' ? '{"errcode":0,"errmsg":"ok"}' : '{"errcode":93000,"errmsg":"invalid webhook url"}' };
    });
    const robot = weComReceiver.build({ name: 'wx', type: 'wecom', key: { env: 'WECOM_KEY' }, url: `${server.url}/cgi-bin/webhook/send` }, deps);
    const many = Array.from({ length: 60 }, (_, i) => psuAlert(`bj-core-${i}`));
    expect(await robot.deliver(notification('d-1', 'wx', undefined, many), signal())).toMatchObject({ ok: true });
    const msg = JSON.parse(server.requests[0]!.body) as { msgtype: string; markdown: { content: string } };
    expect(msg.msgtype).toBe('markdown');
    expect(Buffer.byteLength(msg.markdown.content)).toBeLessThanOrEqual(WECOM_MAX_BYTES);
    expect(msg.markdown.content.endsWith('…')).toBe(true);
    expect(msg.markdown.content).not.toContain('\uFFFD');
  });

  it('45009 (frequency limit) is retried, a bad key is permanent', async () => {
    const deps = receiverDeps({ WECOM_KEY: 'k-1' });
    const answers = ['{"errcode":45009,"errmsg":"api freq out of limit"}', '{"errcode":93000,"errmsg":"invalid webhook url"}'];
    server = await startCaptureServer(() => ({ status: 200, body: answers.shift() ?? '' }));
    const robot = weComReceiver.build({ name: 'wx', type: 'wecom', key: { env: 'WECOM_KEY' }, url: server.url }, deps);
    expect(await robot.deliver(notification('d-1', 'wx'), signal())).toMatchObject({ ok: false, retryable: true });
    expect(await robot.deliver(notification('d-2', 'wx'), signal())).toMatchObject({ ok: false, retryable: false });
  });
});

describe('Slack-compatible webhook against a local fake', () => {
  it('posts { text } to the URL held as a secret, and a 429 with Retry-After is retried after it', async () => {
    server = await startCaptureServer((r) => (r.url === '/services/T0/B0/xyz' && server!.requests.length > 1 ? { status: 200, body: 'ok' } : { status: 429, headers: { 'retry-after': '30' } }));
    const deps = receiverDeps({ SLACK_URL: `${server.url}/services/T0/B0/xyz` });
    const slack = slackReceiver.build({ name: 'sl', type: 'slack', url: { env: 'SLACK_URL' } }, deps);
    expect(await slack.deliver(notification('d-1', 'sl'), signal())).toMatchObject({ ok: false, retryable: true, status: 429, retryAfterMs: 30_000 });
    expect(await slack.deliver(notification('d-1', 'sl'), signal())).toMatchObject({ ok: true });
    const msg = JSON.parse(server.requests[1]!.body) as { text: string };
    expect(msg.text.startsWith('*[告警 FIRING]')).toBe(true);
  });
});
