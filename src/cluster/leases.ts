/**
 * Device leases: each device is polled by at most one live poller at a time, and by one as soon
 * as its previous owner is gone. Every poller runs `round` every ttl/4: in one transaction it
 * heartbeats (`cluster_member`), renews the leases it owns, counts the live pollers, releases what
 * it holds beyond its fair share (ceil(devices / live pollers)) once no poll of those devices is
 * running, and claims free or expired leases up to its share with FOR UPDATE SKIP LOCKED. Expiry
 * is judged on PostgreSQL's clock; locally a lease counts only until the monotonic moment the
 * round was sent plus what PostgreSQL said was left, less a margin, so a poller never believes
 * in a lease longer than the server does. A poll runs only inside its lease: `begin` refuses a
 * device whose lease will not outlast the poll's worst case and cuts the poll's deadline to fit.
 * A poller killed with -9 stops renewing; its leases expire after one ttl and are claimed at the
 * others' next round.
 */
import type pg from 'pg';
import { inPgTransaction } from '../store/postgres/pool.js';
import { PG_NOW_MS } from './schema.js';

/** How a poller keeps its leases. */
export interface LeaseOptions {
  readonly pool: pg.Pool;
  /** This poller's id (unique among live members: instance name). */
  readonly memberId: string;
  /** How long a lease (and a heartbeat) lasts after a round, ms. */
  readonly ttlMs: number;
  /** Subtracted from every lease locally (clock rate differences, scheduling delays), ms; default max(250, ttl / 10). */
  readonly marginMs?: number;
  /** Monotonic time (ms). */
  readonly monotonicNow: () => number;
}

/** What one round came to. */
export interface LeaseRound {
  /** Devices this poller holds after the round (sorted). */
  readonly held: readonly string[];
  readonly claimed: number;
  readonly released: number;
  readonly livePollers: number;
  readonly fairShare: number;
}

/** A poll allowed to run: its deadline fits inside the lease. */
export interface LeasedPoll {
  readonly deadlineMs: number;
  readonly epoch: number;
}

interface Held {
  /** Monotonic ms until which the lease is believed (margin already taken off). */
  until: number;
  epoch: number;
}

/** Rows the round reads back from device_lease. */
interface LeaseRow {
  readonly device_id: string;
  readonly epoch: number;
  readonly expires_at: number;
}

/** The lease keeper of one poller. */
export class LeaseKeeper {
  private readonly held = new Map<string, Held>();
  /** Devices given up locally (no new polls), released in PostgreSQL once their polls have ended. */
  private readonly releasing = new Set<string>();
  private readonly inFlight = new Map<string, number>();
  private readonly marginMs: number;
  private seeded: readonly string[] = [];
  private running: Promise<LeaseRound> | null = null;

  constructor(private readonly opts: LeaseOptions) {
    this.marginMs = opts.marginMs ?? Math.max(250, Math.floor(opts.ttlMs / 10));
  }

  /** Runs one round for the configured `devices` (rounds never overlap: a second call shares the running one). */
  round(devices: readonly string[]): Promise<LeaseRound> {
    this.running ??= this.doRound(devices).finally(() => { this.running = null; });
    return this.running;
  }

