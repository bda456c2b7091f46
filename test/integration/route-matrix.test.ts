/**
 * The route × role matrix: every route the API mounts (read from `apiRoutes`, so a route added
 * later is walked without touching this file) × { anonymous, viewer, operator, inspector,
 * admin }, over HTTP on a real server with a real accounts store. Each cell must answer exactly
 * what the access table says: 401 for anonymous on a non-public route, 403 for a role the
 * access does not admit, and never 401/403 where the role is admitted (no unexpected allow, no
 * unexpected refusal). It also checks that nothing is mounted outside that list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, createApiApp, type ApiDeps } from '../../src/api/app.js';
import type { Route } from '../../src/api/route.js';
import { createApiServer } from '../../src/api/server.js';
import { allows, ROLES, type Role } from '../../src/auth/types.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { openSqliteBookingStore } from '../../src/alerting/booking-sqlite.js';
import { DEFAULT_ALERTING } from '../../src/config/schema.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import { openTestAuth, type TestAuth } from '../support/auth.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { loadOrCreateSigningKey } from '../../src/ledger/signing.js';

/** A real ledger behind the ledger routes, so an admitted caller reaches their handlers. */
const ledgerDir = mkdtempSync(join(tmpdir(), 'redline-matrix-ledger-'));
const ledgerStore = openSqliteLedgerStore(join(ledgerDir, 'ledger.db'));
afterAll(async () => {
  await ledgerStore.close();
  rmSync(ledgerDir, { recursive: true, force: true });
});

/** The API's read ports, minimal: the matrix is about who gets in, not what they get. */
const deps: ApiDeps = {
  inventory: () => inventoryFromObject({ sites: [{ id: 's1', class: 'PC-AGG' }], devices: [{ id: 'x', site: 's1', role: 'edge' }] }),
  device: () => null,
  transitions: () => [],
  health: () => null,
  readiness: () => ({ ready: true, polled: 1, total: 1 }),
  registry: new Registry(),
  analysis: { latest: () => null, whatIf: () => Promise.reject(new Error('not in the matrix')), sweep: () => null },
  ledger: {
    store: ledgerStore, policy: () => DEFAULT_LEDGER_POLICY, timeZone: () => 'Asia/Shanghai', maxAttachmentKB: () => 64,
    now: () => Date.parse('2026-03-10T04:00:00Z'), latestCheckpoint: () => Promise.resolve(null), waiversChanged: () => undefined,
  },
  // alerting on the same ledger file, so an admitted caller reaches the alerting handlers too
  alerting: {
    store: openSqliteBookingStore(ledgerStore.db), config: () => DEFAULT_ALERTING, timeZone: () => 'Asia/Shanghai',
    now: () => Date.parse('2026-03-10T04:00:00Z'), devices: () => [], periods: () => [], ackKey: () => Buffer.from('k'.repeat(32)),
  },
  records: { store: openSqliteRecordsStore(ledgerStore.db), timeZone: () => 'Asia/Shanghai', now: () => Date.parse('2026-03-10T04:00:00Z'), changed: () => undefined },
  // the signed reports: the ledger's key and the shipped policy
  reports: { signer: loadOrCreateSigningKey(join(ledgerDir, 'ledger-signing.key'), { now: 0 }), policy: () => ({ policy: loadPolicy(DEFAULT_POLICY_FILE), hash: 'p'.repeat(64) }) },
};

/** A concrete URL for a route's path (every `:param` becomes `x`). */
function urlPath(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, 'x');
}

type Caller = Role | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

/** What a cell must answer: 401, 403, or "in" (anything but 401/403). */
function expected(route: Route, caller: Caller): 401 | 403 | 'in' {
  if (route.access === 'public') return 'in';
  if (caller === 'anonymous') return 401;
  return allows(route.access, caller) ? 'in' : 403;
}

