/**
 * MICROSENS G6 switches (1.3.6.1.4.1.3181.10.6): hardwarePowerSupply1Status and
 * hardwarePowerSupply2Status, read as one-row columns (instance .0): ok(0) overload(1)
 * inputLow(2) fuseFail(3) notApplicable(4) unmanaged(5) notInstalled(6). A second supply
 * 'notApplicable' is a model with one input: absent.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** hardwarePowerSupplyStatus → normalised status. */
export const MICROSENS_PS: Readonly<Record<number, ComponentStatus>> = { 0: 'ok', 1: 'failed', 2: 'unknown', 3: 'failed', 4: 'absent', 5: 'unknown', 6: 'absent' };

export const microsensProfile: Profile = {
  id: 'microsens',
  mib: 'MICROSENS-G6-MIB',
  vendors: ['1.3.6.1.4.1.3181'],
  columns: {
    ps1: { oid: '1.3.6.1.4.1.3181.10.6.1.31.100', type: 'int' },
    ps2: { oid: '1.3.6.1.4.1.3181.10.6.1.31.101', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'ps1', unit: 'ps1', status: { column: 'ps1', map: MICROSENS_PS }, name: [{ literal: 'Power Supply 1' }] },
    { kind: 'component', component: 'psu', rows: 'ps2', unit: 'ps2', status: { column: 'ps2', map: MICROSENS_PS }, name: [{ literal: 'Power Supply 2' }] },
  ],
};
