/** PWR-003 rectifier N+1 and the DC half of PWR-004, table-driven over DC plant observations. */
import { describe, expect, it } from 'vitest';
import type { DcPowerPlant } from '../../collect/observation.js';
import { deviceState, inventoryFromObject, observation, snapshotOf, type SyntheticSnapshot } from '../../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analyze.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject, type Policy } from '../policy.js';
import { buildSnapshot } from '../../snapshot/build.js';
import type { DeviceState } from '../../state/types.js';
import { RULES } from './index.js';
import { saidBy, type FindingView } from '../../../test/support/finding-view.js';
import { modulesNeeded } from './pwr-dc.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

const inv = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'acc', class: 'PC-ACC' }],
  devices: [
    { id: 'dc1', site: 'bj', role: 'dc-plant', snmp: { host: '10.0.0.8', credentials: 'c' } },
    { id: 'dc2', site: 'acc', role: 'dc-plant', snmp: { host: '10.0.0.7', credentials: 'c' } },
    { id: 'rect', site: 'bj', role: 'dc-plant', snmp: { host: '10.0.0.6', credentials: 'c' } },
  ],
  power: [{ id: 'rect-a', kind: 'rectifier', site: 'bj', device: 'rect' }],
});

const HEALTHY: DcPowerPlant = {
  source: 'eltek-sp2', rectifiers: { ok: 6, failed: 0, unknown: 0 }, moduleRatingAmps: null, loadAmps: 120, capacityUsedPercent: 40,
  battery: { state: 'float', minutesRemaining: 240, strings: 2 }, mains: 'ok',
};
const plant = (p: Partial<DcPowerPlant>, b: Partial<DcPowerPlant['battery']> = {}): DcPowerPlant => ({ ...HEALTHY, ...p, battery: { ...HEALTHY.battery, ...b } });

function verdict(rule: string, id: string, dcPower: DcPowerPlant[] | 'stale'): string | undefined {
  const devices = { [id]: dcPower === 'stale' ? ('stale' as const) : observation({ dcPower }) };
  const f = runAnalysis(snapshotOf(inv, { now: NOW, devices }), policy, NOW, RULES.filter((r) => r.id === rule)).findings.find((x) => x.subject.id === id);
  return f === undefined ? undefined : `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`;
}

describe('modulesNeeded', () => {
  it.each([
    ['load ÷ rating', plant({ loadAmps: 101, moduleRatingAmps: 50 }), 3],
    ['used capacity × installed', plant({ capacityUsedPercent: 40 }), 3],
    ['exactly full', plant({ capacityUsedPercent: 50, rectifiers: { ok: 4, failed: 0, unknown: 0 } }), 2],
    ['failed modules count as installed', plant({ capacityUsedPercent: 50, rectifiers: { ok: 3, failed: 1, unknown: 0 } }), 2],
    ['nothing to go on', plant({ capacityUsedPercent: null, loadAmps: 120 }), null],
  ] as const)('%s', (_n, p, want) => {
    expect(modulesNeeded(p)).toBe(want);
  });
});

describe('PWR-003 rectifier modules N+1', () => {
  it.each([
    ['6 ok, load needs 3: N+1', [plant({})], 'protected'],
    ['4 ok of 6 installed, load needs 3: no spare', [plant({ rectifiers: { ok: 3, failed: 3, unknown: 0 }, capacityUsedPercent: 40 })], 'degraded orange'],
    ['2 ok for a load of 3 modules', [plant({ rectifiers: { ok: 2, failed: 4, unknown: 0 } })], 'unprotected red'],
    ['by rating: 3 × 50 A for 101 A', [plant({ moduleRatingAmps: 50, loadAmps: 101, capacityUsedPercent: null, rectifiers: { ok: 3, failed: 0, unknown: 0 } })], 'degraded orange'],
    ['no load data', [plant({ capacityUsedPercent: null })], 'unknown yellow'],
    ['no module table', [plant({ rectifiers: null })], 'unknown yellow'],
  ] as const)('%s', (_n, dc, want) => {
    expect(verdict('PWR-003', 'dc1', [...dc])).toBe(want);
  });

  it('a rectifier of the power chain whose controller is stale is unknown', () => {
    expect(verdict('PWR-003', 'rect', 'stale')).toBe('unknown yellow');
  });

  it('a rectifier of the power chain without plant data is unknown, saying why', () => {
    const f = runAnalysis(snapshotOf(inv, { now: NOW, devices: { rect: observation({}) } }), policy, NOW, RULES.filter((r) => r.id === 'PWR-003')).findings.find((x) => x.subject.id === 'rect')!;
    expect(f.state).toBe('unknown');
    expect(f.explanation.en).toContain('no DC plant data');
    expect(f.explanation.zh).toContain('直流电源系统');
  });

  it('a device that is no DC plant is not judged', () => {
    expect(verdict('PWR-003', 'dc2', [])).toBeUndefined();
  });
});

