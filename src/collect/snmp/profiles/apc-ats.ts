/**
 * APC automatic transfer switches (PowerNet-MIB ats group, 1.3.6.1.4.1.318.1.1.8): the status
 * scalars atsStatusSelectedSource (.5.1.2.0): sourceA(1) sourceB(2), and
 * atsStatusSourceAStatus / atsStatusSourceBStatus (.5.1.12.0 / .5.1.13.0): fail(1) ok(2) —
 * whether each utility line has power, and which one carries the load.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** atsStatusSourceXStatus → whether the line has power. */
export const ATS_SOURCE_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'failed', 2: 'ok' };

const STATUS = '1.3.6.1.4.1.318.1.1.8.5.1';

/** The apc-ats profile, as the engine runs it. */
export const apcAtsProfile: Profile = {
  id: 'apc-ats',
  mib: 'PowerNet-MIB (ats)',
  vendors: ['1.3.6.1.4.1.318'],
  // scalars walked as one-row columns (instance .0), so that each source is an input of its own
  columns: {
    selected: { oid: `${STATUS}.2`, type: 'int' },
    sourceA: { oid: `${STATUS}.12`, type: 'int' },
    sourceB: { oid: `${STATUS}.13`, type: 'int' },
  },
  extract: [
    { kind: 'powerInput', role: 'mains', rows: 'sourceA', name: [{ literal: 'ATS source A' }], state: { column: 'sourceA', map: ATS_SOURCE_STATUS }, feedsLoad: { column: 'selected', equals: 1 } },
    { kind: 'powerInput', role: 'mains', rows: 'sourceB', name: [{ literal: 'ATS source B' }], state: { column: 'sourceB', map: ATS_SOURCE_STATUS }, feedsLoad: { column: 'selected', equals: 2 } },
  ],
};
