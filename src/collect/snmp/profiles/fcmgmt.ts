/**
 * FCMGMT-MIB (RFC 4044's predecessor, experimental 1.3.6.1.3.94), as Seagate/Dot Hill storage
 * enclosures (enterprise 347) fill it: connUnitSensorTable (.1.8.1), indexed by the unit's
 * 16-octet connUnitId and the sensor number. connUnitSensorType (7) says what the sensor watches
 * — powerSupply(5), fan(4) —; connUnitSensorStatus (4) is unknown(1) other(2) ok(3) warning(4)
 * failed(5). Each sensor row is one unit, as the MIB offers no key tying a supply's rails together.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** connUnitSensorStatus → normalised status; a warning is a unit not known failed. */
export const FC_SENSOR_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'unknown', 3: 'ok', 4: 'unknown', 5: 'failed' };

const SENSOR = '1.3.6.1.3.94.1.8.1';

/** The fcmgmt profile, as the engine runs it. */
export const fcMgmtProfile: Profile = {
  id: 'fcmgmt',
  mib: 'FCMGMT-MIB',
  vendors: ['1.3.6.1.4.1.347'],
  columns: {
    name: { oid: `${SENSOR}.3`, type: 'string' },
    status: { oid: `${SENSOR}.4`, type: 'int' },
    type: { oid: `${SENSOR}.7`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'status', where: [{ column: 'type', in: [5] }], status: { column: 'status', map: FC_SENSOR_STATUS }, name: [{ column: 'name' }] },
    { kind: 'component', component: 'fan', rows: 'status', where: [{ column: 'type', in: [4] }], status: { column: 'status', map: FC_SENSOR_STATUS }, name: [{ column: 'name' }] },
  ],
};
