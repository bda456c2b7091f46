import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { ospfMibProfile } from './ospf-mib.js';
import { systemProfile } from './system.js';

const SYS = systemRows('1.3.6.1.4.1.99999.1');
const N = '1.3.6.1.2.1.14.10.1';

describe('OSPF-MIB ospfNbrTable', () => {
  it.each([
    [1, 'down'], [2, 'attempt'], [3, 'init'], [4, 'twoWay'], [5, 'exchangeStart'], [6, 'exchange'], [7, 'loading'], [8, 'full'],
  ] as const)('ospfNbrState %i → %s', async (raw, state) => {
    const o = await observeTable(`${SYS}
${N}.3.10.0.0.6.0|64|10.0.0.2
${N}.6.10.0.0.6.0|2|${raw}
`, [systemProfile, ospfMibProfile]);
    expect(o.ospfNeighbors).toEqual([{ neighborId: '10.0.0.2', address: '10.0.0.6', state }]);
  });

  it('names each neighbour by ospfNbrRtrId, one per (router id, address)', async () => {
    const o = await observeTable(`${SYS}
${N}.1.0.0.0.4.0|64|0.0.0.4
${N}.1.0.0.0.6.0|64|0.0.0.6
${N}.3.0.0.0.4.0|64|0.0.0.2
${N}.3.0.0.0.6.0|64|0.0.0.2
${N}.6.0.0.0.4.0|2|8
${N}.6.0.0.0.6.0|2|4
`, [systemProfile, ospfMibProfile]);
    expect(o.ospfNeighbors).toEqual([
      { neighborId: '0.0.0.2', address: '0.0.0.4', state: 'full' },
      { neighborId: '0.0.0.2', address: '0.0.0.6', state: 'twoWay' },
    ]);
  });
});
