/**
 * MG-SNMP-UPS-MIB (MGE, later Eaton, enterprise 705): the output source is spread over yes(1)/
 * no(2) flags. upsmgOutputOnByPass yes → bypass is read first; otherwise upsmgOutputOnBattery
 * yes → battery, no → normal. upsmgBatteryLowBattery yes → low, no → normal.
 * upsmgBatteryRemainingTime is in seconds (minutes = / 60).
 */
import type { Profile } from './types.js';

export const mgeUpsProfile: Profile = {
  id: 'mge-ups-mib',
  mib: 'MG-SNMP-UPS-MIB',
  vendors: ['1.3.6.1.4.1.705', '1.3.6.1.4.1.534'],
  scalars: {
    remainingTime: { oid: '1.3.6.1.4.1.705.1.5.1.0', type: 'int' },
    lowBattery: { oid: '1.3.6.1.4.1.705.1.5.14.0', type: 'int' },
    onBattery: { oid: '1.3.6.1.4.1.705.1.7.3.0', type: 'int' },
    onByPass: { oid: '1.3.6.1.4.1.705.1.7.4.0', type: 'int' },
  },
  extract: [
    // no(2) is left unknown so that the on-battery flag below decides.
    { kind: 'ups', outputSource: { scalar: 'onByPass', map: { 1: 'bypass' } } },
    {
      kind: 'ups',
      outputSource: { scalar: 'onBattery', map: { 1: 'battery', 2: 'normal' } },
      batteryStatus: { scalar: 'lowBattery', map: { 1: 'low', 2: 'normal' } },
      minutesRemaining: { scalar: 'remainingTime', divide: 60 },
    },
  ],
};
