import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { entityProfile } from './entity.js';
import { hpIcfPowerSupplyProfile } from './hp-icf-powersupply.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, hpIcfPowerSupplyProfile, entityProfile];
const PROCURVE = `
1.3.6.1.2.1.1.1.0|4|Aruba JL074A 3810M-48G-PoE+-1-slot Switch
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.11.2.3.7.8.5.2
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|access-1
`;
const PS = '1.3.6.1.4.1.11.2.14.11.5.1.55.1.1.1.2';

describe('hp-icf-powersupply: hpicfPsState, every value', () => {
  it.each([
    [1, 'absent'], // psNotPresent
    [2, 'failed'], // psNotPlugged: installed, no input power
    [3, 'ok'], // psPowered
    [4, 'failed'], // psFailed
    [5, 'failed'], // psPermFailure
    [6, 'unknown'], // psMax: the enumeration's bound
    [7, 'failed'], // psAuxFailure
    [8, 'failed'], // psNotPowered
    [9, 'failed'], // psAuxNotPowered
  ] as const)('bay in state %i → %s', async (raw, want) => {
    const o = await observeTable(`${PROCURVE}
${PS}.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-hp-icf-powersupply-1', name: 'psu-hp-icf-powersupply-1', status: want, sources: ['hp-icf-powersupply'] }]);
  });

  it('replaces the ENTITY-MIB supplies (bay numbers do not map to entPhysicalIndex): 2 units, not 4', async () => {
    const o = await observeTable(`${PROCURVE}
1.3.6.1.2.1.47.1.1.1.1.5.14001|2|6
1.3.6.1.2.1.47.1.1.1.1.5.14002|2|6
1.3.6.1.2.1.47.1.1.1.1.5.11001|2|7
1.3.6.1.2.1.131.1.1.1.3.14001|2|3
1.3.6.1.2.1.131.1.1.1.3.14002|2|3
1.3.6.1.2.1.131.1.1.1.3.11001|2|3
${PS}.1|2|3
${PS}.2|2|4
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-hp-icf-powersupply-1', 'ok'], ['psu-hp-icf-powersupply-2', 'failed']]);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-11001', 'ok']]);
  });
});
