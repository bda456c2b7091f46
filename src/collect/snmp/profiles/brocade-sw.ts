/**
 * Brocade FabricOS and Extreme SLX-OS SW-MIB (1.3.6.1.4.1.1588.2.1.1.1): swSensorTable, one row
 * per sensor. swSensorType: temperature(1) fan(2) power-supply(3); swSensorStatus: unknown(1)
 * faulty(2) below-min(3) nominal(4) above-max(5) absent(6); swSensorInfo names the sensor.
 * SLX answers with Extreme sysObjectIDs (1.3.6.1.4.1.1916.2).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** swSensorStatus → normalised status. */
export const SW_SENSOR_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'failed', 3: 'unknown', 4: 'ok', 5: 'unknown', 6: 'absent' };

export const brocadeSwProfile: Profile = {
  id: 'brocade-sw',
  mib: 'SW-MIB',
  vendors: ['1.3.6.1.4.1.1588', '1.3.6.1.4.1.1916.2'],
  columns: {
    // swSensorEntry: swSensorType 2, swSensorStatus 3, swSensorInfo 5
    type: { oid: '1.3.6.1.4.1.1588.2.1.1.1.1.22.1.2', type: 'int' },
    status: { oid: '1.3.6.1.4.1.1588.2.1.1.1.1.22.1.3', type: 'int' },
    info: { oid: '1.3.6.1.4.1.1588.2.1.1.1.1.22.1.5', type: 'string' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', where: [{ column: 'type', in: [3] }], status: { column: 'status', map: SW_SENSOR_STATUS }, name: [{ column: 'info' }], replaces: ['entity'] },
    { kind: 'component', component: 'fan', rows: 'status', where: [{ column: 'type', in: [2] }], status: { column: 'status', map: SW_SENSOR_STATUS }, name: [{ column: 'info' }], replaces: ['entity'] },
  ],
};
