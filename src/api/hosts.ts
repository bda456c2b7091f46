/**
 * Which `Host` headers the API answers (DNS rebinding defence): a page on a rebinding domain
 * reaches 127.0.0.1 with its own name in `Host`, so only names the operator chose are served.
 * Pure: the header, the server's own port and the allowed names in, a verdict out.
 */

/** The names the API answers besides the operator's: loopback, with the server's port. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** What a Host check needs to know. */
export interface HostPolicy {
  /** The host of the listen address (`127.0.0.1`, `::1`, `0.0.0.0`, a name). */
  readonly listenHost: string;
  /** The port the request arrived on. */
  readonly port: number;
  /** `settings.api.allowedHosts`: `name` (any port) or `name:port`. */
  readonly allowed: readonly string[];
}

interface HostAndPort {
  readonly name: string;
  readonly port: number | null;
}

/** `Example.ORG.:80` → { name: 'example.org', port: 80 }; `[::1]:9` keeps its brackets; null when malformed. */
export function parseHost(text: string): HostAndPort | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/@]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (m === null) return null;
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { name: normaliseName(m[1]!), port };
}

function normaliseName(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, '');
  // a bare IPv6 address (the listen host as settings hold it) is written bracketed in Host
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/** True when `host` (the request's Host header) names this server. */
export function hostAllowed(host: string | undefined, policy: HostPolicy): boolean {
  if (host === undefined) return false;
  const got = parseHost(host);
  if (got === null) return false;
  // no port in Host means the scheme's default; the API speaks plain HTTP
  const port = got.port ?? 80;
  const own = new Set([...LOOPBACK_NAMES, normaliseName(policy.listenHost)]);
  if (own.has(got.name) && port === policy.port) return true;
  return policy.allowed.some((entry) => {
    const want = parseHost(entry);
    return want !== null && want.name === got.name && (want.port === null || want.port === port);
  });
}
