import { describe, expect, it } from 'vitest';
import { UsageError } from '../../common/errors.js';
import { SecretRegistry } from '../../common/secrets.js';
import { BODY_CAP_BYTES, runHealthCheck, type HealthCheckSpec, type HealthResult } from './health.js';
import { USER_AGENT } from './spec.js';

const TOKEN = 'tok-SECRET-4711';
const BODY_MARK = 'BODY-MARK';
const START = 1_700_000_000_000;

/** What the fake server does with one request. */
type Reply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string | (() => ReadableStream<Uint8Array>); readonly advanceMs?: number }
  | { readonly error: unknown }
  | { readonly hang: 'honours-signal' | 'ignores-signal' };

/** One request the check must make, in order. */
interface Expected {
  readonly url: string;
  readonly method?: 'GET' | 'HEAD';
  /** Headers that must be sent with exactly these values (names lower-case). */
  readonly headers?: Record<string, string>;
  /** Headers that must not be sent. */
  readonly absent?: readonly string[];
  readonly reply: Reply;
}

/** A fetch that answers a fixed script and records every deviation from it (calls beyond it included). */
function strictFetch(script: readonly Expected[], clock: { t: number }): { fetch: typeof fetch; problems: string[]; left: () => number } {
  const problems: string[] = [];
  let next = 0;
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const want = script[next++];
    const url = input instanceof Request ? input.url : String(input);
    if (want === undefined) {
      problems.push(`unexpected call #${next} to ${url}`);
      throw new Error('unexpected fetch call');
    }
    if (url !== want.url) problems.push(`call #${next}: url ${url}, want ${want.url}`);
    if ((init?.method ?? 'GET') !== (want.method ?? 'GET')) problems.push(`call #${next}: method ${init?.method ?? 'GET'}`);
    if (init?.redirect !== 'manual') problems.push(`call #${next}: redirect mode ${String(init?.redirect)}, want manual`);
    if (!(init?.signal instanceof AbortSignal)) problems.push(`call #${next}: no abort signal`);
    const sent = new Headers(init?.headers);
    for (const [name, value] of Object.entries(want.headers ?? {})) {
      if (sent.get(name) !== value) problems.push(`call #${next}: header ${name} is ${String(sent.get(name))}`);
    }
    for (const name of want.absent ?? []) if (sent.has(name)) problems.push(`call #${next}: header ${name} must not be sent`);
    const reply = want.reply;
    if ('error' in reply) throw reply.error;
    if ('hang' in reply) {
      return new Promise<Response>((_, reject) => {
        if (reply.hang === 'honours-signal') init?.signal?.addEventListener('abort', () => { reject(new DOMException('aborted', 'AbortError')); });
      });
    }
    await Promise.resolve();
    clock.t += reply.advanceMs ?? 0;
    const body = typeof reply.body === 'function' ? reply.body() : reply.body ?? null;
    return new Response(body, { status: reply.status, headers: reply.headers ?? {} });
  };
  return { fetch: fake, problems, left: () => script.length - next };
}

function stalledBody(first: string): () => ReadableStream<Uint8Array> {
  return () => new ReadableStream<Uint8Array>({ start(c) { c.enqueue(new TextEncoder().encode(first)); } });
}

function netError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`${code} something 10.0.0.1:443`), { code }) });
}

const URL_ = 'https://smsc-a.example/health';
const base: HealthCheckSpec = { id: 'smsc-a', url: URL_, timeoutMs: 1000, headers: { authorization: `Bearer ${TOKEN}` } };
const ok200: Reply = { status: 200, body: `{"status":"UP","db":{"ok":true,"lag":3},"nodes":["a","b"]} ${BODY_MARK}`, advanceMs: 40 };

interface Case {
  readonly name: string;
  readonly spec?: Partial<HealthCheckSpec>;
  readonly calls: readonly Expected[];
  readonly want: Partial<Omit<HealthResult, 'reasons'>> & { readonly reasons: readonly (string | RegExp)[] };
}

