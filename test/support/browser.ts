/**
 * A real browser for the console's tests: Debian's headless Chromium (`/usr/bin/chromium`, or
 * `REDLINE_CHROMIUM`) driven by playwright-core. Every page opened through `watchedPage` records
 * what a user would never want to see: console errors, uncaught page errors, Content-Security-
 * Policy violations (a listener added before any page script runs) and failed requests to the
 * console itself. Tests assert that list is empty.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { prerequisite } from './shared.js';

/** Where Chromium is, or null. */
export function chromiumPath(): string | null {
  const candidates = [process.env['REDLINE_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => p !== undefined && p !== '');
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Whether browser tests can run here: Chromium is installed by the test command, so a missing one fails under `npm test` and CI. */
export function browserAvailable(): boolean {
  return prerequisite('chromium', chromiumPath() !== null, 'the console and report tests drive Debian\'s headless Chromium');
}

/** Starts headless Chromium (close it in afterAll). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === null) throw new Error('chromium is not installed (apt-get install chromium)');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** A page and what went wrong on it so far. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors, page errors, CSP violations and failed requests, in order. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** Opens a fresh context (no cookies) and page whose problems are recorded. */
export async function watchedPage(browser: Browser, opts: { readonly locale?: string } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ locale: opts.locale ?? 'zh-CN', viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  // CSP violations also reach the console as errors; this names the directive precisely
  await context.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', function (e) { console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + (e.sourceFile || e.documentURI)); });",
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => { problems.push(`page error: ${e.message}`); });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    // a request the browser itself cancelled because the page navigated on (a favicon still loading
    // when a test goes to the next page) is not a failure of the console
    if (why === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 500) problems.push(`server error ${r.status()}: ${r.url()}`); });
  return { page, context, problems, close: () => context.close() };
}

/** Logs in through the console's login form with `token`, landing on `next`. */
export async function browserLogin(page: Page, base: string, token: string, next = '/'): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#token', token);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form.login button[type="submit"]')]);
}

/** One accessibility problem axe-core found: its rule, impact and where. */
export interface AxeProblem {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core (WCAG 2 A/AA rules) on the page as it is and returns its violations. The script
 * is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * console's policy stays as strict as users get it.
 */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`);
  return result as AxeProblem[];
}
