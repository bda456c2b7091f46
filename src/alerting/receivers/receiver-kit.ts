/**
 * What every receiver is built from: the deps it is given (secret resolution, the redaction
 * registry, the clock, the operator's time zone, the console's address), `defineReceiver` that
 * pairs a strict config schema with a factory, and `postJson`, the one HTTP POST all webhook-like
 * receivers share. Errors from here never carry a URL (robot keys and Slack tokens live in URLs).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Clock } from '../../common/clock.js';
import { errorMessage } from '../../common/errors.js';
import type { SecretRegistry } from '../../common/secrets.js';
import { secretRef, type SecretRef } from '../../config/schema.js';
import { classifyHttpStatus, parseRetryAfter, transportFailure } from '../delivery-policy.js';
import type { DeliveryResult, Notification, Receiver } from '../types.js';

/** What a receiver factory is given. */
export interface ReceiverDeps {
  /** Reads a secret reference (`{ env }` or `{ file }`); throws naming the reference, never the value. */
  readonly resolveSecret: (ref: SecretRef) => string;
  /** Every resolved secret is registered here, so logs and errors can be scrubbed of it. */
  readonly secrets: SecretRegistry;
  readonly clock: Clock;
  /** IANA zone for times shown to people (settings.timeZone). */
  readonly timeZone: string;
  /** The console's base URL, for links to hazards; none: no link. */
  readonly consoleUrl?: string;
  /** The signed acknowledgement link for a hazard in a notification (ack-link.ts); none: no such link. */
  readonly ackLink?: (hazardId: string, n: Notification) => string;
}

/** A receiver type: its config schema and how to build one. */
export interface ReceiverFactory {
  readonly type: string;
  /** The strict schema of one receiver's config (with `name` and `type`). */
  readonly schema: z.ZodType;
  /** Parses `spec` and builds the receiver; throws a ZodError on a bad spec. */
  build(spec: unknown, deps: ReceiverDeps): Receiver;
}

/** Pairs a schema with its factory, so the list of receiver types stays one array of one shape. */
export function defineReceiver<S extends z.ZodType>(type: string, schema: S, create: (spec: z.infer<S>, deps: ReceiverDeps) => Receiver): ReceiverFactory {
  return { type, schema, build: (spec, deps) => create(schema.parse(spec), deps) };
}

/** A receiver's name: what notifications are addressed to. */
export const receiverName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a receiver name: letters, digits, . _ - (max 64)');
/** An http(s) URL. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
export { secretRef };

/** Resolves a secret and registers it for redaction. */
export function secretValue(deps: ReceiverDeps, ref: SecretRef): string {
  const value = deps.resolveSecret(ref);
  deps.secrets.add(value);
  return value;
}

/** Reads a secret reference from the environment or a file (one trailing newline dropped). */
export function readSecretRef(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): string {
  if ('env' in ref) {
    const v = env[ref.env];
    if (v === undefined || v === '') throw new Error(`receiver secret: environment variable ${ref.env} is not set`);
    return v;
  }
  let v: string;
  try {
    v = readFileSync(ref.file, 'utf8').replace(/\r?\n$/, '');
  } catch {
    throw new Error(`receiver secret: cannot read file ${ref.file}`);
  }
  if (v === '') throw new Error(`receiver secret: file ${ref.file} is empty`);
  return v;
}

/** What a JSON answer of HTTP 200 says (robots answer 200 with an error code inside); undefined: trust the status. */
export type AnswerJudge = (body: string) => DeliveryResult | undefined;

/**
 * POSTs `body` as JSON and classifies the answer. `what` names the receiver in errors; the URL
 * never appears in them. The answer is read (bounded) so the connection can be reused and
 * `judge` can look inside a 2xx.
 */
export async function postJson(url: string, body: string, headers: Readonly<Record<string, string>>, signal: AbortSignal, now: number, what: string, judge?: AnswerJudge): Promise<DeliveryResult> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, signal, redirect: 'manual' });
  } catch (err) {
    return transportFailure(`${what}: ${signal.aborted ? 'aborted' : causeOf(err)}`);
  }
  let text = '';
  try {
    text = (await res.text()).slice(0, 64 * 1024);
  } catch (err) {
    return transportFailure(`${what}: reading the answer failed: ${causeOf(err)}`);
  }
  const result = classifyHttpStatus(res.status, parseRetryAfter(res.headers.get('retry-after'), now));
  if (!result.ok) return { ...result, error: `${what}: HTTP ${res.status}` };
  return judge?.(text) ?? result;
}

/** The useful part of a fetch failure (its cause's code), never the URL. */
function causeOf(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (cause !== undefined && typeof cause.code === 'string') return cause.code;
  return errorMessage(err).replace(/https?:\/\/\S+/g, '<url>');
}

/**
 * The judge of a chat robot's JSON answer `{ errcode, errmsg }`: 0 is delivered, a code in
 * `retryable` (rate limits, busy) is retried, any other is permanent (bad key, bad signature, bad message).
 */
export function robotAnswerJudge(what: string, retryable: readonly number[]): AnswerJudge {
  return (body) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ok: false, retryable: true, status: 200, error: `${what}: the answer is not JSON` };
    }
    const code = typeof parsed === 'object' && parsed !== null ? (parsed as { errcode?: unknown }).errcode : undefined;
    if (code === 0) return { ok: true, retryable: false, status: 200 };
    const errmsg = typeof parsed === 'object' && parsed !== null ? (parsed as { errmsg?: unknown }).errmsg : undefined;
    const msg = typeof errmsg === 'string' ? errmsg.slice(0, 200) : '';
    return { ok: false, retryable: typeof code === 'number' && retryable.includes(code), status: 200, error: `${what}: errcode ${String(code)} ${msg}`.trim() };
  };
}

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character, marking the cut. */
export function capUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const mark = '\n…';
  let out = Buffer.from(text).subarray(0, maxBytes - Buffer.byteLength(mark)).toString('utf8');
  // a cut inside a multi-byte character decodes as U+FFFD at the end
  out = out.replace(/\uFFFD+$/, '');
  return out + mark;
}
