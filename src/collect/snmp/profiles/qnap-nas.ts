/**
 * QNAP NAS-MIB (1.3.6.1.4.1.24681): systemPowerTable's systemPowerStatus (column 5): ok(0)
 * fail(-1).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** systemPowerStatus → normalised status. */
export const QNAP_POWER_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'ok', [-1]: 'failed' };

export const qnapNasProfile: Profile = {
  id: 'qnap-nas',
  mib: 'NAS-MIB (QNAP)',
  vendors: ['1.3.6.1.4.1.24681'],
  columns: {
    status: { oid: '1.3.6.1.4.1.24681.1.4.1.1.1.1.5.2.1.5', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', status: { column: 'status', map: QNAP_POWER_STATUS } },
  ],
};
