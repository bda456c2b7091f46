/**
 * One active analyst: the leader is whoever holds a session-level advisory lock on its own
 * dedicated connection. PostgreSQL frees the lock when that session ends, so a leader killed with
 * -9 (its socket closed by the kernel) or cut off (the server's TCP keepalive) leaves it to the
 * standby, which tries again every `retryMs`. A leader that loses its connection is no longer
 * sure to be the only one: `onLost` is called and the process must stop leading at once (the
 * daemon exits and is restarted by its supervisor as a standby).
 */
import pg from 'pg';
import { describePgUrl } from '../store/postgres/pool.js';

/** How an election is held. */
export interface ElectionOptions {
  readonly url: string;
  /** The schema whose analysts compete (the lock's name includes it). */
  readonly schema?: string;
  /** The lock's name within the schema (default `redline.analyst`). */
  readonly name?: string;
  /** How often a standby tries again, ms (default 2000). */
  readonly retryMs?: number;
  /** How often the leader checks its session is alive, ms (default 2000). */
  readonly checkMs?: number;
}

/** A campaign: resolves `won` once leader; `stop` gives the lock back. */
export interface Campaign {
  /** Resolves when this process becomes the leader (never, if stopped first). */
  readonly won: Promise<void>;
  leader(): boolean;
  /** Ends the campaign (and the leadership): closes the dedicated session. */
  stop(): Promise<void>;
}

/** Campaigns for the analyst's leadership; `onLost` is told when a leader's session fails. */
export function campaign(opts: ElectionOptions, onLost: (reason: string) => void): Campaign {
  const retryMs = opts.retryMs ?? 2000;
  const checkMs = opts.checkMs ?? 2000;
  const key = `${opts.schema ?? 'public'}:${opts.name ?? 'redline.analyst'}`;
  let client: pg.Client | null = null;
  let stopped = false;
  const isStopped = (): boolean => stopped;
  let isLeader = false;
  let timer: NodeJS.Timeout | null = null;
  let resolveWon: () => void = () => undefined;
  const won = new Promise<void>((r) => { resolveWon = r; });

  const lost = (reason: string): void => {
    if (!isLeader || stopped) return;
    isLeader = false;
    onLost(reason);
  };
  const drop = async (): Promise<void> => {
    const c = client;
    client = null;
    if (c !== null) await c.end().catch(() => undefined);
  };
  const attempt = async (): Promise<void> => {
    timer = null;
    if (stopped) return;
    try {
      if (client === null) {
        const c = new pg.Client({ connectionString: opts.url, keepAlive: true });
        c.on('error', (err) => { lost(`the election session failed: ${err.message}`); void drop(); });
        c.on('end', () => { lost('the election session ended'); });
        client = c;
        await c.connect();
      }
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
      if (rows[0]?.ok === true && !isStopped()) {
        isLeader = true;
        resolveWon();
        timer = setTimeout(() => { void check(); }, checkMs);
        return;
      }
    } catch {
      await drop(); // PostgreSQL unreachable: try again later
    }
    if (!isStopped()) timer = setTimeout(() => { void attempt(); }, retryMs);
  };
  const check = async (): Promise<void> => {
    timer = null;
    if (stopped || client === null) return;
    try {
      await client.query('SELECT 1');
      timer = setTimeout(() => { void check(); }, checkMs);
    } catch (err) {
      lost(`the election session failed: ${err instanceof Error ? err.message : String(err)} (${describePgUrl(opts.url)})`);
      await drop();
    }
  };
  void attempt();
  return {
    won,
    leader: () => isLeader,
    stop: async () => {
      stopped = true;
      isLeader = false;
      if (timer !== null) clearTimeout(timer);
      await drop();
    },
  };
}
