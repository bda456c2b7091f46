/**
 * The API with a ledger behind it, on a real HTTP server on a free loopback port, for the ledger
 * route tests: a real SQLite ledger in a fresh temporary directory, a clock the test moves, and
 * `hazardFixture` to build a stored hazard with the fields a test cares about.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createApiApp, type ApiAuth } from '../../src/api/app.js';
import type { LedgerApi } from '../../src/api/ledger-port.js';
import { createApiServer } from '../../src/api/server.js';
import type { Inventory } from '../../src/inventory/model.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY, type Hazard } from '../../src/ledger/types.js';
import { openAuthOff } from './auth.js';

/** A running API over a ledger. */
export interface LedgerApiHarness {
  readonly base: string;
  readonly ledger: LedgerApi;
  readonly store: SqliteLedgerStore;
  /** Moves the API's clock. */
  setNow(ms: number): void;
  /** How many times the analysis was told that waivers changed. */
  waiverChanges(): number;
  close(): Promise<void>;
}

/** Starts the API on 127.0.0.1 port 0 over a new ledger file. */
export async function startLedgerApi(opts: {
  readonly now: number;
  readonly maxAttachmentKB?: number;
  readonly checkpoint?: unknown;
  /** Accounts (default: authentication off, every caller `anonymous`). */
  readonly auth?: ApiAuth;
}): Promise<LedgerApiHarness> {
  const off = opts.auth === undefined ? await openAuthOff() : null;
  const dir = mkdtempSync(join(tmpdir(), 'redline-ledger-api-'));
  const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  let now = opts.now;
  let changes = 0;
  const ledger: LedgerApi = {
    store,
    policy: () => DEFAULT_LEDGER_POLICY,
    timeZone: () => 'Asia/Shanghai',
    maxAttachmentKB: () => opts.maxAttachmentKB ?? 512,
    now: () => now,
    latestCheckpoint: () => Promise.resolve(opts.checkpoint ?? null),
    waiversChanged: () => { changes++; },
  };
  const empty = { devices: new Map(), sites: new Map(), links: [], health: new Map() } as unknown as Inventory;
  const app = createApiApp({
    inventory: () => empty,
    device: () => null,
    transitions: () => [],
    health: () => null,
    readiness: () => ({ ready: true, polled: 0, total: 0 }),
    registry: new Registry(),
    ledger,
  }, opts.auth ?? off!.auth);
  const server: Server = createApiServer(app);
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    ledger,
    store,
    setNow: (ms) => { now = ms; },
    waiverChanges: () => changes,
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => { resolve(); }); server.closeAllConnections(); });
      off?.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A measured hazard as stored (status open, version 1), with `over` applied. */
export function hazardFixture(over: Partial<Hazard> & { readonly id: string }, at: number): Hazard {
  return {
    version: 1, fingerprint: `fp-${over.id}`, rule: 'PWR-001', subject: { kind: 'device', id: `dev-${over.id}` },
    location: { siteId: 'site-a', sites: ['site-a'] }, protectionClass: 'PC-CORE', measure: 'multiplePower', category: '供电',
    description: { zh: '单电源', en: 'single power supply' }, basis: [{ id: 'MIIT-2023-46/2.3', cite: { zh: '二、（三）', en: 'section 2(3)' } }],
    colour: 'red', suggestedGrade: '一般隐患', grade: null, foundAt: at, foundBy: 'daemon', foundByMethod: 'auto-rule',
    reportingOrg: null, potentialConsequence: null, interimControls: null, remediationPlan: null, governancePlan: null,
    regulatorReport: null, supervised: false, ownerOrg: null, ownerPerson: null, contractorOrg: null, contractorPerson: null,
    funding: null, deadline: at + 7 * 86_400_000, status: 'open', findingState: 'unprotected', lastMeasuredAt: at,
    protectedPasses: 0, fixedAt: null, verification: null, closedAt: null, reopenCount: 0, createdAt: at, updatedAt: at,
    ...over,
  };
}

/** A JSON request; answers the status and the parsed body (null when not JSON). */
export async function call<T = Record<string, unknown>>(
  base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {},
): Promise<{ status: number; body: T; text: string; headers: Headers }> {
  const init: RequestInit = { method, headers: { ...(body !== undefined && !(body instanceof Uint8Array) ? { 'content-type': 'application/json' } : {}), ...headers } };
  if (body instanceof Uint8Array) init.body = body;
  else if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) as T : null as T;
  return { status: res.status, body: json, text, headers: res.headers };
}
