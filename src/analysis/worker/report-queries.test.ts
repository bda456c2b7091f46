import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../analyze.js';
import type { Finding } from '../finding.js';
import { coverageJson, findingsJson, inProcessReportView, overviewJson, type FindingsQuery, type OverviewAnswer } from './report-queries.js';

// only the fields the filters read; the rest of a finding passes through untouched
const finding = (n: number, over: Partial<Finding>): Finding => ({ fingerprint: `f${n}`, rule: 'PWR-001', state: 'unprotected', colour: 'red', class: 'PC-CORE', sites: ['a'], ...over }) as unknown as Finding;
const FINDINGS: Finding[] = [
  finding(1, {}),
  finding(2, { colour: 'orange', sites: ['a', 'b'] }),
  finding(3, { rule: 'NODE-001', class: 'PC-SMS', sites: ['b'] }),
  finding(4, { state: 'degraded', colour: 'yellow' }),
  finding(5, { state: 'protected', colour: null }),
];
const REPORT = {
  at: Date.parse('2026-03-10T04:00:00Z'),
  findings: FINDINGS,
  summary: { byState: {}, byColour: {}, waived: 0, rules: [{ rule: 'PWR-001' }, { rule: 'NODE-001' }] },
  waivers: [], periods: [], readiness: [],
  coverage: { at: '2026-03-10T04:00:00.000Z', rules: [{ rule: 'PWR-001', status: 'evaluated', reason: null }, { rule: 'SWO-006', status: 'skipped', reason: 'no_register_configured' }, { rule: 'NODE-004', status: 'skipped', reason: 'not_implemented' }] },
} as unknown as AnalysisReport;

const ALL: FindingsQuery = { states: ['unprotected', 'degraded', 'down', 'unknown'], colours: null, classes: null, sites: null, rules: null, limit: 1000, offset: 0 };
const page = (q: Partial<FindingsQuery>): { total: number; offset: number; limit: number; items: { fingerprint: string }[]; stale: boolean; analysedAt: string } =>
  JSON.parse(findingsJson(REPORT, REPORT.at + 1000, false, { ...ALL, ...q })) as never;

describe('findingsJson', () => {
  it.each<[string, Partial<FindingsQuery>, string[]]>([
    ['every failing finding by default states', {}, ['f1', 'f2', 'f3', 'f4']],
    ['a colour', { colours: ['red'] }, ['f1', 'f3']],
    ['a class', { classes: ['PC-SMS'] }, ['f3']],
    ['any one of its sites', { sites: ['b'] }, ['f2', 'f3']],
    ['a rule', { rules: ['NODE-001'] }, ['f3']],
    ['protected ones with the state', { states: ['protected'] }, ['f5']],
    ['no colour for protected ones', { states: ['protected'], colours: ['red'] }, []],
  ])('filters by %s', (_what, q, want) => {
    expect(page(q).items.map((f) => f.fingerprint)).toEqual(want);
  });

  it('counts every match and returns only the page', () => {
    expect(page({ limit: 2, offset: 1 })).toMatchObject({ total: 4, offset: 1, limit: 2, items: [{ fingerprint: 'f2' }, { fingerprint: 'f3' }] });
    expect(page({ limit: 10, offset: 9 })).toMatchObject({ total: 4, items: [] });
  });

  it('says when the pass ran and whether the report is the last good one', () => {
    const body = JSON.parse(findingsJson(REPORT, REPORT.at + 1000, true, ALL)) as Record<string, unknown>;
    expect(body).toMatchObject({ at: '2026-03-10T04:00:00.000Z', analysedAt: '2026-03-10T04:00:01.000Z', stale: true, waivers: [], periods: [], readiness: [] });
    expect(Object.keys(body)).toEqual(['at', 'analysedAt', 'stale', 'total', 'offset', 'limit', 'items', 'summary', 'waivers', 'periods', 'readiness', 'coverage']);
  });
});

