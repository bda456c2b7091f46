import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { entityProfile } from './entity.js';
import { h3cEntityExtProfile, hh3cEntityExtProfile } from './hh3c-entity-ext.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, hh3cEntityExtProfile, h3cEntityExtProfile, entityProfile];
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|Comware Platform Software
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|core-1
`;
const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const ENTITIES = `
${ENT}.5.74|2|6
${ENT}.7.74|4|PSU 1
${ENT}.5.80|2|7
${ENT}.7.80|4|Fan 0
${ENT}.5.20|2|9
`;
const ERROR_STATUS: readonly (readonly [number, string])[] = [
  [1, 'unknown'], // notSupported
  [2, 'ok'], // normal
  [3, 'failed'], // postFailure
  [4, 'absent'], // entityAbsent
  [11, 'failed'], // poeError
  [21, 'failed'], // stackError
  [22, 'failed'], // stackPortBlocked
  [23, 'failed'], // stackPortFailed
  [31, 'failed'], // sfpRecvError
  [32, 'failed'], // sfpSendError
  [33, 'failed'], // sfpBothError
  [41, 'failed'], // fanError
  [51, 'failed'], // psuError
  [61, 'failed'], // rpsError
  [71, 'failed'], // moduleFaulty
  [81, 'failed'], // sensorError
  [91, 'failed'], // hardwareFaulty
];

describe('hh3c-entity-ext: hh3cEntityExtErrorStatus, every value', () => {
  it.each(ERROR_STATUS)('%i → %s on the supply and fan entities, merged with ENTITY-MIB', async (raw, want) => {
    const E = '1.3.6.1.4.1.25506.2.6.1.1.1.1.19';
    const o = await observeTable(`${system('1.3.6.1.4.1.25506.11.1.172')}${ENTITIES}
${E}.74|2|${raw}
${E}.80|2|${raw}
${E}.20|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-74', name: 'PSU 1', status: want, sources: ['hh3c-entity-ext', 'entity'] }]);
    expect(o.fans).toEqual([{ id: 'fan-80', name: 'Fan 0', status: want, sources: ['hh3c-entity-ext', 'entity'] }]);
  });
});

describe('h3c-entity-ext: h3cEntityExtErrorStatus (older H3C subtree), every value', () => {
  it.each(ERROR_STATUS)('%i → %s', async (raw, want) => {
    const E = '1.3.6.1.4.1.2011.10.2.6.1.1.1.1.19';
    const o = await observeTable(`${system('1.3.6.1.4.1.2011.10.1.88')}${ENTITIES}
${E}.74|2|${raw}
${E}.80|2|${raw}
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status, p.sources])).toEqual([['psu-74', want, ['h3c-entity-ext', 'entity']]]);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-80', want]]);
  });
});
