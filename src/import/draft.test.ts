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

  it('makes ids from names, stable and unique', () => {
    expect(idFor('BJ-CR-01', 'dev')).toBe('BJ-CR-01');
    expect(idFor('Core Router #1', 'dev')).toBe('Core-Router-1');
    expect(idFor('北京核心枢纽', 'site')).toMatch(/^site-[0-9a-f]{8}$/);
    expect(idFor('北京核心枢纽', 'site')).toBe(idFor('北京核心枢纽', 'site'));
    const ids = new IdAllocator(['a']);
    expect([ids.take('a'), ids.take('a'), ids.take('b')]).toEqual(['a-2', 'a-3', 'b']);
  });
});
