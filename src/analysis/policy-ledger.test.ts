/**
 * policy.yaml's `ledger:` section: absent means the [P] defaults, the commented block shipped in
 * config/policy.yaml is exactly those defaults, partial values keep the other defaults, and bad
 * values are reported with their paths (unknown keys, non-whole days, a higher risk level given
 * more days than a lower one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../config/load.js';
import { DEFAULT_LEDGER_POLICY } from './ledger-policy.js';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject } from './policy.js';

type Doc = Record<string, unknown>;
const shippedText = (): string => readFileSync(DEFAULT_POLICY_FILE, 'utf8');
const shipped = (): Doc => parse(shippedText()) as Doc;

function problems(raw: unknown): string[] {
  try {
    policyFromObject(raw, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('policy.yaml ledger:', () => {
  it('defaults to DEFAULT_LEDGER_POLICY when absent', () => {
    expect(loadPolicy(DEFAULT_POLICY_FILE).ledger).toEqual(DEFAULT_LEDGER_POLICY);
  });

  it('documents the defaults in the shipped file, commented', () => {
    const block = shippedText().split('\n').filter((l) => /^# (ledger:| {2}(deadlineDays|verifyPasses|waiverMaxDays):)/.test(l)).map((l) => l.slice(2)).join('\n');
    expect(block).toMatch(/^ledger:/);
    const raw = { ...shipped(), ...(parse(block) as Doc) };
    expect(policyFromObject(raw).ledger).toEqual(DEFAULT_LEDGER_POLICY);
  });

  it('keeps the other defaults when only some values are set', () => {
    const raw = { ...shipped(), ledger: { deadlineDays: { red: 3 }, verifyPasses: 5 } };
    expect(policyFromObject(raw).ledger).toEqual({ ...DEFAULT_LEDGER_POLICY, deadlineDays: { ...DEFAULT_LEDGER_POLICY.deadlineDays, red: 3 }, verifyPasses: 5 });
  });

  it('reports every bad value with its path', () => {
    const raw = {
      ...shipped(),
      ledger: { deadlineDays: { red: 1.5, purple: 3 }, verifyPasses: 0, waiverMaxDays: { blue: 'forever' }, alerts: true },
    };
    expect(problems(raw)).toEqual(expect.arrayContaining([
      'ledger.deadlineDays.red: expected whole days',
      expect.stringMatching(/^ledger\.deadlineDays: .*purple/),
      'ledger.verifyPasses: at least 1 pass',
      'ledger.waiverMaxDays.blue: expected a number of days',
      expect.stringMatching(/^ledger: .*alerts/),
    ]));
  });

  it('refuses a higher risk level given more days than a lower one', () => {
    const raw = { ...shipped(), ledger: { deadlineDays: { red: 20, orange: 15 }, waiverMaxDays: { yellow: 400 } } };
    expect(problems(raw)).toEqual([
      'ledger.deadlineDays.orange: 15 days for orange is less than the 20 days for red: a higher risk level never gets more days than a lower one',
      'ledger.waiverMaxDays.blue: 365 days for blue is less than the 400 days for yellow: a higher risk level never gets more days than a lower one',
    ]);
  });
});
