import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { systemProfile } from './system.js';
import { timetraBgpProfile } from './timetra-bgp-mib.js';

const SROS = systemRows('1.3.6.1.4.1.6527.1.3.17');
const P = '1.3.6.1.4.1.6527.3.1.2.14.4.7.1';
const VRTR = '1.3.6.1.4.1.6527.3.1.2.3.1.1.4';

describe('TIMETRA-BGP-MIB tBgpPeerNgTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('tBgpPeerNgConnState %i → %s', async (raw, state) => {
    const o = await observeTable(`${SROS}
${P}.59.1.1.4.192.0.2.1|2|${raw}
`, [systemProfile, timetraBgpProfile]);
    expect(o.bgpPeers[0]?.state).toBe(state);
  });

  it('names the VRF from vRtrName (Base is the global table) and reads shutdown as admin down', async () => {
    const o = await observeTable(`${SROS}
${VRTR}.1|4|Base
${VRTR}.2|4|vprn111
${P}.6.1.1.4.192.0.2.1|2|2
${P}.6.2.1.4.192.0.2.21|2|1
${P}.59.1.1.4.192.0.2.1|2|6
${P}.59.2.1.4.192.0.2.21|2|3
${P}.66.1.1.4.192.0.2.1|66|65001
${P}.66.2.1.4.192.0.2.21|66|4200000000
`, [systemProfile, timetraBgpProfile]);
    expect(o.bgpPeers).toEqual([
      { peer: '192.0.2.1', remoteAs: 65001, state: 'established', adminStatus: 'up', source: 'timetra-bgp-mib' },
      { peer: '192.0.2.21', remoteAs: 4200000000, state: 'active', adminStatus: 'down', source: 'timetra-bgp-mib', vrf: 'vprn111' },
    ]);
  });
});
