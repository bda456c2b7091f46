/**
 * LLDP neighbours in tables indexed with an extra part: IEEE 802.1AB-2009 LLDP-V2-MIB
 * lldpV2RemTable (index time mark, local ifIndex, destination MAC address index, remote index)
 * and Nokia SR OS TIMETRA-LLDP-MIB tmnxLldpRemTable (index time mark, local port ifIndex,
 * destination MAC address type, remote index). Both number the local port by ifIndex, so it is
 * named by IF-MIB. Remote columns as in LLDP-MIB: chassis id subtype and id, port id subtype
 * and id, port description, system name.
 */
import type { NeighborExtractor } from '../kinds/neighbor.js';
import type { Profile } from './types.js';

const V2_REM = '1.3.111.2.802.1.1.13.1.4.1.1';
const TMNX_REM = '1.3.6.1.4.1.6527.3.1.2.59.4.1.1';

const neighbor = (p: 'v2' | 'tmnx'): NeighborExtractor => ({
  kind: 'neighbor',
  protocol: 'lldp',
  rows: `${p}ChassisId`,
  index: [{ name: 'timeMark', kind: 'int' }, { name: 'ifIndex', kind: 'int' }, { name: 'dest', kind: 'int' }, { name: 'remIndex', kind: 'int' }],
  localPort: [{ ifName: { index: 'ifIndex' } }],
  remoteName: [
    { column: `${p}SysName` },
    { column: `${p}ChassisId`, decode: 'mac', when: { column: `${p}ChassisIdSubtype`, in: [4] } },
    { column: `${p}ChassisId` },
  ],
  remotePort: [
    { column: `${p}PortId`, when: { column: `${p}PortIdSubtype`, in: [5] } },
    { column: `${p}PortDesc` },
    { column: `${p}PortId`, decode: 'mac', when: { column: `${p}PortIdSubtype`, in: [3] } },
    { column: `${p}PortId` },
  ],
});

export const lldpV2MibProfile: Profile = {
  id: 'lldp-v2-mib',
  mib: 'LLDP-V2-MIB',
  columns: {
    v2ChassisIdSubtype: { oid: `${V2_REM}.5`, type: 'int' },
    v2ChassisId: { oid: `${V2_REM}.6`, type: 'string' },
    v2PortIdSubtype: { oid: `${V2_REM}.7`, type: 'int' },
    v2PortId: { oid: `${V2_REM}.8`, type: 'string' },
    v2PortDesc: { oid: `${V2_REM}.9`, type: 'string' },
    v2SysName: { oid: `${V2_REM}.10`, type: 'string' },
  },
  extract: [neighbor('v2')],
};

export const timetraLldpProfile: Profile = {
  id: 'timetra-lldp-mib',
  mib: 'TIMETRA-LLDP-MIB',
  vendors: ['1.3.6.1.4.1.6527'],
  columns: {
    tmnxChassisIdSubtype: { oid: `${TMNX_REM}.4`, type: 'int' },
    tmnxChassisId: { oid: `${TMNX_REM}.5`, type: 'string' },
    tmnxPortIdSubtype: { oid: `${TMNX_REM}.6`, type: 'int' },
    tmnxPortId: { oid: `${TMNX_REM}.7`, type: 'string' },
    tmnxPortDesc: { oid: `${TMNX_REM}.8`, type: 'string' },
    tmnxSysName: { oid: `${TMNX_REM}.9`, type: 'string' },
  },
  extract: [neighbor('tmnx')],
};
