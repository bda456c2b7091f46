/**
 * OSPFV3-MIB (RFC 5643) ospfv3NbrTable: OSPFv3 neighbours, index ospfv3NbrIfIndex,
 * ospfv3NbrIfInstId, ospfv3NbrRtrId (an Unsigned32, shown as a dotted quad); the address is
 * ospfv3NbrAddress (usually the IPv6 link-local address).
 */
import { OSPF_NBR_STATE } from './ospf-mib.js';
import type { Profile } from './types.js';

const NBR = '1.3.6.1.2.1.191.1.9.1';

export const ospfv3MibProfile: Profile = {
  id: 'ospfv3-mib',
  mib: 'OSPFV3-MIB',
  columns: {
    address: { oid: `${NBR}.5`, type: 'ip' },
    state: { oid: `${NBR}.8`, type: 'int' },
  },
  extract: [
    {
      kind: 'ospfNeighbor',
      rows: 'state',
      index: [{ name: 'ifIndex', kind: 'int' }, { name: 'instId', kind: 'int' }, { name: 'rtrId', kind: 'int' }],
      neighborId: { index: 'rtrId', decode: 'ip' },
      address: { column: 'address', decode: 'ip' },
      state: { column: 'state', map: OSPF_NBR_STATE },
    },
  ],
};
