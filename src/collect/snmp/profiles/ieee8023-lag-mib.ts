/**
 * IEEE8023-LAG-MIB dot3adAggPortTable: LACP member ports, indexed by the member's ifIndex. The
 * aggregate is dot3adAggPortAttachedAggID; 0 means the port is not attached to any aggregator,
 * and then dot3adAggPortSelectedAggID names the aggregate it would join (a port attached to
 * none is never in the bundle). A member is in the bundle only when dot3adAggPortActorOperState
 * has synchronization(3), collecting(4) and distributing(5) all set.
 */
import type { Profile } from './types.js';

const PORT = '1.2.840.10006.300.43.1.2.1.1';

/** LacpState bits that must all be set for a member to carry traffic. */
export const LACP_IN_BUNDLE_BITS = [3, 4, 5] as const;

export const ieee8023LagProfile: Profile = {
  id: 'ieee8023-lag-mib',
  mib: 'IEEE8023-LAG-MIB',
  columns: {
    selected: { oid: `${PORT}.12`, type: 'int' },
    attached: { oid: `${PORT}.13`, type: 'int' },
    actorOperState: { oid: `${PORT}.21`, type: 'bits' },
  },
  extract: [
    {
      kind: 'lagMember',
      rows: 'actorOperState',
      aggregate: [
        { ifName: { column: 'attached', when: { column: 'attached', notMatches: '^0$' } } },
        { ifName: { column: 'selected', when: { column: 'selected', notMatches: '^0$' } } },
      ],
      member: { ifName: { index: 'index' } },
      inBundle: { column: 'actorOperState', bits: LACP_IN_BUNDLE_BITS, where: [{ column: 'attached', notMatches: '^0$' }] },
    },
  ],
};