describe('PWR-004, DC half', () => {
  it.each([
    ['240 min on CORE (≥ 60)', 'dc1', plant({}), 'protected'],
    ['exactly 60 min on CORE: enough', 'dc1', plant({}, { minutesRemaining: 60 }), 'protected'],
    ['59 min on CORE: not', 'dc1', plant({}, { minutesRemaining: 59 }), 'degraded orange'],
    ['45 min on CORE', 'dc1', plant({}, { minutesRemaining: 45 }), 'degraded orange'],
    ['100 min on ACC (≥ 120)', 'dc2', plant({}, { minutesRemaining: 100 }), 'degraded blue'],
    ['one battery string', 'dc1', plant({}, { strings: 1 }), 'unprotected red'],
    ['battery fault', 'dc1', plant({}, { state: 'fault' }), 'unprotected red'],
    ['minutes not reported', 'dc1', plant({}, { minutesRemaining: null }), 'unknown yellow'],
    ['strings not counted: judged on minutes', 'dc1', plant({}, { strings: null }), 'protected'],
  ] as const)('%s', (_n, id, p, want) => {
    expect(verdict('PWR-004', id, [p])).toBe(want);
  });

  it('explains in both languages with the numbers', () => {
    const f = runAnalysis(snapshotOf(inv, { now: NOW, devices: { dc1: observation({ dcPower: [plant({}, { minutesRemaining: 45 })] }) } }), policy, NOW, RULES.filter((r) => r.id === 'PWR-004')).findings[0]!;
    expect(f.explanation).toEqual({ en: 'dc1: 45 min of DC battery, 60 min required', zh: 'dc1：直流蓄电池后备 45 分钟，低于要求的 60 分钟' });
  });
});

