import { describe, expect, it } from 'vitest';
import type { MaintenanceWindowConfig } from '../config/schema.js';
import { alert, MIN } from '../../test/support/alert-builders.js';
import { applyWindows, EMPTY_WINDOWS, occurrenceAt, windowMetaAlerts, type WindowState } from './windows.js';

const SH = 'Asia/Shanghai';
const at = (iso: string): number => Date.parse(iso);
const win = (over: Partial<MaintenanceWindowConfig> & Pick<MaintenanceWindowConfig, 'schedule'>): MaintenanceWindowConfig => ({ id: 'w1', mode: 'mute', scope: {}, ...over });

describe('occurrenceAt', () => {
  const once = win({ schedule: { every: 'once', start: '2026-12-06T01:00', end: '2026-12-06T05:00' } });
  const sundays = win({ schedule: { every: 'weekly', days: ['sun'], at: '23:00', durationMinutes: 240 } });
  const berlinNightly = win({ schedule: { every: 'daily', at: '02:00', durationMinutes: 60 } });
  it.each([
    ['before a one-off window (booked ahead)', once, SH, '2026-12-05T16:59:00Z', false],
    ['inside a one-off window', once, SH, '2026-12-05T17:00:00Z', true],
    ['at its end (exclusive)', once, SH, '2026-12-05T21:00:00Z', false],
    ['a weekly window on its Sunday night, local', sundays, SH, '2026-12-06T15:30:00Z', true],
    ['the same window running past midnight into Monday', sundays, SH, '2026-12-06T18:59:00Z', true],
    ['a Monday night: not a Sunday', sundays, SH, '2026-12-07T15:30:00Z', false],
    ['a nightly window on the spring-forward night starts when 02:00 would be: 03:00 CEST', berlinNightly, 'Europe/Berlin', '2026-03-29T01:30:00Z', true],
    ['… and lasts one real hour', berlinNightly, 'Europe/Berlin', '2026-03-29T02:00:00Z', false],
    ['a nightly window in summer starts at 02:00 CEST', berlinNightly, 'Europe/Berlin', '2026-07-01T00:10:00Z', true],
    ['and on the autumn night at the first 02:00', berlinNightly, 'Europe/Berlin', '2026-10-25T00:30:00Z', true],
  ] as const)('%s', (_what, w, zone, iso, inside) => {
    expect(occurrenceAt(w, at(iso), zone) !== null).toBe(inside);
  });

  it('respects from and until', () => {
    const w = win({ schedule: { every: 'daily', at: '01:00', durationMinutes: 60, from: '2026-12-10', until: '2026-12-11' } });
    expect(occurrenceAt(w, at('2026-12-08T17:30:00Z'), SH)).toBeNull();
    expect(occurrenceAt(w, at('2026-12-09T17:30:00Z'), SH)).not.toBeNull();
    expect(occurrenceAt(w, at('2026-12-11T17:30:00Z'), SH)).toBeNull();
  });
});

describe('applyWindows', () => {
  const now = at('2026-12-05T18:00:00Z');
  const open = { every: 'once', start: '2026-12-06T01:00', end: '2026-12-06T05:00' } as const;
  const a = alert('a', { labels: { site: 'sh' } });
  const b = alert('b', { labels: { site: 'bj' } });
  const meta = alert('meta:x', { kind: 'meta', labels: { site: 'sh' } });

  it('mute: raised, not sent; skip: not raised either; meta alerts never held', () => {
    const mute = applyWindows(EMPTY_WINDOWS, [a, b, meta], [win({ scope: { site: ['sh'] }, schedule: open })], now, SH);
    expect(mute.raised.map((x) => x.key)).toEqual(['a', 'b', 'meta:x']);
    expect([...mute.silenced]).toEqual(['a']);
    const skip = applyWindows(EMPTY_WINDOWS, [a, b], [win({ mode: 'skip', scope: { site: ['sh'] }, schedule: open })], now, SH);
    expect(skip.raised.map((x) => x.key)).toEqual(['b']);
    expect([...skip.silenced]).toEqual(['a']);
  });

  it('scopes by colour (risk group), class and device', () => {
    const red = alert('r', { colour: 'red' });
    const w = [win({ scope: { colour: ['red'], class: ['PC-CORE'], device: ['cr1'] }, schedule: open })];
    expect([...applyWindows(EMPTY_WINDOWS, [a, red], w, now, SH).silenced]).toEqual(['r']);
  });

  it('scopes by shared risk group through the devices in it', () => {
    const w = [win({ scope: { riskGroup: ['duct:D-7'] }, schedule: open })];
    const devices = [{ id: 'cr1', site: 'sh', class: 'PC-CORE' as const, riskGroups: ['site:sh', 'duct:D-7'] }, { id: 'cr2', site: 'sh', class: 'PC-CORE' as const, riskGroups: ['site:sh'] }];
    const inDuct = alert('x', { labels: { device: 'cr1' } });
    const elsewhere = alert('y', { labels: { device: 'cr2' } });
    expect([...applyWindows(EMPTY_WINDOWS, [inDuct, elsewhere], w, now, SH, devices).silenced]).toEqual(['x']);
    expect(windowMetaAlerts(w, devices, now, SH)).toHaveLength(1);
    expect(windowMetaAlerts(w, devices.slice(1), now, SH)).toHaveLength(0);
  });

  it('when the window ends, what still fires is released; what stopped firing is not', () => {
    const w = [win({ scope: { site: ['sh'] }, schedule: open })];
    const during = applyWindows(EMPTY_WINDOWS, [a, alert('c', { labels: { site: 'sh' } })], w, now, SH);
    const state = JSON.parse(JSON.stringify(during.state)) as WindowState;
    const after = applyWindows(state, [a], w, at('2026-12-05T21:00:00Z'), SH);
    expect([...after.released]).toEqual(['a']);
    expect(after.silenced.size).toBe(0);
  });

  it('a clock jump back into the window holds the alert again', () => {
    const w = [win({ scope: { site: ['sh'] }, schedule: open })];
    const after = applyWindows(EMPTY_WINDOWS, [a], w, at('2026-12-05T22:00:00Z'), SH);
    expect(after.silenced.size).toBe(0);
    const back = applyWindows(after.state, [a], w, now - 10 * MIN, SH);
    expect([...back.silenced]).toEqual(['a']);
  });
});

describe('windowMetaAlerts', () => {
  const devices = [{ id: 'cr1', site: 'sh', class: 'PC-CORE' as const }, { id: 'acc1', site: 'bj', class: 'PC-ACC' as const }];
  const schedule = { every: 'once', start: '2026-12-06T01:00', end: '2026-12-06T05:00' } as const;
  const now = at('2026-12-01T00:00:00Z');
  it.each([
    ['a window on a core site without a plan is flagged while booked', win({ scope: { site: ['sh'] }, schedule }), now, 1],
    ['with a plan reference it is not', win({ scope: { site: ['sh'] }, schedule, operationPlanRef: 'OP-2026-118' }), now, 0],
    ['a window that touches no core element is not', win({ scope: { site: ['bj'] }, schedule }), now, 0],
    ['a window on all devices touches the core', win({ scope: {}, schedule }), now, 1],
    ['once the window is over the flag clears', win({ scope: { device: ['cr1'] }, schedule }), at('2026-12-06T00:00:00Z'), 0],
  ])('%s', (_what, w, t, count) => {
    const metas = windowMetaAlerts([w], devices, t, SH);
    expect(metas).toHaveLength(count);
    if (count > 0) expect(metas[0]).toMatchObject({ key: 'meta:window-without-plan:w1', kind: 'meta' });
  });
});
