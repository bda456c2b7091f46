/**
 * Check Point Gaia appliances (CHECKPOINT-MIB, enterprise 2620): powerSupplyTable
 * (1.3.6.1.4.1.2620.1.6.7.9.1.1, index powerSupplyIndex.0) whose powerSupplyStatus (2) is a
 * DisplayString, "Up" or "Down", not an enumeration.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** powerSupplyStatus words → normalised status. */
export const GAIA_PSU_TEXT: Readonly<Record<string, ComponentStatus>> = { Up: 'ok', Down: 'failed' };

/** The checkpoint-gaia profile, as the engine runs it. */
export const checkpointGaiaProfile: Profile = {
  id: 'checkpoint-gaia',
  mib: 'CHECKPOINT-MIB',
  vendors: ['1.3.6.1.4.1.2620'],
  columns: {
    status: { oid: '1.3.6.1.4.1.2620.1.6.7.9.1.1.2', type: 'string' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', status: { column: 'status', map: {}, text: GAIA_PSU_TEXT } },
  ],
};
