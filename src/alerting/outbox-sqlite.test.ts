import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notification } from '../../test/support/alert-notifications.js';
import { ManualClock } from '../../test/support/clock.js';
import { SecretRegistry } from '../common/secrets.js';
import { openLedgerDb, schemaVersion, type LedgerDb } from '../ledger/sqlite-db.js';
import { createDispatcher, type DeliveryEvent } from './delivery-dispatcher.js';
import { ALERTING_COMPONENT, ALERTING_MIGRATIONS, enqueueSync, migrateAlerting, openSqliteOutbox } from './outbox-sqlite.js';
import type { DeliveryResult, Notification, Receiver } from './types.js';

let dir: string;
let file: string;
let db: LedgerDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redline-outbox-'));
  file = join(dir, 'ledger.db');
  db = openLedgerDb(file);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A receiver answering from a script of results (then ok), recording what it was given. */
function scripted(name: string, results: DeliveryResult[] = []): Receiver & { seen: string[] } {
  const seen: string[] = [];
  return {
    name, type: 'scripted', seen,
    deliver(n: Notification) {
      seen.push(n.deliveryId);
      return Promise.resolve(results.shift() ?? { ok: true, retryable: false });
    },
  };
}

describe('outbox on the ledger file', () => {
  it('migrates under the alerting component and enqueues in the caller\'s transaction, or not at all', () => {
    migrateAlerting(db);
    expect(schemaVersion(db, ALERTING_COMPONENT)).toBe(ALERTING_MIGRATIONS.length);
    db.exec('CREATE TABLE state_change (id TEXT PRIMARY KEY)');
    const change = db.transaction((id: string, fail: boolean) => {
      db.prepare('INSERT INTO state_change (id) VALUES (?)').run(id);
      enqueueSync(db, [notification(`d-${id}`, 'ops')]);
      if (fail) throw new Error('the state change failed');
    });
    change('a', false);
    expect(() => { change('b', true); }).toThrow('the state change failed');
    const rows = db.prepare('SELECT delivery_id FROM alert_outbox').all() as { delivery_id: string }[];
    expect(rows.map((r) => r.delivery_id)).toEqual(['d-a']);
    // the same delivery id again (a pass re-run after a crash) is ignored
    expect(db.transaction(() => enqueueSync(db, [notification('d-a', 'ops')]))()).toBe(0);
  });

  it('survives reopening: pending rows are still there for the next process', async () => {
    const outbox = openSqliteOutbox(db);
    expect(await outbox.enqueue([notification('d-1', 'ops'), notification('d-2', 'ops')])).toBe(2);
    db.close();
    db = openLedgerDb(file);
    const again = openSqliteOutbox(db);
    expect(await again.counts()).toEqual({ pending: 2, inflight: 0, delivered: 0, dead: 0 });
  });

  it('re-claims an in-flight row only after its lease runs out (a crashed dispatcher)', async () => {
    const outbox = openSqliteOutbox(db);
    const at = Date.UTC(2026, 11, 4, 8, 0, 0);
    await outbox.enqueue([notification('d-1', 'ops', at)]);
    expect((await outbox.claim('ops', at, 10, 5000)).map((e) => e.notification.deliveryId)).toEqual(['d-1']);
    expect(await outbox.claim('ops', at + 4999, 10, 5000)).toEqual([]);
    expect(await outbox.receiversDue(at + 4999)).toEqual([]);
    expect(await outbox.receiversDue(at + 5000)).toEqual(['ops']);
    const again = await outbox.claim('ops', at + 5000, 10, 5000);
    expect(again.map((e) => e.notification)).toEqual([notification('d-1', 'ops', at)]);
  });
});

describe('outbox shared by two processes and kept small', () => {
  it('two connections on one file never claim the same row within a lease', async () => {
    const other = openLedgerDb(file);
    try {
      const a = openSqliteOutbox(db);
      const b = openSqliteOutbox(other);
      const at = Date.UTC(2026, 11, 4, 8, 0, 0);
      await a.enqueue(Array.from({ length: 10 }, (_, i) => notification(`d-${i}`, 'ops', at)));
      const first = await a.claim('ops', at, 6, 5000);
      const second = await b.claim('ops', at, 6, 5000);
      expect(first).toHaveLength(6);
      expect(second).toHaveLength(4);
      expect(new Set([...first, ...second].map((e) => e.id)).size).toBe(10);
    } finally {
      other.close();
    }
  });

  it('prunes delivered rows older than asked, keeping pending and dead ones', async () => {
    const outbox = openSqliteOutbox(db);
    const at = Date.UTC(2026, 11, 4, 8, 0, 0);
    await outbox.enqueue([notification('d-1', 'ops', at), notification('d-2', 'ops', at), notification('d-3', 'ops', at), notification('d-4', 'ops', at)]);
    const [e1, e2, e3] = await outbox.claim('ops', at, 3, 5000);
    await outbox.settle([
      { id: e1!.id, kind: 'delivered', at: at + 10 },
      { id: e2!.id, kind: 'delivered', at: at + 1000 },
      { id: e3!.id, kind: 'dead', at: at + 10, error: 'HTTP 404', meta: [] },
    ]);
    expect(await outbox.pruneDelivered(at + 500)).toBe(1);
    expect(await outbox.counts()).toEqual({ pending: 1, inflight: 0, delivered: 1, dead: 1 });
  });
});

