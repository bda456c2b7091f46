import { describe, expect, it } from 'vitest';
import type { AlertRouteConfig } from '../config/schema.js';
import { alert, MIN } from '../../test/support/alert-builders.js';
import { dispatch, EMPTY_DISPATCH, routesFor, type DispatchOptions, type DispatchState } from './routing.js';
import type { Alert, Notification } from './types.js';

const T0 = Date.parse('2026-12-04T00:00:00Z');
const tree: AlertRouteConfig = {
  receivers: ['noc'],
  groupBy: ['site'],
  groupWaitSeconds: 30,
  groupIntervalSeconds: 300,
  repeatIntervalSeconds: 3600,
  routes: [
    { match: { colour: ['red'] }, receivers: ['pager'], continue: true, groupBy: ['rule'] },
    { match: { class: ['PC-CORE'], kind: ['serviceDown'] }, roster: 'duty' },
    { match: { site: ['bj'] }, receivers: ['bj-noc'], routes: [{ match: { measure: ['multiplePower'] }, receivers: ['power'] }] },
  ],
};
const opts: DispatchOptions = { route: tree, duty: { duty: [['alice'], ['boss']] } };

/** Runs dispatch over a timeline of (minute offset, alerts firing then). */
function run(steps: readonly [number, readonly Alert[]][], o: DispatchOptions = opts, start: DispatchState = EMPTY_DISPATCH): { state: DispatchState; sent: Notification[] } {
  let state = start;
  const sent: Notification[] = [];
  for (const [m, alerts] of steps) {
    const r = dispatch(state, alerts, T0 + m * MIN, o);
    state = JSON.parse(JSON.stringify(r.state)) as DispatchState; // state must survive serialisation
    sent.push(...r.notifications);
  }
  return { state, sent };
}

describe('routesFor', () => {
  it.each([
    ['an orange alert at sh goes to the root', alert('a'), ['root']],
    ['a red alert continues past the pager route to the root', alert('a', { colour: 'red' }), ['root.0']],
    ['a red core incident goes to the pager and then the roster', alert('a', { colour: 'red', kind: 'serviceDown' }), ['root.0', 'root.1']],
    ['a power alert at bj takes the deepest match', alert('a', { labels: { site: 'bj', measure: 'multiplePower' } }), ['root.2.0']],
    ['another bj alert stops at the bj route', alert('a', { labels: { site: 'bj' } }), ['root.2']],
  ])('%s', (_what, a, ids) => {
    expect(routesFor(a, tree).map((r) => r.id)).toEqual(ids);
  });

  it('a child inherits what it does not say', () => {
    const [r] = routesFor(alert('a', { labels: { site: 'bj', measure: 'multiplePower' } }), tree);
    expect(r).toMatchObject({ receivers: ['power'], groupBy: ['site'], groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 3_600_000 });
  });
});

