/**
 * Preparing one HTTP health check before it runs: every problem of the spec found at once,
 * every credential in it registered as a secret, and the URL turned into what fetch accepts
 * (fetch refuses userinfo, so `user:pass@` becomes a Basic Authorization header).
 * Pure apart from registering secrets; nothing here echoes the URL or a header value.
 */
import { UsageError } from '../../common/errors.js';
import type { SecretRegistry } from '../../common/secrets.js';
import type { HealthCheckSpec } from './health-check.js';
import { parseJsonPath, type JsonPath } from './json-path.js';

/** Query parameters whose values are taken as credentials (`?token=…`, `?api_key=…`, `?sig=…`). */
const SECRET_QUERY_KEY = /token|key|secret|pass|pwd|auth|sig|session|credential/i;
/** Headers whose value is `<scheme> <credential>`: the credential alone is registered too. */
const SCHEME_HEADERS = new Set(['authorization', 'proxy-authorization']);
/** RFC 9110 token characters: a header name made of anything else is refused by fetch. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A health check ready to send: validated, with credentials moved from the URL to a header. */
export interface PreparedCheck {
  /** The URL without userinfo (fetch refuses userinfo). Never reported. */
  readonly url: URL;
  readonly method: 'GET' | 'HEAD';
  /** Request headers for the URL's own origin (spec headers plus Basic auth from userinfo). */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyRegex: RegExp | null;
  readonly jsonPath: JsonPath | null;
}

/** Sent when the spec does not name a User-Agent, so operators can tell redline in access logs. */
export const USER_AGENT = 'redline-health-check';

/** Registers every credential a spec carries (URL password, sensitive query values, header values). */
export function registerHealthCheckSecrets(spec: HealthCheckSpec, secrets: SecretRegistry): void {
  for (const value of Object.values(spec.headers ?? {})) addSecret(secrets, value);
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (!SCHEME_HEADERS.has(name.toLowerCase())) continue;
    const credential = /^\S+\s+(.+)$/.exec(value.trim())?.[1];
    addSecret(secrets, credential);
  }
  const url = parseUrl(spec.url);
  if (url === null) return;
  if (url.password !== '') {
    addSecret(secrets, url.password);
    addSecret(secrets, basicToken(url));
  }
  for (const [key, value] of url.searchParams) {
    if (SECRET_QUERY_KEY.test(key)) addSecret(secrets, value);
  }
  for (const raw of url.search.slice(1).split('&')) {
    const eq = raw.indexOf('=');
    if (eq > 0 && SECRET_QUERY_KEY.test(raw.slice(0, eq))) addSecret(secrets, raw.slice(eq + 1));
  }
}

/** One problem of a spec: the field it concerns (`expectBody.jsonPath.path`, `expectStatus[1]`) and what is wrong. */
export interface SpecProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Every problem of a spec, each with the field it concerns; empty when the spec is usable.
 * The one validator of a health check: configuration loading (check-config) and the runtime
 * both call it, so a spec the config accepts is a spec the runtime can run.
 */
