/**
 * Secret redaction. Every credential redline handles (SNMP communities, v3 keys, tokens) is
 * registered here when it is loaded, and every string that leaves the process (logs, errors,
 * API answers, reports) can be passed through `redact` so that no registered secret survives.
 */

const MASK = '[REDACTED]';

/** A set of secret strings to scrub from text; shared by whatever owns the credentials. */
export class SecretRegistry {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  /** Registers a secret; empty and very short strings are ignored (they would mask ordinary words). */
  add(secret: string | undefined | null): void {
    if (secret === undefined || secret === null || secret.length < 3 || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.pattern = null;
  }

  /** The registered values, to hand to a worker thread that redacts its own output (never to log). */
  values(): string[] {
    return [...this.secrets];
  }

  /** Removes every registered secret from `text`. */
  redact(text: string): string {
    if (this.secrets.size === 0) return text;
    if (this.pattern === null) {
      const alternatives = [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.pattern = new RegExp(alternatives.join('|'), 'g');
    }
    return text.replace(this.pattern, MASK);
  }

  /**
   * Redacts every string (keys included) inside a JSON-like value; a deep copy is returned.
   * Walks the value rather than its JSON text, where quotes and backslashes in a secret would
   * be escaped and slip past the pattern.
   */
  redactDeep<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object' || depth > 32) return value;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    if (value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[this.redact(k)] = this.walk(v, depth + 1);
    return out;
  }
}
