/**
 * The HTTP health checker against real servers on 127.0.0.1 (node:http, and node:https with a
 * self-signed certificate made by openssl at test time), through Node's own fetch (undici).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../src/common/secrets.js';
import { runHealthCheck, type HealthCheckSpec, type HealthResult } from '../../src/collect/http/health.js';
import { freeTcpPort, haveCommand } from '../support/processes.js';
import { prerequisite } from '../support/shared.js';

const TOKEN = 'tok3n-s3cr3t-4242';
const API_KEY = 'k3y-s3cr3t-77';
const QUERY_KEY = 'q-s3cr3t-9';
const PASSWORD = 'pa55-s3cr3t';
const BIG_BYTES = 10 * 1024 * 1024;
/** A per-test limit well above every check's own timeout: a hang fails the test instead of stalling the run. */
const HANG_GUARD_MS = 10_000;

/** What the 10 MB route saw: how much the server got rid of before the client went away. */
const big = { written: 0, finished: false, closed: Promise.resolve() };
const seenByMirror: Record<string, string | string[] | undefined>[] = [];
const pending = new Set<ServerResponse>();
const timers = new Set<NodeJS.Timeout>();

let main: Server;
let mirror: Server;
let tls: Server | undefined;
let mainBase = '';
let mirrorBase = '';
let tlsBase = '';
let refusedBase = '';
let certDir = '';

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain', ...headers });
  res.end(body);
}

function later(ms: number, fn: () => void): void {
  const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
  timers.add(t);
}

function routeMain(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', mainBase);
  switch (url.pathname) {
    case '/ok':
      send(res, 200, JSON.stringify({ status: 'UP', sites: [{ name: 'a', active: true }, { name: 'b', active: true }] }), { 'content-type': 'application/json' });
      return;
    case '/down':
      send(res, 503, 'maintenance');
      return;
    case '/degraded':
      send(res, 200, JSON.stringify({ status: 'DEGRADED', sites: [{ name: 'a', active: true }, { name: 'b', active: false }] }));
      return;
    case '/slow':
      later(Number(url.searchParams.get('ms')), () => { send(res, 200, 'late but fine'); });
      return;
    case '/hang':
      pending.add(res);
      return;
    case '/stall-body':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part, then nothing');
      pending.add(res);
      return;
    case '/moved301':
      send(res, 301, '', { location: '/ok' });
      return;
    case '/moved302':
      send(res, 302, '', { location: `${mirrorBase}/ok?from=main` });
      return;
    case '/echo-redirect':
      // the server puts the caller's token into the redirect target's host name
      send(res, 302, '', { location: `http://${TOKEN}.invalid/x?t=${TOKEN}` });
      return;
    case '/big':
      streamBig(res);
      return;
    case '/echo': {
      const echoed = JSON.stringify({ status: req.headers.authorization ?? 'none', key: req.headers['x-api-key'], query: url.search });
      send(res, 200, echoed, { 'x-echo': req.headers.authorization ?? '', 'content-type': 'application/json' });
      return;
    }
    case '/basic': {
      const want = `Basic ${Buffer.from(`noc:${PASSWORD}`).toString('base64')}`;
      if (req.headers.authorization === want) send(res, 200, `welcome noc:${PASSWORD}`);
      else send(res, 401, 'who are you?');
      return;
    }
    default:
      send(res, 404, 'no such route');
  }
}

/** Writes 10 MB in 64 KiB chunks, honouring back-pressure, with a marker at the very end. */
function streamBig(res: ServerResponse): void {
  big.written = 0;
  big.finished = false;
  big.closed = new Promise((resolve) => { res.once('close', () => { resolve(); }); });
  res.once('finish', () => { big.finished = true; });
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(BIG_BYTES) });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const pump = (): void => {
    while (big.written < BIG_BYTES && !res.destroyed) {
      const last = big.written + chunk.length >= BIG_BYTES;
      const piece = last ? Buffer.concat([chunk.subarray(0, BIG_BYTES - big.written - 6), Buffer.from('NEEDLE')]) : chunk;
      big.written += piece.length;
      if (last) {
        res.end(piece);
        return;
      }
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { resolve(); });
  });
  return String((server.address() as AddressInfo).port);
}

async function close(server: Server | undefined): Promise<void> {
  if (server === undefined) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
}

/** A self-signed certificate for 127.0.0.1, or null (with the reason) when openssl cannot make one. */
function selfSignedCert(): { key: Buffer; cert: Buffer } | string {
  if (!haveCommand('openssl')) return 'openssl is not on PATH';
  certDir = mkdtempSync(join(tmpdir(), 'redline-http-health-'));
  const out = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
  ], { encoding: 'utf8' });
  if (out.status !== 0) return `openssl failed: ${out.stderr.slice(0, 300)}`;
  return { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) };
}

