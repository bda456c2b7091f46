import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { systemProfile } from './system.js';
import { vrrpv3MibProfile } from './vrrpv3-mib.js';

const SYS = systemRows('1.3.6.1.4.1.99999.1') + ifNameRows([[5, 'vlan10']]);
const OP = '1.3.6.1.2.1.207.1.1.1.1';

describe('VRRPV3-MIB vrrpv3OperationsTable', () => {
  it.each([[1, 'init'], [2, 'backup'], [3, 'master']] as const)('vrrpv3OperationsStatus %i → %s', async (raw, role) => {
    const o = await observeTable(`${SYS}
${OP}.6.5.10.1|2|${raw}
${OP}.13.5.10.1|2|1
`, [systemProfile, vrrpv3MibProfile]);
    expect(o.fhrpGroups).toEqual([{ protocol: 'vrrp', interface: 'vlan10', group: 10, role, virtualIp: null, hasStandby: null }]);
  });

  it('lists the IPv4 and IPv6 groups of one VRID and skips a notInService(2) row', async () => {
    const o = await observeTable(`${SYS}
${OP}.6.5.10.1|2|2
${OP}.6.5.10.2|2|3
${OP}.6.5.11.1|2|1
${OP}.13.5.10.1|2|1
${OP}.13.5.10.2|2|1
${OP}.13.5.11.1|2|2
`, [systemProfile, vrrpv3MibProfile]);
    expect(o.fhrpGroups.map((g) => [g.group, g.role])).toEqual([[10, 'backup'], [10, 'master']]);
  });
});
