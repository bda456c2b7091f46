/**
 * HTTP health checks of service endpoints (an SMSC site, an API gateway): one request, judged on
 * status, latency and optionally body, with a hard deadline covering headers and body. A failed
 * check is a result with reasons, never a throw; only an unusable spec throws (UsageError).
 * Bodies are read only as far as a judgment needs (at most BODY_CAP_BYTES) and never kept; no
 * result ever carries the body, the URL or a header value.
 */
import type { SecretRegistry } from '../../common/secrets.js';
import type { HealthCheckSpec } from './health-check.js';
import {
  REDIRECT_STATUSES,
  bodyReasons,
  describeFetchFailure,
  latencyReason,
  redirectNotFollowedReason,
  statusReason,
  type BodyExpectation,
  type BodySample,
} from './judge.js';
import { headersForRedirect, prepareHealthCheck, registerHealthCheckSecrets, type PreparedCheck } from './spec.js';

export type { HealthCheckSpec } from './health-check.js';

/** The outcome of one health check at one time. */
export interface HealthResult {
  readonly checkId: string;
  /** When the check started (ms since the epoch, by the injected clock). */
  readonly at: number;
  readonly ok: boolean;
  /** Status of the final response, or null when none arrived. */
  readonly httpStatus: number | null;
  /** Milliseconds from the start to the final response's headers, or null when none arrived. */
  readonly latencyMs: number | null;
  /** Why the check failed, in plain words; empty when ok. */
  readonly reasons: string[];
}

/** The effects a health check uses. */
export interface HealthCheckDeps {
  /** Defaults to Node's global fetch (undici); tests pass a fake. */
  readonly fetch?: typeof fetch;
  readonly now: () => number;
  /** Receives every credential of the spec; every reason is redacted through it. */
  readonly secrets: SecretRegistry;
}

/** Most bytes of a body read to judge it; the rest is never read. */
export const BODY_CAP_BYTES = 64 * 1024;
/** Most redirects followed when `followRedirects` is set. */
export const MAX_REDIRECTS = 5;

/** Runs one check. Resolves within about `timeoutMs` whatever the server does; throws only UsageError. */
export async function runHealthCheck(spec: HealthCheckSpec, deps: HealthCheckDeps): Promise<HealthResult> {
  registerHealthCheckSecrets(spec, deps.secrets);
  const prepared = prepareHealthCheck(spec);
  // made before the clock starts: loading undici the first time must not eat into the deadline
  const dispatcher = spec.tlsInsecure === true && prepared.url.protocol === 'https:' ? await insecureDispatcher() : undefined;
  const at = deps.now();
  const controller = new AbortController();
  const timer = setTimeout(() => { controller.abort(); }, spec.timeoutMs);
  const outcome: Outcome = { httpStatus: null, latencyMs: null, reasons: [] };
  try {
    await exchange(spec, prepared, {
      fetch: deps.fetch ?? globalThis.fetch,
      now: deps.now,
      at,
      signal: controller.signal,
      dispatcher,
    }, outcome);
  } finally {
    clearTimeout(timer);
    if (dispatcher !== undefined) void dispatcher.destroy().catch(() => undefined);
  }
  const reasons = outcome.reasons.map((r) => deps.secrets.redact(r));
  return { checkId: spec.id, at, ok: reasons.length === 0, httpStatus: outcome.httpStatus, latencyMs: outcome.latencyMs, reasons };
}

interface Outcome {
  httpStatus: number | null;
  latencyMs: number | null;
  reasons: string[];
}

interface ExchangeContext {
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly at: number;
  readonly signal: AbortSignal;
  readonly dispatcher: RequestInit['dispatcher'];
}

/** Thrown inside the exchange when the deadline passes, whatever the fetch implementation does. */
class DeadlinePassed extends Error {}

/** Sends the request (following redirects when asked), then judges the final response into `out`. */
async function exchange(spec: HealthCheckSpec, prepared: PreparedCheck, ctx: ExchangeContext, out: Outcome): Promise<void> {
  let url = prepared.url;
  let headers = prepared.headers;
  let phase: 'response headers' | 'body' = 'response headers';
  try {
    for (let hop = 0; ; hop++) {
      const init: RequestInit = { method: prepared.method, headers, redirect: 'manual', signal: ctx.signal };
      if (ctx.dispatcher !== undefined) init.dispatcher = ctx.dispatcher;
      const res = await untilDeadline(ctx.fetch(url, init), ctx.signal);
      // a wall clock stepped back (NTP) must not give a negative latency
      const latencyMs = Math.max(0, ctx.now() - ctx.at);
      const location = res.headers.get('location');
      if (spec.followRedirects !== true || !REDIRECT_STATUSES.has(res.status) || location === null) {
        // only the final response's status and latency are reported, never an intermediate hop's
        out.httpStatus = res.status;
        out.latencyMs = latencyMs;
        phase = 'body';
        await judge(spec, prepared, res, url, ctx.signal, out);
        return;
      }
      discard(res);
      const next = redirectTarget(location, url);
      if (typeof next === 'string' || hop >= MAX_REDIRECTS) {
        out.httpStatus = res.status;
        out.latencyMs = latencyMs;
        out.reasons.push(typeof next === 'string' ? next : `more than ${MAX_REDIRECTS} redirects`);
        return;
      }
      headers = headersForRedirect(headers, url, next);
      url = next;
    }
  } catch (err) {
    if (ctx.signal.aborted) out.reasons.push(`timeout after ${spec.timeoutMs} ms waiting for the ${phase}`);
    else out.reasons.push(phase === 'body' ? `${describeFetchFailure(err)} while reading the body` : describeFetchFailure(err));
  }
}

