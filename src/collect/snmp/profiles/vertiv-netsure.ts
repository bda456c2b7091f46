/**
 * Vertiv (Emerson Energy Systems) NetSure DC power plants, NETSURE/EES powerMIB
 * (1.3.6.1.4.1.6302.2.1, enterprise 6302): the controller's system group (.2) holds the load
 * (systemCurrent .2.3.0, mA), the rectifier group (.2.11) the used capacity
 * (rectifiersUsedCapacity .2.11.3.0, %) and psRectifierTable (.2.11.4.1) with each module's
 * psRectifierFail (8): activated(1) — the module's fail alarm is on — or deactivated(2). The
 * battery group's psBatteryTable (.2.5.5.1) has one row per battery shunt (string).
 * psStatusBatteryMode (.2.9.0) — unknown(1) floatCharging(2) shortTest(3) bcForTest(4)
 * manualTesting(5) planTesting(6) acFailTesting(7) acFail(8) manualBC(9) autoBC(10) cyclicBC(11)
 * masterBC(12) masterBT(13) — says both how the battery runs and whether the mains is there:
 * acFail(8) is a mains outage with the load on the batteries. Every analog object sends
 * 2147483647 for "no valid value". The MIB has no battery minutes: PWR-004 says unknown, why.
 * Source: NETSURE-MIB-004-A module text (objects, units, enumerations); facts only.
 */
import type { ComponentStatus, DcBatteryState } from '../../observation.js';
import type { Profile } from './types.js';

/** The value the EES objects send for "invalid". */
export const EES_INVALID = 2147483647;

/** psRectifierFail → module state. */
export const NETSURE_RECTIFIER_FAIL: Readonly<Record<number, ComponentStatus>> = { 1: 'failed', 2: 'ok' };

/** psStatusBatteryMode → battery state. */
export const NETSURE_BATTERY_MODE: Readonly<Record<number, DcBatteryState>> = {
  1: 'unknown', 2: 'float', 3: 'test', 4: 'test', 5: 'test', 6: 'test', 7: 'test', 8: 'discharging',
  9: 'charging', 10: 'charging', 11: 'charging', 12: 'charging', 13: 'test',
};

/** psStatusBatteryMode → mains: only acFail(8) says the mains is gone; every charging or test mode runs on it. */
export const NETSURE_MAINS: Readonly<Record<number, 'ok' | 'failed'>> = {
  2: 'ok', 3: 'ok', 4: 'ok', 5: 'ok', 6: 'ok', 7: 'ok', 8: 'failed', 9: 'ok', 10: 'ok', 11: 'ok', 12: 'ok', 13: 'ok',
};

const SYSTEM = '1.3.6.1.4.1.6302.2.1.2';

/** The vertiv-netsure profile, as the engine runs it. */
export const vertivNetSureProfile: Profile = {
  id: 'vertiv-netsure',
  mib: 'NETSURE-MIB (EES powerMIB)',
  vendors: ['1.3.6.1.4.1.6302'],
  columns: {
    rectifierFail: { oid: `${SYSTEM}.11.4.1.8`, type: 'int' },
    batteryShunt: { oid: `${SYSTEM}.5.5.1.2`, type: 'int' },
  },
  scalars: {
    current: { oid: `${SYSTEM}.3.0`, type: 'int' },
    usedCapacity: { oid: `${SYSTEM}.11.3.0`, type: 'int' },
    batteryMode: { oid: `${SYSTEM}.9.0`, type: 'int' },
  },
  extract: [
    {
      kind: 'dcPower',
      rectifiers: { rows: 'rectifierFail', status: { column: 'rectifierFail', map: NETSURE_RECTIFIER_FAIL } },
      loadAmps: { scalar: 'current', scale: 0.001, invalid: [EES_INVALID] },
      capacityUsedPercent: { scalar: 'usedCapacity', invalid: [EES_INVALID] },
      batteryState: { scalar: 'batteryMode', map: NETSURE_BATTERY_MODE },
      batteryStrings: { rows: 'batteryShunt' },
      mains: { scalar: 'batteryMode', map: NETSURE_MAINS },
    },
  ],
};