export function healthCheckProblems(spec: HealthCheckSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const problem = (path: readonly (string | number)[], message: string): void => { problems.push({ path, message }); };
  if (spec.id.trim() === '') problem(['id'], 'must not be empty');
  const url = parseUrl(spec.url);
  if (url === null) problem(['url'], 'not a valid absolute URL');
  else if (url.protocol !== 'http:' && url.protocol !== 'https:') problem(['url'], `scheme must be http or https, not "${url.protocol.slice(0, -1)}"`);
  if (!Number.isInteger(spec.timeoutMs) || spec.timeoutMs <= 0) problem(['timeoutMs'], 'must be a positive integer');
  if (spec.maxLatencyMs !== undefined && (!Number.isFinite(spec.maxLatencyMs) || spec.maxLatencyMs <= 0)) {
    problem(['maxLatencyMs'], 'must be a positive number');
  }
  if (spec.maxLatencyMs !== undefined && spec.maxLatencyMs > spec.timeoutMs) {
    problem(['maxLatencyMs'], `${spec.maxLatencyMs} ms is above timeoutMs (${spec.timeoutMs} ms): the check times out first`);
  }
  const status = spec.expectStatus;
  if (status !== undefined && !('min' in status)) {
    if (status.length === 0) problem(['expectStatus'], 'must list at least one status');
    status.forEach((s, i) => { if (!isStatus(s)) problem(['expectStatus', i], 'must be an integer from 100 to 599'); });
  } else if (status !== undefined) {
    if (!isStatus(status.min)) problem(['expectStatus', 'min'], 'must be an integer from 100 to 599');
    if (!isStatus(status.max)) problem(['expectStatus', 'max'], 'must be an integer from 100 to 599');
    if (status.min > status.max) problem(['expectStatus'], 'min is above max');
  }
  const body = spec.expectBody;
  if (body !== undefined) {
    if (spec.method === 'HEAD') problem(['expectBody'], 'a HEAD response has no body to judge (use GET, or drop expectBody)');
    if (body.contains === undefined && body.matches === undefined && body.jsonPath === undefined) {
      problem(['expectBody'], 'names no expectation: give contains, matches or jsonPath');
    }
    if (body.contains === '') problem(['expectBody', 'contains'], 'must not be empty');
    if (body.matches !== undefined) {
      const regex = compileRegex(body.matches);
      if (typeof regex === 'string') problem(['expectBody', 'matches'], `not a valid regular expression (${regex})`);
    }
    if (body.jsonPath !== undefined && parseJsonPath(body.jsonPath.path) === null) {
      problem(['expectBody', 'jsonPath', 'path'], 'not a JSON path: expected $.a.b[0] or ["key"] segments');
    }
  }
  const names = new Set<string>();
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) problem(['headers'], 'a header name has characters HTTP does not allow');
    else if (names.has(lower)) problem(['headers', name], 'given twice (names are case-insensitive)');
    names.add(lower);
    // the value is a possible secret: say what is wrong with it, never what it is
    if (/[\r\n\0]/.test(value)) problem(['headers', name], 'the value contains a line break or NUL');
  }
  if (url !== null && (url.username !== '' || url.password !== '') && names.has('authorization')) {
    problem(['url'], 'has credentials and headers has an Authorization header; give only one');
  }
  return problems;
}

/** `expectBody.jsonPath.path`, `expectStatus[1]`: a problem's field as people write it. */
export function formatSpecPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Validates a spec and turns it into a request; throws a UsageError naming every problem. */
export function prepareHealthCheck(spec: HealthCheckSpec): PreparedCheck {
  const problems = healthCheckProblems(spec);
  const url = parseUrl(spec.url);
  if (problems.length > 0 || url === null) {
    throw new UsageError(`health check "${spec.id}": ${problems.map((p) => `${formatSpecPath(p.path)}: ${p.message}`).join('; ')}`);
  }
  const headers: Record<string, string> = {};
  if (!Object.keys(spec.headers ?? {}).some((n) => n.toLowerCase() === 'user-agent')) headers['user-agent'] = USER_AGENT;
  Object.assign(headers, spec.headers);
  if (url.username !== '' || url.password !== '') {
    headers['authorization'] = `Basic ${basicToken(url)}`;
    url.username = '';
    url.password = '';
  }
  const body = spec.expectBody;
  const regex = body?.matches === undefined ? null : compileRegex(body.matches);
  return {
    url,
    method: spec.method ?? 'GET',
    headers,
    bodyRegex: regex instanceof RegExp ? regex : null,
    jsonPath: body?.jsonPath === undefined ? null : parseJsonPath(body.jsonPath.path),
  };
}

/** Headers that may follow a redirect to `next`: all of them on the same origin, only the User-Agent elsewhere. */
export function headersForRedirect(headers: Readonly<Record<string, string>>, from: URL, next: URL): Readonly<Record<string, string>> {
  if (from.origin === next.origin) return headers;
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'user-agent') kept[name] = value;
  }
  return kept;
}

function basicToken(url: URL): string {
  return Buffer.from(`${safeDecode(url.username)}:${safeDecode(url.password)}`).toString('base64');
}

function addSecret(secrets: SecretRegistry, value: string | undefined): void {
  if (value === undefined) return;
  secrets.add(value);
  const decoded = safeDecode(value);
  if (decoded !== value) secrets.add(decoded);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The compiled expression, or why it does not compile (the engine's words after the source). */
function compileRegex(source: string): RegExp | string {
  try {
    return new RegExp(source);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return message.slice(message.lastIndexOf(': ') + 2) || 'invalid';
  }
}

function isStatus(n: number): boolean {
  return Number.isInteger(n) && n >= 100 && n <= 599;
}
