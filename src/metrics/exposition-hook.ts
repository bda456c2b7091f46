/**
 * The metrics after-pass hook, run in the analysis worker after every pass (see
 * analysis/worker/after-pass.ts): it renders the pass's network families (exposition-network.ts)
 * and answers them as UTF-8 bytes that cross to the daemon transferred, not copied. The daemon's
 * thread only appends those bytes to its own registry's text on a scrape (network-exposition.ts).
 */
import type { AfterPass, AfterPassHook, JsonValue } from '../analysis/worker/after-pass.js';
import { renderNetworkExposition } from './exposition-network.js';

/** What the hook answers after a pass. */
export interface ExpositionPassResult {
  /** The network families as Prometheus text, UTF-8, in a buffer of their own. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The time of the pass rendered (ms). */
  readonly at: number;
  /** Wall time of rendering and encoding in the worker (ms). */
  readonly ms: number;
}

/** Builds the hook; it takes no options (anything but null or an empty object is refused). */
export function createAfterPass(options: JsonValue): AfterPassHook {
  if (options !== null && (typeof options !== 'object' || Array.isArray(options) || Object.keys(options).length > 0)) {
    throw new Error('metrics after-pass hook: takes no options');
  }
  return (pass: AfterPass): Promise<ExpositionPassResult> => {
    const started = performance.now();
    if (pass.snapshot === undefined || pass.coverage === undefined) {
      return Promise.reject(new Error('metrics after-pass hook: the pass carries no snapshot or coverage'));
    }
    const text = renderNetworkExposition({
      at: pass.at, snapshot: pass.snapshot, findings: pass.findings, coverage: pass.coverage,
      ...(pass.pollSeconds !== undefined ? { pollSeconds: pass.pollSeconds } : {}),
      ...(pass.redact !== undefined ? { redact: pass.redact } : {}),
    });
    const bytes = new Uint8Array(new ArrayBuffer(Buffer.byteLength(text)));
    new TextEncoder().encodeInto(text, bytes);
    return Promise.resolve({ bytes, at: pass.at, ms: performance.now() - started });
  };
}
