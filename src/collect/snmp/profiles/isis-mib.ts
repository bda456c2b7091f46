/**
 * ISIS-MIB (RFC 4444) isisISAdjTable: IS-IS adjacencies, index isisCircIndex and
 * isisISAdjIndex. The interface is the ifName of isisCircIfIndex (isisCircTable) of the row's
 * circuit; the neighbour is its system id (isisISAdjNeighSysID).
 */
import type { IsisAdjacencyState } from '../../observation.js';
import type { Profile } from './types.js';

/** isisISAdjState / ciiISAdjState: down(1) initializing(2) up(3) failed(4). */
export const ISIS_ADJ_STATE: Readonly<Record<number, IsisAdjacencyState>> = { 1: 'down', 2: 'initializing', 3: 'up', 4: 'failed' };

/** isisISAdjUsage / ciiISAdjUsage: level1(1) level2(2) level1and2(3). */
export const ISIS_ADJ_USAGE: Readonly<Record<number, 'level1' | 'level2' | 'level1and2'>> = { 1: 'level1', 2: 'level2', 3: 'level1and2' };

/**
 * The adjacency profile for ISIS-MIB or a vendor copy laid out the same way under another root
 * (`root` is the MIB's isisObjects: circuit table at .1.3, adjacency table at .1.6).
 */
export function isisAdjacencyProfile(id: string, mib: string, root: string, vendors?: readonly string[]): Profile {
  return {
    id,
    mib,
    ...(vendors !== undefined ? { vendors } : {}),
    columns: {
      circIfIndex: { oid: `${root}.1.3.2.1.2`, type: 'int' },
      state: { oid: `${root}.1.6.1.1.2`, type: 'int' },
      neighSysId: { oid: `${root}.1.6.1.1.6`, type: 'string' },
      usage: { oid: `${root}.1.6.1.1.8`, type: 'int' },
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
}

export const isisMibProfile: Profile = isisAdjacencyProfile('isis-mib', 'ISIS-MIB', '1.3.6.1.2.1.138');