describe('dispatch', () => {
  it('waits group_wait, then sends one notification for the group', () => {
    const { sent } = run([[0, [alert('a')]], [0.25, [alert('a'), alert('b')]], [0.5, [alert('a'), alert('b')]]]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ receiver: 'noc', status: 'firing', reason: 'new', tier: 0, groupLabels: { site: 'sh' } });
    expect(sent[0]!.alerts.map((a) => a.key)).toEqual(['a', 'b']);
  });

  it('dedups: nothing new, nothing sent until repeat_interval; then one repeat', () => {
    const a = [alert('a')];
    // flushes at 1, then every group_interval (5 min) from the last flush looked at: 10, 30, 59, 64
    const { sent } = run([[0, a], [1, a], [10, a], [30, a], [59, a], [61, a], [64, a], [65, a]]);
    expect(sent.map((n) => [n.reason, (n.at - T0) / MIN])).toEqual([['new', 1], ['repeat', 64]]);
  });

  it('a change waits for group_interval and says changed', () => {
    const { sent } = run([[0, [alert('a')]], [1, [alert('a')]], [2, [alert('a'), alert('b')]], [5, [alert('a'), alert('b')]], [6, [alert('a'), alert('b')]]]);
    expect(sent.map((n) => [n.reason, (n.at - T0) / MIN])).toEqual([['new', 1], ['changed', 6]]);
  });

  it('a resolved alert is notified once, as resolved; the group then ends', () => {
    const { sent, state } = run([[0, [alert('a')]], [1, [alert('a')]], [3, []], [6, []], [11, []]]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ status: 'resolved', reason: 'changed' });
    expect(sent[1]!.alerts[0]!.endsAt).toBe(T0 + 3 * MIN);
    expect(state.groups).toEqual({});
  });

  it('an alert that resolves before group_wait is never sent', () => {
    expect(run([[0, [alert('a')]], [0.2, []], [1, []]]).sent).toEqual([]);
  });

  it('an acknowledged alert is not repeated', () => {
    const a = [alert('a', { hazardId: 'HZ-1', acknowledged: true })];
    expect(run([[0, a], [1, a], [70, a], [140, a]]).sent.map((n) => n.reason)).toEqual(['new']);
  });

  it('a roster route pages who is on duty (tier 0)', () => {
    const { sent } = run([[0, [alert('i', { kind: 'serviceDown', colour: null })]], [1, [alert('i', { kind: 'serviceDown', colour: null })]]]);
    expect(sent.map((n) => n.receiver)).toEqual(['alice']);
  });

  it('with nobody on duty nothing counts as sent: the page goes out once someone is', () => {
    const i = [alert('i', { kind: 'serviceDown', colour: null })];
    const empty = { ...opts, duty: { duty: [] } };
    const r = run([[0, i], [1, i], [6, i]], empty);
    expect(r.sent).toEqual([]);
    const later = dispatch(r.state, i, T0 + 11 * MIN, opts);
    expect(later.notifications.map((n) => [n.receiver, n.reason])).toEqual([['alice', 'new']]);
  });

  it('in a special period a red alert pages at once, even into a group that already sent', () => {
    const red = alert('r', { colour: 'red' });
    const o = { ...opts, redAtOnce: true };
    expect(run([[0, [red]]], o).sent.map((n) => [n.receiver, n.at - T0])).toEqual([['pager', 0]]);
    expect(run([[0, [red]]]).sent).toEqual([]);
    const red2 = alert('r2', { colour: 'red' });
    const { sent } = run([[0, [red]], [1, [red]], [2, [red, red2]]], o);
    expect(sent.map((n) => [n.reason, (n.at - T0) / MIN])).toEqual([['new', 0], ['changed', 2]]);
  });

  it('an alert released from a window is notified with reason windowEnded', () => {
    const r = run([[0, [alert('a')]]]);
    const next = dispatch(r.state, [alert('a')], T0 + MIN, { ...opts, released: new Set(['a']) });
    expect(next.notifications.map((n) => n.reason)).toEqual(['windowEnded']);
  });

  it('delivery ids are unique per notification and the same for the same decision', () => {
    const once = run([[0, [alert('a', { colour: 'red' })]], [1, [alert('a', { colour: 'red' })]]]);
    const again = run([[0, [alert('a', { colour: 'red' })]], [1, [alert('a', { colour: 'red' })]]]);
    expect(new Set(once.sent.map((n) => n.deliveryId)).size).toBe(once.sent.length);
    expect(again.sent.map((n) => n.deliveryId)).toEqual(once.sent.map((n) => n.deliveryId));
  });

  it('a clock jump forward of a day repeats once, not once per missed interval', () => {
    const a = [alert('a')];
    const { sent } = run([[0, a], [1, a], [24 * 60, a], [24 * 60 + 1, a]]);
    expect(sent.map((n) => n.reason)).toEqual(['new', 'repeat']);
  });

  it('a clock jump back neither resends nor stalls the group for the length of the jump', () => {
    const a = [alert('a')];
    const ab = [alert('a'), alert('b')];
    const { sent } = run([[0, a], [1, a], [-600, a], [-599, ab], [-595, ab], [-590, ab]]);
    expect(sent.map((n) => [n.reason, (n.at - T0) / MIN])).toEqual([['new', 1], ['changed', -595]]);
  });
});

describe('dispatch with silenced alerts', () => {
  it('a silenced alert is neither sent nor taken for resolved, and is sent again when set free', () => {
    const a = [alert('a')];
    const quiet = { ...opts, silenced: new Set(['a']) };
    let r = run([[0, a], [1, a]]);
    expect(r.sent).toHaveLength(1);
    r = run([[6, a], [11, a], [16, a]], quiet, r.state);
    expect(r.sent).toEqual([]);
    expect(Object.keys(r.state.groups)).toHaveLength(1);
    const freed = dispatch(r.state, a, T0 + 21 * MIN, { ...opts, released: new Set(['a']) });
    expect(freed.notifications.map((n) => [n.reason, n.status])).toEqual([['windowEnded', 'firing']]);
  });
});
