import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { aristaBgp4V2Profile } from './arista-bgp4v2-mib.js';
import { systemProfile } from './system.js';

const ARISTA = systemRows('1.3.6.1.4.1.30065.1.3011.7050.1958.128');
const P = '1.3.6.1.4.1.30065.4.1.1.2.1';
const V4 = '1.1.4.192.168.0.2';
const V6 = '1.2.16.32.1.5.80.0.2.0.47.0.0.0.0.0.51.0.1';
const VRF = '3.1.4.10.0.0.1';

describe('ARISTA-BGP4V2-MIB aristaBgp4V2PeerTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('aristaBgp4V2PeerState %i → %s', async (raw, state) => {
    const o = await observeTable(`${ARISTA}
${P}.13.${V4}|2|${raw}
`, [systemProfile, aristaBgp4V2Profile]);
    expect(o.bgpPeers[0]?.state).toBe(state);
  });

  it('decodes IPv4 and IPv6 peers of the default instance and names other instances', async () => {
    const o = await observeTable(`${ARISTA}
${P}.10.${V4}|66|65000
${P}.10.${V6}|66|65001
${P}.10.${VRF}|66|65002
${P}.12.${V4}|2|2
${P}.12.${V6}|2|1
${P}.12.${VRF}|2|2
${P}.13.${V4}|2|6
${P}.13.${V6}|2|1
${P}.13.${VRF}|2|6
`, [systemProfile, aristaBgp4V2Profile]);
    expect(o.bgpPeers).toEqual([
      { peer: '192.168.0.2', remoteAs: 65000, state: 'established', adminStatus: 'up', source: 'arista-bgp4v2-mib' },
      { peer: '2001:550:2:2f::33:1', remoteAs: 65001, state: 'idle', adminStatus: 'down', source: 'arista-bgp4v2-mib' },
      { peer: '10.0.0.1', remoteAs: 65002, state: 'established', adminStatus: 'up', source: 'arista-bgp4v2-mib', vrf: '3' },
    ]);
  });
});
