import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { isisMibProfile } from './isis-mib.js';
import { systemProfile } from './system.js';

const SYS = systemRows('1.3.6.1.4.1.99999.1') + ifNameRows([[7, 'xe-0/0/1']]);
const CIRC = '1.3.6.1.2.1.138.1.3.2.1';
const ADJ = '1.3.6.1.2.1.138.1.6.1.1';

describe('ISIS-MIB isisISAdjTable', () => {
  it.each([[1, 'down'], [2, 'initializing'], [3, 'up'], [4, 'failed']] as const)('isisISAdjState %i → %s', async (raw, state) => {
    const o = await observeTable(`${SYS}
${CIRC}.2.3|2|7
${ADJ}.2.3.1|2|${raw}
${ADJ}.6.3.1|4x|192168000001
`, [systemProfile, isisMibProfile]);
    expect(o.isisAdjacencies).toEqual([{ neighborId: '19:21:68:00:00:01', interface: 'xe-0/0/1', state, level: null }]);
  });

  it.each([[1, 'level1'], [2, 'level2'], [3, 'level1and2']] as const)('isisISAdjUsage %i → %s', async (raw, level) => {
    const o = await observeTable(`${SYS}
${CIRC}.2.3|2|7
${ADJ}.2.3.1|2|3
${ADJ}.6.3.1|4x|192168000001
${ADJ}.8.3.1|2|${raw}
`, [systemProfile, isisMibProfile]);
    expect(o.isisAdjacencies[0]?.level).toBe(level);
  });
});
