import { describe, expect, it } from 'vitest';
import type { Finding } from '../analysis/finding.js';
import { configSchema, type AlertingConfig } from '../config/schema.js';
import type { Hazard } from '../ledger/types.js';
import { finding, hazard } from '../../test/support/hazard-builders.js';
import { MIN } from '../../test/support/alert-builders.js';
import { EMPTY_ALERTING, step, type AlertingState, type StepInput } from './engine.js';
import type { Notification } from './types.js';

const T0 = Date.parse('2026-12-07T02:00:00Z'); // Monday 10:00 in Shanghai

function alerting(extra: Record<string, unknown> = {}): AlertingConfig {
  return configSchema.parse({
    version: 1,
    alerting: {
      receivers: [{ name: 'noc', type: 'webhook' }, { name: 'lead', type: 'webhook' }],
      route: { receivers: ['noc'], groupBy: ['site'], groupWaitSeconds: 30, groupIntervalSeconds: 300 },
      escalation: { tiers: [['lead']], afterMinutes: 15 },
      ...extra,
    },
  }).alerting;
}

const input = (findings: readonly Finding[], hazards: readonly Hazard[] = [], over: Partial<StepInput> = {}): StepInput => ({
  findings, hazards, parentsOf: () => [], devices: [{ id: 'cr1', site: 'sh-core', class: 'PC-CORE' }], periods: [], timeZone: 'Asia/Shanghai', ...over,
});

/** Runs steps (minute, input), round-tripping the state through JSON as the outbox would. */
function run(config: AlertingConfig, steps: readonly [number, StepInput][]): { sent: Notification[]; state: AlertingState } {
  let state = EMPTY_ALERTING;
  const sent: Notification[] = [];
  for (const [m, inp] of steps) {
    const r = step(state, inp, T0 + m * MIN, config);
    state = JSON.parse(JSON.stringify(r.state)) as AlertingState;
    sent.push(...r.notifications);
  }
  return { sent, state };
}
const brief = (sent: readonly Notification[]) => sent.map((n) => [n.receiver, n.reason, n.status, (n.at - T0) / MIN]);

describe('step', () => {
  const f = finding();
  const open = hazard({ id: 'HZ-1', fingerprint: f.fingerprint, status: 'open' });
  const acked = { ...open, status: 'acknowledged' as const };

  it('raises, escalates while unacknowledged, stops once acknowledged, resolves when protected', () => {
    const { sent, state } = run(alerting(), [
      [0, input([f], [open])], [1, input([f], [open])], [16, input([f], [open])],
      [20, input([f], [acked])], [40, input([f], [acked])],
      [50, input([finding({ state: 'protected' })], [acked])], [56, input([], [])],
    ]);
    expect(brief(sent)).toEqual([['noc', 'new', 'firing', 1], ['lead', 'escalation', 'firing', 16], ['noc', 'changed', 'resolved', 50]]);
    expect(sent[0]!.alerts[0]).toMatchObject({ hazardId: 'HZ-1', kind: 'redundancyLost', severity: 'warning', colour: 'red' });
    expect(state.dispatch.groups).toEqual({});
  });

  it('clock jumps back then forward: no duplicate page, no stall, each tier once', () => {
    const { sent } = run(alerting(), [[0, input([f], [open])], [1, input([f], [open])], [-600, input([f], [open])], [-599, input([f], [open])], [1440, input([f], [open])], [1441, input([f], [open])]]);
    expect(brief(sent)).toEqual([['noc', 'new', 'firing', 1], ['noc', 'repeat', 'firing', 1440], ['lead', 'escalation', 'firing', 1440]]);
  });

  it('keeps an alert start time across passes', () => {
    const down = finding({ state: 'down' });
    let state = EMPTY_ALERTING;
    state = step(state, input([down]), T0, alerting()).state;
    const later = step(state, input([down]), T0 + 10 * MIN, alerting());
    expect(later.alerts[0]!.startsAt).toBe(T0);
  });

  it('sends nothing without a route, but still tracks', () => {
    const config = configSchema.parse({ version: 1 }).alerting;
    const r = run(config, [[0, input([f])], [5, input([f])]]);
    expect(r.sent).toEqual([]);
    expect(Object.keys(r.state.firstSeen)).toEqual([f.fingerprint]);
  });

  it('a down device suppresses its component alerts: one page', () => {
    const psu = finding({ rule: 'PWR-001', measure: 'multiplePower' });
    const down = finding({ rule: 'NODE-002', state: 'down' });
    const { sent } = run(alerting(), [[0, input([psu, down])], [1, input([psu, down])]]);
    expect(sent.filter((n) => n.reason === 'new').flatMap((n) => n.alerts.map((a) => a.key))).toEqual(['incident:device:cr1']);
  });

  it('a skip window on the site keeps it quiet, flags a PC-CORE window without a plan, and sends what still fires when it ends', () => {
    const config = alerting({ windows: [{ id: 'cut-1', mode: 'skip', scope: { site: ['sh-core'] }, schedule: { every: 'once', start: '2026-12-07T09:55', end: '2026-12-07T10:30' } }] });
    const r = run(config, [[0, input([f])], [1, input([f])], [20, input([f])], [30, input([f])], [31, input([f])]]);
    const firstPage = r.sent.filter((n) => n.alerts.some((a) => a.key === f.fingerprint));
    expect(brief(firstPage)).toEqual([['noc', 'windowEnded', 'firing', 30]]);
    const meta = r.sent.filter((n) => n.alerts.some((a) => a.key === 'meta:window-without-plan:cut-1'));
    expect(meta.length).toBeGreaterThan(0);
  });

  it('a roster with nobody on duty raises a meta alert that reaches the root receivers', () => {
    const config = alerting({ rosters: [{ name: 'nights', slots: [{ from: '20:00', to: '08:00', tiers: [['lead']] }] }], route: { receivers: ['noc'], routes: [{ match: { colour: ['red'] }, roster: 'nights' }] } });
    const r = run(config, [[0, input([f])], [1, input([f])]]);
    expect(r.sent.map((n) => [n.receiver, n.alerts.map((a) => a.key)])).toEqual([['noc', ['meta:nobody-on-duty:nights']]]);
  });

  it('in a special period a red alert pages at once and a nil report goes out at 09:00 local', () => {
    const config = alerting({ nilReport: { at: '09:00', receivers: ['lead'] } });
    const periods = [{ id: 'nd', kind: 'holiday' as const, name: 'National Day' }];
    const r = run(config, [[0, input([f], [], { periods })]]);
    expect(brief(r.sent).sort()).toEqual([['lead', 'nilReport', 'firing', 0], ['noc', 'new', 'firing', 0]]);
  });
});
