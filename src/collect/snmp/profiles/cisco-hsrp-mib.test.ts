import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { ciscoHsrpProfile } from './cisco-hsrp-mib.js';
import { systemProfile } from './system.js';

const CISCO = systemRows('1.3.6.1.4.1.9.1.634') + ifNameRows([[1, 'Vl1'], [2, 'Vl2']]);
const G = '1.3.6.1.4.1.9.9.106.1.2.1.1';

describe('CISCO-HSRP-MIB cHsrpGrpTable', () => {
  it.each([
    [1, 'init'], [2, 'init'], [3, 'other'], [4, 'other'], [5, 'backup'], [6, 'master'],
  ] as const)('cHsrpGrpStandbyState %i → %s', async (raw, role) => {
    const o = await observeTable(`${CISCO}
${G}.15.1.0|2|${raw}
`, [systemProfile, ciscoHsrpProfile]);
    expect(o.fhrpGroups[0]?.role).toBe(role);
  });

  it('reads the virtual IP; a standby router of 0.0.0.0 means no standby', async () => {
    const o = await observeTable(`${CISCO}
${G}.11.1.0|64|192.168.178.199
${G}.11.2.1|64|10.10.10.1
${G}.14.1.0|64|192.168.178.113
${G}.14.2.1|64|0.0.0.0
${G}.15.1.0|2|6
${G}.15.2.1|2|6
`, [systemProfile, ciscoHsrpProfile]);
    expect(o.fhrpGroups).toEqual([
      { protocol: 'hsrp', interface: 'Vl1', group: 0, role: 'master', virtualIp: '192.168.178.199', hasStandby: true },
      { protocol: 'hsrp', interface: 'Vl2', group: 1, role: 'master', virtualIp: '10.10.10.1', hasStandby: false },
    ]);
  });
});
