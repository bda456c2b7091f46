/**
 * 动态清零: open hazards by colour and status, overdue, 重大隐患 without a complete plan, time to
 * close, closure rate and the daily trend in the operator's zone — with reopens counted exactly
 * from status events, and approximated (and said so) without them.
 */
import { describe, expect, it } from 'vitest';
import { hazard, T } from '../../test/support/hazard-builders.js';
import { clearance } from './clearance.js';
import type { HazardEvent } from './types.js';

/** 2026-12-10 12:00 in Shanghai. */
const now = T('2026-12-10T04:00:00Z');
const zone = 'Asia/Shanghai';
const day = (d: number, h = 10): number => T(`2026-12-${String(d).padStart(2, '0')}T${String(h - 8).padStart(2, '0')}:00:00Z`);

describe('clearance', () => {
  const hazards = [
    hazard({ id: 'a', colour: 'red', status: 'open', foundAt: day(9), deadline: day(16) }),
    hazard({ id: 'b', colour: 'red', status: 'rectifying', foundAt: day(1), deadline: day(8), grade: '重大隐患' }),
    hazard({ id: 'c', colour: 'orange', status: 'pendingVerification', foundAt: day(2), deadline: day(5), fixedAt: day(4) }),
    hazard({ id: 'd', colour: 'yellow', status: 'closed', foundAt: day(3), closedAt: day(7), deadline: day(20) }),
    hazard({ id: 'e', colour: 'blue', status: 'closed', foundAt: day(5), closedAt: day(6), deadline: day(30) }),
    hazard({ id: 'f', colour: 'blue', status: 'closed', foundAt: T('2026-10-01T00:00:00Z'), closedAt: T('2026-10-11T00:00:00Z'), deadline: T('2026-12-30T00:00:00Z') }),
  ];
  const r = clearance(hazards, now, { days: 7, timeZone: zone });

  it('counts open hazards by colour and status', () => {
    expect(r.open.total).toBe(3);
    expect(r.open.byColour).toEqual({ blue: 0, yellow: 0, orange: 1, red: 2 });
    expect(r.open.byStatus).toEqual({ open: 1, acknowledged: 0, rectifying: 1, pendingVerification: 1, reopened: 0 });
    expect(r.open.byColourAndStatus.red).toEqual({ open: 1, acknowledged: 0, rectifying: 1, pendingVerification: 0, reopened: 0 });
  });

  it('counts overdue by colour: fixed in time is not overdue', () => {
    expect(r.overdue).toEqual({ total: 1, byColour: { blue: 0, yellow: 0, orange: 0, red: 1 } });
  });

  it('lists 重大隐患 still open and those lacking a complete plan', () => {
    expect(r.major).toEqual({ open: 1, withoutCompletePlan: 1, withoutCompletePlanIds: ['b'] });
  });

  it('gives the window in the operator zone, what closed in it and the time to close', () => {
    expect(r.window).toEqual({ days: 7, from: T('2026-12-03T16:00:00Z'), to: now });
    expect(r.closedInWindow).toBe(2);
    expect(r.openedInWindow).toBe(2);
    expect(r.timeToClose).toEqual({ count: 2, medianDays: 2.5, p90Days: 4, meanDays: 2.5 });
    // open at the window's start: b, c, d (3); opened in it: e, a (2); closed: d, e
    expect(r.closureRate).toBeCloseTo(2 / 5);
  });

  it('draws the daily trend, days cut at midnight in the zone', () => {
    expect(r.trend.map((d) => d.date)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
    expect(r.trend.map((d) => [d.open, d.opened, d.closed])).toEqual([
      [3, 0, 0], [4, 1, 0], [3, 0, 1], [2, 0, 1], [2, 0, 0], [3, 1, 0], [3, 0, 0],
    ]);
    expect(r.reopenHistory).toBe('approximated');
  });

  it('puts a hazard found at 23:30 local on that local day, not the UTC one', () => {
    const late = hazard({ id: 'late', foundAt: T('2026-12-08T15:30:00Z') }); // 23:30 on the 8th in Shanghai
    const t = clearance([late], now, { days: 3, timeZone: zone }).trend;
    expect(t.map((d) => [d.date, d.opened])).toEqual([['2026-12-08', 1], ['2026-12-09', 0], ['2026-12-10', 0]]);
    const utc = clearance([late], now, { days: 3, timeZone: 'UTC' }).trend;
    expect(utc.map((d) => [d.date, d.opened])).toEqual([['2026-12-08', 1], ['2026-12-09', 0], ['2026-12-10', 0]]);
    const ny = clearance([hazard({ id: 'x', foundAt: T('2026-12-09T03:00:00Z') })], now, { days: 2, timeZone: 'America/New_York' }).trend;
    expect(ny.map((d) => [d.date, d.opened])).toEqual([['2026-12-08', 1], ['2026-12-09', 0]]);
  });

  it('counts reopens exactly from status events, and approximates without them', () => {
    const reopened = hazard({ id: 'r', status: 'reopened', foundAt: day(4), reopenCount: 1, closedAt: null });
    const events: Pick<HazardEvent, 'hazardId' | 'at' | 'kind' | 'from' | 'to'>[] = [
      { hazardId: 'r', at: day(4), kind: 'opened', to: 'open' },
      { hazardId: 'r', at: day(5), kind: 'status', from: 'pendingVerification', to: 'closed' },
      { hazardId: 'r', at: day(8), kind: 'status', from: 'closed', to: 'reopened' },
      { hazardId: 'other', at: day(6), kind: 'status', from: 'open', to: 'acknowledged' },
    ];
    const exact = clearance([reopened], now, { days: 7, timeZone: zone, events });
    expect(exact.reopenHistory).toBe('events');
    expect(exact.trend.map((d) => d.open)).toEqual([1, 0, 0, 0, 1, 1, 1]);
    expect(exact.trend.map((d) => d.opened)).toEqual([1, 0, 0, 0, 1, 0, 0]);
    expect(exact.closedInWindow).toBe(1);
    expect(exact.timeToClose.meanDays).toBeCloseTo(1);
    const approx = clearance([reopened], now, { days: 7, timeZone: zone });
    expect(approx.trend.map((d) => d.open)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(approx.closedInWindow).toBe(0);
  });

  it('has no rate or time to close when nothing was to close', () => {
    const empty = clearance([], now, { days: 1, timeZone: zone });
    expect(empty.closureRate).toBeNull();
    expect(empty.timeToClose).toEqual({ count: 0, medianDays: null, p90Days: null, meanDays: null });
    expect(empty.trend).toEqual([{ date: '2026-12-10', open: 0, opened: 0, closed: 0 }]);
  });

  it.each([
    [{ days: 0, timeZone: zone }, /days must be a whole number from 1 to 366, got 0/],
    [{ days: 1.5, timeZone: zone }, /got 1.5/],
    [{ days: 7, timeZone: 'Mars/Olympus' }, /timeZone must be an IANA zone .* got "Mars\/Olympus"/],
  ])('refuses bad options %j', (opts, message) => {
    expect(() => clearance([], now, opts)).toThrow(message);
  });

  it('a window longer than the history starts empty', () => {
    expect(clearance(hazards, now, { days: 90, timeZone: zone }).trend[0]).toEqual({ date: '2026-09-12', open: 0, opened: 0, closed: 0 });
  });
});
