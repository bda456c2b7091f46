/**
 * The hazard ledger in the daemon, on the store the composition root opened (src/app/stores.ts:
 * the ledger file, or PostgreSQL): loads or creates the checkpoint signing key beside the ledger
 * file (fingerprint printed when created), imports policy.yaml's waivers once (and from then on refuses a policy file that
 * still lists them), names the after-pass hook the analysis worker runs to reconcile each pass
 * (src/ledger/after-pass.ts), feeds the ledger's waivers to the analysis, logs and counts each
 * pass, audits configuration reloads, and signs a last checkpoint at shutdown.
 */
import { COLOURS } from '../analysis/finding.js';
import { policyFileFor, type Policy, type Waiver } from '../analysis/policy.js';
import { policyHash, type AfterPassOutcome, type AfterPassSpec } from '../analysis/worker/after-pass.js';
import { loadPolicyWithText } from '../analysis/worker/analysis-setup.js';
import type { LedgerApi } from '../api/ledger-port.js';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { ConfigError, type LoadedConfig } from '../config/load.js';
import type { LedgerHookOptions, LedgerPassResult } from '../ledger/after-pass.js';
import type { LedgerStore } from '../ledger/port.js';
import { exportedForm } from '../ledger/checkpoints.js';
import { OPEN_STATUSES } from '../ledger/clearance.js';
import { loadOrCreateSigningKey, signingKeyCreatedMessage, type LedgerSigningKey } from '../ledger/signing.js';
import { DAEMON } from '../ledger/reconcile.js';
import { activeWaivers, POLICY_WAIVERS_MOVED, waiversFromPolicy } from '../ledger/waiver-rules.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import type { Running } from './options.js';
import type { DaemonStores } from './stores.js';

