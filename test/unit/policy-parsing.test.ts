/**
 * Reading a policy (src/analysis/policy.ts), table-driven: what each section becomes once parsed
 * (evidence records and periods read at the policy's offset, defaults filled in, the calendar's
 * paths for warnings) and the message and path of each error an operator can make, from YAML
 * syntax to a period that ends before it starts. Every policy here is read inside the test that
 * checks it, against its own copy of the rule list (the schema is cached per list): a schema or
 * parse built once at load time would hide a mutant in it from these tests.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_POLICY_FILE, baseColour, loadPolicy, parsePolicy, periodCovers, policyFromObject as readPolicy, ruleApplies, ruleThresholds, type Policy } from '../../src/analysis/policy.js';
import { RULES } from '../../src/analysis/rules/index.js';
import { ConfigError } from '../../src/config/load.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

type Doc = Record<string, unknown>;
const SHIPPED_TEXT = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
const shipped = (): Doc => parse(SHIPPED_TEXT) as Doc;
const T = (iso: string): number => Date.parse(iso);
const section = (doc: Doc, key: string): Doc => doc[key] as Doc;
/** A policy read with a schema of its own (see the header). */
const policyFromObject = (raw: unknown, source = 'policy'): Policy => readPolicy(raw, source, [...RULES]);

/** The shipped policy with some top-level sections replaced. */
const policyWith = (patch: Doc): Policy => policyFromObject({ ...shipped(), ...patch });
/** A `specialPeriods` section: the shipped one with these keys replaced. */
const periodsWith = (patch: Doc): Doc => ({ ...section(shipped(), 'specialPeriods'), ...patch });

