/**
 * Extreme Networks ExtremeXOS: power supplies and fans from EXTREME-SYSTEM-MIB
 * (extremeSystemCommon = 1.3.6.1.4.1.1916.1.1.1).
 *
 * extremePowerSupplyTable (extremeSystemCommon 27, index extremePowerSupplyNumber) and
 * extremeFanStatusTable (extremeSystemCommon 9, index extremeFanNumber). A fan row carries its
 * entPhysicalIndex (extremeFanEntPhysicalIndex), so it merges with the ENTITY-MIB profile's unit.
 *
 * Sources (verified): compiled EXTREME-SYSTEM-MIB (lextudio pysnmp and DotZero24 pysnmp-mibs):
 * extremePowerSupplyStatus 1.3.6.1.4.1.1916.1.1.1.27.1.2 notPresent(1) presentOK(2)
 * presentNotOK(3) presentPowerOff(4) (older revisions stop at 3); extremeFanOperational
 * 1.3.6.1.4.1.1916.1.1.1.9.1.2 TruthValue true(1) false(2); extremeFanEntPhysicalIndex ...9.1.3.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

const COMMON = '1.3.6.1.4.1.1916.1.1.1';

/** extremePowerSupplyStatus: an installed supply that is powered off supplies nothing. */
export const EXTREME_PSU_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'absent', 2: 'ok', 3: 'failed', 4: 'failed' };
/** extremeFanOperational (TruthValue): true(1) false(2). */
export const EXTREME_FAN_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed' };

export const extremeProfile: Profile = {
  id: 'extreme',
  mib: 'EXTREME-SYSTEM-MIB',
  vendors: ['1.3.6.1.4.1.1916'],
  columns: {
    // extremePowerSupplyStatus { extremePowerSupplyEntry 2 }
    psuStatus: { oid: `${COMMON}.27.1.2`, type: 'int' },
    // extremeFanOperational / extremeFanEntPhysicalIndex { extremeFanStatusEntry 2 / 3 }
    fanOper: { oid: `${COMMON}.9.1.2`, type: 'int' },
    fanPhys: { oid: `${COMMON}.9.1.3`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'psuStatus', status: { column: 'psuStatus', map: EXTREME_PSU_STATUS } },
    {
      kind: 'component', component: 'fan', rows: 'fanOper',
      physicalIndex: { column: 'fanPhys' },
      status: { column: 'fanOper', map: EXTREME_FAN_STATUS },
      name: [{ entity: 'name' }, { entity: 'descr' }],
    },
  ],
};
