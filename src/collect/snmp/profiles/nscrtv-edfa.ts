/**
 * Optical amplifiers (EDFA) of the Chinese cable/FTTx family that implements the NSCRTV
 * HFC MIBs (enterprise 17409, SCTE-HMS derived): the optical amplifier group (1.3.6.1.4.1.17409.1.11)
 * has one scalar per power supply, powerSupplyStatusA (.32.0) and powerSupplyStatusB (.33.0):
 * undefined(0) nominal(1) failure(2) notInstalled(3).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** powerSupplyStatusA/B → normalised status. */
export const EDFA_PSU_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'unknown', 1: 'ok', 2: 'failed', 3: 'absent' };

const OA = '1.3.6.1.4.1.17409.1.11';

/** The nscrtv-edfa profile, as the engine runs it. */
export const nscrtvEdfaProfile: Profile = {
  id: 'nscrtv-edfa',
  mib: 'NSCRTV optical amplifier MIB',
  vendors: ['1.3.6.1.4.1.17409'],
  // scalars walked as one-row columns (instance .0): each supply is a unit of its own
  columns: {
    supplyA: { oid: `${OA}.32`, type: 'int' },
    supplyB: { oid: `${OA}.33`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'supplyA', unit: 'a', status: { column: 'supplyA', map: EDFA_PSU_STATUS }, name: [{ literal: 'Power Supply A' }] },
    { kind: 'component', component: 'psu', rows: 'supplyB', unit: 'b', status: { column: 'supplyB', map: EDFA_PSU_STATUS }, name: [{ literal: 'Power Supply B' }] },
  ],
};
