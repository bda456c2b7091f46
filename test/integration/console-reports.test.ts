/**
 * The console's `/reports` page over HTTP with real accounts and a real SQLite ledger file and
 * signing key: an inspector sees the key's id and fingerprint and the forms, and the form's GET
 * (empty fields as a browser sends them) downloads the export from the API with the session;
 * a viewer is refused (403).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { loadOrCreateSigningKey, type LedgerSigningKey } from '../../src/ledger/signing.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import { serveConsole, type ServedConsole } from '../support/console.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
let dir: string;
let store: SqliteLedgerStore;
let key: LedgerSigningKey;
let served: ServedConsole;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redline-console-reports-'));
  store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  key = loadOrCreateSigningKey(join(dir, 'ledger-signing.key'), { now: NOW });
  const policy = loadPolicy(DEFAULT_POLICY_FILE);
  // a real empty inventory (every map present), as a configuration without devices builds it
  const empty = inventoryFromObject({});
  served = await serveConsole({
    inventory: () => empty, device: () => null, transitions: () => [], health: () => null,
    readiness: () => ({ ready: true, polled: 0, total: 0 }), registry: new Registry(),
    ledger: { store, policy: () => DEFAULT_LEDGER_POLICY, timeZone: () => 'Asia/Shanghai', maxAttachmentKB: () => 64, now: () => NOW, latestCheckpoint: () => Promise.resolve(null), waiversChanged: () => undefined },
    reports: { signer: key, policy: () => ({ policy, hash: 'b'.repeat(64) }) },
  });
});
afterEach(async () => {
  await served.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('an inspector sees the key fingerprint and downloads through the form; a viewer is refused', async () => {
  const inspector = await served.login('inspector');
  const page = await (await inspector.get('/reports')).text();
  expect(page).toContain(key.fingerprint);
  expect(page).toContain('action="/api/v1/reports/ledger"');
  expect(page).toContain('redline verify-report');
  const json = await inspector.get('/api/v1/reports/ledger?scope=all&at=&lang=en&format=json');
  expect(json.status, await json.clone().text()).toBe(200);
  expect(JSON.parse(await json.text())).toBeTypeOf('object');
  const tar = await inspector.get('/api/v1/reports/ledger?scope=all&at=&lang=zh-CN&format=');
  expect(tar.status, await tar.clone().text()).toBe(200);
  expect(tar.headers.get('content-disposition')).toContain('.tar');
  // the signed audit of an empty inventory before any analysis: a valid report, not a 500
  const audit = await inspector.get('/api/v1/reports/audit?scope=all&at=&lang=zh-CN&format=');
  expect(audit.status, await audit.clone().text()).toBe(200);
  const summary = await inspector.get('/api/v1/reports/summary?period=2026-H1&lang=zh-CN&format=json');
  expect(summary.status, await summary.clone().text()).toBe(200);
  expect(page).toContain('action="/api/v1/reports/summary"');
  const viewer = await served.login('viewer');
  expect((await viewer.get('/reports')).status).toBe(403);
  expect((await viewer.get('/api/v1/reports/summary?format=json')).status).toBe(403);
  expect((await viewer.get('/api/v1/reports/ledger?format=json')).status).toBe(403);
});
