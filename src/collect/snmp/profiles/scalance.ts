/**
 * Siemens SCALANCE X industrial switches (enterprise 4329, automation MIB
 * 1.3.6.1.4.1.4329.20.1.1.1.1): the two redundant 24 V supply lines are the scalars .28.4.0
 * (line 1) and .28.5.0 (line 2): active(0) inactive(1). An inactive line is a feed without power:
 * the switch has lost its supply redundancy, so the line is reported failed. Other values are
 * not documented and stay unknown.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** Power supply line state → normalised status. */
export const SCALANCE_POWER_LINE: Readonly<Record<number, ComponentStatus>> = { 0: 'ok', 1: 'failed' };

const AUTOMATION = '1.3.6.1.4.1.4329.20.1.1.1.1';

/** The scalance profile, as the engine runs it. */
export const scalanceProfile: Profile = {
  id: 'scalance',
  mib: 'SIEMENS SCALANCE automation MIB',
  vendors: ['1.3.6.1.4.1.4329'],
  // scalars walked as one-row columns (instance .0): each line is a unit of its own
  columns: {
    line1: { oid: `${AUTOMATION}.28.4`, type: 'int' },
    line2: { oid: `${AUTOMATION}.28.5`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'line1', unit: 'line1', status: { column: 'line1', map: SCALANCE_POWER_LINE }, name: [{ literal: 'Power Supply 1' }], replaces: ['entity'] },
    { kind: 'component', component: 'psu', rows: 'line2', unit: 'line2', status: { column: 'line2', map: SCALANCE_POWER_LINE }, name: [{ literal: 'Power Supply 2' }], replaces: ['entity'] },
  ],
};
