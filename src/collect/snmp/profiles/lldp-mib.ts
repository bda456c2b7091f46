/**
 * LLDP-MIB (IEEE 802.1AB-2005) lldpRemTable: LLDP neighbours, index lldpRemTimeMark,
 * lldpRemLocalPortNum, lldpRemIndex.
 * - Local port: lldpLocPortId of the local port number, unless it is a bare number (Junos and
 *   ProCurve put the ifIndex there), then lldpLocPortDesc, then the ifName of the port number
 *   (those agents number LLDP ports by ifIndex).
 * - Remote name: lldpRemSysName, else the chassis id (as a MAC address when its subtype is
 *   macAddress(4): binary octets are not text).
 * - Remote port: lldpRemPortId when its subtype is interfaceName(5), else lldpRemPortDesc, else
 *   lldpRemPortId whatever it holds (a MAC address for subtype macAddress(3), an ifAlias, a
 *   local number).
 */
import type { Profile } from './types.js';

const REM = '1.0.8802.1.1.2.1.4.1.1';
const LOC_PORT = '1.0.8802.1.1.2.1.3.7.1';

export const lldpMibProfile: Profile = {
  id: 'lldp-mib',
  mib: 'LLDP-MIB',
  columns: {
    locPortId: { oid: `${LOC_PORT}.3`, type: 'string' },
    locPortDesc: { oid: `${LOC_PORT}.4`, type: 'string' },
    chassisIdSubtype: { oid: `${REM}.4`, type: 'int' },
    chassisId: { oid: `${REM}.5`, type: 'string' },
    portIdSubtype: { oid: `${REM}.6`, type: 'int' },
    portId: { oid: `${REM}.7`, type: 'string' },
    portDesc: { oid: `${REM}.8`, type: 'string' },
    sysName: { oid: `${REM}.9`, type: 'string' },
  },
  extract: [
    {
      kind: 'neighbor',
      protocol: 'lldp',
      rows: 'chassisId',
      index: [{ name: 'timeMark', kind: 'int' }, { name: 'localPort', kind: 'int' }, { name: 'remIndex', kind: 'int' }],
      localPort: [
        { column: 'locPortId', via: 'localPort', when: { column: 'locPortId', notMatches: '^\\d+$' } },
        { column: 'locPortDesc', via: 'localPort' },
        { ifName: { index: 'localPort' } },
      ],
      remoteName: [
        { column: 'sysName' },
        { column: 'chassisId', decode: 'mac', when: { column: 'chassisIdSubtype', in: [4] } },
        { column: 'chassisId' },
      ],
      remotePort: [
        { column: 'portId', when: { column: 'portIdSubtype', in: [5] } },
        { column: 'portDesc' },
        { column: 'portId', decode: 'mac', when: { column: 'portIdSubtype', in: [3] } },
        { column: 'portId' },
      ],
    },
  ],
};
