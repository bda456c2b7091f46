/**
 * Policy resolution at its edges (src/analysis/policy.ts), table-driven: when a special period
 * starts and ends and whom it covers, which colour a failure takes (class, site flags, rule,
 * overrides), what a policy says about an inventory it does not match, which dates it accepts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_POLICY_FILE, activePeriods, activeWaiver, baseColour, loadPolicy, policyFileFor, policyFromObject, policyWarnings, timeOf } from '../../src/analysis/policy.js';
import { ConfigError } from '../../src/config/load.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

type Doc = Record<string, unknown>;
const shipped = (): Doc => parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Doc;
const T = (iso: string): number => Date.parse(iso);
const INV = inventoryFromObject({
  sites: [
    { id: 'gz', class: 'PC-CORE', province: 'Guangdong' },
    { id: 'bj', class: 'PC-CORE', province: 'Beijing' },
    { id: 'acc-k', class: 'PC-ACC', flags: ['ACC_K'] },
    { id: 'acc', class: 'PC-ACC' },
  ],
  devices: [],
});

function withCalendar(calendar: Doc[]): ReturnType<typeof policyFromObject> {
  const raw = shipped();
  (raw['specialPeriods'] as Doc)['calendar'] = calendar;
  return policyFromObject(raw);
}

describe('special periods: when and where', () => {
  // +08:00: 2027-07-01 starts at 2027-06-30T16:00Z, 2027-07-31 ends at 2027-07-31T15:59:59.999Z
  const p = withCalendar([
    { id: 'all', kind: 'holiday', name: 'h', start: '2027-07-01', end: '2027-07-31' },
    { id: 'gd', kind: 'disasterSeason', name: 'typhoon', start: '2027-07-01', end: '2027-07-31', warningActive: true, scope: { provinces: ['Guangdong'] } },
    { id: 'bj', kind: 'majorEvent', name: 'event', start: '2027-07-01', end: '2027-07-31', scope: { sites: ['bj'] } },
  ]);
  const ids = (now: number, sites: readonly (string | null)[]): string[] => activePeriods(p, INV, now, sites).map((x) => x.id);
  it.each([
    ['1 ms before the first day', T('2027-06-30T15:59:59.999Z'), ['gz'], []],
    ['the first instant of the first day', T('2027-06-30T16:00:00Z'), ['gz'], ['all', 'gd']],
    ['the last instant of the last day', T('2027-07-31T15:59:59.999Z'), ['gz'], ['all', 'gd']],
    ['1 ms after the last day', T('2027-07-31T16:00:00Z'), ['gz'], []],
    ['a site named in the scope', T('2027-07-10T00:00:00Z'), ['bj'], ['all', 'bj']],
    ['a site in neither scope', T('2027-07-10T00:00:00Z'), ['acc'], ['all']],
    ['no site (a cross-site subject with an unknown end)', T('2027-07-10T00:00:00Z'), [null], ['all']],
    ['a subject spanning a scoped and an unscoped site', T('2027-07-10T00:00:00Z'), [null, 'acc', 'gz'], ['all', 'gd']],
    ['a site not in the inventory', T('2027-07-10T00:00:00Z'), ['nowhere'], ['all']],
  ] as const)('%s', (_n, now, sites, want) => {
    expect(ids(now, sites)).toEqual(want);
  });

  it('reads a date at the policy offset, an ISO time as written', () => {
    expect(timeOf('2027-07-01', 480)).toBe(T('2027-06-30T16:00:00Z'));
    expect(timeOf('2027-07-01', 480, true)).toBe(T('2027-07-01T15:59:59.999Z'));
    expect(timeOf('2027-07-01', -300)).toBe(T('2027-07-01T05:00:00Z'));
    expect(timeOf('2027-07-01T10:00:00+02:00', 480, true)).toBe(T('2027-07-01T08:00:00Z'));
  });

  it.each([
    ['2027-07-01', true],
    ['2027-07-01T10:00Z', true],
    ['2027-07-01T10:00:00.123+08:00', true],
    ['2027-07-01T10:00:00', false],
    ['2027-13-45', false],
    ['1 July 2027', false],
    ['2027-07-01 ', false],
  ] as const)('a period starting %j is %s', (start, ok) => {
    const make = (): unknown => withCalendar([{ id: 'x', kind: 'holiday', name: 'x', start, end: '2027-12-31' }]);
    if (ok) expect(make).not.toThrow();
    else expect(make).toThrow(ConfigError);
  });
});

describe('the colour of a failure', () => {
  const p = (() => {
    const raw = shipped();
    raw['overrides'] = [
      { rule: 'PWR-001', site: 'bj', colours: { spof: { 'PC-CORE': 'blue' } }, reason: 'test override' },
      // another rule's override, and a class override of another class: neither may leak
      { rule: 'NODE-002', site: 'gz', colours: { spof: { 'PC-CORE': 'blue' } }, reason: 'another rule' },
      { rule: 'PWR-001', class: 'PC-AGG', colours: { spof: { 'PC-CORE': 'blue' } } },
      { rule: 'PWR-001', site: 'acc', class: 'PC-AGG', colours: { spof: { 'PC-ACC': 'blue' } }, reason: 'a site override for another class' },
    ];
    return policyFromObject(raw);
  })();
  it.each([
    ['class default (CORE spof)', 'PWR-001', 'spof', 'PC-CORE', ['gz'], 'red'],
    ['class default (ACC spof)', 'PWR-001', 'spof', 'PC-ACC', ['acc'], 'yellow'],
    ['an ACC_K site raises ACC spof to orange', 'PWR-001', 'spof', 'PC-ACC', ['acc-k'], 'orange'],
    ['an ACC_K site raises ACC degraded to yellow', 'PWR-001', 'degraded', 'PC-ACC', ['acc-k'], 'yellow'],
    ['a flag never lowers: evidence gap at ACC_K stays blue', 'PWR-001', 'evidenceGap', 'PC-ACC', ['acc-k'], 'blue'],
    ['one flagged site among others raises', 'PWR-001', 'spof', 'PC-ACC', [null, 'acc', 'acc-k'], 'orange'],
    ["the rule's own colours (NODE-002 CORE spof is orange)", 'NODE-002', 'spof', 'PC-CORE', ['bj'], 'orange'],
    ["that rule's site override", 'NODE-002', 'spof', 'PC-CORE', ['gz'], 'blue'],
    ['a site override wins, at its site only', 'PWR-001', 'spof', 'PC-CORE', ['bj'], 'blue'],
    ['the override does not reach another site', 'PWR-001', 'spof', 'PC-CORE', ['gz'], 'red'],
    ["another rule's override at this site does not apply", 'PWR-001', 'spof', 'PC-CORE', ['gz'], 'red'],
    ['a site override for another class does not apply', 'PWR-001', 'spof', 'PC-ACC', ['acc'], 'yellow'],
    ['a flag colour equal to the class colour changes nothing (ACC_K evidence gap)', 'PWR-001', 'evidenceGap', 'PC-ACC', ['acc-k'], 'blue'],
  ] as const)('%s', (_n, rule, severity, cls, sites, want) => {
    expect(baseColour(p, rule, severity, cls, sites, INV)).toBe(want);
  });
});

describe('waivers at their expiry', () => {
  it('applies up to and including its last millisecond, not one after', () => {
    const raw = shipped();
    raw['waivers'] = [{ rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March', until: '2027-03-31' }];
    const p = policyFromObject(raw);
    const subject = { kind: 'pair' as const, id: 'cr1+cr2' };
    const end = T('2027-03-31T15:59:59.999Z');
    expect(activeWaiver(p, 'NODE-002', subject, end)?.reason).toBe('room B fit-out finishes in March');
    expect(activeWaiver(p, 'NODE-002', subject, end + 1)).toBeUndefined();
    expect(activeWaiver(p, 'NODE-002', { kind: 'pair', id: 'cr3+cr4' }, end)).toBeUndefined();
    expect(activeWaiver(p, 'NODE-002', { kind: 'device', id: 'cr1+cr2' }, end)).toBeUndefined();
  });
});

describe('a policy against an inventory', () => {
  it('names overrides and periods that point at sites the inventory lacks, and nothing else', () => {
    const raw = shipped();
    raw['overrides'] = [
      { rule: 'PWR-002', site: 'nowhere', enabled: false, reason: 'a site that is not there' },
      { rule: 'PWR-002', site: 'gz', enabled: false, reason: 'a site that is there' },
      { rule: 'LOAD-001', class: 'PC-AGG', thresholds: { factor: 0.85 } },
    ];
    (raw['specialPeriods'] as Doc)['calendar'] = [
      { id: 'a', kind: 'majorEvent', name: 'a', start: '2027-01-01', end: '2027-01-02', scope: { sites: ['bj', 'atlantis'] } },
      { id: 'b', kind: 'holiday', name: 'b', start: '2027-01-01', end: '2027-01-02' },
    ];
    expect(policyWarnings(policyFromObject(raw), INV)).toEqual([
      { path: 'overrides[0].site', message: 'unknown site "nowhere"' },
      { path: 'specialPeriods.calendar[0].scope.sites', message: 'unknown site "atlantis"' },
    ]);
    expect(policyWarnings(policyFromObject(shipped()), INV)).toEqual([]);
  });
});

describe('policy files', () => {
  it("uses the config directory's own policy.yaml when there is one, the shipped one otherwise", () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-policy-'));
    try {
      expect(policyFileFor(dir)).toBe(DEFAULT_POLICY_FILE);
      writeFileSync(join(dir, 'policy.yaml'), readFileSync(DEFAULT_POLICY_FILE, 'utf8'));
      expect(policyFileFor(dir)).toBe(join(dir, 'policy.yaml'));
      expect(loadPolicy(join(dir, 'policy.yaml')).rules.size).toBe(loadPolicy(DEFAULT_POLICY_FILE).rules.size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing file is a ConfigError naming the file', () => {
    const file = join(tmpdir(), 'redline-no-such-policy.yaml');
    let failure: unknown = null;
    try {
      loadPolicy(file);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ConfigError);
    expect(JSON.stringify(failure) + String(failure)).toContain('cannot read the policy file');
  });
});
