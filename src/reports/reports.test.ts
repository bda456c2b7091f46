/** The reports' pure parts: formula-safe cells, the tar format, request parsing, the audit and ledger models. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FindingState } from '../analysis/finding.js';
import { hazard } from '../../test/support/hazard-builders.js';
import { REPO_ROOT } from '../../test/support/shared.js';
import { buildAuditModel, statusAt, type AuditFindingInput, type AuditInput } from './audit-model.js';
import { reportQueryOf } from './index.js';
import { LEDGER_COLUMNS, csvCell } from './ledger-columns.js';
import { buildLedgerModel } from './ledger-model.js';
import { chartSvg, escapeHtml } from './render.js';
import { monthEnds, parsePeriod, periodOf } from './summary-period.js';
import { ruleFactsOf } from './sources.js';
import { readTar, writeTar } from './tar.js';
import { join } from 'node:path';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400_000;

describe('csvCell', () => {
  it('never leaves a cell a spreadsheet would run as a formula', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const c = csvCell(s);
      const inner = c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c;
      expect(/^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(inner)).toBe(false);
      // and nothing is lost: the apostrophe is the only change
      expect(inner === s || inner === `'${s}`).toBe(true);
    }));
  });
  it('keeps numbers and booleans as they are', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
  });
});

describe('escapeHtml', () => {
  it('leaves no tag or attribute break', () => {
    fc.assert(fc.property(fc.string(), (s) => { expect(escapeHtml(s)).not.toMatch(/[<>"']/); }));
  });
});

describe('tar', () => {
  it('reads back what it wrote, and refuses a damaged header', () => {
    const files = [{ name: 'x/a.json', bytes: Buffer.from('{}') }, { name: 'x/b.bin', bytes: Buffer.alloc(1025, 7) }, { name: 'x/empty', bytes: Buffer.alloc(0) }];
    const tar = writeTar(files, T0 / 1000);
    expect(tar.length % 512).toBe(0);
    expect(readTar(tar)).toEqual(files);
    const bad = Buffer.from(tar);
    bad[10] = bad[10]! ^ 1;
    expect(() => readTar(bad)).toThrow(/damaged header/);
  });
});

describe('reportQueryOf', () => {
  it('names every bad part at once', () => {
    expect(() => reportQueryOf({ scope: 'class=PC-X,zone=1,site', at: '2026-01-01', lang: 'fr' }, T0)).toThrow(/PC-X.*zone.*site.*2026-01-01.*fr/s);
    expect(() => reportQueryOf({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, T0 + 9 * DAY)).toThrow(/must be before/);
    expect(() => reportQueryOf({ at: '2027-01-01T00:00:00Z' }, T0)).toThrow(/future/);
  });
  it('reads a scope, a window and a language', () => {
    expect(reportQueryOf({ scope: 'province=上海,class=PC-CORE', at: '2026-11-30T08:00:00+08:00', lang: 'en' }, T0)).toEqual({ window: { at: Date.parse('2026-11-30T00:00:00Z') }, scope: { province: '上海', class: 'PC-CORE' }, lang: 'en' });
    expect(reportQueryOf({}, T0)).toEqual({ window: { at: T0 }, scope: {}, lang: 'zh-CN' });
  });
});

const f = (over: Partial<AuditFindingInput> & { rule: string; id: string; state: FindingState }): AuditFindingInput => ({
  fingerprint: `${over.rule}|device|${over.id}`, subject: { kind: 'device', id: over.id }, colour: over.state === 'protected' ? null : 'red', worst: over.state,
  since: T0, policyHash: 'p', class: 'PC-CORE', sites: ['s1'], explanation: null, evidence: [], ...over,
});

function input(over: Partial<AuditInput> = {}): AuditInput {
  return {
    createdAt: T0, window: { at: T0 }, scope: {}, timeZone: 'Asia/Shanghai', provinces: new Map([['s1', '上海'], ['s2', '北京']]), rules: ruleFactsOf(null),
    findings: [], elements: [], coverage: null, hazards: [], waivers: [], policyHash: null, signingKey: null, ...over,
  };
}

describe('buildAuditModel', () => {
  it('shows the worst state of a measure, and 未核查 with a reason for every other', () => {
    const m = buildAuditModel(input({ findings: [f({ rule: 'PWR-001', id: 'cr1', state: 'protected' }), f({ rule: 'NODE-003', id: 'cr1', state: 'protected' }), f({ rule: 'NODE-001', id: 'cr1', state: 'unprotected' })] }));
    const cr1 = m.elements[0]!;
    expect(cr1.measures.multipleNodes).toMatchObject({ status: 'checked', state: 'unprotected', colour: 'red' });
    expect(cr1.measures.multiplePower).toMatchObject({ status: 'checked', state: 'protected' });
    expect(cr1.measures.loadSharing.status).toBe('notChecked');
    expect(m.spofs.map((s) => s.rule)).toEqual(['NODE-001']);
    expect(m.totals.cells).toMatchObject({ checked: 2, notChecked: 4 });
  });
  it('keeps only the scope: a province through its sites, a class', () => {
    const findings = [f({ rule: 'NODE-001', id: 'a', state: 'unprotected', sites: ['s1'] }), f({ rule: 'NODE-001', id: 'b', state: 'unprotected', sites: ['s2'], class: 'PC-AGG' })];
    expect(buildAuditModel(input({ findings, scope: { province: '北京' } })).elements.map((e) => e.subject.id)).toEqual(['b']);
    expect(buildAuditModel(input({ findings, scope: { class: 'PC-CORE' } })).elements.map((e) => e.subject.id)).toEqual(['a']);
  });
  it('over a range shows the worst state seen in it', () => {
    const m = buildAuditModel(input({ window: { from: T0 - DAY, to: T0 }, findings: [f({ rule: 'NODE-001', id: 'a', state: 'protected', worst: 'unprotected' })] }));
    expect(m.elements[0]!.measures.multipleNodes).toMatchObject({ state: 'unprotected' });
    expect(m.spofs).toHaveLength(1);
  });
  it('gives a hazard its status at the time asked, from its history', () => {
    const h = hazard({ status: 'closed', closedAt: T0 + 3 * DAY });
    const events = [
      { hazardId: h.id, seq: 1, at: T0, actor: 'daemon', kind: 'opened' as const, to: 'open' as const },
      { hazardId: h.id, seq: 2, at: T0 + DAY, actor: 'li', kind: 'status' as const, from: 'open' as const, to: 'rectifying' as const },
      { hazardId: h.id, seq: 3, at: T0 + 3 * DAY, actor: 'wang', kind: 'status' as const, from: 'pendingVerification' as const, to: 'closed' as const },
    ];
    expect(statusAt(h, events, T0 - 1)).toBeNull();
    expect(statusAt(h, events, T0 + 2 * DAY)).toBe('rectifying');
    expect(statusAt(h, events, T0 + 4 * DAY)).toBe('closed');
    const m = buildAuditModel(input({ window: { at: T0 + 2 * DAY }, hazards: [{ hazard: h, events }] }));
    expect(m.hazards[0]).toMatchObject({ statusThen: 'rectifying', statusNow: 'closed' });
  });
});

describe('the ledger model', () => {
  it('rows carry exactly the keys the published schema lists, in the §6.1 order', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'schemas', 'ledger-report.schema.json'), 'utf8')) as { properties: { rows: { items: { required: string[] } } } };
    expect(schema.properties.rows.items.required).toEqual(LEDGER_COLUMNS.map((c) => c.en));
    const m = buildLedgerModel({ createdAt: T0 + DAY, window: { at: T0 + DAY }, scope: {}, timeZone: 'Asia/Shanghai', provinces: new Map(), hazards: [{ hazard: hazard({ grade: '重大隐患' }), events: [] }], signingKey: null });
    expect(Object.keys(m.rows[0]!)).toEqual(LEDGER_COLUMNS.map((c) => c.en));
    expect(m.major).toEqual([{ hazardId: hazard().id, governancePlan: null, regulatorReport: null, supervised: false }]);
  });
});

describe('the summary periods', () => {
  it('are midnights in the operator\'s zone, and refuse anything else naming the forms', () => {
    expect(parsePeriod('2026-H2', 'Asia/Shanghai')).toEqual({ id: '2026-H2', kind: 'H2', year: 2026, from: Date.parse('2026-06-30T16:00:00Z'), to: Date.parse('2026-12-31T16:00:00Z') });
    expect(parsePeriod('2026', 'UTC')).toMatchObject({ kind: 'year', from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2027-01-01T00:00:00Z') });
    for (const bad of ['2026-H3', '26-H1', '2026-Q1', '']) expect(() => parsePeriod(bad, 'UTC')).toThrow(/2026-H1, 2026-H2.*2026/);
    expect(periodOf(Date.parse('2026-06-30T16:30:00Z'), 'Asia/Shanghai').id).toBe('2026-H2');
  });
  it('sample the trend at each month\'s last instant, the last at the end', () => {
    const p = parsePeriod('2026-H1', 'Asia/Shanghai');
    const end = Date.parse('2026-03-10T00:00:00Z');
    expect(monthEnds(p, end, 'Asia/Shanghai')).toEqual([
      { label: '2026-01', at: Date.parse('2026-01-31T16:00:00Z') - 1 }, { label: '2026-02', at: Date.parse('2026-02-28T16:00:00Z') - 1 }, { label: '2026-03', at: end },
    ]);
    expect(monthEnds(parsePeriod('2026', 'UTC'), Date.parse('2026-12-31T23:59:59.999Z'), 'UTC')).toHaveLength(12);
  });
  it('chart: every label and series name escaped, no script, one line per series', () => {
    fc.assert(fc.property(fc.string(), fc.array(fc.nat(50), { minLength: 1, maxLength: 12 }), (name, values) => {
      const svg = chartSvg({ title: name, labels: values.map((_, i) => `${name}${i}`), series: [{ name, values }] });
      expect(svg).not.toMatch(/<script|<(?!\/?(figure|svg|line|text|polyline|circle|figcaption)[ >])/);
      expect(svg.match(/<polyline /g)).toHaveLength(1);
    }));
  });
});
