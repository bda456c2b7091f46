import { describe, expect, it } from 'vitest';
import { alert } from '../../test/support/alert-builders.js';
import { cutOff, inhibit, type ParentsOf } from './inhibition.js';

// core1 ← {agg1, agg2} (redundant) ← acc1; acc2 hangs off agg2 alone; acc3 behind acc1
const topology: Readonly<Record<string, readonly (readonly string[])[]>> = {
  agg1: [['core1']],
  agg2: [['core1']],
  acc1: [['agg1', 'agg2']],
  acc2: [['agg2']],
  acc3: [['acc1']],
};
const parentsOf: ParentsOf = (d) => topology[d] ?? [];
const down = (d: string) => alert(`incident:${d}`, { kind: 'serviceDown', severity: 'critical', colour: null, labels: { device: d } });
const lost = (d: string, what = 'psu') => alert(`${what}:${d}`, { labels: { device: d } });

describe('inhibit', () => {
  it('a down device suppresses its component alerts, not its own incident', () => {
    const r = inhibit([down('agg1'), lost('agg1'), lost('agg1', 'lag'), lost('agg2')], parentsOf);
    expect(r.kept.map((a) => a.key)).toEqual(['incident:agg1', 'psu:agg2']);
    expect(r.inhibited.map((i) => [i.alert.key, i.by])).toEqual([['psu:agg1', 'agg1'], ['lag:agg1', 'agg1']]);
  });

  it.each([
    ['one redundant parent down: the child keeps its alerts', ['agg1'], ['incident:agg1', 'psu:acc1', 'psu:acc2'], []],
    ['all redundant parents down: the child is suppressed', ['agg1', 'agg2'], ['incident:agg1', 'incident:agg2'], ['psu:acc1', 'psu:acc2']],
    ['the single parent down: its child is suppressed', ['agg2'], ['incident:agg2', 'psu:acc1'], ['psu:acc2']],
  ])('%s', (_what, downs, kept, inhibited) => {
    const r = inhibit([...downs.map(down), lost('acc1'), lost('acc2')], parentsOf);
    expect(r.kept.map((a) => a.key)).toEqual(kept);
    expect(r.inhibited.map((i) => i.alert.key)).toEqual(inhibited);
  });

  it('a child cut off and down itself: its incident is suppressed too', () => {
    const r = inhibit([down('agg1'), down('agg2'), down('acc1')], parentsOf);
    expect(r.inhibited.map((i) => [i.alert.key, i.by])).toEqual([['incident:acc1', 'agg1']]);
  });

  it('a failed core suppresses the whole tree behind it, each pinned to the core', () => {
    const r = inhibit([lost('acc3'), down('acc2'), down('core1'), down('agg1'), lost('acc1')], parentsOf);
    expect(r.kept.map((a) => a.key)).toEqual(['incident:core1']);
    expect(new Set(r.inhibited.map((i) => i.by))).toEqual(new Set(['core1']));
  });

  it('never inhibits meta alerts or alerts without a device', () => {
    const meta = alert('meta:x', { kind: 'meta', labels: { device: 'agg1' } });
    const site = alert('site:sh', { labels: { device: undefined as unknown as string } });
    const noDevice = { ...site, labels: { alertname: 'RedundancyLost', site: 'sh' } };
    expect(inhibit([down('agg1'), meta, noDevice], parentsOf).kept).toHaveLength(3);
  });

  it('a cycle in the parent relation ends', () => {
    const loop: ParentsOf = (d) => (d === 'a' ? [['b']] : d === 'b' ? [['a']] : []);
    expect(cutOff(['a', 'b'], new Set(), loop).size).toBe(0);
    expect([...cutOff(['a', 'b'], new Set(['a']), loop)]).toEqual([['b', 'a']]);
  });
});
