/**
 * The shipped Prometheus configuration (config/prometheus/) checked by Prometheus' own tools:
 * `promtool check config` and `check rules` accept it, `promtool test rules` passes the unit
 * tests in config/prometheus/tests/, every alert has a case there that makes it fire, and those
 * tests bite (a rule weakened in a copy makes them fail).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROMETHEUS_CONFIG_DIR, havePrometheus, promtool, shippedAlertRules } from '../support/prometheus.js';
import { prerequisite } from '../support/shared.js';

const available = prerequisite('prometheus (Debian package: prometheus, promtool)', havePrometheus(), 'checks and unit-tests the shipped alert rules');
const testFiles = readdirSync(join(PROMETHEUS_CONFIG_DIR, 'tests')).filter((f) => f.endsWith('.yml')).sort().map((f) => join('tests', f));

interface RuleTestFile {
  tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
}

describe.skipIf(!available)('config/prometheus checked by promtool', () => {
  const temps: string[] = [];
  afterEach(() => { for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true }); });

  it('promtool check config accepts prometheus.yml and finds its rule files', () => {
    const r = promtool(['check', 'config', 'prometheus.yml']);
    expect(r.output).toContain('is valid prometheus config file syntax');
    expect(r.code, r.output).toBe(0);
  });

  it('promtool check config accepts the cluster example (file-based discovery of N pollers and the analysts)', () => {
    const r = promtool(['check', 'config', join('cluster', 'prometheus.yml')]);
    expect(r.output).toContain('is valid prometheus config file syntax');
    expect(r.code, r.output).toBe(0);
    const targets = JSON.parse(readFileSync(join(PROMETHEUS_CONFIG_DIR, 'cluster', 'targets', 'redline.json'), 'utf8')) as { targets: string[] }[];
    expect(targets.flatMap((t) => t.targets).length).toBeGreaterThanOrEqual(3);
  });

  it('promtool check rules accepts every rule file', () => {
    const r = promtool(['check', 'rules', ...readdirSync(join(PROMETHEUS_CONFIG_DIR, 'rules')).map((f) => join('rules', f))]);
    expect(r.code, r.output).toBe(0);
    const found = [...r.output.matchAll(/SUCCESS: (\d+) rules found/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(found).toBe(shippedAlertRules().length);
  });

  it('promtool test rules passes every unit test in config/prometheus/tests', () => {
    expect(testFiles.length).toBeGreaterThan(0);
    const r = promtool(['test', 'rules', ...testFiles]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toContain('FAILED');
  });

  it('every alert rule has a unit test in which it fires, and every alert under test exists', () => {
    const firing = new Set<string>();
    const named = new Set<string>();
    for (const f of testFiles) {
      const doc = parse(readFileSync(join(PROMETHEUS_CONFIG_DIR, f), 'utf8')) as RuleTestFile;
      for (const t of doc.tests) {
        for (const c of t.alert_rule_test ?? []) {
          named.add(c.alertname);
          if (c.exp_alerts.length > 0) firing.add(c.alertname);
        }
      }
    }
    const alerts = shippedAlertRules().map((r) => r.alert);
    expect(alerts.filter((a) => !firing.has(a))).toEqual([]);
    expect([...named].filter((a) => !alerts.includes(a))).toEqual([]);
  });

  it('the unit tests fail when a rule is weakened (a PSU degraded no longer alerts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-promtool-'));
    temps.push(dir);
    cpSync(PROMETHEUS_CONFIG_DIR, dir, { recursive: true });
    const rulesFile = join(dir, 'rules', 'redline-alerts.yml');
    const shipped = readFileSync(rulesFile, 'utf8');
    const weakened = shipped.replace('redline_findings{rule="PWR-001", state=~"degraded|unprotected|down"}', 'redline_findings{rule="PWR-001", state="unprotected"}');
    expect(weakened).not.toBe(shipped);
    writeFileSync(rulesFile, weakened);
    const r = promtool(['test', 'rules', ...testFiles], dir);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('alertname: RedlinePsuFailed');
  });
});
