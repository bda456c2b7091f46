import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { juniperBgp4V2Profile } from './juniper-bgp4-v2-mib.js';
import { PROFILES } from './index.js';
import { systemProfile } from './system.js';

const JUNOS = systemRows('1.3.6.1.4.1.2636.1.1.1.2.34');
const P = '1.3.6.1.4.1.2636.5.1.1.2.1.1.1';
// instance 0, local ipv4 203.153.47.15, remote ipv4 203.153.47.207 (no length octets)
const I4 = '0.1.203.153.47.15.1.203.153.47.207';
// instance 47 (a VRF), remote ipv6
const I6 = '47.2.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1.2.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.2';

const rows = (state: number, status: number): string => `${JUNOS}
${P}.2.${I4}|2|${state}
${P}.3.${I4}|2|${status}
${P}.11.${I4}|4x|CB992FCF
${P}.13.${I4}|66|65500
${P}.15.${I4}|66|0
`;

describe('BGP4-V2-MIB-JUNIPER jnxBgpM2PeerTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('jnxBgpM2PeerState %i → %s', async (raw, state) => {
    const o = await observeTable(rows(raw, 2), [systemProfile, juniperBgp4V2Profile]);
    expect(o.bgpPeers).toEqual([{ peer: '203.153.47.207', remoteAs: 65500, state, adminStatus: 'up', source: 'juniper-bgp4-v2-mib' }]);
  });

  it('reports jnxBgpM2PeerStatus halted(1) as admin down, still listed', async () => {
    const o = await observeTable(rows(1, 1), [systemProfile, juniperBgp4V2Profile]);
    expect(o.bgpPeers[0]).toMatchObject({ peer: '203.153.47.207', state: 'idle', adminStatus: 'down' });
  });

  it('takes an IPv6 peer from jnxBgpM2PeerRemoteAddr and names its routing instance', async () => {
    const o = await observeTable(`${JUNOS}
${P}.2.${I6}|2|6
${P}.3.${I6}|2|2
${P}.11.${I6}|4x|20010DB8000000000000000000000002
${P}.13.${I6}|66|4200000000
${P}.15.${I6}|66|47
`, [systemProfile, juniperBgp4V2Profile]);
    expect(o.bgpPeers).toEqual([{ peer: '2001:db8::2', remoteAs: 4200000000, state: 'established', adminStatus: 'up', source: 'juniper-bgp4-v2-mib', vrf: '47' }]);
  });

  it('lists a master-instance peer also in BGP4-MIB once', async () => {
    const o = await observeTable(`${rows(6, 2)}
1.3.6.1.2.1.15.3.1.2.203.153.47.207|2|6
1.3.6.1.2.1.15.3.1.3.203.153.47.207|2|2
`, PROFILES);
    expect(o.bgpPeers).toHaveLength(1);
    expect(o.bgpPeers[0]?.source).toBe('juniper-bgp4-v2-mib');
  });
});
