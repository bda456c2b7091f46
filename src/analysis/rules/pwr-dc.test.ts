/** PWR-003 rectifier N+1 and the DC half of PWR-004, table-driven over DC plant observations. */
import { describe, expect, it } from 'vitest';
import type { DcPowerPlant } from '../../collect/observation.js';
import { inventoryFromObject, observation, snapshotOf } from '../../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy.js';
import { RULES } from './index.js';
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
