/**
 * The ledger counts behind `redline_hazards` and `redline_hazards_overdue`, on a real ledger file:
 * hazards opened by reconciling a pass are counted by colour and status, overdue once their
 * deadline (red: 7 days by default) has passed, and the registry gives every colour × status
 * pair (zeros included) at each scrape.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finding, pass, T } from '../../test/support/hazard-builders.js';
import { DEFAULT_LEDGER_POLICY } from '../analysis/ledger-policy.js';
import { reconcile } from '../ledger/reconcile.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../ledger/sqlite-store.js';
import { hazardCounts } from './hazard-counts.js';
import { createMetrics } from './registry.js';

const AT = T('2026-12-01T02:00:00Z');
const DAY = 86_400_000;

describe('hazard counts from the ledger file', () => {
  let dir: string;
  let store: SqliteLedgerStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'redline-hazard-counts-'));
    store = openSqliteLedgerStore(join(dir, 'ledger.db'));
    await store.applyPass(
      pass(AT, [
        finding({ subject: { kind: 'device', id: 'cr1' }, colour: 'red' }),
        finding({ subject: { kind: 'device', id: 'cr2' }, colour: 'red' }),
        finding({ subject: { kind: 'device', id: 'agg1' }, colour: 'blue', state: 'degraded' }),
        finding({ subject: { kind: 'device', id: 'agg2' }, state: 'protected' }),
      ]),
      (state, input) => reconcile(state, input, DEFAULT_LEDGER_POLICY),
    );
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts hazards by colour and status, none overdue before the deadline', () => {
    const counts = hazardCounts(store.db, AT + DAY);
    expect(counts.map((c) => [c.colour, c.status, c.count, c.overdue]).sort()).toEqual([['blue', 'open', 1, 0], ['red', 'open', 2, 0]]);
  });

  it('counts red hazards overdue after 7 days and blue ones not yet', () => {
    const counts = hazardCounts(store.db, AT + 8 * DAY);
    expect(counts.map((c) => [c.colour, c.overdue]).sort()).toEqual([['blue', 0], ['red', 2]]);
  });

  it('gives every colour and status in the registry, zeros included', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.setHazardSource(() => hazardCounts(store.db, AT + 8 * DAY));
    const text = await metrics.registry.metrics();
    const lines = (name: string): string[] => text.split('\n').filter((l) => l.startsWith(`${name}{`));
    expect(lines('redline_hazards')).toHaveLength(4 * 6);
    expect(lines('redline_hazards')).toContain('redline_hazards{colour="red",status="open"} 2');
    expect(lines('redline_hazards')).toContain('redline_hazards{colour="orange",status="closed"} 0');
    expect(lines('redline_hazards_overdue')).toEqual([
      'redline_hazards_overdue{colour="blue"} 0', 'redline_hazards_overdue{colour="yellow"} 0',
      'redline_hazards_overdue{colour="orange"} 0', 'redline_hazards_overdue{colour="red"} 2',
    ]);
  });
});
