/**
 * Eltek DC power plants (enterprise 12148), two generations of controller MIB:
 * - Smartpack2 / Smartpack S / Compack, SP2-MIB (eNexus, 1.3.6.1.4.1.12148.10): each measured
 *   quantity is a "data monitor" whose value is leaf 5 (loadCurrentValue .9.2.5.0,
 *   rectifiersCapacityValue .5.3.5.0 — used capacity in %, batteryTimeLeftValue .10.8.5.0 —
 *   minutes to battery disconnection), the mains subsystem status is .3.1.0, and rectifierTable
 *   (.5.6.1) has each module's status in column 2. Status values (the MIB's alarm-status
 *   enumeration): normal(1) minorAlarm(2) majorAlarm(3) disabled(4) disconnected(5)
 *   notPresent(6) minorAndMajor(7) … critical(18) error(19).
 * - Smartpack / AL-series, ELTEK-DISTRIBUTED-MIB (1.3.6.1.4.1.12148.9): rectifierStatusTable
 *   (.5.5.2.1) column 2: notPresent(0) normal(1) alarm(2) notUsed(3) disabled(4);
 *   loadDistributionCurrent (.4.1.0, A); systemOperationalStatus (.2.2.0): floatVoltReg(0)
 *   floatTempComp(1) batteryBoost(2) batteryTest(3); batteryBanksNumOfBanks (.3.18.0). This
 *   generation reports no battery minutes and no capacity use: the rules say unknown, with why.
 * Sources: the SP2-MIB and ELTEK-DISTRIBUTED-MIB module texts (object names, branches and
 * enumerations) and public polling scripts for the leaf numbers; facts only.
 */
import type { ComponentStatus, DcBatteryState } from '../../observation.js';
import type { Profile } from './types.js';

/** SP2-MIB alarm status of a rectifier module → its state. */
export const SP2_MODULE_STATUS: Readonly<Record<number, ComponentStatus>> = {
  1: 'ok', 2: 'ok', 3: 'failed', 4: 'unknown', 5: 'failed', 6: 'absent', 7: 'failed', 18: 'failed', 19: 'failed',
};

/** SP2-MIB status of the mains subsystem → mains state (a minor alarm is a phase out of tolerance, still feeding). */
export const SP2_MAINS_STATUS: Readonly<Record<number, 'ok' | 'failed'>> = { 1: 'ok', 2: 'ok', 3: 'failed', 5: 'failed', 7: 'failed', 18: 'failed', 19: 'failed' };

/** ELTEK-DISTRIBUTED-MIB rectifierStatusStatus → module state. */
export const DISTRIBUTED_MODULE_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'absent', 1: 'ok', 2: 'failed', 3: 'unknown', 4: 'unknown' };

/** ELTEK-DISTRIBUTED-MIB systemOperationalStatus → battery state. */
export const DISTRIBUTED_OPERATION: Readonly<Record<number, DcBatteryState>> = { 0: 'float', 1: 'float', 2: 'charging', 3: 'test' };

const SP2 = '1.3.6.1.4.1.12148.10';
const V9 = '1.3.6.1.4.1.12148.9';

export const eltekSp2Profile: Profile = {
  id: 'eltek-sp2',
  mib: 'SP2-MIB',
  vendors: ['1.3.6.1.4.1.12148'],
  columns: {
    moduleStatus: { oid: `${SP2}.5.6.1.2`, type: 'int' },
  },
  scalars: {
    mains: { oid: `${SP2}.3.1.0`, type: 'int' },
    capacity: { oid: `${SP2}.5.3.5.0`, type: 'int' },
    load: { oid: `${SP2}.9.2.5.0`, type: 'int' },
    timeLeft: { oid: `${SP2}.10.8.5.0`, type: 'int' },
  },
  extract: [
    {
      kind: 'dcPower',
      rectifiers: { rows: 'moduleStatus', status: { column: 'moduleStatus', map: SP2_MODULE_STATUS } },
      capacityUsedPercent: { scalar: 'capacity' },
      loadAmps: { scalar: 'load' },
      batteryMinutes: { scalar: 'timeLeft' },
      mains: { scalar: 'mains', map: SP2_MAINS_STATUS },
    },
  ],
};

export const eltekDistributedProfile: Profile = {
  id: 'eltek-distributed',
  mib: 'ELTEK-DISTRIBUTED-MIB',
  vendors: ['1.3.6.1.4.1.12148'],
  columns: {
    moduleStatus: { oid: `${V9}.5.5.2.1.2`, type: 'int' },
  },
  scalars: {
    operation: { oid: `${V9}.2.2.0`, type: 'int' },
    banks: { oid: `${V9}.3.18.0`, type: 'int' },
    load: { oid: `${V9}.4.1.0`, type: 'int' },
  },
  extract: [
    {
      kind: 'dcPower',
      rectifiers: { rows: 'moduleStatus', status: { column: 'moduleStatus', map: DISTRIBUTED_MODULE_STATUS } },
      loadAmps: { scalar: 'load' },
      batteryState: { scalar: 'operation', map: DISTRIBUTED_OPERATION },
      batteryStrings: { scalar: 'banks' },
    },
  ],
};
