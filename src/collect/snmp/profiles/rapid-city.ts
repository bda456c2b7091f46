/**
 * Avaya/Extreme VOSS and ERS RAPID-CITY MIB (1.3.6.1.4.1.2272): rcChasPowerSupplyTable, one row
 * per power-supply slot. rcChasPowerSupplyOperStatus: unknown(1) empty(2) up(3) down(4).
 * VOSS devices answer with Extreme sysObjectIDs (1.3.6.1.4.1.1916.2) as well as Avaya ones.
 * Slot numbers are not entPhysicalIndex, so the table replaces ENTITY-MIB's units.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** rcChasPowerSupplyOperStatus → normalised status. */
export const RC_PS_OPER: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'absent', 3: 'ok', 4: 'failed' };

export const rapidCityProfile: Profile = {
  id: 'rapid-city',
  mib: 'RAPID-CITY',
  vendors: ['1.3.6.1.4.1.2272', '1.3.6.1.4.1.1916.2'],
  columns: {
    // rcChasPowerSupplyEntry: rcChasPowerSupplyOperStatus 2
    psOper: { oid: '1.3.6.1.4.1.2272.1.4.8.1.1.2', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'psOper', status: { column: 'psOper', map: RC_PS_OPER }, replaces: ['entity'] },
  ],
};
