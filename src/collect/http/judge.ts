/**
 * Pure judgments of one HTTP health check: status, latency, body and transport failures turned
 * into plain-words reasons. No reason ever quotes the response body or a request credential:
 * they say what was expected and, at most, what *kind* of thing was found.
 */
import type { HealthCheckSpec } from './health-check.js';
import { lookupJsonPath, type JsonPath } from './json-path.js';

/** The part of a response body that was read, and whether more was left unread. */
export interface BodySample {
  readonly text: string;
  /** True when the body was longer than the cap and only its start was judged. */
  readonly truncated: boolean;
}

/** What the body must satisfy, compiled. */
export interface BodyExpectation {
  readonly contains?: string;
  readonly regex: RegExp | null;
  readonly jsonPath: { readonly label: string; readonly path: JsonPath; readonly equals: string | number | boolean } | null;
}

/** HTTP statuses a health check may follow as a redirect. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

const DEFAULT_STATUS = { min: 200, max: 299 } as const;

/** Why `status` does not meet the expectation (default 200-299), or null when it does. */
export function statusReason(status: number, expect: HealthCheckSpec['expectStatus']): string | null {
  const want = expect ?? DEFAULT_STATUS;
  if (!('min' in want)) return want.includes(status) ? null : `status ${status} not one of ${want.join(', ')}`;
  return status >= want.min && status <= want.max ? null : `status ${status} not in ${want.min}-${want.max}`;
}

/** Why `latencyMs` is too slow, or null when no limit is set or it is within it. */
export function latencyReason(latencyMs: number, maxLatencyMs: number | undefined): string | null {
  if (maxLatencyMs === undefined || latencyMs <= maxLatencyMs) return null;
  return `latency ${Math.round(latencyMs)} ms over ${maxLatencyMs} ms`;
}

/** Why a 3xx that was not followed fails; names the target's host only (never its path or query). */
export function redirectNotFollowedReason(location: string | null, base: URL): string {
  if (location === null) return 'redirect without a Location header';
  try {
    return `redirect to ${new URL(location, base).host || 'an unnamed host'} not followed`;
  } catch {
    return 'redirect to an invalid location not followed';
  }
}

/** Every way `sample` falls short of `expect`; `capBytes` is named when only the start was read. */
export function bodyReasons(sample: BodySample, expect: BodyExpectation, capBytes: number): string[] {
  const reasons: string[] = [];
  const within = sample.truncated ? ` in its first ${formatBytes(capBytes)}` : '';
  if (expect.contains !== undefined && !sample.text.includes(expect.contains)) {
    reasons.push(`body did not contain ${quote(expect.contains)}${within}`);
  }
  if (expect.regex !== null && !expect.regex.test(sample.text)) {
    reasons.push(`body did not match /${shorten(expect.regex.source)}/${within}`);
  }
  if (expect.jsonPath !== null) {
    const { label, path, equals } = expect.jsonPath;
    let doc: unknown;
    try {
      doc = JSON.parse(sample.text) as unknown;
    } catch {
      reasons.push(sample.truncated ? `body is longer than ${formatBytes(capBytes)}; JSON not judged` : 'body is not valid JSON');
      return reasons;
    }
    const found = lookupJsonPath(doc, path);
    if (!found.present) reasons.push(`body JSON has no value at ${label}`);
    else if (found.value !== equals) {
      const same = kindOf(found.value) === kindOf(equals);
      reasons.push(`body JSON at ${label} is not ${quote(equals)} (found ${same ? `another ${kindOf(equals)}` : article(kindOf(found.value))})`);
    }
  }
  return reasons;
}

/** Plain words for a failed request, from the error codes in its cause chain (never its message). */
export function describeFetchFailure(err: unknown): string {
  const codes = errorCodes(err);
  const has = (...wanted: string[]): string | undefined => codes.find((c) => wanted.includes(c));
  const tls = codes.find(isTlsCode);
  if (has('ECONNREFUSED')) return 'connection refused';
  const dns = has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA', 'EAI_ADDRFAMILY');
  if (dns !== undefined) return dns === 'EAI_AGAIN' ? 'DNS failure: name server did not answer (EAI_AGAIN)' : `DNS failure: host not found (${dns})`;
  if (tls !== undefined) return `TLS error: ${TLS_WORDS[tls] ?? 'handshake failed'} (${tls})`;
  if (has('ECONNRESET', 'EPIPE')) return 'connection reset by the server';
  if (has('UND_ERR_SOCKET', 'UND_ERR_CLOSED')) return 'connection closed by the server before a complete response';
  if (has('EHOSTUNREACH', 'EHOSTDOWN')) return 'host unreachable';
  if (has('ENETUNREACH', 'ENETDOWN')) return 'network unreachable';
  if (has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT')) return 'connect timed out';
  if (has('UND_ERR_HEADERS_TIMEOUT')) return 'timed out waiting for response headers';
  if (has('UND_ERR_BODY_TIMEOUT')) return 'timed out reading the body';
  const parse = codes.find((c) => c.startsWith('HPE_') || c === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || c.startsWith('Z_'));
  if (parse !== undefined) return `invalid HTTP response (${parse})`;
  const first = codes[0];
  if (first !== undefined) return `request failed (${first})`;
  return `request failed (${err instanceof Error ? err.name : typeof err})`;
}

const TLS_WORDS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not name this host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate not trusted',
  CERT_REVOKED: 'certificate revoked',
};

function isTlsCode(code: string): boolean {
  return code in TLS_WORDS || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('CERT_') || code === 'EPROTO';
}

/** The `code` of an error and of everything in its `cause` chain and `errors` list (AggregateError). */
function errorCodes(err: unknown, depth = 0): string[] {
  if (depth > 6 || typeof err !== 'object' || err === null) return [];
  const codes: string[] = [];
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== '') codes.push(code);
  codes.push(...errorCodes(cause, depth + 1));
  if (Array.isArray(errors)) for (const e of errors) codes.push(...errorCodes(e, depth + 1));
  return codes;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(kind: string): string {
  if (kind === 'null') return 'null';
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

function quote(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(shorten(value)) : String(value);
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function formatBytes(n: number): string {
  return n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}
