import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { bfdStdMibProfile } from './bfd-std-mib.js';
import { systemProfile } from './system.js';

const SYS = systemRows('1.3.6.1.4.1.99999.1') + ifNameRows([[7, 'xe-0/0/1']]);
const SESS = '1.3.6.1.2.1.222.1.2.1';

describe('BFD-STD-MIB bfdSessTable', () => {
  it.each([[1, 'adminDown'], [2, 'down'], [3, 'init'], [4, 'up'], [5, 'failing']] as const)('bfdSessState %i → %s', async (raw, state) => {
    const o = await observeTable(`${SYS}
${SESS}.11.3|2|${raw}
${SESS}.18.3|2|7
${SESS}.21.3|2|1
${SESS}.22.3|4x|0a000002
${SESS}.29.3|66|50000
${SESS}.31.3|66|3
`, [systemProfile, bfdStdMibProfile]);
    expect(o.profiles).toContain('bfd-std-mib');
    expect(o.bfdSessions).toEqual([{ neighbor: '10.0.0.2', interface: 'xe-0/0/1', state, detectionMs: 150 }]);
  });

  it('a multihop session (bfdSessInterface 0) has no interface; missing intervals give no detection time', async () => {
    const o = await observeTable(`${SYS}
${SESS}.11.9|2|4
${SESS}.18.9|2|0
${SESS}.21.9|2|1
${SESS}.22.9|4x|c6336401
`, [systemProfile, bfdStdMibProfile]);
    expect(o.bfdSessions).toEqual([{ neighbor: '198.51.100.1', interface: null, state: 'up', detectionMs: null }]);
  });

  it('a device that implements the MIB with no session exposes an empty table; one that does not, exposes none', async () => {
    const empty = await observeTable(`${SYS}
1.3.6.1.2.1.222.1.1.1.0|2|1
`, [systemProfile, bfdStdMibProfile]);
    expect(empty.bfdSessions).toEqual([]);
    expect(empty.exposes).toContain('bfdSessions');
    const none = await observeTable(SYS, [systemProfile, bfdStdMibProfile]);
    expect(none.exposes).not.toContain('bfdSessions');
    expect(none.exposes).toContain('system');
  });

  it('an unknown state value is skipped', async () => {
    const o = await observeTable(`${SYS}
${SESS}.11.4|2|9
${SESS}.22.4|4x|0a000002
`, [systemProfile, bfdStdMibProfile]);
    expect(o.bfdSessions).toEqual([]);
  });
});
