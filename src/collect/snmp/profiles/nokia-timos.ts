/**
 * Nokia (Alcatel-Lucent) SR OS / TiMOS: power supply trays (PEMs) and fan trays from
 * TIMETRA-CHASSIS-MIB.
 *
 * Release 15.0 of the MIB moved them to tmnxPhysChassisPowerSupplyTable and tmnxPhysChassisFanTable
 * (index tmnxPhysChassisClass.tmnxPhysChassisNum.id, under tmnxPhysChassisObjs = tmnxChassisObjs 24)
 * and made tmnxChassisPowerSupplyTable / tmnxChassisFanTable (index tmnxChassisIndex.id) obsolete.
 * The obsolete tables are read only when the new ones are empty, so that an agent filling both
 * does not count one tray twice.
 *
 * A tray row carries two states: tmnxPhysChassPowerSup1Status is the overall state of the first
 * supply of the tray (or of the only one), Sup2Status the second supply of an AC-multiple tray or
 * the second input feed of a DC-multiple tray, 'deviceNotEquipped' otherwise. Both are read for the
 * same unit, so a tray with one failed supply or feed is reported failed: its redundancy is gone.
 *
 * Sources (verified, not remembered): TIMETRA-CHASSIS-MIB Rev 16.0 text (librenms
 * mibs/nokia/TIMETRA-CHASSIS-MIB.mib) for the objects, the index and TmnxDeviceState; the OIDs
 * of tmnxChassisObjs (1.3.6.1.4.1.6527.3.1.2.2.1) and the old tables from the compiled module
 * (lextudio/mibs.pysnmp.com pysnmp/TIMETRA-CHASSIS-MIB.py).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** tmnxChassisObjs */
const CHASSIS = '1.3.6.1.4.1.6527.3.1.2.2.1';

/**
 * TmnxDeviceState: deviceStateUnknown(1) deviceNotEquipped(2) deviceStateOk(3) deviceStateFailed(4)
 * deviceStateOutOfService(5) deviceNotProvisioned(6) deviceNotApplicable(7).
 * Out of service is an equipped unit that supplies no power or air: failed. Not provisioned says
 * nothing about the hardware: unknown. Not applicable means there is no such unit: absent.
 */
export const TMNX_DEVICE_STATE: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'absent', 3: 'ok', 4: 'failed', 5: 'failed', 6: 'unknown', 7: 'absent',
};

/**
 * The same states for the second supply (or feed) of a tray. 'deviceNotEquipped' is what every
 * tray that has no second supply reports, so it must not turn a present tray into an absent
 * one: it (like the other values that say nothing about the hardware) adds nothing.
 */
export const TMNX_SECOND_SUPPLY_STATE: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'unknown', 3: 'ok', 4: 'failed', 5: 'failed', 6: 'unknown', 7: 'unknown',
};

export const nokiaTimosProfile: Profile = {
  id: 'nokia-timos',
  mib: 'TIMETRA-CHASSIS-MIB',
  vendors: ['1.3.6.1.4.1.6527'],
  columns: {
    // tmnxPhysChassisFanOperStatus { tmnxPhysChassisFanEntry 2 }
    physFanOper: { oid: `${CHASSIS}.24.1.1.2`, type: 'int' },
    // tmnxPhysChassPowerSup1Status / Sup2Status { tmnxPhysChassisPowerSupplyEntry 6 / 7 }
    physPsu1: { oid: `${CHASSIS}.24.2.1.6`, type: 'int' },
    physPsu2: { oid: `${CHASSIS}.24.2.1.7`, type: 'int' },
    // obsolete since 15.0: tmnxChassisFanOperStatus { tmnxChassisFanEntry 2 }
    fanOper: { oid: `${CHASSIS}.4.1.2`, type: 'int' },
    // obsolete since 15.0: tmnxChassisPowerSupply1Status / 2Status { tmnxChassisPowerSupplyEntry 6 / 7 }
    psu1: { oid: `${CHASSIS}.5.1.6`, type: 'int' },
    psu2: { oid: `${CHASSIS}.5.1.7`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'physPsu1', status: { column: 'physPsu1', map: TMNX_DEVICE_STATE } },
    { kind: 'component', component: 'psu', rows: 'physPsu1', status: { column: 'physPsu2', map: TMNX_SECOND_SUPPLY_STATE } },
    { kind: 'component', component: 'fan', rows: 'physFanOper', status: { column: 'physFanOper', map: TMNX_DEVICE_STATE } },
    { kind: 'component', component: 'psu', rows: 'psu1', unlessRows: 'physPsu1', status: { column: 'psu1', map: TMNX_DEVICE_STATE } },
    { kind: 'component', component: 'psu', rows: 'psu1', unlessRows: 'physPsu1', status: { column: 'psu2', map: TMNX_SECOND_SUPPLY_STATE } },
    { kind: 'component', component: 'fan', rows: 'fanOper', unlessRows: 'physFanOper', status: { column: 'fanOper', map: TMNX_DEVICE_STATE } },
  ],
};
