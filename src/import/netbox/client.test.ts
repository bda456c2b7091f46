import { describe, expect, it } from 'vitest';
import { NetboxClient } from './client.js';

/** A strict fake of fetch: answers from a table by URL, fails on anything else, records the Authorization header. */
function fakeFetch(pages: Record<string, { status?: number; body?: unknown; headers?: Record<string, string> }>): { fetch: typeof fetch; calls: { url: string; auth: string | null }[] } {
  const calls: { url: string; auth: string | null }[] = [];
  const f = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, auth: new Headers(init?.headers).get('authorization') });
    const p = pages[url];
    if (p === undefined) throw new Error(`unexpected request ${url}`);
    return Promise.resolve(new Response(JSON.stringify(p.body ?? {}), { status: p.status ?? 200, headers: p.headers ?? {} }));
  };
  return { fetch: f, calls };
}

describe('NetboxClient', () => {
  it('follows next, waits out 429 by Retry-After, and sends the token as NetBox expects', async () => {
    const waits: number[] = [];
    let throttled = false;
    const { fetch: base, calls } = fakeFetch({
      'https://nb.example/api/dcim/sites/?limit=2': { body: { count: 3, next: 'https://nb.example/api/dcim/sites/?limit=2&offset=2', results: [1, 2] } },
      'https://nb.example/api/dcim/sites/?limit=2&offset=2': { body: { count: 3, next: null, results: [3] } },
    });
    const f = ((input: string | URL | Request, init?: RequestInit) => {
      if (!throttled && (input instanceof Request ? input.url : input.toString()).endsWith('offset=2')) {
        throttled = true;
        return Promise.resolve(new Response('{}', { status: 429, headers: { 'retry-after': '7' } }));
      }
      return base(input, init);
    }) as typeof fetch;
    const c = new NetboxClient({ url: 'https://nb.example', token: 'abc', pageSize: 2, fetch: f, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } });
    expect(await c.list('api/dcim/sites/')).toEqual([1, 2, 3]);
    expect(waits).toEqual([7000]);
    expect(calls.every((x) => x.auth === 'Token abc')).toBe(true);
    const v2 = fakeFetch({ 'https://nb.example/api/dcim/sites/?limit=250': { body: { next: null, results: [] } } });
    await new NetboxClient({ url: 'https://nb.example/', token: 'nbt_k.s', fetch: v2.fetch }).list('/api/dcim/sites/');
    expect(v2.calls[0]!.auth).toBe('Bearer nbt_k.s');
  });

  it('never sends the token to another origin, and stops on a page loop', async () => {
    const away = fakeFetch({ 'https://nb.example/api/dcim/sites/?limit=250': { body: { next: 'https://evil.example/api/dcim/sites/?offset=250', results: [1] } } });
    await expect(new NetboxClient({ url: 'https://nb.example', token: 't', fetch: away.fetch }).list('api/dcim/sites/')).rejects.toThrow('another origin (https://evil.example)');
    expect(away.calls).toHaveLength(1);
    const loop = fakeFetch({ 'https://nb.example/api/dcim/sites/?limit=250': { body: { next: 'https://nb.example/api/dcim/sites/?limit=250', results: [1] } } });
    await expect(new NetboxClient({ url: 'https://nb.example', token: 't', fetch: loop.fetch }).list('api/dcim/sites/')).rejects.toThrow('same next page twice');
  });

  it('says what went wrong: refused token, server error, not a list', async () => {
    const cases: [number, unknown, string][] = [[403, {}, 'refused the token (403)'], [500, {}, 'answered 500'], [200, { detail: 'x' }, 'not a NetBox list answer']];
    for (const [status, body, msg] of cases) {
      const f = fakeFetch({ 'https://nb.example/api/dcim/sites/?limit=250': { status, body } });
      await expect(new NetboxClient({ url: 'https://nb.example', token: 't', fetch: f.fetch }).list('api/dcim/sites/')).rejects.toThrow(msg);
    }
  });
});
