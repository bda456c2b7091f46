/**
 * UPS-MIB (RFC 1628): the standard UPS scalars, spoken by Generex CS141, Riello NetMan and most
 * network cards beside their vendor MIB. upsOutputSource: other(1), none(2), normal(3),
 * bypass(4), battery(5), booster(6), reducer(7). booster and reducer are a line-interactive UPS
 * correcting a low or high mains voltage through its transformer: the load is fed by the UPS
 * and protected, so they count as normal output. upsEstimatedMinutesRemaining is in minutes.
 */
import type { UpsBatteryStatus, UpsOutputSource } from '../../observation.js';
import type { Profile } from './types.js';

export const UPS_MIB_OUTPUT_SOURCE: Readonly<Record<number, UpsOutputSource>> = {
  1: 'other', 2: 'none', 3: 'normal', 4: 'bypass', 5: 'battery', 6: 'normal', 7: 'normal',
};

/** upsBatteryStatus: unknown(1) batteryNormal(2) batteryLow(3) batteryDepleted(4). */
export const UPS_MIB_BATTERY_STATUS: Readonly<Record<number, UpsBatteryStatus>> = {
  1: 'unknown', 2: 'normal', 3: 'low', 4: 'depleted',
};

export const upsMibProfile: Profile = {
  id: 'ups-mib',
  mib: 'UPS-MIB',
  scalars: {
    batteryStatus: { oid: '1.3.6.1.2.1.33.1.2.1.0', type: 'int' },
    minutesRemaining: { oid: '1.3.6.1.2.1.33.1.2.3.0', type: 'int' },
    inputLineBads: { oid: '1.3.6.1.2.1.33.1.3.1.0', type: 'counter' },
    outputSource: { oid: '1.3.6.1.2.1.33.1.4.1.0', type: 'int' },
  },
  extract: [
    {
      kind: 'ups',
      outputSource: { scalar: 'outputSource', map: UPS_MIB_OUTPUT_SOURCE },
      batteryStatus: { scalar: 'batteryStatus', map: UPS_MIB_BATTERY_STATUS },
      minutesRemaining: { scalar: 'minutesRemaining' },
      inputLineBads: { scalar: 'inputLineBads' },
    },
  ],
};
