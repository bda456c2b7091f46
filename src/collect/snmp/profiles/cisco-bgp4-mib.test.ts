import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { bgp4MibProfile } from './bgp4-mib.js';
import { ciscoBgp4Profile } from './cisco-bgp4-mib.js';
import { PROFILES } from './index.js';
import { systemProfile } from './system.js';

const CISCO = systemRows('1.3.6.1.4.1.9.1.1116');
const P2 = '1.3.6.1.4.1.9.9.187.1.2.5.1';
const P3 = '1.3.6.1.4.1.9.9.187.1.2.9.1';
const V6 = '2.16.32.1.13.184.133.163.0.0.52.26.138.46.3.225.0.13';
const V4 = '1.4.10.44.32.13';

describe('CISCO-BGP4-MIB', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('cbgpPeer2State %i → %s', async (raw, state) => {
    const o = await observeTable(`${CISCO}
${P2}.3.${V4}|2|${raw}
${P2}.4.${V4}|2|2
`, [systemProfile, ciscoBgp4Profile]);
    expect(o.bgpPeers[0]?.state).toBe(state);
  });

  it('decodes IPv4 and IPv6 peer indexes (InetAddressType + length-prefixed InetAddress) and 4-byte ASNs', async () => {
    const o = await observeTable(`${CISCO}
${P2}.3.${V4}|2|6
${P2}.3.${V6}|2|3
${P2}.4.${V4}|2|2
${P2}.4.${V6}|2|1
${P2}.11.${V4}|66|65083
${P2}.11.${V6}|66|4200000001
`, [systemProfile, ciscoBgp4Profile]);
    expect(o.bgpPeers).toEqual([
      { peer: '10.44.32.13', remoteAs: 65083, state: 'established', adminStatus: 'up', source: 'cisco-bgp4-mib' },
      { peer: '2001:db8:85a3:0:341a:8a2e:3e1:d', remoteAs: 4200000001, state: 'active', adminStatus: 'down', source: 'cisco-bgp4-mib' },
    ]);
  });

  it('lists a peer seen in both BGP4-MIB and CISCO-BGP4-MIB once, from the Cisco MIB', async () => {
    const o = await observeTable(`${CISCO}
1.3.6.1.2.1.15.3.1.2.10.44.32.13|2|6
1.3.6.1.2.1.15.3.1.3.10.44.32.13|2|2
1.3.6.1.2.1.15.3.1.9.10.44.32.13|2|23456
${P2}.3.${V4}|2|6
${P2}.4.${V4}|2|2
${P2}.11.${V4}|66|4200000001
`, PROFILES);
    expect(o.bgpPeers).toEqual([{ peer: '10.44.32.13', remoteAs: 4200000001, state: 'established', adminStatus: 'up', source: 'cisco-bgp4-mib' }]);
    expect(PROFILES.indexOf(ciscoBgp4Profile)).toBeLessThan(PROFILES.indexOf(bgp4MibProfile));
  });

  it('reads VRF peers from cbgpPeer3Table; its global-table peers are not listed twice', async () => {
    const o = await observeTable(`${CISCO}
${P3}.4.1.${V4}|4|default
${P3}.4.3.${V4}|4|CUST-A
${P3}.5.1.${V4}|2|6
${P3}.5.3.${V4}|2|2
${P3}.6.1.${V4}|2|2
${P3}.6.3.${V4}|2|2
${P3}.13.1.${V4}|66|65083
${P3}.13.3.${V4}|66|64512
${P2}.3.${V4}|2|6
${P2}.4.${V4}|2|2
`, [systemProfile, ciscoBgp4Profile]);
    expect(o.bgpPeers).toEqual([
      { peer: '10.44.32.13', remoteAs: 65083, state: 'established', adminStatus: 'up', source: 'cisco-bgp4-mib' },
      { peer: '10.44.32.13', remoteAs: 64512, state: 'connect', adminStatus: 'up', source: 'cisco-bgp4-mib', vrf: 'CUST-A' },
    ]);
  });

  it('is not walked on a non-Cisco device', async () => {
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.2636.1.1.1.2.34')}
${P2}.3.${V4}|2|6
`, [systemProfile, ciscoBgp4Profile]);
    expect(o.bgpPeers).toEqual([]);
    expect(o.profiles).toEqual(['system']);
  });
});
