/**
 * The console's frame in real headless Chromium: log in through the form, land where asked,
 * switch the language and see every frame label change, reach the content by keyboard (the skip
 * link comes first), log out — with no console error, page error or CSP violation on the way,
 * and no accessibility violation axe-core can find on the account page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDeps } from '../../src/api/app.js';
import { axeProblems, browserAvailable, browserLogin, launchBrowser, watchedPage } from '../support/browser.js';
import { serveConsole, type ServedConsole, consoleDeps } from '../support/console.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const NOW = Date.UTC(2026, 11, 4, 12);
const deps: ApiDeps = consoleDeps(inventoryFromObject({ sites: [{ id: 's1', class: 'PC-AGG' }], devices: [{ id: 'd1', site: 's1', role: 'edge' }] }), { now: () => NOW });

const run = browserAvailable();
let browser: Browser | null = null;
let served: ServedConsole | null = null;

beforeAll(async () => {
  if (!run) return;
  browser = await launchBrowser();
  served = await serveConsole(deps, { auth: { now: () => NOW } });
});
afterAll(async () => {
  await served?.close();
  await browser?.close();
});

describe.skipIf(!run)('the console frame in Chromium', () => {
  it('logs in, switches language, is reachable by keyboard, logs out, with no console error or CSP violation', async () => {
    const c = served!;
    const w = await watchedPage(browser!);
    try {
      await browserLogin(w.page, c.base, c.accounts.tokens.operator, '/account');
      expect(new URL(w.page.url()).pathname).toBe('/account');
      expect(await w.page.locator('h1').textContent()).toBe('我的账户');
      expect(await w.page.locator('html').getAttribute('lang')).toBe('zh-CN');

      // keyboard: the first Tab reaches the skip link, which moves focus to the content
      await w.page.keyboard.press('Tab');
      expect(await w.page.evaluate('document.activeElement && document.activeElement.className')).toBe('skip');
      await w.page.keyboard.press('Enter');
      expect(await w.page.evaluate('document.activeElement && document.activeElement.id')).toBe('main');

      await w.page.click('a.lang');
      await w.page.waitForFunction("document.documentElement.lang === 'en'");
      expect(await w.page.locator('html').getAttribute('lang')).toBe('en');
      expect(await w.page.locator('h1').textContent()).toBe('My account');
      expect(await w.page.locator('header .who').textContent()).toContain('operator');
      // the choice sticks on the next page load
      await w.page.goto(`${c.base}/account`);
      expect(await w.page.locator('h1').textContent()).toBe('My account');
      // no label of the frame or the page is left in Chinese (the switch back to 中文 is the one exception)
      expect((await w.page.locator('body').textContent())!.replace('中文', '')).not.toMatch(/[\u4e00-\u9fff]/u);

      expect(await axeProblems(w.page)).toEqual([]);

      await Promise.all([w.page.waitForURL(/\/login\?out=1$/), w.page.click('header form button')]);
      expect(await w.page.locator('.notice').textContent()).toBe('You have logged out.');
      expect(w.problems).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('reports an inline script as a CSP violation (the watch itself works)', async () => {
    const c = served!;
    const w = await watchedPage(browser!);
    try {
      await w.page.goto(`${c.base}/login`);
      // what a successful XSS would try: the policy refuses it and the watch records it
      await w.page.evaluate(`(() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1'; document.body.appendChild(s); })()`);
      await w.page.waitForFunction('true');
      await expect.poll(() => w.problems.join('\n')).toMatch(/CSP violation: script-src/);
      expect(await w.page.evaluate('window.pwned === undefined')).toBe(true);
    } finally {
      await w.close();
    }
  });
});
