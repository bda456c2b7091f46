/**
 * Dell server management: iDRAC (IDRAC-MIB-SMIv2, 1.3.6.1.4.1.674.10892.5) powerSupplyTable and
 * the OpenManage Enterprise Modular chassis (1.3.6.1.4.1.674.10892.6) dmmPSUTable. Both give a
 * status of the Dell ObjectStatusEnum: other(1) unknown(2) ok(3) nonCritical(4) critical(5)
 * nonRecoverable(6). Critical and non-recoverable are failed; non-critical is a warning (unknown).
 * Older iDRACs (iDRAC7) list their supplies in powerSupplyTable without powerSupplyStatus; each
 * supply's health is then its current probe in amperageProbeTable (.600.30.1, named "PS1 Current
 * 1"), whose amperageProbeStatus (5) is the ProbeStatusEnum: other(1) unknown(2) ok(3)
 * nonCriticalUpper(4) criticalUpper(5) nonRecoverableUpper(6) nonCriticalLower(7)
 * criticalLower(8) nonRecoverableLower(9) failed(10). It is read only when no supply has a status.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** Dell ObjectStatusEnum → normalised status. */
export const DELL_OBJECT_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'unknown', 3: 'ok', 4: 'unknown', 5: 'failed', 6: 'failed' };

/** Dell ProbeStatusEnum → normalised status: critical and non-recoverable readings and failed(10) are failed. */
export const DELL_PROBE_STATUS: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'unknown', 3: 'ok', 4: 'unknown', 5: 'failed', 6: 'failed', 7: 'unknown', 8: 'failed', 9: 'failed', 10: 'failed',
};

export const dellServerProfile: Profile = {
  id: 'dell-server',
  mib: 'IDRAC-MIB-SMIv2, DELL-MM-MIB',
  vendors: ['1.3.6.1.4.1.674.10892'],
  columns: {
    // powerSupplyTableEntry: powerSupplyStatus 5, powerSupplyLocationName 8
    idracStatus: { oid: '1.3.6.1.4.1.674.10892.5.4.600.12.1.5', type: 'int' },
    idracName: { oid: '1.3.6.1.4.1.674.10892.5.4.600.12.1.8', type: 'string' },
    // amperageProbeTableEntry: amperageProbeStatus 5, amperageProbeLocationName 8
    probeStatus: { oid: '1.3.6.1.4.1.674.10892.5.4.600.30.1.5', type: 'int' },
    probeName: { oid: '1.3.6.1.4.1.674.10892.5.4.600.30.1.8', type: 'string' },
    // dmmPSUTable: status 8
    chassisStatus: { oid: '1.3.6.1.4.1.674.10892.6.4.2.1.8', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'idracStatus', status: { column: 'idracStatus', map: DELL_OBJECT_STATUS }, name: [{ column: 'idracName' }], replaces: ['entity'] },
    {
      kind: 'component', component: 'psu', rows: 'probeStatus', unlessRows: 'idracStatus',
      where: [{ column: 'probeName', matches: '^PS\\d+ ' }],
      status: { column: 'probeStatus', map: DELL_PROBE_STATUS }, name: [{ column: 'probeName' }], replaces: ['entity'],
    },
    { kind: 'component', component: 'psu', rows: 'chassisStatus', status: { column: 'chassisStatus', map: DELL_OBJECT_STATUS }, replaces: ['entity'] },
  ],
};
