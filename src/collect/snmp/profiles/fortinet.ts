/**
 * FORTINET-FORTIGATE-MIB: power supplies and fans among the hardware sensors of fgHwSensorTable
 * (1.3.6.1.4.1.12356.101.4.3.2.1), recognised by fgHwSensorEntName.
 *
 * fgHwSensorEntAlarmStatus: false(0) true(1), the sensor is outside its thresholds.
 * - Fans: "FAN1".."FANn" and the supplies' own fans "PS1 Fan 1"; "FAN_TMP_3" is a temperature.
 * - Supplies: the "PSn Status" rows of models with redundant supplies.
 * Voltage rails are not supplies. In particular "RPS 12V" is the input from an optional external
 * redundant power supply: at 0 V with its alarm set it says that no RPS feeds the unit, which
 * the table cannot tell from an RPS that failed, so it is not reported as a failed supply.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** fgHwSensorEntAlarmStatus → normalised status. */
export const FG_ALARM: Readonly<Record<number, ComponentStatus>> = { 0: 'ok', 1: 'failed' };

const SENSOR = '1.3.6.1.4.1.12356.101.4.3.2.1';

export const fortinetProfile: Profile = {
  id: 'fortinet',
  mib: 'FORTINET-FORTIGATE-MIB',
  vendors: ['1.3.6.1.4.1.12356'],
  columns: {
    // fgHwSensorEntry: EntName 2, EntAlarmStatus 4
    sensorName: { oid: `${SENSOR}.2`, type: 'string' },
    sensorAlarm: { oid: `${SENSOR}.4`, type: 'int' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'sensorAlarm',
      where: [{ column: 'sensorName', matches: '^PSU?\\s*\\d+\\s+Status$', flags: 'i' }],
      status: { column: 'sensorAlarm', map: FG_ALARM },
      name: [{ column: 'sensorName' }],
    },
    {
      kind: 'component', component: 'fan', rows: 'sensorAlarm',
      where: [{ column: 'sensorName', matches: '^(PSU?\\s*\\d+\\s+)?FAN\\s*\\d+$', flags: 'i' }],
      status: { column: 'sensorAlarm', map: FG_ALARM },
      name: [{ column: 'sensorName' }],
    },
  ],
};
