/**
 * Peplink/Pepwave (1.3.6.1.4.1.27662): devicePSUStatus (error(0) on(1)) per power supply.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** devicePSUStatus → normalised status. */
export const PEPWAVE_PSU: Readonly<Record<number, ComponentStatus>> = { 0: 'failed', 1: 'ok' };

export const pepwaveProfile: Profile = {
  id: 'pepwave',
  mib: 'PEPLINK-DEVICE-MIB',
  vendors: ['1.3.6.1.4.1.27662'],
  columns: {
    status: { oid: '1.3.6.1.4.1.27662.200.1.1.1.4.1.1.2', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', status: { column: 'status', map: PEPWAVE_PSU } },
  ],
};
