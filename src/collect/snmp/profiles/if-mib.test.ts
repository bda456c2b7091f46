/** IF-MIB: an interface keeps its other names (ifDescr when it differs from ifName, ifAlias when set), for matching neighbours' port names. */
import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { ifMibProfile } from './if-mib.js';
import { systemProfile } from './system.js';

describe('IF-MIB names', () => {
  it('keeps ifDescr when it differs from ifName, and a set ifAlias', async () => {
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.6486.801.1.1.2.1.10.1.1')}
1.3.6.1.2.1.2.2.1.2.1007|4|Alcatel-Lucent OS6900 XNI 1/1/7
1.3.6.1.2.1.2.2.1.2.1008|4|1/1/8
1.3.6.1.2.1.2.2.1.7.1007|2|1
1.3.6.1.2.1.2.2.1.7.1008|2|1
1.3.6.1.2.1.2.2.1.8.1007|2|1
1.3.6.1.2.1.2.2.1.8.1008|2|2
1.3.6.1.2.1.31.1.1.1.1.1007|4|1/1/7
1.3.6.1.2.1.31.1.1.1.1.1008|4|1/1/8
1.3.6.1.2.1.31.1.1.1.18.1007|4|to os2
1.3.6.1.2.1.31.1.1.1.18.1008|4|
`, [systemProfile, ifMibProfile]);
    expect(o.interfaces).toEqual([
      { index: 1007, name: '1/1/7', operStatus: 'up', adminStatus: 'up', speedMbps: null, descr: 'Alcatel-Lucent OS6900 XNI 1/1/7', alias: 'to os2' },
      { index: 1008, name: '1/1/8', operStatus: 'down', adminStatus: 'up', speedMbps: null },
    ]);
  });
});
