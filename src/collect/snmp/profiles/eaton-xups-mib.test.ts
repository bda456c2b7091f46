import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { eatonXupsProfile } from './eaton-xups-mib.js';
import { systemProfile } from './system.js';

const EATON = systemRows('1.3.6.1.4.1.534.1');
const X = '1.3.6.1.4.1.534.1';

describe('Eaton XUPS-MIB', () => {
  it.each([
    [1, 'other'], [2, 'none'], [3, 'normal'], [4, 'bypass'], [5, 'battery'], [6, 'normal'], [7, 'normal'],
    [8, 'normal'], [9, 'normal'], [10, 'normal'], [11, 'bypass'], [12, 'normal'],
  ] as const)('xupsOutputSource %i → %s', async (raw, source) => {
    const o = await observeTable(`${EATON}
${X}.4.5.0|2|${raw}
`, [systemProfile, eatonXupsProfile]);
    expect(o.ups?.outputSource).toBe(source);
  });

  it.each([
    [1, 'normal'], [2, 'normal'], [3, 'normal'], [4, 'normal'], [5, 'unknown'], [6, 'depleted'], [7, 'normal'], [8, 'unknown'],
  ] as const)('xupsBatteryAbmStatus %i → %s', async (raw, status) => {
    const o = await observeTable(`${EATON}
${X}.2.5.0|2|${raw}
${X}.2.10.0|2|2
`, [systemProfile, eatonXupsProfile]);
    expect(o.ups?.batteryStatus).toBe(status);
  });

  it('reads a discharging UPS on battery with low capacity, seconds → minutes', async () => {
    const o = await observeTable(`${EATON}
${X}.2.1.0|2|390
${X}.2.5.0|2|2
${X}.2.10.0|2|1
${X}.3.2.0|65|7
${X}.4.5.0|2|5
`, [systemProfile, eatonXupsProfile]);
    expect(o.ups).toEqual({ outputSource: 'battery', batteryStatus: 'low', minutesRemaining: 6.5, inputLineBads: 7 });
  });
});
