/**
 * Quantum Scalar tape libraries (1.3.6.1.4.1.3764.1.1): the power supply table's status
 * (column 8): unknown(1) notInstalled(2) ok(3) poweredOff(4) failed(5). A powered-off supply
 * protects nothing: failed.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** powerSupplyStatus → normalised status. */
export const QUANTUM_PS_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'absent', 3: 'ok', 4: 'failed', 5: 'failed' };

export const quantumLibraryProfile: Profile = {
  id: 'quantum-library',
  mib: 'QUANTUM-MIDRANGE / Scalar i6000 powerSupplyTable',
  vendors: ['1.3.6.1.4.1.3764'],
  columns: {
    status: { oid: '1.3.6.1.4.1.3764.1.1.200.200.10.1.8', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', status: { column: 'status', map: QUANTUM_PS_STATUS } },
  ],
};
