import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { entityProfile } from './entity.js';
import { juniperProfile } from './juniper.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, juniperProfile, entityProfile];
const JUNOS = `
1.3.6.1.2.1.1.1.0|4|Juniper Networks, Inc. qfx5100-48s-6q
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.2636.1.1.1.4.82.5
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|leaf-1
`;
const OP = '1.3.6.1.4.1.2636.3.1.13.1';
const FRU = '1.3.6.1.4.1.2636.3.1.15.1';

describe('juniper: jnxFruState, every value', () => {
  it.each([
    [1, 'unknown'], // unknown
    [2, 'absent'], // empty
    [3, 'failed'], // present: inserted but not online (a PEM without input power)
    [4, 'ok'], // ready
    [5, 'ok'], // announceOnline
    [6, 'ok'], // online
    [7, 'failed'], // anounceOffline
    [8, 'failed'], // offline
    [9, 'unknown'], // diagnostic
    [10, 'ok'], // standby
  ] as const)('a PEM (jnxFruType 7) and a fan (13) in state %i → %s', async (raw, want) => {
    const o = await observeTable(`${JUNOS}
${FRU}.5.2.1.1.0|4|Power Supply 0 @ 0/0/*
${FRU}.6.2.1.1.0|2|7
${FRU}.8.2.1.1.0|2|${raw}
${FRU}.5.4.1.1.0|4|Fan Tray 0 @ 0/0/*
${FRU}.6.4.1.1.0|2|13
${FRU}.8.4.1.1.0|2|${raw}
${FRU}.5.9.1.0.0|4|Routing Engine 0
${FRU}.6.9.1.0.0|2|6
${FRU}.8.9.1.0.0|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-2.1.1.0', name: 'Power Supply 0 @ 0/0/*', status: want, sources: ['juniper'] }]);
    expect(o.fans).toEqual([{ id: 'fan-4.1.1.0', name: 'Fan Tray 0 @ 0/0/*', status: want, sources: ['juniper'] }]);
  });
});

describe('juniper: jnxOperatingState, every value', () => {
  it.each([
    [1, 'unknown'], // unknown
    [2, 'ok'], // running
    [3, 'ok'], // ready
    [4, 'unknown'], // reset
    [5, 'ok'], // runningAtFullSpeed
    [6, 'failed'], // down
    [7, 'ok'], // standby
  ] as const)('a PEM and a fan recognised by jnxOperatingDescr in state %i → %s', async (raw, want) => {
    const o = await observeTable(`${JUNOS}
${OP}.5.2.1.0.0|4|node0 PEM 0
${OP}.6.2.1.0.0|2|${raw}
${OP}.5.4.1.1.0|4|node0 Fan 1
${OP}.6.4.1.1.0|2|${raw}
${OP}.5.7.1.0.0|4|node0 FPC: SRX3k SFB 12GE @ 0/*/*
${OP}.6.7.1.0.0|2|${raw}
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.name, p.status])).toEqual([['psu-2.1.0.0', 'node0 PEM 0', want]]);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-4.1.1.0', want]]);
  });
});

describe('juniper: one unit in both tables', () => {
  it('counts a supply listed by jnxOperatingTable and jnxFruTable once, and a failure in either wins', async () => {
    const o = await observeTable(`${JUNOS}
${OP}.5.2.1.1.0|4|Power Supply 0 @ 0/0/*
${OP}.6.2.1.1.0|2|2
${OP}.5.2.1.2.0|4|Power Supply 1 @ 0/1/*
${OP}.6.2.1.2.0|2|2
${FRU}.5.2.1.1.0|4|Power Supply 0 @ 0/0/*
${FRU}.6.2.1.1.0|2|7
${FRU}.8.2.1.1.0|2|6
${FRU}.5.2.1.2.0|4|Power Supply 1 @ 0/1/*
${FRU}.6.2.1.2.0|2|7
${FRU}.8.2.1.2.0|2|8
`, PROFILES);
    expect(o.powerSupplies).toEqual([
      { id: 'psu-2.1.1.0', name: 'Power Supply 0 @ 0/0/*', status: 'ok', sources: ['juniper'] },
      { id: 'psu-2.1.2.0', name: 'Power Supply 1 @ 0/1/*', status: 'failed', sources: ['juniper'] },
    ]);
  });

  it('an empty bay is absent even when jnxOperatingTable calls it down', async () => {
    const o = await observeTable(`${JUNOS}
${OP}.5.2.1.2.0|4|Power Supply 1 @ 0/1/*
${OP}.6.2.1.2.0|2|6
${FRU}.5.2.1.2.0|4|Power Supply 1 @ 0/1/*
${FRU}.6.2.1.2.0|2|7
${FRU}.8.2.1.2.0|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-2.1.2.0', 'absent']]);
  });

  it('recognises supplies and fans by jnxFruName when the agent leaves jnxFruType out (EX3400)', async () => {
    const o = await observeTable(`${JUNOS}
${FRU}.5.2.1.1.0|4|Power Supply 0 @ 0/0/*
${FRU}.8.2.1.1.0|2|6
${FRU}.5.4.1.1.0|4|Fan Tray 0 @ 0/0/*
${FRU}.8.4.1.1.0|2|8
${FRU}.5.7.1.0.0|4|FPC: EX3400-48T @ 0/*/*
${FRU}.8.7.1.0.0|2|6
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-2.1.1.0', 'ok']]);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-4.1.1.0', 'failed']]);
  });

  it('a fan named after its supply is a fan, not a supply', async () => {
    const o = await observeTable(`${JUNOS}
${OP}.5.2.1.1.1|4|PEM 0 Fan
${OP}.6.2.1.1.1|2|2
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.fans.map((f) => f.name)).toEqual(['PEM 0 Fan']);
  });
});
