/**
 * CISCO-HSRP-MIB cHsrpGrpTable: HSRP groups, index ifIndex and cHsrpGrpNumber. Roles from
 * cHsrpGrpStandbyState: active(6) → master, standby(5) → backup, initial(1) and learn(2) (the
 * router has not yet learnt the virtual address) → init, listen(3) and speak(4) (a third router
 * or an election in progress: not the designated standby) → other. cHsrpGrpStandbyRouter
 * 0.0.0.0 means the group has no standby router: no first-hop redundancy.
 */
import type { FhrpGroup } from '../../observation.js';
import type { Profile } from './types.js';

const GRP = '1.3.6.1.4.1.9.9.106.1.2.1.1';

export const HSRP_STATE: Readonly<Record<number, FhrpGroup['role']>> = {
  1: 'init', 2: 'init', 3: 'other', 4: 'other', 5: 'backup', 6: 'master',
};

export const ciscoHsrpProfile: Profile = {
  id: 'cisco-hsrp-mib',
  mib: 'CISCO-HSRP-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  columns: {
    virtualIp: { oid: `${GRP}.11`, type: 'ip' },
    standbyRouter: { oid: `${GRP}.14`, type: 'ip' },
    state: { oid: `${GRP}.15`, type: 'int' },
  },
  extract: [
    {
      kind: 'fhrp',
      protocol: 'hsrp',
      rows: 'state',
      index: [{ name: 'ifIndex', kind: 'int' }, { name: 'group', kind: 'int' }],
      interface: { ifName: { index: 'ifIndex' } },
      group: { index: 'group' },
      role: { column: 'state', map: HSRP_STATE },
      virtualIp: { column: 'virtualIp', decode: 'ip' },
      standby: { ref: { column: 'standbyRouter', decode: 'ip' }, none: ['0.0.0.0'] },
    },
  ],
};