describe('dispatcher', () => {
  const start = Date.UTC(2026, 11, 4, 8, 0, 0);

  it('delivers, retries 5xx with backoff honouring Retry-After, and marks delivered only after ok', async () => {
    const clock = new ManualClock({ wallMs: start });
    const outbox = openSqliteOutbox(db);
    const ops = scripted('ops', [{ ok: false, retryable: true, status: 503, error: 'HTTP 503', retryAfterMs: 20_000 }]);
    const events: DeliveryEvent[] = [];
    const d = createDispatcher({ store: outbox, receivers: new Map([['ops', ops]]), clock, random: () => 0, onEvent: (e) => { events.push(e); } },
      { backoff: { baseMs: 1000, maxMs: 60_000 }, timeoutMs: 1000, leaseMs: 5000 });
    await outbox.enqueue([notification('d-1', 'ops', start)]);
    expect(await d.runOnce()).toBe(1);
    expect(await outbox.counts()).toMatchObject({ pending: 1, delivered: 0 });
    clock.advance(19_999);
    expect(await d.runOnce()).toBe(0);
    clock.advance(1);
    expect(await d.runOnce()).toBe(1);
    expect(await outbox.counts()).toMatchObject({ pending: 0, delivered: 1 });
    expect(ops.seen).toEqual(['d-1', 'd-1']);
    expect(events.map((e) => [e.outcome, e.attempts])).toEqual([['retry', 1], ['delivered', 2]]);
  });

  it('a permanent 4xx marks the row dead and raises one meta alert to the meta receivers, counted in metrics', async () => {
    const clock = new ManualClock({ wallMs: start });
    const outbox = openSqliteOutbox(db);
    const ops = scripted('ops', [{ ok: false, retryable: false, status: 401, error: 'HTTP 401' }]);
    const meta = scripted('meta');
    const counted: string[] = [];
    const d = createDispatcher({
      store: outbox, receivers: new Map([['ops', ops], ['meta', meta]]), clock, random: () => 0,
      metrics: { attempt: (r, o) => { counted.push(`${r}:${o}`); } },
    }, { metaReceivers: ['meta'], timeoutMs: 1000, leaseMs: 5000 });
    await outbox.enqueue([notification('d-1', 'ops', start)]);
    await d.runOnce();
    expect(await outbox.counts()).toMatchObject({ dead: 1, pending: 1 });
    await d.runOnce();
    expect(meta.seen).toEqual(['dead:d-1:meta']);
    expect(counted).toEqual(['ops:dead', 'meta:delivered']);
    const row = db.prepare("SELECT last_error FROM alert_outbox WHERE delivery_id = 'd-1'").get() as { last_error: string };
    expect(row.last_error).toBe('HTTP 401');
  });

  it('scrubs registered secrets from the stored error, the event and the meta alert', async () => {
    const clock = new ManualClock({ wallMs: start });
    const outbox = openSqliteOutbox(db);
    const registry = new SecretRegistry();
    registry.add('tok-3141592');
    const leaky = scripted('ops', [{ ok: false, retryable: false, status: 403, error: 'refused token tok-3141592' }]);
    const meta = scripted('meta');
    const events: DeliveryEvent[] = [];
    const d = createDispatcher({
      store: outbox, receivers: new Map([['ops', leaky], ['meta', meta]]), clock, random: () => 0,
      onEvent: (e) => { events.push(e); }, redact: (t) => registry.redact(t),
    }, { metaReceivers: ['meta'], timeoutMs: 1000, leaseMs: 5000 });
    await outbox.enqueue([notification('d-1', 'ops', start)]);
    await d.runOnce();
    const stored = db.prepare('SELECT last_error, notification FROM alert_outbox').all() as { last_error: string | null; notification: string }[];
    expect(JSON.stringify(stored)).not.toContain('tok-3141592');
    expect(stored[0]!.last_error).toBe('refused token [REDACTED]');
    expect(JSON.stringify(events)).not.toContain('tok-3141592');
  });

  it('a notification for a receiver nobody configured is dead at once, and a failing meta alert raises no further one', async () => {
    const clock = new ManualClock({ wallMs: start });
    const outbox = openSqliteOutbox(db);
    const d = createDispatcher({ store: outbox, receivers: new Map(), clock, random: () => 0 }, { metaReceivers: ['meta'], timeoutMs: 1000, leaseMs: 5000 });
    await outbox.enqueue([notification('d-1', 'gone', start)]);
    await d.runOnce();
    await d.runOnce();
    expect(await outbox.counts()).toMatchObject({ dead: 2, pending: 0 });
  });

  it('times out a receiver that never answers, aborting it, and retries', async () => {
    const clock = new ManualClock({ wallMs: start });
    const outbox = openSqliteOutbox(db);
    let aborted = false;
    const hanging: Receiver = {
      name: 'slow', type: 'hanging',
      deliver: (_n, signal) => new Promise(() => { signal.addEventListener('abort', () => { aborted = true; }); }),
    };
    const events: DeliveryEvent[] = [];
    const d = createDispatcher({ store: outbox, receivers: new Map([['slow', hanging]]), clock, random: () => 0, onEvent: (e) => { events.push(e); } }, { timeoutMs: 30, leaseMs: 5000 });
    await outbox.enqueue([notification('d-1', 'slow', start)]);
    await d.runOnce();
    expect(aborted).toBe(true);
    expect(events[0]).toMatchObject({ outcome: 'retry', error: 'timed out after 30 ms' });
  });

  it('never has more than the bound in flight per receiver', async () => {
    const clock = new ManualClock({ wallMs: start });
    const outbox = openSqliteOutbox(db);
    let inFlight = 0;
    let peak = 0;
    const slow: Receiver = {
      name: 'ops', type: 'slow',
      async deliver() {
        inFlight++; peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return { ok: true, retryable: false };
      },
    };
    await outbox.enqueue(Array.from({ length: 10 }, (_, i) => notification(`d-${i}`, 'ops', start)));
    const d = createDispatcher({ store: outbox, receivers: new Map([['ops', slow]]), clock, random: () => 0 }, { concurrencyPerReceiver: 3, timeoutMs: 1000, leaseMs: 5000 });
    expect(await d.runOnce()).toBe(3);
    while ((await d.runOnce()) > 0);
    expect(peak).toBe(3);
    expect(await outbox.counts()).toMatchObject({ delivered: 10 });
  });

  it('records the outcomes of one pass in one transaction (group commit), none before the receiver answered', async () => {
    const clock = new ManualClock({ wallMs: start });
    const raw = openSqliteOutbox(db);
    const batches: number[] = [];
    const store = { ...raw, settle: (o: Parameters<typeof raw.settle>[0]) => { batches.push(o.length); return raw.settle(o); } };
    await raw.enqueue(Array.from({ length: 8 }, (_, i) => notification(`d-${i}`, 'ops', start)));
    const d = createDispatcher({ store, receivers: new Map([['ops', scripted('ops')]]), clock, random: () => 0 }, { concurrencyPerReceiver: 8, timeoutMs: 1000, leaseMs: 5000 });
    expect(await d.runOnce()).toBe(8);
    expect(batches).toEqual([8]);
    expect(await raw.counts()).toMatchObject({ delivered: 8, inflight: 0 });
  });

  it('sends the heartbeat once per slot, also across a restart in the same slot', async () => {
    const clock = new ManualClock({ wallMs: start });
    const outbox = openSqliteOutbox(db);
    const watcher = scripted('deadman');
    const deps = { store: outbox, receivers: new Map([['deadman', watcher]]), clock, random: () => 0 };
    const opts = { heartbeat: { everyMs: 60_000, receivers: ['deadman'] }, timeoutMs: 1000, leaseMs: 5000 };
    await createDispatcher(deps, opts).runOnce();
    clock.advance(10_000);
    await createDispatcher(deps, opts).runOnce();
    clock.advance(50_000);
    await createDispatcher(deps, opts).runOnce();
    const slot = Math.floor(start / 60_000);
    expect(watcher.seen).toEqual([`heartbeat:deadman:${slot}`, `heartbeat:deadman:${slot + 1}`]);
  });

  it('refuses a lease no longer than the timeout', () => {
    expect(() => createDispatcher({ store: openSqliteOutbox(db), receivers: new Map(), clock: new ManualClock(), random: () => 0 }, { timeoutMs: 5000, leaseMs: 5000 }))
      .toThrow('leaseMs (5000) must exceed timeoutMs (5000)');
  });
});
