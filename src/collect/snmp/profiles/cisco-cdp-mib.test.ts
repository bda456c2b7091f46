import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { ciscoCdpProfile } from './cisco-cdp-mib.js';
import { systemProfile } from './system.js';

const CISCO = systemRows('1.3.6.1.4.1.9.1.1208') + ifNameRows([[10103, 'Gi1/0/3'], [10152, 'Gi1/0/52']]);
const C = '1.3.6.1.4.1.9.9.23.1.2.1.1';

describe('CISCO-CDP-MIB cdpCacheTable', () => {
  it('names the local port by the ifName of cdpCacheIfIndex and the remote side by device id and port', async () => {
    const o = await observeTable(`${CISCO}
${C}.6.10103.1|4|acme-fr-ap-011
${C}.6.10152.8|4|acme-fr-s-001
${C}.7.10103.1|4|GigabitEthernet0
${C}.7.10152.8|4|GigabitEthernet1/0/3
`, [systemProfile, ciscoCdpProfile]);
    expect(o.neighbors).toEqual([
      { protocol: 'cdp', localPort: 'Gi1/0/3', remoteName: 'acme-fr-ap-011', remotePort: 'GigabitEthernet0' },
      { protocol: 'cdp', localPort: 'Gi1/0/52', remoteName: 'acme-fr-s-001', remotePort: 'GigabitEthernet1/0/3' },
    ]);
  });

  it('is not walked on a non-Cisco device', async () => {
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.2636.1')}
${C}.6.1.1|4|x
`, [systemProfile, ciscoCdpProfile]);
    expect(o.neighbors).toEqual([]);
  });
});
