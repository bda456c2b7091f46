/**
 * The after-pass extension point of the analysis worker. Work that needs every finding of every
 * pass (the hazard ledger reconciling findings into its SQLite file) runs here, in the worker,
 * off the daemon's thread. The composition root names the modules in the setup (absolute file
 * URLs, so the analysis layer imports nothing above it); each module exports
 *
 *     createAfterPass(options) → (pass: AfterPass) => Promise<unknown>
 *
 * The worker imports each module once, calls `createAfterPass` with the spec's JSON options once
 * per setup that changes them, and calls the hook after every pass, hooks in the order given and
 * passes one after another (a slow hook delays the next pass's hooks, never the pass). What a
 * hook resolves to (small and JSON-serialisable) goes back to the daemon as an outcome; a hook
 * that throws, rejects or cannot be loaded is reported the same way and never ends the worker.
 */
import { createHash } from 'node:crypto';
import { errorMessage } from '../../common/errors.js';
import type { Snapshot } from '../../snapshot/types.js';
import type { Coverage } from '../coverage.js';
import type { Finding } from '../finding.js';

/** A JSON value (what crosses to the worker as hook options). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One after-pass hook as the setup names it. */
export interface AfterPassSpec {
  /** The module's absolute URL (`file:///…/ledger-hook.js`). */
  readonly module: string;
  /** Handed to the module's `createAfterPass`. */
  readonly options: JsonValue;
}

/** What a hook is given after each pass. */
export interface AfterPass {
  /** The time the pass analysed (ms). */
  readonly at: number;
  /** Every finding of the pass, protected ones included, secrets scrubbed. */
  readonly findings: readonly Finding[];
  /** sha256 (hex) of the policy text the pass ran under. */
  readonly policyHash: string;
  readonly policyText?: string;
  /** The snapshot the pass judged (in the worker's memory, never copied). */
  readonly snapshot?: Snapshot;
  /** The pass's coverage: which rules were evaluated, which skipped and why. */
  readonly coverage?: Coverage;
  /** Wall time of each device's latest poll in the daemon (seconds), by device id, as the pass was asked. */
  readonly pollSeconds?: Readonly<Record<string, number>>;
  /** Removes the setup's secrets from a text (for what a hook derives from device data itself). */
  readonly redact?: (text: string) => string;
}

/**
 * A hook: called after every pass; resolves to a small JSON result for the daemon. A result with
 * a `bytes` Uint8Array that owns its whole buffer crosses to the daemon transferred, not copied
 * (the metrics exposition of a large network).
 */
export type AfterPassHook = (pass: AfterPass) => Promise<unknown>;

/** What a hook module exports. */
export interface AfterPassModule {
  readonly createAfterPass: (options: JsonValue) => AfterPassHook;
}

/** What one hook did after one pass, as the daemon is told. */
export type AfterPassOutcome =
  | { readonly module: string; readonly at: number; readonly ok: true; readonly result: unknown; readonly ms: number }
  | { readonly module: string; readonly at: number; readonly ok: false; readonly error: string; readonly ms: number };

/** sha256 (hex) of a policy text. */
export function policyHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A hook ready to run, or the reason it cannot. */
type Loaded = { readonly spec: AfterPassSpec; readonly key: string; readonly hook: AfterPassHook } | { readonly spec: AfterPassSpec; readonly key: string; readonly error: string };

/** The hooks of the current setup, run after each pass in order. */
export interface AfterPassRunner {
  /** Applies a setup's list: unchanged specs keep their hook, others are created (modules imported once). */
  configure(specs: readonly AfterPassSpec[]): void;
  /** Runs every hook on `pass` once the previous pass's hooks are done; each outcome goes to `report`. */
  after(pass: AfterPass): void;
}

/** Creates the runner; `importModule` is `import()` by default (tests may count imports). */
export function createAfterPassRunner(report: (outcome: AfterPassOutcome) => void, importModule: (url: string) => Promise<unknown> = (url) => import(url)): AfterPassRunner {
  const modules = new Map<string, Promise<unknown>>();
  let hooks: Promise<readonly Loaded[]> = Promise.resolve([]);
  let chain: Promise<void> = Promise.resolve();

  const load = async (spec: AfterPassSpec, key: string): Promise<Loaded> => {
    try {
      let m = modules.get(spec.module);
      if (m === undefined) {
        m = importModule(spec.module);
        modules.set(spec.module, m);
      }
      const mod = await m;
      const create = (mod as Partial<AfterPassModule> | null)?.createAfterPass;
      if (typeof create !== 'function') return { spec, key, error: `${spec.module} exports no createAfterPass function` };
      const hook = create(spec.options);
      if (typeof hook !== 'function') return { spec, key, error: `${spec.module}: createAfterPass returned no function` };
      return { spec, key, hook };
    } catch (err) {
      return { spec, key, error: `${spec.module}: cannot load the after-pass hook: ${errorMessage(err)}` };
    }
  };

  const runOne = async (h: Loaded, pass: AfterPass): Promise<void> => {
    const started = performance.now();
    const ms = (): number => performance.now() - started;
    if ('error' in h) {
      report({ module: h.spec.module, at: pass.at, ok: false, error: h.error, ms: 0 });
      return;
    }
    try {
      const result = await h.hook(pass);
      report({ module: h.spec.module, at: pass.at, ok: true, result, ms: ms() });
    } catch (err) {
      report({ module: h.spec.module, at: pass.at, ok: false, error: errorMessage(err), ms: ms() });
    }
  };

  return {
    configure: (specs) => {
      const before = hooks;
      hooks = before.then((previous) => {
        const byKey = new Map(previous.map((h) => [h.key, h]));
        return Promise.all(specs.map((spec) => {
          const key = `${spec.module}\u0000${JSON.stringify(spec.options)}`;
          const kept = byKey.get(key);
          return kept !== undefined && !('error' in kept) ? Promise.resolve(kept) : load(spec, key);
        }));
      });
    },
    after: (pass) => {
      const current = hooks;
      chain = chain.then(async () => {
        for (const h of await current) await runOne(h, pass);
      }).catch(() => {
        // only a report that cannot be posted lands here (runOne catches the hooks): keep the chain going
      });
    },
  };
}
