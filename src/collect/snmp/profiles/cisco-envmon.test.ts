import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ciscoEnvmonProfile } from './cisco-envmon.js';
import { entityProfile } from './entity.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, ciscoEnvmonProfile, entityProfile];
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|Cisco IOS Software
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|sw-1
`;
const CISCO = system('1.3.6.1.4.1.9.1.1208');
const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const SUPPLY = '1.3.6.1.4.1.9.9.13.1.5.1';
const FAN = '1.3.6.1.4.1.9.9.13.1.4.1';

describe('cisco-envmon: CiscoEnvMonState, every value', () => {
  it.each([
    [1, 'ok'], // normal
    [2, 'failed'], // warning
    [3, 'failed'], // critical
    [4, 'failed'], // shutdown
    [5, 'absent'], // notPresent
    [6, 'failed'], // notFunctioning
    [42, 'unknown'], // not in the MIB
  ] as const)('supply and fan in state %i → %s', async (raw, want) => {
    const o = await observeTable(`${CISCO}
${ENT}.5.1006|2|6
${ENT}.7.1006|4|Switch 1 - Power Supply 0
${ENT}.5.1007|2|7
${ENT}.7.1007|4|Switch 1 - Fan 0
${SUPPLY}.2.1006|4|Sw1, PS1 Normal, RPS NotExist
${SUPPLY}.3.1006|2|${raw}
${FAN}.2.1007|4|Switch#1, Fan#1
${FAN}.3.1007|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-1006', name: 'Switch 1 - Power Supply 0', status: want, sources: ['cisco-envmon', 'entity'] }]);
    expect(o.fans).toEqual([{ id: 'fan-1007', name: 'Switch 1 - Fan 0', status: want, sources: ['cisco-envmon', 'entity'] }]);
  });
});

describe('cisco-envmon: index and entPhysicalIndex', () => {
  it('keeps a row whose index is no supply entity (a 4506 numbers its supplies 1, 2; entity 1 is the chassis) on its own', async () => {
    const o = await observeTable(`${CISCO}
${ENT}.5.1|2|3
${ENT}.7.1|4|Switch System
${SUPPLY}.2.1|4|Power Supply 1
${SUPPLY}.3.1|2|1
${SUPPLY}.2.2|4|Power Supply 2
${SUPPLY}.3.2|2|5
${FAN}.2.3|4|Power Supply 2 Fan
${FAN}.3.3|2|5
`, PROFILES);
    expect(o.powerSupplies).toEqual([
      { id: 'psu-cisco-envmon-1', name: 'Power Supply 1', status: 'ok', sources: ['cisco-envmon'] },
      { id: 'psu-cisco-envmon-2', name: 'Power Supply 2', status: 'absent', sources: ['cisco-envmon'] },
    ]);
    expect(o.fans).toEqual([{ id: 'fan-cisco-envmon-3', name: 'Power Supply 2 Fan', status: 'absent', sources: ['cisco-envmon'] }]);
  });

  it('counts a supply module and the supply entity inside it (Catalyst 9400) as one unit, worst state wins', async () => {
    const o = await observeTable(`${CISCO}
${ENT}.4.11|2|1
${ENT}.5.11|2|5
${ENT}.4.12|2|11
${ENT}.5.12|2|6
${ENT}.7.12|4|Power Supply Module 1
${ENT}.4.13|2|12
${ENT}.5.13|2|6
${ENT}.7.13|4|Power Supply 1
${ENT}.4.14|2|12
${ENT}.5.14|2|7
${ENT}.7.14|4|Fan 1/1
${SUPPLY}.3.12|2|1
${SUPPLY}.3.13|2|3
${FAN}.3.14|2|1
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-12', name: 'Power Supply Module 1', status: 'failed', sources: ['cisco-envmon', 'entity'] }]);
    // a fan inside a supply is a fan of its own, not folded into the supply
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-14', 'ok']]);
  });

  it('keeps apart several supplies inside one supply entity (a power shelf and its modules)', async () => {
    const o = await observeTable(`${CISCO}
${ENT}.5.100|2|6
${ENT}.7.100|4|Power Shelf 0
${ENT}.4.101|2|100
${ENT}.5.101|2|6
${ENT}.7.101|4|PM0
${ENT}.4.102|2|100
${ENT}.5.102|2|6
${ENT}.7.102|4|PM1
${SUPPLY}.3.100|2|2
${SUPPLY}.3.101|2|1
${SUPPLY}.3.102|2|6
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.name, p.status])).toEqual([['Power Shelf 0', 'failed'], ['PM0', 'ok'], ['PM1', 'failed']]);
  });

  it('names a joined unit by its status description when its entity has no name', async () => {
    const o = await observeTable(`${CISCO}
${ENT}.5.1006|2|6
${ENT}.5.1007|2|7
${SUPPLY}.2.1006|4|Sw1, PS1 Normal, RPS NotExist
${SUPPLY}.3.1006|2|1
${FAN}.2.1007|4|Switch#1, Fan#1
${FAN}.3.1007|2|3
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-1006', name: 'Sw1, PS1 Normal, RPS NotExist', status: 'ok', sources: ['cisco-envmon', 'entity'] }]);
    expect(o.fans).toEqual([{ id: 'fan-1007', name: 'Switch#1, Fan#1', status: 'failed', sources: ['cisco-envmon', 'entity'] }]);
  });

  it('drops a state of the wrong type and says which MIB sent it', async () => {
    const o = await observeTable(`${CISCO}
${SUPPLY}.2.1|4|Power Supply 1
${SUPPLY}.3.1|4|normal
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.errors).toEqual([{ profile: 'cisco-envmon', message: 'CISCO-ENVMON-MIB supplyState (1.3.6.1.4.1.9.9.13.1.5.1.3): 1 value(s) of type octets where INTEGER was expected were dropped' }]);
  });

  it('is not walked on another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.2636.1.1.1.4.82.5')}
${SUPPLY}.2.1|4|Power Supply 1
${SUPPLY}.3.1|2|1
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.profiles).not.toContain('cisco-envmon');
  });
});
