/**
 * Broadcom FASTPATH box services, as Netgear (boxServicesPowSuppliesTable, 1.3.6.1.4.1.4526.10.43)
 * and LANCOM LCOS SX (lcsMonitoringPSUTable, 1.3.6.1.4.1.2356.100) carry it. Item state:
 * notpresent(1) operational(2) failed(3) powering(4) nopower(5) notpowering(6) incompatible(7),
 * LANCOM adds warning(8) present(9). Powering and present are a working supply; an installed
 * supply with no power or not powering protects nothing (failed).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** box services item state → normalised status. */
export const BOX_SERVICES_STATE: Readonly<Record<number, ComponentStatus>> = { 1: 'absent', 2: 'ok', 3: 'failed', 4: 'ok', 5: 'failed', 6: 'failed', 7: 'unknown', 8: 'unknown', 9: 'ok' };

export const fastpathBoxServicesProfile: Profile = {
  id: 'fastpath-boxservices',
  mib: 'FASTPATH-BOXSERVICES-PRIVATE-MIB (Netgear, LANCOM)',
  vendors: ['1.3.6.1.4.1.4526', '1.3.6.1.4.1.2356'],
  columns: {
    netgear: { oid: '1.3.6.1.4.1.4526.10.43.1.7.1.3', type: 'int' },
    lancom: { oid: '1.3.6.1.4.1.2356.100.1.1.4.1.5', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'netgear', status: { column: 'netgear', map: BOX_SERVICES_STATE }, replaces: ['entity'] },
    { kind: 'component', component: 'psu', rows: 'lancom', status: { column: 'lancom', map: BOX_SERVICES_STATE }, replaces: ['entity'] },
  ],
};