  private async doRound(devices: readonly string[]): Promise<LeaseRound> {
    const { memberId, ttlMs } = this.opts;
    const sentAt = this.opts.monotonicNow();
    const wanted = new Set(devices);
    const seed = this.seeded !== devices;
    const releasable = [...this.releasing].filter((id) => (this.inFlight.get(id) ?? 0) === 0);
    const out = await inPgTransaction(this.opts.pool, null, async (tx) => {
      const now = (await tx.query<{ now: number }>(`SELECT ${PG_NOW_MS} AS now`)).rows[0]!.now;
      await tx.query(`INSERT INTO cluster_member (member_id, role, started_at, alive_until) VALUES ($1, 'poller', $2, $3)
        ON CONFLICT (member_id) DO UPDATE SET alive_until = EXCLUDED.alive_until`, [memberId, now, now + ttlMs]);
      if (seed) await tx.query('INSERT INTO device_lease (device_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [devices]);
      let released = 0;
      if (releasable.length > 0) {
        const r = await tx.query('UPDATE device_lease SET owner = NULL, expires_at = 0 WHERE owner = $1 AND device_id = ANY($2::text[])', [memberId, releasable]);
        released = r.rowCount ?? 0;
      }
      // renew what is still ours (an expired lease nobody took is still ours: the row says so)
      const renewed = (await tx.query<LeaseRow>(`UPDATE device_lease SET expires_at = $2 WHERE owner = $1 RETURNING device_id, epoch, expires_at`, [memberId, now + ttlMs])).rows;
      const live = (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM cluster_member WHERE role = 'poller' AND alive_until > $1::bigint", [now])).rows[0]!.n;
      const fair = Math.ceil(devices.length / Math.max(1, live));
      const mine = renewed.filter((r) => wanted.has(r.device_id) && !this.releasing.has(r.device_id));
      let claimed: LeaseRow[] = [];
      if (mine.length < fair) {
        claimed = (await tx.query<LeaseRow>(`UPDATE device_lease SET owner = $1, expires_at = $2, epoch = epoch + 1
          WHERE device_id IN (SELECT device_id FROM device_lease
            WHERE (owner IS NULL OR expires_at < $3) AND device_id = ANY($4::text[])
            ORDER BY expires_at, device_id LIMIT $5 FOR UPDATE SKIP LOCKED)
          RETURNING device_id, epoch, expires_at`, [memberId, now + ttlMs, now, devices, fair - mine.length])).rows;
      }
      // members silent for an hour are forgotten (their leases expired long ago)
      await tx.query("DELETE FROM cluster_member WHERE alive_until < $1::bigint - 3600000", [now]);
      return { now, renewed, claimed, released, live, fair };
    });
    if (seed) this.seeded = devices;
    for (const id of releasable) this.releasing.delete(id);
    // what PostgreSQL now says is ours, believed until the round's send time plus what was left
    const next = new Map<string, Held>();
    for (const r of [...out.renewed, ...out.claimed]) {
      if (this.releasing.has(r.device_id)) continue;
      next.set(r.device_id, { until: sentAt + (r.expires_at - out.now) - this.marginMs, epoch: r.epoch });
    }
    this.held.clear();
    for (const [id, h] of next) if (wanted.has(id)) this.held.set(id, h);
    // beyond the fair share: stop polling the excess now, release it once its polls have ended
    const ids = [...this.held.keys()].sort();
    for (const id of ids.slice(out.fair)) { this.held.delete(id); this.releasing.add(id); }
    for (const r of out.renewed) if (!wanted.has(r.device_id)) this.releasing.add(r.device_id);
    return { held: [...this.held.keys()].sort(), claimed: out.claimed.length, released: out.released, livePollers: out.live, fairShare: out.fair };
  }

  /** Devices held now (lease believed unexpired). */
  heldNow(): string[] {
    const now = this.opts.monotonicNow();
    return [...this.held].filter(([, h]) => h.until > now).map(([id]) => id).sort();
  }

  /**
   * Starts a poll of `deviceId` if its lease outlasts it: `reserveMs` is what a poll may run past
   * its deadline (one request's timeouts and retries); the deadline is cut to fit. Null: not held
   * (or too little left); the poll must not run. Every non-null answer must be followed by `end`.
   */
  begin(deviceId: string, deadlineMs: number, reserveMs: number): LeasedPoll | null {
    const h = this.held.get(deviceId);
    if (h === undefined) return null;
    const left = h.until - this.opts.monotonicNow() - reserveMs;
    if (left < Math.min(deadlineMs, 100)) return null;
    this.inFlight.set(deviceId, (this.inFlight.get(deviceId) ?? 0) + 1);
    return { deadlineMs: Math.min(deadlineMs, Math.floor(left)), epoch: h.epoch };
  }

  /** A poll started with `begin` has ended. */
  end(deviceId: string): void {
    const n = (this.inFlight.get(deviceId) ?? 0) - 1;
    if (n <= 0) this.inFlight.delete(deviceId);
    else this.inFlight.set(deviceId, n);
  }

  /** Gives every lease and the membership back (graceful stop; call once no poll runs). */
  async releaseAll(): Promise<void> {
    this.held.clear();
    this.releasing.clear();
    await inPgTransaction(this.opts.pool, null, async (tx) => {
      await tx.query('UPDATE device_lease SET owner = NULL, expires_at = 0 WHERE owner = $1', [this.opts.memberId]);
      await tx.query('DELETE FROM cluster_member WHERE member_id = $1', [this.opts.memberId]);
    });
  }
}
