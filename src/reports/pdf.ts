/**
 * PDF through headless Chromium where it is installed (Debian `chromium`, or REDLINE_CHROMIUM):
 * the report's HTML printed with its own @page rules, no header or footer added by the browser.
 * The page has no script and no external asset, so the browser fetches nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Chromium is looked for, in order. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium binary to use, or null when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const own = env['REDLINE_CHROMIUM'];
  if (own !== undefined && own !== '') return existsSync(own) ? own : null;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

/** The PDF of `html`, printed by `chromium`; rejects with Chromium's own words when it fails, or when it takes longer than `timeoutMs`. */
export async function htmlToPdf(html: string, chromium: string, timeoutMs = 600_000): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    writeFileSync(page, html);
    await new Promise<void>((resolve, reject) => {
      const child = execFile(chromium, [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-pdf-header-footer',
        `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${out}`, pathToFileURL(page).href,
      ], { timeout: timeoutMs }, (err, _stdout, stderr) => {
        // Chromium ends cleanly on the SIGTERM of the time limit: the kill, not the exit code, tells
        if (child.killed) reject(new Error(`chromium did not finish the PDF within ${Math.round(timeoutMs / 1000)} s (a narrower --scope makes a shorter report)`));
        else if (err !== null) reject(new Error(`chromium could not print the PDF: ${err.message}${stderr === '' ? '' : `\n${stderr.slice(-2000)}`}`));
        else resolve();
      });
    });
    if (!existsSync(out)) throw new Error('chromium exited without writing the PDF');
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
