/** The prefix allowlist of discovery: the only addresses it may ever contact. */
import { BlockList, isIP } from 'node:net';
import { UsageError } from '../common/errors.js';

/** Parsed `--allow` prefixes; `allows` is the single gate every probe passes. */
export class Allowlist {
  private readonly list = new BlockList();
  readonly prefixes: readonly string[];

  constructor(prefixes: readonly string[]) {
    if (prefixes.length === 0) throw new UsageError('--allow is required: the prefixes discovery may probe (e.g. 10.0.0.0/8,192.0.2.0/24)');
    const seen: string[] = [];
    for (const raw of prefixes) {
      const p = raw.trim();
      const m = /^([^/]+)\/(\d{1,3})$/.exec(p);
      const family = m === null ? 0 : isIP(m[1]!);
      const bits = m === null ? -1 : Number(m[2]);
      if (m === null || family === 0 || bits > (family === 4 ? 32 : 128)) {
        throw new UsageError(`--allow: "${p}" is not a prefix (address/length, e.g. 10.20.0.0/16)`);
      }
      this.list.addSubnet(m[1]!, bits, family === 4 ? 'ipv4' : 'ipv6');
      seen.push(p);
    }
    this.prefixes = seen;
  }

  /** True when `host` is an IP address inside one of the prefixes. Names are never allowed: they could resolve anywhere. */
  allows(host: string): boolean {
    const family = isIP(host);
    if (family === 0) return false;
    return this.list.check(host, family === 4 ? 'ipv4' : 'ipv6');
  }
}
