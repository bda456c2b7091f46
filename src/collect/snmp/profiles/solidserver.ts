/**
 * EfficientIP SOLIDserver appliances (EIP-MON-MIB, enterprise 2440): eipHwPsuRedundancy
 * (1.3.6.1.4.1.2440.1.14.5.1.0) — not-available(0) fully-redundant(1) lost-redundancy(2) — is the
 * only power object. Lost redundancy means one of the pair has failed; it is reported as one unit
 * standing for the pair.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** eipHwPsuRedundancy → normalised status. */
export const EIP_PSU_REDUNDANCY: Readonly<Record<number, ComponentStatus>> = { 0: 'unknown', 1: 'ok', 2: 'failed' };

/** The solidserver profile, as the engine runs it. */
export const solidserverProfile: Profile = {
  id: 'solidserver',
  mib: 'EIP-MON-MIB',
  vendors: ['1.3.6.1.4.1.2440'],
  columns: {
    redundancy: { oid: '1.3.6.1.4.1.2440.1.14.5.1', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'redundancy', status: { column: 'redundancy', map: EIP_PSU_REDUNDANCY }, name: [{ literal: 'Power supply pair' }] },
  ],
};
