/**
 * Pandacom SPEEDCARRIER-MIB (1.3.6.1.4.1.3652.3): the chassis' power supplies as scalars
 * nmPSU1Status (.2.1.3), nmPSU2Status (.2.1.4), nmPSU3Status (.2.1.12). States: notInstalled(0)
 * critical(1) warning(2) ok(3), and 255 where the chassis has no such bay.
 */
import type { ComponentStatus } from '../../observation.js';
import type { ComponentExtractor, Profile } from './types.js';

/** nmPSUxStatus → normalised status. */
export const SPEEDCARRIER_PSU: Readonly<Record<number, ComponentStatus>> = { 0: 'absent', 1: 'failed', 2: 'unknown', 3: 'ok', 255: 'absent' };

const psu = (column: string, name: string): ComponentExtractor => ({
  kind: 'component', component: 'psu', rows: column, unit: column, status: { column, map: SPEEDCARRIER_PSU }, name: [{ literal: name }],
});

export const speedcarrierProfile: Profile = {
  id: 'speedcarrier',
  mib: 'SPEEDCARRIER-MIB',
  vendors: ['1.3.6.1.4.1.3652'],
  // walked as one-row columns (instance .0) so that a bay the chassis lacks costs nothing
  columns: {
    psu1: { oid: '1.3.6.1.4.1.3652.3.2.1.3', type: 'int' },
    psu2: { oid: '1.3.6.1.4.1.3652.3.2.1.4', type: 'int' },
    psu3: { oid: '1.3.6.1.4.1.3652.3.2.1.12', type: 'int' },
  },
  extract: [psu('psu1', 'PSU 1'), psu('psu2', 'PSU 2'), psu('psu3', 'PSU 3')],
};
