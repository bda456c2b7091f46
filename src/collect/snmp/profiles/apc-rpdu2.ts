/**
 * APC rack PDUs (PowerNet-MIB rPDU2, 1.3.6.1.4.1.318.1.1.26: AP8xxx / APDU9xxx):
 * - rPDU2DeviceStatusTable (.4.3.1) rPDU2DeviceStatusPowerSupplyAlarm (12), the state of the
 *   PDU's own power supply: normal(1) alarm(2).
 * - rPDU2PhaseStatusTable (.6.3.1, one row per input phase of each PDU in a chain) with
 *   rPDU2PhaseStatusNumber (3) and rPDU2PhaseStatusVoltage (6, volts): each phase is an inlet
 *   feed. The MIB has no per-phase power state, so the voltage says it: above 50 V (every mains
 *   nominal is 100 V or more) is power, at or below is a phase without power, and a phase whose
 *   voltage the PDU does not report is unknown.
 */
import type { ComponentStatus } from '../../observation.js';
import type { PowerInputReading } from '../kinds/power-input.js';
import type { Profile } from './types.js';

/** rPDU2DeviceStatusPowerSupplyAlarm → normalised status. */
export const RPDU2_PS_ALARM: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed' };

/** rPDU2PhaseStatusVoltage (V) → whether power is on the phase. */
export const RPDU2_PHASE_VOLTAGE: PowerInputReading = { column: 'phaseVoltage', okAbove: 50, failedAtOrBelow: 50 };

const PHASE = '1.3.6.1.4.1.318.1.1.26.6.3.1';

/** The apc-rpdu2 profile, as the engine runs it. */
export const apcRpdu2Profile: Profile = {
  id: 'apc-rpdu2',
  mib: 'PowerNet-MIB (rPDU2)',
  vendors: ['1.3.6.1.4.1.318'],
  columns: {
    psAlarm: { oid: '1.3.6.1.4.1.318.1.1.26.4.3.1.12', type: 'int' },
    phaseNumber: { oid: `${PHASE}.3`, type: 'int' },
    phaseVoltage: { oid: `${PHASE}.6`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'psAlarm', status: { column: 'psAlarm', map: RPDU2_PS_ALARM }, name: [{ literal: 'PDU power supply' }] },
    { kind: 'powerInput', role: 'pduInlet', rows: 'phaseNumber', namePrefix: 'Phase ', name: [{ column: 'phaseNumber' }], reading: RPDU2_PHASE_VOLTAGE },
  ],
};
