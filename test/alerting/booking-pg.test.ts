/**
 * The booking store on PostgreSQL (in the ledger's schema, on the ledger's pool): the BookingStore
 * contract, the alerting component at SQLite's version, the engine's read of what stands, and two
 * processes' pools writing at once: of two changes at the same version one wins and the other is a
 * conflict naming the stored version (no lost update), an id raced for is booked once, and the
 * audit chain stays one unbroken chain.
 */
import { describe, expect, it } from 'vitest';
import { openPgBookingStore, readBookingsPg } from '../../src/alerting/booking-pg.js';
import type { BookedWindow, Silence } from '../../src/alerting/bookings.js';
import { openPgOutbox, PG_ALERTING_MIGRATIONS } from '../../src/alerting/outbox-pg.js';
import { ALERTING_COMPONENT, ALERTING_MIGRATIONS } from '../../src/alerting/outbox-sqlite.js';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerConflictError } from '../../src/ledger/errors.js';
import { pgSchemaVersion } from '../../src/store/postgres/pool.js';
import { bookingStoreContract, settleThrough } from '../support/booking-store-contract.js';
import { openPgTestLedgers, pgAvailable } from '../support/postgres.js';
import { allAudit } from '../ledger/store-contract.js';

const T = Date.parse('2026-12-07T02:00:00Z');
const H = 3_600_000;
const meta = { version: 1, createdAt: T, createdBy: 'op', updatedAt: T, updatedBy: 'op', closedAt: null, closedBy: null, closedHow: null };
const win = (id: string): BookedWindow => ({ ...meta, id, mode: 'mute', scope: { site: ['sh-core'] }, schedule: { every: 'once', start: '2026-12-07T10:00', end: '2026-12-07T12:00' } });
const silence = (id: string, endsAt: number): Silence => ({ ...meta, id, matchers: [{ name: 'site', op: '=', value: 'sh-core' }], startsAt: T, endsAt, comment: 'cutover' });
const audit = (action: string, target: string, actor = 'op') => ({ at: T, actor, action, target, before: null, after: { target } });

if (pgAvailable) {
  bookingStoreContract('PostgreSQL (the ledger\'s schema)', async () => {
    const pg = await openPgTestLedgers();
    const ledger = pg.ledgers[0]!;
    const outbox = await openPgOutbox(ledger.pool);
    return {
      store: await openPgBookingStore(ledger.pool),
      audit: () => allAudit(ledger),
      settle: settleThrough(outbox,
        async (deliveryId) => (await ledger.pool.query<{ id: number; receiver: string }>('SELECT id, receiver FROM alert_outbox WHERE delivery_id = $1', [deliveryId])).rows[0]!,
        async (ids) => { await ledger.pool.query("UPDATE alert_outbox SET state = 'pending', lease_until = NULL WHERE id = ANY($1::bigint[])", [ids]); }),
      close: () => pg.cleanup(),
    };
  });
}

describe.skipIf(!pgAvailable)('the PostgreSQL booking store', () => {
  it('keeps the alerting component at SQLite\'s version, shared with the outbox', async () => {
    expect(PG_ALERTING_MIGRATIONS).toHaveLength(ALERTING_MIGRATIONS.length);
    const pg = await openPgTestLedgers();
    try {
      await openPgBookingStore(pg.ledgers[0]!.pool);
      await openPgOutbox(pg.ledgers[0]!.pool);
      expect(await pgSchemaVersion(pg.ledgers[0]!.pool, ALERTING_COMPONENT)).toBe(ALERTING_MIGRATIONS.length);
    } finally {
      await pg.cleanup();
    }
  });

  it('the engine reads what stands at a time, as list does', async () => {
    const pg = await openPgTestLedgers();
    try {
      const store = await openPgBookingStore(pg.ledgers[0]!.pool);
      await store.create('silence', silence('short', T + H), audit('silence.create', 'silence:short'));
      await store.create('silence', silence('long', T + 5 * H), audit('silence.create', 'silence:long'));
      await store.create('window', win('w1'), audit('window.create', 'window:w1'));
      const read = await readBookingsPg(pg.ledgers[0]!.pool, T + 2 * H);
      expect({ windows: read.windows.map((w) => w.id), silences: read.silences.map((s) => s.id), overrides: read.overrides }).toEqual({ windows: ['w1'], silences: ['long'], overrides: [] });
      expect(read.silences).toEqual(await store.list('silence', { openAt: T + 2 * H }));
    } finally {
      await pg.cleanup();
    }
  });

  it('two pools writing at once: one change per version wins, an id is booked once, one unbroken audit chain', async () => {
    const pg = await openPgTestLedgers(2, 3);
    try {
      const stores = await Promise.all(pg.ledgers.map((l) => openPgBookingStore(l.pool)));
      const ids = Array.from({ length: 6 }, (_, i) => `w${i}`);
      const creates = await Promise.allSettled(ids.flatMap((id) => stores.map((s, k) => s.create('window', win(id), audit('window.create', `window:${id}`, `p${k}`)))));
      expect(creates.filter((r) => r.status === 'fulfilled')).toHaveLength(ids.length);
      for (const r of creates) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LedgerConflictError);
      // each window changed by both pools at version 1, each to its own mode
      const modes = ['skip', 'mute'] as const;
      const changes = await Promise.allSettled(ids.flatMap((id) => stores.map((s, k) =>
        s.update('window', id, 1, (cur) => ({ item: { ...cur, version: 2, mode: modes[k]!, updatedBy: `p${k}` }, audit: audit('window.update', `window:${id}`, `p${k}`) })))));
      const won = changes.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(won).toHaveLength(ids.length);
      for (const r of changes) if (r.status === 'rejected') expect(r.reason).toMatchObject({ currentVersion: 2 });
      // what is stored is what the winner wrote: no update lost or half applied
      for (const w of won) expect(await stores[0]!.get('window', w.id)).toEqual(w);
      const trail = await allAudit(pg.ledgers[0]!);
      expect(trail.filter((r) => r.action === 'window.update').map((r) => `${r.target}:${r.actor}`).sort()).toEqual(won.map((w) => `window:${w.id}:${w.updatedBy}`).sort());
      expect(trail).toHaveLength(2 * ids.length);
      expect(firstChainBreak(trail)).toBeNull();
    } finally {
      await pg.cleanup();
    }
  });
});
