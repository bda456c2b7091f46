/**
 * The unreliable webhook of the alerting fault runs (`alert-fault-loop.ts`, the delivery child
 * killed; `alert-fault-daemon.ts`, the daemon killed): a real HTTP server on 127.0.0.1, port 0,
 * that verifies every signature (a bad one is refused with 401 and counted), refuses a share of the
 * deliveries at random with 500, answers another share only after `slowMs` (past the sender's
 * timeout: the receiver keeps the notification, the sender retries it, a duplicate under the same
 * delivery id) and accepts the rest. It counts what it accepted by delivery id and checks that a
 * duplicate is the same notification as its first copy.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { verifyWebhookSignature } from '../../src/alerting/delivery-policy.js';

/** How the webhook misbehaves. */
export interface FaultWebhookOptions {
  /** The shared HMAC key. */
  readonly key: string;
  /** Random numbers in [0, 1) (seeded by the runs). */
  readonly random: () => number;
  /** Share refused with HTTP 500 (default 0.5). */
  readonly failRate?: number;
  /** Share answered (204) only after `slowMs` (default 0). */
  readonly slowRate?: number;
  readonly slowMs?: number;
}

/** What the webhook saw so far. */
export interface FaultWebhookCounts {
  readonly requests: number;
  readonly refusedOnPurpose: number;
  /** Answered after `slowMs` (kept by the receiver; the sender has usually given up by then). */
  readonly slow: number;
  readonly badSignatures: number;
  /** A body whose deliveryId differed from its X-Redline-Delivery header (must be 0). */
  readonly headerMismatches: number;
}

/** Accepted copies of one delivery id. */
export interface Accepted {
  readonly count: number;
  /** sha256 of the first copy's alerts. */
  readonly digest: string;
  /** How many alerts the first copy carried. */
  readonly alerts: number;
  /** A later copy differed from the first (must never happen). */
  readonly mismatched: boolean;
}

/** The running webhook. */
export interface FaultWebhook {
  readonly url: string;
  readonly accepted: ReadonlyMap<string, Accepted>;
  counts(): FaultWebhookCounts;
  close(): Promise<void>;
}

/** Starts the webhook on 127.0.0.1, port 0. */
export async function startFaultWebhook(opts: FaultWebhookOptions): Promise<FaultWebhook> {
  const failRate = opts.failRate ?? 0.5;
  const slowRate = opts.slowRate ?? 0;
  const accepted = new Map<string, Accepted>();
  const counts = { requests: 0, refusedOnPurpose: 0, slow: 0, badSignatures: 0, headerMismatches: 0 };
  const timers = new Set<NodeJS.Timeout>();

  const keep = (headerId: string, body: string): void => {
    const parsed = JSON.parse(body) as { deliveryId: string; alerts: unknown[] };
    if (parsed.deliveryId !== headerId) counts.headerMismatches++;
    const digest = createHash('sha256').update(JSON.stringify(parsed.alerts)).digest('hex');
    const seen = accepted.get(headerId);
    if (seen === undefined) accepted.set(headerId, { count: 1, digest, alerts: parsed.alerts.length, mismatched: false });
    else accepted.set(headerId, { ...seen, count: seen.count + 1, mismatched: seen.mismatched || seen.digest !== digest });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      counts.requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      const check = verifyWebhookSignature(opts.key, body, req.headers['x-redline-signature'] as string | undefined, Date.now(), 300_000);
      if (!check.ok) { counts.badSignatures++; res.writeHead(401).end(); return; }
      const draw = opts.random();
      if (draw < failRate) { counts.refusedOnPurpose++; res.writeHead(500).end(); return; }
      const id = String(req.headers['x-redline-delivery']);
      if (draw < failRate + slowRate) {
        // the receiver keeps it but answers late: the sender has timed out and will send it again
        counts.slow++;
        keep(id, body);
        const t = setTimeout(() => { timers.delete(t); if (!res.destroyed) res.writeHead(204).end(); }, opts.slowMs ?? 0);
        timers.add(t);
        return;
      }
      keep(id, body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return {
    url: `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}/hook`,
    accepted,
    counts: () => ({ ...counts }),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => { r(); }));
    },
  };
}

/** Duplicates (accepted copies beyond the first) and delivery ids whose copies differed. */
export function duplicatesOf(accepted: ReadonlyMap<string, Accepted>): { duplicates: number; mismatched: number } {
  let duplicates = 0;
  let mismatched = 0;
  for (const a of accepted.values()) {
    duplicates += a.count - 1;
    if (a.mismatched) mismatched++;
  }
  return { duplicates, mismatched };
}

/** Rows of `alert_outbox` by state. */
export function outboxStates(db: { prepare(sql: string): { all(): unknown[] } }): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const r of db.prepare('SELECT state, COUNT(*) AS n FROM alert_outbox GROUP BY state').all() as { state: string; n: number }[]) rows[r.state] = r.n;
  return rows;
}
