/**
 * The ledger's after-pass hook on a real ledger file, called as the analysis worker calls it: a
 * failing finding opens a hazard and the counts come back; once enough audit records were
 * appended the hook signs a checkpoint that verifies with the key; options that are not the
 * hook's are refused naming the field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/analysis/worker/after-pass.js';
import { createAfterPass, type LedgerPassResult } from '../../src/ledger/after-pass.js';
import { loadOrCreateSigningKey, loadPublicKey } from '../../src/ledger/signing.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import { verifyLedger } from '../../src/ledger/verify.js';
import { finding } from '../support/hazard-builders.js';

const T0 = Date.parse('2026-03-10T04:00:00Z');
const dirs: string[] = [];
/** Options as they cross to the worker: JSON. */
const asJson = (o: unknown): JsonValue => JSON.parse(JSON.stringify(o)) as JsonValue;
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** Options for a ledger in a fresh directory, with its key created as the daemon does at start. */
function optionsIn(checkpointEvery: number): { dir: string; options: { ledgerFile: string; signingKeyFile: string; checkpointEvery: number; policy: typeof DEFAULT_LEDGER_POLICY } } {
  const dir = mkdtempSync(join(tmpdir(), 'redline-ledger-hook-'));
  dirs.push(dir);
  const signingKeyFile = join(dir, 'ledger-signing.key');
  loadOrCreateSigningKey(signingKeyFile, { now: T0 });
  return { dir, options: { ledgerFile: join(dir, 'ledger.db'), signingKeyFile, checkpointEvery, policy: DEFAULT_LEDGER_POLICY } };
}

describe('the ledger after-pass hook', () => {
  it('reconciles each pass into the ledger file and answers its counts', async () => {
    const { options } = optionsIn(1000);
    const hook = createAfterPass(asJson(options));
    const first = await hook({ at: T0, findings: [finding({ state: 'unprotected' })], policyHash: 'p1' }) as LedgerPassResult;
    expect(first).toMatchObject({ opened: 1, hazardsChanged: 1, checkpointSeq: null });
    const again = await hook({ at: T0 + 60_000, findings: [finding({ state: 'unprotected' })], policyHash: 'p1' }) as LedgerPassResult;
    expect(again).toMatchObject({ opened: 0, findingChanges: 0 });
  });

  it('signs a checkpoint once enough audit records were appended, and it verifies with the key', async () => {
    const { options } = optionsIn(2);
    const hook = createAfterPass(asJson(options));
    const subjects = ['cr1', 'cr2', 'cr3'].map((id) => finding({ subject: { kind: 'device', id } }));
    const r = await hook({ at: T0, findings: subjects, policyHash: 'p1' }) as LedgerPassResult;
    expect(r.opened).toBe(3);
    expect(r.checkpointSeq).toBe(r.auditRecords);
    const report = verifyLedger(options.ledgerFile, { publicKey: loadPublicKey(options.signingKeyFile) });
    expect(report.ok, JSON.stringify(report.firstBad)).toBe(true);
    expect(report.checkpoints).toBe(1);
  });

  it('refuses options that are not its own, naming the field', () => {
    const { options } = optionsIn(1000);
    expect(() => createAfterPass(asJson({ ...options, checkpointEvery: 0 }))).toThrow(/checkpointEvery/);
    expect(() => createAfterPass(asJson({ ...options, policy: { ...options.policy, verifyPasses: 'three' } }))).toThrow(/policy\.verifyPasses/);
  });
});