describe('coverageJson', () => {
  const rules = (q: Parameters<typeof coverageJson>[1]): string[] => (JSON.parse(coverageJson(REPORT, q)) as { rules: { rule: string }[] }).rules.map((r) => r.rule);
  it('filters the rules by status, reason and rule, keeping the rest of the statement', () => {
    expect(rules({ status: null, reasons: null, rules: null })).toEqual(['PWR-001', 'SWO-006', 'NODE-004']);
    expect(rules({ status: 'skipped', reasons: null, rules: null })).toEqual(['SWO-006', 'NODE-004']);
    expect(rules({ status: null, reasons: ['not_implemented'], rules: null })).toEqual(['NODE-004']);
    expect(rules({ status: 'evaluated', reasons: null, rules: ['SWO-006'] })).toEqual([]);
    expect(JSON.parse(coverageJson(REPORT, { status: 'skipped', reasons: null, rules: null }))).toMatchObject({ at: '2026-03-10T04:00:00.000Z' });
  });
});

describe('inProcessReportView', () => {
  it('answers the same pages as the worker would, with the report\'s rules', async () => {
    const v = inProcessReportView(REPORT, REPORT.at, true);
    expect(v.rules).toEqual(['PWR-001', 'NODE-001']);
    expect((await v.findings(ALL)).json).toBe(findingsJson(REPORT, REPORT.at, true, ALL));
  });
});

describe('overviewJson', () => {
  const overview = (report: AnalysisReport, spofLimit = 10): OverviewAnswer => JSON.parse(overviewJson(report, report.at, false, { spofLimit })) as OverviewAnswer;
  const withMeasures = {
    ...REPORT,
    findings: [
      finding(1, { measure: 'multiplePower', severity: 'spof', colour: 'orange' }),
      finding(2, { measure: 'multiplePower', state: 'degraded', severity: 'degraded', sites: ['a', 'b'] }),
      finding(3, { measure: 'multipleNodes', state: 'protected', severity: null, class: 'PC-SMS', sites: ['b'] }),
      finding(4, { measure: 'multipleNodes', state: 'down', severity: 'spof', class: 'PC-SMS', sites: ['b'], colour: 'red' }),
      finding(5, { measure: 'multipleRoutes', state: 'unprotected', severity: 'degraded', sites: ['a'], period: { id: 'spring', name: '春节 Spring Festival' } }),
    ],
    coverage: { ...REPORT.coverage, rules: [{ rule: 'PWR-001', status: 'evaluated', reason: null, subjects: { count: 2, list: ['device:x', 'device:y'], byState: {} } }] },
  } as unknown as AnalysisReport;

  it('gives the worst state of every (site, class, measure), a finding counting on each of its sites', () => {
    const cells = overview(withMeasures).cells.map((c) => `${c.site}/${c.class}/${c.measure}=${c.worst}`).sort();
    expect(cells).toEqual([
      'a/PC-CORE/multiplePower=unprotected',
      'a/PC-CORE/multipleRoutes=unprotected',
      'b/PC-CORE/multiplePower=degraded',
      'b/PC-SMS/multipleNodes=down',
    ]);
  });

  it('lists single points of failure, reddest first, up to the limit and counts them all; a degraded-severity failure is not one', () => {
    expect(overview(withMeasures).spof.items.map((f) => f.fingerprint)).toEqual(['f4', 'f1']);
    const o = overview(withMeasures, 1);
    expect(o.spof.total).toBe(2);
    expect(o.spof.items.map((f) => f.fingerprint)).toEqual(['f4']);
  });

  it('counts the findings a special period raised, by period', () => {
    expect(overview(withMeasures).raisedByPeriod).toEqual({ spring: 1 });
  });

  it('keeps the coverage rules without their subject lists', () => {
    const rule = overview(withMeasures).coverage[0]!;
    expect(rule.subjects).toEqual({ count: 2 });
  });
});
