/**
 * Raritan PX2/PX3 rack PDUs (PDU2-MIB, 1.3.6.1.4.1.13742.6): each inlet's RMS voltage sensor in
 * inletSensorMeasurementsTable (.5.2.3.1, index pduId.inletId.sensorType; rmsVoltage is sensor
 * type 4) with measurementsInletSensorState (3), the SensorStateEnumeration: unavailable(-1)
 * belowLowerCritical(2) belowLowerWarning(3) normal(4) aboveUpperWarning(5)
 * aboveUpperCritical(6)… A voltage below the critical threshold is an inlet without power; a
 * voltage out of the warning band still powers the PDU. The inlet's label is inletLabel (2) in
 * inletTable (.3.3.3.1, index pduId.inletId).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** measurementsInletSensorState of the voltage sensor → whether the inlet has power. */
export const PDU2_INLET_VOLTAGE: Readonly<Record<number, ComponentStatus>> = { [-1]: 'unknown', 2: 'failed', 3: 'ok', 4: 'ok', 5: 'ok', 6: 'ok' };

/** The raritan-pdu2 profile, as the engine runs it. */
export const raritanPdu2Profile: Profile = {
  id: 'raritan-pdu2',
  mib: 'PDU2-MIB',
  vendors: ['1.3.6.1.4.1.13742'],
  columns: {
    inletLabel: { oid: '1.3.6.1.4.1.13742.6.3.3.3.1.2', type: 'string' },
    inletState: { oid: '1.3.6.1.4.1.13742.6.5.2.3.1.3', type: 'int' },
  },
  extract: [
    {
      kind: 'powerInput', role: 'pduInlet', rows: 'inletState',
      index: [{ name: 'inlet', kind: 'fixed', length: 2 }, { name: 'sensorType', kind: 'int' }],
      whereIndex: { part: 'sensorType', in: [4] },
      name: [{ column: 'inletLabel', via: 'inlet' }],
      state: { column: 'inletState', map: PDU2_INLET_VOLTAGE },
    },
  ],
};