const cases: readonly Case[] = [
  {
    name: '200 with the default expectations is ok; latency is time to headers by the injected clock',
    calls: [{ url: URL_, headers: { authorization: `Bearer ${TOKEN}`, 'user-agent': USER_AGENT }, reply: ok200 }],
    want: { ok: true, httpStatus: 200, latencyMs: 40, at: START, reasons: [] },
  },
  {
    name: '503 is not in 200-299',
    calls: [{ url: URL_, reply: { status: 503, body: BODY_MARK } }],
    want: { ok: false, httpStatus: 503, latencyMs: 0, reasons: ['status 503 not in 200-299'] },
  },
  {
    name: 'a status list is named as such',
    spec: { expectStatus: [200, 204] },
    calls: [{ url: URL_, reply: { status: 202 } }],
    want: { ok: false, httpStatus: 202, reasons: ['status 202 not one of 200, 204'] },
  },
  {
    name: 'a 3xx within expectStatus is judged as it is, not followed',
    spec: { expectStatus: { min: 200, max: 399 } },
    calls: [{ url: URL_, reply: { status: 302, headers: { location: '/login' } } }],
    want: { ok: true, httpStatus: 302, reasons: [] },
  },
  {
    name: '301 is not followed by default; only the target host is named',
    calls: [{ url: URL_, reply: { status: 301, headers: { location: `https://other.example:8443/x?token=${TOKEN}` } } }],
    want: { ok: false, httpStatus: 301, reasons: ['status 301 not in 200-299', 'redirect to other.example:8443 not followed'] },
  },
  {
    name: 'a relative redirect names the same host',
    calls: [{ url: URL_, reply: { status: 302, headers: { location: '/elsewhere' } } }],
    want: { ok: false, httpStatus: 302, reasons: ['status 302 not in 200-299', 'redirect to smsc-a.example not followed'] },
  },
  {
    name: 'followRedirects follows a same-origin 302 and keeps the headers',
    spec: { followRedirects: true },
    calls: [
      { url: URL_, reply: { status: 302, headers: { location: '/health/v2' }, advanceMs: 10 } },
      { url: 'https://smsc-a.example/health/v2', headers: { authorization: `Bearer ${TOKEN}` }, reply: { ...ok200, advanceMs: 15 } },
    ],
    want: { ok: true, httpStatus: 200, latencyMs: 25, reasons: [] },
  },
  {
    name: 'a cross-origin redirect drops every configured header and the Location userinfo',
    spec: { followRedirects: true, headers: { authorization: `Bearer ${TOKEN}`, 'x-api-key': 'key-SECRET-9' } },
    calls: [
      { url: URL_, reply: { status: 307, headers: { location: 'http://u:p@mirror.example/health' } } },
      { url: 'http://mirror.example/health', absent: ['authorization', 'x-api-key'], headers: { 'user-agent': USER_AGENT }, reply: ok200 },
    ],
    want: { ok: true, httpStatus: 200, reasons: [] },
  },
  {
    name: 'a redirect loop stops after 5 redirects',
    spec: { followRedirects: true },
    calls: Array.from({ length: 6 }, () => ({ url: URL_, reply: { status: 302, headers: { location: URL_ } } })),
    want: { ok: false, httpStatus: 302, reasons: ['more than 5 redirects'] },
  },
  {
    name: 'a redirect to another scheme is not followed',
    spec: { followRedirects: true },
    calls: [{ url: URL_, reply: { status: 301, headers: { location: 'ftp://files.example/x' } } }],
    want: { ok: false, httpStatus: 301, reasons: ['redirect to a non-HTTP URL (ftp) not followed'] },
  },
  {
    name: 'followRedirects and a 3xx without Location',
    spec: { followRedirects: true },
    calls: [{ url: URL_, reply: { status: 302 } }],
    want: { ok: false, httpStatus: 302, reasons: ['status 302 not in 200-299', 'redirect without a Location header'] },
  },
  {
    name: 'latency over maxLatencyMs',
    spec: { maxLatencyMs: 500 },
    calls: [{ url: URL_, reply: { ...ok200, advanceMs: 812 } }],
    want: { ok: false, httpStatus: 200, latencyMs: 812, reasons: ['latency 812 ms over 500 ms'] },
  },
  {
    name: 'latency at the limit is ok',
    spec: { maxLatencyMs: 500 },
    calls: [{ url: URL_, reply: { ...ok200, advanceMs: 500 } }],
    want: { ok: true, latencyMs: 500, reasons: [] },
  },
  {
    name: 'body contains',
    spec: { expectBody: { contains: '"UP"' } },
    calls: [{ url: URL_, reply: ok200 }],
    want: { ok: true, reasons: [] },
  },
  {
    name: 'body does not contain',
    spec: { expectBody: { contains: 'GREEN' } },
    calls: [{ url: URL_, reply: ok200 }],
    want: { ok: false, httpStatus: 200, reasons: ['body did not contain "GREEN"'] },
  },
  {
    name: 'body does not match',
    spec: { expectBody: { matches: '"status":\\s*"(UP|OK)"', contains: 'DOWN' } },
    calls: [{ url: URL_, reply: { status: 200, body: `{"status":"DEGRADED"} ${BODY_MARK}` } }],
    want: { ok: false, reasons: ['body did not contain "DOWN"', 'body did not match /"status":\\s*"(UP|OK)"/'] },
  },
  {
    name: 'JSON path equals a string',
    spec: { expectBody: { jsonPath: { path: '$.status', equals: 'UP' } } },
    calls: [{ url: URL_, reply: { status: 200, body: '{"status":"UP"}' } }],
    want: { ok: true, reasons: [] },
  },
  {
    name: 'JSON path into arrays and nested objects',
    spec: { expectBody: { jsonPath: { path: 'nodes[1]', equals: 'b' } } },
    calls: [{ url: URL_, reply: { status: 200, body: '{"nodes":["a","b"]}' } }],
    want: { ok: true, reasons: [] },
  },
  {
    name: 'JSON path with another value of the same kind never quotes the found value',
    spec: { expectBody: { jsonPath: { path: '$.status', equals: 'UP' } } },
    calls: [{ url: URL_, reply: { status: 200, body: `{"status":"${BODY_MARK}"}` } }],
    want: { ok: false, reasons: ['body JSON at $.status is not "UP" (found another string)'] },
  },
  {
    name: 'JSON path is strict about types',
    spec: { expectBody: { jsonPath: { path: '$.db.lag', equals: '3' } } },
    calls: [{ url: URL_, reply: { status: 200, body: '{"db":{"lag":3}}' } }],
    want: { ok: false, reasons: ['body JSON at $.db.lag is not "3" (found a number)'] },
  },
  {
    name: 'JSON path to nothing',
    spec: { expectBody: { jsonPath: { path: '$.db.replica', equals: true } } },
    calls: [{ url: URL_, reply: { status: 200, body: '{"db":{"ok":true}}' } }],
    want: { ok: false, reasons: ['body JSON has no value at $.db.replica'] },
  },
  {
    name: 'JSON path on a body that is not JSON',
    spec: { expectBody: { jsonPath: { path: '$.status', equals: 'UP' } } },
    calls: [{ url: URL_, reply: { status: 200, body: `<html>${BODY_MARK}</html>` } }],
    want: { ok: false, reasons: ['body is not valid JSON'] },
  },
  {
    name: 'the body is read only up to the cap',
    spec: { expectBody: { contains: 'NEEDLE' } },
    calls: [{ url: URL_, reply: { status: 200, body: `${'a'.repeat(BODY_CAP_BYTES)}NEEDLE` } }],
    want: { ok: false, reasons: ['body did not contain "NEEDLE" in its first 64 KiB'] },
  },
  {
    name: 'JSON longer than the cap is not judged',
    spec: { expectBody: { jsonPath: { path: '$.status', equals: 'UP' } } },
    calls: [{ url: URL_, reply: { status: 200, body: `{"pad":"${'a'.repeat(BODY_CAP_BYTES)}","status":"UP"}` } }],
    want: { ok: false, reasons: ['body is longer than 64 KiB; JSON not judged'] },
  },
  {
    name: 'a failed status skips the body judgment',
    spec: { expectBody: { contains: 'UP' } },
    calls: [{ url: URL_, reply: { status: 500, body: `UP ${BODY_MARK}` } }],
    want: { ok: false, httpStatus: 500, reasons: ['status 500 not in 200-299'] },
  },
  {
    name: 'HEAD is sent as HEAD',
    spec: { method: 'HEAD' },
    calls: [{ url: URL_, method: 'HEAD', reply: { status: 200 } }],
    want: { ok: true, reasons: [] },
  },
  {
    name: 'connection refused',
    calls: [{ url: URL_, reply: { error: netError('ECONNREFUSED') } }],
    want: { ok: false, httpStatus: null, latencyMs: null, reasons: ['connection refused'] },
  },
  {
    name: 'DNS failure',
    calls: [{ url: URL_, reply: { error: netError('ENOTFOUND') } }],
    want: { ok: false, httpStatus: null, reasons: ['DNS failure: host not found (ENOTFOUND)'] },
  },
  {
    name: 'TLS error',
    calls: [{ url: URL_, reply: { error: netError('DEPTH_ZERO_SELF_SIGNED_CERT') } }],
    want: { ok: false, reasons: ['TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)'] },
  },
  {
    name: 'an unknown failure names its code, never its message',
    calls: [{ url: URL_, reply: { error: netError('EWEIRD') } }],
    want: { ok: false, reasons: ['request failed (EWEIRD)'] },
  },
  {
    name: 'timeout waiting for headers (fetch honours the signal)',
    spec: { timeoutMs: 30 },
    calls: [{ url: URL_, reply: { hang: 'honours-signal' } }],
    want: { ok: false, httpStatus: null, latencyMs: null, reasons: ['timeout after 30 ms waiting for the response headers'] },
  },
  {
    name: 'timeout even when fetch ignores the signal',
    spec: { timeoutMs: 30 },
    calls: [{ url: URL_, reply: { hang: 'ignores-signal' } }],
    want: { ok: false, httpStatus: null, reasons: ['timeout after 30 ms waiting for the response headers'] },
  },
  {
    name: 'headers arrive, then the body stalls',
    spec: { timeoutMs: 30, expectBody: { contains: 'UP' } },
    calls: [{ url: URL_, reply: { status: 200, body: stalledBody(BODY_MARK) } }],
    want: { ok: false, httpStatus: 200, reasons: ['timeout after 30 ms waiting for the body'] },
  },
  {
    name: 'a stalled body does not matter when the body is not judged',
    spec: { timeoutMs: 30 },
    calls: [{ url: URL_, reply: { status: 200, body: stalledBody(BODY_MARK) } }],
    want: { ok: true, httpStatus: 200, reasons: [] },
  },
  {
    name: 'the connection breaks while the body is read',
    spec: { expectBody: { contains: 'UP' } },
    calls: [{
      url: URL_,
      reply: {
        status: 200,
        body: () => new ReadableStream<Uint8Array>({
          start(c) { c.enqueue(new TextEncoder().encode(BODY_MARK)); },
          pull(c) { c.error(netError('ECONNRESET')); },
        }),
      },
    }],
    want: { ok: false, httpStatus: 200, reasons: ['connection reset by the server while reading the body'] },
  },
  {
    name: 'a wall clock stepped back gives latency 0, not a negative one',
    calls: [{ url: URL_, reply: { ...ok200, advanceMs: -50 } }],
    want: { ok: true, latencyMs: 0, reasons: [] },
  },
  {
    name: 'URL userinfo becomes Basic auth and leaves the URL',
    spec: { url: 'https://noc:pa%24%24-SECRET@smsc-a.example/health', headers: {} },
    calls: [{ url: URL_, headers: { authorization: `Basic ${Buffer.from('noc:pa$$-SECRET').toString('base64')}` }, reply: { status: 401 } }],
    want: { ok: false, httpStatus: 401, reasons: ['status 401 not in 200-299'] },
  },
];

