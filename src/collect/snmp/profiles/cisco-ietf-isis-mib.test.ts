import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { ciscoIetfIsisProfile } from './cisco-ietf-isis-mib.js';
import { isisMibProfile } from './isis-mib.js';
import { systemProfile } from './system.js';

const CISCO = systemRows('1.3.6.1.4.1.9.1.2571') + ifNameRows([[20, 'Te0/0/0/1'], [21, 'Te0/0/0/2']]);
const CIRC = '1.3.6.1.4.1.9.10.118.1.3.2.1';
const ADJ = '1.3.6.1.4.1.9.10.118.1.6.1.1';

describe('CISCO-IETF-ISIS-MIB ciiISAdjTable', () => {
  it.each([[1, 'down'], [2, 'initializing'], [3, 'up'], [4, 'failed']] as const)('ciiISAdjState %i → %s', async (raw, state) => {
    const o = await observeTable(`${CISCO}
${CIRC}.2.5|2|20
${ADJ}.2.5.1|2|${raw}
${ADJ}.6.5.1|4x|000000000002
${ADJ}.8.5.1|2|2
`, [systemProfile, ciscoIetfIsisProfile]);
    expect(o.isisAdjacencies).toEqual([{ neighborId: '00:00:00:00:00:02', interface: 'Te0/0/0/1', state, level: 'level2' }]);
  });

  it('counts an adjacency that ISIS-MIB also reports once', async () => {
    const o = await observeTable(`${CISCO}
1.3.6.1.2.1.138.1.3.2.1.2.5|2|20
1.3.6.1.2.1.138.1.6.1.1.2.5.1|2|3
1.3.6.1.2.1.138.1.6.1.1.6.5.1|4x|000000000002
${CIRC}.2.5|2|20
${CIRC}.2.6|2|21
${ADJ}.2.5.1|2|3
${ADJ}.2.6.1|2|1
${ADJ}.6.5.1|4x|000000000002
${ADJ}.6.6.1|4x|000000000003
`, [systemProfile, ciscoIetfIsisProfile, isisMibProfile]);
    expect(o.isisAdjacencies).toEqual([
      { neighborId: '00:00:00:00:00:02', interface: 'Te0/0/0/1', state: 'up', level: null },
      { neighborId: '00:00:00:00:00:03', interface: 'Te0/0/0/2', state: 'down', level: null },
    ]);
  });
});
