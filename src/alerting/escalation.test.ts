import { describe, expect, it } from 'vitest';
import type { AlertRouteConfig, RosterConfig } from '../config/schema.js';
import { alert, MIN } from '../../test/support/alert-builders.js';
import { EMPTY_ESCALATION, escalate, tiersFor, type EscalationState } from './escalation.js';
import { dutyNow, dutyTiers } from './roster.js';
import type { Alert, Notification } from './types.js';

const T0 = Date.parse('2026-12-07T02:00:00Z'); // Monday 10:00 in Shanghai
const SH = 'Asia/Shanghai';
const config = { colours: ['red', 'orange'] as ('red' | 'orange')[], afterMinutes: 15, tiers: [] };
const tiers = [['noc'], ['lead'], ['director']];

function run(steps: readonly [number, readonly Alert[]][], start: EscalationState = EMPTY_ESCALATION): { state: EscalationState; sent: Notification[] } {
  let state = start;
  const sent: Notification[] = [];
  for (const [m, alerts] of steps) {
    const r = escalate(state, alerts, T0 + m * MIN, config, () => tiers);
    state = JSON.parse(JSON.stringify(r.state)) as EscalationState;
    sent.push(...r.notifications);
  }
  return { state, sent };
}
const paged = (sent: readonly Notification[]) => sent.map((n) => [n.receiver, n.tier, (n.at - T0) / MIN]);

describe('escalate', () => {
  const red = alert('r', { colour: 'red', hazardId: 'HZ-1', acknowledged: false });
  it('pages the next tier after each interval while unacknowledged, up to the last tier', () => {
    expect(paged(run([[0, [red]], [14, [red]], [15, [red]], [29, [red]], [30, [red]], [90, [red]]]).sent)).toEqual([['lead', 1, 15], ['director', 2, 30]]);
  });

  it.each([
    ['a yellow alert', alert('y', { colour: 'yellow' }), 0],
    ['an incident without a colour', alert('i', { kind: 'serviceDown', colour: null }), 2],
    ['a meta alert', alert('m', { kind: 'meta', colour: null }), 0],
    ['an acknowledged red alert', alert('r', { colour: 'red', acknowledged: true }), 0],
  ])('%s escalates to %i tiers', (_what, a, count) => {
    expect(run([[0, [a]], [15, [a]], [30, [a]]]).sent).toHaveLength(count);
  });

  it('acknowledging stops it; reopening starts over', () => {
    const acked = { ...red, acknowledged: true };
    expect(paged(run([[0, [red]], [10, [acked]], [20, [acked]], [40, [red]], [54, [red]], [55, [red]]]).sent)).toEqual([['lead', 1, 55]]);
  });

  it('a clock jump forward pages every tier passed, once each', () => {
    expect(paged(run([[0, [red]], [600, [red]], [601, [red]]]).sent)).toEqual([['lead', 1, 600], ['director', 2, 600]]);
  });

  it('a clock jump back never pages a tier twice and does not wait out the jump', () => {
    const { sent } = run([[0, [red]], [15, [red]], [-300, [red]], [-290, [red]], [-285, [red]]]);
    expect(paged(sent)).toEqual([['lead', 1, 15], ['director', 2, -285]]);
  });
});

const roster: RosterConfig = {
  name: 'duty',
  slots: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:30', to: '17:30', tiers: [['day-noc'], ['day-lead']] },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '17:30', to: '08:30', tiers: [['night-noc']] },
    { days: ['sat', 'sun'], from: '00:00', to: '00:00', tiers: [['weekend']] },
  ],
  specialPeriods: [{ kinds: ['holiday'], slots: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '00:00', tiers: [['holiday-noc'], ['holiday-lead']] }] }],
};

describe('dutyTiers', () => {
  it.each([
    ['Monday 10:00', '2026-12-07T02:00:00Z', [], 'day-noc'],
    ['Monday 17:30 (end exclusive: the night slot)', '2026-12-07T09:30:00Z', [], 'night-noc'],
    ['Tuesday 03:00, past midnight in the night slot', '2026-12-07T19:00:00Z', [], 'night-noc'],
    ['Saturday 12:00: the first slot that covers it wins (night is 17:30–08:30)', '2026-12-12T04:00:00Z', [], 'weekend'],
    ['Monday 10:00 in a holiday: the special-period roster', '2026-12-07T02:00:00Z', [{ id: 'new-year', kind: 'holiday' as const }], 'holiday-noc'],
    ['Monday 10:00 in a major event: no special roster for it', '2026-12-07T02:00:00Z', [{ id: 'expo', kind: 'majorEvent' as const }], 'day-noc'],
  ])('%s', (_what, iso, periods, first) => {
    expect(dutyTiers(roster, Date.parse(iso), SH, periods)[0]).toEqual([first]);
  });

  it('gives a route on the roster its tiers for escalation', () => {
    const route: AlertRouteConfig = { receivers: ['noc'], routes: [{ match: { colour: ['red'] }, roster: 'duty' }] };
    const duty = dutyNow([roster], T0, SH, []);
    expect(tiersFor(alert('r', { colour: 'red' }), route, duty, [['x']])).toEqual([['day-noc'], ['day-lead']]);
    expect(tiersFor(alert('o'), route, duty, [['lead']])).toEqual([['noc'], ['lead']]);
  });
});
