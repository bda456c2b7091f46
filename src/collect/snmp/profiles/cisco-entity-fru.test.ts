import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ciscoEntityFruProfile } from './cisco-entity-fru.js';
import { ciscoEnvmonProfile } from './cisco-envmon.js';
import { entityProfile } from './entity.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, ciscoEnvmonProfile, ciscoEntityFruProfile, entityProfile];
const CISCO = `
1.3.6.1.2.1.1.1.0|4|Cisco IOS-XE Software
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9.1.2688
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|core-1
`;
const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const CEFC = '1.3.6.1.4.1.9.9.117.1';
const PSU_ENTITY = `
${ENT}.5.507|2|6
${ENT}.7.507|4|Switch 2 Power Supply Module 1
`;

describe('cisco-entity-fru: PowerOperType, every value', () => {
  it.each([
    [1, 'failed'], // offEnvOther
    [2, 'ok'], // on
    [3, 'failed'], // offAdmin: installed, switched off, protects nothing
    [4, 'failed'], // offDenied
    [5, 'failed'], // offEnvPower
    [6, 'failed'], // offEnvTemp
    [7, 'failed'], // offEnvFan
    [8, 'failed'], // failed
    [9, 'failed'], // onButFanFail
    [10, 'failed'], // offCooling
    [11, 'failed'], // offConnectorRating
    [12, 'failed'], // onButInlinePowerFail
    [42, 'unknown'], // not in the MIB
  ] as const)('cefcFRUPowerOperStatus %i → %s', async (raw, want) => {
    const o = await observeTable(`${CISCO}${PSU_ENTITY}
${CEFC}.1.2.1.2.507|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-507', name: 'Switch 2 Power Supply Module 1', status: want, sources: ['cisco-entity-fru', 'entity'] }]);
  });

  it('ignores the FRUs that are not supplies (linecards, the chassis)', async () => {
    const o = await observeTable(`${CISCO}
${ENT}.5.1000|2|9
${ENT}.5.1|2|3
${CEFC}.1.2.1.2.1000|2|2
${CEFC}.1.2.1.2.1|2|8
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
  });
});

describe('cisco-entity-fru: one supply seen by two MIBs', () => {
  it('merges with CISCO-ENVMON-MIB on the same entPhysicalIndex and counts one failed unit', async () => {
    const o = await observeTable(`${CISCO}${PSU_ENTITY}
${ENT}.5.504|2|6
${ENT}.7.504|4|Switch 2 Power Supply Module 0
1.3.6.1.4.1.9.9.13.1.5.1.3.504|2|1
1.3.6.1.4.1.9.9.13.1.5.1.3.507|2|4
${CEFC}.1.2.1.2.504|2|2
${CEFC}.1.2.1.2.507|2|8
`, PROFILES);
    expect(o.powerSupplies).toEqual([
      { id: 'psu-504', name: 'Switch 2 Power Supply Module 0', status: 'ok', sources: ['cisco-envmon', 'cisco-entity-fru', 'entity'] },
      { id: 'psu-507', name: 'Switch 2 Power Supply Module 1', status: 'failed', sources: ['cisco-envmon', 'cisco-entity-fru', 'entity'] },
    ]);
  });
});

describe('cisco-entity-fru: cefcFanTrayOperStatus, every value', () => {
  it.each([
    [1, 'unknown'], // unknown
    [2, 'ok'], // up
    [3, 'failed'], // down
    [4, 'failed'], // warning
  ] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${CISCO}
${ENT}.5.534|2|7
${ENT}.7.534|4|Fan Module-1
${CEFC}.4.1.1.1.534|2|${raw}
`, PROFILES);
    expect(o.fans).toEqual([{ id: 'fan-534', name: 'Fan Module-1', status: want, sources: ['cisco-entity-fru', 'entity'] }]);
  });
});

describe('cisco-entity-fru: power redundancy (admin vs oper)', () => {
  it.each([
    [1, 'notApplicable'], // notsupported
    [2, 'redundant'], // redundant
    [3, 'nonRedundant'], // combined: no spare supply
    [4, 'nonRedundant'], // nonRedundant
    [5, 'redundant'], // psRedundant
    [6, 'redundant'], // inPwrSrcRedundant
    [7, 'nonRedundant'], // psRedundantSingleInput: one feed failure takes all supplies
    [42, 'unknown'],
  ] as const)('cefcPowerRedundancyOperMode %i → %s, configured redundant', async (raw, want) => {
    const o = await observeTable(`${CISCO}
${CEFC}.1.1.1.1.1|2|2
${CEFC}.1.1.1.5.1|2|${raw}
`, PROFILES);
    expect(o.redundancy).toEqual([{ subject: 'power', name: 'power supply redundancy', state: want, configured: 'redundant', source: 'cisco-entity-fru' }]);
  });

  it('reports configured combined with an actual combined mode as configured nonRedundant', async () => {
    const o = await observeTable(`${CISCO}
${CEFC}.1.1.1.1.1|2|3
${CEFC}.1.1.1.5.1|2|3
`, PROFILES);
    expect(o.redundancy.map((r) => [r.state, r.configured])).toEqual([['nonRedundant', 'nonRedundant']]);
  });
});
