/** The ledger's typed errors; `api/` maps them to 409, 404, 422 and 503. */
import { RedlineError } from '../common/errors.js';

/** A write named a version that is no longer the stored one: someone else changed it first. */
export class LedgerConflictError extends RedlineError {
  readonly currentVersion: number;
  constructor(message: string, currentVersion: number) {
    super(message, { retryable: false });
    this.currentVersion = currentVersion;
  }
}

/** No such hazard, waiver or attachment. */
export class LedgerNotFoundError extends RedlineError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
}

/**
 * A change the lifecycle refuses (an invalid transition, a missing owner or governance plan …);
 * the message names what is allowed, `allowed` lists the transitions possible from here.
 */
export class LedgerRuleError extends RedlineError {
  readonly allowed: readonly string[];
  constructor(message: string, allowed: readonly string[] = []) {
    super(message, { retryable: false });
    this.allowed = allowed;
  }
}

/** The ledger's storage failed; `retryable` when the database was busy or the disk full. */
export class LedgerStoreError extends RedlineError {
  readonly code: string | undefined;
  constructor(message: string, opts: { retryable: boolean; cause?: unknown; code?: string }) {
    super(message, { retryable: opts.retryable, cause: opts.cause });
    this.code = opts.code;
  }
}