describe.each([false, true])('every route × every role (metricsRequireToken: %s)', (metricsRequireToken) => {
  let accounts: TestAuth;
  let server: Server;
  let base = '';
  let routes: Route[] = [];
  beforeAll(async () => {
    accounts = await openTestAuth({ metricsRequireToken, limit: { maxFailures: 1_000_000, windowMs: 60_000, maxAddresses: 10 } });
    routes = apiRoutes(deps, accounts.auth);
    const app = createApiApp(deps, accounts.auth);
    server = createApiServer(app).listen(0, '127.0.0.1');
    await new Promise<void>((r) => { server.once('listening', () => { r(); }); });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => { server.close(() => { r(); }); server.closeAllConnections(); });
    accounts.close();
  });

  it('walks a non-empty route list with the probes public and the API not', () => {
    expect(routes.length).toBeGreaterThan(5);
    const access = new Map(routes.map((r) => [`${r.method} ${r.path}`, r.access]));
    expect(access.get('GET /healthz')).toBe('public');
    expect(access.get('GET /readyz')).toBe('public');
    expect(access.get('GET /metrics')).toBe(metricsRequireToken ? 'read' : 'public');
    expect(access.get('GET /api/v1/devices')).toBe('read');
    // the ledger: people work hazards, inspectors read the trail and export, admins accept risks
    expect(access.get('GET /api/v1/hazards')).toBe('read');
    expect(access.get('PATCH /api/v1/hazards/:id')).toBe('work');
    expect(access.get('POST /api/v1/hazards/:id/evidence')).toBe('work');
    expect(access.get('GET /api/v1/hazards/export')).toBe('audit');
    expect(access.get('GET /api/v1/audit')).toBe('audit');
    expect(access.get('POST /api/v1/waivers')).toBe('admin');
    expect(access.get('DELETE /api/v1/waivers/:id')).toBe('admin');
    // on-call alerting: everyone reads; operators and admins book; admins send test notifications; the signed link is its own credential
    expect(access.get('GET /api/v1/alerting/windows')).toBe('read');
    expect(access.get('POST /api/v1/alerting/windows')).toBe('work');
    expect(access.get('PATCH /api/v1/alerting/windows/:id')).toBe('work');
    expect(access.get('POST /api/v1/alerting/windows/:id/end')).toBe('work');
    expect(access.get('DELETE /api/v1/alerting/windows/:id')).toBe('work');
    expect(access.get('GET /api/v1/alerting/silences')).toBe('read');
    expect(access.get('POST /api/v1/alerting/silences')).toBe('work');
    expect(access.get('DELETE /api/v1/alerting/silences/:id')).toBe('work');
    expect(access.get('GET /api/v1/alerting/rosters')).toBe('read');
    expect(access.get('POST /api/v1/alerting/rosters/:name/overrides')).toBe('work');
    expect(access.get('DELETE /api/v1/alerting/rosters/:name/overrides/:id')).toBe('work');
    expect(access.get('GET /api/v1/alerting/receivers')).toBe('read');
    expect(access.get('POST /api/v1/alerting/receivers/:name/test')).toBe('admin');
    expect(access.get('GET /ack/:hazardId')).toBe('public');
    expect(access.get('POST /ack/:hazardId')).toBe('public');
    // the records: everyone reads, operators and admins write, admins approve cutover plans
    for (const kind of ['cutovers', 'plans', 'drills', 'incidents', 'checklists']) {
      expect(access.get(`GET /api/v1/records/${kind}`)).toBe('read');
      expect(access.get(`GET /api/v1/records/${kind}/:id`)).toBe('read');
      expect(access.get(`POST /api/v1/records/${kind}`)).toBe('work');
      expect(access.get(`PATCH /api/v1/records/${kind}/:id`)).toBe('work');
    }
    expect(access.get('POST /api/v1/records/cutovers/:id/actions')).toBe('work');
    expect(access.get('POST /api/v1/records/cutovers/:id/approve')).toBe('admin');
    expect(access.get('POST /api/v1/records/cutovers/:id/reject')).toBe('admin');
    expect(access.get('POST /api/v1/records/plans/:id/actions')).toBe('work');
    expect(access.get('POST /api/v1/records/checklists/:id/items/:item/check')).toBe('work');
  });

  it('answers every cell as the access table says', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        const headers: Record<string, string> = caller === 'anonymous' ? {} : accounts.headers(caller);
        const init: RequestInit = { method: route.method, headers };
        if (route.method !== 'GET') {
          headers['content-type'] = 'application/json';
          init.body = '{}';
        }
        const res = await fetch(`${base}${urlPath(route.path)}`, init);
        await res.arrayBuffer();
        const want = expected(route, caller);
        const ok = want === 'in' ? res.status !== 401 && res.status !== 403 : res.status === want;
        if (!ok) wrong.push(`${route.method} ${route.path} (${route.access}) as ${caller}: ${res.status}, expected ${want === 'in' ? 'anything but 401/403' : want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('mounts nothing outside the route list', () => {
    const app = createApiApp(deps, accounts.auth);
    const listed = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const paths = new Set(routes.map((r) => r.path));
    const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    const layers = stack.flatMap((l) => (l.route === undefined ? [] : [{ path: l.route.path, methods: Object.keys(l.route.methods) }]));
    expect(layers.length).toBeGreaterThan(0);
    // every mounted path is a listed one (the catch-all of each path answers 405 for other methods)
    expect(layers.map((l) => l.path).filter((p) => !paths.has(p))).toEqual([]);
    // and every method-specific mount is a listed route
    const specific = layers.filter((l) => l.methods.length <= 2).flatMap((l) => l.methods.filter((m) => m !== '_all' && m !== 'head').map((m) => `${m.toUpperCase()} ${l.path}`));
    expect(specific.length).toBeGreaterThanOrEqual(routes.length);
    expect(specific.filter((m) => !listed.has(m))).toEqual([]);
  });
});