describe('runHealthCheck over a strict fake fetch', () => {
  it.each(cases)('$name', async ({ spec, calls, want }) => {
    const clock = { t: START };
    const fake = strictFetch(calls, clock);
    const secrets = new SecretRegistry();
    const result = await runHealthCheck({ ...base, ...spec }, { fetch: fake.fetch, now: () => clock.t, secrets });

    expect(fake.problems).toEqual([]);
    expect(fake.left()).toBe(0);
    const { reasons, ...rest } = result;
    const { reasons: wantReasons, ...wantRest } = want;
    expect(rest).toMatchObject({ checkId: 'smsc-a', ...wantRest });
    expect(reasons).toHaveLength(wantReasons.length);
    wantReasons.forEach((r, i) => {
      if (typeof r === 'string') expect(reasons[i]).toBe(r);
      else expect(reasons[i]).toMatch(r);
    });
    const text = JSON.stringify(result);
    for (const secret of [TOKEN, BODY_MARK, 'pa$$-SECRET', 'pa%24%24-SECRET', 'key-SECRET-9', 'smsc-a.example/health']) {
      expect(text).not.toContain(secret);
    }
  });

  it('does not read a body it does not judge', async () => {
    let cancelled = false;
    const clock = { t: START };
    const body = (): ReadableStream<Uint8Array> => new ReadableStream<Uint8Array>({ cancel() { cancelled = true; } });
    const fake = strictFetch([{ url: URL_, reply: { status: 200, body } }], clock);
    const result = await runHealthCheck(base, { fetch: fake.fetch, now: () => clock.t, secrets: new SecretRegistry() });
    await new Promise((r) => setImmediate(r));
    expect(result.ok).toBe(true);
    expect(cancelled).toBe(true);
  });

  it('registers every credential of the spec with the secret registry', async () => {
    const clock = { t: START };
    const secrets = new SecretRegistry();
    const spec: HealthCheckSpec = {
      id: 'gw',
      url: 'https://noc:hunter2-SECRET@gw.example/ping?api_key=qk-SECRET-1&region=north',
      timeoutMs: 1000,
      headers: { 'x-smsc-pin': 'pin-SECRET-77' },
    };
    const fake = strictFetch([{ url: 'https://gw.example/ping?api_key=qk-SECRET-1&region=north', reply: { status: 200 } }], clock);
    await runHealthCheck(spec, { fetch: fake.fetch, now: () => clock.t, secrets });
    expect(fake.problems).toEqual([]);
    const leaked = secrets.redact('hunter2-SECRET qk-SECRET-1 pin-SECRET-77 region=north');
    expect(leaked).toBe('[REDACTED] [REDACTED] [REDACTED] region=north');
  });
});

