/**
 * Allied Telesis AlliedWare Plus AT-ENVMONv2-MIB (1.3.6.1.4.1.207.8.4.4.3.12):
 * atEnvMonv2PsbSensorTable, indexed by (stack member, PSU bay, sensor): one row per sensor of a
 * supply (input, output…), so the rows of one (member, bay) are one unit. Sensor status
 * (column 6): failed(1) good(2) notPowered(3); a supply without power protects nothing.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** AtPowerSupplyState → normalised status. */
export const AT_PSB_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'failed', 2: 'ok', 3: 'failed' };

export const alliedEnvmonProfile: Profile = {
  id: 'allied-envmon',
  mib: 'AT-ENVMONv2-MIB',
  vendors: ['1.3.6.1.4.1.207'],
  columns: {
    status: { oid: '1.3.6.1.4.1.207.8.4.4.3.12.4.2.1.6', type: 'int' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'status', status: { column: 'status', map: AT_PSB_STATUS },
      index: [{ name: 'unitBay', kind: 'fixed', length: 2 }, { name: 'sensor', kind: 'int' }], unitOf: { index: 'unitBay' }, replaces: ['entity'],
    },
  ],
};
