import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemProfile } from './system.js';
import { zteProfile } from './zte.js';

const PROFILES = [systemProfile, zteProfile];
const HW = '1.3.6.1.4.1.3902.3.6002.2';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|ZXR10 M6000-8S PLUS Software, Version V5.00.10
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|bng-1
`;
const M6000 = system('1.3.6.1.4.1.3902.3.100.6002.2.1');

/** One power module: rack 1, shelf 1, group 1, module n. */
const module = (n: number, phy: number, power: number, run: number): string => `
${HW}.6.2.1.4.1.1.1.${n}|2|${phy}
${HW}.6.2.1.5.1.1.1.${n}|2|${power}
${HW}.6.2.1.7.1.1.1.${n}|2|${run}
${HW}.6.2.1.13.1.1.1.${n}|4|PWR-${n}
`;

describe('zte: power modules, every value', () => {
  // zxr10PowerModulePowerStatus and RunStatus: unknow(0) normal(1) abnormal(2)
  it.each([[0, 'unknown'], [1, 'ok'], [2, 'failed'], [3, 'unknown']] as const)('power status %i → %s', async (raw, want) => {
    const o = await observeTable(`${M6000}${module(1, 1, raw, 0)}`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-zte-1.1.1.1', name: 'PWR-1', status: want, sources: ['zte'] }]);
  });
  it.each([[0, 'unknown'], [1, 'ok'], [2, 'failed']] as const)('run status %i → %s', async (raw, want) => {
    const o = await observeTable(`${M6000}${module(1, 1, 0, raw)}`, PROFILES);
    expect(o.powerSupplies.map((p) => p.status)).toEqual([want]);
  });
  // zxr10PowerModulePhyStatus: unknow(0) online(1) offline(2)
  it.each([[0, 'failed'], [1, 'failed'], [2, 'absent']] as const)('physical status %i with abnormal power → %s', async (raw, want) => {
    const o = await observeTable(`${M6000}${module(1, raw, 2, 2)}`, PROFILES);
    expect(o.powerSupplies.map((p) => p.status)).toEqual([want]);
  });

  it('a module that runs but whose power state is abnormal is failed', async () => {
    const o = await observeTable(`${M6000}${module(1, 1, 1, 1)}${module(2, 1, 2, 1)}${module(3, 2, 0, 0)}`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.name, p.status])).toEqual([['PWR-1', 'ok'], ['PWR-2', 'failed'], ['PWR-3', 'absent']]);
  });
});

describe('zte: fans', () => {
  // zxr10FanStatus: abnormal(0) normal(1)
  it.each([[0, 'failed'], [1, 'ok'], [2, 'unknown']] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${M6000}
${HW}.3.1.7.1.1.1.1|2|${raw}
`, PROFILES);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-zte-1.1.1.1', want]]);
  });
});

describe('zte: gating', () => {
  it('stays silent on a device of another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.2011.2.224.279')}${module(1, 1, 2, 2)}
${HW}.3.1.7.1.1.1.1|2|0
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.fans).toEqual([]);
    expect(o.profiles).not.toContain('zte');
  });
});
