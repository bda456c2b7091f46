/**
 * CISCO-IETF-ISIS-MIB ciiISAdjTable (IOS, IOS-XE, IOS-XR before ISIS-MIB): Cisco's copy of the
 * draft ISIS MIB under 1.3.6.1.4.1.9.10.118, laid out like ISIS-MIB (ciiCircIfIndex, ciiISAdjState,
 * ciiISAdjNeighSysID, ciiISAdjUsage).
 */
import { ISIS_ADJ_STATE, ISIS_ADJ_USAGE } from './isis-mib.js';
import type { Profile } from './types.js';

export const ciscoIetfIsisProfile: Profile = {
  id: 'cisco-ietf-isis-mib',
  mib: 'CISCO-IETF-ISIS-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  columns: {
    circIfIndex: { oid: '1.3.6.1.4.1.9.10.118.1.3.2.1.2', type: 'int' },
    state: { oid: '1.3.6.1.4.1.9.10.118.1.6.1.1.2', type: 'int' },
    neighSysId: { oid: '1.3.6.1.4.1.9.10.118.1.6.1.1.6', type: 'string' },
    usage: { oid: '1.3.6.1.4.1.9.10.118.1.6.1.1.8', type: 'int' },
  },
  extract: [
    {
      kind: 'isisAdjacency',
      rows: 'state',
      index: [{ name: 'circuit', kind: 'int' }, { name: 'adjacency', kind: 'int' }],
      neighborId: { column: 'neighSysId', decode: 'hex' },
      interface: { ifName: { column: 'circIfIndex', via: 'circuit' } },
      state: { column: 'state', map: ISIS_ADJ_STATE },
      level: { column: 'usage', map: ISIS_ADJ_USAGE },
    },
  ],
};
