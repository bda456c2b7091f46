import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { cumulusBgpUnProfile } from './cumulus-bgpun-mib.js';
import { systemProfile } from './system.js';

const CUMULUS = systemRows('1.3.6.1.4.1.40310');
const P = '1.3.6.1.4.1.40310.4.3.1.1';

describe('CUMULUS-BGPUN-MIB bgpPeerTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('bgpPeerState %i → %s', async (raw, state) => {
    const o = await observeTable(`${CUMULUS}
${P}.2.192.168.0.1|2|${raw}
`, [systemProfile, cumulusBgpUnProfile]);
    expect(o.bgpPeers[0]?.state).toBe(state);
  });

  it('reads the peers, their AS and stop(1) as admin down', async () => {
    const o = await observeTable(`${CUMULUS}
${P}.2.192.168.0.1|2|6
${P}.2.192.168.0.5|2|1
${P}.3.192.168.0.1|2|2
${P}.3.192.168.0.5|2|1
${P}.5.192.168.0.1|4|fe80::e04:1fff:fe86:1
${P}.9.192.168.0.1|2|65000
${P}.9.192.168.0.5|2|65005
${P}.25.192.168.0.1|4|swp1
`, [systemProfile, cumulusBgpUnProfile]);
    expect(o.bgpPeers).toEqual([
      { peer: '192.168.0.1', remoteAs: 65000, state: 'established', adminStatus: 'up', source: 'cumulus-bgpun-mib' },
      { peer: '192.168.0.5', remoteAs: 65005, state: 'idle', adminStatus: 'down', source: 'cumulus-bgpun-mib' },
    ]);
  });
});
