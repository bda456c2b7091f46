/**
 * The hazard pages in real headless Chromium against the real demo (`redline demo` on free
 * ports, its documented tokens): an operator (demo-operator) works a hazard from open to pending
 * verification through the forms (acknowledge → assign → plan → grade → start rectification →
 * request verification), an administrator (demo-admin, not the owner) verifies and closes it
 * (销号); an inspector (demo-inspector) sees no write control on the hazard page, the server
 * refuses the write anyway (403, the hazard unchanged), and the audit page shows the writes under
 * the operator's and the administrator's names. The language switch changes every label; no page
 * logs a console error or a CSP violation; axe-core finds nothing on the hazard, accepted-risk and
 * audit pages. With REDLINE_SCREENSHOTS set, the hazard page is saved as docs/img/console-hazard.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, browserAvailable, browserLogin, launchBrowser, watchedPage } from '../support/browser.js';
import { loginAs } from '../support/console.js';
import { startDemoOnFreePorts, type RunningDemo } from '../support/prometheus.js';
import { REPO_ROOT } from '../support/shared.js';

const run = browserAvailable();
let browser: Browser | null = null;
let demo: RunningDemo | null = null;
let base = '';
let hazardId = '';

beforeAll(async () => {
  if (!run) return;
  [browser, demo] = await Promise.all([launchBrowser(), startDemoOnFreePorts(5)]);
  base = `http://${demo.address}`;
  // a hazard found on a patrol, filed through the API by the operator: one a person marks fixed
  const res = await fetch(`${base}/api/v1/hazards`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-operator', 'content-type': 'application/json' },
    body: JSON.stringify({
      foundByMethod: 'patrol', category: '供电', colour: 'orange', protectionClass: 'PC-CORE',
      description: { zh: '巡检发现 A 机房列头柜只有一路市电输入', en: 'Patrol: the row PDU of room A has a single mains feed' },
      location: { siteId: 'sh-core', roomId: 'A' },
    }),
  });
  if (res.status !== 201) throw new Error(`filing the demo hazard answered ${res.status}: ${await res.text()}`);
  hazardId = ((await res.json()) as { id: string }).id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const hazardPath = (): string => `/hazards/${encodeURIComponent(hazardId)}`;

/** Submits the form posting to `/hazards/<id>/<name>` and waits for the page it lands on. */
async function submit(page: Page, name: string): Promise<void> {
  const form = page.locator(`form[action="${hazardPath()}/${name}"]`);
  await Promise.all([page.waitForURL((u) => u.pathname === hazardPath()), form.locator('button[type="submit"]').click()]);
}

async function status(page: Page): Promise<string> {
  return (await page.locator('dl.facts .hz-status').first().textContent()) ?? '';
}

