/**
 * The what-if route's answers, on a real express server on 127.0.0.1 with a view whose what-if
 * is a promise the test resolves: the sweep comes from the cache with its time, an oversized or
 * malformed question is a 400 before anything runs, a busy worker is a 429 with Retry-After.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { SinglePointOfFailure, WhatIfResult } from '../analysis/graph/services.js';
import { WhatIfBusyError } from '../analysis/worker/analysis-runner.js';
import { UsageError } from '../common/errors.js';
import { MAX_FAIL_NAMES, WHATIF_PATH, whatIfHandler, type CachedSweep, type WhatIfView } from './whatif-route.js';

const SPOF: SinglePointOfFailure = { kind: 'node', id: 'cr1', cuts: ['core-pair'], unprotects: [], stranded: 0 };
const RESULT = { failed: [], cut: ['core-pair'], unprotected: [], stranded: 0 } as unknown as WhatIfResult;

let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (s !== undefined) await new Promise<void>((r) => { s.close(() => { r(); }); });
});

async function serve(view: WhatIfView | undefined): Promise<(q: string) => Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }>> {
  const app = express();
  app.get(WHATIF_PATH, whatIfHandler(view));
  const s = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => { s.once('listening', () => { r(); }); });
  server = s;
  const port = (s.address() as AddressInfo).port;
  return async (q) => {
    const res = await fetch(`http://127.0.0.1:${port}${WHATIF_PATH}?${q}`);
    return { status: res.status, body: await res.json() as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
  };
}

/** A view recording what it was asked; `whatIf` answers with `reply`. */
function view(sweep: CachedSweep | null, reply: (fail: readonly string[]) => Promise<WhatIfResult>): WhatIfView & { asked: string[][]; sweeps: number } {
  const v = {
    asked: [] as string[][],
    sweeps: 0,
    sweep: () => { v.sweeps++; return sweep; },
    whatIf: (fail: readonly string[]) => { v.asked.push([...fail]); return reply(fail); },
  };
  return v;
}

const CACHED: CachedSweep = { computedAt: Date.parse('2026-03-10T04:00:00Z'), stale: false, items: [SPOF] };

describe('GET /api/v1/whatif', () => {
  it('answers the sweep from the cache, with the time of the pass it was computed in', async () => {
    const v = view(CACHED, () => Promise.reject(new Error('not asked')));
    const get = await serve(v);
    const r = await get('sweep=true&disjointness=node');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ computedAt: '2026-03-10T04:00:00.000Z', stale: false, disjointness: 'node', singlePointsOfFailure: [SPOF] });
    expect(v.asked).toEqual([]);
  });

  it('answers 503 for the sweep before the first pass, 404 without the analysis', async () => {
    expect((await (await serve(view(null, () => Promise.resolve(RESULT))))('sweep=true')).status).toBe(503);
    await new Promise<void>((r) => { server!.close(() => { r(); }); });
    server = undefined;
    const none = await (await serve(undefined))('sweep=true');
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ error: { code: 'not_found', message: 'the protection analysis is not enabled' } });
  });

  it.each([
    ['too many names', Array.from({ length: MAX_FAIL_NAMES + 1 }, (_, i) => `n${i}`).join(','), /at most 16 at once/],
    ['a name too long', 'x'.repeat(257), /longer than 256/],
    ['an empty list', 'fail=', /comma-separated/],
    ['sweep and fail', 'sweep=true&fail=cr1', /exclude each other/],
    ['a bad disjointness', 'fail=cr1&disjointness=best', /srlg or node/],
  ])('answers 400 on %s without asking the worker', async (_what, q, message) => {
    const v = view(CACHED, () => Promise.resolve(RESULT));
    const r = await (await serve(v))(q.includes('=') ? q : `fail=${q}`);
    expect(r.status).toBe(400);
    expect((r.body['error'] as { message: string }).message).toMatch(message);
    expect(v.asked).toEqual([]);
  });

  it('answers 400 with the worker\'s message on an unknown or too large failure set', async () => {
    const r = await (await serve(view(CACHED, () => Promise.reject(new UsageError('these names fail 4000 elements'))))) ('fail=site:bj');
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: 'these names fail 4000 elements' } } });
  });

  it('answers 429 with Retry-After while another what-if runs, and the answer once it is done', async () => {
    let release: ((r: WhatIfResult) => void) | undefined;
    const running = new Promise<WhatIfResult>((r) => { release = r; });
    const v = view(CACHED, (fail) => (fail[0] === 'cr1' ? running : Promise.reject(new WhatIfBusyError(3))));
    const get = await serve(v);
    const first = get('fail=cr1');
    // wait until the first question reached the view: then it is running
    while (v.asked.length === 0) await new Promise((r) => { setImmediate(r); });
    const busy = await get('fail=cr2');
    expect(busy.status).toBe(429);
    expect(busy.retryAfter).toBe('3');
    expect(busy.body).toEqual({ error: { code: 'busy', message: 'another what-if is running; retry in 3 s' } });
    release!(RESULT);
    expect(await first).toMatchObject({ status: 200, body: { cut: ['core-pair'] } });
  });
});
