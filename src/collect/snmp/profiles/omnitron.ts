/**
 * Omnitron iConverter chassis and standalone media converters (enterprise 7342): the module
 * power table (1.3.6.1.4.1.7342.2.1.11.1, one row per chassis and module) carries the first
 * supply's state in column 1 and the second's in column 5, both PSstatus: notSupported(0)
 * notInstalled(1) notPowered(2) powered(3). A supply the model cannot hold (not supported) is
 * reported absent, like an empty bay; an installed supply without power has failed.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** PSstatus → normalised status. */
export const OMNITRON_PS_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'absent', 1: 'absent', 2: 'failed', 3: 'ok' };

const POWER = '1.3.6.1.4.1.7342.2.1.11.1';

/** The omnitron profile, as the engine runs it. */
export const omnitronProfile: Profile = {
  id: 'omnitron',
  mib: 'OMNITRON-MIB (module power)',
  vendors: ['1.3.6.1.4.1.7342'],
  columns: {
    ps1: { oid: `${POWER}.1`, type: 'int' },
    ps2: { oid: `${POWER}.5`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'ps1', unit: 'ps1', status: { column: 'ps1', map: OMNITRON_PS_STATUS }, name: [{ literal: 'PS1' }] },
    { kind: 'component', component: 'psu', rows: 'ps2', unit: 'ps2', status: { column: 'ps2', map: OMNITRON_PS_STATUS }, name: [{ literal: 'PS2' }] },
  ],
};
