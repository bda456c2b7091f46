/**
 * The logger port and its pino implementation. Every string that reaches a log line — the
 * message, fields and error messages/stacks — passes through the secret registry first, then
 * `neutralise` (device text with line breaks, control characters or bidi overrides cannot
 * forge or hide log lines, whether read as JSON or in a terminal).
 */
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import type { SecretRegistry } from './secrets.js';
import { neutralise } from './text.js';

/** The logging port every part of redline receives through `deps`. */
export interface Logger {
  debug(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
  child(bindings: Record<string, unknown>): Logger;
  /** Changes the level at run time (config reload). */
  setLevel(level: string): void;
}

function serializeError(secrets: SecretRegistry) {
  return (err: unknown): unknown => {
    if (!(err instanceof Error)) return secrets.redactDeep(err);
    return {
      type: err.name,
      message: secrets.redact(err.message),
      ...(err.stack !== undefined ? { stack: secrets.redact(err.stack) } : {}),
    };
  };
}

/**
 * Every string (and key) of plain objects and arrays in `value` neutralised; a stack keeps its
 * line breaks (each line neutralised); anything else (a Date, a Buffer) is left to pino.
 */
function neutraliseDeep(value: unknown, key = '', depth = 0): unknown {
  if (typeof value === 'string') return key === 'stack' ? value.split('\n').map(neutralise).join('\n') : neutralise(value);
  if (typeof value !== 'object' || value === null || depth > 32) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => neutraliseDeep(v, '', depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[neutralise(k)] = neutraliseDeep(v, k, depth + 1);
  return out;
}

class PinoAdapter implements Logger {
  private readonly errors: (err: unknown) => unknown;
  constructor(private readonly log: PinoLogger, private readonly secrets: SecretRegistry) {
    this.errors = serializeError(secrets);
  }
  /** Errors become plain objects first (JSON would drop their message), then everything is scrubbed. */
  private scrub(obj: Record<string, unknown>): Record<string, unknown> {
    const plain: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) plain[k] = v instanceof Error ? this.errors(v) : v;
    return neutraliseDeep(this.secrets.redactDeep(plain)) as Record<string, unknown>;
  }
  private text(msg: string): string { return neutralise(this.secrets.redact(msg)); }
  debug(obj: Record<string, unknown>, msg: string): void { this.log.debug(this.scrub(obj), this.text(msg)); }
  info(obj: Record<string, unknown>, msg: string): void { this.log.info(this.scrub(obj), this.text(msg)); }
  warn(obj: Record<string, unknown>, msg: string): void { this.log.warn(this.scrub(obj), this.text(msg)); }
  error(obj: Record<string, unknown>, msg: string): void { this.log.error(this.scrub(obj), this.text(msg)); }
  child(bindings: Record<string, unknown>): Logger { return new PinoAdapter(this.log.child(this.scrub(bindings)), this.secrets); }
  setLevel(level: string): void { this.log.level = level; }
}

/** A JSON logger on stdout (or `destination`) whose every line is scrubbed of registered secrets. */
export function createLogger(secrets: SecretRegistry, level = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'redline' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError(secrets), error: serializeError(secrets) },
  };
  const log = destination === undefined ? pino(options) : pino(options, destination);
  return new PinoAdapter(log, secrets);
}

/** A logger that drops everything (for tests and one-shot commands). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  setLevel: () => undefined,
};
