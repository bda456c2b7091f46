/**
 * Ericsson IPOS routers (1.3.6.1.4.1.193.218): eriRouterPowerStatusTable, one row per power
 * module slot: description (2), status (4): normal(1) failed(2) absent(3) unknown(4).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** eriRouterPowerStatus → normalised status. */
export const ERI_POWER_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed', 3: 'absent', 4: 'unknown' };

export const ericssonIposProfile: Profile = {
  id: 'ericsson-ipos',
  mib: 'ERICSSON-ROUTER-PRODUCT-MIB (eriRouterPowerStatusTable)',
  vendors: ['1.3.6.1.4.1.193'],
  columns: {
    descr: { oid: '1.3.6.1.4.1.193.218.2.4.1.2.1.2', type: 'string' },
    status: { oid: '1.3.6.1.4.1.193.218.2.4.1.2.1.4', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', status: { column: 'status', map: ERI_POWER_STATUS }, name: [{ column: 'descr' }], replaces: ['entity'] },
  ],
};
