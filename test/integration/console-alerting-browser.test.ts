/**
 * `/alerting` in real Chromium against the real API app, real accounts and a real SQLite ledger:
 * an operator books a maintenance window through the form (keyboard-reachable labelled fields);
 * an inspector sees no write form and a forged POST with the inspector's own session and CSRF
 * token is refused (403); no console error or CSP violation; axe-core finds nothing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertingApi, type AlertingApiHarness } from '../support/alerting-api.js';
import { axeProblems, browserAvailable, browserLogin, launchBrowser, watchedPage } from '../support/browser.js';

const T0 = Date.parse('2026-12-07T02:00:00Z'); // Monday 10:00 in Shanghai
const ALERTING = {
  receivers: [{ name: 'noc', type: 'webhook', options: { url: 'http://127.0.0.1:9/hook' } }, { name: 'amy', type: 'webhook', options: { url: 'http://127.0.0.1:9/amy' } }],
  route: { receivers: ['noc'] },
  rosters: [{ name: 'duty', slots: [{ from: '00:00', to: '00:00', tiers: [['amy'], ['noc']] }] }],
  windows: [],
};

const run = browserAvailable();
let browser: Browser | null = null;
let h: AlertingApiHarness | null = null;

beforeAll(async () => {
  if (!run) return;
  browser = await launchBrowser();
  h = await startAlertingApi({ now: T0, alerting: ALERTING });
});
afterAll(async () => {
  await h?.close();
  await browser?.close();
});

describe.skipIf(!run)('/alerting in Chromium', () => {
  it('an operator books a window through the form; axe clean; no console error or CSP violation', async () => {
    const w = await watchedPage(browser!);
    try {
      await browserLogin(w.page, h!.base, h!.accounts.tokens.operator, '/alerting');
      expect(await w.page.locator('h1').textContent()).toBe('值班告警');
      await w.page.click('#h-windows ~ details > summary');
      const f = w.page.locator('form[action="/alerting/windows"]');
      await f.getByLabel('编号', { exact: true }).fill('cut-browser');
      await f.getByLabel('站点（逗号分隔）').fill('sh-core, "><img src=x onerror=alert(1)>');
      await f.getByLabel('开始（仅一次）').fill('2026-12-07T09:30');
      await f.getByLabel('结束（仅一次）').fill('2026-12-07T12:00');
      await f.getByLabel('原因').fill('<script>alert(1)</script>');
      let dialog = false;
      w.page.on('dialog', (d) => { dialog = true; void d.dismiss(); });
      await Promise.all([w.page.waitForURL((u) => u.search === '?done=1'), f.getByRole('button', { name: '预约' }).click()]);
      expect(await w.page.locator('#h-windows ~ .table-wrap').textContent()).toContain('cut-browser');
      expect((await h!.bookings.get('window', 'cut-browser'))?.createdBy).toBe('test-operator');
      expect(dialog).toBe(false);
      expect(await axeProblems(w.page)).toEqual([]);
      expect(w.problems).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('an inspector sees no write form, and a forged POST with its own session is refused', async () => {
    const w = await watchedPage(browser!);
    try {
      const before = (await h!.bookings.list('window')).length;
      await browserLogin(w.page, h!.base, h!.accounts.tokens.inspector, '/alerting');
      expect(await w.page.locator('form[method="post"][action^="/alerting"]').count()).toBe(0);
      const status = await w.page.evaluate(`(async () => {
        const csrf = document.querySelector('input[name="_csrf"]').value;
        const body = new URLSearchParams({ _csrf: csrf, every: 'daily', at: '01:00', durationMinutes: '60' });
        return (await fetch('/alerting/windows', { method: 'POST', body, redirect: 'manual' })).status;
      })()`);
      expect(status).toBe(403);
      expect((await h!.bookings.list('window')).length).toBe(before);
      expect(await axeProblems(w.page)).toEqual([]);
      expect(w.problems.filter((p) => !p.includes('403'))).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
