/**
 * The cluster's PostgreSQL parts on a real server, each test in a fresh schema: leases shared
 * fairly and never twice, an expired lease taken over, a lease that locally runs out refuses
 * polls, the poll feed applied in order and idempotently to a SQLite replica, pruning after
 * the analyst's cursor, and the advisory-lock election handing over when the leader stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { campaign } from '../../src/cluster/election.js';
import { LeaseKeeper } from '../../src/cluster/leases.js';
import { createPollPublisher, openFeedApplier, prunePolls, readPolls } from '../../src/cluster/poll-feed.js';
import { migrateCluster } from '../../src/cluster/schema.js';
import { openSqliteStateStore } from '../../src/state/store.js';
import { openPgPool } from '../../src/store/postgres/pool.js';
import { dropSchema, freshSchema, pgAvailable, PG_TEST_URL } from '../support/postgres.js';
import { observation } from '../support/snapshot-builders.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function clusterPool(): Promise<{ pool: pg.Pool; schema: string }> {
  const schema = freshSchema();
  const pool = await openPgPool({ url: PG_TEST_URL, schema, poolSize: 4 });
  cleanups.push(async () => { await pool.end(); await dropSchema(schema); });
  await migrateCluster(pool);
  return { pool, schema };
}

/** A monotonic clock the test moves. */
function manualMono(start = 1_000_000): { now: () => number; set: (v: number) => void } {
  let t = start;
  return { now: () => t, set: (v) => { t = v; } };
}

const DEVICES = Array.from({ length: 10 }, (_, k) => `d${String(k).padStart(2, '0')}`);

