import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ciscoRfProfile } from './cisco-rf.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, ciscoRfProfile];
const CISCO = `
1.3.6.1.2.1.1.1.0|4|Cisco IOS Software
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9.1.875
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|dist-1
`;
const RF = '1.3.6.1.4.1.9.9.176.1';

describe('cisco-rf: cRFStatusPeerUnitState, every value', () => {
  it.each([
    [1, 'unknown'], // notKnown
    [2, 'notApplicable'], // disabled: no peer takes part (single supervisor)
    [3, 'nonRedundant'], // initialization
    [4, 'nonRedundant'], // negotiation
    [5, 'nonRedundant'], // standbyCold
    [6, 'nonRedundant'], // standbyColdConfig
    [7, 'nonRedundant'], // standbyColdFileSys
    [8, 'nonRedundant'], // standbyColdBulk
    [9, 'redundant'], // standbyHot
    [10, 'unknown'], // activeFast
    [11, 'unknown'], // activeDrain
    [12, 'unknown'], // activePreconfig
    [13, 'unknown'], // activePostconfig
    [14, 'unknown'], // active
    [15, 'unknown'], // activeExtraload
    [16, 'unknown'], // activeHandback
    [17, 'nonRedundant'], // standbyWarm
  ] as const)('peer %i → %s', async (raw, want) => {
    const o = await observeTable(`${CISCO}
${RF}.1.4.0|2|${raw}
${RF}.2.14.0|2|8
`, PROFILES);
    expect(o.redundancy).toEqual([{ subject: 'supervisor', name: 'supervisor redundancy', state: want, configured: 'redundant', source: 'cisco-rf' }]);
  });
});

describe('cisco-rf: cRFCfgRedundancyMode, every value', () => {
  it.each([
    [1, 'nonRedundant'], // nonRedundant
    [2, 'nonRedundant'], // staticLoadShareNonRedundant
    [3, 'nonRedundant'], // dynamicLoadShareNonRedundant
    [4, 'redundant'], // staticLoadShareRedundant
    [5, 'redundant'], // dynamicLoadShareRedundant
    [6, 'nonRedundant'], // coldStandbyRedundant: a cold standby is not available redundancy
    [7, 'nonRedundant'], // warmStandbyRedundant
    [8, 'redundant'], // hotStandbyRedundant
  ] as const)('configured %i → %s', async (raw, want) => {
    const o = await observeTable(`${CISCO}
${RF}.1.4.0|2|9
${RF}.2.14.0|2|${raw}
`, PROFILES);
    expect(o.redundancy.map((r) => r.configured)).toEqual([want]);
  });

  it('a single-supervisor chassis without a configured mode is notApplicable, configured unknown', async () => {
    const o = await observeTable(`${CISCO}
${RF}.1.2.0|2|14
${RF}.1.4.0|2|2
${RF}.2.16.0|2|1
`, PROFILES);
    expect(o.redundancy.map((r) => [r.state, r.configured])).toEqual([['notApplicable', 'unknown']]);
  });

  it('says nothing on a device without CISCO-RF-MIB', async () => {
    const o = await observeTable(CISCO, PROFILES);
    expect(o.redundancy).toEqual([]);
  });
});
