/** PWR rules, table-driven: PSU count (empty bays stay silent), feed independence through the power chain, utility feeds, battery, UPS path. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Component, DcPowerPlant, PowerInput, RedundancyState, SiteSensor, UpsState } from '../../collect/observation.js';
import type { Inventory } from '../../inventory/model.js';
import { inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject } from '../policy.js';
import { RULES } from './index.js';
import { unitsMatching } from './pwr.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);
/** The shipped policy as a plain document, for a test to add overrides to. */
const policyDoc = (): Record<string, unknown> => parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;

function findings(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): ReturnType<typeof runAnalysis>['findings'] {
  return runAnalysis(snapshotOf(inv, { now: NOW, ...s }), policy, NOW, RULES.filter((x) => x.id === rule)).findings;
}
function verdicts(rule: string, inv: Inventory, s: Omit<SyntheticSnapshot, 'now'>): Record<string, string> {
  return Object.fromEntries(findings(rule, inv, s).map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

const psu = (name: string, status: Component['status']): Component => ({ id: name, name, status, sources: [] });

describe('PWR-001 working PSUs', () => {
  const inv = (expectedPsus?: number): Inventory => inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    devices: [{ id: 'cr1', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' }, ...(expectedPsus !== undefined ? { expectedPsus } : {}) }],
  });
  const redundancyLost: RedundancyState = { subject: 'power', name: 'power supply redundancy', state: 'nonRedundant', configured: 'redundant', source: 'cisco-entity-fru' };
  it.each([
    ['two PSUs ok', undefined, [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')], [], 'protected'],
    ['one of two failed: up, one failure from an outage', undefined, [psu('PSU 1', 'ok'), psu('PSU 2', 'failed')], [], 'degraded orange'],
    ['two ok and two empty bays: silent about the bays', 2, [psu('PSU 1', 'ok'), psu('PSU 2', 'ok'), psu('PSU 3', 'absent'), psu('PSU 4', 'absent')], [], 'protected'],
    ['three ok, one failed: still a failed member', undefined, [psu('A', 'ok'), psu('B', 'ok'), psu('C', 'ok'), psu('D', 'failed')], [], 'degraded orange'],
    ['expected two, one installed, the other bay empty: a PSU is missing', 2, [psu('PSU 1', 'ok'), psu('PSU 2', 'absent')], [], 'degraded orange'],
    ['a single-PSU chassis: a design SPOF', undefined, [psu('PSU 1', 'ok'), psu('PSU 2', 'absent')], [], 'unprotected red'],
    ['one ok, one of unknown state', undefined, [psu('PSU 1', 'ok'), psu('PSU 2', 'unknown')], [], 'unknown yellow'],
    ['PSUs ok but the device reports power redundancy lost', undefined, [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')], [redundancyLost], 'degraded orange'],
    ['no PSU ok, one failed', undefined, [psu('PSU 1', 'failed')], [], 'unprotected red'],
  ] as const)('%s', (_n, expected, psus, redundancy, want) => {
    expect(verdicts('PWR-001', inv(expected), { devices: { cr1: observation({ powerSupplies: [...psus], redundancy: [...redundancy] }) } })).toEqual({ cr1: want });
  });

  it.each([
    ['stale data and PSUs expected: unknown', 2, 'stale', { cr1: 'unknown yellow' }],
    ['unreachable and PSUs expected: unknown', 2, 'unreachable', { cr1: 'unknown yellow' }],
    ['a device that reports no PSUs and none expected (a UPS, a server): silent', undefined, observation(), {}],
    ['PSUs expected but none reported: unknown', 2, observation(), { cr1: 'unknown yellow' }],
  ] as const)('%s', (_n, expected, dev, want) => {
    expect(verdicts('PWR-001', inv(expected), { devices: { cr1: dev } })).toEqual(want);
  });

  it('explains the demo case concretely', () => {
    const f = findings('PWR-001', inv(2), { devices: { cr1: observation({ powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', 'failed')] }) } })[0]!;
    expect(f.explanation).toEqual({ en: 'cr1: PSU 2 failed; it runs on PSU 1 alone, one failure from an outage', zh: 'cr1：PSU 2 故障，仅靠 PSU 1 供电，再有一处故障即中断' });
    expect(f.evidence).toContainEqual({ what: 'PSU PSU 2', value: 'failed', observedAt: new Date(NOW - 1000).toISOString() });
  });
});

describe('PWR-001b independent feeds', () => {
  // mains-1 → ups-a → panel-a → pdu-a, pdu-c ; mains-2 → ups-b → panel-b → pdu-b ; pdu-d fed by both panels (dual input)
  const power = [
    { id: 'mains-1', kind: 'mains', site: 'bj', substation: 'S1' },
    { id: 'mains-2', kind: 'mains', site: 'bj', substation: 'S2' },
    { id: 'ups-a', kind: 'ups', site: 'bj', upstream: ['mains-1'] },
    { id: 'ups-b', kind: 'ups', site: 'bj', upstream: ['mains-2'] },
    { id: 'panel-a', kind: 'panel', site: 'bj', upstream: ['ups-a'] },
    { id: 'panel-b', kind: 'panel', site: 'bj', upstream: ['ups-b'] },
    { id: 'pdu-a', kind: 'pdu', site: 'bj', upstream: ['panel-a'] },
    { id: 'pdu-b', kind: 'pdu', site: 'bj', upstream: ['panel-b'] },
    { id: 'pdu-c', kind: 'pdu', site: 'bj', upstream: ['panel-a'] },
    { id: 'pdu-d', kind: 'pdu', site: 'bj', upstream: ['panel-a', 'panel-b'] },
    { id: 'pdu-e', kind: 'pdu', site: 'bj', upstream: ['mains-1'] },
    { id: 'pdu-f', kind: 'pdu', site: 'bj', upstream: ['mains-1'] },
  ];
  const dev = (id: string, feeds: string[]): Record<string, unknown> => ({ id, site: 'bj', role: 'core', psus: feeds.map((f, i) => ({ match: `PSU ${i + 1}`, feed: f })) });
  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    power,
    devices: [
      dev('a-b', ['pdu-a', 'pdu-b']),
      dev('a-a', ['pdu-a', 'pdu-a']),
      dev('a-c', ['pdu-a', 'pdu-c']),
      dev('d-d', ['pdu-d', 'pdu-d']),
      dev('e-f', ['pdu-e', 'pdu-f']),
      dev('one', ['pdu-a']),
      { id: 'none', site: 'bj', role: 'core' },
    ],
  });

  it('walks the power chain: an element whose single loss cuts every PSU is a SPOF; mains are PWR-002\'s', () => {
    expect(verdicts('PWR-001b', inv, {})).toEqual({
      'a-b': 'protected',
      'a-a': 'unprotected red',
      'a-c': 'unprotected red',
      'd-d': 'unprotected red', // a dual-input PDU is still one PDU
      'e-f': 'protected', // only the utility feed is shared
    });
  });

  it('names the nearest shared element, in both languages', () => {
    const f = Object.fromEntries(findings('PWR-001b', inv, {}).map((x) => [x.subject.id, x.explanation]));
    expect(f['a-a']).toEqual({ en: 'a-a: both PSUs are fed from pdu-a; one PDU failure takes it down', zh: 'a-a：两路电源均取自 pdu-a，单个PDU故障即导致设备中断' });
    expect(f['a-c']!.en).toBe('a-c: both PSUs (feeds pdu-a and pdu-c) depend on distribution panel panel-a; one distribution panel failure takes it down');
  });
});

describe('PWR-001b checks the mapping against the device and re-judges the PSUs still running', () => {
  const power = [
    { id: 'mains-1', kind: 'mains', site: 'bj' }, { id: 'mains-2', kind: 'mains', site: 'bj' },
    { id: 'pdu-a', kind: 'pdu', site: 'bj', upstream: ['mains-1'] }, { id: 'pdu-b', kind: 'pdu', site: 'bj', upstream: ['mains-2'] },
  ];
  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    power,
    devices: [
      // three PSUs: two on pdu-a, one on pdu-b
      { id: 'r3', site: 'bj', role: 'core', psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-a' }, { match: 'PSU 3', feed: 'pdu-b' }] },
      { id: 'r2', site: 'bj', role: 'core', psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-b' }] },
      { id: 'typo', site: 'bj', role: 'core', psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PUS 2', feed: 'pdu-b' }] },
      { id: 'vague', site: 'bj', role: 'core', psus: [{ match: 'PSU', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-b' }] },
    ],
  });
  const obs = (...units: [string, Component['status']][]): ReturnType<typeof observation> => observation({ powerSupplies: units.map(([n, st]) => psu(n, st)) });
  const ok3 = obs(['PSU 1', 'ok'], ['PSU 2', 'ok'], ['PSU 3', 'ok']);
  it.each([
    ['all three running: the wiring is independent', { r3: ok3 }, 'r3', 'protected'],
    ['PSU 3 failed, both survivors on pdu-a: unprotected', { r3: obs(['PSU 1', 'ok'], ['PSU 2', 'ok'], ['PSU 3', 'failed']) }, 'r3', 'unprotected red'],
    ['PSU 1 failed, the survivors on pdu-a and pdu-b: still independent', { r3: obs(['PSU 1', 'failed'], ['PSU 2', 'ok'], ['PSU 3', 'ok']) }, 'r3', 'protected'],
    ['one of two failed: one PSU left is PWR-001\'s finding, the wiring stays independent', { r2: obs(['PSU 1', 'ok'], ['PSU 2', 'failed']) }, 'r2', 'protected'],
    ['a mistyped match names no unit', { typo: obs(['PSU 1', 'ok'], ['PSU 2', 'ok']) }, 'typo', 'degraded yellow'],
    ['a match that names several units', { vague: obs(['PSU 1', 'ok'], ['PSU 2', 'ok']) }, 'vague', 'degraded yellow'],
    ['the device reports a third PSU nobody mapped', { r2: obs(['PSU 1', 'ok'], ['PSU 2', 'ok'], ['PSU 3', 'ok']) }, 'r2', 'degraded yellow'],
    ['an empty third bay is not an unmapped PSU', { r2: obs(['PSU 1', 'ok'], ['PSU 2', 'ok'], ['PSU 3', 'absent']) }, 'r2', 'protected'],
    ['no PSU reported (not polled): the mapping is not checked', {}, 'typo', 'protected'],
  ] as const)('%s', (_n, devices, id, want) => {
    expect(verdicts('PWR-001b', inv, { devices })[id]).toBe(want);
  });

  it('names the shared feed of the survivors, and what does not fit the device', () => {
    const get = (devices: Record<string, ReturnType<typeof observation>>, id: string): ReturnType<typeof findings>[number] => findings('PWR-001b', inv, { devices }).find((f) => f.subject.id === id)!;
    const survivors = get({ r3: obs(['PSU 1', 'ok'], ['PSU 2', 'ok'], ['PSU 3', 'failed']) }, 'r3');
    expect(survivors.explanation).toEqual({
      en: 'r3: with PSU 3 failed, the remaining PSU 1 and PSU 2 all depend on PDU pdu-a; one PDU failure takes it down',
      zh: 'r3：PSU 3 已故障，剩余的 PSU 1 和 PSU 2 均依赖PDU pdu-a，该PDU一旦故障设备即中断',
    });
    expect(survivors.evidence).toContainEqual(expect.objectContaining({ what: 'surviving PSUs share', value: expect.stringMatching(/^pdu-a\b/) as unknown }));
    expect(get({ typo: obs(['PSU 1', 'ok'], ['PSU 2', 'ok']) }, 'typo').explanation.en)
      .toBe('typo: the PSU-to-feed mapping does not match the device, so feed independence cannot be confirmed: PSU "PUS 2" in the inventory matches none of the PSUs the device reports (PSU 1 and PSU 2); PSU 2 reported by the device is not mapped to a feed in the inventory');
    expect(get({ vague: obs(['PSU 1', 'ok'], ['PSU 2', 'ok']) }, 'vague').explanation.zh)
      .toBe('vague：电源与供电回路的对应关系与设备不符，供电独立性无法确认：清单中的电源「PSU」同时对应多个电源（PSU 1 和 PSU 2），无法确定其供电回路');
    expect(get({ r2: obs(['PSU 1', 'ok'], ['PSU 2', 'ok'], ['PSU 3', 'ok']) }, 'r2').explanation.en)
      .toBe('r2: the PSU-to-feed mapping does not match the device, so feed independence cannot be confirmed: PSU 3 reported by the device is not mapped to a feed in the inventory');
  });
});

describe('PWR-002 utility feeds', () => {
  it.each([
    ['two substations', ['S1', 'S2'], 'protected'],
    ['two lines from one substation', ['S1', 'S1'], 'unprotected red'],
  ] as const)('%s', (_n, subs, want) => {
    const inv = inventoryFromObject({
      sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }],
      power: [...subs.map((s, i) => ({ id: `m${i}`, kind: 'mains', site: 'bj', substation: s })), { id: 'm-agg', kind: 'mains', site: 'agg' }],
    });
    expect(verdicts('PWR-002', inv, {})).toEqual({ bj: want });
  });

  describe('live: the lines the site\'s devices watch', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'sh', class: 'PC-CORE' }],
      devices: [
        { id: 'smu', site: 'bj', role: 'dc-plant', snmp: { host: '10.0.0.8', credentials: 'c' } },
        { id: 'fsu', site: 'bj', role: 'site-monitor', snmp: { host: '10.0.0.9', credentials: 'c' } },
        { id: 'ats-sh', site: 'sh', role: 'ats', snmp: { host: '10.0.1.9', credentials: 'c' } },
      ],
      power: [
        { id: 'm1', kind: 'mains', site: 'bj', substation: 'S1' }, { id: 'm2', kind: 'mains', site: 'bj', substation: 'S2' },
        { id: 'm3', kind: 'mains', site: 'sh', substation: 'S3' },
      ],
    });
    const input = (name: string, state: PowerInput['state']): PowerInput => ({ name, role: 'mains', state, feedsLoad: null, source: 'huawei-smu' });
    const contact = (alarm: boolean | null): SiteSensor => ({ name: 'Mains fail 市电停电', kind: 'contact', purpose: 'mains', alarm, value: null, source: 'siteboss' });
    const plant = (mains: DcPowerPlant['mains']): DcPowerPlant => ({
      source: 'vertiv-netsure', rectifiers: null, moduleRatingAmps: null, loadAmps: null, capacityUsedPercent: null, battery: { state: 'float', minutesRemaining: null, strings: null }, mains,
    });
    const withInputs = (...inputs: PowerInput[]): ReturnType<typeof observation> => ({ ...observation(), powerInputs: inputs });

    it.each([
      ['both AC inputs with power', { smu: withInputs(input('AC 1', 'ok'), input('AC 2', 'ok')) }, 'protected'],
      ['one AC input without power', { smu: withInputs(input('AC 1', 'ok'), input('AC 2', 'failed')) }, 'degraded orange'],
      ['no AC input with power: on batteries', { smu: withInputs(input('AC 1', 'failed'), input('AC 2', 'failed')) }, 'unprotected red'],
      ['an input the controller says nothing about is not a reading', { smu: withInputs(input('AC 1', 'ok'), input('AC 2', 'unknown')) }, 'protected'],
      ['a DC plant reporting a mains failure', { smu: observation({ dcPower: [plant('failed')] }) }, 'unprotected red'],
      ['a site monitor\'s mains-fail contact in alarm, the plant still on mains', { smu: observation({ dcPower: [plant('ok')] }), fsu: observation({ siteSensors: [contact(true)] }) }, 'degraded orange'],
      ['the mains-fail contact at rest', { fsu: observation({ siteSensors: [contact(false)] }) }, 'protected'],
      ['a stale controller is no live reading', { smu: 'stale' }, 'protected'],
    ] as const)('%s', (_n, devices, want) => {
      expect(verdicts('PWR-002', inv, { devices })['bj']).toBe(want);
    });

    const generator = (state: PowerInput['state']): PowerInput => ({ name: 'DG 1', role: 'generator', state, feedsLoad: null, source: 'user-dg' });
    it.each([
      ['every line dead, the generator running: one more loss away from batteries', { smu: withInputs(input('AC 1', 'failed'), input('AC 2', 'failed'), generator('ok')) }, 'degraded orange'],
      ['the running generator reported by another device at the site', { smu: withInputs(input('AC 1', 'failed'), input('AC 2', 'failed')), fsu: withInputs(generator('ok')) }, 'degraded orange'],
      ['every line dead, the generator in fault', { smu: withInputs(input('AC 1', 'failed'), input('AC 2', 'failed'), generator('failed')) }, 'unprotected red'],
      ['every line dead, the generator state unknown', { smu: withInputs(input('AC 1', 'failed'), input('AC 2', 'failed'), generator('unknown')) }, 'unprotected red'],
      ['a running generator reported by a stale controller is no reading', { smu: withInputs(input('AC 1', 'failed'), input('AC 2', 'failed')), fsu: 'stale' }, 'unprotected red'],
      ['one line dead, the generator running: still a mains line left', { smu: withInputs(input('AC 1', 'ok'), input('AC 2', 'failed'), generator('ok')) }, 'degraded orange'],
      ['a running generator (an exercise run) with both lines up', { smu: withInputs(input('AC 1', 'ok'), input('AC 2', 'ok'), generator('ok')) }, 'protected'],
      ['a generator at another site does not carry this one', { smu: withInputs(input('AC 1', 'failed'), input('AC 2', 'failed')), 'ats-sh': withInputs(generator('ok')) }, 'unprotected red'],
    ] as const)('generator: %s', (_n, devices, want) => {
      expect(verdicts('PWR-002', inv, { devices })['bj']).toBe(want);
    });

    it('names the lines lost and the generator carrying the site, with the generator as evidence', () => {
      const got = findings('PWR-002', inv, { devices: { smu: withInputs(input('AC 1', 'failed'), input('AC 2', 'failed'), generator('ok')) } }).find((f) => f.subject.id === 'bj');
      expect(got?.explanation.en).toBe('bj: no mains input has power (smu AC 1 and smu AC 2); the site runs on its generator (smu DG 1), and only batteries remain if it stops');
      expect(got?.explanation.zh).toContain('运行中的油机（smu DG 1）');
      expect(got?.evidence.map((e) => [e.what, e.value])).toContainEqual(['generators running (live)', 'smu DG 1']);
    });

    it('names the line without power, and says so when no device reports the mains', () => {
      const got = findings('PWR-002', inv, { devices: { smu: withInputs(input('AC 1', 'ok'), input('AC 2', 'failed')) } });
      expect(got.find((f) => f.subject.id === 'bj')?.explanation.en).toBe('bj: smu AC 2 without power now; 1 mains input(s) left, one more loss leaves the site on batteries or generator');
      expect(got.find((f) => f.subject.id === 'bj')?.explanation.zh).toContain('smu AC 2 当前无电');
      const none = findings('PWR-002', inv, {}).find((f) => f.subject.id === 'bj');
      expect(none?.state).toBe('protected');
      expect(none?.explanation.en).toBe('bj: utility feeds from 2 substations; live state of the lines unknown: no device at the site reports its mains inputs');
    });

    it('keeps the design verdict when the site has one substation, whatever the lines say', () => {
      const ats = withInputs({ ...input('ATS source A', 'ok'), feedsLoad: true, source: 'apc-ats' }, { ...input('ATS source B', 'ok'), feedsLoad: false, source: 'apc-ats' });
      expect(verdicts('PWR-002', inv, { devices: { 'ats-sh': ats } })['sh']).toBe('unprotected red');
    });
  });
});

describe('PWR-004 battery and PWR-005 UPS path', () => {
  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    devices: [{ id: 'ups1', site: 'bj', role: 'ups', snmp: { host: '10.0.0.9', credentials: 'c' } }, { id: 'dc1', site: 'bj', role: 'dc-plant', snmp: { host: '10.0.0.8', credentials: 'c' } }],
    power: [{ id: 'ups-a', kind: 'ups', site: 'bj', device: 'ups1' }, { id: 'rect-a', kind: 'rectifier', site: 'bj', device: 'dc1' }],
  });
  const ups = (u: Partial<UpsState>): ReturnType<typeof observation> => observation({ ups: { outputSource: 'normal', batteryStatus: 'normal', minutesRemaining: 42, inputLineBads: 0, ...u } });

  it.each([
    ['42 min on an AC UPS (≥15)', ups({}), 'protected'],
    ['10 min on an AC UPS', ups({ minutesRemaining: 10 }), 'degraded orange'],
    ['battery low', ups({ batteryStatus: 'low' }), 'unprotected red'],
    ['runtime not reported', ups({ minutesRemaining: null }), 'unknown yellow'],
    ['stale', 'stale', 'unknown yellow'],
  ] as const)('PWR-004 %s', (_n, dev, want) => {
    expect(verdicts('PWR-004', inv, { devices: { ups1: dev } })['ups1']).toBe(want);
  });

  it('PWR-004 holds a DC plant to its own minimum (60 min for CORE)', () => {
    expect(verdicts('PWR-004', inv, { devices: { dc1: ups({ minutesRemaining: 42 }) } })['dc1']).toBe('degraded orange');
  });

  it.each([
    ['normal path', ups({}), undefined, 'protected'],
    ['on battery for 5 min', ups({ outputSource: 'battery' }), NOW - 5 * 60_000, 'degraded orange'],
    ['on battery for 30 min', ups({ outputSource: 'battery' }), NOW - 30 * 60_000, 'unprotected red'],
    ['on battery, since when unknown', ups({ outputSource: 'battery' }), undefined, 'unprotected red'],
    ['on bypass', ups({ outputSource: 'bypass' }), NOW - 60 * 60_000, 'unprotected red'],
    ['no output', ups({ outputSource: 'none' }), undefined, 'down red'],
  ] as const)('PWR-005 %s', (_n, dev, since, want) => {
    const options = since === undefined ? {} : { upsOutputSince: new Map([['ups1', since]]) };
    expect(verdicts('PWR-005', inv, { devices: { ups1: dev }, options })['ups1']).toBe(want);
  });
});

describe('PWR-001 says what it found, and shows it', () => {
  const inv = (dev: Record<string, unknown> = {}): Inventory => inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    power: [{ id: 'pdu-a', kind: 'pdu', site: 'bj' }, { id: 'pdu-b', kind: 'pdu', site: 'bj' }],
    devices: [{ id: 'cr1', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' }, ...dev }],
  });
  const one = (i: Inventory, powerSupplies: Component[], redundancy: RedundancyState[] = []): ReturnType<typeof findings>[number] | undefined =>
    findings('PWR-001', i, { devices: { cr1: observation({ powerSupplies, redundancy }) } })[0];
  it.each([
    ['two ok', {}, [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')], 'protected', 'cr1: 2 PSUs ok', 'cr1：2 个电源正常'],
    ['three ok, one failed', {}, [psu('A', 'ok'), psu('B', 'ok'), psu('C', 'ok'), psu('D', 'failed')], 'degraded', 'cr1: D failed; 3 PSUs left', 'cr1：D 故障，剩余 3 个电源'],
    ['two of three failed', {}, [psu('A', 'failed'), psu('B', 'ok'), psu('C', 'failed')], 'degraded', 'cr1: A, C failed; it runs on B alone, one failure from an outage', 'cr1：A, C 故障，仅靠 B 供电，再有一处故障即中断'],
    ['one of two expected is missing (an empty bay)', { expectedPsus: 2 }, [psu('PSU 1', 'ok'), psu('PSU 2', 'absent')], 'degraded', 'cr1: 1 of 2 expected PSU(s) missing; it runs on PSU 1 alone, one failure from an outage', 'cr1：应有 2 个电源，缺失 1 个，仅靠 PSU 1 供电，再有一处故障即中断'],
    ['one failed and one missing', { expectedPsus: 3 }, [psu('PSU 1', 'ok'), psu('PSU 2', 'failed'), psu('PSU 3', 'absent')], 'degraded', 'cr1: PSU 2 failed; 1 of 3 expected PSU(s) missing; it runs on PSU 1 alone, one failure from an outage', 'cr1：PSU 2 故障；应有 3 个电源，缺失 1 个，仅靠 PSU 1 供电，再有一处故障即中断'],
    ['none ok', {}, [psu('PSU 1', 'failed'), psu('PSU 2', 'failed')], 'unprotected', 'cr1: no PSU reports ok (PSU 1, PSU 2 failed)', 'cr1：无电源处于正常状态（PSU 1, PSU 2 故障）'],
    ['a single PSU by design', {}, [psu('PSU 1', 'ok')], 'unprotected', 'cr1: only 1 PSU installed, 2 required; one PSU failure takes it down', 'cr1：仅安装 1 个电源（要求 2 个），单个电源故障即导致设备中断'],
    ['one ok, one unknown', {}, [psu('PSU 1', 'ok'), psu('PSU 2', 'unknown')], 'unknown', 'cr1: 1 PSU(s) ok, PSU 2 state unknown', 'cr1：1 个电源正常，PSU 2 状态未知'],
    ['one unknown PSU is installed: two expected, none missing', { expectedPsus: 2 }, [psu('PSU 1', 'ok'), psu('PSU 2', 'unknown')], 'unknown', 'cr1: 1 PSU(s) ok, PSU 2 state unknown', 'cr1：1 个电源正常，PSU 2 状态未知'],
    ['exactly the PSUs expected', { expectedPsus: 2 }, [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')], 'protected', 'cr1: 2 PSUs ok', 'cr1：2 个电源正常'],
    ['more PSUs than expected is not a missing one', { expectedPsus: 1 }, [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')], 'protected', 'cr1: 2 PSUs ok', 'cr1：2 个电源正常'],
  ] as const)('%s', (_n, dev, psus, state, en, zh) => {
    const f = one(inv(dev), [...psus]);
    expect(f?.state).toBe(state);
    expect(f?.explanation).toEqual({ en, zh });
  });

  it('shows each PSU, the count expected and the device\'s own redundancy verdict as evidence', () => {
    const lost: RedundancyState = { subject: 'power', name: 'power supply redundancy', state: 'nonRedundant', configured: 'redundant', source: 'cisco-entity-fru' };
    const stack: RedundancyState = { subject: 'stack', name: 'stack ring', state: 'nonRedundant', configured: 'redundant', source: 'cisco-stackwise' };
    const at = new Date(NOW - 1000).toISOString();
    const f = one(inv({ expectedPsus: 2 }), [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')], [stack, lost]);
    expect(f?.state).toBe('degraded');
    expect(f?.explanation.en).toBe('cr1: all PSUs ok but the device reports power redundancy lost (load exceeds what one PSU can carry, or a combined mode)');
    expect(f?.evidence).toEqual([
      { what: 'PSU PSU 1', value: 'ok', observedAt: at },
      { what: 'PSU PSU 2', value: 'ok', observedAt: at },
      { what: 'PSUs expected', value: 2, observedAt: null },
      { what: 'power redundancy (device)', value: 'nonRedundant', observedAt: at },
    ]);
    // another subject's redundancy (the stack) is not the power's
    expect(one(inv(), [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')], [stack])?.state).toBe('protected');
  });

  it.each([
    ['PSUs mapped to feeds in the inventory, none reported', { psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-b' }] }, observation(), 'unknown'],
    ['PSUs mapped, the device not answering', { psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-b' }] }, 'unreachable', 'unknown'],
    ['no PSU expected (expectedPsus: 0) and none reported', { expectedPsus: 0 }, observation(), undefined],
    ['no PSU expected, the device not answering', { expectedPsus: 0 }, 'unreachable', undefined],
  ] as const)('%s', (_n, dev, obs, want) => {
    expect(findings('PWR-001', inv(dev), { devices: { cr1: obs } })[0]?.state).toBe(want);
  });

  it('says why the state is unknown when the device does not answer', () => {
    const f = findings('PWR-001', inv({ expectedPsus: 2 }), { devices: { cr1: 'unreachable' } })[0];
    expect(f?.explanation.en).toMatch(/^cr1: PSU state unknown; /);
    expect(f?.explanation.zh).toMatch(/^cr1：电源状态未知，/);
    expect(f?.evidence).toEqual([expect.objectContaining({ what: 'cr1 data', value: 'unreachable' })]);
    expect(findings('PWR-001', inv({ expectedPsus: 2 }), { devices: { cr1: observation() } })[0]?.explanation.en).toBe('cr1: the device reports no PSU state');
  });
});

describe('PWR-001b names the element and its kind', () => {
  const power = [
    { id: 'mains-1', kind: 'mains', site: 'bj' },
    { id: 'gen-1', kind: 'generator', site: 'bj' },
    { id: 'ats-1', kind: 'ats', site: 'bj', upstream: ['mains-1', 'gen-1'] },
    { id: 'ups-1', kind: 'ups', site: 'bj', upstream: ['ats-1'] },
    { id: 'pdu-a', kind: 'pdu', site: 'bj', upstream: ['ups-1'] },
    { id: 'pdu-b', kind: 'pdu', site: 'bj', upstream: ['ups-1'] },
    { id: 'pdu-c', kind: 'pdu', site: 'bj', upstream: ['ups-1'] },
    { id: 'rect-1', kind: 'rectifier', site: 'bj', upstream: ['mains-1'] },
    { id: 'bat-1', kind: 'battery', site: 'bj', upstream: ['rect-1'] },
    { id: 'gen-only-a', kind: 'pdu', site: 'bj', upstream: ['gen-1'] },
    { id: 'gen-only-b', kind: 'pdu', site: 'bj', upstream: ['gen-1'] },
  ];
  const dev = (id: string, feeds: string[]): Record<string, unknown> => ({ id, site: 'bj', role: 'core', psus: feeds.map((f, i) => ({ match: `PSU ${i + 1}`, feed: f })) });
  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    power,
    devices: [dev('three', ['pdu-a', 'pdu-b', 'pdu-c']), dev('dc', ['bat-1', 'bat-1']), dev('gen', ['gen-only-a', 'gen-only-b']), dev('ats', ['ats-1', 'ats-1'])],
  });
  it.each([
    ['three PSUs on three PDUs behind one UPS', 'three', 'three: all 3 PSUs (feeds pdu-a, pdu-b and pdu-c) depend on UPS ups-1; one UPS failure takes it down'],
    ['both PSUs on one battery string', 'dc', 'dc: both PSUs are fed from bat-1; one battery string failure takes it down'],
    ['both PSUs on one ATS', 'ats', 'ats: both PSUs are fed from ats-1; one ATS failure takes it down'],
  ] as const)('%s', (_n, id, en) => {
    const f = findings('PWR-001b', inv, {}).find((x) => x.subject.id === id);
    expect(f?.state).toBe('unprotected');
    expect(f?.explanation.en).toBe(en);
  });

  it('leaves a generator to PWR-002 by default, and judges it when the policy stops ignoring it', () => {
    expect(findings('PWR-001b', inv, {}).find((x) => x.subject.id === 'gen')?.state).toBe('protected');
    const raw = policyDoc();
    raw['overrides'] = [{ rule: 'PWR-001b', class: 'PC-CORE', thresholds: { ignoreKinds: ['mains'] }, reason: 'one generator serves the whole site' }];
    const f = runAnalysis(snapshotOf(inv, { now: NOW }), policyFromObject(raw), NOW, RULES.filter((x) => x.id === 'PWR-001b')).findings.find((x) => x.subject.id === 'gen');
    expect(f?.explanation.en).toBe('gen: both PSUs (feeds gen-only-a and gen-only-b) depend on generator gen-1; one generator failure takes it down');
  });

  it('shows the chain each PSU hangs on, and that the mapping was not checked without PSUs reported', () => {
    const f = findings('PWR-001b', inv, {}).find((x) => x.subject.id === 'dc');
    expect(f?.evidence).toEqual([
      { what: 'PSU PSU 1 feed', value: 'bat-1 ← rect-1 ← mains-1', observedAt: null },
      { what: 'PSU PSU 2 feed', value: 'bat-1 ← rect-1 ← mains-1', observedAt: null },
      { what: 'PSU mapping', value: 'not checked: the device reports no PSUs now', observedAt: null },
    ]);
  });

  it('adds what does not fit the device to a shared-element finding', () => {
    const obs = observation({ powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', 'ok'), psu('PSU 4', 'ok')] });
    const f = findings('PWR-001b', inv, { devices: { dc: obs } }).find((x) => x.subject.id === 'dc');
    expect(f?.explanation.en).toBe('dc: both PSUs are fed from bat-1; one battery string failure takes it down; also, PSU 4 reported by the device is not mapped to a feed in the inventory');
    expect(f?.evidence).toContainEqual({ what: 'PSU PSU 1 on the device', value: 'PSU 1: ok', observedAt: new Date(NOW - 1000).toISOString() });
  });
});

describe('PWR-001b: which reported unit an inventory match names', () => {
  const units = [psu('PSU 1', 'ok'), psu('PSU 2', 'ok'), { id: 'ps-a', name: 'Power Supply A', status: 'ok' as const, sources: [] }];
  it.each([
    ['the exact name, whatever the case and spacing', 'psu  1', ['PSU 1']],
    ['the unit id', 'PS-A', ['Power Supply A']],
    ['a part of names: every unit containing it', 'PSU', ['PSU 1', 'PSU 2']],
    ['an exact name wins over names containing it', 'PSU 2', ['PSU 2']],
    ['nothing', 'PSU 3', []],
  ] as const)('%s', (_n, match, want) => {
    expect(unitsMatching(match, units).map((u) => u.name)).toEqual(want);
  });
});

describe('PWR-002, PWR-004 and PWR-005 say what they found', () => {
  it('PWR-002 names the substations, and counts a feed without one as its own', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'sh', class: 'PC-CORE' }],
      power: [
        { id: 'm1', kind: 'mains', site: 'bj', substation: 'S1' }, { id: 'm2', kind: 'mains', site: 'bj', substation: 'S1' },
        { id: 'm3', kind: 'mains', site: 'sh' }, { id: 'm4', kind: 'mains', site: 'sh' }, { id: 'u1', kind: 'ups', site: 'sh' },
      ],
    });
    const f = Object.fromEntries(findings('PWR-002', inv, {}).map((x) => [x.subject.id, x]));
    expect(f['bj']?.explanation).toEqual({
      en: 'bj: utility feed from 1 substation (S1), 2 required; one substation outage leaves the site on batteries and generators',
      zh: 'bj：市电仅引自 1 个变电站（S1），要求 2 个；单一变电站停电即只能依靠电池和油机',
    });
    expect(f['sh']?.state).toBe('protected');
    expect(f['sh']?.explanation.en).toBe('sh: utility feeds from 2 substations; live state of the lines unknown: no device at the site reports its mains inputs');
    // the design half's evidence first; the live half says nobody reported the lines (value null)
    expect(f['sh']?.evidence.slice(0, 2)).toEqual([{ what: 'm3 substation', value: null, observedAt: null }, { what: 'm4 substation', value: null, observedAt: null }]);
    expect(f['sh']?.evidence.slice(2).map((e) => [e.what, e.value])).toEqual([['mains inputs with power (live)', null], ['mains inputs without power (live)', null]]);
  });

  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    devices: [
      { id: 'ups1', site: 'bj', role: 'ups', snmp: { host: '10.0.0.9', credentials: 'c' } },
      { id: 'bat1', site: 'bj', role: 'dc-plant', snmp: { host: '10.0.0.7', credentials: 'c' } },
      { id: 'ups2', site: 'bj', role: 'ups', snmp: { host: '10.0.0.6', credentials: 'c' } },
    ],
    power: [{ id: 'ups-a', kind: 'ups', site: 'bj', device: 'ups1' }, { id: 'bat-a', kind: 'battery', site: 'bj', device: 'bat1' }, { id: 'ups-b', kind: 'ups', site: 'bj', device: 'ups2' }],
  });
  const ups = (u: Partial<UpsState>): ReturnType<typeof observation> => observation({ ups: { outputSource: 'normal', batteryStatus: 'normal', minutesRemaining: 42, inputLineBads: 0, ...u } });

  it.each([
    ['enough runtime', 'ups1', ups({}), 'protected', 'ups1: 42 min of battery'],
    ['short runtime', 'ups1', ups({ minutesRemaining: 10 }), 'degraded', 'ups1: 10 min of battery, 15 min required'],
    ['a battery string is held to the DC-plant minimum', 'bat1', ups({ minutesRemaining: 42 }), 'degraded', 'bat1: 42 min of battery, 60 min required'],
    ['battery low', 'ups1', ups({ batteryStatus: 'low' }), 'unprotected', 'ups1: battery low; a mains failure now drops the load'],
    ['battery depleted, whatever the runtime says', 'ups1', ups({ batteryStatus: 'depleted', minutesRemaining: 90 }), 'unprotected', 'ups1: battery depleted; a mains failure now drops the load'],
    ['no runtime reported', 'ups1', ups({ minutesRemaining: null }), 'unknown', 'ups1: the UPS does not report its runtime'],
  ] as const)('PWR-004 %s', (_n, id, dev, state, en) => {
    const f = findings('PWR-004', inv, { devices: { [id]: dev } }).find((x) => x.subject.id === id);
    expect(f?.state).toBe(state);
    expect(f?.explanation.en).toBe(en);
  });

  it('PWR-004 shows the minimum it used (to a tenth of a minute) and says it rounded', () => {
    const raw = policyDoc();
    raw['overrides'] = [{ rule: 'PWR-004', class: 'PC-CORE', thresholds: { factor: 1.15 }, reason: 'a margin on the UPS minimum' }];
    const f = runAnalysis(snapshotOf(inv, { now: NOW, devices: { ups1: ups({ minutesRemaining: 17 }) } }), policyFromObject(raw), NOW, RULES.filter((x) => x.id === 'PWR-004')).findings.find((x) => x.subject.id === 'ups1');
    const at = new Date(NOW - 1000).toISOString();
    expect(f?.state).toBe('degraded'); // 17 < 15 × 1.15 = 17.25
    expect(f?.evidence).toEqual([
      { what: 'battery status', value: 'normal', observedAt: at },
      { what: 'minutes remaining', value: 17, observedAt: at },
      { what: 'minimum minutes', value: 17.3, observedAt: null },
    ]);
    expect(f?.explanation.en).toBe('ups1: 17 min of battery, 17 min required');
  });

  it('PWR-004 and PWR-005 judge a UPS the power chain names when it stops answering, and ignore a fresh device without UPS data', () => {
    for (const rule of ['PWR-004', 'PWR-005']) {
      const v = findings(rule, inv, { devices: { ups1: 'unreachable', ups2: observation(), bat1: observation() } });
      expect(v.map((f) => [f.subject.id, f.state])).toEqual([['ups1', 'unknown']]);
      expect(v[0]?.evidence).toEqual([expect.objectContaining({ what: 'ups1 data', value: 'unreachable' })]);
    }
    const gone = (rule: string): string | undefined => findings(rule, inv, { devices: { ups1: 'unreachable' } }).find((f) => f.subject.id === 'ups1')?.explanation.en;
    expect(gone('PWR-004')).toMatch(/^ups1: battery state unknown; /);
    expect(gone('PWR-005')).toMatch(/^ups1: UPS output path unknown; /);
  });

  it.each([
    ['on its normal path', ups({}), undefined, 'protected', 'ups1: UPS on its normal path'],
    ['on battery for 5 min', ups({ outputSource: 'battery' }), 5 * 60_000 + 20_000, 'degraded', 'ups1: UPS on battery for 5 min'],
    ['on bypass for an hour', ups({ outputSource: 'bypass' }), 60 * 60_000, 'unprotected', 'ups1: UPS on bypass (load unprotected by the UPS) for 60 min'],
    ['on bypass, since when unknown', ups({ outputSource: 'bypass' }), undefined, 'unprotected', 'ups1: UPS on bypass (load unprotected by the UPS) for an unknown time'],
    ['no output', ups({ outputSource: 'none' }), undefined, 'down', 'ups1: the UPS reports no output'],
    ['an output source the UPS calls other', ups({ outputSource: 'other' }), undefined, 'unknown', 'ups1: UPS output source other'],
    ['an output source not reported', ups({ outputSource: 'unknown' }), undefined, 'unknown', 'ups1: UPS output source unknown'],
  ] as const)('PWR-005 %s', (_n, dev, forMs, state, en) => {
    const options = forMs === undefined ? {} : { upsOutputSince: new Map([['ups1', NOW - forMs]]) };
    const f = findings('PWR-005', inv, { devices: { ups1: dev }, options }).find((x) => x.subject.id === 'ups1');
    expect(f?.state).toBe(state);
    expect(f?.explanation.en).toBe(en);
  });

  it('PWR-005 shows since when the UPS is off its normal path, and its input line faults', () => {
    const since = NOW - 7 * 60_000;
    const f = findings('PWR-005', inv, { devices: { ups1: ups({ outputSource: 'battery', inputLineBads: 3 }) }, options: { upsOutputSince: new Map([['ups1', since]]) } })[0];
    const at = new Date(NOW - 1000).toISOString();
    expect(f?.evidence).toEqual([
      { what: 'output source', value: 'battery', observedAt: at },
      { what: 'output source since', value: new Date(since).toISOString(), observedAt: null },
      { what: 'input line faults', value: 3, observedAt: at },
    ]);
    expect(f?.explanation.zh).toBe('ups1：UPS 处于电池供电，已持续 7 分钟');
  });
});

describe('PWR rules where the policy or the inventory says to stay silent', () => {
  /** Two sites of one class, each with a router (two PSUs), a UPS and two utility feeds. */
  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'sh', class: 'PC-CORE' }],
    power: ['bj', 'sh'].flatMap((s) => [
      { id: `${s}-m1`, kind: 'mains', site: s, substation: `${s}-S1` }, { id: `${s}-m2`, kind: 'mains', site: s, substation: `${s}-S1` },
      { id: `${s}-pdu`, kind: 'pdu', site: s, upstream: [`${s}-m1`] },
      { id: `${s}-ups`, kind: 'ups', site: s, device: `ups-${s}` },
    ]),
    devices: ['bj', 'sh'].flatMap((s, k) => [
      { id: `r-${s}`, site: s, role: 'core', snmp: { host: `10.0.${k}.1`, credentials: 'c' }, expectedPsus: 2, psus: [{ match: 'PSU 1', feed: `${s}-pdu` }, { match: 'PSU 2', feed: `${s}-pdu` }] },
      { id: `ups-${s}`, site: s, role: 'ups', snmp: { host: `10.0.${k}.2`, credentials: 'c' } },
    ]),
  });
  const devices = {
    'r-bj': observation({ powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', 'failed')] }), 'r-sh': observation({ powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', 'failed')] }),
    'ups-bj': observation({ ups: { outputSource: 'battery', batteryStatus: 'low', minutesRemaining: 5, inputLineBads: 1 } }),
    'ups-sh': observation({ ups: { outputSource: 'battery', batteryStatus: 'low', minutesRemaining: 5, inputLineBads: 1 } }),
  };
  const run = (rule: string, overrides: unknown[]): ReturnType<typeof runAnalysis> => {
    const raw = policyDoc();
    raw['overrides'] = overrides;
    return runAnalysis(snapshotOf(inv, { now: NOW, devices }), policyFromObject(raw), NOW, RULES.filter((x) => x.id === rule));
  };
  it.each([
    ['PWR-001', ['r-sh']], ['PWR-001b', ['r-sh']], ['PWR-002', ['sh']], ['PWR-004', ['ups-sh']], ['PWR-005', ['ups-sh']],
  ] as const)('%s: turned off for one site by an override, it judges only the other', (rule, left) => {
    expect(run(rule, []).findings.map((f) => f.subject.id).sort()).toEqual([...left, ...left.map((x) => x.replace('sh', 'bj'))].sort());
    const off = run(rule, [{ rule, site: 'bj', enabled: false, reason: 'decommissioning this site' }]);
    expect(off.findings.map((f) => f.subject.id)).toEqual(left);
    expect(off.findings[0]?.sites).toEqual(['sh']);
  });

  it('PWR-002 takes a site\'s own minimum from an override', () => {
    const r = run('PWR-002', [{ rule: 'PWR-002', site: 'bj', thresholds: { minSources: 1 }, reason: 'one substation is all the city has' }]);
    expect(Object.fromEntries(r.findings.map((f) => [f.subject.id, f.state]))).toEqual({ bj: 'protected', sh: 'unprotected' });
  });

  it('says which subjects it did not judge, and why', () => {
    const quiet = inventoryFromObject({
      sites: [{ id: 'x', class: 'PC-CORE' }],
      power: [{ id: 'pdu-1', kind: 'pdu', site: 'x' }],
      devices: [
        { id: 'srv', site: 'x', role: 'server', snmp: { host: '10.0.9.1', credentials: 'c' }, psus: [{ match: 'PSU 1', feed: 'pdu-1' }] },
        { id: 'gone', site: 'x', role: 'server', snmp: { host: '10.0.9.2', credentials: 'c' } },
      ],
    });
    const notEvaluated = (rule: string): unknown => runAnalysis(snapshotOf(quiet, { now: NOW, devices: { srv: observation(), gone: 'unreachable' } }), policy, NOW, RULES.filter((x) => x.id === rule))
      .summary.rules.find((x) => x.rule === rule)?.notEvaluated;
    expect(notEvaluated('PWR-001')).toEqual(expect.arrayContaining([
      expect.objectContaining({ reason: 'device not answering and no PSUs expected in the inventory', count: 1 }),
    ]));
    expect(notEvaluated('PWR-001b')).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'fewer than two PSUs mapped to power feeds in the inventory' })]));
    expect(notEvaluated('PWR-002')).toEqual([expect.objectContaining({ reason: 'no utility feed (mains) of the site in the inventory', count: 1 })]);
    const none = inventoryFromObject({ sites: [{ id: 'x', class: 'PC-CORE' }], devices: [{ id: 'ups', site: 'x', role: 'ups', snmp: { host: '10.0.9.3', credentials: 'c' } }] });
    expect(runAnalysis(snapshotOf(none, { now: NOW, devices: { ups: observation() } }), policy, NOW, RULES.filter((x) => x.id === 'PWR-001')).summary.rules[0]?.notEvaluated)
      .toEqual([expect.objectContaining({ reason: 'device reports no power supplies and none are expected', count: 1 })]);
  });

  it('judges nothing of a device without SNMP, even with PSUs expected or a place in the power chain', () => {
    const unpolled = inventoryFromObject({
      sites: [{ id: 'x', class: 'PC-CORE' }],
      power: [{ id: 'ups-n', kind: 'ups', site: 'x', device: 'u' }],
      devices: [{ id: 'd', site: 'x', role: 'core', expectedPsus: 2 }, { id: 'u', site: 'x', role: 'ups' }],
    });
    for (const rule of ['PWR-001', 'PWR-004', 'PWR-005']) expect(findings(rule, unpolled, {}), rule).toEqual([]);
  });
});

describe('PWR unknown verdicts carry their reason', () => {
  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    power: [{ id: 'ups-a', kind: 'ups', site: 'bj', device: 'ups1' }],
    devices: [
      { id: 'cr1', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' }, expectedPsus: 2 },
      { id: 'ups1', site: 'bj', role: 'ups', snmp: { host: '10.0.0.9', credentials: 'c' } },
    ],
  });
  const ups = (u: Partial<UpsState>): ReturnType<typeof observation> => observation({ ups: { outputSource: 'normal', batteryStatus: 'normal', minutesRemaining: 42, inputLineBads: 0, ...u } });
  it.each([
    ['PWR-001, not answering: stale data', 'PWR-001', 'cr1', { cr1: 'unreachable' }, 'stale_data'],
    ['PWR-001, no PSU state reported', 'PWR-001', 'cr1', { cr1: observation() }, 'no_data'],
    ['PWR-001, a PSU of unknown state', 'PWR-001', 'cr1', { cr1: observation({ powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', 'unknown')] }) }, 'no_data'],
    ['PWR-004, not answering', 'PWR-004', 'ups1', { ups1: 'unreachable' }, 'stale_data'],
    ['PWR-004, no runtime reported', 'PWR-004', 'ups1', { ups1: ups({ minutesRemaining: null }) }, 'no_data'],
    ['PWR-005, not answering', 'PWR-005', 'ups1', { ups1: 'unreachable' }, 'stale_data'],
    ['PWR-005, an output source of its own', 'PWR-005', 'ups1', { ups1: ups({ outputSource: 'other' }) }, 'no_data'],
  ] as const)('%s', (_n, rule, id, devices, reason) => {
    const f = findings(rule, inv, { devices }).find((x) => x.subject.id === id);
    expect(f?.state).toBe('unknown');
    expect(f?.reason).toBe(reason);
  });

  it('PWR-001 shows only what it has: no expected count or device verdict when there is none', () => {
    const bare = inventoryFromObject({ sites: [{ id: 'bj', class: 'PC-CORE' }], devices: [{ id: 'cr9', site: 'bj', role: 'core', snmp: { host: '10.0.0.3', credentials: 'c' } }] });
    const f = findings('PWR-001', bare, { devices: { cr9: observation({ powerSupplies: [psu('PSU 1', 'ok'), psu('PSU 2', 'ok')] }) } })[0];
    expect(f?.evidence.map((e) => e.what)).toEqual(['PSU PSU 1', 'PSU PSU 2']);
  });

  it('PWR-005 without a known start shows the source and the faults only', () => {
    const f = findings('PWR-005', inv, { devices: { ups1: ups({ outputSource: 'bypass' }) } })[0];
    expect(f?.evidence.map((e) => e.what)).toEqual(['output source', 'input line faults']);
  });

  it('PWR-004 judges a UPS that reports its state though the power chain does not name it, by the UPS minimum', () => {
    const loose = inventoryFromObject({ sites: [{ id: 'bj', class: 'PC-CORE' }], devices: [{ id: 'ups9', site: 'bj', role: 'ups', snmp: { host: '10.0.0.4', credentials: 'c' } }] });
    const f = findings('PWR-004', loose, { devices: { ups9: ups({ minutesRemaining: 20 }) } })[0];
    expect([f?.state, f?.explanation.en]).toEqual(['protected', 'ups9: 20 min of battery']);
    expect(findings('PWR-004', loose, { devices: { ups9: ups({ minutesRemaining: 14 }) } })[0]?.explanation.en).toBe('ups9: 14 min of battery, 15 min required');
  });
});

describe('PWR-001b: more of the mapping and the survivors', () => {
  const power = [
    { id: 'mains-1', kind: 'mains', site: 'bj' }, { id: 'mains-2', kind: 'mains', site: 'bj' },
    { id: 'panel-a', kind: 'panel', site: 'bj', upstream: ['mains-1'] },
    { id: 'pdu-a', kind: 'pdu', site: 'bj', upstream: ['panel-a'] }, { id: 'pdu-b', kind: 'pdu', site: 'bj', upstream: ['mains-2'] },
  ];
  const inv = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    power,
    devices: [
      { id: 'r3', site: 'bj', role: 'core', psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PSU 2', feed: 'pdu-a' }, { match: 'PSU 3', feed: 'pdu-b' }] },
      { id: 'nested', site: 'bj', role: 'core', psus: [{ match: 'PSU 1', feed: 'panel-a' }, { match: 'PSU 2', feed: 'pdu-a' }] },
      { id: 'typo', site: 'bj', role: 'core', psus: [{ match: 'PSU 1', feed: 'pdu-a' }, { match: 'PUS 2', feed: 'pdu-b' }] },
    ],
  });
  const obs = (...units: [string, Component['status']][]): ReturnType<typeof observation> => observation({ powerSupplies: units.map(([n, st]) => psu(n, st)) });
  it.each([
    ['PSU 3 pulled out (absent): the survivors on pdu-a are one PDU from an outage', obs(['PSU 1', 'ok'], ['PSU 2', 'ok'], ['PSU 3', 'absent']), 'unprotected'],
    ['PSU 3 of unknown state is not a failure: nothing to re-judge', obs(['PSU 1', 'ok'], ['PSU 2', 'ok'], ['PSU 3', 'unknown']), 'protected'],
  ] as const)('%s', (_n, o, want) => {
    expect(findings('PWR-001b', inv, { devices: { r3: o } }).find((f) => f.subject.id === 'r3')?.state).toBe(want);
  });

  it('names both feeds when one hangs under the other', () => {
    expect(findings('PWR-001b', inv, {}).find((f) => f.subject.id === 'nested')?.explanation.en)
      .toBe('nested: both PSUs (feeds panel-a and pdu-a) depend on distribution panel panel-a; one distribution panel failure takes it down');
  });

  it('shows a PSU the inventory names but the device does not as having no single match', () => {
    const f = findings('PWR-001b', inv, { devices: { typo: obs(['PSU 1', 'ok'], ['PSU 2', 'ok']) } }).find((x) => x.subject.id === 'typo');
    expect(f?.evidence).toContainEqual({ what: 'PSU PUS 2 on the device', value: 'no single match', observedAt: new Date(NOW - 1000).toISOString() });
  });

  it('an exact name is not also a part of a longer one (PSU 1 is not PSU 10)', () => {
    expect(unitsMatching('PSU 1', [psu('PSU 1', 'ok'), psu('PSU 10', 'ok')]).map((u) => u.name)).toEqual(['PSU 1']);
    // the device's own index as id, the name as the operator writes it
    const indexed: Component[] = [{ id: '1', name: 'PSU 1', status: 'ok', sources: [] }, { id: '10', name: 'PSU 10', status: 'ok', sources: [] }];
    expect(unitsMatching('PSU 1', indexed).map((u) => u.id)).toEqual(['1']);
    expect(unitsMatching('10', indexed).map((u) => u.id)).toEqual(['10']);
  });
});
