/**
 * API hygiene against a real HTTP server on 127.0.0.1: Host check (DNS rebinding), security
 * headers on every answer, request body limits, JSON-only errors carrying a request id (under
 * any NODE_ENV, for our errors and express's own), 5xx logged with that id, and device lists
 * that carry summaries by default and observations on request.
 */
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp, type ApiDeps } from '../../src/api/app.js';
import { createApiServer } from '../../src/api/server.js';
import type { Logger } from '../../src/common/logger.js';
import { Registry } from 'prom-client';
import { openAuthOff, type TestAuth } from '../support/auth.js';
import { inventoryFromObject, observation } from '../support/snapshot-builders.js';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

interface ErrorBody { error: { code: string; message: string; requestId: string } }

/** One raw request (node:http, so the Host header is ours to choose). */
function send(port: number, opts: { path: string; method?: string; host?: string | null; body?: Buffer | string; type?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (opts.host !== null) headers['host'] = opts.host ?? `127.0.0.1:${port}`;
    if (opts.type !== undefined) headers['content-type'] = opts.type;
    const req = request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

const inventory = inventoryFromObject({
  sites: [{ id: 's1', class: 'PC-CORE' }],
  devices: [
    { id: 'cr1', site: 's1', role: 'core-router', snmp: { host: '127.0.0.1', credentials: 'c' } },
    { id: 'cr2', site: 's1', role: 'core-router', snmp: { host: '127.0.0.1', credentials: 'c' } },
    { id: 'boom', site: 's1', role: 'core-router' },
  ],
});
const obs = observation({ system: { name: 'cr1', descr: 'a router', objectId: null, uptimeSeconds: 5 }, powerSupplies: [{ id: 'psu-1', name: 'PSU 1', status: 'ok', sources: ['entity'] }] });

const logged: Record<string, unknown>[] = [];
const recordingLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (fields) => { logged.push({ level: 'warn', ...fields }); },
  error: (fields) => { logged.push({ level: 'error', ...fields }); },
  child: () => recordingLogger,
  setLevel: () => undefined,
};

const deps: ApiDeps = {
  inventory: () => inventory,
  device: (id) => {
    if (id === 'boom') throw new Error('store exploded at /var/lib/redline/state.db');
    return { observation: obs, observedAt: 1_000, lastSuccessAt: 1_000, consecutiveFailures: 0, stale: false };
  },
  transitions: () => [],
  health: () => null,
  readiness: () => ({ ready: true, polled: 2, total: 2 }),
  registry: new Registry(),
  logger: recordingLogger,
  analysis: { latest: () => null, whatIf: () => { throw new Error('unused'); }, sweep: () => null },
  hosts: () => ({ listenHost: '127.0.0.1', allowed: ['redline.noc.example', 'prom-target:9740'] }),
};

const servers: Server[] = [];
const accounts: TestAuth[] = [];
async function serve(env: string | undefined): Promise<number> {
  // hygiene applies whoever calls: these tests run with authentication off (auth: test/integration/auth-api.test.ts)
  const auth = await openAuthOff();
  accounts.push(auth);
  const before = process.env['NODE_ENV'];
  if (env === undefined) delete process.env['NODE_ENV'];
  else process.env['NODE_ENV'] = env;
  const app = createApiApp(deps, auth.auth);
  if (before === undefined) delete process.env['NODE_ENV'];
  else process.env['NODE_ENV'] = before;
  const server = createApiServer(app).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => { resolve(); }));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

let port = 0;
let devPort = 0;
beforeAll(async () => {
  port = await serve('production');
  devPort = await serve('development');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  for (const a of accounts) a.close();
});

