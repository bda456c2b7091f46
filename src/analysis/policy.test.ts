/**
 * The policy: the shipped file is valid and complete; every problem is reported at once with its
 * path; waivers need a reason and an expiry and stop applying when they expire; class and site
 * overrides; special periods raise colours one step and tighten thresholds, within their scope.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../config/load.js';
import { inventoryFromObject, observation, snapshotOf } from '../../test/support/snapshot-builders.js';
import { runAnalysis } from './analyze.js';
import { DEFAULT_POLICY_FILE, activeWaiver, loadPolicy, policyFromObject, ruleApplies, ruleThresholds, timeOf } from './policy.js';
import { RULES } from './rules/index.js';

type Doc = Record<string, unknown>;
/** The shipped policy as a plain document, to break in tests. */
const shipped = (): Doc => parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Doc;
/** The object at a path of a document. */
const at = (doc: Doc, ...path: string[]): Doc => path.reduce<Doc>((x, k) => x[k] as Doc, doc);

function problems(raw: unknown): string[] {
  try {
    policyFromObject(raw, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

const T = (iso: string): number => Date.parse(iso);

describe('policy file', () => {
  it('ships a valid policy with a catalogue entry for every registered rule', () => {
    const p = loadPolicy(DEFAULT_POLICY_FILE);
    expect([...p.rules.keys()].sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const r of p.rules.values()) {
      expect(r.clause).toBe('MIIT-2023-46/2.3');
      expect(r.basis.length).toBeGreaterThan(0);
      expect(r.classes.size).toBeGreaterThan(0);
    }
    expect(ruleThresholds(p, 'LOAD-001', 'PC-CORE', ['x'], false)).toEqual({ factor: 0.9, windowMinutes: 15 });
    expect(ruleThresholds(p, 'SWO-006', 'PC-CORE', ['x'], false)).toEqual({ maxAgeDays: 183 });
    expect(ruleThresholds(p, 'SWO-006', 'PC-AGG', ['x'], false)).toEqual({ maxAgeDays: 365 });
  });

  it('reports every bad path at once', () => {
    const raw = shipped();
    at(raw, 'rules', 'LOAD-001', 'thresholds')['factor'] = 'high';
    at(raw, 'rules', 'NODE-002', 'byClass', 'PC-NE')['separation'] = 'building';
    at(raw, 'riskMapping', 'spof')['PC-CORE'] = 'purple';
    at(raw, 'rules', 'NODE-001')['classes'] = ['PC-CORP'];
    at(raw, 'rules', 'NODE-003')['colour'] = 'red';
    delete at(raw, 'rules')['PWR-005'];
    at(raw, 'rules')['XYZ-001'] = at(raw, 'rules', 'PWR-004');
    raw['overrides'] = [{ rule: 'LOAD-001', class: 'PC-AGG', thresholds: { factor: 2 } }, { rule: 'NOPE-001', class: 'PC-CORE' }, { rule: 'LOAD-001', thresholds: { factor: 0.8 } }];
    (at(raw, 'specialPeriods')['calendar'] as unknown[]).push({ id: 'x', kind: 'holiday', name: 'x', start: '2027-01-02', end: '2027-01-01' });
    const found = problems(raw);
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^rules\.LOAD-001\.thresholds\.factor: /),
      expect.stringMatching(/^rules\.NODE-002\.byClass\.PC-NE\.separation: /),
      expect.stringMatching(/^riskMapping\.spof\.PC-CORE: /),
      expect.stringMatching(/^rules\.NODE-001\.classes\[0\]: /),
      expect.stringMatching(/^rules\.NODE-003: .*colour/),
      expect.stringMatching(/^rules\.PWR-005: missing/),
      expect.stringMatching(/^rules: .*XYZ-001/),
      expect.stringMatching(/^overrides\[0\]\.thresholds\.factor: /),
      expect.stringMatching(/^overrides\[1\]\.rule: unknown rule/),
      expect.stringMatching(/^overrides\[2\]: an override names a class or a site/),
      expect.stringMatching(/^specialPeriods\.calendar\[\d+\]\.end: ends before it starts/),
    ]));
    expect(found).toHaveLength(11);
  });

  it('rejects a waiver without a reason or an expiry', () => {
    const raw = shipped();
    raw['waivers'] = [
      { rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' } },
      { rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'later', until: 'next spring' },
      { rule: 'NODE-009', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March', until: '2027-03-31' },
    ];
    expect(problems(raw)).toEqual([
      'waivers[0].reason: a waiver needs a reason',
      'waivers[0].until: a waiver expiry (until) is required (YYYY-MM-DD or an ISO 8601 time)',
      'waivers[1].reason: a waiver needs a reason of at least 10 characters',
      'waivers[1].until: expected YYYY-MM-DD or an ISO 8601 time with a zone',
      expect.stringMatching(/^waivers\[2\]\.rule: unknown rule "NODE-009"/),
    ]);
  });

  it('reads dates at the policy offset; a waiver runs to the end of its day, then stops', () => {
    const raw = shipped();
    raw['waivers'] = [{ rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March', until: '2027-03-31' }];
    const p = policyFromObject(raw);
    expect(timeOf('2027-03-31', p.timezoneOffsetMinutes)).toBe(T('2027-03-30T16:00:00Z'));
    const subject = { kind: 'pair' as const, id: 'cr1+cr2' };
    expect(activeWaiver(p, 'NODE-002', subject, T('2027-03-31T15:59:59Z'))).toBeDefined();
    expect(activeWaiver(p, 'NODE-002', subject, T('2027-03-31T16:00:00Z'))).toBeUndefined();
    expect(activeWaiver(p, 'NODE-001', subject, T('2027-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('applies class overrides, then site overrides (the narrower scope wins)', () => {
    const raw = shipped();
    raw['overrides'] = [
      { rule: 'LOAD-001', class: 'PC-AGG', thresholds: { factor: 0.85 } },
      { rule: 'LOAD-001', site: 'agg-west', thresholds: { factor: 0.7 } },
      { rule: 'PWR-002', site: 'sh-core', enabled: false, reason: 'single substation until 2027' },
    ];
    const p = policyFromObject(raw);
    expect(ruleThresholds(p, 'LOAD-001', 'PC-AGG', ['agg-east'], false)['factor']).toBe(0.85);
    expect(ruleThresholds(p, 'LOAD-001', 'PC-AGG', ['agg-west'], false)['factor']).toBe(0.7);
    expect(ruleThresholds(p, 'LOAD-001', 'PC-CORE', ['bj-core'], false)['factor']).toBe(0.9);
    expect(ruleApplies(p, 'PWR-002', 'PC-CORE', ['sh-core'])).toBe(false);
    expect(ruleApplies(p, 'PWR-002', 'PC-CORE', ['bj-core'])).toBe(true);
    expect(ruleApplies(p, 'PWR-002', 'PC-AGG', ['agg-east'])).toBe(false);
  });
});

describe('waivers in the findings', () => {
  const inventory = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE', rooms: [{ id: 'a' }] }],
    devices: [
      { id: 'cr1', site: 'bj', room: 'a', role: 'core', redundancyPair: 'cr2' },
      { id: 'cr2', site: 'bj', room: 'a', role: 'core', redundancyPair: 'cr1' },
    ],
  });
  const run = (until: string, now: number): ReturnType<typeof runAnalysis> => {
    const raw = shipped();
    raw['waivers'] = [{ rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March; cr2 moves then', until, approvedBy: '张工' }];
    return runAnalysis(snapshotOf(inventory, { now }), policyFromObject(raw), now);
  };

  it('marks a finding waived while the waiver runs, and lists the waiver for the audit', () => {
    const r = run('2027-03-31', T('2027-01-10T00:00:00Z'));
    const f = r.findings.find((x) => x.rule === 'NODE-002')!;
    expect(f.state).toBe('unprotected');
    expect(f.colour).toBe('orange');
    expect(f.waived).toEqual({ reason: 'room B fit-out finishes in March; cr2 moves then', until: '2027-03-31' });
    expect(r.summary.waived).toBe(1);
    expect(r.waivers).toEqual([expect.objectContaining({ rule: 'NODE-002', active: true, applied: true, approvedBy: '张工' })]);
  });

  it('no longer applies an expired waiver, and still lists it', () => {
    const r = run('2026-12-31', T('2027-01-10T00:00:00Z'));
    expect(r.findings.find((x) => x.rule === 'NODE-002')!.waived).toBeUndefined();
    expect(r.summary.waived).toBe(0);
    expect(r.waivers).toEqual([expect.objectContaining({ rule: 'NODE-002', active: false, applied: false })]);
  });
});

describe('special periods', () => {
  const inventory = inventoryFromObject({
    sites: [
      { id: 'gz-core', class: 'PC-CORE', province: 'Guangdong', rooms: [{ id: 'r1' }] },
      { id: 'bj-core', class: 'PC-CORE', province: 'Beijing', rooms: [{ id: 'r1' }] },
      { id: 'gz-acc', class: 'PC-ACC', province: 'Guangdong' },
    ],
    devices: [
      { id: 'gz1', site: 'gz-core', room: 'r1', role: 'router', snmp: { host: '10.0.0.1', credentials: 'c' } },
      { id: 'bj1', site: 'bj-core', room: 'r1', role: 'router', snmp: { host: '10.0.0.2', credentials: 'c' } },
      { id: 'acc1', site: 'gz-acc', role: 'router', snmp: { host: '10.0.0.3', credentials: 'c' } },
    ],
  });
  const degradedPsu = observation({ powerSupplies: [{ id: 'p1', name: 'PSU 1', status: 'ok', sources: [] }, { id: 'p2', name: 'PSU 2', status: 'failed', sources: [] }] });
  const policy = (): ReturnType<typeof policyFromObject> => {
    const raw = shipped();
    at(raw, 'rules', 'PWR-001')['classes'] = ['PC-CORE', 'PC-ACC'];
    at(raw, 'specialPeriods')['calendar'] = [
      { id: 'typhoon', kind: 'disasterSeason', name: '台风 typhoon', start: '2027-07-01', end: '2027-07-31', scope: { provinces: ['Guangdong'] }, warningActive: true },
      { id: 'flood-quiet', kind: 'disasterSeason', name: '汛期 no warning', start: '2027-08-01', end: '2027-08-31', scope: { provinces: ['Guangdong'] }, warningActive: false },
    ];
    at(raw, 'specialPeriods')['majorEvents'] = [
      { id: 'congress', name: '重要会议', start: '2027-10-10', end: '2027-10-20', scope: { sites: ['bj-core'] } },
      { id: 'acc-event', name: '基站保障', start: '2027-11-10', end: '2027-11-12', scope: { classes: ['PC-ACC'] } },
    ];
    return policyFromObject(raw);
  };
  const colours = (now: number): Record<string, string | null> => {
    const snap = snapshotOf(inventory, { now, devices: { gz1: degradedPsu, bj1: degradedPsu, acc1: degradedPsu } });
    const r = runAnalysis(snap, policy(), now);
    return Object.fromEntries(r.findings.filter((f) => f.rule === 'PWR-001').map((f) => [f.subject.id, `${f.colour ?? 'none'}${f.period !== undefined ? `@${f.period.id}` : ''}`]));
  };

  it.each([
    ['outside any period', '2027-06-15T04:00:00Z', { gz1: 'orange', bj1: 'orange', acc1: 'blue' }],
    ['typhoon season in Guangdong: blue→yellow, orange→red; Beijing unaffected', '2027-07-15T04:00:00Z', { gz1: 'red@typhoon', bj1: 'orange', acc1: 'yellow@typhoon' }],
    ['a major event scoped to one site', '2027-10-15T04:00:00Z', { gz1: 'orange', bj1: 'red@congress', acc1: 'blue' }],
    ['the last day of a period still counts (end of day, +08:00)', '2027-07-31T15:59:00Z', { gz1: 'red@typhoon', bj1: 'orange', acc1: 'yellow@typhoon' }],
    ['flood season without an active warning raises nothing', '2027-08-15T04:00:00Z', { gz1: 'orange', bj1: 'orange', acc1: 'blue' }],
    ['a major event scoped to a class', '2027-11-11T04:00:00Z', { gz1: 'orange', bj1: 'orange', acc1: 'yellow@acc-event' }],
  ])('%s', (_name, at, want) => {
    expect(colours(T(at))).toEqual(want);
  });

  it('never raises past red', () => {
    const snap = snapshotOf(inventory, { now: T('2027-07-15T04:00:00Z'), devices: { gz1: observation({ powerSupplies: [{ id: 'p1', name: 'PSU 1', status: 'ok', sources: [] }] }) } });
    const f = runAnalysis(snap, policy(), T('2027-07-15T04:00:00Z')).findings.find((x) => x.rule === 'PWR-001' && x.subject.id === 'gz1');
    expect(f?.state).toBe('unprotected');
    expect(f?.colour).toBe('red');
  });

  it('tightens thresholds as §5 says (LOAD factor 0.8, battery alarm at 120 %)', () => {
    const p = policy();
    expect(ruleThresholds(p, 'LOAD-001', 'PC-CORE', ['gz-core'], true)['factor']).toBe(0.8);
    expect(ruleThresholds(p, 'PWR-004', 'PC-CORE', ['gz-core'], true)['factor']).toBe(1.2);
    const ups = observation({ ups: { outputSource: 'normal', batteryStatus: 'normal', minutesRemaining: 16, inputLineBads: 0 } });
    const stateAt = (at: string): string | undefined => {
      const snap = snapshotOf(inventory, { now: T(at), devices: { gz1: ups } });
      return runAnalysis(snap, p, T(at)).findings.find((f) => f.rule === 'PWR-004')?.state;
    };
    expect(stateAt('2027-06-15T04:00:00Z')).toBe('protected'); // 16 ≥ 15
    expect(stateAt('2027-07-15T04:00:00Z')).toBe('degraded'); // 16 < 18 during the typhoon season
  });
});
