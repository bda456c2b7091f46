import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { systemProfile } from './system.js';
import { vrrpMibProfile } from './vrrp-mib.js';

const SYS = systemRows('1.3.6.1.4.1.99999.1') + ifNameRows([[5, 'vlan10'], [6, 'vlan20']]);
const OP = '1.3.6.1.2.1.68.1.3.1';

describe('VRRP-MIB vrrpOperTable', () => {
  it.each([[1, 'init'], [2, 'backup'], [3, 'master']] as const)('vrrpOperState %i → %s', async (raw, role) => {
    const o = await observeTable(`${SYS}
${OP}.3.5.10|2|${raw}
${OP}.4.5.10|2|1
`, [systemProfile, vrrpMibProfile]);
    expect(o.fhrpGroups).toEqual([{ protocol: 'vrrp', interface: 'vlan10', group: 10, role, virtualIp: null, hasStandby: null }]);
  });

  it('skips a group whose vrrpOperAdminState is down(2)', async () => {
    const o = await observeTable(`${SYS}
${OP}.3.5.10|2|2
${OP}.3.6.20|2|1
${OP}.4.5.10|2|1
${OP}.4.6.20|2|2
`, [systemProfile, vrrpMibProfile]);
    expect(o.fhrpGroups.map((g) => [g.interface, g.group, g.role])).toEqual([['vlan10', 10, 'backup']]);
  });
});
