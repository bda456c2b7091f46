import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { entityProfile } from './entity.js';
import { huaweiEntityExtentProfile, huaweiEntityStateProfile } from './huawei-entity-extent.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, huaweiEntityExtentProfile, huaweiEntityStateProfile, entityProfile];
const VRP = `
1.3.6.1.2.1.1.1.0|4|Huawei Versatile Routing Platform Software
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.2011.2.23.291
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|agg-1
`;
const PWR = '1.3.6.1.4.1.2011.5.25.31.1.1.18.1';
const FAN = '1.3.6.1.4.1.2011.5.25.31.1.1.10.1';

describe('huawei-entity-extent: hwEntityPwrState, every value', () => {
  it.each([
    [1, 'ok'], // supply
    [2, 'failed'], // notSupply
    [3, 'ok'], // sleep: a healthy supply in power-saving dormancy
    [4, 'unknown'], // unknown
  ] as const)('present supply in state %i → %s', async (raw, want) => {
    const o = await observeTable(`${VRP}
${PWR}.5.1.5|2|1
${PWR}.6.1.5|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-huawei-entity-extent-1.5', name: 'psu-huawei-entity-extent-1.5', status: want, sources: ['huawei-entity-extent'] }]);
  });

  it('hwEntityPwrPresent absent(2) is an empty bay whatever the state says', async () => {
    const o = await observeTable(`${VRP}
${PWR}.5.1.5|2|2
${PWR}.6.1.5|2|2
${PWR}.5.1.6|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-huawei-entity-extent-1.5', 'absent'], ['psu-huawei-entity-extent-1.6', 'absent']]);
  });

  it('names a supply by hwEntityPwrDesc when the agent fills it', async () => {
    const o = await observeTable(`${VRP}
${PWR}.5.2.6|2|1
${PWR}.6.2.6|2|1
${PWR}.9.2.6|4|PWR2
`, PROFILES);
    expect(o.powerSupplies.map((p) => p.name)).toEqual(['PWR2']);
  });
});

describe('huawei-entity-extent: hwEntityFanState, every value', () => {
  it.each([
    [1, 1, 'ok'], // present, normal
    [1, 2, 'failed'], // present, abnormal
    [2, 1, 'absent'], // absent
    [2, 2, 'absent'],
  ] as const)('present %i, state %i → %s', async (present, raw, want) => {
    const o = await observeTable(`${VRP}
${FAN}.6.1.7|2|${present}
${FAN}.7.1.7|2|${raw}
`, PROFILES);
    expect(o.fans).toEqual([{ id: 'fan-huawei-entity-extent-1.7', name: 'fan-huawei-entity-extent-1.7', status: want, sources: ['huawei-entity-extent'] }]);
  });
});

describe('huawei-entity-extent: ENTITY-MIB units of the same modules', () => {
  it('replaces the stateless ENTITY-MIB supplies instead of counting them twice', async () => {
    const o = await observeTable(`${VRP}
1.3.6.1.2.1.47.1.1.1.1.5.67125260|2|6
1.3.6.1.2.1.47.1.1.1.1.7.67125260|4|PWR1
${PWR}.5.1.5|2|1
${PWR}.6.1.5|2|1
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-huawei-entity-extent-1.5', 'ok']]);
  });

  it('keeps the ENTITY-MIB supplies when the table is missing', async () => {
    const o = await observeTable(`${VRP}
1.3.6.1.2.1.47.1.1.1.1.5.67125260|2|6
1.3.6.1.2.1.47.1.1.1.1.7.67125260|4|PWR1
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-67125260', 'unknown']]);
  });
});

describe('huawei-entity-state: hwEntityOperStatus of supply and fan entities, every value', () => {
  const ENT = '1.3.6.1.2.1.47.1.1.1.1';
  const OPER = '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.2';
  it.each([
    [1, 'unknown'], // notSupported
    [2, 'failed'], // disabled
    [3, 'ok'], // enabled
    [4, 'unknown'], // offline: not registered, removed or not yet up
    [11, 'ok'], // up
    [12, 'failed'], // down
    [13, 'unknown'], // connect
    [15, 'unknown'], // protocolUp
    [16, 'unknown'], // linkUp
    [17, 'unknown'], // linkDown
  ] as const)('%i → %s, merged with ENTITY-MIB; a board is not a unit', async (raw, want) => {
    const o = await observeTable(`${VRP}
${ENT}.5.67125260|2|6
${ENT}.7.67125260|4|PWR1
${ENT}.5.67141644|2|7
${ENT}.7.67141644|4|FAN1
${ENT}.5.68157449|2|9
${OPER}.67125260|2|${raw}
${OPER}.67141644|2|${raw}
${OPER}.68157449|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-67125260', name: 'PWR1', status: want, sources: ['huawei-entity-state', 'entity'] }]);
    expect(o.fans).toEqual([{ id: 'fan-67141644', name: 'FAN1', status: want, sources: ['huawei-entity-state', 'entity'] }]);
  });

  it('gives way to hwPwrStatusTable when the device has both, so that a supply counts once', async () => {
    const o = await observeTable(`${VRP}
${ENT}.5.67125260|2|6
${OPER}.67125260|2|3
${PWR}.5.1.5|2|1
${PWR}.6.1.5|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-huawei-entity-extent-1.5', 'failed']]);
  });
});
