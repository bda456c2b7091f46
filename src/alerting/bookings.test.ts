import { describe, expect, it } from 'vitest';
import type { Finding } from '../analysis/finding.js';
import { configSchema, type AlertingConfig } from '../config/schema.js';
import { alert, MIN } from '../../test/support/alert-builders.js';
import { finding } from '../../test/support/hazard-builders.js';
import { applySilences, silences, type BookedWindow, type BookingMeta, type Bookings, type RosterOverride, type Silence } from './bookings.js';
import { EMPTY_ALERTING, step, type AlertingState, type StepInput } from './engine.js';
import { dutyTimeline } from './roster-view.js';
import type { Notification } from './types.js';

const T0 = Date.parse('2026-12-07T02:00:00Z'); // Monday 10:00 in Shanghai
const ZONE = 'Asia/Shanghai';

function alerting(extra: Record<string, unknown> = {}): AlertingConfig {
  return configSchema.parse({
    version: 1,
    alerting: {
      receivers: [{ name: 'noc', type: 'webhook' }, { name: 'lead', type: 'webhook' }, { name: 'amy', type: 'webhook' }, { name: 'bob', type: 'webhook' }],
      route: { receivers: ['noc'], groupBy: ['site'], groupWaitSeconds: 0, groupIntervalSeconds: 60 },
      ...extra,
    },
  }).alerting;
}

const meta = (id: string, over: Partial<BookingMeta> = {}): BookingMeta => ({ id, version: 1, createdAt: T0, createdBy: 'op', updatedAt: T0, updatedBy: 'op', closedAt: null, closedBy: null, closedHow: null, ...over });
const devices: StepInput['devices'] = [{ id: 'cr1', site: 'sh-core', class: 'PC-CORE' }, { id: 'acc1', site: 'sh-east', class: 'PC-ACC' }];
const NONE: Bookings = { windows: [], silences: [], overrides: [] };

const core = finding();
const edge = finding({ subject: { kind: 'device', id: 'acc1' }, site: 'sh-east', class: 'PC-ACC' });

/** Runs steps at minutes, each with the bookings as they stand then; state round-trips through JSON. */
function run(config: AlertingConfig, steps: readonly [number, Bookings][], findings: readonly Finding[] = [core, edge]): { sent: Notification[]; state: AlertingState; silenced: string[][] } {
  let state = EMPTY_ALERTING;
  const sent: Notification[] = [];
  const silenced: string[][] = [];
  for (const [m, booked] of steps) {
    const r = step(state, { findings, hazards: [], parentsOf: () => [], devices, periods: [], timeZone: ZONE, booked }, T0 + m * MIN, config);
    state = JSON.parse(JSON.stringify(r.state)) as AlertingState;
    sent.push(...r.notifications);
    silenced.push(r.silenced);
  }
  return { sent, state, silenced };
}
const pages = (sent: readonly Notification[], key: string) => sent.filter((n) => n.alerts.some((a) => a.key === key && a.endsAt === null)).map((n) => [n.reason, (n.at - T0) / MIN]);

