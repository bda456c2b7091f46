import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notification } from '../../../test/support/alert-notifications.js';
import { startCaptureServer, type CaptureServer } from '../../../test/support/alert-receiver-server.js';
import { receiverDeps } from '../../../test/support/receiver-deps.js';
import { openLedgerDb, type LedgerDb } from '../../ledger/sqlite-db.js';
import { createDispatcher } from '../delivery-dispatcher.js';
import { verifyWebhookSignature } from '../delivery-policy.js';
import { openSqliteOutbox } from '../outbox-sqlite.js';
import type { Notification } from '../types.js';
import { webhookReceiver } from './webhook.js';

const SECRET = 'hmac-key-4f1d9c';
let server: CaptureServer | undefined;
let dir: string;
let db: LedgerDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redline-webhook-'));
  db = openLedgerDb(join(dir, 'ledger.db'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('webhook receiver against a real HTTP receiver on port 0', () => {
  it('signs every delivery so the receiver verifies it, and retries keep the delivery id', async () => {
    const deps = receiverDeps({ HOOK_KEY: SECRET });
    const arrivals = new Map<string, number>();
    const verdicts: string[] = [];
    // the receiver as a user writes it: verify, then count by delivery id; the first try of each fails with 503
    server = await startCaptureServer((r) => {
      const check = verifyWebhookSignature(SECRET, r.body, r.headers['x-redline-signature'] as string | undefined, deps.clock.wallMs(), 300_000);
      verdicts.push(check.ok ? 'ok' : check.reason);
      if (!check.ok) return { status: 401 };
      const id = r.headers['x-redline-delivery'] as string;
      const seen = (arrivals.get(id) ?? 0) + 1;
      arrivals.set(id, seen);
      return { status: seen === 1 ? 503 : 204 };
    });
    const hook = webhookReceiver.build({ name: 'noc', type: 'webhook', url: `${server.url}/hook`, secret: { env: 'HOOK_KEY' } }, deps);
    const outbox = openSqliteOutbox(db);
    const at = deps.clock.wallMs();
    await outbox.enqueue([notification('d-1', 'noc', at), notification('d-2', 'noc', at)]);
    const d = createDispatcher({ store: outbox, receivers: new Map([['noc', hook]]), clock: deps.clock, random: () => 0 }, { timeoutMs: 5000, leaseMs: 10_000 });
    await d.runOnce();
    expect(await outbox.counts()).toMatchObject({ pending: 2, delivered: 0 });
    await d.runOnce();
    expect(await outbox.counts()).toMatchObject({ pending: 0, delivered: 2 });
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(Object.fromEntries(arrivals)).toEqual({ 'd-1': 2, 'd-2': 2 });
    const body = JSON.parse(server.requests[0]!.body) as Notification & { version: number };
    expect(body).toMatchObject({ version: 1, receiver: 'noc', status: 'firing' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('a receiver with a different key refuses it; a 4xx is permanent and the key appears in no error', async () => {
    const deps = receiverDeps({ HOOK_KEY: SECRET });
    server = await startCaptureServer((r) => {
      const check = verifyWebhookSignature('another-key', r.body, r.headers['x-redline-signature'] as string | undefined, deps.clock.wallMs(), 300_000);
      return { status: check.ok ? 204 : 401 };
    });
    const hook = webhookReceiver.build({ name: 'noc', type: 'webhook', url: server.url, secret: { env: 'HOOK_KEY' } }, deps);
    const result = await hook.deliver(notification('d-1', 'noc'), new AbortController().signal);
    expect(result).toEqual({ ok: false, retryable: false, status: 401, error: 'webhook noc: HTTP 401' });
    expect(deps.registry.redact(`key ${SECRET}`)).toBe('key [REDACTED]');
  });

  it('a refused connection is retryable and names no URL', async () => {
    const deps = receiverDeps({ HOOK_KEY: SECRET });
    const closed = await startCaptureServer();
    const url = closed.url;
    await closed.close();
    const hook = webhookReceiver.build({ name: 'noc', type: 'webhook', url, secret: { env: 'HOOK_KEY' } }, deps);
    const result = await hook.deliver(notification('d-1', 'noc'), new AbortController().signal);
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.error).not.toContain('127.0.0.1');
  });
});
