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

  /** Redacts every string inside a JSON-like value (a deep copy is returned). */
  redactDeep<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}
