import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { mikrotikProfile } from './mikrotik.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, mikrotikProfile];
const ROUTEROS = `
1.3.6.1.2.1.1.1.0|4|RouterOS CRS317-1G-16S+
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.14988.1
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|crs-1
`;
const G = '1.3.6.1.4.1.14988.1.1.3.100.1';

describe('mikrotik: mtxrGaugeTable status rows, every value', () => {
  it.each([
    [0, 'ok'],
    [1, 'failed'], // fail: dead supply or no input power
    [7, 'unknown'],
  ] as const)('psu2-state and fan1-state = %i → %s', async (raw, want) => {
    const o = await observeTable(`${ROUTEROS}
${G}.2.7402|4|psu2-state
${G}.3.7402|66|${raw}
${G}.4.7402|2|6
${G}.2.7501|4|fan1-state
${G}.3.7501|66|${raw}
${G}.4.7501|2|6
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-mikrotik-7402', name: 'psu2-state', status: want, sources: ['mikrotik'] }]);
    expect(o.fans).toEqual([{ id: 'fan-mikrotik-7501', name: 'fan1-state', status: want, sources: ['mikrotik'] }]);
  });

  it('reads only status rows: fan speeds, temperatures and legacy scalars are not units', async () => {
    const o = await observeTable(`${ROUTEROS}
1.3.6.1.4.1.14988.1.1.3.15.0|2|1
1.3.6.1.4.1.14988.1.1.3.16.0|2|1
${G}.2.14|4|temperature
${G}.3.14|66|45
${G}.4.14|2|1
${G}.2.7403|4|psu3-state
${G}.3.7403|66|120
${G}.4.7403|2|3
${G}.2.7001|4|fan1-speed
${G}.3.7001|66|0
${G}.4.7001|2|2
${G}.2.7401|4|psu1-state
${G}.3.7401|66|0
${G}.4.7401|2|6
${G}.2.7402|4|psu2-state
${G}.3.7402|66|1
${G}.4.7402|2|6
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.name, p.status])).toEqual([['psu1-state', 'ok'], ['psu2-state', 'failed']]);
    expect(o.fans).toEqual([]);
  });
});
