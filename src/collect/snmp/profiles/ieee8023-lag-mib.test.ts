import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { ieee8023LagProfile } from './ieee8023-lag-mib.js';
import { systemProfile } from './system.js';

const SYS = systemRows('1.3.6.1.4.1.99999.1') + ifNameRows([[1, 'Gi1/0/1'], [2, 'Gi1/0/2'], [100, 'Po1']]);
const P = '1.2.840.10006.300.43.1.2.1.1';

// LacpState BITS, bit 0 = MSB: activity(0) aggregation(2) synchronization(3) collecting(4) distributing(5)
const rows = (attached: number, selected: number, state: string): string => `${SYS}
${P}.12.1|2|${selected}
${P}.13.1|2|${attached}
${P}.21.1|4x|${state}
`;

describe('IEEE8023-LAG-MIB dot3adAggPortTable', () => {
  it.each([
    ['BC', true, 'activity, aggregation, sync, collecting, distributing'],
    ['B8', false, 'not distributing'],
    ['B4', false, 'not collecting'],
    ['AC', false, 'not synchronised'],
    ['A0', false, 'nothing but aggregation'],
  ] as const)('actor state %s → inBundle %s (%s)', async (bits, inBundle, _why) => {
    const o = await observeTable(rows(100, 100, bits), [systemProfile, ieee8023LagProfile]);
    expect(o.lagMembers).toEqual([{ aggregate: 'Po1', member: 'Gi1/0/1', inBundle }]);
  });

  it('names the selected aggregator of a port attached to none, never in the bundle', async () => {
    const o = await observeTable(rows(0, 100, 'BC'), [systemProfile, ieee8023LagProfile]);
    expect(o.lagMembers).toEqual([{ aggregate: 'Po1', member: 'Gi1/0/1', inBundle: false }]);
  });

  it('skips a port that neither joined nor selected an aggregator', async () => {
    const o = await observeTable(rows(0, 0, '80'), [systemProfile, ieee8023LagProfile]);
    expect(o.lagMembers).toEqual([]);
  });
});
