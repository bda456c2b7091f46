/**
 * APC rack PDUs (PowerNet-MIB rPDU2, 1.3.6.1.4.1.318.1.1.26): rPDU2DeviceStatusTable's
 * rPDU2DeviceStatusPowerSupplyAlarm (column 12), the state of the PDU's own power supply:
 * normal(1) alarm(2).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** rPDU2DeviceStatusPowerSupplyAlarm → normalised status. */
export const RPDU2_PS_ALARM: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed' };

export const apcRpdu2Profile: Profile = {
  id: 'apc-rpdu2',
  mib: 'PowerNet-MIB (rPDU2)',
  vendors: ['1.3.6.1.4.1.318'],
  columns: {
    psAlarm: { oid: '1.3.6.1.4.1.318.1.1.26.4.3.1.12', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'psAlarm', status: { column: 'psAlarm', map: RPDU2_PS_ALARM }, name: [{ literal: 'PDU power supply' }] },
  ],
};
