/**
 * Dell Compellent / Storage Center arrays (DELL-STORAGE-SC-MIB, 1.3.6.1.4.1.674.11000.2000.500):
 * scEnclPowerTable (.1.2.21.1): scEnclPowerStatus (3) up(1) down(2) degraded(3), scEnclPowerPosition
 * (4) the bay. The controllers run FreeBSD and answer with net-snmp's FreeBSD sysObjectID
 * (1.3.6.1.4.1.8072.3.2.8), so the profile applies to that too; Linux hosts (…3.2.10) never pay for it.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** scEnclPowerStatus → normalised status; degraded is a warning, not known failed. */
export const SC_ENCL_POWER_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed', 3: 'unknown' };

const POWER = '1.3.6.1.4.1.674.11000.2000.500.1.2.21.1';

/** The dell-compellent profile, as the engine runs it. */
export const dellCompellentProfile: Profile = {
  id: 'dell-compellent',
  mib: 'DELL-STORAGE-SC-MIB',
  vendors: ['1.3.6.1.4.1.674.11000', '1.3.6.1.4.1.8072.3.2.8'],
  columns: {
    status: { oid: `${POWER}.3`, type: 'int' },
    position: { oid: `${POWER}.4`, type: 'string' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', status: { column: 'status', map: SC_ENCL_POWER_STATUS }, name: [{ column: 'position' }] },
  ],
};
