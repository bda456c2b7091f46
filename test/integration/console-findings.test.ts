/**
 * `/findings` over HTTP on a real analysis report (the default policy run on the map's test
 * network, every device unpolled): filters, paging by offset, a bad filter answered as a clear
 * 400 page naming it, English explanations, and hostile device names escaped in the evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { inProcessReportView } from '../../src/analysis/worker/report-queries.js';
import type { ApiDeps } from '../../src/api/deps.js';
import { serveConsole, type ServedConsole, consoleDeps } from '../support/console.js';
import { mapInventory, XSS } from '../support/console-map-data.js';
import { observation, snapshotOf } from '../support/snapshot-builders.js';

const NOW = Date.UTC(2026, 11, 4, 12);
const policy = loadPolicy(DEFAULT_POLICY_FILE);

function depsFor(hostile: boolean): ApiDeps {
  const inv = mapInventory(hostile);
  // PSU names are device text: in the hostile run they carry the XSS corpus (one failed, so the evidence names it)
  const psu = (k: number, status: 'ok' | 'failed'): { id: string; name: string; status: 'ok' | 'failed'; sources: string[] } =>
    ({ id: `psu-${k}`, name: hostile ? `${XSS[k % XSS.length]!} PSU${k}` : `PSU${k}`, status, sources: ['entity'] });
  const devices = Object.fromEntries([...inv.devices.keys()].map((id, i) => [id, observation({ powerSupplies: [psu(i, 'ok'), psu(i + 1, 'failed')] })]));
  const report = runAnalysis(snapshotOf(inv, { now: NOW, devices }), policy, NOW);
  const view = inProcessReportView(report, NOW);
  return consoleDeps(inv, { analysis: { latest: () => view, sweep: () => null, whatIf: () => Promise.reject(new Error('unused')) } });
}

let plain: ServedConsole;
let hostile: ServedConsole;
beforeAll(async () => {
  plain = await serveConsole(depsFor(false));
  hostile = await serveConsole(depsFor(true));
});
afterAll(async () => {
  await plain.close();
  await hostile.close();
});

const rowsOf = (page: string): string[] => [...page.matchAll(/<tr data-rule="([^"]+)" data-subject="([^"]+)">/g)].map((m) => `${m[1]!} ${m[2]!}`);
const totalOf = (page: string): number => Number(/<span class="total">(\d+)<\/span>/.exec(page)?.[1] ?? NaN);

describe('/findings', () => {
  it('lists the failing findings with state, risk level, explanation and evidence', async () => {
    const s = await plain.login('viewer');
    const res = await s.get('/findings');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(totalOf(page)).toBeGreaterThan(0);
    expect(rowsOf(page).length).toBe(Math.min(50, totalOf(page)));
    expect(page).toContain('class="state state-');
    expect(page).toContain('<p class="explanation">');
    expect(page).toContain('台账未跟踪');
    // the pair sharing a room is a finding on the cr1+cr2 pair
    expect(rowsOf(page).some((r) => r.includes('cr1+cr2'))).toBe(true);
  });

  it('filters by rule, measure and device, and pages by offset', async () => {
    const s = await plain.login('viewer');
    const all = await (await s.get('/findings?state=all')).text();
    const total = totalOf(all);
    const byDevice = await (await s.get('/findings?state=all&device=cr2')).text();
    expect(rowsOf(byDevice).length).toBeGreaterThan(0);
    expect(rowsOf(byDevice).every((r) => r.split(' ')[1]!.split('+').includes('cr2'))).toBe(true);
    const byMeasure = await (await s.get('/findings?state=all&measure=multiplePower')).text();
    expect(totalOf(byMeasure)).toBeLessThan(total);
    const rule = rowsOf(all)[0]!.split(' ')[0]!;
    const byRule = await (await s.get(`/findings?state=all&rule=${rule}`)).text();
    expect(rowsOf(byRule).every((r) => r.startsWith(`${rule} `))).toBe(true);
    if (total > 50) {
      expect(all).toContain('rel="next" href="/findings?state=all&amp;offset=50"');
      const second = await (await s.get('/findings?state=all&offset=50')).text();
      expect(rowsOf(second)[0]).not.toBe(rowsOf(all)[0]);
    }
    // empty selects mean "any"
    expect(totalOf(await (await s.get('/findings?state=all&colour=&rule=&measure=&class=&site=&device=')).text())).toBe(total);
  });

  it('answers a bad filter with a 400 page naming it', async () => {
    const s = await plain.login('viewer');
    const res = await s.get('/findings?colour=purple&measure=magic');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('colour: unknown value &quot;purple&quot;');
    expect((await s.get('/findings?offset=-1')).status).toBe(400);
  });

  it('reads in English', async () => {
    const s = await plain.login('viewer');
    const page = await (await s.get('/findings', { cookie: `${s.cookie}; redline_lang=en` })).text();
    expect(page).toContain('<h1>Findings</h1>');
    expect(page).toContain('not tracked in the ledger');
    const explanations = [...page.matchAll(/<p class="explanation">([^<]*)<\/p>/g)].map((m) => m[1]!);
    expect(explanations.length).toBeGreaterThan(0);
    for (const e of explanations) expect(e).not.toMatch(/[\u4e00-\u9fff]/u);
  });

  it('escapes hostile device strings in explanations and evidence', async () => {
    const s = await hostile.login('viewer');
    const page = await (await s.get('/findings?state=all')).text();
    const body = page.slice(page.indexOf('<main'));
    expect(body).not.toMatch(/<img|<svg onload|\s(on[a-z]+|style)\s*=\s*["']|href="javascript:/i);
    // the corpus did reach the page, as text
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; PSU');
  });
});

describe('/coverage', () => {
  it('states the rules evaluated and skipped with reasons, and links each rule to its findings', async () => {
    const s = await plain.login('viewer');
    const res = await s.get('/coverage');
    expect(res.status).toBe(200);
    const page = await res.text();
    const evaluated = Number(/<dd class="evaluated">(\d+)<\/dd>/.exec(page)?.[1]);
    const skipped = Number(/<dd class="skipped">(\d+)<\/dd>/.exec(page)?.[1]);
    expect(evaluated).toBeGreaterThan(0);
    expect([...page.matchAll(/<tr data-rule="[^"]+" data-status="(evaluated|skipped)">/g)].length).toBe(evaluated + skipped);
    expect(page).toMatch(/href="\/findings\?state=all&amp;rule=[A-Z]+-\d+"/);
    const onlySkipped = await (await s.get('/coverage?status=skipped')).text();
    expect([...onlySkipped.matchAll(/data-status="evaluated"/g)].length).toBe(0);
    const en = await (await s.get('/coverage', { cookie: `${s.cookie}; redline_lang=en` })).text();
    expect(en).toContain('<h1>Coverage</h1>');
    const head = en.slice(en.indexOf('<main'), en.indexOf('<tbody>'));
    expect(head).not.toMatch(/[\u4e00-\u9fff]/u);
  });
});
