/**
 * A read-only NetBox REST client: lists one endpoint to its end following `next`
 * (only while it stays on the configured origin, so the token never leaves it), waits out
 * 429 answers as Retry-After says, and fails with the endpoint and status otherwise.
 */
import { RedlineError } from '../../common/errors.js';

/** A NetBox answer that was not a page of results. */
export class NetboxError extends RedlineError {
  constructor(message: string, retryable: boolean) {
    super(message, { retryable });
  }
}

/** How the client reaches NetBox; `fetch` and `sleep` are injected for tests of its edge cases. */
export interface NetboxClientOptions {
  readonly url: string;
  readonly token: string;
  readonly pageSize?: number;
  /** Most 429/503 answers waited out for one page. */
  readonly maxRetries?: number;
  /** Longest single wait a Retry-After may ask for, in ms. */
  readonly maxWaitMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

interface Page {
  readonly next: string | null;
  readonly results: unknown[];
}

function asPage(v: unknown): Page | null {
  if (typeof v !== 'object' || v === null) return null;
  const { results, next } = v as { results?: unknown; next?: unknown };
  if (!Array.isArray(results)) return null;
  if (next !== null && next !== undefined && typeof next !== 'string') return null;
  return { results, next: typeof next === 'string' ? next : null };
}

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or null. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Lists NetBox endpoints. */
export class NetboxClient {
  private readonly base: URL;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  /** Requests made, for the report. */
  requests = 0;
  /** 429 answers waited out. */
  throttled = 0;

  constructor(private readonly opts: NetboxClientOptions) {
    this.base = new URL(opts.url.endsWith('/') ? opts.url : `${opts.url}/`);
    this.fetchFn = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = opts.now ?? Date.now;
  }

  private authorization(): string {
    // NetBox 4.5+ v2 tokens are "nbt_…" and go as Bearer; v1 tokens (and Nautobot's) as Token.
    return this.opts.token.startsWith('nbt_') ? `Bearer ${this.opts.token}` : `Token ${this.opts.token}`;
  }

  /** Every object of an endpoint such as `api/dcim/sites/`, all pages. */
  async list(path: string): Promise<unknown[]> {
    const first = new URL(path.replace(/^\//, ''), this.base);
    first.searchParams.set('limit', String(this.opts.pageSize ?? 250));
    const out: unknown[] = [];
    let url: URL | null = first;
    const seen = new Set<string>();
    while (url !== null) {
      if (url.origin !== this.base.origin) throw new NetboxError(`${path}: NetBox sent a next page on another origin (${url.origin}); not following it with the token`, false);
      if (seen.has(url.href)) throw new NetboxError(`${path}: NetBox sent the same next page twice (${url.pathname}${url.search})`, false);
      seen.add(url.href);
      const page = await this.page(url, path);
      out.push(...page.results);
      url = page.next === null ? null : new URL(page.next, this.base);
    }
    return out;
  }

  private async page(url: URL, path: string): Promise<Page> {
    const maxRetries = this.opts.maxRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      let res: Response;
      try {
        res = await this.fetchFn(url, { headers: { Authorization: this.authorization(), Accept: 'application/json' } });
      } catch (err) {
        throw new NetboxError(`${path}: cannot reach NetBox at ${this.base.origin}: ${err instanceof Error ? err.message : String(err)}`, true);
      }
      if (res.status === 429 || res.status === 503) {
        await res.body?.cancel();
        if (attempt >= maxRetries) throw new NetboxError(`${path}: NetBox still answers ${res.status} after ${maxRetries} waits`, true);
        const wait = retryAfterMs(res.headers.get('retry-after'), this.now()) ?? 1000 * 2 ** attempt;
        if (wait > (this.opts.maxWaitMs ?? 120_000)) throw new NetboxError(`${path}: NetBox asks to wait ${Math.round(wait / 1000)} s (Retry-After); giving up`, true);
        this.throttled++;
        await this.sleep(wait);
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new NetboxError(`${path}: NetBox refused the token (${res.status}); check --token-file and the token's read permissions`, false);
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new NetboxError(`${path}: NetBox answered ${res.status}`, res.status >= 500);
      }
      const page = asPage(await res.json().catch(() => null));
      if (page === null) throw new NetboxError(`${path}: not a NetBox list answer (expected { count, next, results })`, false);
      return page;
    }
  }
}

/** The endpoints the importer reads, by what they hold. */
export const NETBOX_ENDPOINTS = {
  sites: 'api/dcim/sites/',
  locations: 'api/dcim/locations/',
  racks: 'api/dcim/racks/',
  devices: 'api/dcim/devices/',
  interfaces: 'api/dcim/interfaces/',
  cables: 'api/dcim/cables/',
  circuits: 'api/circuits/circuits/',
  powerPanels: 'api/dcim/power-panels/',
  powerFeeds: 'api/dcim/power-feeds/',
  powerPorts: 'api/dcim/power-ports/',
  powerOutlets: 'api/dcim/power-outlets/',
} as const;

/** Raw objects of every endpoint. */
export type NetboxData = { readonly [K in keyof typeof NETBOX_ENDPOINTS]: unknown[] };

/** Reads every endpoint the importer needs, one after another (NetBox rate limits are per client). */
export async function fetchNetbox(client: NetboxClient): Promise<NetboxData> {
  const out: Partial<Record<keyof typeof NETBOX_ENDPOINTS, unknown[]>> = {};
  for (const [k, path] of Object.entries(NETBOX_ENDPOINTS) as [keyof typeof NETBOX_ENDPOINTS, string][]) out[k] = await client.list(path);
  return out as NetboxData;
}
