/**
 * `/records` in real headless Chromium against the real API app, real accounts and a real ledger
 * file: an operator files a cutover through the form (labelled fields, times typed in the
 * operator's zone), an administrator approves it on its page (confirming the dialog); the record
 * and the audit trail say who did what. No console error or CSP violation on any page; axe-core
 * finds nothing on the list, the form, a refused form and the record page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import type { RecordsApi } from '../../src/records/port.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import { axeProblems, browserAvailable, browserLogin, launchBrowser, watchedPage } from '../support/browser.js';
import { consoleDeps, serveConsole, type ServedConsole } from '../support/console.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const NOW = Date.parse('2026-09-01T02:00:00Z');
const run = browserAvailable();
let browser: Browser | null = null;
let served: ServedConsole | null = null;
let ledger: SqliteLedgerStore | null = null;
let records: RecordsApi | null = null;
let dir = '';

beforeAll(async () => {
  if (!run) return;
  dir = mkdtempSync(join(tmpdir(), 'redline-records-browser-'));
  ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
  records = { store: openSqliteRecordsStore(ledger.db), timeZone: () => 'Asia/Shanghai', now: () => NOW, changed: () => undefined };
  const net = inventoryFromObject({ sites: [{ id: 'bj', class: 'PC-CORE' }], devices: [{ id: 'cr1', site: 'bj', role: 'router' }] });
  const store = ledger;
  [browser, served] = await Promise.all([
    launchBrowser(),
    serveConsole(consoleDeps(net, {
      records, now: () => NOW,
      ledger: {
        store, policy: () => DEFAULT_LEDGER_POLICY, timeZone: () => 'Asia/Shanghai', maxAttachmentKB: () => 64,
        now: () => NOW, latestCheckpoint: () => Promise.resolve(null), waiversChanged: () => undefined,
      },
    }), { auth: { now: () => NOW } }),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await ledger?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!run)('/records in Chromium', () => {
  it('an operator files a cutover through the form and an administrator approves it; axe clean, no console error or CSP violation', async () => {
    const base = served!.base;
    const op = await watchedPage(browser!);
    let id = '';
    try {
      await browserLogin(op.page, base, served!.accounts.tokens.operator, '/records/cutovers');
      expect(await op.page.locator('h1').textContent()).toContain('割接/扩容/升级');
      expect(await axeProblems(op.page)).toEqual([]);
      await Promise.all([op.page.waitForURL((u) => u.pathname === '/records/cutovers/new'), op.page.click('a[href="/records/cutovers/new"]')]);
      const f = op.page.locator('form.rec-form');
      await f.getByLabel('工单号').fill('CHG-2026-0917');
      await f.getByLabel('标题').fill('cr1 软件升级');
      await f.getByLabel('类别').selectOption('upgrade');
      await f.getByLabel('操作方案编号').fill('OP-17');
      await f.getByLabel('操作方案内容').fill('加载新版本并重启');
      await f.getByLabel('回退/应急预案编号').fill('RB-17');
      await f.getByLabel('回退/应急预案内容').fill('回退到旧版本');
      await f.getByLabel('窗口开始').fill('2026-09-12T01:00');
      // the end before the start: the form comes back with the problem beside the field and the rest kept
      await f.getByLabel('窗口结束').fill('2026-09-12T00:30');
      await f.getByLabel('设备（逗号分隔）').fill('cr1');
      await Promise.all([op.page.waitForResponse((r) => r.url().endsWith('/records/cutovers/new') && r.request().method() === 'POST'), f.getByRole('button', { name: '保存' }).click()]);
      await op.page.locator('#rf-windowEnd-error').waitFor();
      expect(await op.page.locator('#rf-windowEnd').getAttribute('aria-invalid')).toBe('true');
      expect(await op.page.locator('#rf-title').inputValue()).toBe('cr1 软件升级');
      expect(await axeProblems(op.page)).toEqual([]);
      await op.page.locator('form.rec-form').getByLabel('窗口结束').fill('2026-09-12T04:00');
      await Promise.all([op.page.waitForURL((u) => /^\/records\/cutovers\/[0-9a-f-]{36}$/.test(u.pathname)), op.page.locator('form.rec-form').getByRole('button', { name: '保存' }).click()]);
      id = op.page.url().split('/').at(-1)!;
      expect(await op.page.locator('.rec-status').textContent()).toBe('草稿');
      expect(await op.page.locator('main').textContent()).toContain('2026-09-12 01:00（Asia/Shanghai 时间）');
      // the operator has no approval control
      expect(await op.page.locator(`form[action="/records/cutovers/${id}/approve"]`).count()).toBe(0);
      expect(await axeProblems(op.page)).toEqual([]);
      // Chromium logs the refused form's 422 answer itself; anything else is a problem
      expect(op.problems.filter((p) => !p.endsWith('the server responded with a status of 422 (Unprocessable Entity)'))).toEqual([]);
    } finally {
      await op.close();
    }

    const admin = await watchedPage(browser!);
    try {
      await browserLogin(admin.page, base, served!.accounts.tokens.admin, `/records/cutovers/${id}`);
      let asked = '';
      admin.page.on('dialog', (d) => { asked = d.message(); void d.accept(); });
      await Promise.all([
        admin.page.waitForResponse((r) => r.url().endsWith(`/records/cutovers/${id}`) && r.request().method() === 'GET'),
        admin.page.locator(`form[action="/records/cutovers/${id}/approve"] button[type="submit"]`).click(),
      ]);
      await admin.page.locator('.rec-status', { hasText: '已审批' }).waitFor();
      expect(asked).toBe('确认审批通过此割接方案？');
      expect(await records!.store.get('cutover', id)).toMatchObject({ status: 'approved', approvedBy: 'test-admin', createdBy: 'test-operator' });
      const trail = (await ledger!.audit({ limit: 100, target: `cutover:${id}` })).map((a) => `${a.actor} ${a.action}`);
      expect(trail).toEqual(['test-operator record.cutover.create', 'test-admin record.cutover.approve']);
      expect(await axeProblems(admin.page)).toEqual([]);
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
