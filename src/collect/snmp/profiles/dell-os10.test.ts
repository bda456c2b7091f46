import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { dellOs10Profile } from './dell-os10.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, dellOs10Profile];
const COMPONENT = '1.3.6.1.4.1.674.11000.5000.100.4.1.2';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|Dell EMC Networking OS10 Enterprise.
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|leaf-1
`;
// sysObjectID of the librenms tests/snmpsim/dell-os10.snmprec recording
const OS10 = system('1.3.6.1.4.1.674.11000.5000.100.2.1.7');

describe('dell-os10: Os10CmnOperStatus, every value', () => {
  // DELLEMC-OS10-TC-MIB Os10CmnOperStatus
  it.each([
    [1, 'ok'], // up
    [2, 'failed'], // down
    [3, 'unknown'], // testing
    [4, 'unknown'], // unknown
    [5, 'unknown'], // dormant
    [6, 'absent'], // notPresent
    [7, 'failed'], // lowerLayerDown
    [8, 'failed'], // failed
    [0, 'unknown'], // not in the MIB
  ] as const)('%i → %s', async (raw, want) => {
    const o = await observeTable(`${OS10}
${COMPONENT}.1.1.4.1|2|${raw}
${COMPONENT}.2.1.4.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies.map((p) => p.status)).toEqual([want]);
    expect(o.fans.map((f) => f.status)).toEqual([want]);
  });
});

describe('dell-os10: a switch with one supply pulled and a failed tray', () => {
  it('empty bay absent, failed tray failed', async () => {
    const o = await observeTable(`${OS10}
${COMPONENT}.1.1.4.1|2|1
${COMPONENT}.1.1.4.2|2|6
${COMPONENT}.2.1.4.1|2|1
${COMPONENT}.2.1.4.2|2|8
${COMPONENT}.3.1.4.1|2|2
${COMPONENT}.3.1.7.1|2|8
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-dell-os10-1', 'ok'], ['psu-dell-os10-2', 'absent']]);
    // os10FanTable (single fans) is not read: only the two trays
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-dell-os10-1', 'ok'], ['fan-dell-os10-2', 'failed']]);
  });
});

describe('dell-os10: gating', () => {
  it('stays silent on other Dell products (PowerEdge iDRAC) and other vendors', async () => {
    for (const oid of ['1.3.6.1.4.1.674.10892.5', '1.3.6.1.4.1.6027.1.3.23']) {
      const o = await observeTable(`${system(oid)}
${COMPONENT}.1.1.4.1|2|2
${COMPONENT}.2.1.4.1|2|2
`, PROFILES);
      expect(o.powerSupplies).toEqual([]);
      expect(o.profiles).not.toContain('dell-os10');
    }
  });
});
