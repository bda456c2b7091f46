/**
 * ZTE ZXR10 (M6000, T8000, 5960 and other platforms of the ZXR10 "UPN" software) and ZTE
 * C6xx OLTs: power modules and fans from ZXR10-SYSTEM-HARDWARE-MIB
 * (zxr10SystemHardwareMIB = zxUPN 2 = 1.3.6.1.4.1.3902.3.6002.2).
 *
 * zxr10PowerModuleTable (zxr10PowerMIB 2, zxr10PowerMIB = zxr10SystemHardwareMIB 6; index
 * rack.shelf.group.module) has a physical state (online/offline), a power state and a run state;
 * both states are read for the same module, and a module whose physical state is offline is an
 * empty position. zxr10FanTable (zxr10SystemHardwareMIB 3; index rack.shelf.tray.fan) has one
 * state per fan.
 *
 * The older ZXR10-MIB (zxr10 = 3902.3, T-series and early switches) has no power or fan table
 * that could be found (its BoardType lists no power or fan board), so it is not read.
 *
 * Sources (verified): ZXR10-SYSTEM-HARDWARE-MIB text (librenms mibs/zte, revision 201802281817Z)
 * for tables, columns and enumerations; ZXR10-PROJECT-MIB (zxUPN = zxr10 6002, zxr10 = zte 3,
 * zte = enterprises 3902); public pollers of M6000/5960X/C6xx reading 1.3.6.1.4.1.3902.3.6002.2.x.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** zxr10SystemHardwareMIB */
const HW = '1.3.6.1.4.1.3902.3.6002.2';

/** zxr10PowerModulePowerStatus / RunStatus: unknow(0) normal(1) abnormal(2). */
export const ZTE_POWER_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'unknown', 1: 'ok', 2: 'failed' };
/** zxr10PowerModulePhyStatus: unknow(0) online(1) offline(2); offline = the position is empty. */
export const ZTE_POWER_OFFLINE = 2;
/** zxr10FanStatus: abnormal(0) normal(1). */
export const ZTE_FAN_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'failed', 1: 'ok' };

export const zteProfile: Profile = {
  id: 'zte',
  mib: 'ZXR10-SYSTEM-HARDWARE-MIB',
  vendors: ['1.3.6.1.4.1.3902'],
  columns: {
    // zxr10PowerModuleEntry: PhyStatus 4, PowerStatus 5, RunStatus 7, Name 13
    psuPhy: { oid: `${HW}.6.2.1.4`, type: 'int' },
    psuPower: { oid: `${HW}.6.2.1.5`, type: 'int' },
    psuRun: { oid: `${HW}.6.2.1.7`, type: 'int' },
    psuName: { oid: `${HW}.6.2.1.13`, type: 'string' },
    // zxr10FanEntry: zxr10FanStatus 7
    fanStatus: { oid: `${HW}.3.1.7`, type: 'int' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'psuPower',
      status: { column: 'psuPower', map: ZTE_POWER_STATUS },
      absentWhen: { column: 'psuPhy', in: [ZTE_POWER_OFFLINE] },
      name: [{ column: 'psuName' }],
    },
    {
      kind: 'component', component: 'psu', rows: 'psuPower',
      status: { column: 'psuRun', map: ZTE_POWER_STATUS },
      absentWhen: { column: 'psuPhy', in: [ZTE_POWER_OFFLINE] },
      name: [{ column: 'psuName' }],
    },
    { kind: 'component', component: 'fan', rows: 'fanStatus', status: { column: 'fanStatus', map: ZTE_FAN_STATUS } },
  ],
};
