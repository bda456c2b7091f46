import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { bgp4MibProfile } from './bgp4-mib.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, bgp4MibProfile];
const SYS = systemRows('1.3.6.1.4.1.99999.1');
const P = '1.3.6.1.2.1.15.3.1';

describe('BGP4-MIB bgpPeerTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('bgpPeerState %i → %s', async (raw, state) => {
    const o = await observeTable(`${SYS}
${P}.2.192.0.2.1|2|${raw}
${P}.3.192.0.2.1|2|2
${P}.9.192.0.2.1|2|65001
`, PROFILES);
    expect(o.bgpPeers).toEqual([{ peer: '192.0.2.1', remoteAs: 65001, state, adminStatus: 'up', source: 'bgp4-mib' }]);
  });

  it('reports an admin-stopped peer as adminStatus down and still lists it', async () => {
    const o = await observeTable(`${SYS}
${P}.2.192.0.2.1|2|6
${P}.2.192.0.2.2|2|1
${P}.3.192.0.2.1|2|2
${P}.3.192.0.2.2|2|1
`, PROFILES);
    expect(o.bgpPeers).toEqual([
      { peer: '192.0.2.1', remoteAs: null, state: 'established', adminStatus: 'up', source: 'bgp4-mib' },
      { peer: '192.0.2.2', remoteAs: null, state: 'idle', adminStatus: 'down', source: 'bgp4-mib' },
    ]);
  });

  it('does not take a remote-AS row without a state (IOS-XR, a stray 0.0.0.0 row) for a peer', async () => {
    const o = await observeTable(`${SYS}
${P}.2.192.0.2.1|2|6
${P}.9.0.0.0.0|2|65501
${P}.9.192.0.2.1|2|65502
${P}.9.198.51.100.7|2|65503
`, PROFILES);
    expect(o.bgpPeers.map((p) => p.peer)).toEqual(['192.0.2.1']);
    expect(o.bgpPeers[0]?.remoteAs).toBe(65502);
  });

  it('skips and reports a peer whose state is not a BGP FSM state', async () => {
    const o = await observeTable(`${SYS}
${P}.2.192.0.2.1|2|9
`, PROFILES);
    expect(o.bgpPeers).toEqual([]);
    expect(o.errors.some((e) => e.profile === 'bgp4-mib' && e.message.includes('192.0.2.1'))).toBe(true);
  });

  it('reads the negotiated hold time (bgpPeerHoldTime) for SWO-005', async () => {
    const o = await observeTable(`${SYS}
${P}.2.192.0.2.1|2|6
${P}.2.192.0.2.2|2|6
${P}.18.192.0.2.1|2|9
${P}.18.192.0.2.2|2|180
`, PROFILES);
    expect(o.bgpPeers.map((p) => [p.peer, p.holdTimeSeconds])).toEqual([['192.0.2.1', 9], ['192.0.2.2', 180]]);
  });
});
