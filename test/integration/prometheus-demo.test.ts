/**
 * The alert rules on real Prometheus: Debian's `prometheus`, started on the shipped
 * config/prometheus/ (scrape config and rules, retargeted at the test's daemon, 1 s intervals),
 * scrapes the demo daemon (`redline demo` on free ports). Every alert expression runs through
 * /api/v1/query and parses; the demo's deliberate gaps (cr1's failed PSU, cr2's PSUs on one PDU,
 * the core pair in one room, the trunk legs in one duct, SMS on site A alone) make exactly the
 * matching alerts fire, with their severity and both languages' annotations, and the healthy
 * parts (UPS, DC plant, routing, redline itself) fire none. Once the daemon exports the
 * per-device families (docs/metrics.md), cr1's failed PSU must also raise the per-device alert
 * naming it. The `for:` holds are set to 0s here so the test need not wait minutes; promtool's
 * unit tests (prometheus-rules.test.ts) prove them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Colour } from '../../src/analysis/finding.js';
import type { ProtectionClass } from '../../src/config/schema.js';
import { calendarOf, severityOf } from '../support/calendar.js';
import { ensureBuilt } from '../support/cli.js';
import {
  activeAlerts, havePrometheus, instantQuery, shippedAlertRules, startDemoOnFreePorts, startPrometheus, waitFor,
  type PromAlert, type RunningDemo, type RunningPrometheus,
} from '../support/prometheus.js';
import { REPO_ROOT, prerequisite } from '../support/shared.js';

const available = prerequisite('prometheus (Debian package: prometheus)', havePrometheus(), 'scrapes the demo and evaluates the alert rules');

/**
 * The alerts the demo's gaps must raise, each with the labels that tell which gap it is, coloured
 * as on a day outside every special period (onDay colours them for the day the test runs).
 */
const EXPECTED_FIRING: readonly { alert: string; labels: Record<string, string> }[] = [
  { alert: 'RedlinePsuFailed', labels: { rule: 'PWR-001', class: 'PC-CORE', state: 'degraded', colour: 'orange', severity: 'major' } },
  { alert: 'RedlinePsusOneSource', labels: { rule: 'PWR-001b', class: 'PC-CORE', state: 'unprotected', colour: 'red', severity: 'critical' } },
  { alert: 'RedlineCoreDeviceUnprotected', labels: { rule: 'PWR-001b', class: 'PC-CORE', colour: 'red', severity: 'critical' } },
  { alert: 'RedlineCoreDeviceUnprotected', labels: { rule: 'NODE-002', class: 'PC-CORE', colour: 'orange', severity: 'major' } },
  { alert: 'RedlineServiceOnePath', labels: { rule: 'NODE-001', class: 'PC-SMS', colour: 'red', severity: 'critical' } },
  { alert: 'RedlineServiceOnePath', labels: { rule: 'RTE-002', class: 'PC-TRUNK', colour: 'red', severity: 'critical' } },
];

/**
 * The per-device alert the demo raises once /metrics carries the per-PSU family
 * (docs/metrics.md): cr1's failed PSU, named by device, site and class.
 */
const DEVICE_FIRING: readonly { alert: string; labels: Record<string, string> }[] = [
  { alert: 'RedlineDevicePsuFailed', labels: { device: 'cr1', site: 'bj-core', class: 'PC-CORE', state: 'failed', severity: 'warning' } },
];

/** The demo daemon runs on the system clock: during a special period of the shipped calendar its colours (and so severities) are one step up. */
const CALENDAR = calendarOf(join(REPO_ROOT, 'config', 'demo'));

/** Expected alerts with the colour and severity the calendar gives them at `now`. */
function onDay(list: readonly { alert: string; labels: Record<string, string> }[], now: number): { alert: string; labels: Record<string, string> }[] {
  return list.map((e) => {
    const base = e.labels['colour'] as Colour | undefined;
    if (base === undefined) return e;
    const colour = CALENDAR.colourAt(base, e.labels['class'] as ProtectionClass, now);
    return { alert: e.alert, labels: { ...e.labels, colour, severity: severityOf(colour) } };
  });
}

/** The alerts to expect now: the per-device ones only when the daemon exports the per-PSU family. */
async function expectedFiring(base: string): Promise<readonly { alert: string; labels: Record<string, string> }[]> {
  const perDevice = (await instantQuery(base, 'redline_psu_state')).length > 0;
  return onDay(perDevice ? [...EXPECTED_FIRING, ...DEVICE_FIRING] : EXPECTED_FIRING, Date.now());
}

