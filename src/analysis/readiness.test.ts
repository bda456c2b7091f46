/**
 * Special periods start before the period: readiness sweeps at T−7 d and T−1 d list the findings
 * in scope, coloured as during the period; holidays are configured per year; the flood season
 * raises colours only where its warning is active; major events carry dates and scope.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../config/load.js';
import { inventoryFromObject, observation, snapshotOf } from '../../test/support/snapshot-builders.js';
import { runAnalysis } from './analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject } from './policy.js';
import { sweepDue } from './readiness.js';

type Doc = Record<string, Record<string, unknown>>;
const shipped = (): Doc => parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Doc;
const T = (iso: string): number => Date.parse(iso);

const inventory = inventoryFromObject({
  sites: [{ id: 'bj-core', class: 'PC-CORE', province: 'Beijing' }, { id: 'gz-core', class: 'PC-CORE', province: 'Guangdong' }],
  devices: [
    { id: 'bj1', site: 'bj-core', role: 'router', snmp: { host: '10.0.0.1', credentials: 'c' } },
    { id: 'gz1', site: 'gz-core', role: 'router', snmp: { host: '10.0.0.2', credentials: 'c' } },
  ],
});
const degradedPsu = observation({ powerSupplies: [{ id: 'p1', name: 'PSU 1', status: 'ok', sources: [] }, { id: 'p2', name: 'PSU 2', status: 'failed', sources: [] }] });

describe('readiness sweeps before a special period', () => {
  const policy = loadPolicy(DEFAULT_POLICY_FILE); // national-day-2026 starts 2026-10-01 (+08:00), i.e. 2026-09-30T16:00Z
  const sweeps = (at: string) => runAnalysis(snapshotOf(inventory, { now: T(at), devices: { bj1: degradedPsu, gz1: observation() } }), policy, T(at)).readiness;

  it.each([
    ['eight days before: none due', '2026-09-22T04:00:00Z', []],
    ['seven days before: T-7', '2026-09-23T16:00:00Z', ['national-day-2026 T-7']],
    ['two days before: still T-7', '2026-09-29T04:00:00Z', ['national-day-2026 T-7']],
    ['the day before: T-1', '2026-09-30T04:00:00Z', ['national-day-2026 T-1']],
    ['the first day: the period itself, no sweep', '2026-10-01T04:00:00Z', []],
  ])('%s', (_n, at, want) => {
    expect(sweeps(at).map((s) => `${s.period.id} ${s.sweep}`)).toEqual(want);
  });

  it('lists the failing findings in scope, coloured as during the period, with a bilingual statement', () => {
    const [s] = sweeps('2026-09-24T04:00:00Z');
    expect(s!.findings.map((f) => [f.rule, f.subject.id, f.colour, f.riskLevel, f.period?.id])).toEqual([['PWR-001', 'bj1', 'red', '重大风险', 'national-day-2026']]);
    expect(s!.explanation.zh).toBe('国庆节自 2026-10-01（Asia/Shanghai 时间）起，提前 7 天检查：范围内仍有 1 项风险须在保障期前消除');
    // the run's own findings keep their normal colour until the period starts
    const run = runAnalysis(snapshotOf(inventory, { now: T('2026-09-24T04:00:00Z'), devices: { bj1: degradedPsu } }), policy, T('2026-09-24T04:00:00Z'));
    expect(run.findings.find((f) => f.rule === 'PWR-001' && f.subject.id === 'bj1')?.colour).toBe('orange');
  });

  it.each([
    [T('2026-09-23T15:59:00Z'), null], [T('2026-09-23T16:00:00Z'), 7], [T('2026-09-29T16:00:00Z'), 1], [T('2026-09-30T16:00:00Z'), null],
  ])('sweepDue at %s = %s', (now, want) => {
    const p = policy.periods.calendar.find((x) => x.id === 'national-day-2026')!;
    expect(sweepDue(p, [7, 1], now)).toBe(want);
  });
});

describe('the holiday calendar is per year, in configuration', () => {
  it('ships the statutory days for the years it covers', () => {
    const p = loadPolicy(DEFAULT_POLICY_FILE);
    expect(p.periods.calendar.filter((x) => x.kind === 'holiday').map((x) => x.id)).toEqual(['national-day-2026', 'new-year-2027', 'spring-festival-2027']);
  });

  it('takes a new year from configuration and refuses a date outside its year', () => {
    const raw = shipped();
    (raw['specialPeriods']!['holidays'] as Record<string, unknown>)['2028'] = [{ id: 'new-year-2028', name: '元旦', start: '2028-01-01', end: '2028-01-01' }];
    expect(policyFromObject(raw).periods.calendar.some((x) => x.id === 'new-year-2028')).toBe(true);
    (raw['specialPeriods']!['holidays'] as Record<string, unknown>)['2029'] = [{ id: 'wrong', name: '元旦', start: '2030-01-01', end: '2030-01-01' }];
    expect(() => policyFromObject(raw)).toThrow(ConfigError);
    try {
      policyFromObject(raw);
    } catch (err) {
      expect((err as ConfigError).issues.map((i) => `${i.path}: ${i.message}`)).toContain('specialPeriods.holidays.2029[0].start: not in 2029');
    }
  });
});

describe('the flood season raises colours only where a warning is active', () => {
  const at = T('2027-07-15T04:00:00Z');
  const colours = (warningActive: boolean, provinces: string[]) => {
    const raw = shipped();
    const cal = raw['specialPeriods']!['calendar'] as Record<string, unknown>[];
    cal[0] = { ...cal[0], warningActive, scope: { provinces } };
    const r = runAnalysis(snapshotOf(inventory, { now: at, devices: { bj1: degradedPsu, gz1: degradedPsu } }), policyFromObject(raw), at);
    return Object.fromEntries(r.findings.filter((f) => f.rule === 'PWR-001').map((f) => [f.subject.id, f.colour]));
  };
  it.each([
    ['no warning declared', false, ['Guangdong'], { bj1: 'orange', gz1: 'orange' }],
    ['warning active for Guangdong', true, ['Guangdong'], { bj1: 'orange', gz1: 'red' }],
  ] as const)('%s', (_n, active, provinces, want) => {
    expect(colours(active, [...provinces])).toEqual(want);
  });
});
