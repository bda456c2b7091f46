import { describe, expect, it } from 'vitest';
import { finding, hazard, T } from '../../test/support/hazard-builders.js';
import { alertKeyOf, alertsFrom } from './alerts.js';

const now = T('2026-12-04T16:30:00Z');
const base = { hazards: [], now, timeZone: 'Asia/Shanghai' } as const;

describe('alertsFrom', () => {
  it.each([
    ['unprotected', 'redundancyLost', 'warning', 'red'],
    ['degraded', 'redundancyLost', 'warning', 'red'],
    ['down', 'serviceDown', 'critical', 'red'],
  ] as const)('a %s finding is a %s alert (%s)', (state, kind, severity, colour) => {
    const [a, ...rest] = alertsFrom({ ...base, findings: [finding({ state })] });
    expect(rest).toHaveLength(0);
    expect(a).toMatchObject({ kind, severity, colour, endsAt: null, startsAt: now });
    expect(a!.labels).toMatchObject({ site: 'sh-core', class: 'PC-CORE', rule: 'NODE-001', device: 'cr1', measure: 'multipleNodes' });
  });

  it.each(['protected', 'unknown'] as const)('a %s finding raises nothing', (state) => {
    expect(alertsFrom({ ...base, findings: [finding({ state })] })).toEqual([]);
  });

  it('a waived finding raises nothing: the risk is accepted', () => {
    expect(alertsFrom({ ...base, findings: [finding({ waived: { reason: 'r', until: '2027-01-01' } })] })).toEqual([]);
  });

  it('an incident keeps its start time, shown in the operator zone with the zone named', () => {
    const f = finding({ state: 'down' });
    const started = T('2026-12-04T16:05:00Z');
    const [a] = alertsFrom({ ...base, findings: [f], incidents: { [alertKeyOf(f)]: started } });
    expect(a!.key).toBe('incident:device:cr1');
    expect(a!.startsAt).toBe(started);
    expect(a!.description.zh).toContain('2026-12-05 00:05（Asia/Shanghai 时间）');
    expect(a!.description.en).toContain('2026-12-05 00:05 (Asia/Shanghai)');
  });

  it('links the hazard that tracks the finding, with its console URL, and says whether it is acknowledged', () => {
    const f = finding();
    const open = alertsFrom({ ...base, findings: [f], hazards: [hazard({ id: 'HZ-7', fingerprint: f.fingerprint, status: 'open' })], consoleUrl: 'https://rl.example/' });
    expect(open[0]).toMatchObject({ hazardId: 'HZ-7', acknowledged: false });
    expect(open[0]!.description.en).toContain('https://rl.example/hazards/HZ-7');
    const acked = alertsFrom({ ...base, findings: [f], hazards: [hazard({ id: 'HZ-7', fingerprint: f.fingerprint, status: 'rectifying' })] });
    expect(acked[0]).toMatchObject({ hazardId: 'HZ-7', acknowledged: true });
    const closed = alertsFrom({ ...base, findings: [f], hazards: [hazard({ id: 'HZ-7', fingerprint: f.fingerprint, status: 'closed' })] });
    expect(closed[0]!.hazardId).toBeUndefined();
  });

  it('writes Chinese without English words (ids excepted)', () => {
    const [a] = alertsFrom({ ...base, findings: [finding({ state: 'degraded' })], hazards: [hazard({ id: 'HZ-1', fingerprint: 'NODE-001|device|cr1' })] });
    for (const text of [a!.summary.zh, a!.description.zh]) {
      const words = text.replace(/cr1|HZ-1|Asia\/Shanghai/g, '').match(/[A-Za-z]{2,}/g);
      expect(words).toBeNull();
    }
  });
});
