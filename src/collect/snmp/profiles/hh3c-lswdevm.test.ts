import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { entityProfile } from './entity.js';
import { h3cEntityExtProfile, hh3cEntityExtProfile } from './hh3c-entity-ext.js';
import { hh3cLswDevmProfile } from './hh3c-lswdevm.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, hh3cLswDevmProfile, hh3cEntityExtProfile, entityProfile];
const COMWARE = `
1.3.6.1.2.1.1.1.0|4|HPE Comware Platform Software
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.25506.11.1.172
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|core-1
`;
const POWER = '1.3.6.1.4.1.25506.8.35.9.1.2.1.2';
const FAN = '1.3.6.1.4.1.25506.8.35.9.1.1.1.2';

describe('hh3c-lswdevm: DevMStatus, every value', () => {
  it.each([
    [1, 'ok'], // active
    [2, 'failed'], // deactive
    [3, 'absent'], // not-install
    [4, 'unknown'], // unsupport
  ] as const)('supply and fan %i → %s', async (raw, want) => {
    const o = await observeTable(`${COMWARE}
${POWER}.1|2|${raw}
${FAN}.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-hh3c-lswdevm-1', name: 'psu-hh3c-lswdevm-1', status: want, sources: ['hh3c-lswdevm'] }]);
    expect(o.fans).toEqual([{ id: 'fan-hh3c-lswdevm-1', name: 'fan-hh3c-lswdevm-1', status: want, sources: ['hh3c-lswdevm'] }]);
  });
});

describe('hh3c-lswdevm: the entity view of the same supplies', () => {
  const ENTITIES = `
1.3.6.1.2.1.47.1.1.1.1.5.74|2|6
1.3.6.1.2.1.47.1.1.1.1.5.75|2|6
1.3.6.1.2.1.47.1.1.1.1.5.80|2|7
`;

  it('replaces ENTITY-MIB and HH3C-ENTITY-EXT-MIB units: 2 installed + 1 empty bay, not 5 units', async () => {
    const o = await observeTable(`${COMWARE}${ENTITIES}
1.3.6.1.4.1.25506.2.6.1.1.1.1.19.74|2|2
1.3.6.1.4.1.25506.2.6.1.1.1.1.19.75|2|51
${POWER}.0|2|1
${POWER}.1|2|2
${POWER}.2|2|3
${FAN}.0|2|1
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([
      ['psu-hh3c-lswdevm-0', 'ok'], ['psu-hh3c-lswdevm-1', 'failed'], ['psu-hh3c-lswdevm-2', 'absent'],
    ]);
    expect(o.fans.map((f) => f.id)).toEqual(['fan-hh3c-lswdevm-0']);
  });

  it('replaces the units of the older H3C-ENTITY-EXT-MIB as well', async () => {
    const o = await observeTable(`${COMWARE}${ENTITIES}
1.3.6.1.4.1.2011.10.2.6.1.1.1.1.19.74|2|2
1.3.6.1.4.1.2011.10.2.6.1.1.1.1.19.75|2|51
${POWER}.0|2|1
${POWER}.1|2|3
`, [systemProfile, hh3cLswDevmProfile, h3cEntityExtProfile]);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-hh3c-lswdevm-0', 'ok'], ['psu-hh3c-lswdevm-1', 'absent']]);
  });

  it('drops a status of the wrong type and says which MIB sent it', async () => {
    const o = await observeTable(`${COMWARE}
${POWER}.1|4|active
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.errors).toEqual([{ profile: 'hh3c-lswdevm', message: `HH3C-LswDEVM-MIB powerStatus (${POWER}): 1 value(s) of type octets where INTEGER was expected were dropped` }]);
  });

  it('leaves the entity units alone when the device has no DevM table', async () => {
    const o = await observeTable(`${COMWARE}${ENTITIES}
1.3.6.1.4.1.25506.2.6.1.1.1.1.19.74|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-74', 'ok'], ['psu-75', 'unknown']]);
  });
});
