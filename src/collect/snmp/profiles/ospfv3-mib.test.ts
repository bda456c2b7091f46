import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { ospfv3MibProfile } from './ospfv3-mib.js';
import { systemProfile } from './system.js';

const SYS = systemRows('1.3.6.1.4.1.99999.1');
const N = '1.3.6.1.2.1.191.1.9.1';
// ifIndex 12, instance 0, router id 167772162 (10.0.0.2)
const I = '12.0.167772162';

describe('OSPFV3-MIB ospfv3NbrTable', () => {
  it.each([
    [1, 'down'], [2, 'attempt'], [3, 'init'], [4, 'twoWay'], [5, 'exchangeStart'], [6, 'exchange'], [7, 'loading'], [8, 'full'],
  ] as const)('ospfv3NbrState %i → %s', async (raw, state) => {
    const o = await observeTable(`${SYS}
${N}.8.${I}|2|${raw}
`, [systemProfile, ospfv3MibProfile]);
    expect(o.ospfNeighbors[0]?.state).toBe(state);
  });

  it('shows the router id of the index as a dotted quad and the link-local address', async () => {
    const o = await observeTable(`${SYS}
${N}.4.${I}|2|2
${N}.5.${I}|4x|FE800000000000000000000000000002
${N}.8.${I}|2|8
`, [systemProfile, ospfv3MibProfile]);
    expect(o.ospfNeighbors).toEqual([{ neighborId: '10.0.0.2', address: 'fe80::2', state: 'full' }]);
  });
});
