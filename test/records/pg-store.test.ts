/**
 * The records store on PostgreSQL (in the ledger's schema, on the ledger's pool): the RecordsStore
 * contract, the records component at SQLite's version, and two processes' pools writing at once:
 * of two changes at the same version one wins and the other is a conflict naming the stored
 * version (no lost update), an id raced for is created once, and the audit chain stays one.
 */
import { describe, expect, it } from 'vitest';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerConflictError } from '../../src/ledger/errors.js';
import { approveCutover, newRecord } from '../../src/records/lifecycle.js';
import { openPgRecordsStore, PG_RECORDS_MIGRATIONS } from '../../src/records/pg-store.js';
import { RECORDS_COMPONENT, RECORDS_MIGRATIONS } from '../../src/records/sqlite-store.js';
import { pgSchemaVersion } from '../../src/store/postgres/pool.js';
import { allAudit } from '../ledger/store-contract.js';
import { openPgTestLedgers, pgAvailable } from '../support/postgres.js';
import { cutoverInputAt, describeRecordsStoreContract } from './store-contract.js';

const T0 = Date.UTC(2026, 10, 1, 8);

if (pgAvailable) {
  describeRecordsStoreContract('PostgreSQL (the ledger\'s schema)', async () => {
    const pg = await openPgTestLedgers();
    const ledger = pg.ledgers[0]!;
    return { records: await openPgRecordsStore(ledger.pool), ledger, cleanup: () => pg.cleanup() };
  });
}

describe.skipIf(!pgAvailable)('the PostgreSQL records store', () => {
  it('keeps the records component at SQLite\'s version, and its records across a reopen', async () => {
    expect(PG_RECORDS_MIGRATIONS).toHaveLength(RECORDS_MIGRATIONS.length);
    const pg = await openPgTestLedgers();
    try {
      const c = newRecord('cutover', cutoverInputAt(T0, 2, ['cr1']), { actor: 'olga', now: T0 });
      await (await openPgRecordsStore(pg.ledgers[0]!.pool)).create(c, { at: T0, actor: 'olga', action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: c });
      expect(await (await openPgRecordsStore(pg.ledgers[0]!.pool)).get('cutover', c.id)).toEqual(c);
      expect(await pgSchemaVersion(pg.ledgers[0]!.pool, RECORDS_COMPONENT)).toBe(RECORDS_MIGRATIONS.length);
    } finally {
      await pg.cleanup();
    }
  });

  it('two pools writing at once: one change per version wins, an id is created once, one unbroken audit chain', async () => {
    const pg = await openPgTestLedgers(2, 3);
    try {
      const stores = await Promise.all(pg.ledgers.map((l) => openPgRecordsStore(l.pool)));
      const cutovers = Array.from({ length: 6 }, (_, i) => newRecord('cutover', cutoverInputAt(T0 + i * 3_600_000, 2, [`cr${i}`]), { actor: 'olga', now: T0 }));
      const creates = await Promise.allSettled(cutovers.flatMap((c) => stores.map((s, k) =>
        s.create(c, { at: T0, actor: `p${k}`, action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: c }))));
      expect(creates.filter((r) => r.status === 'fulfilled')).toHaveLength(cutovers.length);
      for (const r of creates) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LedgerConflictError);
      // both pools approve each cutover at version 1, each as its own approver
      const approvals = await Promise.allSettled(cutovers.flatMap((c) => stores.map((s, k) => s.update('cutover', c.id, 1, approveCutover({ actor: `approver-${k}`, now: T0 + 1 })))));
      const won = approvals.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(won).toHaveLength(cutovers.length);
      for (const r of approvals) if (r.status === 'rejected') expect(r.reason).toMatchObject({ currentVersion: 2 });
      for (const w of won) expect(await stores[1]!.get('cutover', w.id)).toEqual(w);
      const trail = await allAudit(pg.ledgers[0]!);
      expect(trail.filter((r) => r.action === 'record.cutover.approve').map((r) => `${r.target}:${r.actor}`).sort())
        .toEqual(won.map((w) => `cutover:${w.id}:${w.approvedBy ?? ''}`).sort());
      expect(trail).toHaveLength(2 * cutovers.length);
      expect(firstChainBreak(trail)).toBeNull();
    } finally {
      await pg.cleanup();
    }
  });
});
