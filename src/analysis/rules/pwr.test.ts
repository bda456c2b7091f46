/** PWR rules, table-driven: PSU count (empty bays stay silent), feed independence through the power chain, utility feeds, battery, UPS path. */
import { describe, expect, it } from 'vitest';
import type { Component, DcPowerPlant, PowerInput, RedundancyState, SiteSensor, UpsState } from '../../collect/observation.js';
import type { Inventory } from '../../inventory/model.js';
import { inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy.js';
import { RULES } from './index.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

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
