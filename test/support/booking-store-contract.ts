/**
 * The contract every BookingStore implementation keeps (src/alerting/booking-store.ts): run
 * `bookingStoreContract` against an implementation on a real database. It checks create/get/list,
 * the version check on change, that an id is taken once across kinds, the `openAt` filter the
 * engine reads with, that every write appends its audit record and a refused write none, delivery
 * health from the outbox, the test notification's enqueue with its audit record, and used links.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../src/alerting/booking-store.js';
import type { OutboxStore } from '../../src/alerting/outbox.js';
import type { BookedWindow, BookingMeta, RosterOverride, Silence } from '../../src/alerting/bookings.js';
import type { Notification } from '../../src/alerting/types.js';
import { LedgerConflictError, LedgerNotFoundError } from '../../src/ledger/errors.js';
import type { AuditRecord } from '../../src/ledger/types.js';

/** One implementation under test, fresh for each test. */
export interface BookingStoreHarness {
  readonly store: BookingStore;
  /** The audit trail as stored. */
  audit(): Promise<readonly AuditRecord[]>;
  /** Marks an outbox row as the dispatcher would: delivered, retried after a failure, or dead. */
  settle(deliveryId: string, how: { kind: 'delivered'; at: number } | { kind: 'retry'; error: string } | { kind: 'dead'; at: number; error: string }): Promise<void>;
  close(): Promise<void>;
}

/**
 * `settle` through an implementation's outbox: claim the row's receiver's due rows as a dispatcher
 * would, put back (`release`) those the call is not about, and settle the one it is.
 */
export function settleThrough(outbox: OutboxStore, row: (deliveryId: string) => Promise<{ id: number; receiver: string }>,
  release: (ids: readonly number[]) => Promise<void>): BookingStoreHarness['settle'] {
  return async (deliveryId, how) => {
    const { id, receiver } = await row(deliveryId);
    const claimed = await outbox.claim(receiver, Number.MAX_SAFE_INTEGER, 100, 60_000);
    await release(claimed.filter((c) => c.id !== id).map((c) => c.id));
    if (how.kind === 'delivered') await outbox.settle([{ id, kind: 'delivered', at: how.at }]);
    else if (how.kind === 'retry') await outbox.settle([{ id, kind: 'retry', dueAt: Number.MAX_SAFE_INTEGER, error: how.error }]);
    else await outbox.settle([{ id, kind: 'dead', at: how.at, error: how.error, meta: [] }]);
  };
}

const T = Date.parse('2026-12-07T02:00:00Z');
const H = 3_600_000;

const meta = (id: string, at = T): BookingMeta => ({ id, version: 1, createdAt: at, createdBy: 'op', updatedAt: at, updatedBy: 'op', closedAt: null, closedBy: null, closedHow: null });
const win = (id: string): BookedWindow => ({ ...meta(id), mode: 'mute', scope: { site: ['sh-core'] }, schedule: { every: 'once', start: '2026-12-07T10:00', end: '2026-12-07T12:00' } });
const silence = (id: string, endsAt: number): Silence => ({ ...meta(id), matchers: [{ name: 'site', op: '=', value: 'sh-core' }], startsAt: T, endsAt, comment: 'cutover' });
const override = (id: string, to: number): RosterOverride => ({ ...meta(id), roster: 'duty', replaces: 'a', by: 'b', from: T, to, reason: '' });
const audit = (action: string, target: string) => ({ at: T, actor: 'op', action, target, before: null, after: { target } });
const note = (deliveryId: string, receiver: string): Notification => ({ deliveryId, receiver, groupKey: 'g', groupLabels: {}, status: 'firing', alerts: [], at: T, reason: 'new', tier: 0 });

