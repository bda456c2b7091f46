/**
 * Dell server management: iDRAC (IDRAC-MIB-SMIv2, 1.3.6.1.4.1.674.10892.5) powerSupplyTable and
 * the OpenManage Enterprise Modular chassis (1.3.6.1.4.1.674.10892.6) dmmPSUTable. Both give a
 * status of the Dell ObjectStatusEnum: other(1) unknown(2) ok(3) nonCritical(4) critical(5)
 * nonRecoverable(6). Critical and non-recoverable are failed; non-critical is a warning (unknown).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** Dell ObjectStatusEnum → normalised status. */
export const DELL_OBJECT_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'unknown', 3: 'ok', 4: 'unknown', 5: 'failed', 6: 'failed' };

export const dellServerProfile: Profile = {
  id: 'dell-server',
  mib: 'IDRAC-MIB-SMIv2, DELL-MM-MIB',
  vendors: ['1.3.6.1.4.1.674.10892'],
  columns: {
    // powerSupplyTableEntry: powerSupplyStatus 5, powerSupplyLocationName 8
    idracStatus: { oid: '1.3.6.1.4.1.674.10892.5.4.600.12.1.5', type: 'int' },
    idracName: { oid: '1.3.6.1.4.1.674.10892.5.4.600.12.1.8', type: 'string' },
    // dmmPSUTable: status 8
    chassisStatus: { oid: '1.3.6.1.4.1.674.10892.6.4.2.1.8', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'idracStatus', status: { column: 'idracStatus', map: DELL_OBJECT_STATUS }, name: [{ column: 'idracName' }], replaces: ['entity'] },
    { kind: 'component', component: 'psu', rows: 'chassisStatus', status: { column: 'chassisStatus', map: DELL_OBJECT_STATUS }, replaces: ['entity'] },
  ],
};
