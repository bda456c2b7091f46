/**
 * Dell EMC Networking OS10: power supplies and fan trays from
 * DELLEMC-OS10-CHASSIS-MIB (os10 = 1.3.6.1.4.1.674.11000.5000.100, os10ChassisMib = os10 4,
 * os10SystemComponent = os10ChassisMib 1 2).
 *
 * os10PowerSupplyTable (os10SystemComponent 1) and os10FanTrayTable (os10SystemComponent 2) are the
 * field-replaceable units and are what this profile reports. os10FanTable (os10SystemComponent 3)
 * lists the single fans inside trays and supplies; it is not read, because its rows share index
 * numbers with the tray rows and the format keys units of one profile by row index (a fan 1 of
 * tray 2 would be merged into tray 1).
 *
 * Sources (verified): DELLEMC-OS10-CHASSIS-MIB text (observium-community-edition
 * mibs/dell/DELLEMC-OS10-CHASSIS-MIB), DELLEMC-OS10-TC-MIB (Os10CmnOperStatus) and
 * DELLEMC-OS10-SMI-MIB (os10 = networking 100, networking = enterpriseSW 5000, enterpriseSW =
 * dell 11000, dell = enterprises 674) in librenms mibs/dell.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** os10SystemComponent */
const COMPONENT = '1.3.6.1.4.1.674.11000.5000.100.4.1.2';

/**
 * Os10CmnOperStatus: up(1) down(2) testing(3) unknown(4) dormant(5) notPresent(6)
 * lowerLayerDown(7) failed(8). A unit that is down or whose lower layer is down supplies nothing.
 */
export const OS10_OPER_STATUS: Readonly<Record<number, ComponentStatus>> = {
  1: 'ok', 2: 'failed', 3: 'unknown', 4: 'unknown', 5: 'unknown', 6: 'absent', 7: 'failed', 8: 'failed',
};

export const dellOs10Profile: Profile = {
  id: 'dell-os10',
  mib: 'DELLEMC-OS10-CHASSIS-MIB',
  vendors: ['1.3.6.1.4.1.674.11000.5000.100'],
  columns: {
    // os10PowerSupplyOperStatus { os10PowerSupplyEntry 4 }
    psuOper: { oid: `${COMPONENT}.1.1.4`, type: 'int' },
    // os10FanTrayOperStatus { os10FanTrayEntry 4 }
    fanTrayOper: { oid: `${COMPONENT}.2.1.4`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'psuOper', status: { column: 'psuOper', map: OS10_OPER_STATUS } },
    { kind: 'component', component: 'fan', rows: 'fanTrayOper', status: { column: 'fanTrayOper', map: OS10_OPER_STATUS } },
  ],
};
