/**
 * The analysis worker's body, apart from the thread: given a setup it opens the state store
 * read-only, runs passes (snapshot, every rule, then the single-point-of-failure sweep for both
 * disjointness modes, cached with the report) and answers on-demand what-if questions on the
 * latest live network. Every answer is a message; nothing here knows about threads.
 */
import { SecretRegistry } from '../../common/secrets.js';
import { errorMessage, UsageError } from '../../common/errors.js';
import type { LoadInput } from '../../snapshot/types.js';
import { openSqliteStateStore, type StateStore } from '../../state/store.js';
import { createAnalysisLoop, type AnalysisLoop } from '../analysis-pass.js';
import type { Disjointness } from '../graph/disjoint-paths.js';
import { resolveNames, sweepNetwork, whatIfByName } from '../network/whatif.js';
import { parsePolicy, type Policy } from '../policy.js';
import type { AnalysisSetup, FindingCount, FromWorker, PassResult, ToWorker } from './protocol.js';

/** A worker's state between messages. */
export interface AnalysisService {
  handle(msg: ToWorker): FromWorker | null;
  close(): void;
}

interface Configured {
  readonly setup: AnalysisSetup;
  readonly policy: Policy;
  readonly store: StateStore;
  readonly loop: AnalysisLoop;
  readonly secrets: SecretRegistry;
}

/** Creates the service; `openStore` defaults to the SQLite store opened read-only. */
export function createAnalysisService(openStore: (setup: AnalysisSetup) => StateStore = (s) => openSqliteStateStore(s.stateFile, { readOnly: true, staleAfterMissed: s.staleAfterMissed })): AnalysisService {
  let current: Configured | null = null;
  let now = 0;
  let load: LoadInput | undefined;
  let sweepsComputed = 0;

  const configure = (setup: AnalysisSetup): void => {
    const policy = parsePolicy(setup.policy.text, setup.policy.source);
    const store = current !== null && current.setup.stateFile === setup.stateFile ? current.store : openStore(setup);
    if (current !== null && current.store !== store) current.store.close();
    const secrets = new SecretRegistry();
    for (const s of setup.secrets) secrets.add(s);
    const loop = createAnalysisLoop({
      inventory: () => setup.inventory,
      policy: () => policy,
      devices: () => store.latestDevices(),
      health: () => store.latestHealthAll(),
      upsOutputSince: (id) => store.transitions(id, { limit: 50 }).find((t) => t.subject === 'ups:output')?.at,
      pollIntervalMs: () => setup.pollIntervalMs,
      staleAfterMissed: () => setup.staleAfterMissed,
      healthIntervalMs: (id) => setup.healthIntervalMs[id] ?? setup.defaultHealthIntervalMs,
      configDir: () => setup.configDir,
      load: () => load,
      now: () => now,
    });
    current = { setup, policy, store, loop, secrets };
  };

  const pass = (c: Configured): PassResult => {
    const run = c.loop.runNow();
    const started = performance.now();
    const net = c.loop.whatIfNetwork();
    const sweep = { srlg: sweepNetwork(net, 'srlg'), node: sweepNetwork(net, 'node') };
    sweepsComputed += 2;
    const sweepMs = performance.now() - started;
    const r = run.report;
    const counts = new Map<string, FindingCount>();
    for (const f of r.findings) {
      const colour = f.colour ?? 'none';
      const key = `${f.rule}\u0000${f.state}\u0000${colour}\u0000${f.class}`;
      const c0 = counts.get(key);
      counts.set(key, { rule: f.rule, state: f.state, colour, class: f.class, count: (c0?.count ?? 0) + 1 });
    }
    // findings carry inventory and observed names only; scrub the ones people read anyway
    const report = { ...r, findings: r.findings.map((f) => (f.state === 'protected' ? f : c.secrets.redactDeep(f))) };
    return { report, sweep, counts: [...counts.values()], analysisMs: run.ms, sweepMs, sweepsComputed };
  };

  const whatIf = (c: Configured, fail: readonly string[], disjointness: Disjointness): Extract<FromWorker, { type: 'whatif' }> => {
    const started = performance.now();
    const net = c.loop.whatIfNetwork();
    const problems: string[] = [];
    const { failed } = resolveNames(net, fail, problems);
    if (problems.length === 0 && failed.length > c.setup.maxWhatIfElements) {
      throw new UsageError(`these names fail ${failed.length} elements; an on-demand what-if takes at most ${c.setup.maxWhatIfElements} (the cached sweep covers every single element)`);
    }
    return { type: 'whatif', id: 0, result: whatIfByName(net, fail, disjointness), ms: performance.now() - started };
  };

  return {
    handle: (msg) => {
      if (msg.type === 'setup') {
        configure(msg.setup);
        return null;
      }
      try {
        if (current === null) throw new Error('the analysis worker has no setup yet');
        switch (msg.type) {
          case 'analyse':
            now = msg.now;
            load = msg.load;
            return { type: 'report', id: msg.id, result: pass(current) };
          case 'whatif':
            return { ...whatIf(current, msg.fail, msg.disjointness), id: msg.id };
        }
      } catch (err) {
        return { type: 'failed', id: msg.id, message: errorMessage(err), usage: err instanceof UsageError };
      }
    },
    close: () => {
      current?.store.close();
      current = null;
    },
  };
}
