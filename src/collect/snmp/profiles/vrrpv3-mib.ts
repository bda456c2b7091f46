/**
 * VRRPV3-MIB (RFC 6527) vrrpv3OperationsTable: VRRPv3 virtual routers for IPv4 and IPv6, index
 * ifIndex, vrrpv3OperationsVrId, vrrpv3OperationsInetAddrType. There is no admin state: a
 * group switched off has vrrpv3OperationsRowStatus notInService(2), so only active(1) rows
 * count. vrrpv3OperationsStatus initialize(1)/backup(2)/master(3).
 */
import { VRRP_STATE } from './vrrp-mib.js';
import type { Profile } from './types.js';

const OPS = '1.3.6.1.2.1.207.1.1.1.1';

export const vrrpv3MibProfile: Profile = {
  id: 'vrrpv3-mib',
  mib: 'VRRPV3-MIB',
  columns: {
    status: { oid: `${OPS}.6`, type: 'int' },
    rowStatus: { oid: `${OPS}.13`, type: 'int' },
  },
  extract: [
    {
      kind: 'fhrp',
      protocol: 'vrrp',
      rows: 'status',
      index: [{ name: 'ifIndex', kind: 'int' }, { name: 'vrid', kind: 'int' }, { name: 'addrType', kind: 'int' }],
      where: [{ column: 'rowStatus', in: [1] }],
      interface: { ifName: { index: 'ifIndex' } },
      group: { index: 'vrid' },
      role: { column: 'status', map: VRRP_STATE },
    },
  ],
};
