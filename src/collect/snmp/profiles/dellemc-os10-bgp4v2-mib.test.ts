import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { dellOs10Bgp4V2Profile } from './dellemc-os10-bgp4v2-mib.js';
import { systemProfile } from './system.js';

const OS10 = systemRows('1.3.6.1.4.1.674.11000.5000.100.2.1.7');
const P = '1.3.6.1.4.1.674.11000.5000.200.1.1.2.1';

describe('DELLEMC-OS10-BGP4V2-MIB os10bgp4V2PeerTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('os10bgp4V2PeerState %i → %s', async (raw, state) => {
    const o = await observeTable(`${OS10}
${P}.13.1.1.4.10.0.0.2|2|${raw}
`, [systemProfile, dellOs10Bgp4V2Profile]);
    expect(o.bgpPeers[0]?.state).toBe(state);
  });

  it('reads peers of the default instance and halted(1) as admin down', async () => {
    const o = await observeTable(`${OS10}
${P}.10.1.1.4.10.0.0.2|66|65002
${P}.10.1.2.16.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1|66|65003
${P}.12.1.1.4.10.0.0.2|2|2
${P}.12.1.2.16.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1|2|1
${P}.13.1.1.4.10.0.0.2|2|6
${P}.13.1.2.16.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1|2|1
`, [systemProfile, dellOs10Bgp4V2Profile]);
    expect(o.bgpPeers).toEqual([
      { peer: '10.0.0.2', remoteAs: 65002, state: 'established', adminStatus: 'up', source: 'dellemc-os10-bgp4v2-mib' },
      { peer: 'fe80::1', remoteAs: 65003, state: 'idle', adminStatus: 'down', source: 'dellemc-os10-bgp4v2-mib' },
    ]);
  });
});