function expectJsonError(a: Answer, status: number, code: string): ErrorBody {
  expect(a.status).toBe(status);
  expect(a.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(a.text) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(a.headers['x-request-id']);
  expect(a.text).not.toMatch(/<html|<pre|at .*\.js:\d+|node_modules/i);
  return body;
}

describe('Host check (DNS rebinding)', () => {
  it.each([
    ['127.0.0.1 with the port', (p: number) => `127.0.0.1:${p}`],
    ['localhost with the port', (p: number) => `localhost:${p}`],
    ['LOCALHOST. (case, trailing dot)', (p: number) => `LOCALHOST.:${p}`],
    ['[::1] with the port', (p: number) => `[::1]:${p}`],
    ['an allowed name on any port', () => 'redline.noc.example'],
    ['an allowed name:port', () => 'prom-target:9740'],
  ])('serves %s', async (_name, host) => {
    const a = await send(port, { path: '/healthz', host: host(port) });
    expect(a.status).toBe(200);
  });

  it.each([
    ['a rebinding name', (p: number) => `attacker.example:${p}`],
    ['localhost on another port', (p: number) => `localhost:${p + 1}`],
    ['localhost without a port (port 80)', () => 'localhost'],
    ['an allowed name on another port', () => 'prom-target:9741'],
    ['a malformed Host', () => 'a b@c'],
    ['no Host at all', () => null],
  ])('refuses %s with 421 and the error JSON', async (_name, host) => {
    const a = await send(port, { path: '/api/v1/devices', host: host(port) });
    const body = expectJsonError(a, 421, 'unknown_host');
    expect(body.error.message).toMatch(/settings\.api\.allowedHosts/);
    expect(a.text).not.toContain('psu');
  });
});

describe('headers on every answer', () => {
  it.each([
    ['/healthz', 200],
    ['/metrics', 200],
    ['/api/v1/devices?offset=1', 200],
    ['/api/v1/devices/nope', 404],
    ['/no/such/thing', 404],
  ])('%s', async (path, status) => {
    const a = await send(port, { path });
    expect(a.status).toBe(status);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(a.headers['cache-control']).toBe('no-store');
    expect(a.headers['referrer-policy']).toBe('no-referrer');
    expect(a.headers['x-powered-by']).toBeUndefined();
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every request its own id', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => send(port, { path: '/healthz' }).then((a) => a.headers['x-request-id'])));
    expect(new Set(ids).size).toBe(3);
  });

  it('a request Node itself cannot parse: 400 error JSON, not a bare 400', async () => {
    const { connect } = await import('node:net');
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => { socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n'); });
      let text = '';
      socket.on('data', (c: Buffer) => { text += c.toString('utf8'); });
      socket.on('end', () => { resolve(text); });
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('application/json');
    expect(raw).toContain('nosniff');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'bad_request', message: 'malformed HTTP request' } });
  });

  it('headers beyond what Node reads: 431 error JSON', async () => {
    const { connect } = await import('node:net');
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => { socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`); });
      let text = '';
      socket.on('data', (c: Buffer) => { text += c.toString('utf8'); });
      socket.on('end', () => { resolve(text); });
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'headers_too_large', message: 'the request headers are too large' } });
  });

  it('the refused Host answer has them too', async () => {
    const a = await send(port, { path: '/healthz', host: 'evil.example' });
    expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(a.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('errors are always the error JSON', () => {
  for (const env of ['production', 'development'] as const) {
    const p = (): number => (env === 'production' ? port : devPort);
    it(`(${env}) a JSON body over 64 KiB: 413`, async () => {
      const big = JSON.stringify({ pad: 'x'.repeat(70 * 1024) });
      expectJsonError(await send(p(), { path: '/api/v1/devices', method: 'POST', body: big, type: 'application/json' }), 413, 'payload_too_large');
    });
    it(`(${env}) any other body over 64 KiB: 413`, async () => {
      expectJsonError(await send(p(), { path: '/healthz', method: 'POST', body: Buffer.alloc(65 * 1024 + 1), type: 'application/octet-stream' }), 413, 'payload_too_large');
    });
    it(`(${env}) malformed JSON: 400`, async () => {
      expectJsonError(await send(p(), { path: '/api/v1/devices', method: 'POST', body: '{"a":', type: 'application/json' }), 400, 'bad_json');
    });
    it(`(${env}) a known path with another method: 405 with Allow`, async () => {
      const a = await send(p(), { path: '/api/v1/devices', method: 'DELETE' });
      expectJsonError(a, 405, 'method_not_allowed');
      expect(a.headers['allow']).toBe('GET, HEAD');
    });
    it(`(${env}) an unknown path: 404`, async () => {
      expectJsonError(await send(p(), { path: '/wp-admin/' }), 404, 'not_found');
    });
    it(`(${env}) express's own error (a malformed %-escape in a path parameter): 400`, async () => {
      expectJsonError(await send(p(), { path: '/api/v1/devices/%E0%A4%A' }), 400, 'bad_request');
    });
    it(`(${env}) a thrown error: 500 without its message or stack, logged with the request id`, async () => {
      logged.length = 0;
      const a = await send(p(), { path: '/api/v1/devices/boom' });
      const body = expectJsonError(a, 500, 'internal');
      expect(body.error.message).toBe('internal error');
      expect(a.text).not.toContain('exploded');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 'error', requestId: body.error.requestId, status: 500, method: 'GET', path: '/api/v1/devices/boom' });
      expect(String(logged[0]!['err'])).toContain('store exploded');
    });
    it(`(${env}) an answered 503 (no analysis yet): the error JSON, logged as a warning with the request id`, async () => {
      logged.length = 0;
      const body = expectJsonError(await send(p(), { path: '/api/v1/findings' }), 503, 'not_ready');
      expect(logged).toEqual([expect.objectContaining({ level: 'warn', requestId: body.error.requestId, status: 503 })]);
    });
  }
});

describe('device list: summaries by default, observations on request', () => {
  interface Item { id: string; summary: unknown; observation?: unknown }
  const list = async (query: string): Promise<Item[]> => {
    const a = await send(port, { path: `/api/v1/devices${query}` });
    expect(a.status, a.text).toBe(200);
    return (JSON.parse(a.text) as { items: Item[] }).items.filter((i) => i.id !== 'boom');
  };
  const listOk = (query: string): Promise<Item[]> => list(`${query}${query === "" ? "?" : "&"}offset=1`);

  it('by default: summaries, no observation', async () => {
    const items = await listOk('');
    expect(items.map((i) => i.id)).toEqual(['cr1', 'cr2']);
    expect(items.every((i) => !('observation' in i) && i.summary !== null)).toBe(true);
  });
  it.each(['?fields=observation', '?observation=true'])('%s: full observations', async (q) => {
    const items = await listOk(q);
    expect(items.every((i) => (i.observation as { system: { descr: string } }).system.descr === 'a router')).toBe(true);
  });
  it('?observation=false still answers summaries', async () => {
    expect((await listOk('?observation=false')).every((i) => !('observation' in i))).toBe(true);
  });
  it.each(['?fields=secrets', '?observation=maybe'])('%s: 400', async (q) => {
    expectJsonError(await send(port, { path: `/api/v1/devices${q}` }), 400, 'bad_request');
  });
  it('one device: its full observation', async () => {
    const a = await send(port, { path: '/api/v1/devices/cr1' });
    expect((JSON.parse(a.text) as Item).observation).toMatchObject({ system: { descr: 'a router' } });
  });
});
