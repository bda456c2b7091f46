import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { alcatelAosProfile } from './alcatel-aos.js';
import { entityProfile } from './entity.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, alcatelAosProfile, entityProfile];
const AOS7 = '1.3.6.1.4.1.6486.801.1.1.1';
const AOS6 = '1.3.6.1.4.1.6486.800.1.1.1';
const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|Alcatel-Lucent Enterprise OS6900-X20 8.6.289.R01 GA
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|core-sw
`;
const OS6900 = system('1.3.6.1.4.1.6486.801.1.1.2.1.10.1.1');
const OS6850 = system('1.3.6.1.4.1.6486.800.1.1.2.1.7.1.16');

/** One supply entity (entPhysicalIndex 284, named like a supply of a virtual chassis). */
const SUPPLY = `
${ENT}.5.284|2|6
${ENT}.7.284|4|5/PS-2
`;

describe('alcatel-aos: chasEntPhysOperStatus on a supply, AOS 7/8, every value', () => {
  it.each([
    [1, 'ok'], // up
    [2, 'failed'], // down: administratively down
    [3, 'unknown'], // testing
    [4, 'unknown'], // unknown
    [5, 'unknown'], // secondary
    [6, 'absent'], // notPresent
    [7, 'failed'], // unpowered: not plugged in
    [8, 'unknown'], // master
    [9, 'unknown'], // idle
    [10, 'unknown'], // pwrsave: turned off by power-save
    [11, 'unknown'], // not in the MIB
  ] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${OS6900}${SUPPLY}
${AOS7}.1.1.1.1.2.284|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-284', name: '5/PS-2', status: want, sources: ['alcatel-aos', 'entity'] }]);
  });
});

describe('alcatel-aos: AOS 6', () => {
  it.each([[1, 'ok'], [2, 'failed'], [6, 'absent'], [7, 'failed'], [8, 'unknown'], [9, 'unknown'], [10, 'unknown']] as const)(
    'supply %i → %s', async (raw, want) => {
      const o = await observeTable(`${OS6850}${SUPPLY}
${AOS6}.1.1.1.1.2.284|2|${raw}
`, PROFILES);
      expect(o.powerSupplies.map((p) => p.status)).toEqual([want]);
    },
  );
});

describe('alcatel-aos: fans', () => {
  // alaChasEntPhysFanStatus: noStatus(0) notRunning(1) running(2)
  it.each([[0, 'unknown'], [1, 'failed'], [2, 'ok'], [3, 'unknown']] as const)('alaChasEntPhysFanStatus %i → %s', async (raw, want) => {
    const o = await observeTable(`${OS6900}
${AOS7}.3.1.1.11.1.2.1.1|2|${raw}
`, PROFILES);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-alcatel-aos-1.1', want]]);
  });

  it('reads fan-class entities only when the fan table is empty', async () => {
    const trays = `
${ENT}.5.60|2|7
${ENT}.7.60|4|FAN-1
${AOS7}.1.1.1.1.2.60|2|2
`;
    const alone = await observeTable(`${OS6900}${trays}`, PROFILES);
    expect(alone.fans.map((f) => [f.id, f.name, f.status])).toEqual([['fan-60', 'FAN-1', 'failed']]);
    const both = await observeTable(`${OS6900}${trays}
${AOS7}.3.1.1.11.1.2.1.1|2|2
`, PROFILES);
    expect(both.fans.map((f) => f.id).sort()).toEqual(['fan-60', 'fan-alcatel-aos-1.1']);
    // the tray entity is still listed by the ENTITY-MIB profile, but not from this MIB
    expect(both.fans.find((f) => f.id === 'fan-60')?.sources).toEqual(['entity']);
  });
});

describe('alcatel-aos: gating', () => {
  it('stays silent on a device of another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.6527.1.3.4')}${SUPPLY}
${AOS7}.1.1.1.1.2.284|2|2
${AOS6}.1.1.1.1.2.284|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => p.sources)).toEqual([['entity']]);
    expect(o.profiles).not.toContain('alcatel-aos');
  });
});