describe('booked maintenance windows in the engine', () => {
  const booked = (over: Partial<BookedWindow> = {}): BookedWindow => ({
    ...meta('mw-1'), mode: 'mute', scope: { device: ['cr1'] }, operationPlanRef: 'OP-7',
    schedule: { every: 'once', start: '2026-12-07T09:00', end: '2026-12-07T12:00' }, ...over,
  });

  it('mutes the alerts in its scope only, and sends what still fires when it is ended early', () => {
    const w = booked();
    const ended = booked({ version: 2, closedAt: T0 + 20 * MIN, closedBy: 'op', closedHow: 'ended' });
    const r = run(alerting(), [[0, { ...NONE, windows: [w] }], [1, { ...NONE, windows: [w] }], [19, { ...NONE, windows: [w] }], [20, { ...NONE, windows: [ended] }], [21, { ...NONE, windows: [ended] }]]);
    expect(pages(r.sent, edge.fingerprint)).toEqual([['new', 0]]);
    expect(pages(r.sent, core.fingerprint)).toEqual([['windowEnded', 20]]);
    expect(r.silenced[0]).toEqual([core.fingerprint]);
    expect(r.silenced[4]).toEqual([]);
  });

  it('counts at the step after it is booked, without anything else changing', () => {
    const r = run(alerting(), [[0, NONE], [5, { ...NONE, windows: [booked({ scope: { site: ['sh-east'] }, mode: 'skip' })] }], [6, { ...NONE, windows: [booked({ scope: { site: ['sh-east'] }, mode: 'skip' })] }]]);
    expect(r.silenced.map((s) => s.length)).toEqual([0, 1, 1]);
    expect(r.silenced[1]).toEqual([edge.fingerprint]);
  });

  it('a booked window on PC-CORE without an operation plan is itself a meta alert, until cancelled', () => {
    const noPlan: BookedWindow = { ...meta('mw-1'), mode: 'mute', scope: { device: ['cr1'] }, schedule: { every: 'once', start: '2026-12-08T01:00', end: '2026-12-08T03:00' } };
    const cancelled = { ...noPlan, version: 2, closedAt: T0 + 10 * MIN, closedBy: 'op', closedHow: 'cancelled' as const };
    const r = run(alerting(), [[0, { ...NONE, windows: [noPlan] }], [1, { ...NONE, windows: [noPlan] }], [10, { ...NONE, windows: [cancelled] }], [11, { ...NONE, windows: [cancelled] }]]);
    const metaPages = r.sent.filter((n) => n.alerts.some((a) => a.key === 'meta:window-without-plan:mw-1'));
    expect(metaPages.map((n) => [n.status, (n.at - T0) / MIN])).toEqual([['firing', 0], ['resolved', 10]]);
    const withPlan = run(alerting(), [[0, { ...NONE, windows: [booked({ schedule: noPlan.schedule })] }]]);
    expect(withPlan.sent.some((n) => n.alerts.some((a) => a.kind === 'meta'))).toBe(false);
  });
});

describe('silences', () => {
  const sil = (over: Partial<Silence> = {}): Silence => ({ ...meta('si-1'), matchers: [{ name: 'site', op: '=', value: 'sh-core' }], startsAt: T0, endsAt: T0 + 30 * MIN, comment: 'cutover', ...over });

  it('match on labels with =, !=, =~ and !~ (anchored), only while in force, never a meta alert', () => {
    const a = alert('k', { labels: { site: 'sh-core', rule: 'PWR-001' } });
    expect(silences(sil(), a, T0)).toBe(true);
    expect(silences(sil(), a, T0 - 1)).toBe(false);
    expect(silences(sil(), a, T0 + 30 * MIN)).toBe(false);
    expect(silences(sil({ closedAt: T0 + MIN }), a, T0 + 2 * MIN)).toBe(false);
    expect(silences(sil({ matchers: [{ name: 'rule', op: '=~', value: 'PWR-.*' }] }), a, T0)).toBe(true);
    expect(silences(sil({ matchers: [{ name: 'rule', op: '=~', value: 'PWR' }] }), a, T0)).toBe(false);
    expect(silences(sil({ matchers: [{ name: 'rule', op: '!~', value: 'NODE-.*' }, { name: 'site', op: '!=', value: 'sh-east' }] }), a, T0)).toBe(true);
    expect(silences(sil({ matchers: [{ name: 'site', op: '=', value: 'sh-core' }, { name: 'rule', op: '=', value: 'NODE-001' }] }), a, T0)).toBe(false);
    expect(silences(sil({ matchers: [{ name: 'alertname', op: '=~', value: '.*' }] }), alert('m', { kind: 'meta' }), T0)).toBe(false);
  });

  it('keep the matching alert raised but unsent, and send it again when the silence expires on its own', () => {
    const s = sil();
    const r = run(alerting(), [[0, { ...NONE, silences: [s] }], [10, { ...NONE, silences: [s] }], [30, { ...NONE, silences: [s] }], [31, { ...NONE, silences: [s] }]]);
    expect(pages(r.sent, core.fingerprint)).toEqual([['windowEnded', 30]]);
    expect(pages(r.sent, edge.fingerprint)).toEqual([['new', 0]]);
    expect(r.silenced[1]).toEqual([core.fingerprint]);
  });

  it('a silence expired by hand frees its alerts at once', () => {
    const held = applySilences({}, [alert('k', { labels: { site: 'sh-core' } })], [sil()], T0);
    expect([...held.silenced]).toEqual(['k']);
    const freed = applySilences(held.state, [alert('k', { labels: { site: 'sh-core' } })], [sil({ closedAt: T0 + MIN })], T0 + MIN);
    expect([...freed.released]).toEqual(['k']);
    expect(freed.state).toEqual({});
  });
});

