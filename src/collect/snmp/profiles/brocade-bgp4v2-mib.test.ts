import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { brocadeBgp4V2Profile } from './brocade-bgp4v2-mib.js';
import { systemProfile } from './system.js';

const FASTIRON = systemRows('1.3.6.1.4.1.1991.1.3.62.2.3.1.1');
const P = '1.3.6.1.4.1.1991.3.5.1.1.2.1';

describe('BGP4V2-MIB (Brocade) bgp4V2PeerTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('bgp4V2PeerState %i → %s', async (raw, state) => {
    const o = await observeTable(`${FASTIRON}
${P}.13.0.1.4.10.0.0.2|2|${raw}
`, [systemProfile, brocadeBgp4V2Profile]);
    expect(o.bgpPeers[0]?.state).toBe(state);
  });

  it('reads the default-VRF (0) and a VRF peer, halted(1) as admin down', async () => {
    const o = await observeTable(`${FASTIRON}
${P}.10.0.1.4.10.0.0.2|66|65100
${P}.10.2.1.4.10.0.0.2|66|65200
${P}.12.0.1.4.10.0.0.2|2|2
${P}.12.2.1.4.10.0.0.2|2|1
${P}.13.0.1.4.10.0.0.2|2|6
${P}.13.2.1.4.10.0.0.2|2|1
`, [systemProfile, brocadeBgp4V2Profile]);
    expect(o.bgpPeers).toEqual([
      { peer: '10.0.0.2', remoteAs: 65100, state: 'established', adminStatus: 'up', source: 'brocade-bgp4v2-mib' },
      { peer: '10.0.0.2', remoteAs: 65200, state: 'idle', adminStatus: 'down', source: 'brocade-bgp4v2-mib', vrf: '2' },
    ]);
  });
});