describe('what PWR-003 and the DC half of PWR-004 say: evidence, sites and both sentences', () => {
  const said = (rule: string, devices: NonNullable<SyntheticSnapshot['devices']>): Record<string, FindingView> =>
    saidBy(runAnalysis(snapshotOf(inv, { now: NOW, devices }), policy, NOW, RULES.filter((r) => r.id === rule)).findings);
  const dc = (...p: DcPowerPlant[]): ReturnType<typeof observation> => observation({ dcPower: p });

  it('PWR-003: N+1; a chain rectifier whose controller is stale', () => {
    expect(said('PWR-003', { dc1: dc(plant({})), rect: 'stale' })).toEqual({
      dc1: {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'rectifier modules ok = 6 @ 2026-03-10T03:59:59.000Z',
          'rectifier modules failed = 0 @ 2026-03-10T03:59:59.000Z',
          'load (A) = 120 @ 2026-03-10T03:59:59.000Z',
          'module rating (A) = null @ 2026-03-10T03:59:59.000Z',
          'capacity used (%) = 40 @ 2026-03-10T03:59:59.000Z',
          'source = "eltek-sp2"',
          'modules needed for the load = 3',
          'spares required = 1',
        ],
        en: 'dc1: 6 working rectifier module(s) for a load that needs 3',
        zh: 'dc1：正常整流模块 6 个，负载需要 3 个，满足 N+1',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "stale" @ 2026-03-09T04:00:00.000Z',
        ],
        en: 'rect: DC plant state unknown; its data is stale (last answer 2026-03-09 12:00 (Asia/Shanghai))',
        zh: 'rect：直流电源系统状态未知，数据已过期（最后一次响应于 2026-03-09 12:00（Asia/Shanghai 时间））',
      },
    });
  });

  it('PWR-003: no spare module; a chain rectifier without plant data', () => {
    expect(said('PWR-003', { dc1: dc(plant({ rectifiers: { ok: 3, failed: 3, unknown: 0 }, capacityUsedPercent: 40 })), rect: observation({}) })).toEqual({
      dc1: {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'rectifier modules ok = 3 @ 2026-03-10T03:59:59.000Z',
          'rectifier modules failed = 3 @ 2026-03-10T03:59:59.000Z',
          'load (A) = 120 @ 2026-03-10T03:59:59.000Z',
          'module rating (A) = null @ 2026-03-10T03:59:59.000Z',
          'capacity used (%) = 40 @ 2026-03-10T03:59:59.000Z',
          'source = "eltek-sp2"',
          'modules needed for the load = 3',
          'spares required = 1',
        ],
        en: 'dc1: 3 working rectifier module(s), 3 carry the load and 1 spare(s) are required (N+1)',
        zh: 'dc1：正常整流模块 3 个，承载负载需 3 个，另需备用 1 个（N+1），冗余不足',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "fresh" @ 2026-03-10T03:59:59.000Z',
        ],
        en: 'rect: the controller reports no DC plant data (no profile reads its MIB)',
        zh: 'rect：监控单元未上报直流电源系统数据（无可读取其 MIB 的配置）',
      },
    });
  });

  it('PWR-003: too few modules for the load', () => {
    expect(said('PWR-003', { dc1: dc(plant({ rectifiers: { ok: 2, failed: 4, unknown: 0 } })) })).toEqual({
      dc1: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'rectifier modules ok = 2 @ 2026-03-10T03:59:59.000Z',
          'rectifier modules failed = 4 @ 2026-03-10T03:59:59.000Z',
          'load (A) = 120 @ 2026-03-10T03:59:59.000Z',
          'module rating (A) = null @ 2026-03-10T03:59:59.000Z',
          'capacity used (%) = 40 @ 2026-03-10T03:59:59.000Z',
          'source = "eltek-sp2"',
          'modules needed for the load = 3',
          'spares required = 1',
        ],
        en: 'dc1: 2 working rectifier module(s) but the load needs 3: no headroom at all',
        zh: 'dc1：正常整流模块 2 个，负载需要 3 个，已无任何余量',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "never"',
        ],
        en: 'rect: DC plant state unknown; it has never answered a poll',
        zh: 'rect：直流电源系统状态未知，从未响应轮询',
      },
    });
  });

  it('PWR-003: the load by module rating', () => {
    expect(said('PWR-003', { dc1: dc(plant({ moduleRatingAmps: 50, loadAmps: 101, capacityUsedPercent: null, rectifiers: { ok: 3, failed: 0, unknown: 0 } })) })).toEqual({
      dc1: {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'rectifier modules ok = 3 @ 2026-03-10T03:59:59.000Z',
          'rectifier modules failed = 0 @ 2026-03-10T03:59:59.000Z',
          'load (A) = 101 @ 2026-03-10T03:59:59.000Z',
          'module rating (A) = 50 @ 2026-03-10T03:59:59.000Z',
          'capacity used (%) = null @ 2026-03-10T03:59:59.000Z',
          'source = "eltek-sp2"',
          'modules needed for the load = 3',
          'spares required = 1',
        ],
        en: 'dc1: 3 working rectifier module(s), 3 carry the load and 1 spare(s) are required (N+1)',
        zh: 'dc1：正常整流模块 3 个，承载负载需 3 个，另需备用 1 个（N+1），冗余不足',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "never"',
        ],
        en: 'rect: DC plant state unknown; it has never answered a poll',
        zh: 'rect：直流电源系统状态未知，从未响应轮询',
      },
    });
  });

  it('PWR-003: no load data; no module table', () => {
    expect(said('PWR-003', { dc1: dc(plant({ capacityUsedPercent: null })), rect: dc(plant({ rectifiers: null })) })).toEqual({
      dc1: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rectifier modules ok = 6 @ 2026-03-10T03:59:59.000Z',
          'rectifier modules failed = 0 @ 2026-03-10T03:59:59.000Z',
          'load (A) = 120 @ 2026-03-10T03:59:59.000Z',
          'module rating (A) = null @ 2026-03-10T03:59:59.000Z',
          'capacity used (%) = null @ 2026-03-10T03:59:59.000Z',
          'source = "eltek-sp2"',
        ],
        en: 'dc1: neither the load with the module rating nor the used capacity is reported, so N+1 cannot be judged',
        zh: 'dc1：未上报负载电流与模块额定电流，也未上报容量占用率，无法判断 N+1 冗余',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rectifier modules ok = null @ 2026-03-10T03:59:59.000Z',
          'rectifier modules failed = null @ 2026-03-10T03:59:59.000Z',
          'load (A) = 120 @ 2026-03-10T03:59:59.000Z',
          'module rating (A) = null @ 2026-03-10T03:59:59.000Z',
          'capacity used (%) = 40 @ 2026-03-10T03:59:59.000Z',
          'source = "eltek-sp2"',
        ],
        en: 'rect: the controller does not report its rectifier modules',
        zh: 'rect：监控单元未上报整流模块状态',
      },
    });
  });

  it('PWR-003: modules of unknown state', () => {
    expect(said('PWR-003', { dc1: dc(plant({ rectifiers: { ok: 3, failed: 0, unknown: 2 } })) })).toEqual({
      dc1: {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'rectifier modules ok = 3 @ 2026-03-10T03:59:59.000Z',
          'rectifier modules failed = 0 @ 2026-03-10T03:59:59.000Z',
          'load (A) = 120 @ 2026-03-10T03:59:59.000Z',
          'module rating (A) = null @ 2026-03-10T03:59:59.000Z',
          'capacity used (%) = 40 @ 2026-03-10T03:59:59.000Z',
          'source = "eltek-sp2"',
          'modules needed for the load = 2',
          'spares required = 1',
        ],
        en: 'dc1: 3 working rectifier module(s) for a load that needs 2',
        zh: 'dc1：正常整流模块 3 个，负载需要 2 个，满足 N+1',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "never"',
        ],
        en: 'rect: DC plant state unknown; it has never answered a poll',
        zh: 'rect：直流电源系统状态未知，从未响应轮询',
      },
    });
  });

  it('PWR-004 DC: enough minutes; too few for the class', () => {
    expect(said('PWR-004', { dc1: dc(plant({})), dc2: dc(plant({}, { minutesRemaining: 100 })) })).toEqual({
      dc1: {
        verdict: 'protected', severity: null, reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'battery state = "float" @ 2026-03-10T03:59:59.000Z',
          'battery strings = 2 @ 2026-03-10T03:59:59.000Z',
          'minutes remaining = 240 @ 2026-03-10T03:59:59.000Z',
          'minimum minutes = 60',
          'source = "eltek-sp2"',
        ],
        en: 'dc1: 240 min of DC battery (float)',
        zh: 'dc1：直流蓄电池后备 240 分钟（浮充）',
      },
      dc2: {
        verdict: 'degraded blue', severity: 'degraded', reason: null, site: 'acc', sites: ['acc'],
        evidence: [
          'battery state = "float" @ 2026-03-10T03:59:59.000Z',
          'battery strings = 2 @ 2026-03-10T03:59:59.000Z',
          'minutes remaining = 100 @ 2026-03-10T03:59:59.000Z',
          'minimum minutes = 120',
          'source = "eltek-sp2"',
        ],
        en: 'dc2: 100 min of DC battery, 120 min required',
        zh: 'dc2：直流蓄电池后备 100 分钟，低于要求的 120 分钟',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "never"',
        ],
        en: 'rect: battery state unknown; it has never answered a poll',
        zh: 'rect：电池状态未知，从未响应轮询',
      },
    });
  });

  it('PWR-004 DC: too few minutes on CORE', () => {
    expect(said('PWR-004', { dc1: dc(plant({}, { minutesRemaining: 45 })) })).toEqual({
      dc1: {
        verdict: 'degraded orange', severity: 'degraded', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'battery state = "float" @ 2026-03-10T03:59:59.000Z',
          'battery strings = 2 @ 2026-03-10T03:59:59.000Z',
          'minutes remaining = 45 @ 2026-03-10T03:59:59.000Z',
          'minimum minutes = 60',
          'source = "eltek-sp2"',
        ],
        en: 'dc1: 45 min of DC battery, 60 min required',
        zh: 'dc1：直流蓄电池后备 45 分钟，低于要求的 60 分钟',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "never"',
        ],
        en: 'rect: battery state unknown; it has never answered a poll',
        zh: 'rect：电池状态未知，从未响应轮询',
      },
    });
  });

  it('PWR-004 DC: one battery string', () => {
    expect(said('PWR-004', { dc1: dc(plant({}, { strings: 1 })) })).toEqual({
      dc1: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'battery state = "float" @ 2026-03-10T03:59:59.000Z',
          'battery strings = 1 @ 2026-03-10T03:59:59.000Z',
          'minutes remaining = 240 @ 2026-03-10T03:59:59.000Z',
          'minimum minutes = 60',
          'source = "eltek-sp2"',
        ],
        en: 'dc1: 1 battery string; one string is a single point of failure (≥ 2 required)',
        zh: 'dc1：仅 1 组蓄电池，单组即为单点故障（要求不少于 2 组）',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "never"',
        ],
        en: 'rect: battery state unknown; it has never answered a poll',
        zh: 'rect：电池状态未知，从未响应轮询',
      },
    });
  });

  it('PWR-004 DC: a battery fault', () => {
    expect(said('PWR-004', { dc1: dc(plant({}, { state: 'fault' })) })).toEqual({
      dc1: {
        verdict: 'unprotected red', severity: 'spof', reason: null, site: 'bj', sites: ['bj'],
        evidence: [
          'battery state = "fault" @ 2026-03-10T03:59:59.000Z',
          'battery strings = 2 @ 2026-03-10T03:59:59.000Z',
          'minutes remaining = 240 @ 2026-03-10T03:59:59.000Z',
          'minimum minutes = 60',
          'source = "eltek-sp2"',
        ],
        en: 'dc1: the battery is in fault; a mains failure now drops the load',
        zh: 'dc1：蓄电池故障，此时市电中断将直接导致负载断电',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "never"',
        ],
        en: 'rect: battery state unknown; it has never answered a poll',
        zh: 'rect：电池状态未知，从未响应轮询',
      },
    });
  });

  it('PWR-004 DC: minutes not reported; strings not counted', () => {
    expect(said('PWR-004', { dc1: dc(plant({}, { minutesRemaining: null })), dc2: dc(plant({}, { strings: null, minutesRemaining: 200 })) })).toEqual({
      dc1: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'no_data', site: 'bj', sites: ['bj'],
        evidence: [
          'battery state = "float" @ 2026-03-10T03:59:59.000Z',
          'battery strings = 2 @ 2026-03-10T03:59:59.000Z',
          'minutes remaining = null @ 2026-03-10T03:59:59.000Z',
          'minimum minutes = 60',
          'source = "eltek-sp2"',
        ],
        en: 'dc1: the controller does not report the battery\'s remaining minutes',
        zh: 'dc1：监控单元未上报蓄电池后备时长',
      },
      dc2: {
        verdict: 'protected', severity: null, reason: null, site: 'acc', sites: ['acc'],
        evidence: [
          'battery state = "float" @ 2026-03-10T03:59:59.000Z',
          'battery strings = null @ 2026-03-10T03:59:59.000Z',
          'minutes remaining = 200 @ 2026-03-10T03:59:59.000Z',
          'minimum minutes = 120',
          'source = "eltek-sp2"',
        ],
        en: 'dc2: 200 min of DC battery (float)',
        zh: 'dc2：直流蓄电池后备 200 分钟（浮充）',
      },
      rect: {
        verdict: 'unknown yellow', severity: 'evidenceGap', reason: 'stale_data', site: 'bj', sites: ['bj'],
        evidence: [
          'rect data = "never"',
        ],
        en: 'rect: battery state unknown; it has never answered a poll',
        zh: 'rect：电池状态未知，从未响应轮询',
      },
    });
  });
});

