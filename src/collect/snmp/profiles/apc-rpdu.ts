/**
 * First-generation APC rack PDUs (PowerNet-MIB rPDU, 1.3.6.1.4.1.318.1.1.12: AP78xx / AP79xx):
 * rPDULoadStatusTable (.2.3.1.1) lists each phase and each bank with rPDULoadStatusLoad (2,
 * tenths of an ampere), rPDULoadStatusPhaseNumber (4) and rPDULoadStatusBankNumber (5, 0 on a
 * phase's own row). This MIB reports no input voltage per phase, so current drawn is the only
 * evidence: a phase carrying current has power; a phase drawing nothing may be idle or dead, and
 * stays unknown rather than failed.
 */
import type { PowerInputReading } from '../kinds/power-input.js';
import type { Profile } from './types.js';

/** rPDULoadStatusLoad (0.1 A) → power on the phase when current flows; otherwise unknown. */
export const RPDU_PHASE_LOAD: PowerInputReading = { column: 'load', okAbove: 0 };

const LOAD = '1.3.6.1.4.1.318.1.1.12.2.3.1.1';

/** The apc-rpdu profile, as the engine runs it. */
export const apcRpduProfile: Profile = {
  id: 'apc-rpdu',
  mib: 'PowerNet-MIB (rPDU)',
  vendors: ['1.3.6.1.4.1.318'],
  columns: {
    load: { oid: `${LOAD}.2`, type: 'gauge' },
    phaseNumber: { oid: `${LOAD}.4`, type: 'int' },
    bankNumber: { oid: `${LOAD}.5`, type: 'int' },
  },
  extract: [
    {
      kind: 'powerInput', role: 'pduInlet', rows: 'phaseNumber', where: [{ column: 'bankNumber', in: [0] }],
      namePrefix: 'Phase ', name: [{ column: 'phaseNumber' }], reading: RPDU_PHASE_LOAD,
    },
  ],
};