/** The contract suite, for one implementation. */
export function bookingStoreContract(name: string, open: () => Promise<BookingStoreHarness>): void {
  describe(`BookingStore contract: ${name}`, () => {
    let h: BookingStoreHarness;
    beforeEach(async () => { h = await open(); });
    afterEach(async () => { await h.close(); });

    it('stores each kind apart, reads it back, and audits each write', async () => {
      await h.store.create('window', win('w1'), audit('window.create', 'window:w1'));
      await h.store.create('silence', silence('s1', T + H), audit('silence.create', 'silence:s1'));
      await h.store.create('rosterOverride', override('o1', T + H), audit('rosterOverride.create', 'rosterOverride:o1'));
      expect(await h.store.get('window', 'w1')).toEqual(win('w1'));
      expect(await h.store.get('silence', 'w1')).toBeNull();
      expect((await h.store.list('silence')).map((s) => s.id)).toEqual(['s1']);
      expect((await h.store.list('rosterOverride')).map((s) => s.id)).toEqual(['o1']);
      expect((await h.audit()).map((r) => r.action)).toEqual(['window.create', 'silence.create', 'rosterOverride.create']);
    });

    it('takes an id once, across kinds; a refused write leaves no audit record', async () => {
      await h.store.create('window', win('x'), audit('window.create', 'window:x'));
      await expect(h.store.create('silence', silence('x', T + H), audit('silence.create', 'silence:x'))).rejects.toBeInstanceOf(LedgerConflictError);
      expect(await h.audit()).toHaveLength(1);
    });

    it('changes at the version read only, and says which version is stored', async () => {
      await h.store.create('window', win('w1'), audit('window.create', 'window:w1'));
      const changed = await h.store.update('window', 'w1', 1, (cur) => ({ item: { ...cur, version: 2, mode: 'skip' }, audit: audit('window.update', 'window:w1') }));
      expect(changed.mode).toBe('skip');
      const stale = h.store.update('window', 'w1', 1, (cur) => ({ item: { ...cur, version: 2 }, audit: audit('window.update', 'window:w1') }));
      await expect(stale).rejects.toMatchObject({ currentVersion: 2 });
      await expect(h.store.update('window', 'nope', 1, (cur) => ({ item: cur, audit: audit('x', 'y') }))).rejects.toBeInstanceOf(LedgerNotFoundError);
      await expect(h.store.update('silence', 'w1', 2, (cur) => ({ item: cur, audit: audit('x', 'y') }))).rejects.toBeInstanceOf(LedgerNotFoundError);
      // a change that throws writes nothing
      await expect(h.store.update('window', 'w1', 2, () => { throw new Error('refused'); })).rejects.toThrow('refused');
      expect((await h.store.get('window', 'w1'))?.version).toBe(2);
      expect((await h.audit()).map((r) => r.action)).toEqual(['window.create', 'window.update']);
    });

    it('openAt keeps what still stands then: not closed, not ended on its own', async () => {
      await h.store.create('silence', silence('short', T + H), audit('silence.create', 'silence:short'));
      await h.store.create('silence', silence('long', T + 5 * H), audit('silence.create', 'silence:long'));
      await h.store.create('window', win('w1'), audit('window.create', 'window:w1'));
      await h.store.update('window', 'w1', 1, (cur) => ({ item: { ...cur, version: 2, closedAt: T + 2 * H, closedBy: 'op', closedHow: 'cancelled' }, audit: audit('window.cancel', 'window:w1') }));
      expect((await h.store.list('silence', { openAt: T + 2 * H })).map((s) => s.id)).toEqual(['long']);
      expect((await h.store.list('silence', { openAt: T })).map((s) => s.id).sort()).toEqual(['long', 'short']);
      expect((await h.store.list('window', { openAt: T + H })).map((s) => s.id)).toEqual(['w1']);
      expect(await h.store.list('window', { openAt: T + 2 * H })).toEqual([]);
      expect(await h.store.list('window')).toHaveLength(1);
    });

    it('enqueues a notification with its audit record, and reports delivery health per receiver', async () => {
      expect(await h.store.enqueue([note('d1', 'noc'), note('d2', 'noc'), note('d3', 'noc'), note('d4', 'mail')], audit('receiver.test', 'receiver:noc'))).toBe(4);
      expect(await h.store.enqueue([note('d1', 'noc')], audit('receiver.test', 'receiver:noc'))).toBe(0);
      await h.settle('d1', { kind: 'delivered', at: T + 1000 });
      await h.settle('d2', { kind: 'retry', error: 'noc: HTTP 503' });
      await h.settle('d3', { kind: 'dead', at: T + 2000, error: 'noc: HTTP 404' });
      const health = await h.store.deliveryHealth();
      expect(health).toEqual([
        { receiver: 'mail', pending: 1, retrying: 0, inflight: 0, delivered: 0, dead: 0, lastDeliveredAt: null, lastDead: null, lastRetryError: null },
        { receiver: 'noc', pending: 1, retrying: 1, inflight: 0, delivered: 1, dead: 1, lastDeliveredAt: T + 1000, lastDead: { at: T + 2000, error: 'noc: HTTP 404' }, lastRetryError: 'noc: HTTP 503' },
      ]);
      expect((await h.audit()).map((r) => r.action)).toEqual(['receiver.test', 'receiver.test']);
    });

    it('records an acknowledgement link once', async () => {
      expect(await h.store.ackLinkUsed('n1')).toBe(false);
      expect(await h.store.useAckLink('n1', 'HZ-1', 'ack-link:noc', T)).toBe(true);
      expect(await h.store.useAckLink('n1', 'HZ-1', 'ack-link:noc', T)).toBe(false);
      expect(await h.store.ackLinkUsed('n1')).toBe(true);
    });
  });
}
