/**
 * What authentication costs per request, printed as figures (never a timed test): the same small
 * endpoint (`/api/v1/session`, who am I) with authentication off, with a stored bearer token
 * (a SQLite lookup by hash in a ledger file holding `tokens` tokens), and with a console session
 * cookie (session lookup plus the token's liveness), over HTTP on 127.0.0.1.
 *
 *   npx tsx bench/auth-bench.ts [requests] [tokens]
 */
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createApiApp, type ApiDeps } from '../src/api/app.js';
import { createApiServer } from '../src/api/server.js';
import { openSession } from '../src/auth/sessions.js';
import { newToken, secretHash } from '../src/auth/tokens.js';
import { openAuthOff, openTestAuth, type TestAuth } from '../test/support/auth.js';
import { inventoryFromObject } from '../test/support/snapshot-builders.js';

const requests = Number(process.argv[2] ?? 2000);
const tokens = Number(process.argv[3] ?? 10_000);

const deps: ApiDeps = {
  inventory: () => inventoryFromObject({}),
  device: () => null,
  transitions: () => [],
  health: () => null,
  readiness: () => ({ ready: true, polled: 0, total: 0 }),
  registry: new Registry(),
};

async function measure(name: string, accounts: TestAuth, headers: Record<string, string>): Promise<void> {
  const server = createApiServer(createApiApp(deps, accounts.auth)).listen(0, '127.0.0.1');
  await new Promise<void>((r) => { server.once('listening', () => { r(); }); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/session`;
  for (let k = 0; k < 50; k++) await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  for (let k = 0; k < requests; k++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${name}: answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  console.log(`${name.padEnd(28)} mean ${mean.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms per request (${requests} requests)`);
  await new Promise<void>((r) => { server.close(() => { r(); }); server.closeAllConnections(); });
}

const off = await openAuthOff();
await measure('authentication off', off, {});
off.close();

const on = await openTestAuth({ limit: { maxFailures: 1_000_000, windowMs: 60_000, maxAddresses: 10 } });
// the bulk straight into the table in one transaction (through the port each would be its own audited, fsynced write)
const insert = on.db.prepare('INSERT INTO auth_token (name, role, hash, created_at) VALUES (?, ?, ?, ?)');
on.db.transaction(() => {
  for (let i = 0; i < tokens; i++) insert.run(`bulk-${i}`, 'viewer', secretHash(newToken()), Date.now());
})();
console.log(`${(on.db.prepare('SELECT COUNT(*) AS n FROM auth_token').get() as { n: number }).n} tokens stored`);
await measure(`bearer token (${tokens} stored)`, on, on.headers('viewer'));
const opened = await openSession(on.auth.authenticator, on.store, on.tokens.viewer, Date.now(), 12);
if ('reason' in opened) throw new Error(opened.reason);
await measure('session cookie', on, { cookie: `redline_session=${opened.cookieValue}` });
on.close();
console.log('(figures taken on a shared machine; compare the rows with each other, not with another run)');
