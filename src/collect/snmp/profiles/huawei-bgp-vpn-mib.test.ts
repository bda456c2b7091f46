import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { bgp4MibProfile } from './bgp4-mib.js';
import { huaweiBgpVpnProfile } from './huawei-bgp-vpn-mib.js';
import { systemProfile } from './system.js';

const VRP = systemRows('1.3.6.1.4.1.2011.2.23.291');
const AF = '1.3.6.1.4.1.2011.5.25.177.1.1.1.1';
const PEER = '1.3.6.1.4.1.2011.5.25.177.1.1.2.1';
// instance 0, ipv4 unicast and vpnv4 (1.128) rows of one public peer; a VPN peer in instance 1
const U = '0.1.1.1.4.2.2.2.2';
const VPNV4 = '0.1.128.1.4.2.2.2.2';
const VPN = '1.1.1.1.4.10.1.1.1';

describe('HUAWEI-BGP-VPN-MIB hwBgpPeerTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('hwBgpPeerState %i → %s', async (raw, state) => {
    const o = await observeTable(`${VRP}
${PEER}.5.${U}|2|${raw}
`, [systemProfile, huaweiBgpVpnProfile]);
    expect(o.bgpPeers[0]?.state).toBe(state);
  });

  it('counts a peer with two address families once and names VPN-instance peers', async () => {
    const o = await observeTable(`${VRP}
${AF}.6.${U}|4|_public_
${AF}.6.${VPNV4}|4|_public_
${AF}.6.${VPN}|4|vpn-a
${PEER}.2.${U}|66|65000
${PEER}.2.${VPNV4}|66|65000
${PEER}.2.${VPN}|66|64999
${PEER}.5.${U}|2|6
${PEER}.5.${VPNV4}|2|6
${PEER}.5.${VPN}|2|3
${PEER}.11.${U}|2|2
${PEER}.11.${VPNV4}|2|2
${PEER}.11.${VPN}|2|1
`, [systemProfile, huaweiBgpVpnProfile]);
    expect(o.bgpPeers).toEqual([
      { peer: '2.2.2.2', remoteAs: 65000, state: 'established', adminStatus: 'up', source: 'huawei-bgp-vpn-mib' },
      { peer: '10.1.1.1', remoteAs: 64999, state: 'active', adminStatus: 'down', source: 'huawei-bgp-vpn-mib', vrf: 'vpn-a' },
    ]);
  });

  it.each(['Public', 'PublicV6'])('counts a VRP8 public-instance peer (%s) once with the same BGP4-MIB peer', async (name) => {
    const o = await observeTable(`${VRP}
${AF}.6.${U}|4|${name}
${PEER}.5.${U}|2|6
1.3.6.1.2.1.15.3.1.2.2.2.2.2|2|6
`, [systemProfile, huaweiBgpVpnProfile, bgp4MibProfile]);
    expect(o.bgpPeers.map((p) => [p.peer, p.vrf, p.source])).toEqual([['2.2.2.2', undefined, 'huawei-bgp-vpn-mib']]);
  });
});