describe('roster overrides', () => {
  const config = alerting({
    rosters: [{ name: 'duty', slots: [{ from: '08:00', to: '20:00', tiers: [['amy'], ['lead']] }, { from: '20:00', to: '08:00', tiers: [['bob'], ['lead']] }] }],
    route: { receivers: ['noc'], groupWaitSeconds: 0, routes: [{ match: { class: ['PC-CORE'] }, roster: 'duty' }] },
  });
  const swap = (over: Partial<RosterOverride> = {}): RosterOverride => ({ ...meta('ro-1'), roster: 'duty', replaces: 'amy', by: 'bob', from: T0 - MIN, to: T0 + 60 * MIN, reason: 'amy sick', ...over });

  it('page the stand-in while the override is in force, the rostered receiver otherwise', () => {
    const withSwap = run(config, [[0, { ...NONE, overrides: [swap()] }]], [core]);
    expect(withSwap.sent.map((n) => n.receiver)).toEqual(['bob']);
    const without = run(config, [[0, NONE]], [core]);
    expect(without.sent.map((n) => n.receiver)).toEqual(['amy']);
    const cancelled = run(config, [[0, { ...NONE, overrides: [swap({ closedAt: T0 - 1 })] }]], [core]);
    expect(cancelled.sent.map((n) => n.receiver)).toEqual(['amy']);
  });

  it('the effective roster over a day: slots in the operator zone, a special period, an override', () => {
    const roster = config.rosters[0]!;
    const special = { ...roster, specialPeriods: [{ kinds: ['holiday' as const], slots: [{ days: ['mon' as const, 'tue' as const, 'wed' as const, 'thu' as const, 'fri' as const, 'sat' as const, 'sun' as const], from: '00:00', to: '00:00', tiers: [['amy', 'bob'], ['lead']] }] }] };
    const holiday = { id: 'nd', kind: 'holiday' as const, name: 'National Day', startMs: Date.parse('2026-12-07T16:00:00Z'), endMs: Date.parse('2026-12-08T15:59:59.999Z') };
    const segs = dutyTimeline(special, T0, T0 + 24 * 60 * MIN, ZONE, [holiday], [swap({ from: T0 + 60 * MIN, to: T0 + 120 * MIN })]);
    const brief = segs.map((s) => [new Date(s.from).toISOString(), s.tiers.map((t) => t.join('+')).join(' > '), s.periods.join(), s.overrides.join()]);
    expect(brief).toEqual([
      ['2026-12-07T02:00:00.000Z', 'amy > lead', '', ''],
      ['2026-12-07T03:00:00.000Z', 'bob > lead', '', 'ro-1'],
      ['2026-12-07T04:00:00.000Z', 'amy > lead', '', ''],
      ['2026-12-07T12:00:00.000Z', 'bob > lead', '', ''],
      ['2026-12-07T16:00:00.000Z', 'amy+bob > lead', 'nd', ''],
    ]);
    expect(segs[segs.length - 1]!.to).toBe(T0 + 24 * 60 * MIN);
  });
});
