import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { mgeUpsProfile } from './mge-ups-mib.js';
import { systemProfile } from './system.js';

const MGE = systemRows('1.3.6.1.4.1.705.1.2');
const M = '1.3.6.1.4.1.705.1';

describe('MG-SNMP-UPS-MIB', () => {
  it.each([
    [2, 2, 'normal'], [2, 1, 'battery'], [1, 2, 'bypass'], [1, 1, 'bypass'],
  ] as const)('upsmgOutputOnByPass %i, upsmgOutputOnBattery %i → %s', async (bypass, battery, source) => {
    const o = await observeTable(`${MGE}
${M}.7.3.0|2|${battery}
${M}.7.4.0|2|${bypass}
`, [systemProfile, mgeUpsProfile]);
    expect(o.ups?.outputSource).toBe(source);
  });

  it('reads low battery and the remaining time in minutes', async () => {
    const o = await observeTable(`${MGE}
${M}.5.1.0|2|15750
${M}.5.14.0|2|1
${M}.7.3.0|2|1
${M}.7.4.0|2|2
`, [systemProfile, mgeUpsProfile]);
    expect(o.ups).toEqual({ outputSource: 'battery', batteryStatus: 'low', minutesRemaining: 262.5, inputLineBads: null });
  });
});
