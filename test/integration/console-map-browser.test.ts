/**
 * The map against the real demo (`redline demo` on free ports) in headless Chromium: the trunk's
 * two legs through duct D-7 and the core pair sharing room core-a are highlighted (classes and
 * accessible names), a click on a device node opens its page, the power chain draws, the language
 * switch leaves no Chinese label, axe-core finds nothing, and no console error or CSP violation.
 * With REDLINE_SCREENSHOTS set, the map is saved as docs/img/map.png for the README.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, browserAvailable, browserLogin, launchBrowser, watchedPage } from '../support/browser.js';
import { startDemoOnFreePorts, type RunningDemo } from '../support/prometheus.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = browserAvailable();
let browser: Browser | null = null;
let demo: RunningDemo | null = null;

beforeAll(async () => {
  if (!run) return;
  browser = await launchBrowser();
  demo = await startDemoOnFreePorts(30);
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe.skipIf(!run)('the network map on the demo in Chromium', () => {
  it('highlights the shared duct and the shared room, opens a device, switches language, is accessible', async () => {
    const base = `http://${demo!.address}`;
    const w = await watchedPage(browser!);
    try {
      await browserLogin(w.page, base, 'demo-viewer', '/map');
      expect(new URL(w.page.url()).pathname).toBe('/map');
      expect(await w.page.locator('h1').textContent()).toBe('网络拓扑图');

      // the Beijing–Shanghai trunk: both legs through D-7, highlighted and named
      const duct = w.page.locator('svg.map g.edge.shared-risk[data-risk~="duct:D-7"]');
      expect(await duct.count()).toBe(2);
      for (const title of await duct.locator('title').allTextContents()) expect(title).toContain('共用风险 duct:D-7');
      expect(await w.page.locator('.map-facts li[data-risk="duct:D-7"]').textContent()).toMatch(/duct:D-7.*trunk-w, trunk-p/);

      // the core pair in one room: both nodes highlighted, their accessible names say which room
      for (const [dev, partner] of [['cr1', 'cr2'], ['cr2', 'cr1']] as const) {
        const node = w.page.locator(`svg.map a.node.shared-room[data-node="${dev}"]`);
        expect(await node.count()).toBe(1);
        const name = await node.getAttribute('aria-label');
        expect(name).toContain(`与冗余伙伴共用 ${partner}`);
        expect(name).toContain('room:bj-core/core-a');
      }
      if ((process.env['REDLINE_SCREENSHOTS'] ?? '') !== '') {
        mkdirSync(join(REPO, 'docs', 'img'), { recursive: true });
        await w.page.locator('.map-wrap').screenshot({ path: join(REPO, 'docs', 'img', 'map.png') });
      }
      expect(await axeProblems(w.page)).toEqual([]);

      // a device node is a link: keyboard focus and a click open the device's page
      const cr1 = w.page.locator('svg.map a.node[data-node="cr1"]');
      await cr1.focus();
      expect(await w.page.evaluate('document.activeElement && document.activeElement.getAttribute("data-node")')).toBe('cr1');
      const [answer] = await Promise.all([w.page.waitForResponse((r) => new URL(r.url()).pathname === '/devices/cr1'), cr1.click()]);
      await w.page.waitForURL((u) => u.pathname === '/devices/cr1');
      expect(answer.status()).toBe(200);
      expect(await w.page.locator('h1').textContent()).toContain('BJ-CR-01');

      // the power chain of Beijing core
      await w.page.goto(`${base}/map/power/bj-core`);
      expect(await w.page.locator('svg.map a.node[data-node="p:pdu-a"]').count()).toBe(1);
      expect(await w.page.locator('svg.map a.node.power-spof').count()).toBeGreaterThan(0);
      expect(await axeProblems(w.page)).toEqual([]);

      // English: every label of the page changes (Chinese left only in the demo's own names)
      await w.page.goto(`${base}/map`);
      await w.page.click('a.lang');
      await w.page.waitForFunction("document.documentElement.lang === 'en'");
      expect(await w.page.locator('h1').textContent()).toBe('Network map');
      const labels = await w.page.locator('main h1, main h2, main h3, .map-legend li, .map-facts p, header nav').allTextContents();
      expect(labels.join(' ')).not.toMatch(/[\u4e00-\u9fff]/u);
      const name = await w.page.locator('svg.map a.node[data-node="cr2"]').getAttribute('aria-label');
      expect(name).toContain('shared with its redundancy partner cr1');
      expect(w.problems).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it("shows the demo's gaps on the findings page with evidence, and what failing a core router does", async () => {
    const base = `http://${demo!.address}`;
    const w = await watchedPage(browser!);
    try {
      await browserLogin(w.page, base, 'demo-viewer', '/findings');
      // the analysis runs once every device has been polled: reload until it has
      for (let i = 0; i < 60; i++) {
        const res = await w.page.goto(`${base}/findings?rule=&device=cr2`);
        if (res?.status() === 200) break;
        await w.page.waitForLoadState('load');
      }
      w.problems.splice(0); // the 503s before the first analysis are the console saying so, not errors
      expect(await w.page.locator('table.findings tbody tr').count()).toBeGreaterThan(0);
      expect(await w.page.locator('table.findings details summary').count()).toBeGreaterThan(0);
      expect(await axeProblems(w.page)).toEqual([]);
      await w.page.goto(`${base}/whatif?fail=node:cr1`);
      expect(await w.page.locator('section.whatif-result').count()).toBe(1);
      expect(await w.page.locator('input[value="node:cr1"]').isChecked()).toBe(true);
      expect(await axeProblems(w.page)).toEqual([]);
      expect(w.problems).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
