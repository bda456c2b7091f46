import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { entityProfile } from './entity.js';
import { extremeProfile } from './extreme.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, extremeProfile];
const COMMON = '1.3.6.1.4.1.1916.1.1.1';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|ExtremeXOS (X670G2-48x-4q) version 22.7.1.2
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|x670
`;
const XOS = system('1.3.6.1.4.1.1916.2.258');

describe('extreme: extremePowerSupplyStatus, every value', () => {
  it.each([[1, 'absent'], [2, 'ok'], [3, 'failed'], [4, 'failed'], [5, 'unknown']] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${XOS}
${COMMON}.27.1.2.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-extreme-1', want]]);
  });
});

describe('extreme: extremeFanOperational, every value', () => {
  it.each([[1, 'ok'], [2, 'failed'], [0, 'unknown']] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${XOS}
${COMMON}.9.1.2.101|2|${raw}
`, PROFILES);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-extreme-101', want]]);
  });

  it('merges a fan with its ENTITY-MIB entity', async () => {
    const o = await observeTable(`${XOS}
1.3.6.1.2.1.47.1.1.1.1.5.20|2|7
1.3.6.1.2.1.47.1.1.1.1.7.20|4|Fan-1
${COMMON}.9.1.2.101|2|2
${COMMON}.9.1.3.101|2|20
`, [systemProfile, extremeProfile, entityProfile]);
    expect(o.fans).toEqual([{ id: 'fan-20', name: 'Fan-1', status: 'failed', sources: ['extreme', 'entity'] }]);
  });
});

describe('extreme: gating', () => {
  it('stays silent on a device of another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.1991.1.3.62')}
${COMMON}.27.1.2.1|2|3
${COMMON}.9.1.2.101|2|2
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.fans).toEqual([]);
    expect(o.profiles).not.toContain('extreme');
  });
});
