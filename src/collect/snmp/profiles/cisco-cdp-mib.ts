/**
 * CISCO-CDP-MIB cdpCacheTable: CDP neighbours, index cdpCacheIfIndex and cdpCacheDeviceIndex.
 * The local port is the ifName of cdpCacheIfIndex; the remote side is cdpCacheDeviceId and
 * cdpCacheDevicePort.
 */
import type { Profile } from './types.js';

const CACHE = '1.3.6.1.4.1.9.9.23.1.2.1.1';

export const ciscoCdpProfile: Profile = {
  id: 'cisco-cdp-mib',
  mib: 'CISCO-CDP-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  columns: {
    deviceId: { oid: `${CACHE}.6`, type: 'string' },
    devicePort: { oid: `${CACHE}.7`, type: 'string' },
  },
  extract: [
    {
      kind: 'neighbor',
      protocol: 'cdp',
      rows: 'deviceId',
      index: [{ name: 'ifIndex', kind: 'int' }, { name: 'deviceIndex', kind: 'int' }],
      localPort: [{ ifName: { index: 'ifIndex' } }],
      remoteName: [{ column: 'deviceId' }],
      remotePort: [{ column: 'devicePort' }],
    },
  ],
};
