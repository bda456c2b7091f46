/**
 * The embedded demo as a newcomer meets it: the built CLI (`redline demo`, what `npm start`
 * runs) serves /readyz within a minute, lists every demo device with its latest observation,
 * keeps its state across a restart, and stops cleanly on SIGTERM.
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

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

async function waitReady(base: string, child: ChildProcess, output: () => string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`demo exited early: ${output()}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`demo not ready within 60 s: ${output()}`);
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

describe('redline demo (npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-demo-test-'));
  const stateFile = join(dir, 'state.db');
  let port: number;
  let base: string;
  let demo: ReturnType<typeof startDemo> | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    port = await freeTcpPort();
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await stopProcess(demo?.child);
    rmSync(dir, { recursive: true, force: true });
  });

  let transitionsBefore = 0;

  it('is ready within a minute and lists every demo device with its observation', async () => {
    demo = startDemo(port, stateFile);
    const ms = await waitReady(base, demo.child, demo.output);
    expect(ms).toBeLessThan(60_000);
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
    transitionsBefore = tr.body.items.length;
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

  it('stops on SIGTERM with exit 0, and a restart resumes from the store', async () => {
    demo!.child.kill('SIGTERM');
    expect(await demo!.exited).toBe(0);
    expect(demo!.output()).not.toContain('canary-demo-community');

    demo = startDemo(port, stateFile);
    // state is there before the first poll of this run
    let first: { status: number; body: DeviceItem } | null = null;
    const t0 = Date.now();
    while (first === null && Date.now() - t0 < 30_000) {
      try { first = await getJson<DeviceItem>(`${base}/api/v1/devices/cr1`); } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    expect(first?.body.observedAt).not.toBeNull();
    expect(first?.body.observation?.powerSupplies).toHaveLength(2);
    await waitReady(base, demo.child, demo.output);
    // nothing changed, so the restart recorded no new transitions for cr1
    const tr = await getJson<{ items: unknown[] }>(`${base}/api/v1/devices/cr1/transitions?limit=1000`);
    expect(tr.body.items.length).toBe(transitionsBefore);
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
  });
});
