/**
 * `/metrics` of the running demo as Prometheus meets it: the built CLI's demo is scraped once its
 * first analysis pass has rendered the network families, the whole answer goes through Debian's
 * `promtool check metrics` (its linter: names, units, HELP, TYPE), and the demo's deliberate gaps
 * show: cr1's failed PSU says failed, the shared-PDU rule (PWR-001b) says cr2 is unprotected, and
 * no demo secret appears. Runs its own demo (the demo's simulated devices listen on fixed ports,
 * so it must not run beside another demo).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/cli.js';
import { freeTcpPort, stopProcess } from '../support/processes.js';
import { prerequisite, REPO_ROOT } from '../support/shared.js';

const COMMUNITY = 'canary-demo-community-metrics-7c2d';

/** Whether promtool is on PATH (the test command installs Debian's prometheus when it is not). */
function havePromtool(): boolean {
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}

const promtool = prerequisite('promtool (Debian prometheus)', havePromtool(), 'scripts/test.sh installs it; `apt-get install prometheus`');

/** The lines of one family in an exposition. */
function family(text: string, name: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}

describe.runIf(promtool)('the demo\'s /metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-metrics-demo-'));
  let child: ChildProcess | undefined;
  let out = '';
  let text = '';
  let contentType = '';

  beforeAll(async () => {
    await ensureBuilt();
    const port = await freeTcpPort();
    const base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'redline.js'), 'demo', '--listen', `127.0.0.1:${port}`, '--state-file', join(dir, 'state.db')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REDLINE_DEMO_COMMUNITY: COMMUNITY },
    });
    child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    // the network families come after the first analysis pass; the bound only stops a hang
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`demo exited early: ${out}`);
      try {
        const res = await fetch(`${base}/metrics`);
        const body = await res.text();
        if (res.status === 200 && body.includes('redline_protection_state{')) {
          text = body;
          contentType = res.headers.get('content-type') ?? '';
          break;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`no network metrics within 120 s: ${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 180_000);

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes promtool check metrics', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it('shows cr1\'s failed PSU as failed', () => {
    const cr1 = family(text, 'redline_psu_state').filter((l) => l.includes('device="cr1"'));
    expect(cr1).toHaveLength(2);
    expect(cr1.filter((l) => l.includes('state="failed"') && l.endsWith(' 1'))).toHaveLength(1);
    expect(cr1.every((l) => l.includes('site="bj-core"') && l.includes('class="PC-CORE"'))).toBe(true);
  });

  it('shows the shared-PDU rule leaving cr2 unprotected, one series per finding', () => {
    const pdu = family(text, 'redline_protection_state').filter((l) => l.includes('rule="PWR-001b"') && l.includes('subject="cr2"'));
    expect(pdu).toEqual([expect.stringContaining('state="unprotected"')]);
    expect(pdu[0]).toMatch(/subject_kind="device".*measure="multiplePower".* 1$/);
    const keys = family(text, 'redline_protection_state').map((l) => l.replace(/,state="[^"]*"/, ''));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has device, routing, coverage and ledger families, and no secret', () => {
    expect(family(text, 'redline_device_up').filter((l) => l.endsWith(' 1')).length).toBeGreaterThanOrEqual(10);
    expect(family(text, 'redline_bgp_session_state').some((l) => l.includes('device="cr2"'))).toBe(true);
    expect(family(text, 'redline_rule_evaluated').length).toBeGreaterThan(40);
    expect(family(text, 'redline_hazards')).toHaveLength(4 * 6);
    expect(family(text, 'redline_hazards_overdue')).toHaveLength(4);
    expect(family(text, 'redline_network_metrics_timestamp_seconds')).toHaveLength(1);
    expect(family(text, 'redline_process_nodejs_eventloop_lag_p99_seconds')).toHaveLength(1);
    expect(text).not.toContain(COMMUNITY);
  });
});