describe('runHealthCheck refuses an unusable spec', () => {
  const deps = { now: () => START, secrets: new SecretRegistry(), fetch: strictFetch([], { t: 0 }).fetch };

  it.each([
    [{ url: 'not a url' }, /url: not a valid absolute URL/],
    [{ url: 'ftp://files.example/x' }, /url: scheme must be http or https/],
    [{ timeoutMs: 0 }, /timeoutMs: must be a positive integer/],
    [{ maxLatencyMs: -1 }, /maxLatencyMs: must be a positive number/],
    [{ expectStatus: [] }, /expectStatus: must list at least one status/],
    [{ expectStatus: [200, 700] }, /expectStatus\[1\]: must be an integer from 100 to 599/],
    [{ expectStatus: { min: 300, max: 200 } }, /expectStatus: min is above max/],
    [{ method: 'HEAD', expectBody: { contains: 'x' } }, /HEAD response has no body/],
    [{ expectBody: { matches: '(' } }, /expectBody.matches: not a valid regular expression/],
    [{ expectBody: { jsonPath: { path: '$..x', equals: 1 } } }, /expectBody.jsonPath.path/],
    [{ headers: { 'x-token': `a\r\nb-${TOKEN}` } }, /headers.x-token: the value contains a line break/],
    [{ headers: { 'bad name': 'v' } }, /a header name has characters/],
    [{ url: `https://u:${TOKEN}@h.example/`, headers: { Authorization: 'Basic x' } }, /give only one/],
  ] as const)('%j', async (patch, message) => {
    const spec = { ...base, ...patch } as HealthCheckSpec;
    const err = await runHealthCheck(spec, deps).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).retryable).toBe(false);
    expect((err as UsageError).message).toMatch(message);
    expect((err as UsageError).message).not.toContain(TOKEN);
  });

  it('names every problem at once', async () => {
    const spec = { ...base, url: 'nope', timeoutMs: -5, expectStatus: [] } as HealthCheckSpec;
    await expect(runHealthCheck(spec, deps)).rejects.toThrow(/url: .*; timeoutMs: .*; expectStatus: /);
  });
});
