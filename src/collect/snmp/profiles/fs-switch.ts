/**
 * FS.com switches (1.3.6.1.4.1.52642). FS-SWITCH-MIB fsSystemElectricalInformationTable (column 3,
 * indexed by unit and supply): noexist(1) existnopower(2) existreadypower(3) normal(4)
 * powerbutabnormal(5) unknown(6); an installed supply without input power protects nothing
 * (failed), one ready but not supplying is neither. The Centec-based models' devMPowerStatusTable
 * alarm column (7): noAlert(1) alert(2) unsupported(3).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** FS supply states → normalised status. */
export const FS_ELECTRICAL_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'absent', 2: 'failed', 3: 'unknown', 4: 'ok', 5: 'failed', 6: 'unknown' };

export const fsSwitchProfile: Profile = {
  id: 'fs-switch',
  mib: 'FS-SWITCH (fsSystemElectricalInformationTable), FS Centec (devMPowerStatusTable)',
  vendors: ['1.3.6.1.4.1.52642'],
  columns: {
    electrical: { oid: '1.3.6.1.4.1.52642.1.1.10.2.1.1.41.1.3', type: 'int' },
    centecAlarm: { oid: '1.3.6.1.4.1.52642.1.37.1.2.1.7', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'electrical', status: { column: 'electrical', map: FS_ELECTRICAL_STATUS }, replaces: ['entity'] },
    { kind: 'component', component: 'psu', rows: 'centecAlarm', status: { column: 'centecAlarm', map: { 1: 'ok', 2: 'failed', 3: 'unknown' } }, replaces: ['entity'] },
  ],
};
