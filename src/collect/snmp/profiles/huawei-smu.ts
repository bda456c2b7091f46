/**
 * Huawei site power (ETP48xx / TP48 plants with an SMU02/SMU11 controller), the site monitor MIB
 * (EMAP-MIB's hwSiteMonitorMIBObjects, 1.3.6.1.4.1.2011.6.164.1):
 * - rectifiers (.3): hwRectsTotalCurrent .3.1.3.0 (0.1 A), hwRectsLoadUsage .3.1.10.0 (%), and
 *   hwRectOperTable (.3.2.2.1, one row per module) with hwRectOperStatus (99): normal(1) fault(2)
 *   protect(3) commFail(4) switchOff(5) invalid(6) noConfig(7) acOff(8) rectLost(9)
 *   alarmResume(254) unknown(255). A switched-off module may be asleep by the controller's
 *   energy-saving function, so it counts neither as working nor as failed; a module the
 *   controller cannot reach is unknown; one not configured is an empty bay.
 * - batteries (.4): hwBattsTotalQuantity .4.1.3.0 (strings), hwBattsPreDischargeTime .4.2.2.0
 *   (minutes of backup), hwBattsChargeStatus .4.2.3.0: floatCharge(1) boostCharge(2)
 *   disCharge(3) hibernating(4) offline(7) unknown(255) — an offline battery group backs up nothing.
 * - AC distribution (.5): hwAcInputTable (.5.2.1, one row per AC input unit) with hwAcEquipName (3)
 *   and hwAcInputOperStatus (99): normal(1) acOff(2) acAbsent(3, a phase lost) voltHigh(4)
 *   voltLow(5) freqHigh(6) freqLow(7) alarmResume(254) unknown(255); out-of-tolerance inputs
 *   still carry power.
 * Analog objects send 2147483647 for "invalid". The profile applies to Huawei's whole
 * enterprise, as SMU controllers' sysObjectIDs are not documented in the MIB.
 */
import type { ComponentStatus, DcBatteryState } from '../../observation.js';
import type { Profile } from './types.js';

const INVALID = 2147483647;
const SITE = '1.3.6.1.4.1.2011.6.164.1';

/** hwRectOperStatus → module state. */
export const HW_RECT_STATUS: Readonly<Record<number, ComponentStatus>> = {
  1: 'ok', 2: 'failed', 3: 'failed', 4: 'unknown', 5: 'unknown', 6: 'unknown', 7: 'absent', 8: 'failed', 9: 'failed', 254: 'ok', 255: 'unknown',
};

/** hwBattsChargeStatus → battery state. */
export const HW_BATTERY_STATUS: Readonly<Record<number, DcBatteryState>> = { 1: 'float', 2: 'charging', 3: 'discharging', 4: 'float', 7: 'fault', 255: 'unknown' };

/** hwAcInputOperStatus → whether the AC input has power. */
export const HW_AC_INPUT: Readonly<Record<number, 'ok' | 'failed'>> = { 1: 'ok', 2: 'failed', 3: 'failed', 4: 'ok', 5: 'ok', 6: 'ok', 7: 'ok', 254: 'ok' };

/** The huawei-smu profile, as the engine runs it. */
export const huaweiSmuProfile: Profile = {
  id: 'huawei-smu',
  mib: 'EMAP-MIB (hwSiteMonitor)',
  vendors: ['1.3.6.1.4.1.2011'],
  columns: {
    rectStatus: { oid: `${SITE}.3.2.2.1.99`, type: 'int' },
    acName: { oid: `${SITE}.5.2.1.1.3`, type: 'string' },
    acStatus: { oid: `${SITE}.5.2.1.1.99`, type: 'int' },
  },
  scalars: {
    current: { oid: `${SITE}.3.1.3.0`, type: 'gauge' },
    usage: { oid: `${SITE}.3.1.10.0`, type: 'gauge' },
    strings: { oid: `${SITE}.4.1.3.0`, type: 'gauge' },
    minutes: { oid: `${SITE}.4.2.2.0`, type: 'gauge' },
    charge: { oid: `${SITE}.4.2.3.0`, type: 'int' },
  },
  extract: [
    {
      kind: 'dcPower',
      rectifiers: { rows: 'rectStatus', status: { column: 'rectStatus', map: HW_RECT_STATUS } },
      loadAmps: { scalar: 'current', scale: 0.1, invalid: [INVALID] },
      capacityUsedPercent: { scalar: 'usage', invalid: [INVALID] },
      batteryMinutes: { scalar: 'minutes', invalid: [INVALID] },
      batteryState: { scalar: 'charge', map: HW_BATTERY_STATUS },
      batteryStrings: { scalar: 'strings' },
      mains: { rows: 'acStatus', status: { column: 'acStatus', map: HW_AC_INPUT } },
    },
    { kind: 'powerInput', role: 'mains', rows: 'acStatus', name: [{ column: 'acName' }], state: { column: 'acStatus', map: HW_AC_INPUT } },
  ],
};
