import { describe, expect, it } from 'vitest';
import { checkDraft, diffDrafts, mergeDrafts, type ConfigInput } from './draft.js';
import { IdAllocator, idFor } from './ids.js';

const base: ConfigInput = {
  version: 1,
  sites: [{ id: 's1', class: 'PC-AGG' }],
  devices: [{ id: 'd1', site: 's1', role: 'router' }],
};

describe('drafts', () => {
  it('checks like check-config: schema and references', () => {
    expect(checkDraft(base)).toEqual([]);
    expect(checkDraft({ ...base, devices: [{ id: 'd1', site: 'nope', role: 'r' }] })).toEqual([{ path: 'devices[0].site', message: 'unknown site "nope"' }]);
  });

  it('merges without touching existing entries, and diffs by section and id', () => {
    const proposed: ConfigInput = { version: 1, sites: [{ id: 's1', class: 'PC-CORE' }, { id: 's2', class: 'PC-ACC' }], devices: [{ id: 'd2', site: 's2', role: 'x' }] };
    const merged = mergeDrafts(base, proposed);
    expect(merged.sites).toEqual([{ id: 's1', class: 'PC-AGG' }, { id: 's2', class: 'PC-ACC' }]);
    expect(diffDrafts(base, merged)).toEqual(['+ sites s2', '+ devices d2']);
    expect(diffDrafts(base, { ...base, devices: [{ id: 'd1', site: 's1', role: 'core' }] })).toEqual(['~ devices d1: role: "router" → "core"']);
    expect(diffDrafts(base, { ...base, devices: [] })).toEqual(['- devices d1']);
  });

  it('merges a discovered device into the one already configured at its address, links re-pointed, known links not repeated', () => {
    const existing: ConfigInput = {
      version: 1,
      credentials: { lab: { version: '2c', community: { env: 'C' } } },
      sites: [{ id: 's1', class: 'PC-AGG' }],
      devices: [{ id: 'cr1', site: 's1', role: 'core-router', snmp: { host: '10.0.0.1', credentials: 'lab' } }, { id: 'cr2', name: 'BJ-CR-02', site: 's1', role: 'core-router' }],
      links: [{ id: 'l1', a: { device: 'cr1', interface: 'Gi0/0' }, b: { device: 'cr2', interface: 'Gi0/0' } }],
    };
    const proposed: ConfigInput = {
      version: 1,
      sites: [{ id: 'unassigned', class: 'PC-ACC' }],
      devices: [
        { id: 'BJ-CR-01', site: 'unassigned', role: 'core-router', snmp: { host: '10.0.0.1', credentials: 'discovered' } },
        { id: 'BJ-CR-02', site: 'unassigned', role: 'core-router', snmp: { host: '10.0.0.2', credentials: 'discovered' } },
        { id: 'ACC-1', site: 'unassigned', role: 'access-switch', snmp: { host: '10.0.0.3', credentials: 'discovered' } },
      ],
      links: [
        { id: 'BJ-CR-01--BJ-CR-02', a: { device: 'BJ-CR-02', interface: 'gi0/0' }, b: { device: 'BJ-CR-01', interface: 'Gi0/0' } },
        { id: 'BJ-CR-01--ACC-1', a: { device: 'BJ-CR-01', interface: 'Gi0/1' }, b: { device: 'ACC-1', interface: 'Gi0/1' } },
      ],
      credentials: { discovered: { version: '2c', community: { env: 'C' } } },
    };
    const merged = mergeDrafts(existing, proposed);
    expect(checkDraft(merged)).toEqual([]);
    expect(diffDrafts(existing, merged)).toEqual(['+ sites unassigned', '+ devices ACC-1', '+ links BJ-CR-01--ACC-1', '+ credentials discovered']);
    expect(merged.links?.[1]).toEqual({ id: 'BJ-CR-01--ACC-1', a: { device: 'cr1', interface: 'Gi0/1' }, b: { device: 'ACC-1', interface: 'Gi0/1' } });
  });

  it('makes ids from names, stable and unique', () => {
    expect(idFor('BJ-CR-01', 'dev')).toBe('BJ-CR-01');
    expect(idFor('Core Router #1', 'dev')).toBe('Core-Router-1');
    expect(idFor('北京核心枢纽', 'site')).toMatch(/^site-[0-9a-f]{8}$/);
    expect(idFor('北京核心枢纽', 'site')).toBe(idFor('北京核心枢纽', 'site'));
    const ids = new IdAllocator(['a']);
    expect([ids.take('a'), ids.take('a'), ids.take('b')]).toEqual(['a-2', 'a-3', 'b']);
  });
});
