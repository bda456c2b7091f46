import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { lldpMibProfile } from './lldp-mib.js';
import { lldpV2MibProfile, timetraLldpProfile } from './lldp-v2-mib.js';
import { ifMibProfile } from './if-mib.js';
import { systemProfile } from './system.js';

const V2 = '1.3.111.2.802.1.1.13.1.4.1.1';
const TMNX = '1.3.6.1.4.1.6527.3.1.2.59.4.1.1';

describe('LLDP tables with an extra index part', () => {
  it.each([
    ['LLDP-V2-MIB', '1.3.6.1.4.1.99999.1', V2, 6, 7, 8, 9, 10],
    ['TIMETRA-LLDP-MIB', '1.3.6.1.4.1.6527.1.3.19', TMNX, 5, 6, 7, 8, 9],
  ] as const)('%s: reads the neighbour on the ifIndex port', async (_name, objectId, rem, chassis, portSub, port, _desc, sysName) => {
    const idx = '1676154020.35717120.1.1';
    const o = await observeTable(`${systemRows(objectId)}${ifNameRows([[35717120, '1/1/1']])}${rem}.${chassis}.${idx}|4x|8CF77337EC77
${rem}.${portSub}.${idx}|2|5
${rem}.${port}.${idx}|4|1/1/2
${rem}.${sysName}.${idx}|4|nokia-sw-b
`, [systemProfile, ifMibProfile, lldpV2MibProfile, timetraLldpProfile]);
    expect(o.neighbors).toEqual([{ protocol: 'lldp', localPort: '1/1/1', remoteName: 'nokia-sw-b', remotePort: '1/1/2' }]);
  });

  it('counts a neighbour listed by LLDP-MIB and LLDP-V2-MIB once', async () => {
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.99999.1')}${ifNameRows([[3, 'ge-0/0/3']])}1.0.8802.1.1.2.1.3.7.1.3.3|4|ge-0/0/3
1.0.8802.1.1.2.1.4.1.1.5.0.3.1|4|peer
1.0.8802.1.1.2.1.4.1.1.7.0.3.1|4|xe-1/0/0
1.0.8802.1.1.2.1.4.1.1.6.0.3.1|2|5
1.0.8802.1.1.2.1.4.1.1.9.0.3.1|4|peer
${V2}.6.0.3.1.1|4|peer
${V2}.7.0.3.1.1|2|5
${V2}.8.0.3.1.1|4|xe-1/0/0
${V2}.10.0.3.1.1|4|peer
`, [systemProfile, ifMibProfile, lldpMibProfile, lldpV2MibProfile]);
    expect(o.neighbors).toHaveLength(1);
  });
});