describe.skipIf(!pgAvailable)('device leases (PostgreSQL)', () => {
  it('a second poller gets its fair share once the first has released the excess; no device is held by both', async () => {
    const { pool } = await clusterPool();
    const mono = manualMono();
    const a = new LeaseKeeper({ pool, memberId: 'poller-a', ttlMs: 60_000, monotonicNow: mono.now });
    const b = new LeaseKeeper({ pool, memberId: 'poller-b', ttlMs: 60_000, monotonicNow: mono.now });
    const first = await a.round(DEVICES);
    expect(first).toMatchObject({ claimed: 10, livePollers: 1, fairShare: 10 });
    expect(first.held).toEqual(DEVICES);
    // b joins: nothing is free yet
    expect(await b.round(DEVICES)).toMatchObject({ claimed: 0, livePollers: 2, fairShare: 5, held: [] });
    // a sees two pollers: stops polling five at once, releases them at its next round
    const shrunk = await a.round(DEVICES);
    expect(shrunk.held).toHaveLength(5);
    expect(a.begin(DEVICES[9]!, 1000, 0)).toBeNull();
    expect((await a.round(DEVICES)).released).toBe(5);
    const joined = await b.round(DEVICES);
    expect(joined.claimed).toBe(5);
    const heldA = new Set(a.heldNow());
    expect(heldA.size + b.heldNow().length).toBe(10);
    for (const id of b.heldNow()) expect(heldA.has(id)).toBe(false);
    const { rows } = await pool.query<{ owner: string; n: number }>('SELECT owner, count(*)::int AS n FROM device_lease GROUP BY owner ORDER BY owner');
    expect(rows).toEqual([{ owner: 'poller-a', n: 5 }, { owner: 'poller-b', n: 5 }]);
  });

  it('a device whose poll is running is released only after the poll has ended', async () => {
    const { pool } = await clusterPool();
    const mono = manualMono();
    const a = new LeaseKeeper({ pool, memberId: 'poller-a', ttlMs: 60_000, monotonicNow: mono.now });
    const b = new LeaseKeeper({ pool, memberId: 'poller-b', ttlMs: 60_000, monotonicNow: mono.now });
    await a.round(DEVICES);
    await b.round(DEVICES);
    const running = a.begin('d09', 5000, 0);
    expect(running).not.toBeNull();
    await a.round(DEVICES); // d05..d09 go to releasing
    expect((await a.round(DEVICES)).released).toBe(4); // d09 is still being polled
    expect((await b.round(DEVICES)).held).not.toContain('d09');
    a.end('d09');
    expect((await a.round(DEVICES)).released).toBe(1);
    expect((await b.round(DEVICES)).held).toContain('d09');
  });

  it("a poller that stops renewing loses its devices to the others once PostgreSQL's clock passes the lease", async () => {
    const { pool } = await clusterPool();
    const mono = manualMono();
    const dead = new LeaseKeeper({ pool, memberId: 'dead', ttlMs: 300, monotonicNow: mono.now });
    const alive = new LeaseKeeper({ pool, memberId: 'alive', ttlMs: 300, monotonicNow: mono.now });
    await dead.round(DEVICES);
    // waits for the event (the takeover), not for a time
    let held: readonly string[] = [];
    while (held.length < DEVICES.length) {
      held = (await alive.round(DEVICES)).held;
      if (held.length < DEVICES.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(held).toEqual(DEVICES);
    const { rows } = await pool.query<{ epoch: number }>('SELECT DISTINCT epoch FROM device_lease');
    expect(rows).toEqual([{ epoch: 2 }]);
  });

  it('locally a lease is believed only until the round was sent plus what PostgreSQL said was left, less the margin', async () => {
    const { pool } = await clusterPool();
    const mono = manualMono(5000);
    const a = new LeaseKeeper({ pool, memberId: 'a', ttlMs: 10_000, marginMs: 1000, monotonicNow: mono.now });
    await a.round(['d1']);
    const p = a.begin('d1', 20_000, 2000);
    expect(p?.deadlineMs).toBeLessThanOrEqual(10_000 - 1000 - 2000);
    expect(p?.deadlineMs).toBeGreaterThan(6000);
    a.end('d1');
    mono.set(5000 + 8900); // 100 ms left after the margin: less than the reserve
    expect(a.begin('d1', 20_000, 2000)).toBeNull();
    mono.set(5000 + 9000);
    expect(a.heldNow()).toEqual([]);
  });
});

describe.skipIf(!pgAvailable)('poll feed (PostgreSQL → SQLite replica)', () => {
  it('applies published polls in order, once, and prunes what the analyst applied', async () => {
    const { pool } = await clusterPool();
    const dir = mkdtempSync(join(tmpdir(), 'redline-feed-'));
    cleanups.push(() => { rmSync(dir, { recursive: true, force: true }); });
    const store = openSqliteStateStore(join(dir, 'replica.db'));
    cleanups.push(() => { store.close(); });
    const pub = createPollPublisher(pool, 'p1', { flushAfterMs: 5 });
    const up = observation({ system: { name: 'r1', descr: null, objectId: null, uptimeSeconds: 100 } });
    await Promise.all([
      pub.publish({ deviceId: 'r1', epoch: 1, startedAt: 1000, endedAt: 1100, result: { answered: true, observation: up } }),
      pub.publish({ deviceId: 'r2', epoch: 1, startedAt: 1000, endedAt: 1200, result: { answered: false, observation: up } }),
      pub.publish({ deviceId: 'r1', epoch: 1, startedAt: 2000, endedAt: 2100, result: { answered: true, observation: up } }),
    ]);
    expect(pub.written()).toBe(3);
    const rows = await readPolls(pool, 0, 10);
    expect(rows.map((r) => [r.deviceId, r.endedAt])).toEqual([['r1', 1100], ['r2', 1200], ['r1', 2100]]);
    const applier = await openFeedApplier(pool, store, 'analyst-1');
    expect(await applier.catchUp()).toBe(3);
    expect(store.latestDevice('r1')?.observedAt).toBe(2100);
    expect(store.latestDevice('r2')).toMatchObject({ reachable: false, observedAt: 1200 });
    // a late row older than what the replica holds is skipped; a new applier resumes at the saved cursor
    await pub.publish({ deviceId: 'r1', epoch: 1, startedAt: 1500, endedAt: 1600, result: { answered: false, observation: up } });
    const again = await openFeedApplier(pool, store, 'analyst-1');
    expect(again.cursor()).toBe(applier.cursor());
    expect(await again.catchUp()).toBe(0);
    expect(store.latestDevice('r1')).toMatchObject({ reachable: true, observedAt: 2100 });
    // a fresh analyst (a new replica) replays what is left and lands on the same state
    const store2 = openSqliteStateStore(join(dir, 'replica2.db'));
    cleanups.push(() => { store2.close(); });
    expect(await (await openFeedApplier(pool, store2, 'analyst-2', { isDevice: (id) => id !== 'r2' })).catchUp()).toBe(2);
    expect(store2.latestDevice('r1')?.observedAt).toBe(2100);
    expect(store2.latestDevice('r2')).toBeNull();
    // pruning: nothing younger than the retention; everything applied by every analyst once it is 0
    expect(await prunePolls(pool, 3_600_000)).toBe(0);
    expect(await prunePolls(pool, 0)).toBe(4);
  });
});

describe.skipIf(!pgAvailable)('analyst election (advisory lock)', () => {
  it('one leader; the standby takes over once the leader stops', async () => {
    const { schema } = await clusterPool();
    const lostA: string[] = [];
    const a = campaign({ url: PG_TEST_URL, schema, retryMs: 20 }, (r) => { lostA.push(r); });
    cleanups.push(() => a.stop());
    await a.won;
    const b = campaign({ url: PG_TEST_URL, schema, retryMs: 20 }, () => undefined);
    cleanups.push(() => b.stop());
    const client = await openPgPool({ url: PG_TEST_URL });
    cleanups.push(() => client.end());
    const holders = async (): Promise<number> => (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows[0]!.n;
    expect(a.leader()).toBe(true);
    expect(b.leader()).toBe(false);
    await a.stop();
    await b.won;
    expect(b.leader()).toBe(true);
    expect(lostA).toEqual([]); // a stepped down on purpose
    expect(await holders()).toBeGreaterThanOrEqual(1);
  });
});
