/**
 * Eaton XUPS-MIB (PowerMIB, enterprise 534; also on Eaton/MGE cards under 705). xupsOutputSource
 * extends UPS-MIB's list: booster(6)/reducer(7) (line-interactive voltage correction),
 * parallelCapacity(8)/parallelRedundant(9) (a normal parallel system), highEfficiencyMode(10)
 * and essMode(12) ("normal but enhanced", says the MIB) → normal; maintenanceBypass(11) →
 * bypass. Battery: xupsBatteryLowCapacity yes(1) → low first, then xupsBatteryAbmStatus:
 * charging(1)/discharging(2)/floating(3)/resting(4)/underTest(7) → normal (the charge state of
 * a working battery), disconnected(6) → depleted (no battery to run on), unknown(5) and
 * checkBattery(8) → unknown. xupsBatTimeRemaining is in seconds (minutes = / 60).
 */
import type { UpsBatteryStatus, UpsOutputSource } from '../../observation.js';
import type { Profile } from './types.js';

export const XUPS_OUTPUT_SOURCE: Readonly<Record<number, UpsOutputSource>> = {
  1: 'other', 2: 'none', 3: 'normal', 4: 'bypass', 5: 'battery', 6: 'normal', 7: 'normal',
  8: 'normal', 9: 'normal', 10: 'normal', 11: 'bypass', 12: 'normal',
};

export const XUPS_BATTERY_ABM_STATUS: Readonly<Record<number, UpsBatteryStatus>> = {
  1: 'normal', 2: 'normal', 3: 'normal', 4: 'normal', 5: 'unknown', 6: 'depleted', 7: 'normal', 8: 'unknown',
};

export const eatonXupsProfile: Profile = {
  id: 'eaton-xups-mib',
  mib: 'XUPS-MIB',
  vendors: ['1.3.6.1.4.1.534', '1.3.6.1.4.1.705'],
  scalars: {
    batTimeRemaining: { oid: '1.3.6.1.4.1.534.1.2.1.0', type: 'int' },
    batteryAbmStatus: { oid: '1.3.6.1.4.1.534.1.2.5.0', type: 'int' },
    batteryLowCapacity: { oid: '1.3.6.1.4.1.534.1.2.10.0', type: 'int' },
    inputLineBads: { oid: '1.3.6.1.4.1.534.1.3.2.0', type: 'counter' },
    outputSource: { oid: '1.3.6.1.4.1.534.1.4.5.0', type: 'int' },
  },
  extract: [
    // yes(1) → low; no(2) is left unknown so that the ABM status below decides.
    { kind: 'ups', batteryStatus: { scalar: 'batteryLowCapacity', map: { 1: 'low' } } },
    {
      kind: 'ups',
      outputSource: { scalar: 'outputSource', map: XUPS_OUTPUT_SOURCE },
      batteryStatus: { scalar: 'batteryAbmStatus', map: XUPS_BATTERY_ABM_STATUS },
      minutesRemaining: { scalar: 'batTimeRemaining', divide: 60 },
      inputLineBads: { scalar: 'inputLineBads' },
    },
  ],
};
