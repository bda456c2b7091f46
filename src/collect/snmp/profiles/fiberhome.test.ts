import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { fiberhomeProfile } from './fiberhome.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, fiberhomeProfile];
const CH = '1.3.6.1.4.1.3807.1.8012.1';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|Fengine S4820-28T-X
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|agg-7
`;
// a sysObjectID listed for the S4820-28T-X in public switch inventories
const S4820 = system('1.3.6.1.4.1.3807.1.482816');

describe('fiberhome: powerState, every value', () => {
  // WRI-POWER-MIB powerState: normal(0) voltagelack(1) voltageoverload(2)
  it.each([[0, 'ok'], [1, 'failed'], [2, 'failed'], [3, 'unknown']] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${S4820}
${CH}.2.1.1.3.1|2|${raw}
${CH}.2.1.1.6.1|4|AC power
${CH}.2.1.1.13.1|4|PWR1
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-fiberhome-1', name: 'PWR1', status: want, sources: ['fiberhome'] }]);
  });
});

describe('fiberhome: fanCtrlState, every value', () => {
  // FAN-MIB fanCtrlState: normal(0) highoverflow(1) lowunderflow(2) counteroverflow(4)
  it.each([[0, 'ok'], [1, 'failed'], [2, 'failed'], [4, 'failed'], [3, 'unknown']] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${S4820}
${CH}.11.4.1.5.1|2|${raw}
${CH}.11.4.1.7.1|4|fan module
`, PROFILES);
    expect(o.fans).toEqual([{ id: 'fan-fiberhome-1', name: 'fan module', status: want, sources: ['fiberhome'] }]);
  });
});

describe('fiberhome: gating', () => {
  it('stays silent on a device of another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.25506.1.1')}
${CH}.2.1.1.3.1|2|1
${CH}.11.4.1.5.1|2|2
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.fans).toEqual([]);
    expect(o.profiles).not.toContain('fiberhome');
  });
});
