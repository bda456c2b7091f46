/**
 * Dell Networking OS9 / Force10 FTOS: power supplies and fan trays.
 *
 * DELL-NETWORKING-CHASSIS-MIB (dellNetPowerSupplyTable, dellNetFanTrayTable; index
 * deviceType.deviceIndex.unitIndex) is the current MIB of OS9. Older S-series firmware has
 * F10-S-SERIES-CHASSIS-MIB (chSysPowerSupplyTable, chSysFanTrayTable; index
 * chStackUnitNumber.index) instead; it is read only when the Dell Networking tables are empty,
 * so that firmware filling both does not count one unit twice.
 *
 * Caution: the early F10-S-SERIES revisions define only up(1) and down(2); absent(3) came with
 * the 2013 revision (for power supplies). On such firmware an empty bay may read 'down'.
 *
 * Sources (verified): compiled DELL-NETWORKING-CHASSIS-MIB (lextudio pysnmp: dellNetPowerSupplyOperStatus
 * 1.3.6.1.4.1.6027.3.26.1.4.6.1.4, dellNetFanTrayOperStatus 1.3.6.1.4.1.6027.3.26.1.4.7.1.4, both
 * up(1) down(2) absent(3)); compiled F10-S-SERIES-CHASSIS-MIB (lextudio pysnmp and DotZero24
 * pysnmp-mibs, revision 2013-01-01: chSysPowerSupplyOperStatus 1.3.6.1.4.1.6027.3.10.1.2.3.1.2
 * up(1) down(2) absent(3); chSysFanTrayOperStatus 1.3.6.1.4.1.6027.3.10.1.2.4.1.2 up(1) down(2)).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** dellNetPowerSupplyOperStatus / dellNetFanTrayOperStatus: up(1) down(2) absent(3). */
export const DELLNET_OPER_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed', 3: 'absent' };
/** F10-S-SERIES chSysPowerSupplyOperStatus: up(1) down(2) absent(3). */
export const F10S_PSU_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed', 3: 'absent' };
/** F10-S-SERIES chSysFanTrayOperStatus: up(1) down(2); no third value was found in any revision read. */
export const F10S_FAN_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed' };

export const dellFtosProfile: Profile = {
  id: 'dell-ftos',
  mib: 'DELL-NETWORKING-CHASSIS-MIB/F10-S-SERIES-CHASSIS-MIB',
  vendors: ['1.3.6.1.4.1.6027'],
  columns: {
    // dellNetPowerSupplyOperStatus { dellNetPowerSupplyEntry 4 }
    dnPsuOper: { oid: '1.3.6.1.4.1.6027.3.26.1.4.6.1.4', type: 'int' },
    // dellNetFanTrayOperStatus { dellNetFanTrayEntry 4 }
    dnFanOper: { oid: '1.3.6.1.4.1.6027.3.26.1.4.7.1.4', type: 'int' },
    // F10-S-SERIES-CHASSIS-MIB chSysPowerSupplyOperStatus { chSysPowerSupplyEntry 2 }
    sPsuOper: { oid: '1.3.6.1.4.1.6027.3.10.1.2.3.1.2', type: 'int' },
    // F10-S-SERIES-CHASSIS-MIB chSysFanTrayOperStatus { chSysFanTrayEntry 2 }
    sFanOper: { oid: '1.3.6.1.4.1.6027.3.10.1.2.4.1.2', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'dnPsuOper', status: { column: 'dnPsuOper', map: DELLNET_OPER_STATUS } },
    { kind: 'component', component: 'fan', rows: 'dnFanOper', status: { column: 'dnFanOper', map: DELLNET_OPER_STATUS } },
    { kind: 'component', component: 'psu', rows: 'sPsuOper', unlessRows: 'dnPsuOper', status: { column: 'sPsuOper', map: F10S_PSU_STATUS } },
    { kind: 'component', component: 'fan', rows: 'sFanOper', unlessRows: 'dnFanOper', status: { column: 'sFanOper', map: F10S_FAN_STATUS } },
  ],
};