/** The hook module, beside this one's tree in the same language (dist JS, or TS under tsx/vitest). */
const HOOK_MODULE = new URL(`../ledger/after-pass${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** The ledger of a running daemon. */
export interface DaemonLedger {
  readonly store: LedgerStore;
  readonly key: LedgerSigningKey;
  /** What the API reads and writes. */
  readonly api: LedgerApi;
  /** The after-pass hook for the analysis setup of `running`. */
  afterPass(running: Running): AfterPassSpec;
  /** The accepted risks the analysis applies (the ledger's, replacing the policy file's). */
  waivers(): readonly Waiver[];
  /** Receives the analysis worker's after-pass outcomes: the ledger's are logged and counted. */
  onAfterPass(outcome: AfterPassOutcome): void;
  /** Throws ConfigError when a policy about to be loaded still lists waivers the ledger now keeps. */
  checkPolicy(loaded: LoadedConfig): void;
  /** Appends the `config.reload` audit record of an applied reload. */
  reloaded(prev: Running, next: Running): void;
  /** Signs a checkpoint of the chain head (at shutdown) and closes the stores. */
  close(): Promise<void>;
}

/** What `openDaemonLedger` takes. */
export interface DaemonLedgerDeps {
  readonly first: Running;
  /** The daemon's stores (closed by `close`, or here when the ledger cannot start). */
  readonly stores: DaemonStores;
  readonly current: () => Running;
  readonly now: () => number;
  readonly logger: Logger;
  readonly metrics: RedlineMetrics;
  /** Told when the ledger's waivers changed: the analysis setup must be sent again. */
  readonly waiversChanged: () => void;
  /** Where the fingerprint of a newly created key is printed for the operator (stdout by default). */
  readonly print?: (line: string) => void;
}

/** The policy file's waivers as a check: the first time they are imported, then refused. */
function policyWaiverProblem(file: string, policy: Policy, importedAt: number | null, timeZone: string): ConfigError | null {
  if (policy.waivers.length === 0 || importedAt === null) return null;
  return new ConfigError(file, [{ path: 'waivers', message: POLICY_WAIVERS_MOVED(file, importedAt, timeZone) }]);
}

/** What a reload put in force, for the audit trail: files and the policy's hash (the same as the findings history's), never their text. */
function runningDigest(r: Running): Record<string, unknown> {
  return {
    config: r.loaded.file,
    policy: r.policyText.source,
    policyHash: policyHash(r.policyText.text),
    devices: r.inventory.devices.size,
  };
}

/** Opens the daemon's ledger; throws (ConfigError, LedgerStoreError, UsageError) when it cannot start. */
export async function openDaemonLedger(deps: DaemonLedgerDeps): Promise<DaemonLedger> {
  const stores = deps.stores;
  const store = stores.ledger;
  const { ledgerFile: file, signingKeyFile: keyFile } = stores.hooks;
  try {
    const key = loadOrCreateSigningKey(keyFile, { now: deps.now() });
    if (key.created) (deps.print ?? ((l: string) => { process.stdout.write(`${l}\n`); }))(signingKeyCreatedMessage(key));
    deps.logger.info({ ...(stores.backend === 'sqlite' ? { file } : { store: stores.where }), keyFingerprint: key.fingerprint }, 'hazard ledger opened');

    // policy.yaml's waivers: imported once, then the file must stop listing them
    const zone = (): string => deps.current().loaded.config.settings.timeZone;
    const policyFile = deps.first.policy.source;
    const fromPolicy = (await store.waivers({})).filter((w) => w.source === 'policy.yaml');
    let importedAt: number | null = fromPolicy.length === 0 ? null : Math.min(...fromPolicy.map((w) => w.createdAt));
    const refusal = policyWaiverProblem(policyFile, deps.first.policy, importedAt, zone());
    if (refusal !== null) throw refusal;
    if (deps.first.policy.waivers.length > 0) {
      const at = deps.now();
      for (const w of waiversFromPolicy(deps.first.policy.waivers, at)) {
        await store.createWaiver(w, { at, actor: DAEMON, action: 'waiver.import', target: `waiver:${w.id}`, before: null, after: w });
      }
      importedAt = at;
      deps.logger.warn({ waivers: deps.first.policy.waivers.length, policy: policyFile }, 'policy.yaml waivers imported into the hazard ledger; remove `waivers:` from the policy file (it is refused from the next start) and manage them with /api/v1/waivers');
    }

    let waivers: readonly Waiver[] = activeWaivers(await store.waivers({}), deps.now());
    const refreshWaivers = async (): Promise<void> => {
      waivers = activeWaivers(await store.waivers({}), deps.now());
      deps.waiversChanged();
    };

    const openByColour = async (): Promise<void> => {
      for (const colour of COLOURS) {
        const page = await store.hazards({ status: [...OPEN_STATUSES], colour: [colour], now: deps.now(), limit: 1, offset: 0 });
        deps.metrics.hazardsOpen.set({ colour }, page.total);
      }
    };
    await openByColour();

    const api: LedgerApi = {
      store,
      policy: () => deps.current().policy.ledger,
      timeZone: zone,
      maxAttachmentKB: () => deps.current().loaded.config.settings.ledger.maxAttachmentKB,
      now: deps.now,
      latestCheckpoint: async () => { const c = await stores.checkpoints.latest(); return c === null ? null : exportedForm(c); },
      waiversChanged: () => {
        refreshWaivers().catch((err: unknown) => { deps.logger.error({ err: errorMessage(err) }, 'could not read the ledger\'s waivers for the analysis; the previous ones stay in force'); });
      },
    };

    return {
      store,
      key,
      api,
      afterPass: (running) => {
        const options: LedgerHookOptions = {
          ledgerFile: file,
          ...(stores.hooks.postgres !== undefined ? { postgres: stores.hooks.postgres } : {}),
          signingKeyFile: keyFile,
          checkpointEvery: running.loaded.config.settings.ledger.checkpointEvery,
          policy: running.policy.ledger,
        };
        return { module: HOOK_MODULE, options: JSON.parse(JSON.stringify(options)) as AfterPassSpec['options'] };
      },
      waivers: () => waivers,
      onAfterPass: (o) => {
        if (o.module !== HOOK_MODULE) return;
        if (!o.ok) {
          deps.metrics.internalErrors.inc({ part: 'ledger' });
          deps.logger.error({ err: o.error }, 'the hazard ledger could not reconcile an analysis pass; the next pass tries again');
          return;
        }
        const r = o.result as LedgerPassResult;
        deps.metrics.ledgerPassDuration.observe(r.ms / 1000);
        const { ms, ...counts } = r;
        deps.logger.info({ ...counts, ms: Math.round(ms) }, 'hazard ledger reconciled an analysis pass');
        openByColour().catch((err: unknown) => { deps.logger.warn({ err: errorMessage(err) }, 'could not count open hazards for the metrics'); });
      },
      checkPolicy: (next) => {
        const p = loadPolicyWithText(policyFileFor(next.dir));
        const problem = policyWaiverProblem(p.source, p.policy, importedAt, next.config.settings.timeZone);
        if (problem !== null) throw problem;
      },
      reloaded: (prev, next) => {
        store.appendAudit({ at: deps.now(), actor: DAEMON, action: 'config.reload', target: 'config', before: runningDigest(prev), after: runningDigest(next) })
          .catch((err: unknown) => { deps.logger.error({ err: errorMessage(err) }, 'could not record the configuration reload in the audit trail'); });
      },
      close: async () => {
        try {
          const seq = await stores.finalCheckpoint(key, deps.now());
          if (seq !== null) deps.logger.info({ seq }, 'hazard ledger checkpoint signed at shutdown');
        } finally {
          await stores.close();
        }
      },
    };
  } catch (err) {
    await stores.close();
    throw err;
  }
}