const certificate = selfSignedCert();
const haveTls = prerequisite('openssl (HTTPS health-check cases)', typeof certificate !== 'string', typeof certificate === 'string' ? certificate : '');

beforeAll(async () => {
  main = createHttpServer(routeMain);
  mainBase = `http://127.0.0.1:${await listen(main)}`;
  mirror = createHttpServer((req, res) => {
    seenByMirror.push({ ...req.headers });
    send(res, 200, 'mirror ok');
  });
  mirrorBase = `http://127.0.0.1:${await listen(mirror)}`;
  refusedBase = `http://127.0.0.1:${await freeTcpPort()}`;
  if (typeof certificate !== 'string') {
    tls = createHttpsServer(certificate, (_req, res) => { send(res, 200, JSON.stringify({ status: 'UP' })); });
    tlsBase = `https://127.0.0.1:${await listen(tls)}`;
  }
});

afterAll(async () => {
  for (const t of timers) clearTimeout(t);
  for (const res of pending) res.destroy();
  await Promise.all([close(main), close(mirror), close(tls)]);
  if (certDir !== '') rmSync(certDir, { recursive: true, force: true });
});

async function check(spec: Omit<HealthCheckSpec, 'id' | 'timeoutMs'> & { timeoutMs?: number }, secrets = new SecretRegistry()): Promise<HealthResult> {
  return runHealthCheck({ id: 'it', timeoutMs: 3000, ...spec }, { now: () => Date.now(), secrets });
}

