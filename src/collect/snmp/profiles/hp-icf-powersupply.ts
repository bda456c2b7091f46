/**
 * HP ProCurve / Aruba (ArubaOS-Switch) POWERSUPPLY-MIB (hpicfPsMIB, 1.3.6.1.4.1.11.2.14.11.5.1.55):
 * hpicfPsTable, one row per power-supply bay (hpicfPsBayNum).
 *
 * Bay numbers are not entPhysicalIndex and no column maps one to the other, so this table
 * replaces the generic ENTITY-MIB units of the same supplies instead of counting them twice.
 *
 * HpicfDcPsState: psNotPresent(1) psNotPlugged(2) psPowered(3) psFailed(4) psPermFailure(5)
 * psMax(6) psAuxFailure(7) psNotPowered(8) psAuxNotPowered(9). Only psPowered is ok;
 * psNotPresent is an empty bay; psNotPlugged and psNotPowered are an installed supply without
 * input power, which protects nothing: failed, as are the failure states. psMax is the
 * enumeration's bound, not a state. Sources: the compiled POWERSUPPLY-MIB (hpicfPsMIB, revisions
 * to 2013-08-20) as found in public pysnmp MIB collections.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** hpicfPsState → normalised status. */
export const HPICF_PS_STATE: Readonly<Record<number, ComponentStatus>> = {
  1: 'absent', 2: 'failed', 3: 'ok', 4: 'failed', 5: 'failed', 6: 'unknown', 7: 'failed', 8: 'failed', 9: 'failed',
};

export const hpIcfPowerSupplyProfile: Profile = {
  id: 'hp-icf-powersupply',
  mib: 'POWERSUPPLY-MIB (HP ICF)',
  vendors: ['1.3.6.1.4.1.11'],
  columns: {
    // hpicfPsEntry: hpicfPsState 2
    psState: { oid: '1.3.6.1.4.1.11.2.14.11.5.1.55.1.1.1.2', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'psState', status: { column: 'psState', map: HPICF_PS_STATE }, replaces: ['entity'] },
  ],
};
