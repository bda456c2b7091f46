/**
 * OSPF-MIB (RFC 4750) ospfNbrTable: OSPFv2 neighbours, index ospfNbrIpAddr and
 * ospfNbrAddressLessIndex; the neighbour is named by its router id (ospfNbrRtrId).
 */
import type { OspfNeighborState } from '../../observation.js';
import type { Profile } from './types.js';

/** ospfNbrState / ospfv3NbrState: down(1) … full(8). */
export const OSPF_NBR_STATE: Readonly<Record<number, OspfNeighborState>> = {
  1: 'down', 2: 'attempt', 3: 'init', 4: 'twoWay', 5: 'exchangeStart', 6: 'exchange', 7: 'loading', 8: 'full',
};

export const ospfMibProfile: Profile = {
  id: 'ospf-mib',
  mib: 'OSPF-MIB',
  columns: {
    rtrId: { oid: '1.3.6.1.2.1.14.10.1.3', type: 'ip' },
    state: { oid: '1.3.6.1.2.1.14.10.1.6', type: 'int' },
  },
  extract: [
    {
      kind: 'ospfNeighbor',
      rows: 'state',
      index: [{ name: 'address', kind: 'ipv4' }, { name: 'addressLessIndex', kind: 'int' }],
      neighborId: { column: 'rtrId', decode: 'ip' },
      address: { index: 'address' },
      state: { column: 'state', map: OSPF_NBR_STATE },
    },
  ],
};