/** Polls `check` until it holds or a minute has passed (the bound only stops a hang); the caller asserts after. */
async function settle(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !(await check())) await new Promise((r) => setTimeout(r, 250));
}

function matches(a: PromAlert, e: { alert: string; labels: Record<string, string> }): boolean {
  return a.labels['alertname'] === e.alert && Object.entries(e.labels).every(([k, v]) => a.labels[k] === v);
}

describe.skipIf(!available)('the alert rules on real Prometheus scraping the demo', () => {
  let demo: RunningDemo | undefined;
  let prom: RunningPrometheus | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    demo = await startDemoOnFreePorts(5);
    prom = await startPrometheus({ targets: [demo.address], interval: '1s', holdFor: '0s' });
    const p = prom;
    const d = demo;
    // data is there once a scrape carried the first analysis' findings
    await waitFor('the first scrape with findings', d.child, () => `${d.output()}\n${p.output()}`,
      async () => (await instantQuery(p.base, 'redline_findings{state="unprotected"}')).length > 0);
  });

  afterAll(async () => {
    await prom?.stop();
    await demo?.stop();
  });

  it('scrapes the demo: the redline target is up', async () => {
    const up = await instantQuery(prom!.base, 'up{job="redline"}');
    expect(up.map((s) => [s.metric['instance'], s.value[1]])).toEqual([[demo!.address, '1']]);
  });

  it('every alert rule expression parses and runs through /api/v1/query', async () => {
    const rules = shippedAlertRules();
    expect(rules.length).toBeGreaterThanOrEqual(15);
    const failures: string[] = [];
    for (const r of rules) {
      try {
        await instantQuery(prom!.base, r.expr);
      } catch (err) {
        failures.push(`${r.alert}: ${String(err)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the expressions of the alerts the demo should raise return series for the demo network', async () => {
    const rules = new Map(shippedAlertRules().map((r) => [r.alert, r.expr]));
    for (const alert of new Set(EXPECTED_FIRING.map((e) => e.alert))) {
      const series = await instantQuery(prom!.base, rules.get(alert)!);
      expect(series.length, alert).toBeGreaterThan(0);
    }
  });

  it("the demo's gaps fire exactly the matching alerts, with severity from the risk colour and annotations in both languages", async () => {
    const p = prom!;
    let expected = await expectedFiring(p.base);
    let firing: PromAlert[] = [];
    const unexpectedNow = (): string[] => firing.filter((a) => !expected.some((e) => matches(a, e))).map((a) => JSON.stringify(a.labels));
    // settles once every expected alert fires and nothing else does; a RedlineAbsent from a rule
    // evaluation stamped before the first scrape clears at the next one (holds are 0s here)
    await settle(async () => {
      expected = await expectedFiring(p.base);
      firing = (await activeAlerts(p.base)).filter((a) => a.state === 'firing');
      return expected.every((e) => firing.some((a) => matches(a, e))) && unexpectedNow().length === 0;
    });
    expect(expected.filter((e) => !firing.some((a) => matches(a, e)))).toEqual([]);
    for (const e of onDay(EXPECTED_FIRING, Date.now())) {
      const a = firing.find((f) => matches(f, e))!;
      for (const key of ['summary', 'description', 'summary_zh', 'description_zh']) expect(a.annotations[key], `${e.alert} ${key}`).toBeTruthy();
      expect(a.annotations['description']).toContain(e.labels['rule']);
      expect(a.annotations['description_zh']).toContain(e.labels['rule']);
      expect(a.annotations['description_zh']).toMatch(/[\u4e00-\u9fff]/);
    }
    // the healthy parts raise nothing: every firing alert is one of the expected gaps
    expect(unexpectedNow()).toEqual([]);
  }, 90_000); // above settle's bound, so a mismatch reports what differs instead of a timeout

  it('the firing alerts are in ALERTS as Prometheus itself records them', async () => {
    const p = prom!;
    const want = [...new Set((await expectedFiring(p.base)).map((e) => e.alert))].sort();
    const names = async (): Promise<string[]> => [...new Set((await instantQuery(p.base, 'ALERTS{alertstate="firing"}')).map((s) => s.metric['alertname'] ?? ''))].sort();
    let got: string[] = [];
    await settle(async () => { got = await names(); return JSON.stringify(got) === JSON.stringify(want); });
    expect(got).toEqual(want);
  });
});
