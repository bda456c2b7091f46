import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { arubaCxProfile } from './aruba-cx.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, arubaCxProfile];
const PSU = '1.3.6.1.4.1.47196.4.1.1.3.11.2.1.1';
const FAN = '1.3.6.1.4.1.47196.4.1.1.3.11.5.1.1';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|Aruba JL479A 8320 TL.10.13.1000
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|dc-core
`;
const CX = system('1.3.6.1.4.1.47196.4.1.1.1.100');

describe('aruba-cx: arubaWiredPSUStateEnum, every value', () => {
  it.each([
    [1, 'ok'], [2, 'absent'], [3, 'failed'], [4, 'failed'], [5, 'failed'], [6, 'failed'], [7, 'unknown'],
    [8, 'unknown'], [9, 'unknown'], [10, 'unknown'], [11, 'unknown'], [12, 'absent'], [13, 'failed'], [14, 'failed'],
    [15, 'unknown'], // not in the MIB
  ] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${CX}
${PSU}.3.1.1|4|1/1
${PSU}.4.1.1|4|state text
${PSU}.11.1.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-aruba-cx-1.1', name: '1/1', status: want, sources: ['aruba-cx'] }]);
  });
});

describe('aruba-cx: arubaWiredFanStateEnum, every value', () => {
  it.each([[1, 'unknown'], [2, 'absent'], [3, 'unknown'], [4, 'ok'], [5, 'failed'], [6, 'unknown']] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${CX}
${FAN}.4.1.1.1|4|1/1/1
${FAN}.10.1.1.1|2|${raw}
`, PROFILES);
    expect(o.fans).toEqual([{ id: 'fan-aruba-cx-1.1.1', name: '1/1/1', status: want, sources: ['aruba-cx'] }]);
  });
});

describe('aruba-cx: firmware without the enumerated states', () => {
  it('lists the units with state unknown, never read from the text', async () => {
    const o = await observeTable(`${CX}
${PSU}.3.1.1|4|1/1
${PSU}.4.1.1|4|OK
${FAN}.4.1.1.1|4|1/1/1
${FAN}.5.1.1.1|4|ok
`, PROFILES);
    expect(o.powerSupplies.map((p) => p.status)).toEqual(['unknown']);
    expect(o.fans.map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('aruba-cx: gating', () => {
  it('stays silent on a device of another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.11.2.3.7.11.160')}
${PSU}.3.1.1|4|1/1
${PSU}.11.1.1|2|3
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.profiles).not.toContain('aruba-cx');
  });
});
