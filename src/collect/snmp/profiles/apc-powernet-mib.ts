/**
 * APC PowerNet-MIB (enterprise 318) UPS scalars. upsBasicOutputStatus (values 1–22 as listed
 * by the MIB) becomes the output source:
 * - normal: onLine(2), onSmartBoost(4) and onSmartTrim(12) (the inverter/AVR corrects the mains
 *   voltage: still protected), ecoMode(13), hotStandby(14), powerSavingMode(18), eConversion(20)
 *   (efficiency modes of a healthy UPS that keeps the load protected);
 * - battery: onBattery(3), onBatteryTest(15) (the load is on the battery right now);
 * - bypass: softwareBypass(6), switchedBypass(9), hardwareFailureBypass(10),
 *   emergencyStaticBypass(16), staticBypassStandby(17) (the load is on raw mains);
 * - none: timedSleeping(5), off(7), rebooting(8), sleepingUntilPowerReturn(11) (no output);
 * - other: spotMode(19), chargerSpotmode(21), inverterSpotmode(22) (service test modes);
 * - unknown: unknown(1) and any later value.
 * upsBasicBatteryStatus: unknown(1), batteryNormal(2), batteryLow(3), batteryInFaultCondition(4)
 * (a battery that cannot be relied on: low), noBatteryPresent(5) (no runtime at all: depleted).
 * upsAdvBatteryRunTimeRemaining is TimeTicks: minutes = value / 6000.
 */
import type { UpsBatteryStatus, UpsOutputSource } from '../../observation.js';
import type { Profile } from './types.js';

export const APC_BASIC_OUTPUT_STATUS: Readonly<Record<number, UpsOutputSource>> = {
  1: 'unknown', 2: 'normal', 3: 'battery', 4: 'normal', 5: 'none', 6: 'bypass', 7: 'none', 8: 'none',
  9: 'bypass', 10: 'bypass', 11: 'none', 12: 'normal', 13: 'normal', 14: 'normal', 15: 'battery', 16: 'bypass',
  17: 'bypass', 18: 'normal', 19: 'other', 20: 'normal', 21: 'other', 22: 'other',
};

export const APC_BASIC_BATTERY_STATUS: Readonly<Record<number, UpsBatteryStatus>> = {
  1: 'unknown', 2: 'normal', 3: 'low', 4: 'low', 5: 'depleted',
};

export const apcPowerNetProfile: Profile = {
  id: 'apc-powernet-mib',
  mib: 'PowerNet-MIB',
  vendors: ['1.3.6.1.4.1.318'],
  scalars: {
    batteryStatus: { oid: '1.3.6.1.4.1.318.1.1.1.2.1.1.0', type: 'int' },
    runTimeRemaining: { oid: '1.3.6.1.4.1.318.1.1.1.2.2.3.0', type: 'ticks' },
    outputStatus: { oid: '1.3.6.1.4.1.318.1.1.1.4.1.1.0', type: 'int' },
  },
  extract: [
    {
      kind: 'ups',
      outputSource: { scalar: 'outputStatus', map: APC_BASIC_OUTPUT_STATUS },
      batteryStatus: { scalar: 'batteryStatus', map: APC_BASIC_BATTERY_STATUS },
      minutesRemaining: { scalar: 'runTimeRemaining', divide: 6000 },
    },
  ],
};
