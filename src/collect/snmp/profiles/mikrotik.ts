/**
 * MIKROTIK-MIB (RouterOS): PSU and fan state rows of mtxrGaugeTable
 * (1.3.6.1.4.1.14988.1.1.3.100.1), the per-sensor health table of RouterOS 7.
 *
 * mtxrGaugeUnit: celsius(1) rpm(2) dV(3) dA(4) dW(5) status(6). A status row named psuN-state
 * (or fanN-state) holds 0 for ok and 1 for fail; "fail" covers both a dead supply and one without
 * input power, neither of which protects the device. Fan speed rows (rpm) are not a state: a
 * fan that stands still at low temperature is not broken.
 *
 * The legacy scalars mtxrHlPowerSupplyState / mtxrHlBackupPowerSupplyState (...1.3.15.0/16.0,
 * BoolValue "PSU state ok") are not read: on the recorded CRS317 they say true for both supplies
 * while the gauge table reports psu2 failed, and they cannot be joined to the named rows.
 * Sources: MIKROTIK-MIB text (mtxrGaugeTable, enumeration of mtxrGaugeUnit); state values as the
 * recordings and LibreNMS' routeros definition read them.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** mtxrGaugeValue of a status(6) row → normalised status. */
export const MTXR_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'ok', 1: 'failed' };

const GAUGE = '1.3.6.1.4.1.14988.1.1.3.100.1';
const STATUS_UNIT = 6;

export const mikrotikProfile: Profile = {
  id: 'mikrotik',
  mib: 'MIKROTIK-MIB',
  vendors: ['1.3.6.1.4.1.14988'],
  columns: {
    // mtxrGaugeTableEntry: Name 2, Value 3, Unit 4
    gaugeName: { oid: `${GAUGE}.2`, type: 'string' },
    gaugeValue: { oid: `${GAUGE}.3`, type: 'gauge' },
    gaugeUnit: { oid: `${GAUGE}.4`, type: 'int' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'gaugeValue',
      where: [{ column: 'gaugeUnit', in: [STATUS_UNIT] }, { column: 'gaugeName', matches: '^psu\\d*-state$', flags: 'i' }],
      status: { column: 'gaugeValue', map: MTXR_STATUS },
      name: [{ column: 'gaugeName' }],
    },
    {
      kind: 'component', component: 'fan', rows: 'gaugeValue',
      where: [{ column: 'gaugeUnit', in: [STATUS_UNIT] }, { column: 'gaugeName', matches: '^fan\\d*-state$', flags: 'i' }],
      status: { column: 'gaugeValue', map: MTXR_STATUS },
      name: [{ column: 'gaugeName' }],
    },
  ],
};
