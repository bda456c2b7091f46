/**
 * The console's `/records` pages over HTTP with real accounts and a real SQLite records store: a
 * cutover filed through the API (hostile title and plan text) is listed per kind with its status
 * filter and shown on its detail page, escaped; an unknown kind or id is 404; English has no
 * Chinese label left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Inventory } from '../../src/inventory/model.js';
import { openLedgerDb, type LedgerDb } from '../../src/ledger/sqlite-db.js';
import type { RecordsApi } from '../../src/records/port.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import { serveConsole, type ServedConsole } from '../support/console.js';

const NOW = Date.parse('2026-09-01T02:00:00Z');
const HOUR = 3_600_000;
const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>\u202E';
let served: ServedConsole;
let dir: string;
let db: LedgerDb;

beforeEach(async () => {
  const empty = { devices: new Map(), sites: new Map(), links: [], health: new Map() } as unknown as Inventory;
  dir = mkdtempSync(join(tmpdir(), 'redline-console-records-'));
  db = openLedgerDb(join(dir, 'ledger.db'));
  const records: RecordsApi = { store: openSqliteRecordsStore(db), timeZone: () => 'Asia/Shanghai', now: () => NOW, changed: () => undefined };
  served = await serveConsole({
    inventory: () => empty, device: () => null, transitions: () => [], health: () => null,
    readiness: () => ({ ready: true, polled: 0, total: 0 }), registry: new Registry(),
    records,
  });
});
afterEach(async () => {
  await served.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('lists and shows a cutover filed through the API, escaped, with a status filter; 404 for no such kind or id', async () => {
  const made = await fetch(`${served.base}/api/v1/records/cutovers`, {
    method: 'POST', headers: { ...served.accounts.headers('operator'), 'content-type': 'application/json' },
    body: JSON.stringify({ ref: 'CHG-1', title: HOSTILE, category: 'upgrade', operationPlan: { ref: 'OP-1', summary: HOSTILE }, rollbackPlan: { ref: 'RB-1', summary: 'back' }, windowStart: new Date(NOW + 24 * HOUR).toISOString(), windowEnd: new Date(NOW + 28 * HOUR).toISOString(), affected: { devices: ['cr1'] } }),
  });
  expect(made.status).toBe(201);
  const { id } = await made.json() as { id: string };
  const v = await served.login('inspector');
  const list = await (await v.get('/records')).text();
  expect(list).toContain(`/records/cutovers/${id}`);
  expect(await (await v.get('/records/cutovers?status=approved')).text()).not.toContain(`/records/cutovers/${id}`);
  const detail = await (await v.get(`/records/cutovers/${id}`)).text();
  for (const page of [list, detail]) {
    expect(page).not.toMatch(/<script>alert|<img src=x/);
    expect(page).not.toContain('\u202E');
  }
  expect(detail).toContain('OP-1');
  expect((await v.get('/records/nothing')).status).toBe(404);
  expect((await v.get('/records/cutovers/nope')).status).toBe(404);
  const en = await (await v.get(`/records/cutovers/${id}`, { cookie: `${v.cookie}; redline_lang=en` })).text();
  expect(en.replace(/<[^>]+>/g, ' ').replace(/中文|切换到中文/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
});
