import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { apcPowerNetProfile } from './apc-powernet-mib.js';
import { PROFILES } from './index.js';
import { systemProfile } from './system.js';

const APC = systemRows('1.3.6.1.4.1.318.1.3.27');

describe('APC PowerNet-MIB', () => {
  it.each([
    [1, 'unknown'], [2, 'normal'], [3, 'battery'], [4, 'normal'], [5, 'none'], [6, 'bypass'], [7, 'none'], [8, 'none'],
    [9, 'bypass'], [10, 'bypass'], [11, 'none'], [12, 'normal'], [13, 'normal'], [14, 'normal'], [15, 'battery'],
    [16, 'bypass'], [17, 'bypass'], [18, 'normal'], [19, 'other'], [20, 'normal'], [21, 'other'], [22, 'other'], [99, 'unknown'],
  ] as const)('upsBasicOutputStatus %i → %s', async (raw, source) => {
    const o = await observeTable(`${APC}
1.3.6.1.4.1.318.1.1.1.4.1.1.0|2|${raw}
`, [systemProfile, apcPowerNetProfile]);
    expect(o.ups?.outputSource).toBe(source);
  });

  it.each([[1, 'unknown'], [2, 'normal'], [3, 'low'], [4, 'low'], [5, 'depleted']] as const)('upsBasicBatteryStatus %i → %s', async (raw, status) => {
    const o = await observeTable(`${APC}
1.3.6.1.4.1.318.1.1.1.2.1.1.0|2|${raw}
`, [systemProfile, apcPowerNetProfile]);
    expect(o.ups?.batteryStatus).toBe(status);
  });

  it('turns upsAdvBatteryRunTimeRemaining TimeTicks into minutes (registry order, APC device)', async () => {
    const o = await observeTable(`${APC}
1.3.6.1.4.1.318.1.1.1.2.1.1.0|2|2
1.3.6.1.4.1.318.1.1.1.2.2.3.0|67|456000
1.3.6.1.4.1.318.1.1.1.4.1.1.0|2|2
`, PROFILES);
    expect(o.ups).toEqual({ outputSource: 'normal', batteryStatus: 'normal', minutesRemaining: 76, inputLineBads: null });
  });
});