describe.skipIf(!run)('hazards in Chromium against the demo', () => {
  it('an operator works a hazard to pending verification, an administrator closes it, an inspector cannot write and reads it in the audit log', async () => {
    const op = await watchedPage(browser!);
    try {
      await browserLogin(op.page, base, 'demo-operator', '/hazards');
      expect(await op.page.locator('h1').textContent()).toBe('隐患台账');
      await op.page.click(`a[href="${hazardPath()}"]`);
      await op.page.waitForURL((u) => u.pathname === hazardPath());
      expect(await status(op.page)).toBe('待整改');

      // acknowledge, with the responsible unit and person
      await op.page.fill('#ack-ownerOrg', '上海核心网运维中心');
      await op.page.fill('#ack-ownerPerson', '王工');
      await submit(op.page, 'acknowledge');
      expect(await status(op.page)).toBe('已确认');
      // assign someone else as the owner
      await op.page.fill('#assign-ownerPerson', '李工');
      await submit(op.page, 'assign');
      expect(await op.page.locator('dl.facts').first().textContent()).toContain('李工');
      // plan: the remediation and a later deadline with its reason
      await op.page.fill('#plan-remediationPlan', '增加第二路市电输入并做切换测试');
      await op.page.fill('#plan-deadline', '2030-06-30T18:00');
      await op.page.fill('#plan-deadlineReason', '需要停电窗口，与物业协调');
      await submit(op.page, 'plan');
      expect(await op.page.locator('dl.facts').first().textContent()).toContain('2030-06-30 18:00');
      // grade (a person's decision), start rectification, request verification
      await op.page.selectOption('#grade-grade', '一般隐患');
      await submit(op.page, 'grade');
      await submit(op.page, 'rectify');
      expect(await status(op.page)).toBe('整改中');
      await op.page.fill('#fixed-note', '已增加第二路输入');
      await submit(op.page, 'fixed');
      expect(await status(op.page)).toBe('整改完成待验收');
      expect(await op.page.locator(`form[action="${hazardPath()}/verify"]`).count()).toBe(1);
      expect(await axeProblems(op.page)).toEqual([]);
      // the history shows the deadline change as times in the operator's zone, not raw numbers
      expect(await op.page.locator('#hz-history + ol').textContent()).toContain('2030-06-30 18:00（Asia/Shanghai 时间）');
      if (process.env['REDLINE_SCREENSHOTS']) {
        // in English: the README's readers, and a Chromium without CJK fonts, read it
        await op.page.click('a.lang');
        await op.page.waitForFunction("document.documentElement.lang === 'en'");
        mkdirSync(join(REPO_ROOT, 'docs', 'img'), { recursive: true });
        await op.page.screenshot({ path: join(REPO_ROOT, 'docs', 'img', 'console-hazard.png'), fullPage: true });
      }
      expect(op.problems).toEqual([]);
    } finally {
      await op.close();
    }

    // the inspector: no write control, and the server refuses a write anyway
    const insp = await watchedPage(browser!);
    try {
      await browserLogin(insp.page, base, 'demo-inspector', hazardPath());
      expect(await insp.page.locator(`main form[method="post"]`).count()).toBe(0);
      expect(await insp.page.locator('main button').count()).toBe(0);
      const session = await loginAs(base, 'demo-inspector');
      const before = await (await fetch(`${base}/api/v1/hazards/${encodeURIComponent(hazardId)}`, { headers: { authorization: 'Bearer demo-inspector' } })).json() as { version: number; status: string };
      const refused = await session.post(`${hazardPath()}/verify`, { version: String(before.version), result: 'passed' });
      expect(refused.status).toBe(403);
      const after = await (await fetch(`${base}/api/v1/hazards/${encodeURIComponent(hazardId)}`, { headers: { authorization: 'Bearer demo-inspector' } })).json() as { version: number; status: string };
      expect(after).toMatchObject({ version: before.version, status: 'pendingVerification' });
      expect(insp.problems).toEqual([]);
    } finally {
      await insp.close();
    }

    // the administrator verifies (not the owner: separation of duties) and closes it
    const admin = await watchedPage(browser!);
    try {
      await browserLogin(admin.page, base, 'demo-admin', hazardPath());
      admin.page.once('dialog', (d) => { void d.accept(); });
      await submit(admin.page, 'verify');
      expect(await status(admin.page)).toBe('已销号');
      expect(await admin.page.locator('dl.facts').first().textContent()).toContain('demo-admin');
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.close();
    }

    // the inspector reads the writes in the audit log, in both languages
    const audit = await watchedPage(browser!);
    try {
      await browserLogin(audit.page, base, 'demo-inspector', `/audit?target=${encodeURIComponent(`hazard:${hazardId}`)}`);
      const table = (await audit.page.locator('table.audit').textContent()) ?? '';
      for (const line of ['demo-operator', 'hazard.acknowledge', 'hazard.update', 'hazard.grade', 'hazard.rectify', 'hazard.fixed', 'demo-admin', 'hazard.verify']) expect(table).toContain(line);
      expect(await audit.page.locator('.audit-ok').first().textContent()).toMatch(/完整/);
      expect(await axeProblems(audit.page)).toEqual([]);
      await audit.page.click('a.lang');
      await audit.page.waitForFunction("document.documentElement.lang === 'en'");
      expect(await audit.page.locator('h1').textContent()).toBe('Audit log');
      // every label in English now (data, such as the hazard's Chinese description, stays as written)
      for (const path of ['/audit', hazardPath(), '/hazards', '/waivers']) {
        await audit.page.goto(`${base}${path}`);
        const labels = await audit.page.locator('h1, h2, h3, th, label, legend, dt, nav a, button').allInnerTexts();
        expect(labels.join(' | ')).not.toMatch(/[\u4e00-\u9fff]/u);
        expect(await axeProblems(audit.page)).toEqual([]);
      }
      expect(audit.problems).toEqual([]);
    } finally {
      await audit.close();
    }
  }, 240_000);

  it('renders hostile text inert: no dialog, no CSP violation, the text shown literally', async () => {
    const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', '<svg onload=alert(3)>', 'javascript:alert(4)', '\u202Etxt.exe'];
    const res = await fetch(`${base}/api/v1/hazards`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-operator', 'content-type': 'application/json' },
      body: JSON.stringify({ foundByMethod: 'inspection', category: '管理', colour: 'blue', protectionClass: 'PC-AGG', description: hostile.join(' '), location: { siteId: 'sh-core', neId: hostile[1] } }),
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    for (const text of hostile) {
      const c = await fetch(`${base}/api/v1/hazards/${encodeURIComponent(id)}/comments`, { method: 'POST', headers: { authorization: 'Bearer demo-operator', 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      expect(c.status).toBe(201);
    }
    const link = await fetch(`${base}/api/v1/hazards/${encodeURIComponent(id)}/evidence?name=${encodeURIComponent(hostile[1]!)}`, { method: 'POST', headers: { authorization: 'Bearer demo-operator', 'content-type': 'text/plain' }, body: hostile[0]! });
    expect(link.status).toBe(201);
    const w = await watchedPage(browser!);
    const dialogs: string[] = [];
    w.page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    try {
      await browserLogin(w.page, base, 'demo-operator', `/hazards/${encodeURIComponent(id)}`);
      const body = (await w.page.locator('main').innerText());
      expect(body).toContain('<script>alert(1)</script>');
      expect(body).toContain('"><img src=x onerror=alert(2)>');
      expect(body).toContain('\\u202etxt.exe');
      expect(await w.page.locator('main img, main svg, main script').count()).toBe(0);
      await w.page.goto(`${base}/hazards?class=PC-AGG`);
      expect(dialogs).toEqual([]);
      expect(w.problems).toEqual([]);
    } finally {
      await w.close();
    }
  }, 60_000);
});
