/**
 * Hirschmann HMPRIV-MGMT-SNMP-MIB (1.3.6.1.4.1.248.14): hmPowerSupplyTable, indexed by (group,
 * id); hmPowerSupplyState: ok(1) failed(2) notInstalled(3) unknown(4).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** hmPowerSupplyState → normalised status. */
export const HM_PS_STATE: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed', 3: 'absent', 4: 'unknown' };

export const hirschmannProfile: Profile = {
  id: 'hirschmann',
  mib: 'HMPRIV-MGMT-SNMP-MIB',
  vendors: ['1.3.6.1.4.1.248'],
  columns: {
    state: { oid: '1.3.6.1.4.1.248.14.1.2.1.3', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'state', status: { column: 'state', map: HM_PS_STATE }, replaces: ['entity'] },
  ],
};
