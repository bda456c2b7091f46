import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { entityProfile } from './entity.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, entityProfile];
const SYSTEM = `
1.3.6.1.2.1.1.1.0|4|Cumulus Linux
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.40310
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|leaf-1
`;
const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const SENSOR = '1.3.6.1.2.1.99.1.1.1';

describe('entity: a supply or fan entity that is itself a sensor (Cumulus Linux)', () => {
  it.each([
    [1, 'ok'], // ok
    [2, 'unknown'], // unavailable
    [3, 'failed'], // nonoperational
  ] as const)('entPhySensorOperStatus %i at the unit itself → %s', async (raw, want) => {
    const o = await observeTable(`${SYSTEM}
${ENT}.4.110000001|2|1
${ENT}.5.110000001|2|6
${ENT}.7.110000001|4|PSU1
${ENT}.4.100011001|2|1
${ENT}.5.100011001|2|7
${ENT}.7.100011001|4|Fan1
${SENSOR}.1.110000001|2|6
${SENSOR}.5.110000001|2|${raw}
${SENSOR}.1.100011001|2|10
${SENSOR}.5.100011001|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-110000001', name: 'PSU1', status: want, sources: ['entity'] }]);
    expect(o.fans).toEqual([{ id: 'fan-100011001', name: 'Fan1', status: want, sources: ['entity'] }]);
  });
});
