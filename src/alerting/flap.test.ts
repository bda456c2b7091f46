import { describe, expect, it } from 'vitest';
import { alert, MIN } from '../../test/support/alert-builders.js';
import { damp, EMPTY_FLAP, type FlapState } from './flap.js';

const T0 = Date.parse('2026-12-04T00:00:00Z');
const config = { changes: 4, withinMinutes: 30, settleMinutes: 20 };
const a = alert('a');

/** Runs damping over (minute, firing?) and returns the keys out at each step. */
function run(steps: readonly [number, boolean][]): string[][] {
  let state: FlapState = EMPTY_FLAP;
  const out: string[][] = [];
  for (const [m, firing] of steps) {
    const r = damp(state, firing ? [a] : [], T0 + m * MIN, config);
    state = JSON.parse(JSON.stringify(r.state)) as FlapState;
    out.push(r.alerts.map((x) => x.key));
  }
  return out;
}

describe('damp', () => {
  it('passes a steady subject through, and clears it when it clears', () => {
    expect(run([[0, true], [1, true], [2, false], [3, false]])).toEqual([['a'], ['a'], [], []]);
  });

  it('four changes in 30 minutes: one flapping alert, held through the toggles, until it settles', () => {
    const out = run([[0, true], [5, false], [10, true], [15, false], [16, true], [17, false], [30, false], [36, false], [37, false]]);
    expect(out).toEqual([['a'], [], ['a'], ['a#flapping'], ['a#flapping'], ['a#flapping'], ['a#flapping'], ['a#flapping'], []]);
  });

  it('settles into firing when it settles while firing', () => {
    expect(run([[0, true], [1, false], [2, true], [3, false], [4, true], [24, true], [25, true]]).slice(-3)).toEqual([['a#flapping'], ['a'], ['a']]);
  });

  it('changes spread wider than the window are not flapping', () => {
    expect(run([[0, true], [11, false], [22, true], [33, false], [44, true]]).flat()).not.toContain('a#flapping');
  });

  it('the flapping alert says so in both languages', () => {
    let state: FlapState = EMPTY_FLAP;
    let last = damp(state, [a], T0, config);
    for (const [m, f] of [[1, false], [2, true], [3, false]] as const) {
      state = last.state;
      last = damp(state, f ? [a] : [], T0 + m * MIN, config);
    }
    expect(last.alerts[0]).toMatchObject({ flapping: true, labels: { flapping: 'true' } });
    expect(last.alerts[0]!.summary.zh).toContain('频繁翻转');
    expect(last.alerts[0]!.summary.en).toContain('Flapping');
  });

  it('a clock jump back neither counts changes from the future nor stretches the settling', () => {
    const out = run([[0, true], [1, false], [2, true], [3, false], [-100, false], [-81, false], [-80, false]]);
    expect(out.slice(3)).toEqual([['a#flapping'], ['a#flapping'], ['a#flapping'], []]);
  });
});
