/**
 * The findings and coverage routes on the real API app (createApiApp on 127.0.0.1, port 0) with
 * a view that holds the report in-process or refuses like a busy or restarting worker: the
 * filters reach the holder as a query, its JSON text is sent as is, a busy holder is a 503 with
 * Retry-After, a holder without a report a 503 not_ready, a bad filter a 400 before asking.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisUnavailableError, type CoverageQuery, type FindingsQuery, type ReportView } from '../analysis/worker/report-queries.js';
import type { Inventory } from '../inventory/model.js';
import { openAuthOff, type TestAuth } from '../../test/support/auth.js';
import { createApiApp } from './app.js';

let server: Server | undefined;
const accounts: TestAuth[] = [];
/** Accounts with authentication off (these tests are about the report, not who asks). */
async function accountsOff(): Promise<TestAuth> {
  const a = await openAuthOff();
  accounts.push(a);
  return a;
}
afterEach(async () => {
  for (const a of accounts.splice(0)) a.close();
  const s = server;
  server = undefined;
  if (s !== undefined) await new Promise<void>((r) => { s.close(() => { r(); }); });
});

/** A view answering `reply` and recording the queries it was asked. */
function view(reply: () => Promise<{ json: string }>): ReportView & { asked: (FindingsQuery | CoverageQuery)[] } {
  const asked: (FindingsQuery | CoverageQuery)[] = [];
  return {
    at: 0, rules: ['PWR-001', 'NODE-001'], analysedAt: 0, stale: false, asked,
    findings: (q) => { asked.push(q); return reply(); },
    coverage: (q) => { asked.push(q); return reply(); },
    overview: () => reply(),
  };
}

async function serve(latest: ReportView | null): Promise<(path: string) => Promise<{ status: number; text: string; retryAfter: string | null; type: string | null }>> {
  const app = createApiApp({
    inventory: () => ({ devices: new Map() }) as unknown as Inventory,
    device: () => null, transitions: () => [], health: () => null,
    readiness: () => ({ ready: true, polled: 0, total: 0 }), registry: new Registry(),
    analysis: { latest: () => latest, sweep: () => null, whatIf: () => Promise.reject(new Error('unused')) },
  }, (await accountsOff()).auth);
  const s = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => { s.once('listening', () => { r(); }); });
  server = s;
  const port = (s.address() as AddressInfo).port;
  return async (path) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') };
  };
}

describe('findings and coverage answered by the report\'s holder', () => {
  it('hands the validated filters to the holder and sends its JSON text as is', async () => {
    const v = view(() => Promise.resolve({ json: '{"total":0,"items":[]}' }));
    const get = await serve(v);
    const r = await get('/api/v1/findings?colour=red,orange&rule=NODE-001&site=a&limit=100&offset=5');
    expect(r).toMatchObject({ status: 200, text: '{"total":0,"items":[]}', type: 'application/json; charset=utf-8' });
    expect(v.asked).toEqual([{ states: ['degraded', 'unprotected', 'down', 'unknown'], colours: ['red', 'orange'], classes: null, sites: ['a'], rules: ['NODE-001'], limit: 100, offset: 5 }]);
    await get('/api/v1/coverage?status=skipped&reason=not_implemented');
    expect(v.asked[1]).toEqual({ status: 'skipped', reasons: ['not_implemented'], rules: null });
  });

  it.each([
    ['/api/v1/findings?rule=SWO-009', 400, /rule: unknown value .+SWO-009/],
    ['/api/v1/coverage?status=maybe', 400, /status must be evaluated or skipped/],
  ])('answers %s with %i before asking the holder', async (path, status, message) => {
    const v = view(() => Promise.resolve({ json: '{}' }));
    const get = await serve(v);
    const r = await get(path);
    expect(r.status).toBe(status);
    expect(r.text).toMatch(message);
    expect(v.asked).toEqual([]);
  });

  it.each(['/api/v1/findings', '/api/v1/coverage'])('%s: a busy holder is a 503 with Retry-After; one without a report a 503 not_ready', async (path) => {
    const busy = await serve(view(() => Promise.reject(new AnalysisUnavailableError('busy', 7, 'the analysis worker did not answer within 5000 ms'))));
    const b = await busy(path);
    expect(b).toMatchObject({ status: 503, retryAfter: '7' });
    expect(JSON.parse(b.text)).toMatchObject({ error: { code: 'busy', message: 'the analysis worker did not answer within 5000 ms' } });
    server?.close();
    const empty = await serve(view(() => Promise.reject(new AnalysisUnavailableError('not_ready', 1, 'no analysis yet'))));
    const e = await empty(path);
    expect(e).toMatchObject({ status: 503, retryAfter: null });
    expect(JSON.parse(e.text)).toMatchObject({ error: { code: 'not_ready' } });
  });

  it('answers 503 not_ready before the first analysis without asking anyone', async () => {
    const get = await serve(null);
    for (const path of ['/api/v1/findings', '/api/v1/coverage']) expect((await get(path)).status).toBe(503);
  });
});
