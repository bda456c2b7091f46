import { describe, expect, it } from 'vitest';
import type { LinkConfig, ProtectionClass } from '../../config/schema.js';
import type { Device } from '../../inventory/model.js';
import { inhibitionParents } from './inventory-graph.js';

const device = (id: string, cls: ProtectionClass): Device => ({ id, site: 's', role: 'r', class: cls, psus: [], tags: [] });
const link = (id: string, a: string, b: string): LinkConfig => ({ id, a: { device: a, interface: 'x' }, b: { device: b, interface: 'y' }, risks: [] });

describe('inhibitionParents', () => {
  const devices = new Map([device('core1', 'PC-CORE'), device('agg1', 'PC-AGG'), device('agg2', 'PC-AGG'), device('acc1', 'PC-ACC'), device('acc2', 'PC-ACC')].map((d) => [d.id, d]));
  const parents = inhibitionParents({
    devices,
    links: [link('l1', 'acc1', 'agg1'), link('l2', 'agg2', 'acc1'), link('l3', 'acc2', 'agg2'), link('l4', 'agg1', 'core1'), link('l5', 'agg1', 'agg2'), link('l6', 'acc1', 'ghost')],
  });
  it.each([
    ['a dual-homed access switch: one group of both uplinks', 'acc1', [['agg1', 'agg2']]],
    ['a single-homed one', 'acc2', [['agg2']]],
    ['an aggregation switch: the core, not its peer', 'agg1', [['core1']]],
    ['the core: none', 'core1', []],
    ['an unknown device: none', 'ghost', []],
  ])('%s', (_what, id, groups) => {
    expect(parents(id)).toEqual(groups);
  });
});