/** Judges the final response: status (and why a 3xx was not followed), latency, then the body if needed. */
async function judge(spec: HealthCheckSpec, prepared: PreparedCheck, res: Response, url: URL, signal: AbortSignal, out: Outcome): Promise<void> {
  const status = statusReason(res.status, spec.expectStatus);
  if (status !== null) {
    out.reasons.push(status);
    if (REDIRECT_STATUSES.has(res.status)) {
      out.reasons.push(spec.followRedirects === true ? 'redirect without a Location header' : redirectNotFollowedReason(res.headers.get('location'), url));
    }
  }
  pushIf(out.reasons, latencyReason(out.latencyMs ?? 0, spec.maxLatencyMs));
  const expect = bodyExpectation(spec, prepared);
  // a failed status already decides the verdict: the body of an error page is not read
  if (expect === null || status !== null) {
    discard(res);
    return;
  }
  const sample = await readBody(res, expect, signal);
  out.reasons.push(...bodyReasons(sample, expect, BODY_CAP_BYTES));
}

function bodyExpectation(spec: HealthCheckSpec, prepared: PreparedCheck): BodyExpectation | null {
  const body = spec.expectBody;
  if (body === undefined) return null;
  const expect: BodyExpectation = {
    regex: prepared.bodyRegex,
    jsonPath: body.jsonPath === undefined || prepared.jsonPath === null
      ? null
      : { label: body.jsonPath.path, path: prepared.jsonPath, equals: body.jsonPath.equals },
    ...(body.contains === undefined ? {} : { contains: body.contains }),
  };
  return expect.contains === undefined && expect.regex === null && expect.jsonPath === null ? null : expect;
}

/**
 * Reads at most BODY_CAP_BYTES of the body, stopping early when a lone `contains` is found;
 * whatever is left is cancelled, so the server's remaining bytes are never pulled.
 */
async function readBody(res: Response, expect: BodyExpectation, signal: AbortSignal): Promise<BodySample> {
  if (res.body === null) return { text: '', truncated: false };
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const earlyStop = expect.contains !== undefined && expect.regex === null && expect.jsonPath === null ? expect.contains : null;
  let text = '';
  let bytes = 0;
  let truncated = false;
  let done = false;
  try {
    for (;;) {
      const chunk = await untilDeadline(reader.read(), signal);
      if (chunk.done) {
        done = true;
        break;
      }
      const room = BODY_CAP_BYTES - bytes;
      const part = chunk.value.byteLength > room ? chunk.value.subarray(0, room) : chunk.value;
      bytes += part.byteLength;
      text += decoder.decode(part, { stream: true });
      if (chunk.value.byteLength > room) {
        truncated = true;
        break;
      }
      if (earlyStop !== null && text.includes(earlyStop)) break;
      if (bytes >= BODY_CAP_BYTES) {
        // exactly at the cap: the body may or may not end here; only a further read would tell
        truncated = true;
        break;
      }
    }
  } finally {
    if (!done) void reader.cancel().catch(() => undefined);
  }
  return { text: text + decoder.decode(), truncated };
}

/** Resolves a Location against the current URL; a string is the reason it cannot be followed. */
function redirectTarget(location: string, base: URL): URL | string {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch {
    return 'redirect to an invalid location';
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return `redirect to a non-HTTP URL (${next.protocol.slice(0, -1)}) not followed`;
  // userinfo in a Location is the server's, not ours: never send it on
  next.username = '';
  next.password = '';
  return next;
}

/** Races `p` against the deadline, so a fetch that ignores its signal still cannot hang a check. */
async function untilDeadline<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    p.catch(() => undefined);
    throw new DeadlinePassed();
  }
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    onAbort = () => { reject(new DeadlinePassed()); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
    p.catch(() => undefined);
  }
}

/** Drops a body that will not be judged without reading it. */
function discard(res: Response): void {
  if (res.body !== null && !res.bodyUsed) void res.body.cancel().catch(() => undefined);
}

/** An undici dispatcher that skips certificate verification; loaded only when a check asks for it. */
async function insecureDispatcher(): Promise<NonNullable<RequestInit['dispatcher']>> {
  const { Agent } = await import('undici');
  // the npm undici and the one inside Node are both 6.x and interoperate at run time; only their
  // type declarations (undici vs undici-types, different minors) disagree
  return new Agent({ connect: { rejectUnauthorized: false } }) as unknown as NonNullable<RequestInit['dispatcher']>;
}

function pushIf(list: string[], item: string | null): void {
  if (item !== null) list.push(item);
}
