/**
 * What crosses to the analysis worker: the inventory keeps which devices are polled but no SNMP
 * credential; the network digest that decides whether a sweep is current changes with the graph
 * and only with it.
 */
import { describe, expect, it } from 'vitest';
import { inventoryFromObject } from '../../../test/support/snapshot-builders.js';
import { whatIfNetwork } from '../network/whatif.js';
import { networkKey } from './analysis-service.js';
import { inventoryForAnalysis } from './protocol.js';

const net = (links: { id: string; a: string; b: string }[]) => inventoryFromObject({
  sites: [{ id: 's', class: 'PC-CORE' }],
  devices: ['a', 'b', 'c'].map((id) => ({ id, site: 's', role: 'core', ...(id === 'c' ? {} : { snmp: { host: '10.0.0.1', credentials: 'c' } }) })),
  links: links.map((l) => ({ id: l.id, a: { device: l.a, interface: `${l.id}-a` }, b: { device: l.b, interface: `${l.id}-b` } })),
});

describe('inventoryForAnalysis', () => {
  it('keeps whether and where a device is polled, never its community', () => {
    const inv = net([]);
    const out = inventoryForAnalysis(inv);
    expect(JSON.stringify([...inv.devices.values()])).toContain('synthetic');
    expect(JSON.stringify([...out.devices.values()])).not.toContain('synthetic');
    expect(out.devices.get('a')?.poll?.host).toBe('10.0.0.1');
    expect(out.devices.get('c')?.poll).toBeUndefined();
    expect(out.links).toBe(inv.links);
  });
});

describe('networkKey', () => {
  const ring = [{ id: 'L1', a: 'a', b: 'b' }, { id: 'L2', a: 'b', b: 'c' }, { id: 'L3', a: 'c', b: 'a' }];
  it.each([
    ['the same network built again', ring, true],
    ['a link less', ring.slice(0, 2), false],
    ['a link between other devices', [...ring.slice(0, 2), { id: 'L3', a: 'c', b: 'b' }], false],
  ])('%s: same key %s', (_what, links, same) => {
    expect(networkKey(whatIfNetwork(net(links))) === networkKey(whatIfNetwork(net(ring)))).toBe(same);
  });
});
