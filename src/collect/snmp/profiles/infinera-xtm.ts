/**
 * Infinera XTM (1.3.6.1.4.1.8708): the power supply table's operational status (column 21),
 * indexed by entPhysicalIndex: ok(1) alarm(2).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** PSUOperStatus → normalised status. */
export const XTM_PSU_OPER: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed' };

export const infineraXtmProfile: Profile = {
  id: 'infinera-xtm',
  mib: 'LUM-EQUIPMENT-MIB (Infinera XTM)',
  vendors: ['1.3.6.1.4.1.8708'],
  columns: {
    oper: { oid: '1.3.6.1.4.1.8708.2.11.2.4.1.1.21', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'oper', status: { column: 'oper', map: XTM_PSU_OPER }, physicalIndex: { index: 'index' } },
  ],
};
