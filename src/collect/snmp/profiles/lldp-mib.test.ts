import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ifNameRows, systemRows } from '../../../../test/support/system-rows.js';
import { lldpMibProfile } from './lldp-mib.js';
import { systemProfile } from './system.js';

const SYS = systemRows('1.3.6.1.4.1.99999.1') + ifNameRows([[14, 'GigabitEthernet0/0/9'], [513, 'xe-0/0/0']]);
const REM = '1.0.8802.1.1.2.1.4.1.1';
const LOC = '1.0.8802.1.1.2.1.3.7.1';

describe('LLDP-MIB lldpRemTable', () => {
  it('uses lldpLocPortId when it is a name, not the ifName of the port number', async () => {
    const o = await observeTable(`${SYS}
${LOC}.3.14|4|GigabitEthernet0/0/14
${REM}.5.8626.14.1|4x|14A0F8CFAF39
${REM}.6.8626.14.1|2|5
${REM}.7.8626.14.1|4|GigabitEthernet0/0/7
${REM}.8.8626.14.1|4|HUAWEI, AR Series, GigabitEthernet0/0/7 Interface
${REM}.9.8626.14.1|4|LNS-Huawei
`, [systemProfile, lldpMibProfile]);
    expect(o.neighbors).toEqual([{ protocol: 'lldp', localPort: 'GigabitEthernet0/0/14', remoteName: 'LNS-Huawei', remotePort: 'GigabitEthernet0/0/7' }]);
  });

  it('uses the ifName of the port number when lldpLocPortId is a bare number; a local port id → the description', async () => {
    const o = await observeTable(`${SYS}
${LOC}.3.513|4|513
${REM}.5.35684499.513.3|4x|50C58D123456
${REM}.6.35684499.513.3|2|7
${REM}.7.35684499.513.3|4|2150
${REM}.8.35684499.513.3|4|ifa
${REM}.9.35684499.513.3|4|devicea
`, [systemProfile, lldpMibProfile]);
    expect(o.neighbors).toEqual([{ protocol: 'lldp', localPort: 'xe-0/0/0', remoteName: 'devicea', remotePort: 'ifa' }]);
  });

  it.each([
    [1, 'TenGigabitEthernet1/0/1', 'TenGigabitEthernet1/0/1'],
    [3, '', 'c4:7d:4f:d4:49:1d'],
    [5, 'Te1/3', 'Te1/3'],
    [7, 'eth0', 'eth0'],
  ] as const)('lldpRemPortIdSubtype %i with description %j → remote port %s', async (subtype, desc, port) => {
    const portId = subtype === 3 ? '4x|C47D4FD4491D' : `4|${subtype === 7 ? '44' : subtype === 1 ? 'uplink to core' : port}`;
    const o = await observeTable(`${SYS}
${REM}.5.0.47.2|4x|C47D4FD4491D
${REM}.6.0.47.2|2|${subtype}
${REM}.7.0.47.2|${portId}
${REM}.8.0.47.2|4|${desc}
`, [systemProfile, lldpMibProfile]);
    expect(o.neighbors[0]?.remotePort).toBe(port);
  });

  it('names a neighbour without lldpRemSysName by its chassis id, a MAC address even when its octets look like text', async () => {
    const o = await observeTable(`${SYS}
${LOC}.3.31|4|31
${REM}.4.0.31.1|2|4
${REM}.5.0.31.1|4x|3CECEF764C88
${REM}.6.0.31.1|2|3
${REM}.7.0.31.1|4x|3CECEF764C88
${REM}.8.0.31.1|4|
${REM}.9.0.31.1|4|
`, [systemProfile, lldpMibProfile]);
    expect(o.neighbors).toEqual([{ protocol: 'lldp', localPort: 'ifIndex 31', remoteName: '3c:ec:ef:76:4c:88', remotePort: '3c:ec:ef:76:4c:88' }]);
  });
});
