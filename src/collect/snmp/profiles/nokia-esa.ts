/**
 * Nokia SR OS Extended Services Appliances (TIMETRA-CHASSIS-MIB tmnxEsaTable,
 * 1.3.6.1.4.1.6527.3.1.2.2.3.74): the state of each ESA's two power supplies (columns 15, 16):
 * unknown(1) ok(2) degraded(3) failed(4) unsupported(5).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** tmnxEsaDeviceState → normalised status. */
export const ESA_DEVICE_STATE: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'ok', 3: 'unknown', 4: 'failed', 5: 'unknown' };

export const nokiaEsaProfile: Profile = {
  id: 'nokia-esa',
  mib: 'TIMETRA-CHASSIS-MIB (tmnxEsaTable)',
  vendors: ['1.3.6.1.4.1.6527'],
  columns: {
    ps1: { oid: '1.3.6.1.4.1.6527.3.1.2.2.3.74.1.15', type: 'int' },
    ps2: { oid: '1.3.6.1.4.1.6527.3.1.2.2.3.74.1.16', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'ps1', unit: 'ps1', status: { column: 'ps1', map: ESA_DEVICE_STATE } },
    { kind: 'component', component: 'psu', rows: 'ps2', unit: 'ps2', status: { column: 'ps2', map: ESA_DEVICE_STATE } },
  ],
};
