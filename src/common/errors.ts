/** Typed errors that say whether the caller should retry. */

/** Base error of redline: `retryable` tells a caller whether the same call may succeed later. */
export class RedlineError extends Error {
  readonly retryable: boolean;
  constructor(message: string, opts: { retryable: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.retryable = opts.retryable;
  }
}

/** The device did not answer in time. */
export class TimeoutError extends RedlineError {
  constructor(message: string, cause?: unknown) {
    super(message, { retryable: true, cause });
  }
}

/** The device answered with something unusable (garbled, error status, wrong shape). */
export class ProtocolError extends RedlineError {
  /** The SNMP error-status of the response, when the agent sent one. */
  readonly status: number | undefined;
  constructor(message: string, cause?: unknown, status?: number) {
    super(message, { retryable: false, cause });
    this.status = status;
  }
}

/** Configuration or usage is wrong; retrying the same call cannot help. */
export class UsageError extends RedlineError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
}

/** A human-readable message for any thrown value. */
export function errorMessage(err: unknown): string {
  // Libraries do not always put a string there (net-snmp uses a number for an unknown error-status).
  if (err instanceof Error) return typeof err.message === 'string' ? err.message : String(err.message);
  return String(err);
}
