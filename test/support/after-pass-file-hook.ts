/**
 * A tiny after-pass hook module for the analysis worker's tests (loaded by the worker from its
 * file URL): each pass appends one JSON line to `options.file` (the pass's time, its finding
 * count, the failing findings, the policy hash, which instance of the hook wrote it), and a
 * pass at `options.failAt` throws instead, as a broken hook would.
 */
import { appendFileSync } from 'node:fs';
import type { AfterPass, AfterPassHook, JsonValue } from '../../src/analysis/worker/after-pass.js';

/** One line the hook writes. */
export interface HookLine {
  readonly at: number;
  readonly findings: number;
  readonly failing: readonly string[];
  readonly policyHash: string;
  readonly policyTextLength: number | null;
  /** 1 for the first hook this worker created, 2 for the next … */
  readonly instance: number;
}

let created = 0;

/** The hook: `options` is `{ file: string, failAt?: number }`. */
export function createAfterPass(options: JsonValue): AfterPassHook {
  const o = options as { readonly file?: unknown; readonly failAt?: unknown } | null;
  if (typeof o?.file !== 'string') throw new Error('after-pass-file-hook: options.file must be a path');
  const file = o.file;
  const instance = ++created;
  return (pass: AfterPass) => {
    if (pass.at === o.failAt) return Promise.reject(new Error(`hook refuses the pass at ${pass.at}`));
    const failing = pass.findings.filter((f) => f.state !== 'protected' && f.state !== 'unknown').map((f) => `${f.rule} ${f.subject.id}`).sort();
    const line: HookLine = { at: pass.at, findings: pass.findings.length, failing, policyHash: pass.policyHash, policyTextLength: pass.policyText?.length ?? null, instance };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    return Promise.resolve({ written: pass.findings.length, instance });
  };
}
