import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { systemProfile } from './system.js';
import { upsMibProfile } from './ups-mib.js';

const SYS = systemRows('1.3.6.1.2.1.33');

describe('UPS-MIB', () => {
  it.each([
    [1, 'other'], [2, 'none'], [3, 'normal'], [4, 'bypass'], [5, 'battery'], [6, 'normal'], [7, 'normal'],
  ] as const)('upsOutputSource %i → %s', async (raw, source) => {
    const o = await observeTable(`${SYS}
1.3.6.1.2.1.33.1.4.1.0|2|${raw}
`, [systemProfile, upsMibProfile]);
    expect(o.ups).toEqual({ outputSource: source, batteryStatus: 'unknown', minutesRemaining: null, inputLineBads: null });
  });

  it.each([[1, 'unknown'], [2, 'normal'], [3, 'low'], [4, 'depleted']] as const)('upsBatteryStatus %i → %s', async (raw, status) => {
    const o = await observeTable(`${SYS}
1.3.6.1.2.1.33.1.2.1.0|2|${raw}
`, [systemProfile, upsMibProfile]);
    expect(o.ups?.batteryStatus).toBe(status);
  });

  it('reads a UPS on battery with its minutes remaining and input line failures', async () => {
    const o = await observeTable(`${SYS}
1.3.6.1.2.1.33.1.2.1.0|2|3
1.3.6.1.2.1.33.1.2.3.0|2|12
1.3.6.1.2.1.33.1.3.1.0|65|4
1.3.6.1.2.1.33.1.4.1.0|2|5
`, [systemProfile, upsMibProfile]);
    expect(o.ups).toEqual({ outputSource: 'battery', batteryStatus: 'low', minutesRemaining: 12, inputLineBads: 4 });
  });

  it('reports no UPS for a device without UPS-MIB', async () => {
    const o = await observeTable(SYS, [systemProfile, upsMibProfile]);
    expect(o.ups).toBeNull();
  });
});
