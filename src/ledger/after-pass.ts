/**
 * The hazard ledger's after-pass hook, run in the analysis worker after every pass (see
 * analysis/worker/after-pass.ts): it opens its own connection to the ledger (its file, or the
 * PostgreSQL database the daemon's settings name: pg-worker.ts), reconciles the
 * pass into the findings history and the hazards in one transaction (`applyPass` with the pure
 * `reconcile`), signs a checkpoint when enough audit records were appended since the last one,
 * and answers the pass's counts for the daemon to log and count. The daemon's thread never
 * carries the findings; the worker never opens the ledger for anything else.
 */
import { z } from 'zod';
import { COLOURS } from '../analysis/finding.js';
import type { AfterPass, AfterPassHook, JsonValue } from '../analysis/worker/after-pass.js';
import { pgConnectionSchema } from '../store/postgres/pool.js';
import { sqliteCheckpoints, type CheckpointStore } from './checkpoints.js';
import { pgCheckpoints } from './pg-checkpoints.js';
import { workerPgLedger } from './pg-worker.js';
import type { LedgerStore } from './port.js';
import type { PassOutcome } from './port.js';
import { reconcile } from './reconcile.js';
import { loadSigningKey, type LedgerSigningKey } from './signing.js';
import { openSqliteLedgerStore } from './sqlite-store.js';
import type { LedgerPolicy } from './types.js';

const days = z.strictObject(Object.fromEntries(COLOURS.map((c) => [c, z.number().int().min(1)])) as Record<(typeof COLOURS)[number], z.ZodNumber>);

/** The hook's options, as the composition root (src/app/ledger.ts) writes them into the analysis setup. */
const optionsSchema = z.strictObject({
  /** The ledger file (absolute). */
  ledgerFile: z.string().min(1),
  /** The ledger on PostgreSQL instead of the file (settings.store.postgres; a secret, never logged). */
  postgres: pgConnectionSchema.optional(),
  /** The signing key file (absolute); the daemon created it at start. */
  signingKeyFile: z.string().min(1),
  /** settings.ledger.checkpointEvery */
  checkpointEvery: z.number().int().min(1),
  /** The policy's `ledger:` section in force. */
  policy: z.strictObject({ deadlineDays: days, verifyPasses: z.number().int().min(1), waiverMaxDays: days }),
});

/** The hook's options. */
export type LedgerHookOptions = z.output<typeof optionsSchema>;

/** What the hook answers after a pass: the counts, and the checkpoint it signed (if one was due). */
export interface LedgerPassResult extends PassOutcome {
  /** The wall time reconciliation and writing took in the worker (ms). */
  readonly ms: number;
  /** The sequence number the checkpoint signed, when one was written after this pass. */
  readonly checkpointSeq: number | null;
}

/** Builds the hook (the worker calls this once per setup whose options changed). */
export function createAfterPass(raw: JsonValue): AfterPassHook {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`ledger after-pass hook: bad options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const opts = parsed.data;
  const policy: LedgerPolicy = opts.policy;
  // opened on the first pass, kept for the worker's life (one connection, reused)
  let opened: { readonly store: LedgerStore; readonly checkpoints: CheckpointStore } | null = null;
  let key: LedgerSigningKey | null = null;
  const open = async (): Promise<{ readonly store: LedgerStore; readonly checkpoints: CheckpointStore }> => {
    if (opts.postgres !== undefined) {
      const pg = await workerPgLedger(opts.postgres);
      return { store: pg, checkpoints: pgCheckpoints(pg.pool, pg.where) };
    }
    const sqlite = openSqliteLedgerStore(opts.ledgerFile);
    return { store: sqlite, checkpoints: sqliteCheckpoints(sqlite.db) };
  };
  return async (pass: AfterPass): Promise<LedgerPassResult> => {
    opened ??= await open();
    const { store, checkpoints } = opened;
    const started = performance.now();
    const outcome = await store.applyPass(
      { at: pass.at, policyHash: pass.policyHash, findings: pass.findings },
      (state, input) => reconcile(state, input, policy),
    );
    let checkpointSeq: number | null = null;
    if (await checkpoints.due(opts.checkpointEvery)) {
      key ??= loadSigningKey(opts.signingKeyFile);
      checkpointSeq = (await checkpoints.write(key, pass.at))?.seq ?? null;
    }
    return { ...outcome, ms: performance.now() - started, checkpointSeq };
  };
}
