/**
 * The readers of "which findings began failing in a window and still failed at its end" agree —
 * through the port, and in SQL on SQLite's and on PostgreSQL's findings history — on a real
 * ledger whose history has findings that fail before, in and after a window, recover in it, get
 * worse in it, and leave the analysis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FindingState } from '../../src/analysis/finding.js';
import type { LedgerStore } from '../../src/ledger/port.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { appearedViaPort, appearedViaSqlite, type AppearedReader } from '../../src/records/findings-history.js';
import { appearedViaPg } from '../../src/records/pg-store.js';
import { simplePlanner, testFinding } from '../ledger/simple-planner.js';
import { openPgTestLedgers, pgAvailable } from '../support/postgres.js';

const T0 = Date.UTC(2026, 8, 12, 0);
const HOUR = 3_600_000;

/** Writes the story's six passes, then checks `reader` against what the history says and against the port. */
async function expectStoryRead(ledger: LedgerStore, reader: AppearedReader): Promise<void> {
  // each finding's state at passes T0+0h … T0+5h; the window is [T0+2h, T0+3h], read at T0+3h
  const story: Record<string, (FindingState | null)[]> = {
    before: ['degraded', 'degraded', 'degraded', 'degraded', 'degraded', 'degraded'], // failing before the window
    inWindow: ['protected', 'protected', 'degraded', 'degraded', 'degraded', 'degraded'], // began in it
    worse: ['degraded', 'degraded', 'unprotected', 'unprotected', 'protected', 'protected'], // got worse in it
    recovered: ['protected', 'protected', 'degraded', 'protected', 'protected', 'protected'], // failed and recovered in it
    after: ['protected', 'protected', 'protected', 'protected', 'down', 'down'], // began after it
    newInWindow: [null, null, null, 'unprotected', 'unprotected', null], // first seen failing at its end
    left: ['protected', 'protected', 'degraded', null, null, null], // failed in it, then left the analysis
  };
  for (let k = 0; k < 6; k++) {
    const findings = Object.entries(story).flatMap(([id, s]) => (s[k] === null ? [] : [testFinding({ id, state: s[k]! })]));
    await ledger.applyPass({ at: T0 + k * HOUR, policyHash: 'p'.repeat(64), findings }, simplePlanner());
  }
  const want = ['PWR-001:device:inWindow', 'PWR-001:device:newInWindow', 'PWR-001:device:worse'];
  expect(await reader(T0 + 2 * HOUR, T0 + 3 * HOUR)).toEqual(want);
  expect(await appearedViaPort(ledger)(T0 + 2 * HOUR, T0 + 3 * HOUR)).toEqual(want);
  // an earlier window and a later one, read at their ends
  expect(await reader(T0, T0 + HOUR)).toEqual(await appearedViaPort(ledger)(T0, T0 + HOUR));
  expect(await reader(T0 + 4 * HOUR, T0 + 5 * HOUR)).toEqual(await appearedViaPort(ledger)(T0 + 4 * HOUR, T0 + 5 * HOUR));
  expect(await reader(T0 + 4 * HOUR, T0 + 5 * HOUR)).toEqual(['PWR-001:device:after']);
}

describe('findings that began failing in a window', () => {
  it('are the same through the port and in SQL on SQLite, and are what the history says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-history-'));
    const ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
    try {
      await expectStoryRead(ledger, appearedViaSqlite(ledger.db));
    } finally {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!pgAvailable)('are the same through the port and in SQL on PostgreSQL, and are what the history says', async () => {
    const pg = await openPgTestLedgers();
    try {
      await expectStoryRead(pg.ledgers[0]!, appearedViaPg(pg.ledgers[0]!.pool));
    } finally {
      await pg.cleanup();
    }
  });
});
