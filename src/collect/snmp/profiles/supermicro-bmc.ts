/**
 * Supermicro BMC (1.3.6.1.4.1.21317): the power supply table's status column (2):
 * notPresent(0) presentOk(1) presentFailed(3).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** psuStatus → normalised status. */
export const SUPERMICRO_PSU_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'absent', 1: 'ok', 3: 'failed' };

export const supermicroBmcProfile: Profile = {
  id: 'supermicro-bmc',
  mib: 'SUPERMICRO-HEALTH-MIB (BMC)',
  vendors: ['1.3.6.1.4.1.21317'],
  columns: {
    status: { oid: '1.3.6.1.4.1.21317.1.14.2.1.2', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', status: { column: 'status', map: SUPERMICRO_PSU_STATUS } },
  ],
};