describe('HTTP health checks against real servers', () => {
  it('200 is ok', async () => {
    const r = await check({ url: `${mainBase}/ok` });
    expect(r).toMatchObject({ checkId: 'it', ok: true, httpStatus: 200, reasons: [] });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('503 fails with the status', async () => {
    const r = await check({ url: `${mainBase}/down` });
    expect(r).toMatchObject({ ok: false, httpStatus: 503, reasons: ['status 503 not in 200-299'] });
  });

  it('a server that never answers times out (headers)', { timeout: HANG_GUARD_MS }, async () => {
    const r = await check({ url: `${mainBase}/hang`, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, httpStatus: null, latencyMs: null, reasons: ['timeout after 300 ms waiting for the response headers'] });
  });

  it('a response slower than the timeout times out', { timeout: HANG_GUARD_MS }, async () => {
    const r = await check({ url: `${mainBase}/slow?ms=5000`, timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, httpStatus: null, reasons: ['timeout after 200 ms waiting for the response headers'] });
  });

  it('body mismatch, by substring and by regex', async () => {
    const r = await check({ url: `${mainBase}/degraded`, expectBody: { contains: '"status":"UP"', matches: '"active":\\s*true[^}]*}\\]' } });
    expect(r).toMatchObject({ ok: false, httpStatus: 200 });
    expect(r.reasons).toEqual(['body did not contain "\\"status\\":\\"UP\\""', 'body did not match /"active":\\s*true[^}]*}\\]/']);
    expect(JSON.stringify(r)).not.toContain('DEGRADED');
  });

  it('JSON path: both SMSC sites active, then one site down', async () => {
    const good = await check({ url: `${mainBase}/ok`, expectBody: { jsonPath: { path: '$.sites[1].active', equals: true } } });
    expect(good).toMatchObject({ ok: true, reasons: [] });
    const bad = await check({ url: `${mainBase}/degraded`, expectBody: { jsonPath: { path: '$.sites[1].active', equals: true } } });
    expect(bad).toMatchObject({ ok: false, httpStatus: 200, reasons: ['body JSON at $.sites[1].active is not true (found another boolean)'] });
  });

  it('latency threshold', async () => {
    const slow = await check({ url: `${mainBase}/slow?ms=300`, maxLatencyMs: 100 });
    expect(slow.ok).toBe(false);
    expect(slow.httpStatus).toBe(200);
    expect(slow.latencyMs).toBeGreaterThanOrEqual(290);
    expect(slow.reasons).toHaveLength(1);
    expect(slow.reasons[0]).toMatch(/^latency \d+ ms over 100 ms$/);
    const fast = await check({ url: `${mainBase}/ok`, maxLatencyMs: 2000 });
    expect(fast).toMatchObject({ ok: true, reasons: [] });
  });

  it('301 is not followed by default and is followed when configured', async () => {
    const asIs = await check({ url: `${mainBase}/moved301` });
    const host = new URL(mainBase).host;
    expect(asIs).toMatchObject({ ok: false, httpStatus: 301, reasons: ['status 301 not in 200-299', `redirect to ${host} not followed`] });
    const followed = await check({ url: `${mainBase}/moved301`, followRedirects: true, expectBody: { jsonPath: { path: 'status', equals: 'UP' } } });
    expect(followed).toMatchObject({ ok: true, httpStatus: 200, reasons: [] });
  });

  it('302 to another origin: not followed by default; followed without the configured headers', async () => {
    const asIs = await check({ url: `${mainBase}/moved302` });
    expect(asIs).toMatchObject({ ok: false, httpStatus: 302, reasons: ['status 302 not in 200-299', `redirect to ${new URL(mirrorBase).host} not followed`] });
    expect(seenByMirror).toHaveLength(0);

    const followed = await check({ url: `${mainBase}/moved302`, followRedirects: true, headers: { authorization: `Bearer ${TOKEN}`, 'x-api-key': API_KEY } });
    expect(followed).toMatchObject({ ok: true, httpStatus: 200, reasons: [] });
    expect(seenByMirror).toHaveLength(1);
    expect(seenByMirror[0]?.['authorization']).toBeUndefined();
    expect(seenByMirror[0]?.['x-api-key']).toBeUndefined();
  });

  it('connection refused (port closed)', async () => {
    const r = await check({ url: `${refusedBase}/health` });
    expect(r).toMatchObject({ ok: false, httpStatus: null, latencyMs: null, reasons: ['connection refused'] });
  });

  it('headers then a stalled body: times out when the body is judged, ok when it is not', { timeout: HANG_GUARD_MS }, async () => {
    const judged = await check({ url: `${mainBase}/stall-body`, timeoutMs: 300, expectBody: { contains: 'UP' } });
    expect(judged).toMatchObject({ ok: false, httpStatus: 200, reasons: ['timeout after 300 ms waiting for the body'] });
    expect(judged.latencyMs).not.toBeNull();
    const unjudged = await check({ url: `${mainBase}/stall-body`, timeoutMs: 300 });
    expect(unjudged).toMatchObject({ ok: true, httpStatus: 200, reasons: [] });
  });

  it('a 10 MB body is read only up to the cap, and the rest is never pulled', async () => {
    const r = await check({ url: `${mainBase}/big`, expectBody: { contains: 'NEEDLE' } });
    expect(r).toMatchObject({ ok: false, httpStatus: 200, reasons: ['body did not contain "NEEDLE" in its first 64 KiB'] });
    await big.closed;
    expect(big.finished).toBe(false);
    expect(big.written).toBeLessThan(BIG_BYTES);
  });

  it('a token the server echoes (body, header, redirect host) appears in no field of the result', async () => {
    const secrets = new SecretRegistry();
    const headers = { authorization: `Bearer ${TOKEN}`, 'x-api-key': API_KEY };
    const results = [
      await check({ url: `${mainBase}/echo?api_key=${QUERY_KEY}`, headers, expectBody: { contains: 'NEVER-THERE' } }, secrets),
      await check({ url: `${mainBase}/echo?api_key=${QUERY_KEY}`, headers, expectBody: { jsonPath: { path: '$.status', equals: 'UP' } } }, secrets),
      await check({ url: `${mainBase}/echo?api_key=${QUERY_KEY}`, headers, expectStatus: [204] }, secrets),
      await check({ url: `${mainBase}/echo-redirect?api_key=${QUERY_KEY}`, headers }, secrets),
      await check({ url: `http://noc:${PASSWORD}@${new URL(mainBase).host}/basic`, expectBody: { contains: 'NEVER-THERE' } }, secrets),
    ];
    expect(results.map((r) => r.reasons)).toEqual([
      ['body did not contain "NEVER-THERE"'],
      ['body JSON at $.status is not "UP" (found another string)'],
      ['status 200 not one of 204'],
      ['status 302 not in 200-299', 'redirect to [REDACTED].invalid not followed'],
      ['body did not contain "NEVER-THERE"'],
    ]);
    for (const r of results) {
      for (const [field, value] of Object.entries(r)) {
        for (const secret of [TOKEN, API_KEY, QUERY_KEY, PASSWORD, 'welcome']) {
          expect(JSON.stringify(value), `${field} of ${r.checkId}`).not.toContain(secret);
        }
      }
    }
  });

  it.skipIf(!haveTls)('HTTPS with a self-signed certificate: TLS error unless tlsInsecure', async () => {
    const strict = await check({ url: `${tlsBase}/health` });
    expect(strict).toMatchObject({ ok: false, httpStatus: null });
    expect(strict.reasons).toHaveLength(1);
    expect(strict.reasons[0]).toMatch(/^TLS error: self-signed certificate/);

    const insecure = await check({ url: `${tlsBase}/health`, tlsInsecure: true, expectBody: { jsonPath: { path: '$.status', equals: 'UP' } } });
    expect(insecure).toMatchObject({ ok: true, httpStatus: 200, reasons: [] });

    // tlsInsecure is per check: the next strict check still refuses the certificate
    const again = await check({ url: `${tlsBase}/health` });
    expect(again.reasons[0]).toMatch(/^TLS error/);
  });
});