/** Every problem of a document, `path: message`, or [] when it is valid. */
function problems(raw: unknown): string[] {
  try {
    policyFromObject(raw, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('the policy offset', () => {
  it.each([
    ['+08:00', 480, '2027-03-31T16:00:00.000Z'],
    ['-05:00', -300, '2027-04-01T05:00:00.000Z'],
    ['+05:30', 330, '2027-03-31T18:30:00.000Z'],
    ['+00:00', 0, '2027-04-01T00:00:00.000Z'],
  ] as const)('%s is %i minutes; a waiver until 2027-03-31 ends at %s', (timezone, minutes, ends) => {
    const p = policyWith({
      timezone,
      waivers: [{ rule: 'NODE-002', subject: { kind: 'pair', id: 'a+b' }, reason: 'moves in the spring', until: '2027-03-31', approvedBy: '李工' }],
    });
    expect(p.timezoneOffsetMinutes).toBe(minutes);
    expect(p.waivers).toEqual([{ rule: 'NODE-002', subject: { kind: 'pair', id: 'a+b' }, reason: 'moves in the spring', until: '2027-03-31', untilMs: T(ends) - 1, approvedBy: '李工' }]);
  });

  it('defaults to China Standard Time when left out', () => {
    const raw = shipped();
    delete raw['timezone'];
    expect(policyFromObject(raw).timezoneOffsetMinutes).toBe(480);
  });

  it.each(['08:00', '+8:00', 'Asia/Shanghai', '+08:00 ', 'UTC+08:00'])('rejects the offset %j, saying what it expects', (timezone) => {
    expect(problems({ ...shipped(), timezone })).toEqual(['timezone: expected a UTC offset such as +08:00']);
  });
});

describe('evidence records', () => {
  it('reads drill dates and backup times at the policy offset and keeps what each record says', () => {
    const p = policyWith({
      timezone: '-05:00',
      evidence: {
        drills: [
          { group: 'bj-sh', date: '2026-09-12', result: 'pass', measuredMs: 38, report: '演练报告 2026-17' },
          { group: 'cr1+cr2', date: '2026-10-01T10:00:00+08:00', result: 'fail' },
        ],
        configBackups: {
          source: 'list',
          records: [
            { device: 'cr1', at: '2026-11-30', location: 'git://configs/cr1', hash: 'sha256:ab12' },
            { device: 'cr2', at: '2026-11-30T23:00:00Z' },
          ],
        },
      },
    });
    expect(p.evidence.drills).toEqual([
      { group: 'bj-sh', at: T('2026-09-12T05:00:00Z'), result: 'pass', measuredMs: 38, report: '演练报告 2026-17' },
      { group: 'cr1+cr2', at: T('2026-10-01T02:00:00Z'), result: 'fail' },
    ]);
    expect(p.evidence.drills?.[1]).not.toHaveProperty('measuredMs');
    expect(p.evidence.drills?.[1]).not.toHaveProperty('report');
    expect(p.evidence.configBackups).toEqual({
      source: 'list',
      records: [
        { device: 'cr1', at: T('2026-11-30T05:00:00Z'), location: 'git://configs/cr1', hash: 'sha256:ab12' },
        { device: 'cr2', at: T('2026-11-30T23:00:00Z') },
      ],
    });
    const records = p.evidence.configBackups?.source === 'list' ? p.evidence.configBackups.records : [];
    expect(records[1]).not.toHaveProperty('location');
    expect(records[1]).not.toHaveProperty('hash');
  });

  it('keeps a backup directory as configured, and configures nothing when the section is empty', () => {
    expect(policyWith({ evidence: { configBackups: { source: 'files', dir: '/var/lib/oxidized/configs' } } }).evidence)
      .toEqual({ configBackups: { source: 'files', dir: '/var/lib/oxidized/configs' } });
    const none = policyWith({ evidence: {} }).evidence;
    expect(none).not.toHaveProperty('drills');
    expect(none).not.toHaveProperty('configBackups');
  });

  it.each([
    ['a drill without a date', { drills: [{ group: 'g', result: 'pass' }] }, 'evidence.drills[0].date: a drill date is required (YYYY-MM-DD or an ISO 8601 time)'],
    ['a drill with a negative measured time', { drills: [{ group: 'g', date: '2026-01-01', result: 'pass', measuredMs: -1 }] }, /^evidence\.drills\[0\]\.measuredMs: /],
    ['a drill that neither passed nor failed', { drills: [{ group: 'g', date: '2026-01-01', result: 'ok' }] }, /^evidence\.drills\[0\]\.result: /],
    ['a backup without a time', { configBackups: { source: 'list', records: [{ device: 'cr1' }] } }, 'evidence.configBackups.records[0].at: a backup time (at) is required (YYYY-MM-DD or an ISO 8601 time)'],
    ['a backup time that is not a date', { configBackups: { source: 'list', records: [{ device: 'cr1', at: 'yesterday' }] } }, 'evidence.configBackups.records[0].at: expected YYYY-MM-DD or an ISO 8601 time with a zone'],
    ['a backup directory left empty', { configBackups: { source: 'files', dir: '' } }, /^evidence\.configBackups\.dir: /],
  ] as const)('rejects %s, naming where', (_n, evidence, want) => {
    const found = problems({ ...shipped(), evidence });
    expect(found).toHaveLength(1);
    if (typeof want === 'string') expect(found[0]).toBe(want);
    else expect(found[0]).toMatch(want);
  });
});

describe('special periods as read', () => {
  const read = (): Policy => policyWith({
    specialPeriods: {
      raise: 2,
      readinessDays: [1, 7, 3, 7],
      thresholds: { 'LOAD-001': { factor: 0.8 } },
      holidays: {
        '2028': [{ id: 'ny-2028', name: '元旦 New Year', start: '2028-01-01', end: '2028-01-01' }],
        '2027': [
          { id: 'ny-2027', name: { zh: '元旦', en: "New Year's Day" }, start: '2027-01-01', end: '2027-01-01' },
          { id: 'sf-2027', name: { zh: '春节', en: 'Spring Festival' }, start: '2027-02-05', end: '2027-02-08' },
        ],
      },
      majorEvents: [{ id: 'expo', name: '进博会', start: '2027-11-05', end: '2027-11-10T18:00:00+08:00', scope: { provinces: ['Shanghai'], classes: ['PC-CORE'] } }],
      calendar: [
        { id: 'flood', kind: 'disasterSeason', name: '汛期', start: '2027-05-01', end: '2027-09-30', scope: { sites: ['gz'] } },
        { id: 'typhoon', kind: 'disasterSeason', name: '台风', start: '2027-08-01', end: '2027-08-31', warningActive: true },
        { id: 'audit', kind: 'other', name: '检查', start: '2027-06-01', end: '2027-06-02' },
        { id: 'late', kind: 'other', name: '晚间检查', start: '2027-12-01T20:00:00+08:00', end: '2027-12-01' },
      ],
    },
  });
  const byId = (pid: string): Policy['periods']['calendar'][number] => {
    const found = read().periods.calendar.find((x) => x.id === pid);
    if (found === undefined) throw new Error(`no period ${pid}`);
    return found;
  };

  it('lists holidays by year (earliest first), then major events, then the calendar, each with the path it was read from', () => {
    expect(read().periods.calendar.map((x) => [x.id, x.kind, x.path])).toEqual([
      ['ny-2027', 'holiday', 'specialPeriods.holidays.2027[0]'],
      ['sf-2027', 'holiday', 'specialPeriods.holidays.2027[1]'],
      ['ny-2028', 'holiday', 'specialPeriods.holidays.2028[0]'],
      ['expo', 'majorEvent', 'specialPeriods.majorEvents[0]'],
      ['flood', 'disasterSeason', 'specialPeriods.calendar[0]'],
      ['typhoon', 'disasterSeason', 'specialPeriods.calendar[1]'],
      ['audit', 'other', 'specialPeriods.calendar[2]'],
      ['late', 'other', 'specialPeriods.calendar[3]'],
    ]);
  });

  it('names a period in both languages: a single name serves both, a pair joins zh and en', () => {
    expect([byId('ny-2028').name, byId('ny-2028').label]).toEqual(['元旦 New Year', { zh: '元旦 New Year', en: '元旦 New Year' }]);
    expect([byId('sf-2027').name, byId('sf-2027').label]).toEqual(['春节 Spring Festival', { zh: '春节', en: 'Spring Festival' }]);
  });

  it('runs from the first instant of its first day to the last of its last day, at the offset; a time is taken as written', () => {
    expect([byId('sf-2027').startMs, byId('sf-2027').endMs, byId('sf-2027').startDate]).toEqual([T('2027-02-04T16:00:00Z'), T('2027-02-08T15:59:59.999Z'), '2027-02-05']);
    expect(byId('expo').endMs).toBe(T('2027-11-10T10:00:00Z'));
    expect(byId('late').startDate).toBe('2027-12-01');
    expect(byId('late').startMs).toBe(T('2027-12-01T12:00:00Z'));
  });

  it('keeps each scope, and leaves an unscoped period without one', () => {
    expect(byId('expo').provinces).toEqual(new Set(['Shanghai']));
    expect(byId('expo').classes).toEqual(new Set(['PC-CORE']));
    expect(byId('expo')).not.toHaveProperty('sites');
    expect(byId('flood').sites).toEqual(new Set(['gz']));
    for (const key of ['provinces', 'sites', 'classes']) expect(byId('audit')).not.toHaveProperty(key);
  });

  it('puts a disaster season in force only while its warning is active; every other kind always', () => {
    expect(read().periods.calendar.map((x) => [x.id, x.inForce])).toEqual([
      ['ny-2027', true], ['sf-2027', true], ['ny-2028', true], ['expo', true], ['flood', false], ['typhoon', true], ['audit', true], ['late', true],
    ]);
  });

  it('keeps the raise, the readiness days once each and largest first, and only the thresholds given', () => {
    const p = read();
    expect(p.periods.raise).toBe(2);
    expect(p.periods.readinessDays).toEqual([7, 3, 1]);
    expect(p.periods.thresholds).toEqual({ 'LOAD-001': { factor: 0.8 } });
  });

  it('fills in §5 defaults when the section is left out: raise one step, sweeps at T−7 d and T−1 d, nothing scheduled', () => {
    const raw = shipped();
    delete raw['specialPeriods'];
    const d = policyFromObject(raw).periods;
    expect(d).toEqual({ raise: 1, readinessDays: [7, 1], thresholds: {}, calendar: [] });
    const partial = policyWith({ specialPeriods: {} }).periods;
    expect(partial).toEqual({ raise: 1, readinessDays: [7, 1], thresholds: {}, calendar: [] });
  });
});

describe('special-period mistakes, each with its path', () => {
  const holiday = (pid: string, start: string, end: string): Doc => ({ id: pid, name: 'h', start, end });
  it.each([
    ['a holiday filed under another year', { holidays: { '2027': [holiday('h', '2026-12-31', '2027-01-01')] } }, ['specialPeriods.holidays.2027[0].start: not in 2027']],
    ['a holiday that ends before it starts', { holidays: { '2027': [holiday('h', '2027-02-08', '2027-02-05')] } }, ['specialPeriods.holidays.2027[0].end: ends before it starts']],
    ['a one-day holiday is fine', { holidays: { '2027': [holiday('h', '2027-01-01', '2027-01-01')] } }, []],
    ['a year that is not a year', { holidays: { '27': [holiday('h', '2027-01-01', '2027-01-01')] } }, ['specialPeriods.holidays.27: expected a year such as 2027']],
    ['a year with a digit too many', { holidays: { '20270': [] } }, ['specialPeriods.holidays.20270: expected a year such as 2027']],
    ['a year with a prefix', { holidays: { y2027: [] } }, ['specialPeriods.holidays.y2027: expected a year such as 2027']],
    ['a holiday from noon to the end of that day', { holidays: { '2027': [holiday('h', '2027-01-01T12:00:00Z', '2027-01-01')] } }, []],
    ['a holiday of one instant', { holidays: { '2027': [holiday('h', '2027-01-01T12:00:00Z', '2027-01-01T12:00:00Z')] } }, []],
    ['a holiday ending a second before it starts', { holidays: { '2027': [holiday('h', '2027-01-01T12:00:00Z', '2027-01-01T11:59:59Z')] } }, ['specialPeriods.holidays.2027[0].end: ends before it starts']],
    ['a major event of one instant', { majorEvents: [holiday('e', '2027-11-10T09:00:00Z', '2027-11-10T09:00:00Z')] }, []],
    ['a major event from noon to the end of that day', { majorEvents: [holiday('e', '2027-11-10T12:00:00Z', '2027-11-10')] }, []],
    ['a calendar entry of one instant', { calendar: [{ ...holiday('c', '2027-03-01T09:00:00Z', '2027-03-01T09:00:00Z'), kind: 'other' }] }, []],
    ['a calendar entry from noon to the end of that day', { calendar: [{ ...holiday('c', '2027-03-01T12:00:00Z', '2027-03-01'), kind: 'other' }] }, []],
    ['a calendar entry that ends before it starts', { calendar: [{ ...holiday('c', '2027-03-02', '2027-03-01'), kind: 'other' }] }, ['specialPeriods.calendar[0].end: ends before it starts']],
    ['a major event that ends before it starts', { majorEvents: [holiday('e', '2027-11-10', '2027-11-05')] }, ['specialPeriods.majorEvents[0].end: ends before it starts']],
    ['a major event ending on its first day, in the evening', { majorEvents: [holiday('e', '2027-11-10', '2027-11-10T20:00:00+08:00')] }, []],
    ['two calendar entries with one id', { calendar: [{ ...holiday('x', '2027-01-01', '2027-01-02'), kind: 'other' }, { ...holiday('x', '2027-03-01', '2027-03-02'), kind: 'other' }] }, expect.arrayContaining(['specialPeriods.calendar[1].id: duplicate id "x"'])],
    ['one id for a holiday and a major event', { holidays: { '2027': [holiday('x', '2027-01-01', '2027-01-01')] }, majorEvents: [holiday('x', '2027-11-05', '2027-11-06')] }, ['specialPeriods: period id "x" used twice (holidays.2027[0] and majorEvents[0])']],
    ['one id for a major event and a calendar entry', { majorEvents: [holiday('x', '2027-11-05', '2027-11-06')], calendar: [{ ...holiday('x', '2027-01-01', '2027-01-02'), kind: 'other' }] }, ['specialPeriods: period id "x" used twice (majorEvents[0] and calendar[0])']],
    ['an id with a space', { calendar: [{ ...holiday('a b', '2027-01-01', '2027-01-02'), kind: 'other' }] }, ['specialPeriods.calendar[0].id: expected an id: letters, digits, . _ : + / -']],
    ['a raise past red', { raise: 4 }, [expect.stringMatching(/^specialPeriods\.raise: /)]],
    ['no readiness sweep', { readinessDays: [] }, [expect.stringMatching(/^specialPeriods\.readinessDays: /)]],
    ['a readiness sweep on the first day itself', { readinessDays: [0] }, [expect.stringMatching(/^specialPeriods\.readinessDays\[0\]: /)]],
    ['a tightened threshold for a rule that does not exist', { thresholds: { 'NOPE-001': { factor: 1 } } }, [expect.stringMatching(/^specialPeriods\.thresholds: .*NOPE-001/)]],
    ['a tightened threshold out of its range', { thresholds: { 'LOAD-001': { factor: 7 } } }, [expect.stringMatching(/^specialPeriods\.thresholds\.LOAD-001\.factor: /)]],
  ] as const)('%s', (_n, patch, want) => {
    expect(problems({ ...shipped(), specialPeriods: { holidays: {}, majorEvents: [], calendar: [], ...patch } })).toEqual(want);
  });

  it('checks the id space of the shipped calendar too', () => {
    const sp = periodsWith({ majorEvents: [holiday('new-year-2027', '2027-11-05', '2027-11-06')] });
    expect(problems({ ...shipped(), specialPeriods: sp })).toEqual(['specialPeriods: period id "new-year-2027" used twice (holidays.2027[0] and majorEvents[0])']);
  });
});

describe('the rule catalogue as read', () => {
  it('cites the main clause first, then each further clause once', () => {
    const raw = shipped();
    const entry = section(section(raw, 'rules'), 'SWO-006');
    entry['clause'] = 'MIIT-2023-46/2.3';
    entry['alsoClauses'] = ['MIIT-2023-46/2.3', 'MIIT-2023-46/2.4'];
    const r = policyFromObject(raw).rules.get('SWO-006');
    expect(r?.clauses.map((c) => [c.id, c.cite.en])).toEqual([
      ['MIIT-2023-46/2.3', 'MIIT Notice No. 46 [2023], section 2(3)'],
      ['MIIT-2023-46/2.4', 'MIIT Notice No. 46 [2023], section 2(4)'],
    ]);
  });

  it('fills in what an entry leaves out: enabled, no further clause, the rule\'s own default thresholds, no per-class values or colours', () => {
    const raw = shipped();
    const entry = section(section(raw, 'rules'), 'NODE-001');
    const { title, measure, clause, basis, classes, hazard } = entry;
    section(raw, 'rules')['NODE-001'] = { title, measure, clause, basis, classes, hazard };
    const r = policyFromObject(raw).rules.get('NODE-001');
    expect(r).toMatchObject({ enabled: true, thresholds: { minInstances: 2, downAfterMissedPolls: 2 }, byClass: {}, colours: {} });
    expect(r?.clauses.map((c) => c.id)).toEqual(['MIIT-2023-46/2.3']);
    expect(ruleApplies(policyFromObject(raw), 'NODE-001', 'PC-CORE', ['x'])).toBe(true);
  });

  it('turns a rule off everywhere with enabled: false, and back on for one site by an override', () => {
    const raw = shipped();
    section(section(raw, 'rules'), 'PWR-002')['enabled'] = false;
    raw['overrides'] = [{ rule: 'PWR-002', site: 'bj', enabled: true, reason: 'the inspectors asked for bj' }];
    const p = policyFromObject(raw);
    expect(ruleApplies(p, 'PWR-002', 'PC-CORE', ['sh'])).toBe(false);
    expect(ruleApplies(p, 'PWR-002', 'PC-CORE', ['bj'])).toBe(true);
  });

  it('knows nothing of a rule the catalogue lacks: it applies nowhere and has no thresholds', () => {
    const p = policyFromObject(shipped());
    expect(ruleApplies(p, 'XYZ-001', 'PC-CORE', ['bj'])).toBe(false);
    expect(ruleThresholds(p, 'XYZ-001', 'PC-CORE', ['bj'], true)).toEqual({});
  });

  it('tightens thresholds only during a period, and only for the rules the period names', () => {
    const p = policyFromObject(shipped());
    expect(ruleThresholds(p, 'LOAD-001', 'PC-CORE', ['bj'], false)['factor']).toBe(0.9);
    expect(ruleThresholds(p, 'LOAD-001', 'PC-CORE', ['bj'], true)['factor']).toBe(0.8);
    expect(ruleThresholds(p, 'CFG-002', 'PC-CORE', ['bj'], true)).toEqual(ruleThresholds(p, 'CFG-002', 'PC-CORE', ['bj'], false));
  });

  it('keeps the class\'s own values where an override or a period changes another threshold', () => {
    const p = policyWith({ overrides: [{ rule: 'PWR-004', class: 'PC-TRUNK', thresholds: { upsMinutes: 30 }, reason: 'longer UPS runtime on trunk sites' }] });
    // PC-TRUNK's DC plants need 240 min by the catalogue; the override speaks of UPSes only, the period of the factor only
    expect(ruleThresholds(p, 'PWR-004', 'PC-TRUNK', ['t'], false)).toEqual({ upsMinutes: 30, dcPlantMinutes: 240, factor: 1 });
    expect(ruleThresholds(p, 'PWR-004', 'PC-TRUNK', ['t'], true)).toEqual({ upsMinutes: 30, dcPlantMinutes: 240, factor: 1.2 });
    expect(ruleThresholds(p, 'PWR-004', 'PC-ACC', ['a'], true)).toEqual({ upsMinutes: 15, dcPlantMinutes: 120, factor: 1.2 });
    expect(p.rules.get('PWR-004')?.byClass['PC-TRUNK']).toEqual({ dcPlantMinutes: 240 });
  });

  it('keeps an override as written, with nothing it did not say', () => {
    const p = policyWith({ overrides: [{ rule: 'LOAD-001', site: 'bj', thresholds: { factor: 0.7 } }, { rule: 'PWR-001', class: 'PC-ACC', enabled: false, colours: { spof: { 'PC-ACC': 'blue' } }, reason: 'no second PSU slot' }] });
    expect(p.overrides).toEqual([
      { rule: 'LOAD-001', site: 'bj', thresholds: { factor: 0.7 } },
      { rule: 'PWR-001', class: 'PC-ACC', enabled: false, colours: { spof: { 'PC-ACC': 'blue' } }, reason: 'no second PSU slot' },
    ]);
    for (const k of ['class', 'enabled', 'colours', 'reason']) expect(p.overrides[0]).not.toHaveProperty(k);
    expect(p.overrides[1]).not.toHaveProperty('site');
    expect(p.overrides[1]).not.toHaveProperty('thresholds');
    const unsigned = policyWith({ waivers: [{ rule: 'NODE-002', subject: { kind: 'pair', id: 'a+b' }, reason: 'moves in the spring', until: '2027-03-31' }] }).waivers[0];
    expect(unsigned).not.toHaveProperty('approvedBy');
  });

  it.each([
    ['an unknown clause', (raw: Doc) => { section(section(raw, 'rules'), 'NODE-001')['clause'] = 'MIIT-2099/1'; }, 'rules.NODE-001.clause: unknown clause "MIIT-2099/1" (known: MIIT-2023-46/2.3, MIIT-2023-46/2.4, MIIT-2023-46/3.3)'],
    ['an entry that is not a mapping', (raw: Doc) => { section(raw, 'rules')['NODE-001'] = 'on'; }, 'rules.NODE-001: expected a rule entry'],
    ['a missing entry', (raw: Doc) => { delete section(raw, 'rules')['NODE-001']; }, 'rules.NODE-001: missing: every implemented rule needs its catalogue entry (set enabled: false to turn it off)'],
    ['no basis', (raw: Doc) => { section(section(raw, 'rules'), 'NODE-001')['basis'] = []; }, /^rules\.NODE-001\.basis: /],
    ['no class', (raw: Doc) => { section(section(raw, 'rules'), 'NODE-001')['classes'] = []; }, /^rules\.NODE-001\.classes: /],
    ['an empty title in one language', (raw: Doc) => { section(section(raw, 'rules'), 'NODE-001')['title'] = { en: 'x', zh: '' }; }, /^rules\.NODE-001\.title\.zh: /],
    ['a waiver for an unknown rule', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-099', subject: { kind: 'pair', id: 'a+b' }, reason: 'a reason long enough', until: '2027-01-01' }]; }, /^waivers\[0\]\.rule: unknown rule "NODE-099" \(implemented: NODE-001, /],
    ['a waiver without its subject', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-001', reason: 'a reason long enough', until: '2027-01-01' }]; }, 'waivers[0].subject: a waiver names its subject: { kind, id }'],
    ['a waiver whose reason is blank padding', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-001', subject: { kind: 'pair', id: 'a+b' }, reason: '   short    ', until: '2027-01-01' }]; }, 'waivers[0].reason: a waiver needs a reason of at least 10 characters'],
    ['a waiver with a reason that is not text', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-001', subject: { kind: 'pair', id: 'a+b' }, reason: 42, until: '2027-01-01' }]; }, 'waivers[0].reason: expected a string'],
    ['an expiry that is not text', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-001', subject: { kind: 'pair', id: 'a+b' }, reason: 'a reason long enough', until: 20270101 }]; }, 'waivers[0].until: expected a date'],
    ['an impossible date', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-001', subject: { kind: 'pair', id: 'a+b' }, reason: 'a reason long enough', until: '2027-02-30T25:00Z' }]; }, 'waivers[0].until: expected YYYY-MM-DD or an ISO 8601 time with a zone'],
    ['a waiver subject with an empty id', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-001', subject: { kind: 'pair', id: '' }, reason: 'a reason long enough', until: '2027-01-01' }]; }, /^waivers\[0\]\.subject\.id: /],
    ['a waiver subject of an unknown kind', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-001', subject: { kind: 'rack', id: 'r1' }, reason: 'a reason long enough', until: '2027-01-01' }]; }, /^waivers\[0\]\.subject\.kind: /],
    ['a waiver approved by nobody', (raw: Doc) => { raw['waivers'] = [{ rule: 'NODE-001', subject: { kind: 'pair', id: 'a+b' }, reason: 'a reason long enough', until: '2027-01-01', approvedBy: '' }]; }, /^waivers\[0\]\.approvedBy: /],
    ['an override naming neither a class nor a site', (raw: Doc) => { raw['overrides'] = [{ rule: 'NODE-001', enabled: false }]; }, 'overrides[0]: an override names a class or a site'],
    ['an override threshold out of range', (raw: Doc) => { raw['overrides'] = [{ rule: 'NODE-001', class: 'PC-CORE', thresholds: { minInstances: 0 } }]; }, /^overrides\[0\]\.thresholds\.minInstances: /],
    ['an override threshold the rule does not have', (raw: Doc) => { raw['overrides'] = [{ rule: 'NODE-001', class: 'PC-CORE', thresholds: { factor: 1 } }]; }, /^overrides\[0\]\.thresholds: .*factor/],
    ['a class value the rule does not have', (raw: Doc) => { section(section(raw, 'rules'), 'NODE-001')['byClass'] = { 'PC-CORE': { factor: 1 } }; }, /^rules\.NODE-001\.byClass\.PC-CORE: .*factor/],
    ['an override of an unknown rule', (raw: Doc) => { raw['overrides'] = [{ rule: 'NOPE-001', class: 'PC-CORE' }]; }, /^overrides\[0\]\.rule: unknown rule \(implemented: NODE-001, /],
    ['an override site that is not an id', (raw: Doc) => { raw['overrides'] = [{ rule: 'NODE-001', site: 'two words' }]; }, 'overrides[0].site: expected an id: letters, digits, . _ : + / -'],
    ['a version other than 1', (raw: Doc) => { raw['version'] = 2; }, /^version: /],
    ['a key the schema does not know', (raw: Doc) => { raw['colour'] = 'red'; }, /^\(root\): .*colour/],
  ] as const)('rejects %s, naming where', (_n, breakIt, want) => {
    const raw = shipped();
    breakIt(raw);
    const found = problems(raw);
    expect(found).toHaveLength(1);
    if (typeof want === 'string') expect(found[0]).toBe(want);
    else expect(found[0]).toMatch(want);
  });

  it('reports an empty document as every missing section at once, with no crash', () => {
    for (const raw of [undefined, null, {}]) {
      expect(problems(raw).map((x) => x.split(':')[0])).toEqual(['version', 'classes', 'riskMapping', 'rules']);
    }
  });
});

describe('policy YAML', () => {
  it('reads the shipped text as the same policy as its parsed document', () => {
    const fromText = parsePolicy(SHIPPED_TEXT, 'shipped.yaml', [...RULES]);
    expect(fromText.source).toBe('shipped.yaml');
    expect(fromText.rules).toEqual(policyFromObject(shipped()).rules);
  });

  it('names the line and column of a syntax error, and the file', () => {
    let failure: unknown = null;
    try {
      parsePolicy('version: 1\nclasses: [PC-CORE\n', 'mine.yaml', [...RULES]);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ConfigError);
    const issues = (failure as ConfigError).issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.path).toMatch(/^line \d+:\d+$/);
    expect(issues[0]?.message).not.toContain('\n');
    expect((failure as ConfigError).message.startsWith('mine.yaml: ')).toBe(true);
  });

  it('rejects a key given twice rather than keeping the last', () => {
    let failure: unknown = null;
    try {
      parsePolicy(`${SHIPPED_TEXT}\ntimezone: "-05:00"\n`, 'twice.yaml', [...RULES]);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).issues[0]?.message).toMatch(/unique/i);
  });
});

describe('whom a period covers', () => {
  const inv = inventoryFromObject({ sites: [{ id: 'gz', class: 'PC-CORE', province: 'Guangdong' }, { id: 'x', class: 'PC-CORE' }], devices: [] });
  const read = (): Policy => policyWith({
    specialPeriods: periodsWith({
      holidays: {},
      calendar: [
        { id: 'core-only', kind: 'other', name: 'c', start: '2027-01-01', end: '2027-01-02', scope: { classes: ['PC-CORE'] } },
        { id: 'gd-core', kind: 'other', name: 'g', start: '2027-01-01', end: '2027-01-02', scope: { classes: ['PC-CORE'], provinces: ['Guangdong'] } },
      ],
    }),
  });
  const period = (pid: string): Policy['periods']['calendar'][number] => read().periods.calendar.find((x) => x.id === pid)!;
  it.each([
    ['a class-scoped period covers its class anywhere', 'core-only', 'PC-CORE', ['x'], true],
    ['and not another class', 'core-only', 'PC-AGG', ['x'], false],
    ['nor a subject of no class', 'core-only', null, ['x'], false],
    ['class and province: both must hold', 'gd-core', 'PC-CORE', ['gz'], true],
    ['the class outside the province', 'gd-core', 'PC-CORE', ['x'], false],
    ['the province for another class', 'gd-core', 'PC-ACC', ['gz'], false],
    ['a site without a province', 'gd-core', 'PC-CORE', [null], false],
  ] as const)('%s', (_n, pid, cls, sites, want) => {
    expect(periodCovers(period(pid), inv, cls, sites)).toBe(want);
  });
});

describe('overrides and colours for one subject', () => {
  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE', flags: ['ACC_K'] }, { id: 'sh', class: 'PC-CORE', flags: ['INTL'] }, { id: 'acc', class: 'PC-ACC' }],
    devices: [],
  });
  const read = (): Policy => {
    const raw = shipped();
    raw['overrides'] = [
      // one site of one class; another rule's class override on a threshold both rules have
      { rule: 'LOAD-001', site: 'bj', class: 'PC-CORE', thresholds: { factor: 0.7 }, reason: 'bj core only' },
      { rule: 'LOAD-002', class: 'PC-CORE', thresholds: { windowMinutes: 60 }, reason: 'another rule' },
      { rule: 'PWR-001', site: 'acc', colours: { degraded: { 'PC-ACC': 'orange' } }, reason: 'degraded only' },
    ];
    // a flag whose colour is lower than the class's: flags only ever raise
    section(section(raw, 'riskMapping'), 'flags')['ACC_K'] = { spof: { 'PC-ACC': 'orange', 'PC-CORE': 'blue' }, degraded: { 'PC-ACC': 'yellow' } };
    return policyFromObject(raw);
  };
  it.each([
    ['a site override of one class applies there', 'LOAD-001', 'PC-CORE', ['bj'], 'factor', 0.7],
    ['and not at another site of that class', 'LOAD-001', 'PC-CORE', ['sh'], 'factor', 0.9],
    ['nor to another class at that site', 'LOAD-001', 'PC-AGG', ['bj'], 'factor', 0.9],
    ["another rule's class override leaves this rule alone", 'LOAD-001', 'PC-CORE', ['sh'], 'windowMinutes', 15],
    ['that rule takes it', 'LOAD-002', 'PC-CORE', ['sh'], 'windowMinutes', 60],
  ] as const)('%s', (_n, rule, cls, sites, key, want) => {
    expect(ruleThresholds(read(), rule, cls, sites, false)[key]).toBe(want);
  });

  it.each([
    ['a flag never lowers a colour', 'PWR-001', 'spof', 'PC-CORE', ['bj'], 'red'],
    ['a flag the risk mapping does not name changes nothing', 'PWR-001', 'spof', 'PC-CORE', ['sh'], 'red'],
    ['a site the inventory lacks has no flags', 'PWR-001', 'spof', 'PC-CORE', ['nowhere'], 'red'],
    ['a rule the catalogue lacks takes the class colour', 'XYZ-001', 'spof', 'PC-CORE', ['sh'], 'red'],
    ['an override of another severity leaves this one alone', 'PWR-001', 'spof', 'PC-ACC', ['acc'], 'yellow'],
    ['the override of this severity applies', 'PWR-001', 'degraded', 'PC-ACC', ['acc'], 'orange'],
  ] as const)('colour: %s', (_n, rule, severity, cls, sites, want) => {
    expect(baseColour(read(), rule, severity, cls, sites, inv)).toBe(want);
  });
});

describe('where a policy says it came from', () => {
  it('names an object "policy" and a text "policy.yaml" unless told otherwise', () => {
    expect(readPolicy(shipped(), undefined, [...RULES]).source).toBe('policy');
    expect(parsePolicy(SHIPPED_TEXT, undefined, [...RULES]).source).toBe('policy.yaml');
    let failure: unknown = null;
    try {
      parsePolicy('version: 2\n', undefined, [...RULES]);
    } catch (err) {
      failure = err;
    }
    expect((failure as ConfigError).message.startsWith('policy.yaml: ')).toBe(true);
  });

  it('reports a file it cannot read as one problem of the file itself', () => {
    const file = join(tmpdir(), `redline-no-policy-${process.pid}.yaml`);
    let failure: unknown = null;
    try {
      loadPolicy(file);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).issues).toEqual([{ path: '(file)', message: 'cannot read the policy file' }]);
    expect((failure as ConfigError).message.startsWith(`${file}: `)).toBe(true);
  });
});
