import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { brocadeFoundryProfile } from './brocade-foundry.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, brocadeFoundryProfile];
const CHAS = '1.3.6.1.4.1.1991.1.1.1';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|Ruckus ICX7450-48, IronWare Version 08.0.90
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|acc-1
`;
const ICX = system('1.3.6.1.4.1.1991.1.3.62.2.2.1.1');

describe('brocade-foundry: OperStatus, every value', () => {
  // FOUNDRY-SN-AGENT-MIB snChasPwrSupplyOperStatus / snChasFanOperStatus (and the *2 tables)
  it.each([
    [1, 'unknown'], // other
    [2, 'ok'], // normal
    [3, 'failed'], // failure
    [0, 'unknown'], // not in the MIB
  ] as const)('chassis table %i → %s', async (raw, want) => {
    const o = await observeTable(`${ICX}
${CHAS}.2.1.1.2.1|4|Power supply 1
${CHAS}.2.1.1.3.1|2|${raw}
${CHAS}.3.1.1.2.1|4|Fan 1
${CHAS}.3.1.1.3.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-brocade-foundry-1', name: 'Power supply 1', status: want, sources: ['brocade-foundry'] }]);
    expect(o.fans).toEqual([{ id: 'fan-brocade-foundry-1', name: 'Fan 1', status: want, sources: ['brocade-foundry'] }]);
  });

  it.each([[1, 'unknown'], [2, 'ok'], [3, 'failed']] as const)('per-unit table %i → %s', async (raw, want) => {
    const o = await observeTable(`${ICX}
${CHAS}.2.2.1.4.2.1|2|${raw}
${CHAS}.3.2.1.4.2.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-brocade-foundry-2.1', want]]);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-brocade-foundry-2.1', want]]);
  });
});

describe('brocade-foundry: stacks', () => {
  it('reads the per-unit tables only, so the master unit is not counted twice', async () => {
    const o = await observeTable(`${ICX}
${CHAS}.2.1.1.2.1|4|Power supply 1
${CHAS}.2.1.1.3.1|2|2
${CHAS}.2.1.1.2.2|4|Power supply 2
${CHAS}.2.1.1.3.2|2|2
${CHAS}.2.2.1.3.1.1|4|Power supply 1
${CHAS}.2.2.1.4.1.1|2|2
${CHAS}.2.2.1.3.1.2|4|Power supply 2
${CHAS}.2.2.1.4.1.2|2|2
${CHAS}.2.2.1.3.2.1|4|Power supply 1
${CHAS}.2.2.1.4.2.1|2|3
${CHAS}.3.1.1.3.1|2|2
${CHAS}.3.2.1.4.1.1|2|2
${CHAS}.3.2.1.4.2.1|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([
      ['psu-brocade-foundry-1.1', 'ok'],
      ['psu-brocade-foundry-1.2', 'ok'],
      ['psu-brocade-foundry-2.1', 'failed'],
    ]);
    expect(o.fans.map((f) => f.id)).toEqual(['fan-brocade-foundry-1.1', 'fan-brocade-foundry-2.1']);
  });
});

describe('brocade-foundry: gating', () => {
  it('stays silent on a device of another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.2636.1.1.1.2.29')}
${CHAS}.2.1.1.3.1|2|3
${CHAS}.3.1.1.3.1|2|3
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.fans).toEqual([]);
    expect(o.profiles).not.toContain('brocade-foundry');
  });
});
