import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { dellFtosProfile } from './dell-ftos.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, dellFtosProfile];
const DN = '1.3.6.1.4.1.6027.3.26.1.4';
const S = '1.3.6.1.4.1.6027.3.10.1.2';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|Dell Networking OS
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|tor-1
`;
const OS9 = system('1.3.6.1.4.1.6027.1.3.23');

describe('dell-ftos: DELL-NETWORKING-CHASSIS-MIB, every value', () => {
  // dellNetPowerSupplyOperStatus / dellNetFanTrayOperStatus: up(1) down(2) absent(3)
  it.each([[1, 'ok'], [2, 'failed'], [3, 'absent'], [9, 'unknown']] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${OS9}
${DN}.6.1.4.2.1.1|2|${raw}
${DN}.7.1.4.2.1.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-dell-ftos-2.1.1', want]]);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-dell-ftos-2.1.1', want]]);
  });
});

describe('dell-ftos: F10-S-SERIES-CHASSIS-MIB, every value', () => {
  // chSysPowerSupplyOperStatus: up(1) down(2) absent(3) (revision 2013-01-01)
  it.each([[1, 'ok'], [2, 'failed'], [3, 'absent'], [9, 'unknown']] as const)('supply %i → %s', async (raw, want) => {
    const o = await observeTable(`${OS9}
${S}.3.1.2.1.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-dell-ftos-1.1', want]]);
  });
  // chSysFanTrayOperStatus: up(1) down(2)
  it.each([[1, 'ok'], [2, 'failed'], [3, 'unknown']] as const)('fan tray %i → %s', async (raw, want) => {
    const o = await observeTable(`${OS9}
${S}.4.1.2.1.1|2|${raw}
`, PROFILES);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-dell-ftos-1.1', want]]);
  });

  it('is ignored when the Dell Networking tables answer (no unit counted twice)', async () => {
    const o = await observeTable(`${OS9}
${DN}.6.1.4.2.1.1|2|1
${DN}.6.1.4.2.1.2|2|3
${DN}.7.1.4.2.1.1|2|1
${S}.3.1.2.1.1|2|1
${S}.3.1.2.1.2|2|2
${S}.4.1.2.1.1|2|1
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-dell-ftos-2.1.1', 'ok'], ['psu-dell-ftos-2.1.2', 'absent']]);
    expect(o.fans.map((f) => f.id)).toEqual(['fan-dell-ftos-2.1.1']);
  });
});

describe('dell-ftos: gating', () => {
  it('stays silent on a device of another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.674.11000.5000.100.2.1.7')}
${DN}.6.1.4.2.1.1|2|2
${S}.3.1.2.1.1|2|2
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.profiles).not.toContain('dell-ftos');
  });
});
