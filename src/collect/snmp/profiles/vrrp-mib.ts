/**
 * VRRP-MIB (RFC 2787) vrrpOperTable: VRRPv2 virtual routers, index ifIndex and vrrpOperVrId.
 * vrrpOperState initialize(1)/backup(2)/master(3); groups whose vrrpOperAdminState is down(2)
 * are switched off on purpose and skipped. The MIB names the master (vrrpOperMasterIpAddr) but
 * not whether a backup exists, and the virtual addresses live in another table, so both stay
 * null.
 */
import type { FhrpGroup } from '../../observation.js';
import type { Profile } from './types.js';

/** vrrpOperState / vrrpv3OperationsStatus. */
export const VRRP_STATE: Readonly<Record<number, FhrpGroup['role']>> = { 1: 'init', 2: 'backup', 3: 'master' };

export const vrrpMibProfile: Profile = {
  id: 'vrrp-mib',
  mib: 'VRRP-MIB',
  columns: {
    state: { oid: '1.3.6.1.2.1.68.1.3.1.3', type: 'int' },
    adminState: { oid: '1.3.6.1.2.1.68.1.3.1.4', type: 'int' },
  },
  extract: [
    {
      kind: 'fhrp',
      protocol: 'vrrp',
      rows: 'state',
      index: [{ name: 'ifIndex', kind: 'int' }, { name: 'vrid', kind: 'int' }],
      where: [{ column: 'adminState', in: [1] }],
      interface: { ifName: { index: 'ifIndex' } },
      group: { index: 'vrid' },
      role: { column: 'state', map: VRRP_STATE },
    },
  ],
};
