import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { force10Bgp4V2Profile } from './force10-bgp4-v2-mib.js';
import { systemProfile } from './system.js';

const FTOS = systemRows('1.3.6.1.4.1.6027.1.3.14');
const P = '1.3.6.1.4.1.6027.20.1.2.1.1.1';
const I = '0.1.10.0.0.1.1.10.0.0.2';

describe('FORCE10-BGP4-V2-MIB f10BgpM2PeerTable', () => {
  it.each([
    [1, 'idle'], [2, 'connect'], [3, 'active'], [4, 'opensent'], [5, 'openconfirm'], [6, 'established'],
  ] as const)('f10BgpM2PeerState %i → %s', async (raw, state) => {
    const o = await observeTable(`${FTOS}
${P}.3.${I}|2|${raw}
${P}.12.${I}|4x|0A000002
`, [systemProfile, force10Bgp4V2Profile]);
    expect(o.bgpPeers[0]?.state).toBe(state);
  });

  it('takes the peer from f10BgpM2PeerRemoteAddr and halted(1) as admin down', async () => {
    const o = await observeTable(`${FTOS}
${P}.1.${I}|66|0
${P}.3.${I}|2|1
${P}.4.${I}|2|1
${P}.12.${I}|4x|0A000002
${P}.14.${I}|66|65010
`, [systemProfile, force10Bgp4V2Profile]);
    expect(o.bgpPeers).toEqual([{ peer: '10.0.0.2', remoteAs: 65010, state: 'idle', adminStatus: 'down', source: 'force10-bgp4-v2-mib' }]);
  });
});
