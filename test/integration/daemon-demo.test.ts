/**
 * The embedded demo as a newcomer meets it: the built CLI (`redline demo`, what `npm start`
 * runs) becomes ready, lists every demo device with its latest observation, keeps its state
 * across a restart, and stops cleanly on SIGTERM. Each test stands alone: the read-only ones
 * share a demo their suite starts, the restart test runs its own (never two at once: the
 * demo's simulated devices listen on fixed ports). How fast it gets ready is not asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/cli.js';
import { freeTcpPort, stopProcess } from '../support/processes.js';
import { REPO_ROOT } from '../support/shared.js';

interface DeviceItem {
  id: string;
  status: string;
  observedAt: string | null;
  observation: { powerSupplies: { name: string; status: string }[]; bgpPeers: unknown[] } | null;
}

/** A GET with the demo's documented viewer token, as README's curl examples send it. */
async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: { authorization: 'Bearer demo-viewer' } });
  return { status: res.status, body: (await res.json()) as T };
}

/** Waits until /readyz answers 200 (every device polled once); the bound only stops a hang. */
async function waitReady(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`demo exited early: ${output()}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`demo never became ready: ${output()}`);
}

/** Waits until the API answers at all (before the first poll of a run). */
async function waitListening(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`demo exited early: ${output()}`);
    try {
      await fetch(`${base}/healthz`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`demo never listened: ${output()}`);
}

function startDemo(port: number, stateFile: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'redline.js'), 'demo', '--listen', `127.0.0.1:${port}`, '--state-file', stateFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REDLINE_DEMO_COMMUNITY: 'canary-demo-community-5f1e' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => { r(code); }));
  return { child, output: () => out, exited };
}

async function stopDemo(demo: ReturnType<typeof startDemo> | undefined): Promise<void> {
  if (demo === undefined || demo.child.exitCode !== null) return;
  await stopProcess(demo.child);
}

describe('a running demo (npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-demo-test-'));
  let base: string;
  let demo: ReturnType<typeof startDemo> | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    const port = await freeTcpPort();
    base = `http://127.0.0.1:${port}`;
    demo = startDemo(port, join(dir, 'state.db'));
    await waitReady(base, demo.child, demo.output);
    // readiness is about devices; the health checks answer on their own schedule: wait for both
    const deadline = Date.now() + 90_000;
    for (;;) {
      const h = await getJson<{ items: { status: string }[] }>(`${base}/api/v1/health-checks`);
      if (h.body.items.length > 0 && h.body.items.every((x) => x.status !== 'pending')) break;
      if (Date.now() > deadline) throw new Error(`health checks never answered: ${JSON.stringify(h.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);
  afterAll(async () => {
    await stopDemo(demo);
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for a token, and the documented demo tokens carry their roles', async () => {
    const anonymous = await fetch(`${base}/api/v1/devices`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    for (const role of ['viewer', 'operator', 'inspector', 'admin']) {
      const who = await fetch(`${base}/api/v1/session`, { headers: { authorization: `Bearer demo-${role}` } });
      expect(await who.json()).toMatchObject({ name: `demo-${role}`, role, via: 'token' });
    }
  });

  it('lists every demo device with its observation', async () => {
    const { status, body } = await getJson<{ total: number; items: DeviceItem[] }>(`${base}/api/v1/devices?fields=observation`);
    expect(status).toBe(200);
    expect(body.total).toBe(12);
    const polled = body.items.filter((d) => d.observation !== null);
    expect(polled.map((d) => d.id).sort()).toEqual(['agg1', 'agg2', 'agg3', 'cr1', 'cr2', 'dc1', 'otn-bj', 'otn-sh', 'sh-cr1', 'ups1']);
    expect(polled.every((d) => d.status === 'ok')).toBe(true);
    // the SMS centres are inventory-only (watched through health checks)
    expect(body.items.filter((d) => d.observation === null).map((d) => d.id).sort()).toEqual(['smsc-a', 'smsc-b']);
    const cr1 = body.items.find((d) => d.id === 'cr1')!;
    expect(cr1.observation?.powerSupplies.map((p) => [p.name, p.status])).toEqual([['PSU 1', 'ok'], ['PSU 2', 'failed']]);
  });

  it('serves one device, its transitions, health checks, metrics and stable errors', async () => {
    const one = await getJson<DeviceItem & { class: string }>(`${base}/api/v1/devices/cr2`);
    expect(one.status).toBe(200);
    expect(one.body.class).toBe('PC-CORE');
    expect(one.body.observation?.bgpPeers).toHaveLength(2);
    const tr = await getJson<{ items: { subject: string; to: string }[] }>(`${base}/api/v1/devices/cr1/transitions?limit=1000`);
    expect(tr.body.items.some((t) => t.subject.startsWith('psu') && t.to === 'failed')).toBe(true);
    const missing = await getJson<{ error: { code: string; message: string } }>(`${base}/api/v1/devices/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const bad = await getJson<{ error: { code: string } }>(`${base}/api/v1/devices?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    const health = await getJson<{ items: { id: string; status: string }[] }>(`${base}/api/v1/health-checks`);
    expect(health.body.items.map((h) => [h.id, h.status])).toEqual([['hc-sms-a', 'up'], ['hc-sms-b', 'down']]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^redline_polls_total\{result="ok"\} \d+/m);
    expect(metrics).not.toContain('canary-demo-community');
  });
});

describe('the demo across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-demo-restart-'));
  let demo: ReturnType<typeof startDemo> | undefined;

  beforeAll(async () => {
    await ensureBuilt();
  }, 180_000);
  afterAll(async () => {
    await stopDemo(demo);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops on SIGTERM with exit 0, and a restart resumes from the store', async () => {
    const stateFile = join(dir, 'state.db');
    const port = await freeTcpPort();
    const base = `http://127.0.0.1:${port}`;
    demo = startDemo(port, stateFile);
    await waitReady(base, demo.child, demo.output);
    const before = await getJson<{ items: unknown[] }>(`${base}/api/v1/devices/cr1/transitions?limit=1000`);
    expect(before.body.items.length).toBeGreaterThan(0);
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
    expect(demo.output()).not.toContain('canary-demo-community');

    demo = startDemo(port, stateFile);
    await waitListening(base, demo.child, demo.output);
    // state is there before the first poll of this run
    const first = await getJson<DeviceItem>(`${base}/api/v1/devices/cr1`);
    expect(first.body.observedAt).not.toBeNull();
    expect(first.body.observation?.powerSupplies).toHaveLength(2);
    await waitReady(base, demo.child, demo.output);
    // nothing changed, so the restart recorded no new transitions for cr1
    const after = await getJson<{ items: unknown[] }>(`${base}/api/v1/devices/cr1/transitions?limit=1000`);
    expect(after.body.items.length).toBe(before.body.items.length);
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
  }, 240_000);
});