describe('which devices count as DC plants, site overrides and the special-period factor', () => {
  const net = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    devices: [
      { id: 'dc1', site: 'bj', role: 'dc-plant', snmp: { host: '10.0.0.8', credentials: 'c' } },
      { id: 'ups1', site: 'bj', role: 'ups', snmp: { host: '10.0.0.9', credentials: 'c' } },
      { id: 'rect2', site: 'bj', role: 'dc-plant' },
    ],
    power: [{ id: 'ups-a', kind: 'ups', site: 'bj', device: 'ups1' }, { id: 'rect-b', kind: 'rectifier', site: 'bj', device: 'rect2' }],
  });
  const judge = (rule: string, states: DeviceState[], p: Policy = policy): Record<string, string> =>
    Object.fromEntries(runAnalysis(buildSnapshot(net, states, [], NOW, { pollIntervalMs: 60_000 }), p, NOW, RULES.filter((r) => r.id === rule)).findings
      .map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}: ${f.explanation.en}`]));
  const withPolicy = (o: Record<string, unknown>): Policy => {
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;
    raw['overrides'] = [{ ...o, reason: 'test' }];
    return policyFromObject(raw);
  };

  it('a device the power chain ties to a UPS, and a chain rectifier without an SNMP target, are not judged as DC plants', () => {
    expect(judge('PWR-003', [deviceState('ups1', observation(), NOW - 1000)])).toEqual({});
  });

  it('a site override silences PWR-003 and the DC half of PWR-004 there', () => {
    const st = deviceState('dc1', observation({ dcPower: [plant({})] }), NOW - 1000);
    expect(judge('PWR-003', [st])['dc1']).toBe('protected: dc1: 6 working rectifier module(s) for a load that needs 3');
    expect(judge('PWR-004', [st])['dc1']).toBe('protected: dc1: 240 min of DC battery (float)');
    expect(judge('PWR-003', [st], withPolicy({ rule: 'PWR-003', site: 'bj', enabled: false }))).toEqual({});
    expect(judge('PWR-004', [st], withPolicy({ rule: 'PWR-004', site: 'bj', enabled: false }))).toEqual({});
  });

  it('the DC minimum is the class minimum times the factor (1.2 in special periods)', () => {
    const at = (minutes: number): DeviceState => deviceState('dc1', observation({ dcPower: [plant({}, { minutesRemaining: minutes })] }), NOW - 1000);
    const p = withPolicy({ rule: 'PWR-004', class: 'PC-CORE', thresholds: { factor: 1.2 } });
    expect(judge('PWR-004', [at(72)], p)['dc1']).toBe('protected: dc1: 72 min of DC battery (float)');
    expect(judge('PWR-004', [at(71.9)], p)['dc1']).toBe('degraded orange: dc1: 71.9 min of DC battery, 72 min required');
  });
});

describe('modulesNeeded, when the data is partial', () => {
  it.each([
    ['a rating without a load: from the used capacity', plant({ loadAmps: null, moduleRatingAmps: 50, capacityUsedPercent: 40 }), 3],
    ['a rating of 0 is no rating', plant({ loadAmps: 120, moduleRatingAmps: 0, capacityUsedPercent: 40 }), 3],
    ['no module installed: nothing to go on', plant({ rectifiers: { ok: 0, failed: 0, unknown: 0 }, capacityUsedPercent: 40 }), null],
    ['no module table: nothing to go on', plant({ rectifiers: null, capacityUsedPercent: 40 }), null],
  ] as const)('%s', (_n, p, want) => {
    expect(modulesNeeded(p)).toBe(want);
  });
});
